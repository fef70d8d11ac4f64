"""Synthesise typo sentences (in the format of ``typos_dev.jsonl``) from any news corpus.

    python -m thai_extract.text.spelling.synth --corpus ../shared/data/thaigov_unlabeled.jsonl.gz \
        --out /tmp/typos_synth.jsonl --lines 800

By default it reads only the records the LM build left out (``--holdout-every``), so calibration
text is unseen by the LM. Half the lines get one non-word typo of a kind drawn from: neighbouring key,
look-alike letter, dropped, extra, anticipated or swapped letter; the other half stay clean.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported
from thai_extract.text.spelling.build_lm import is_thai_char, read_corpus
from thai_extract.text.spelling.keyboard import THAI_ALPHABET, neighbours, similar

KINDS = [("neighbour", 0.40), ("delete", 0.16), ("insert", 0.12), ("anticipate", 0.12), ("similar", 0.11),
         ("transpose", 0.09)]


def make_typo(word: str, kind: str, rng: random.Random) -> str | None:
    n = len(word)
    j = rng.randrange(n)
    ch = word[j]
    if kind == "neighbour":
        opts = sorted(neighbours(ch))
        return word[:j] + rng.choice(opts) + word[j + 1:] if opts else None
    if kind == "similar":
        opts = sorted(similar(ch))
        return word[:j] + rng.choice(opts) + word[j + 1:] if opts else None
    if kind == "delete":
        return word[:j] + word[j + 1:] if n > 2 else None
    if kind == "insert":
        pool = sorted(neighbours(ch)) + [ch] if rng.random() < 0.5 else list(THAI_ALPHABET)
        return word[:j] + rng.choice(pool) + word[j:]
    if kind == "anticipate":
        return word[:j] + word[j + 1] + word[j + 1:] if j + 1 < n and word[j] != word[j + 1] else None
    if kind == "transpose":
        return word[:j] + word[j + 1] + word[j] + word[j + 2:] if j + 1 < n and word[j] != word[j + 1] else None
    raise ValueError(kind)


def sentences(text: str, lo: int = 60, hi: int = 260):
    for para in text.split("\n"):
        para = para.strip()
        while len(para) > hi:
            cut = para.rfind(" ", lo, hi)
            if cut < 0:
                break
            yield para[:cut]
            para = para[cut + 1:]
        if lo <= len(para) <= hi:
            yield para


def synthesise(corpus: Path, n_lines: int, seed: int, holdout_every: int, known: set[str]) -> list[dict]:
    import thaibreak

    rng = random.Random(seed)
    pool: list[str] = []
    for i, text in enumerate(read_corpus(corpus, None, holdout_every, heldout=bool(holdout_every))):
        sents = [s for s in sentences(text) if any(is_thai_char(c) for c in s)]
        rng.shuffle(sents)
        pool.extend(sents[:3])
        if len(pool) >= n_lines * 2:
            break
    rng.shuffle(pool)
    weights = [w for _, w in KINDS]
    out: list[dict] = []
    for k, sent in enumerate(pool[:n_lines]):
        rec = {"id": f"synth-{k}", "text": sent, "clean": sent, "typo": None}
        if k % 2 == 0:
            b = thaibreak.boundaries(sent)
            words = [(b[i], b[i + 1]) for i in range(len(b) - 1)
                     if b[i + 1] - b[i] >= 2 and sent[b[i]:b[i + 1]] in known
                     and all(is_thai_char(c) for c in sent[b[i]:b[i + 1]])]
            for _ in range(20):
                if not words:
                    break
                s, e = rng.choice(words)
                kind = rng.choices([k for k, _ in KINDS], weights)[0]
                wrong = make_typo(sent[s:e], kind, rng)
                if not wrong or wrong in known:
                    continue
                text = sent[:s] + wrong + sent[e:]
                rec = {"id": f"synth-{k}", "text": text, "clean": sent,
                       "typo": {"start": s, "end": s + len(wrong), "wrong": wrong, "right": sent[s:e], "kind": kind}}
                break
        out.append(rec)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--lines", type=int, default=800)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--holdout-every", type=int, default=50)
    args = ap.parse_args(argv)
    from thai_extract.text.spelling.lm import WordLM

    known = WordLM.load().word_set(3)
    recs = synthesise(args.corpus, args.lines, args.seed, args.holdout_every, known)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(recs)} lines, {sum(1 for r in recs if r['typo'])} with a typo -> {args.out}")


if __name__ == "__main__":
    main()
