"""``thai-extract eval cooperation FILE.jsonl``: cooperation areas and parties scored per gold span.

FILE holds one record a line: ``{doc_id, text, published?, spans: [{start, end, areas, parties}]}``
(offsets into ``text``; a span with no areas is a domestic span, where nothing should be tagged).
The full default pipeline runs up to the cooperation stage on each text. Per gold span, the
predicted areas are those of the rows overlapping it, and both sides are rolled up to their parents
(each code plus its parent) before counting; the predicted parties are those of the same rows.
Micro precision/recall/F1 over (span, code) pairs, for areas and for parties (party codes compared
in upper case with "-" read as "_": "IMT-GT" is IMT_GT); the domestic tag rate
is the share of domestic spans with any row. The baseline "keyword lookup" tags every taxonomy term
found anywhere in a span (no context rule) and takes its parties from the lexicon alone; "rules
only" is our detector without its learned paragraph model, on the same stage outputs. Beside our
party figures, ``event_party_*`` score the parties of the ``cooperation_events`` that overlap each
span instead of the rows': events include cooperation that names no area (a courtesy call, a visit),
which annotators label with parties and no areas.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from thai_extract.annotations import CooperationMention
from thai_extract.document import Document
from thai_extract.text.cooperation.taxonomy import Taxonomy, is_ascii_term

SpanPrediction = tuple[set[str], set[str]]   # areas, parties


def load(path: str | Path) -> list[dict[str, Any]]:
    """The records of an eval file."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                rec.setdefault("spans", [])
                records.append(rec)
    return records


def build_pipeline(**cooperation: Any) -> tuple[Any, Any]:
    """The default stages up to entities (when registered), and the cooperation stage (with the
    settings ``cooperation``)."""
    from thai_extract.core import Pipeline
    from thai_extract.registry import STAGE_FACTORIES
    from thai_extract.stages.cooperation import CooperationStage

    names = [n for n in ("normalize", "spelling", "segment", "entities") if n in STAGE_FACTORIES]
    coop = STAGE_FACTORIES["cooperation"](**cooperation) if "cooperation" in STAGE_FACTORIES else CooperationStage(**cooperation)
    return Pipeline.from_config({"pipeline": {"stages": names}}), coop


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def party_key(code: str) -> str:
    """A party code as scored: upper case, "-" as "_" (annotators write "IMT-GT" for our IMT_GT)."""
    return code.upper().replace("-", "_")


def score(records: list[dict[str, Any]], predictions: list[list[SpanPrediction]], tax: Taxonomy,
          system: str, n_chars: int, elapsed: float, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Micro P/R/F1 of areas and parties over every gold span, and the domestic tag rate."""
    a_tp = a_pred = a_gold = p_tp = p_pred = p_gold = 0
    n_coop = n_dom = dom_tagged = 0
    for rec, preds in zip(records, predictions, strict=True):
        for span, (areas, parties) in zip(rec["spans"], preds, strict=True):
            gold_areas = tax.rollup(set(span.get("areas") or []))
            gold_parties = {party_key(p) for p in span.get("parties") or []}
            parties = {party_key(p) for p in parties}
            pred_areas = tax.rollup(areas)
            if gold_areas:
                n_coop += 1
            else:
                n_dom += 1
                dom_tagged += bool(pred_areas)
            a_tp += len(gold_areas & pred_areas)
            a_pred += len(pred_areas)
            a_gold += len(gold_areas)
            p_tp += len(gold_parties & parties)
            p_pred += len(parties)
            p_gold += len(gold_parties)
    ap, ar, af = _prf(a_tp, a_pred, a_gold)
    pp, pr, pf = _prf(p_tp, p_pred, p_gold)
    row = {"system": system, "n_spans": n_coop + n_dom, "n_coop": n_coop, "n_domestic": n_dom,
           "area_p": ap, "area_r": ar, "area_f1": af, "party_p": pp, "party_r": pr, "party_f1": pf,
           "domestic_tagged": round(dom_tagged / n_dom, 4) if n_dom else "n/a",
           "chars_per_s": round(n_chars / elapsed) if elapsed > 0 else 0}
    row.update(extra or {})
    return row


def overlapping(rows: Sequence[CooperationMention], start: int, end: int) -> SpanPrediction:
    """The areas and parties of the cooperation mentions that overlap ``[start, end)``."""
    hit = [r for r in rows if r.start < end and r.end > start]
    return {r.area for r in hit}, {p for r in hit for p in r.parties}


def event_parties(events: Sequence[Any], start: int, end: int) -> set[str]:
    """The parties of the cooperation events that overlap ``[start, end)`` (those that name no area too)."""
    return {p for e in events if e.start < end and e.end > start for p in e.parties}


def keyword_lookup(tax: Taxonomy) -> Callable[[str], SpanPrediction]:
    """Every taxonomy term in a text → its area; parties by the lexicon (no context rule)."""
    regex, terms = tax.regex, tax.terms

    def predict(text: str) -> SpanPrediction:
        areas: set[str] = set()
        parties: set[str] = set()
        for m in regex.finditer(text):
            if m.lastgroup == "cont":
                continue
            term = m.group()
            kind, code = terms.get(term, ("ignore", ""))
            if is_ascii_term(term):
                s, e = m.start(), m.end()
                if (s and text[s - 1].isascii() and text[s - 1].isalnum()) or \
                        (e < len(text) and text[e].isascii() and text[e].isalnum()):
                    continue
            if kind == "area":
                areas.add(code)
            elif kind == "party":
                parties.add(code)
            elif kind == "group":
                parties.update(tax.groups[code])
        return areas, parties

    return predict


def evaluate(path: str | Path, baselines: bool = True) -> list[dict[str, Any]]:
    """One row per system: thai-extract, then (when ``baselines``) its rules alone and the keyword lookup."""
    from thai_extract.stages.cooperation import CooperationStage

    records = load(path)
    pipe, coop = build_pipeline()
    rules = CooperationStage(settings=dataclasses.replace(coop.settings, learned=False))
    tax = coop.tax
    preds: list[list[SpanPrediction]] = []
    event_preds: list[list[SpanPrediction]] = []
    rule_preds: list[list[SpanPrediction]] = []
    n_chars = sum(len(r["text"]) for r in records)
    t_pipe = t_stage = t_rules = 0.0
    for i, rec in enumerate(records):
        doc = Document(doc_id=str(rec.get("doc_id", i)), text=rec["text"], source=str(path))
        t0 = time.perf_counter()
        doc = pipe(doc)
        t1 = time.perf_counter()
        if baselines:
            ruled = rules(dataclasses.replace(doc, cooperation=[], cooperation_events=[]))
            rule_preds.append([overlapping(ruled.cooperation, s["start"], s["end"]) for s in rec["spans"]])
        t2 = time.perf_counter()
        doc = coop(doc)
        t3 = time.perf_counter()
        t_pipe += t1 - t0
        t_rules += t2 - t1
        t_stage += t3 - t2
        preds.append([overlapping(doc.cooperation, s["start"], s["end"]) for s in rec["spans"]])
        event_preds.append([(set(), event_parties(doc.cooperation_events, s["start"], s["end"])) for s in rec["spans"]])
    stages = "+".join(s.name for s in pipe.stages) + "+cooperation"
    by_events = score(records, event_preds, tax, "events", n_chars, t_stage)
    rows = [score(records, preds, tax, "thai-extract", n_chars, t_stage,
                  {"pipeline_chars_per_s": round(n_chars / (t_pipe + t_stage)) if t_pipe + t_stage else 0,
                   "event_party_p": by_events["party_p"], "event_party_r": by_events["party_r"],
                   "event_party_f1": by_events["party_f1"], "stages": stages})]
    if baselines:
        rows.append(score(records, rule_preds, tax, "rules only", n_chars, t_rules))
        predict = keyword_lookup(tax)
        t0 = time.perf_counter()
        base = [[predict(rec["text"][s["start"]:s["end"]]) for s in rec["spans"]] for rec in records]
        rows.append(score(records, base, tax, "keyword lookup", sum(s["end"] - s["start"] for r in records
                                                                    for s in r["spans"]),
                          time.perf_counter() - t0))
    return rows
