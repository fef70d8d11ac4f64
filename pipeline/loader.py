"""Load the output tables of ``thai-extract run`` as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.io.schemas import TABLES


def load_table(out_dir: str | Path, table: str, latest: bool = True) -> pd.DataFrame:
    """One output table as a DataFrame.

    With ``latest`` (the default) a document processed more than once (its content changed, or
    ``--reprocess``) contributes only the rows of its latest run; ``latest=False`` returns every
    run's rows. The errors table always has every row.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {list(TABLES)}")
    path = Path(out_dir) / table
    if not path.is_dir():
        raise FileNotFoundError(f"no table {table!r} under {out_dir}: run `thai-extract run ... --out {out_dir}` first")
    frame = pd.read_parquet(path)
    if not latest or table == "errors":
        return frame
    keep = _latest_runs(Path(out_dir))
    if keep is None:
        return frame
    return frame.merge(keep, on=["doc_id", "run_id"], how="inner")


def _latest_runs(out_dir: Path) -> pd.DataFrame | None:
    """(doc_id, run_id) of each document's latest run, or None when no document was processed twice."""
    docs = pd.read_parquet(out_dir / "documents", columns=["doc_id", "run_id", "processed_at"])
    if not docs.doc_id.duplicated().any():
        return None
    docs = docs.sort_values(["processed_at", "run_id"], kind="stable")
    return docs.drop_duplicates("doc_id", keep="last")[["doc_id", "run_id"]].drop_duplicates()


def load(out_dir: str | Path = "data/processed", latest: bool = True) -> dict[str, pd.DataFrame]:
    """Every output table under ``out_dir`` that exists, by name (see ``load_table``)."""
    return {t: load_table(out_dir, t, latest) for t in TABLES if (Path(out_dir) / t).is_dir()}
