"""Cooperation benchmark: eval table (ours, our rules alone, keyword lookup), the sample article, speed, samples.

    .venv/bin/python bench/cooperation.py [--docs N] [--samples 30] [--show-errors N]

Builds eval files from ``bench/data/cooperation_dev_gold.jsonl`` (the five passages of
seed_gold.json plus spans the developer picked from the dev news) and
``bench/data/cooperation_dev_blind*.jsonl`` (spans of dev articles labelled by annotators who
neither read nor ran the detector: random articles and random articles among those with
cooperation words; cooperation passages and the first three domestic sentences with area words;
#1 85 articles, #2 54, #3 60, #4 58, #5 70, each set with articles of its own; #6 80: 30 random dev
articles, 30 dev articles with cue words, 20 unlabeled articles with cue words and foreign parties,
the dev news having no unused cooperation news left); #7, #8, #9 and #10 60 each: 30 random dev
articles and 30 unlabeled articles with cue words and foreign names, one span per paragraph; #11,
#12 and #13 the same, each scored once before any rule change saw it. The paragraph model learned
from the developer's spans and sets #1-#12 (``TRAIN_SETS``); #13 is held out from it (#9 was the
blind test of the model of sets #1-#8, #10 and #11 of sets #1-#9, #12 of sets #1-#11). All hold article ids,
offsets and labels only; the text is cut from ../shared/data at run time. Then prints
the eval table, the sample-article check, the stage's speed on the dev news (stage alone, one core)
and sample rows found in the dev news to eyeball.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SHARED_DATA, article_text, dev_records, require, unlabeled_texts  # noqa: F401  (sets sys.path, offline switches)

from thai_extract.document import Document
from thai_extract.eval.cooperation import build_pipeline, evaluate, overlapping

GOLD = ROOT / "bench" / "data" / "cooperation_dev_gold.jsonl"
BLIND = ROOT / "bench" / "data" / "cooperation_dev_blind.jsonl"
BLIND_MORE = [ROOT / "bench" / "data" / f"cooperation_dev_blind{n}.jsonl" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)]  # other annotators
TRAIN_SETS = [GOLD, BLIND, *BLIND_MORE[:11]]  # what the shipped paragraph model learned from (sets #1-#12)


def article_texts(ids: set[str]) -> dict[str, str]:
    """Texts by id: ``sample_article``, dev and unlabeled thaigov ids (title + "\\n" + body)."""
    texts = {"sample_article": require(SHARED_DATA / "sample_article.txt").read_text(encoding="utf-8")}
    for rec in dev_records():
        if rec["id"] in ids:
            texts[rec["id"]] = article_text(rec)
    return texts | unlabeled_texts(ids - set(texts))


def build_eval_file(gold: Path, out: Path, sample: str | None = None) -> int:
    """An eval file of the spans in ``gold`` (only those of ``sample`` when given); returns the span count."""
    spans_by_doc: dict[str, list[dict]] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            if sample is None or g.get("sample") == sample:
                spans_by_doc.setdefault(g["doc_id"], []).append(
                    {k: g[k] for k in ("start", "end", "areas", "parties")})
    texts = article_texts(set(spans_by_doc))
    with open(out, "w", encoding="utf-8") as fh:
        for doc_id, spans in spans_by_doc.items():
            fh.write(json.dumps({"doc_id": doc_id, "text": texts[doc_id], "spans": spans}, ensure_ascii=False) + "\n")
    return sum(len(s) for s in spans_by_doc.values())


SECOND = ROOT / "bench" / "data" / "cooperation_dev_blind10_second.jsonl"  # set #10 labelled again, by other annotators


def agreement(first: Path, second: Path) -> None:
    """The second annotation of a set scored against the first with the eval's metric: how far apart
    two annotators with the same guide are (no extractor runs)."""
    from thai_extract.eval.cooperation import score
    from thai_extract.text.cooperation.taxonomy import cached_taxonomy

    def spans(path: Path) -> dict[tuple[str, int], dict]:
        return {(g["doc_id"], g["start"]): g for g in map(json.loads, path.read_text(encoding="utf-8").splitlines())}

    a, b = spans(first), spans(second)
    if set(a) != set(b):
        sys.exit(f"{first.name} and {second.name} do not label the same spans")
    for sample in (None, "random", "cooperation"):
        keys = [k for k in a if sample is None or a[k]["sample"] == sample]
        records = [{"spans": [a[k] for k in keys]}]
        predictions = [[(set(b[k]["areas"]), set(b[k]["parties"])) for k in keys]]
        row = score(records, predictions, cached_taxonomy(), "second annotator", 0, 0)
        print(f"  {sample or 'all'} ({len(keys)} spans): area P/R/F1 {row['area_p']} / {row['area_r']} / {row['area_f1']}, "
              f"party {row['party_p']} / {row['party_r']} / {row['party_f1']}, domestic tagged {row['domestic_tagged']}")


def show_errors(path: Path, limit: int) -> None:
    """Spans where our areas or parties differ from the gold: for reading, not scoring."""
    from thai_extract.eval.cooperation import load

    pipe, coop = build_pipeline()
    tax = coop.tax
    shown = 0
    for rec in load(path):
        doc = coop(pipe(Document(rec["doc_id"], rec["text"])))
        for span in rec["spans"]:
            areas, parties = overlapping(doc.cooperation, span["start"], span["end"])
            if tax.rollup(areas) == tax.rollup(set(span["areas"])) and (parties == set(span["parties"]) or not span["areas"]):
                continue
            if shown >= limit:
                return
            shown += 1
            text = rec["text"][span["start"]:span["end"]].replace("\n", " ")
            print(f"  {rec['doc_id']} [{span['start']}:{span['end']}] {text[:160]}")
            print(f"      gold {sorted(span['areas'])} {sorted(span['parties'])}   ours {sorted(areas)} {sorted(parties)}")


def table(rows: list[dict]) -> str:
    keys = [k for k in rows[0] if k != "stages"]
    lines = [" | ".join(keys)]
    lines += [" | ".join(str(r.get(k, "")) for k in keys) for r in rows]
    return "\n".join(lines)


def sample_check(pipe, coop) -> bool:
    gold = json.loads(require(SHARED_DATA / "seed_gold.json").read_text(encoding="utf-8"))["cooperation"]
    text = (SHARED_DATA / "sample_article.txt").read_text(encoding="utf-8")
    doc = coop(pipe(Document("sample_article", text)))
    ok_all = True
    for g in gold:
        areas, parties = map(sorted, overlapping(doc.cooperation, g["start"], g["end"]))
        ok = areas == sorted(g["areas"]) and parties == sorted(g["parties"])
        ok_all &= ok
        print(f"  {'OK ' if ok else 'BAD'} [{g['start']}:{g['end']}] areas={areas} parties={parties}"
              + ("" if ok else f"  gold={g['areas']} {g['parties']}"))
    outside = [r for r in doc.cooperation if not any(r.start < g["end"] and r.end > g["start"] for g in gold)]
    print(f"  rows outside the gold passages: {[(r.text, r.area) for r in outside]}")
    print("  cooperation rows (start, end, text, area, parties, score):")
    for r in doc.cooperation:
        print(f"    {r.start} {r.end} {r.text} {r.area} {list(r.parties)} {r.score}")
    print("  cooperation events (working-text start:end, parties, areas, kind, dates, date_source, text):")
    for e in doc.cooperation_events:
        print(f"    [{e.start}:{e.end}] {list(e.parties)} {list(e.areas)} {e.kind} {e.start_date}..{e.end_date} "
              f"({e.date_source}) {e.text[:60]!r}…")
    return ok_all


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300, help="dev news articles for speed and samples")
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--show-errors", type=int, default=0, help="print up to N blind spans we get wrong")
    ap.add_argument("--errors-of", type=int, default=1, metavar="K", help="...of blind set #K (default 1)")
    ap.add_argument("--export-gold", type=Path, metavar="DIR",
                    help="write the sets the paragraph model learns from as eval files in DIR, and stop")
    ap.add_argument("--agreement", action="store_true",
                    help="score set #10's second annotation against its first (annotator agreement), and stop")
    args = ap.parse_args()
    if args.agreement:
        first = ROOT / "bench" / "data" / "cooperation_dev_blind10.jsonl"
        print(f"== {SECOND.name} against {first.name}")
        agreement(first, SECOND)
        return
    if args.export_gold:
        args.export_gold.mkdir(parents=True, exist_ok=True)
        for gold in TRAIN_SETS:
            n = build_eval_file(gold, args.export_gold / gold.name)
            print(f"{args.export_gold / gold.name}: {n} spans")
        return

    sets = [(GOLD, None, "spans labelled by the developer")]
    if BLIND.exists():
        sets += [(BLIND, None, "spans labelled blind (#1), all"), (BLIND, "random", "#1, random articles"),
                 (BLIND, "cue", "#1, articles with cooperation words")]
    sets += [(path, None, f"spans labelled blind (#{n})") for n, path in enumerate(BLIND_MORE, start=2) if path.exists()]
    six, *paragraph_sets = BLIND_MORE[4:]  # #6, then #7 onwards
    if six.exists():  # #6: random dev news, dev news with cue words, unlabeled cooperation news
        sets += [(six, sample, f"#6, {what}") for sample, what in (
            ("random", "random dev articles"), ("cue", "dev articles with cue words"),
            ("cooperation", "unlabeled articles with cue words and foreign parties"))]
    for n, path in enumerate(paragraph_sets, start=7):  # random dev news, unlabeled cooperation news; one span per paragraph
        if path.exists():
            sets += [(path, sample, f"#{n}, {what}") for sample, what in (
                ("random", "random dev articles"), ("cooperation", "unlabeled articles with cue words and foreign parties"))]
    errors_of = BLIND if args.errors_of == 1 else BLIND_MORE[args.errors_of - 2]
    with tempfile.TemporaryDirectory() as tmp:
        for gold, sample, title in sets:
            path = Path(tmp) / "cooperation_eval.jsonl"
            n = build_eval_file(gold, path, sample)
            print(f"== {title}: {n} dev spans ({gold.name}; development data, not held out)")
            rows = evaluate(path)
            print(table(rows))
            if args.show_errors and gold == errors_of and sample is None:
                show_errors(path, args.show_errors)
        print(f"  stages: {rows[0]['stages']}")

    pipe, coop = build_pipeline()
    print("== sample article (seed_gold.json cooperation passages)")
    sample_check(pipe, coop)

    print(f"== dev news: first {args.docs} articles")
    docs = [pipe(Document(rec["id"], article_text(rec))) for rec in dev_records(args.docs)]
    coop(docs[0])  # load the taxonomy before timing
    for d in docs:
        d.cooperation.clear()
    n_chars = sum(len(d.text) for d in docs)
    t0 = time.perf_counter()
    for d in docs:
        coop(d)
    elapsed = time.perf_counter() - t0
    n_rows = sum(len(d.cooperation) for d in docs)
    tagged = sum(bool(d.cooperation) for d in docs)
    print(f"  speed (stage alone, one core): {n_chars / elapsed:,.0f} chars/s over {n_chars:,} chars; "
          f"{n_rows} rows in {tagged}/{len(docs)} articles")
    pool = [(d, r) for d in docs for r in d.cooperation]
    random.Random(0).shuffle(pool)
    print(f"== {min(args.samples, len(pool))} sample rows (context | area | parties | score)")
    for d, r in pool[:args.samples]:
        ctx = d.text[max(0, r.start - 60):r.end + 30].replace("\n", " ")
        print(f"  {d.doc_id} @{r.start}: …{ctx}… | {r.area} | {','.join(r.parties)} | {r.score}")


if __name__ == "__main__":
    sys.exit(main())
