"""Benchmark the sentence splitter against pythainlp's CRFCut on the thaigov dev articles.

    python bench/sentences.py [--data ../shared/data/thaigov_dev_1000.jsonl] [--examples 15]

Prints speed (chars/s, one core) of CRFCut and of ours (split alone given thaibreak word spans, and
thaibreak + split), sentence counts, and agreement of boundary positions at whitespace gaps inside
lines (line breaks excluded: both get them free), then examples of each kind of disagreement.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thai_extract.text import sentences as S  # noqa: E402
from thai_extract.text.words import thaibreak_words  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "thaigov_dev_1000.jsonl"


def main() -> int:
    """Run the benchmark and print the report."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--examples", type=int, default=15)
    ap.add_argument("--limit", type=int, default=1000, help="articles to use")
    args = ap.parse_args()
    if not Path(args.data).is_file():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    texts = []
    with open(args.data, encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            texts.append(f"{a.get('title') or ''}\n{a.get('body') or ''}")
            if len(texts) >= args.limit:
                break
    n_chars = sum(len(t) for t in texts)

    # (a) CRFCut per line
    from pythainlp.tokenize import sent_tokenize

    sent_tokenize("ทดสอบ", engine="crfcut")  # load the model outside the timing
    t0 = time.perf_counter()
    crf_ends: list[list[int]] = []  # sentence-end offsets per text
    crf_sents = 0
    for text in texts:
        ends = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                off = pos
                for sent in sent_tokenize(line, engine="crfcut"):
                    off += len(sent)
                    ends.append(off)
                    crf_sents += 1
            pos += len(line) + 1
        crf_ends.append(ends)
    t_crf = time.perf_counter() - t0

    # (b) ours: thaibreak words, then split
    splitter = S.SentenceSplitter()
    splitter.split("ก ข", [(0, 1), (2, 3)])  # load the model outside the timing
    t0 = time.perf_counter()
    all_words = [thaibreak_words(t) for t in texts]
    t_words = time.perf_counter() - t0
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        ours = [splitter.split(t, w) for t, w in zip(texts, all_words)]
        best = min(best, time.perf_counter() - t0)
    t_split = best
    our_sents = sum(len(x) for x in ours)

    # agreement at whitespace gaps inside lines
    model = S._get_model(splitter.model_path)
    tp = fp = fn = n_gaps = 0
    only_ours: list[tuple[str, str]] = []
    only_crf: list[tuple[str, str]] = []
    why_crf_only: Counter[str] = Counter()
    for text, words, spans, cends in zip(texts, all_words, ours, crf_ends):
        if not words:
            continue
        starts, ends = zip(*words)
        ws = [text[s:e] for s, e in words]
        our_ends = {e for _, e in spans}
        cset = sorted(cends)
        for first, last, gaps in S.candidate_lines(text, starts, ends):
            if not gaps:
                continue
            blocked = [c[-1] for c in S.gap_contexts(text, starts, ends, ws, first, last, gaps, model.lex)]
            k = 0
            for gi, bl in zip(gaps, blocked):
                g0, g1 = ends[gi], starts[gi + 1]
                while k < len(cset) and cset[k] < g0:
                    k += 1
                c = k < len(cset) and cset[k] <= g1
                o = g0 in our_ends
                n_gaps += 1
                tp += o and c
                fp += o and not c
                fn += c and not o
                if o != c:
                    ctx = text[max(g0 - 45, starts[first]):g0] + " ‖ " + text[g1:min(g1 + 45, ends[last])]
                    if o:
                        only_ours.append(("", ctx))
                    else:
                        if ws[gi].endswith("."):
                            why = "after '.' (crfcut's period rule)"
                        elif bl:
                            why = "hard rule (name/date/number/bracket/joining word)"
                        else:
                            why = "model"
                        why_crf_only[why] += 1
                        only_crf.append((why, ctx))
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)

    print(f"data: {args.data}: {len(texts)} articles, {n_chars:,} chars, {n_gaps:,} whitespace gaps inside lines")
    print()
    print(f"| {'system':38} | {'seconds':>8} | {'chars/s':>12} | {'sentences':>9} |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 14}|{'-' * 11}|")
    print(f"| {'crfcut (sent_tokenize per line)':38} | {t_crf:8.2f} | {n_chars / t_crf:12,.0f} | {crf_sents:9,} |")
    print(f"| {'ours: split only (given thaibreak words)':38} | {t_split:8.2f} | {n_chars / t_split:12,.0f} | {our_sents:9,} |")
    print(f"| {'ours: thaibreak + split':38} | {t_words + t_split:8.2f} | {n_chars / (t_words + t_split):12,.0f} | {our_sents:9,} |")
    print(f"| {'(thaibreak alone)':38} | {t_words:8.2f} | {n_chars / t_words:12,.0f} | {'':9} |")
    print()
    print("boundary agreement at whitespace gaps inside lines (ours vs crfcut as reference):")
    print(f"  both {tp:,}  ours only {fp:,}  crfcut only {fn:,}  ->  P={p:.3f} R={r:.3f} F1={f1:.3f}")
    print("  crfcut-only boundaries, by why ours has none:")
    for why, n in why_crf_only.most_common():
        print(f"    {n:6,}  {why}")
    rng = random.Random(7)
    print(f"\n{args.examples} boundaries only ours has (‖ marks the gap):")
    for _, ctx in rng.sample(only_ours, min(args.examples, len(only_ours))):
        print("  " + ctx)
    print(f"\n{args.examples} boundaries only crfcut has:")
    for why, ctx in rng.sample(only_crf, min(args.examples, len(only_crf))):
        print(f"  [{why.split(' ')[0]}] {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
