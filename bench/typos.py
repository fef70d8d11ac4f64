"""Typo correction benchmark: the eval table (thai-extract, pythainlp, symspell, no correction) on
typos_dev and on a synthetic set generated here from held-out articles, detection on real text beside
pythainlp, the sample article, and the spelling stage's speed on the dev news plus its model load
time (one core).

    python bench/typos.py [--no-baselines] [--skip-detection] [--long]

The synthetic set (500 typo + 500 clean lines) comes from ``thai_extract.training.typo_synth`` with
its committed settings (``BENCH``), from the unlabeled articles of the ``bench`` split, which neither
the language model nor the ranker ever saw; it holds article text, so it is made here, never stored.
``--long`` times the corrector on the sample article repeated to 0.3M, 1.2M and 4.8M characters
(time should grow linearly).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import asdict

from _common import ROOT, SHARED_DATA, dev_news, require


def _table(path, baselines: bool) -> None:
    from thai_extract.eval.typos import evaluate

    for row in evaluate(path, baselines=baselines):
        print(json.dumps(row, ensure_ascii=False))


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
