"""Load the output tables of ``thai-extract run`` as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from thai_extract.io.schemas import TABLES


def load_table(out_dir: str | Path, table: str, latest: bool = True) -> pd.DataFrame:
    """One output table as a DataFrame.

    With ``latest`` (the default) a document processed more than once (its content changed, or
    ``--reprocess``) contributes only the rows of its latest run; ``latest=False`` returns every
    run's rows. The errors table always has every row.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {list(TABLES)}")
    keep = _latest_runs(Path(out_dir)) if latest and table != "errors" else None
    return _read(Path(out_dir), table, keep)


def _read(out_dir: Path, table: str, keep: pd.DataFrame | None) -> pd.DataFrame:
    """``table``'s rows, only those of the (doc_id, run_id) pairs in ``keep`` when given."""
    path = out_dir / table
    if not path.is_dir():
        raise FileNotFoundError(f"no table {table!r} under {out_dir}: run `thai-extract run ... --out {out_dir}` first")
    frame = pd.read_parquet(path)
    if keep is None or table == "errors":
        return frame
    return frame.merge(keep, on=["doc_id", "run_id"], how="inner")


def _latest_runs(out_dir: Path) -> pd.DataFrame | None:
    """(doc_id, run_id) of each document's latest run in the documents table.

    The documents table is the commit point (it is renamed into place last), so this also leaves
    out the rows of a commit that a killed run left half in place, until the next run finishes it.
    """
    if not (out_dir / "documents").is_dir():
        return None
    docs = pd.read_parquet(out_dir / "documents", columns=["doc_id", "run_id", "processed_at"])
    docs = docs.sort_values(["processed_at", "run_id"], kind="stable")
    return docs.drop_duplicates("doc_id", keep="last")[["doc_id", "run_id"]]


def load(out_dir: str | Path = "data/processed", latest: bool = True) -> dict[str, pd.DataFrame]:
    """Every output table under ``out_dir`` that exists, by name (see ``load_table``)."""
    out_dir = Path(out_dir)
    keep = _latest_runs(out_dir) if latest else None  # read once for every table
    return {t: _read(out_dir, t, keep) for t in TABLES if (out_dir / t).is_dir()}
