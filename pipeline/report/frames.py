"""The output tables as the report reads them: always present, always with the columns it uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

# The columns of each table that the report reads (README "Output tables").
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "published", "text", "n_sentences", "n_tokens", "n_chars"),
    "sentences": ("doc_id", "sent_id", "start", "end", "text"),
    "corrections": ("doc_id", "sent_id", "start", "end", "original", "text", "score", "applied"),
    "entities": ("doc_id", "sent_id", "start", "end", "text", "label", "canonical"),
    "dates": ("doc_id", "sent_id", "start", "end", "text", "start_date", "end_date", "granularity"),
    "cooperation": ("doc_id", "sent_id", "start", "end", "text", "area", "parties"),
    "cooperation_events": ("doc_id", "start", "end", "text", "parties", "areas", "kind", "start_date",
                           "end_date", "date_source"),
    "errors": ("source", "doc_id", "stage", "reason", "detail"),
}


def table(tables: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    """``tables[name]`` with every column the report reads (missing ones null); empty when absent.

    Categorical columns come back as plain objects, so missing values are ``None``/NaN, never a
    category of their own.
    """
    frame = tables.get(name)
    frame = pd.DataFrame() if frame is None else frame.copy()
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        elif isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object)
    return frame.reset_index(drop=True)


def strings(value: Any) -> list[str]:
    """A list column's cell (list, numpy array, None or NaN) as a list of strings."""
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]


def present(value: Any) -> bool:
    """Whether a cell holds a value (not None, NaN or NaT)."""
    return value is not None and not (not isinstance(value, (list, tuple)) and pd.isna(value))


def iso_dates(column: pd.Series) -> pd.Series:
    """A date column (date objects, datetime64 or strings) as ISO ``YYYY-MM-DD`` strings, None where absent."""
    parsed = pd.to_datetime(column, errors="coerce")
    return parsed.dt.strftime("%Y-%m-%d").astype(object).where(parsed.notna(), None)
