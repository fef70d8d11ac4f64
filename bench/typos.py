"""Typo correction benchmark: the eval table on typos_dev (all four systems), the sample article,
and the spelling stage's speed on the dev news plus its model load time (one core).

    python bench/typos.py [--no-baselines] [--synthetic N] [--sweep] [--long]

``--synthetic N`` also scores N lines synthesised from the LM's held-out unlabeled articles
(the calibration set; see pipeline/text/spelling/synth.py); ``--sweep`` adds a threshold sweep on
that set (the default threshold is chosen there, never on typos_dev). ``--long`` times the corrector
on the sample article repeated to 0.3M, 1.2M and 4.8M characters (time should grow linearly).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time

from _common import ROOT, SHARED_DATA, dev_news, require


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--synthetic", type=int, default=0)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--long", action="store_true")
    args = ap.parse_args()

    from thai_extract.eval.typos import evaluate

    print("== eval typos: typos_dev.jsonl")
    for row in evaluate(require(SHARED_DATA / "typos_dev.jsonl"), baselines=not args.no_baselines):
        print(json.dumps(row, ensure_ascii=False))
    if args.synthetic:
        from thai_extract.text.spelling.synth import synthesise
        from thai_extract.text.spelling.lm import WordLM

        recs = synthesise(SHARED_DATA / "thaigov_unlabeled.jsonl.gz", args.synthetic, 1, 50, WordLM.load().word_set(3))
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        print("== eval typos: synthetic (held-out unlabeled)")
        for row in evaluate(fh.name, baselines=False):
            print(json.dumps(row, ensure_ascii=False))
        if args.sweep:
            from thai_extract.eval.typos import score
            from thai_extract.text.spelling.corrector import SpellingCorrector

            corr = SpellingCorrector.load()
            sugg = [corr.suggest(r["text"]) for r in recs]
            print("== threshold sweep (synthetic)")
            for th in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
                fixes = iter([[(s.start, s.end, s.text) for s in ss if s.score >= th] for ss in sugg])
                row = score(recs, lambda _t: next(fixes))
                print(json.dumps({"threshold": th, **{k: row[k] for k in (
                    "recall", "precision", "false_alarms_per_1k_words", "corrections")}}))

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
        print(json.dumps(c, ensure_ascii=False))

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
