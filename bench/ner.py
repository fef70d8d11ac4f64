"""Entity tagging benchmark: candidates on ThaiNER validation, the sample article, and stage speed.

    python bench/ner.py [--models models/entities /tmp/other_model_dir ...] [--no-baseline]

1. ThaiNER 1.5.1 validation (../shared/data/thainer15_val.jsonl): for each model directory (a
   ``crf.model`` with its gazetteers), the CRF alone and the CRF with gazetteers and rules, plus the
   pythainlp ThaiNER 1.5.1 CRF baseline: P/R/F1 micro over PERSON/ORGANIZATION/LOCATION, F1 per
   label, chars/s, model size.
2. The sample article through NormalizeStage -> SegmentStage -> EntitiesStage against
   seed_gold.json's entities: found / missing / wrong label or canonical.
3. Stage speed on thaigov_dev_1000.jsonl bodies: normalise and segment first, then time the entities
   stage alone (one thread).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from _common import ROOT, SHARED_DATA, dev_records, require

from thai_extract.document import Document
from thai_extract.eval.ner import ThaiNER151, evaluate_system, load
from thai_extract.stages.entities import EntitiesStage
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.text.entities.tagger import EntityTagger


def table(rows: list[dict]) -> None:
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(str(r.get(k, "")) for k in keys) + " |")


def model_size(model_dir: Path) -> str:
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.suffix in (".model", ".tsv"))
    return f"{size / 1e6:.1f} MB"


def sample_check(stage: EntitiesStage) -> None:
    text = require(SHARED_DATA / "sample_article.txt").read_text(encoding="utf-8")
    gold = json.loads(require(SHARED_DATA / "seed_gold.json").read_text(encoding="utf-8"))["entities"]
    doc = Document("sample", text)
    for s in (NormalizeStage(), SegmentStage(), stage):
        doc = s(doc)
    got = {(e["start"], e["end"]): e for e in doc.entities}
    found = missing = wrong = 0
    for g in gold:
        e = got.get((g["start"], g["end"]))
        if e is None:
            missing += 1
            print(f"  MISSING {g['text']} ({g['label']}, {g['canonical']})")
        elif (e["label"], e["canonical"]) != (g["label"], g["canonical"]):
            wrong += 1
            print(f"  WRONG   {g['text']}: {e['label']}, {e['canonical']} (gold {g['label']}, {g['canonical']})")
        else:
            found += 1
    crossing = sum(not any(s.start <= e["start"] and e["end"] <= s.end for s in doc.sentences) for e in doc.entities)
    print(f"sample article: {found}/{len(gold)} found with label and canonical, {missing} missing, "
          f"{wrong} wrong; {len(doc.entities)} mentions in all, {crossing} crossing a sentence boundary")


def stage_speed(stage: EntitiesStage, limit: int | None = None) -> None:
    normalize, segment = NormalizeStage(), SegmentStage()
    docs = [segment(normalize(Document(rec["id"], rec["body"]))) for rec in dev_records(limit)]
    n_chars = sum(len(d.text) for d in docs)
    stage(Document("warm", "ทดสอบ"))  # load the model outside the timing
    t0 = time.perf_counter()
    n_ent = 0
    for d in docs:
        n_ent += len(stage(d).entities)
    seconds = time.perf_counter() - t0
    print(f"entities stage on {len(docs)} thaigov_dev articles ({n_chars:,} chars): {seconds:.2f} s, "
          f"{n_chars / seconds:,.0f} chars/s, {n_ent:,} mentions")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", nargs="*", default=[str(ROOT / "models" / "entities")])
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--speed-docs", type=int, default=None)
    args = ap.parse_args()
    records = load(require(SHARED_DATA / "thainer15_val.jsonl"))
    rows = []
    for d in args.models:
        model_dir = Path(d)
        for rules in (False, True):
            name = f"{model_dir.name} CRF" + (" + gazetteers/rules" if rules else " alone")
            rows.append({"system": name, **evaluate_system(records, EntityTagger(model_dir / "crf.model", rules=rules)),
                         "size": model_size(model_dir)})
    if not args.no_baseline:
        rows.append({"system": "pythainlp ThaiNER 1.5.1 CRF (train+val: inflated)",
                     **evaluate_system(records, ThaiNER151()), "size": "1.5 MB"})
    print(f"ThaiNER 1.5.1 validation ({len(records)} lines); micro over PERSON/ORGANIZATION/LOCATION")
    table(rows)
    stage = EntitiesStage()
    sample_check(stage)
    stage_speed(stage, args.speed_docs)


if __name__ == "__main__":
    main()
