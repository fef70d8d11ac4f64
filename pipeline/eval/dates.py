"""``thai-extract eval dates FILE.jsonl``: date mentions scored against gold, ours and dateparser's.

FILE holds one record a line: ``{doc_id, text, published, dates: [{start, end, start_date, end_date,
granularity}]}`` (``published`` an ISO date or null; a gold date's values may be null when only its
span is annotated). A predicted span matches a gold span when they overlap (one-to-one, largest
overlaps first). Value accuracy counts matched spans whose gold has values and whose start_date,
end_date and granularity are all exact.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thai_extract.text.dates import find_dates


@dataclass(frozen=True, slots=True)
class Span:
    """A date mention to score: offsets and (optional) value."""

    start: int
    end: int
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    granularity: str | None = None


Predictor = Callable[[str, dt.date | None], list[Span]]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def load(path: str | Path) -> list[dict[str, Any]]:
    """The records of an eval file, with dates parsed."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            rec["published"] = _date(rec.get("published"))
            rec["gold"] = [Span(d["start"], d["end"], _date(d.get("start_date")), _date(d.get("end_date")),
                                d.get("granularity")) for d in rec.get("dates", [])]
            records.append(rec)
    return records


def match_spans(gold: list[Span], pred: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping gold and predicted spans, largest overlap first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, abs(g.start - p.start), i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def ours(text: str, published: dt.date | None) -> list[Span]:
    """thai-extract's date mentions."""
    return [Span(m.start, m.end, m.start_date, m.end_date, m.granularity) for m in find_dates(text, published)]


def dateparser_predictor() -> Predictor | None:
    """dateparser's ``search_dates(languages=["th"])`` as a predictor (one-day ranges), or None if absent."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def predict(text: str, published: dt.date | None) -> list[Span]:
        settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time())} if published else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(text, languages=["th"], settings=settings) or []
        spans, cursor = [], 0
        for surface, when in found:
            start = text.find(surface, cursor)
            if start < 0:
                start = text.find(surface)
            if start < 0:
                continue
            cursor = start + len(surface)
            spans.append(Span(start, start + len(surface), when.date(), when.date(), "day"))
        return spans

    return predict


def score(records: Iterable[dict[str, Any]], predict: Predictor, system: str) -> dict[str, Any]:
    """Span precision/recall/F1 (overlap) and value accuracy of one system over the records."""
    n_gold = n_pred = n_match = n_valued = n_exact = n_chars = 0
    elapsed = 0.0
    for rec in records:
        t0 = time.perf_counter()
        pred = predict(rec["text"], rec["published"])
        elapsed += time.perf_counter() - t0
        n_chars += len(rec["text"])
        gold = rec["gold"]
        n_gold += len(gold)
        n_pred += len(pred)
        for g, p in match_spans(gold, pred):
            n_match += 1
            if g.start_date is not None:
                n_valued += 1
                n_exact += (g.start_date, g.end_date, g.granularity) == (p.start_date, p.end_date, p.granularity)
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "system": system, "n_gold": n_gold, "n_pred": n_pred, "matched": n_match,
        "span_p": round(precision, 4), "span_r": round(recall, 4), "span_f1": round(f1, 4),
        "n_valued": n_valued, "value_acc": round(n_exact / n_valued, 4) if n_valued else "n/a",
        "chars_per_s": round(n_chars / elapsed) if elapsed > 0 else 0,
    }


def evaluate(path: str | Path, baselines: bool = True) -> list[dict[str, Any]]:
    """One row per system: thai-extract, then dateparser (when ``baselines``)."""
    records = load(path)
    rows = [score(records, ours, "thai-extract")]
    if baselines:
        predict = dateparser_predictor()
        if predict is None:
            rows.append({"system": "dateparser", "note": "not installed (pip install dateparser)"})
        else:
            rows.append(score(records, predict, "dateparser"))
    return rows
