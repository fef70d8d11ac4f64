"""One document at a glance, from the output tables: what ``thai-extract show`` prints.

``document_view(tables, doc_id)`` gathers a document's rows from the tables of
:func:`thai_extract.loader.load` into one plain dict (JSON-able: ``show --json``);
``render_view`` turns it into a few readable lines.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from thai_extract.text.cooperation.rollup import summarise

ENTITY_LABELS = ("PERSON", "ORGANIZATION", "LOCATION", "FACILITY", "EVENT")


def _plain(value: Any) -> Any:
    """A JSON-able form of a DataFrame cell (dates as ISO strings, NaN/NaT as None, arrays as lists)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _rows(tables: Mapping[str, pd.DataFrame], table: str, doc_id: str, columns: list[str]) -> list[dict[str, Any]]:
    frame = tables.get(table)
    if frame is None or frame.empty:
        return []
    rows = frame[frame["doc_id"] == doc_id].sort_values("start" if "start" in frame else "doc_id")
    return [{c: _plain(r[c]) for c in columns if c in rows.columns} for _, r in rows.iterrows()]


def find_doc_ids(documents: pd.DataFrame, prefix: str) -> list[str]:
    """The doc_ids that are ``prefix`` or start with it."""
    ids = documents["doc_id"].astype(str)
    if prefix in set(ids):
        return [prefix]
    return sorted(set(ids[ids.str.startswith(prefix)]))


def document_view(tables: Mapping[str, pd.DataFrame], doc_id: str) -> dict[str, Any]:
    """Everything the tables hold about one document, as plain data."""
    [doc] = _rows(tables, "documents", doc_id, ["doc_id", "source", "title", "published", "n_sentences",
                                                 "n_tokens", "n_chars", "run_id"])
    entities = _rows(tables, "entities", doc_id, ["start", "end", "text", "label", "canonical", "source"])
    by_label: dict[str, list[dict[str, Any]]] = {}
    for e in entities:
        names = by_label.setdefault(e["label"], [])
        key = e["canonical"] or e["text"]
        for seen in names:
            if seen["name"] == key:
                seen["mentions"] += 1
                break
        else:
            names.append({"name": key, "text": e["text"], "mentions": 1})
    view = {
        **doc,
        "entities": by_label,
        "dates": _rows(tables, "dates", doc_id, ["start", "end", "text", "start_date", "end_date", "granularity",
                                                 "relative", "time"]),
        "corrections": _rows(tables, "corrections", doc_id, ["start", "end", "original", "text", "score", "applied"]),
        "cooperation": _rows(tables, "cooperation", doc_id, ["start", "end", "sent_id", "text", "area", "parties"]),
        "cooperation_events": _rows(tables, "cooperation_events", doc_id,
                                    ["start", "end", "parties", "areas", "kind", "start_date", "end_date",
                                     "date_source"]),
    }
    view["cooperation_summary"] = summarise(tables, doc_id).splitlines()[1:]
    return view


def _when(row: Mapping[str, Any]) -> str:
    start, end = row.get("start_date"), row.get("end_date")
    if start is None:
        return "unresolved"
    return start if start == end else f"{start} .. {end}"


def render_view(view: Mapping[str, Any]) -> str:
    """The view as a few lines of text."""
    lines = [f"{view['doc_id']}" + (f" — {view['title']}" if view.get("title") else "")]
    meta = [f"source {view['source']}"]
    if view.get("published"):
        meta.append(f"published {view['published']}")
    meta.append(f"{view['n_sentences']} sentences, {view['n_tokens']} tokens, {view['n_chars']} characters")
    lines.append("  " + "; ".join(meta))
    for label in [*ENTITY_LABELS, *(k for k in view["entities"] if k not in ENTITY_LABELS)]:
        names = view["entities"].get(label)
        if names:
            shown = ", ".join(n["name"] + (f" ×{n['mentions']}" if n["mentions"] > 1 else "") for n in names)
            lines.append(f"  {label.lower()}: {shown}")
    if view["dates"]:
        lines.append("  dates: " + "; ".join(f"{d['text']} ({_when(d)})" for d in view["dates"]))
    applied = [c for c in view["corrections"] if c.get("applied")]
    if applied:
        lines.append("  corrections: " + ", ".join(f"{c['original']}→{c['text']}" for c in applied))
    if view["cooperation_events"]:
        for i, e in enumerate(view["cooperation_events"], 1):
            on = f"on {', '.join(e['areas'])}" if len(e["areas"]) else "no area named"
            lines.append(f"  event {i}: {e.get('kind') or 'cooperation'} [{', '.join(e['parties'])}] "
                         f"{on}; {_when(e)} (date from {e['date_source']})")
    elif view["cooperation_summary"]:
        lines.extend(view["cooperation_summary"])
    else:
        lines.append("  no cooperation passage found")
    return "\n".join(lines)
