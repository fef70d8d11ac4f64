"""Load the output tables of ``thai-extract run`` as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.io.schemas import TABLES


def load_table(out_dir: str | Path, table: str) -> pd.DataFrame:
    """One output table (every run's part files) as a DataFrame."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {list(TABLES)}")
    path = Path(out_dir) / table
    if not path.is_dir():
        raise FileNotFoundError(f"no table {table!r} under {out_dir}: run `thai-extract run ... --out {out_dir}` first")
    return pd.read_parquet(path)


def load(out_dir: str | Path = "data/processed") -> dict[str, pd.DataFrame]:
    """Every output table under ``out_dir`` that exists, by name."""
    return {t: load_table(out_dir, t) for t in TABLES if (Path(out_dir) / t).is_dir()}
