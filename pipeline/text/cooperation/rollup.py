"""A document's cooperation at a glance: parties, areas, and the dates of each passage.

``summarise(tables, doc_id)`` takes the tables of :func:`thai_extract.loader.load` (a dict of
DataFrames: ``cooperation``, ``dates``, optionally ``entities``/``documents``) or a plain dict of row
lists, and returns a few lines of text. The flat tables keep no passage id, so a passage is
rebuilt as a run of cooperation rows with the same parties whose sentences are at most one apart;
its dates are the dates rows in those sentences or in the two sentences before (where the meeting
is usually dated: "ทั้งสองฝ่ายได้พบหารือกันเมื่อ 14 พฤษภาคม 2568").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_DATE_LOOKBACK = 2


def _rows(tables: Mapping[str, Any], name: str, doc_id: str) -> list[dict[str, Any]]:
    table = tables.get(name)
    if table is None:
        return []
    if hasattr(table, "to_dict"):  # a DataFrame
        if len(table) == 0 or "doc_id" not in table:
            return []
        rows = table[table["doc_id"] == doc_id].to_dict("records")
    else:
        rows = [r for r in table if r.get("doc_id", doc_id) == doc_id]
    return sorted(rows, key=lambda r: (r.get("start", 0), r.get("end", 0)))


def _parties(row: dict[str, Any]) -> tuple[str, ...]:
    parties = row.get("parties")
    return tuple(sorted(str(p) for p in (list(parties) if parties is not None else [])))


def _date_text(row: dict[str, Any]) -> str:
    start, end = row.get("start_date"), row.get("end_date")
    value = str(start) if start == end or end is None else f"{start}..{end}"
    return f"{row.get('text', '')} ({value})" if start is not None else str(row.get("text", ""))


def passages(coop_rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Runs of rows with the same parties in sentences at most one apart."""
    groups: list[list[dict[str, Any]]] = []
    for row in coop_rows:
        sent = row.get("sent_id")
        if groups:
            last = groups[-1][-1]
            near = sent is not None and last.get("sent_id") is not None and 0 <= sent - last["sent_id"] <= 1
            if near and _parties(last) == _parties(row):
                groups[-1].append(row)
                continue
        groups.append([row])
    return groups


def summarise(tables: Mapping[str, Any], doc_id: str) -> str:
    """A short human-readable roll-up of one document's cooperation."""
    coop = _rows(tables, "cooperation", doc_id)
    dates = _rows(tables, "dates", doc_id)
    title = ""
    docs = _rows(tables, "documents", doc_id)
    if docs and isinstance(docs[0].get("title"), str) and docs[0]["title"]:  # pandas gives NaN for none
        title = f" — {docs[0]['title']}"
    lines = [f"{doc_id}{title}"]
    if not coop:
        lines.append("  no cooperation passage found")
        return "\n".join(lines)
    parties = sorted({p for r in coop for p in _parties(r)})
    areas: dict[str, int] = {}
    for r in coop:
        areas[r["area"]] = areas.get(r["area"], 0) + 1
    lines.append(f"  parties: {', '.join(parties)}")
    lines.append("  areas:   " + ", ".join(f"{a} ×{n}" if n > 1 else a for a, n in areas.items()))
    for i, group in enumerate(passages(coop), 1):
        sents = [r["sent_id"] for r in group if r.get("sent_id") is not None]
        when: list[str] = []
        if sents:
            lo, hi = min(sents) - _DATE_LOOKBACK, max(sents)
            when = list(dict.fromkeys(_date_text(d) for d in dates
                                      if d.get("sent_id") is not None and lo <= d["sent_id"] <= hi))
        words = ", ".join(dict.fromkeys(f"{r['area']} ({r.get('text', '')})" for r in group))
        lines.append(f"  passage {i} [{'-'.join(_parties(group[0])) or '?'}]: {words}"
                     + (f"; dates: {'; '.join(when)}" if when else ""))
    return "\n".join(lines)
