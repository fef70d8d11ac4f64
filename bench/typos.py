"""Typo correction benchmark: the eval table (thai-extract, pythainlp, symspell, no correction) on
typos_dev and on a synthetic set generated here from held-out articles, detection on real text beside
pythainlp, the sample article, and the spelling stage's speed on the dev news plus its model load
time (one core).

    python bench/typos.py [--no-baselines] [--skip-detection] [--long]

The synthetic set (500 typo + 500 clean lines) comes from ``thai_extract.training.typo_synth`` with
its committed settings (``BENCH``), from the unlabeled articles of the ``bench`` split, which neither
the language model nor the ranker ever saw; it holds article text, so it is made here, never stored.
A reader who saw none of the corrector's output marked the real typos of those source articles
(``bench/data/typos_synth_source_typos.jsonl``); the synthetic rows also give the figures with a
right fix of one of them counted as right (``*_adj``). ``--long`` times the corrector on the sample
article repeated to 0.3M, 1.2M and 4.8M characters (time should grow linearly).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from dataclasses import asdict

from _common import ROOT, SHARED_DATA, dev_news, require


def _table(path, baselines: bool) -> None:
    from thai_extract.eval.typos import evaluate

    for row in evaluate(path, baselines=baselines):
        print(json.dumps(row, ensure_ascii=False))


def attach_source_typos(recs: list[dict], path) -> None:
    """Give each generated line the real typos a reader found in its source text (labelled on the
    text as taken from the article, ``clean``), moved into ``text``'s coordinates: the eval then
    also reports the figures with a right fix of one of them counted as right."""
    by_id: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)
            by_id.setdefault(t["id"], []).append(t)
    checked = 0
    for r in recs:
        found = []
        typo = r.get("typo") or {}
        for t in by_id.get(r["id"], ()):
            s, e = t["start"], t["end"]
            if hashlib.sha1(r["clean"][s:e].encode()).hexdigest()[:12] != t["wrong_sha1"]:
                raise SystemExit(f"{path}: {r['id']} is not the line it was labelled on; were the lines generated differently?")
            checked += 1
            if typo:
                typo_end = typo["start"] + len(typo["right"])  # the injected typo, in clean's coordinates
                if s < typo_end and typo["start"] < e:
                    continue  # the typo was put inside this word
                if s >= typo_end:
                    shift = len(typo["wrong"]) - len(typo["right"])
                    s, e = s + shift, e + shift
            found.append({"start": s, "end": e, "right": t["right"]})
        r["source_typos"] = found
    print(f"== source typos: {checked} labelled typos of the source articles matched their lines")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--skip-detection", action="store_true")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--long", action="store_true")
    args = ap.parse_args()

    print("== eval typos: typos_dev.jsonl")
    _table(require(SHARED_DATA / "typos_dev.jsonl"), not args.no_baselines)

    from thai_extract.training.typo_synth import BENCH, generate

    recs = generate(require(SHARED_DATA / "thaigov_unlabeled.jsonl.gz"), BENCH)
    attach_source_typos(recs, ROOT / "bench" / "data" / "typos_synth_source_typos.jsonl")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    print(f"== eval typos: synthetic, held-out articles ({json.dumps(asdict(BENCH), ensure_ascii=False)})")
    _table(fh.name, not args.no_baselines)

    if not args.skip_detection:
        from thai_extract.eval.typos import evaluate_detection

        print("== detection in real text: spelling_detection_dev.jsonl")
        for row in evaluate_detection(require(SHARED_DATA / "spelling_detection_dev.jsonl")):
            print(json.dumps(row, ensure_ascii=False))

    from thai_extract.stages.spelling import SpellingStage
    from thai_extract.text.spelling.corrector import SpellingCorrector
    from tests.conftest import make_doc

    t0 = time.perf_counter()
    SpellingCorrector.load()
    print(f"== model load: {time.perf_counter() - t0:.2f} s")

    stage = SpellingStage()
    sample = (ROOT / "data" / "raw" / "sample_article.txt").read_text(encoding="utf-8")
    doc = stage(make_doc(sample))
    print("== sample article")
    for c in doc.corrections:
        print(json.dumps(asdict(c), ensure_ascii=False))

    if args.long:
        corr = SpellingCorrector.load()
        print("== long documents (sample article repeated)")
        for target in (300_000, 1_200_000, 4_800_000):
            text = (sample + "\n") * max(1, target // (len(sample) + 1))
            t0 = time.perf_counter()
            n_fix = len(corr.suggest(text))
            dt = time.perf_counter() - t0
            print(f"{len(text):>9} chars: {dt:.2f} s = {len(text) / dt:,.0f} chars/s; {n_fix} suggestions")

    texts = dev_news(args.articles)
    n = sum(map(len, texts))
    t0 = time.perf_counter()
    fixes = sum(len(stage(make_doc(t, f"d{i}")).corrections) for i, t in enumerate(texts))
    dt = time.perf_counter() - t0
    print(f"== stage speed: {n} chars in {dt:.2f} s = {n / dt:,.0f} chars/s; {fixes} corrections reported")


if __name__ == "__main__":
    main()
