"""Cooperation passages: the ``cooperation_events`` table when the folder has one, else rebuilt.

A rebuilt passage is the cooperation rows of one sentence (doc_id, sent_id): its parties and
areas are theirs, its span the sentence's. Its date is a dated mention in that sentence, else the
nearest one in the two sentences before (where a meeting is usually dated), else the publication
date; ``date_source`` says which (``sentence``, ``context``, ``published``).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

import pandas as pd

from thai_extract.report.frames import COLUMNS, iso_dates, present, strings, table

PASSAGE_COLUMNS = COLUMNS["cooperation_events"]
_DATE_LOOKBACK = 2


def cooperation_passages(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per cooperation passage: doc_id, start, end, text, parties, areas, kind, dates."""
    if "cooperation_events" in tables:
        events = table(tables, "cooperation_events")
        passages = events[list(PASSAGE_COLUMNS)].copy()
        passages["parties"] = passages["parties"].map(lambda v: sorted(set(strings(v))))
        passages["areas"] = passages["areas"].map(lambda v: list(dict.fromkeys(strings(v))))
    else:
        passages = _rebuilt(tables)
    for column in ("start_date", "end_date"):
        passages[column] = iso_dates(passages[column])
    return passages.reset_index(drop=True)


def _rebuilt(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    coop = table(tables, "cooperation").dropna(subset=["doc_id", "start", "end"])
    if coop.empty:
        return pd.DataFrame(columns=list(PASSAGE_COLUMNS))
    sentences = table(tables, "sentences")
    sentences = sentences[sentences["doc_id"].isin(set(coop["doc_id"]))]
    spans = {(d, s): (int(a), int(b), str(t)) for d, s, a, b, t in
             sentences[["doc_id", "sent_id", "start", "end", "text"]].itertuples(index=False)}
    dates, published = _dated(tables), _published(tables)
    records = coop[["doc_id", "sent_id", "start", "end", "text", "area", "parties"]].to_dict("records")
    for record in records:
        record["sent_id"] = int(record["sent_id"]) if present(record["sent_id"]) else None
    records.sort(key=lambda r: (r["doc_id"], -1 if r["sent_id"] is None else r["sent_id"], r["start"]))
    rows = []
    for (doc_id, sent_id), group in groupby(records, key=lambda r: (r["doc_id"], r["sent_id"])):
        group = list(group)
        own = (int(group[0]["start"]), int(max(r["end"] for r in group)), " ".join(str(r["text"]) for r in group))
        start, end, text = spans.get((doc_id, sent_id), own)
        start_date, end_date, source = _passage_date(dates.get(doc_id), sent_id)
        if start_date is None and published.get(doc_id):
            start_date = end_date = published[doc_id]
            source = "published"
        rows.append({
            "doc_id": doc_id, "start": start, "end": end, "text": text,
            "parties": sorted({p for r in group for p in strings(r["parties"])}),
            "areas": list(dict.fromkeys(str(r["area"]) for r in group if present(r["area"]))),
            "kind": None, "start_date": start_date, "end_date": end_date, "date_source": source,
        })
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))


def _dated(tables: Mapping[str, pd.DataFrame]) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per document: (sent_id, start, start_date, end_date) of each mention with a date, in text order."""
    dates = table(tables, "dates")
    dates["start_date"], dates["end_date"] = iso_dates(dates["start_date"]), iso_dates(dates["end_date"])
    dates = dates.dropna(subset=["doc_id", "sent_id", "start_date"]).sort_values(["doc_id", "start"])
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in dates.itertuples(index=False):
        out.setdefault(row.doc_id, []).append((int(row.sent_id), int(row.start), row.start_date,
                                               row.end_date or row.start_date))
    return out


def _published(tables: Mapping[str, pd.DataFrame]) -> dict[str, str | None]:
    documents = table(tables, "documents")
    return dict(zip(documents["doc_id"], iso_dates(documents["published"])))


def _passage_date(dates: list[tuple[int, int, str, str]] | None, sent: int | None) -> tuple[str | None, str | None, str | None]:
    if not dates or sent is None:
        return None, None, None
    same = [d for d in dates if d[0] == sent]
    if same:
        return same[0][2], same[0][3], "sentence"
    before = [d for d in dates if sent - _DATE_LOOKBACK <= d[0] < sent]
    if before:
        return before[-1][2], before[-1][3], "context"
    return None, None, None
