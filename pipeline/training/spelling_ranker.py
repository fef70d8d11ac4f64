"""Train the spelling ranker (``models/spelling/ranker.json``): a logistic regression over the
features of each candidate correction, on synthetic typos in articles the language model never saw.

    python -m thai_extract.training.spelling_ranker --corpus ../shared/data/thaigov_unlabeled.jsonl.gz

Training lines come from the ``ranker`` split of the unlabeled corpus, half with one typo: typos from
the bench's generator (``typo_synth``, other seeds) and from the corrector's own keyboard tables,
so the ranker sees both. The operating threshold is chosen on the ``calibration`` split (the best
recall with precision >= ``--precision``; optionally also at most ``--false-alarms`` per 1,000 clean
words) and folded into the intercept, so that probability 0.5 is that threshold. The ``bench`` split
is never read.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from thai_extract.eval.typos import apply_fixes, score
from thai_extract.text.spelling.corrector import SpellingCorrector
from thai_extract.text.spelling.keyboard import THAI_ALPHABET, near_keys, neighbours, shift_pair, shifted_digit, similar
from thai_extract.text.spelling.ranker import FEATURES, Ranker
from thai_extract.training.typo_synth import Settings, generate

CHANNEL_KINDS = (("neighbour", 0.3), ("near", 0.05), ("shift", 0.05), ("similar", 0.12), ("delete", 0.16),
                 ("insert", 0.1), ("double", 0.04), ("anticipate", 0.1), ("transpose", 0.08))


def channel_typo(word: str, kind: str, rng: random.Random) -> str | None:
    """``word`` with one typo of ``kind`` drawn from the corrector's keyboard tables."""
    n = len(word)
    j = rng.randrange(n)
    ch = word[j]
    if kind in ("neighbour", "near", "similar", "shift"):
        opts = sorted({"neighbour": neighbours, "near": near_keys, "similar": similar}[kind](ch) if kind != "shift"
                      else {shift_pair(ch), shifted_digit(ch)} - {None})
        return word[:j] + rng.choice(opts) + word[j + 1:] if opts else None
    if kind == "delete":
        return word[:j] + word[j + 1:] if n > 2 else None
    if kind == "insert":
        return word[:j] + rng.choice(sorted(neighbours(ch)) or list(THAI_ALPHABET)) + word[j:]
    if kind == "double":
        return word[:j + 1] + ch + word[j + 1:]
    if j + 1 >= n or word[j] == word[j + 1]:
        return None
    if kind == "anticipate":
        return word[:j] + word[j + 1] + word[j + 1:]
    return word[:j] + word[j + 1] + word[j] + word[j + 2:]  # transpose


def lines_for(corpus: Path, split: str, seed: int, n: int) -> list[dict]:
    """``n`` typo + ``n`` clean lines of ``split`` from the bench's generator, and as many with typos
    from the corrector's keyboard tables."""
    settings = Settings(seed=seed, typo_lines=n, clean_lines=n, split=split, per_article=4)
    channel = replace(settings, seed=seed + 1, kinds=CHANNEL_KINDS)
    return generate(corpus, settings) + generate(corpus, channel, channel_typo)


def traced(corrector: SpellingCorrector, lines: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Features of every candidate the corrector ranks on ``lines``, and whether it is the fix."""
    xs, ys = [], []
    for r in lines:
        corrector.trace = []
        corrector.suggest(r["text"])
        for text, start, end, new, x in corrector.trace:
            xs.append(x)
            ys.append(text != r["clean"] and apply_fixes(text, [(start, end, new)]) == r["clean"])
    corrector.trace = None
    return np.array(xs, dtype=float), np.array(ys, dtype=int)


def choose_threshold(corrector: SpellingCorrector, lines: list[dict], precision: float,
                     false_alarms: float | None = None) -> tuple[float, dict]:
    """The threshold with the best recall at ``precision`` (and at most ``false_alarms`` per 1,000
    clean words, when given) on ``lines``."""
    sugg = [corrector.suggest(r["text"]) for r in lines]
    best: tuple[float, dict] | None = None
    for th in np.round(np.arange(0.2, 0.99, 0.01), 2):
        fixes = iter([[(s.start, s.end, s.text) for s in ss if s.score >= th] for ss in sugg])
        row = score(lines, lambda _t: next(fixes))
        if row["precision"] >= precision and (false_alarms is None or row["false_alarms_per_1k_words"] <= false_alarms):
            if best is None or row["recall"] > best[1]["recall"]:
                best = (float(th), row)
    if best is None:
        raise RuntimeError(f"no threshold reaches precision {precision} on the calibration lines")
    return best


def train(corpus: str | Path, out: str | Path, lines: int = 1500, precision: float = 0.95,
          false_alarms: float | None = None, c: float = 1.0, seed: int = 101, lm: str | Path | None = None) -> dict:
    """Train, calibrate and write the ranker over the language model ``lm`` (default: the shipped
    one); its metadata."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    t0 = time.time()
    corpus = Path(corpus)
    n = len(FEATURES)
    probe = Ranker((0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, {})  # every candidate reaches the trace
    corrector = SpellingCorrector.load(lm, ranker=probe)
    x, y = traced(corrector, lines_for(corpus, "ranker", seed, lines))
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=2000).fit((x - scaler.mean_) / scale, y)
    ranker = Ranker(tuple(scaler.mean_.tolist()), tuple(scale.tolist()), tuple(model.coef_[0].tolist()),
                    float(model.intercept_[0]), {})
    corrector.ranker = ranker
    calibration = lines_for(corpus, "calibration", seed + 100, lines // 2)
    threshold, row = choose_threshold(corrector, calibration, precision, false_alarms)
    meta = {
        "trained_on": {"corpus": corpus.name, "split": "ranker", "lines": 4 * lines, "candidates": int(len(y)),
                       "right": int(y.sum()), "seed": seed},
        "calibration": {"split": "calibration", "lines": 2 * lines, "threshold": threshold,
                        "precision_at_least": precision, "false_alarms_at_most": false_alarms,
                        **{k: row[k] for k in ("recall", "precision", "false_alarms_per_1k_words")}},
        "model": f"sklearn LogisticRegression(C={c}) on standardised features", "built": time.strftime("%Y-%m-%d"),
    }
    shift = math.log(threshold / (1 - threshold))
    data = {"features": list(FEATURES), "mean": list(ranker.mean), "scale": list(ranker.scale),
            "coef": list(ranker.coef), "intercept": ranker.intercept - shift, "meta": meta}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    meta["seconds"] = round(time.time() - t0, 1)
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path("models/spelling/ranker.json"))
    ap.add_argument("--lines", type=int, default=1500, help="typo lines (and as many clean) per generator")
    ap.add_argument("--precision", type=float, default=0.95)
    ap.add_argument("--false-alarms", type=float, default=None,
                    help="also at most this many false alarms per 1,000 clean words (the clean lines of news "
                         "hold real typos, which count as false alarms)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--lm", type=Path, default=None, help="the language model (default: the shipped one)")
    args = ap.parse_args(argv)
    meta = train(args.corpus, args.out, args.lines, args.precision, args.false_alarms, args.c, lm=args.lm)
    print(json.dumps(meta, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
