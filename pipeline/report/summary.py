"""Corpus counts for the report's header cards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from thai_extract.report.frames import iso_dates, strings, table


@dataclass(frozen=True)
class Count:
    """One header card: a name, its number, and a line of detail."""

    name: str
    value: int
    detail: str = ""


def corpus_counts(tables: Mapping[str, pd.DataFrame], passages: pd.DataFrame) -> list[Count]:
    """Documents, sentences, tokens, mentions, passages, parties and errors of the whole folder."""
    documents = table(tables, "documents")
    entities, dates = table(tables, "entities"), table(tables, "dates")
    corrections, errors = table(tables, "corrections"), table(tables, "errors")
    published = iso_dates(documents["published"]).dropna()
    applied = int(corrections["applied"].fillna(True).astype(bool).sum())
    labels = entities["label"].dropna().astype(str).value_counts()
    parties = {p for v in passages["parties"] for p in strings(v)}
    reasons = errors["reason"].fillna("?").astype(str).value_counts()
    return [
        Count("documents", len(documents),
              f"published {published.min()} to {published.max()}" if len(published) else "no publication dates"),
        Count("sentences", _total(documents["n_sentences"], len(tables.get("sentences", ())))),
        Count("tokens", _total(documents["n_tokens"], len(tables.get("tokens", ())))),
        Count("characters", _total(documents["n_chars"], int(documents["text"].dropna().str.len().sum()))),
        Count("entities", len(entities), ", ".join(f"{n:,} {label.lower()}" for label, n in labels.items())),
        Count("dates", len(dates), f"{int(dates['start_date'].notna().sum()):,} resolved to a calendar date"),
        Count("corrections", len(corrections), f"{applied:,} applied, {len(corrections) - applied:,} suggested"),
        Count("cooperation passages", len(passages),
              f"in {passages['doc_id'].nunique():,} documents; {_dated_in_text(passages):,} dated by the text"),
        Count("parties", len(parties), "countries and organisations that cooperate"),
        Count("errors", len(errors), ", ".join(f"{n:,} {code}" for code, n in reasons.items()) or "none"),
    ]


def _total(column: pd.Series, fallback: int) -> int:
    """The sum of a per-document count column, or ``fallback`` where the column is empty."""
    values = pd.to_numeric(column, errors="coerce").dropna()
    return int(values.sum()) if len(values) else int(fallback)


def _dated_in_text(passages: pd.DataFrame) -> int:
    """Passages whose date comes from the text, not only from the publication date."""
    return int((passages["start_date"].notna() & (passages["date_source"] != "published")).sum())
