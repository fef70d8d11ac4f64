"""Load the output tables of ``thai-extract run`` as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from thai_extract.io.output import OutputFolder
from thai_extract.io.schemas import SCHEMAS, TABLES

CATEGORIES = ("label", "area", "area_parent", "granularity", "method", "stage", "reason")
"""Columns with few distinct values, loaded as pandas categories."""
Types = Literal["pandas", "arrow"]


def load_table(out_dir: str | Path, table: str, latest: bool = True, types: Types = "pandas") -> pd.DataFrame:
    """One output table as a DataFrame.

    With ``latest`` (the default) a document processed more than once (its content changed, or
    ``--reprocess``) contributes only the rows of its latest run; ``latest=False`` returns every
    run's rows. The errors table always has every row. ``types="pandas"`` gives dates as
    ``datetime64`` and labels, areas and granularities as categories; ``types="arrow"`` gives
    Arrow-backed columns (``pd.ArrowDtype``), exactly the Parquet types.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {list(TABLES)}")
    folder = OutputFolder(out_dir)
    keep = _latest_runs(folder) if latest and table != "errors" else None
    return _read(folder, table, keep, types)


def _arrow(folder: OutputFolder, table: str, columns: list[str] | None = None) -> pa.Table:
    """Our committed part files of ``table`` as one Arrow table in today's schema (older files get
    nulls in columns added since); an empty table when there are none."""
    schema = SCHEMAS[table]
    parts = folder.parts(table)
    if not parts:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    return pads.dataset([str(p) for p in parts], format="parquet", schema=schema).to_table(columns=columns)


def _to_pandas(arrow: pa.Table, types: Types) -> pd.DataFrame:
    if types == "arrow":
        return arrow.to_pandas(types_mapper=pd.ArrowDtype)
    frame = arrow.to_pandas(date_as_object=False)
    for column in CATEGORIES:
        if column in frame.columns:
            frame[column] = frame[column].astype("category")
    return frame


def _read(folder: OutputFolder, table: str, keep: pa.Table | None, types: Types) -> pd.DataFrame:
    """``table``'s rows, only those of the (doc_id, run_id) pairs in ``keep`` when given."""
    if not (folder.root / table).is_dir():
        raise FileNotFoundError(f"no table {table!r} under {folder.root}: run `thai-extract run ... --out {folder.root}` first")
    arrow = _arrow(folder, table)
    if keep is not None and table != "errors":
        arrow = arrow.filter(pc.is_in(_pair_keys(arrow), value_set=_pair_keys(keep)))
    return _to_pandas(arrow, types)


def _pair_keys(table: pa.Table) -> pa.Array:
    """One string per row for its (doc_id, run_id) pair."""
    return pc.binary_join_element_wise(table.column("doc_id"), table.column("run_id"), "\x00")


def _latest_runs(folder: OutputFolder) -> pa.Table:
    """(doc_id, run_id) of each document's latest run in the documents table.

    The documents table is the commit point (it is renamed into place last), so this also leaves
    out the rows of a commit that a killed run left half in place, until the next run finishes it.
    """
    docs = _arrow(folder, "documents", ["doc_id", "run_id", "processed_at"])
    docs = docs.sort_by([("processed_at", "ascending"), ("run_id", "ascending")])
    latest: dict[str, str] = dict(zip(docs.column("doc_id").to_pylist(), docs.column("run_id").to_pylist()))
    return pa.table({"doc_id": pa.array(list(latest), pa.string()), "run_id": pa.array(list(latest.values()), pa.string())})


def load(out_dir: str | Path = "data/processed", latest: bool = True, types: Types = "pandas") -> dict[str, pd.DataFrame]:
    """Every output table under ``out_dir`` that exists, by name (see ``load_table``).

    A folder whose runs committed nothing yet gives empty tables with the right columns.
    """
    folder = OutputFolder(out_dir)
    keep = _latest_runs(folder) if latest else None  # read once for every table
    return {t: _read(folder, t, keep, types) for t in TABLES if (folder.root / t).is_dir()}
