"""Build the word language model and lexicon the spelling corrector uses (``models/spelling/lm.npz``).

    python -m thai_extract.training.spelling_lm --corpus ../shared/data/thaigov_unlabeled.jsonl.gz

Each record's ``title`` and ``text`` (or ``body``) become LM tokens (``lexicon.lm_tokens``). Kept:
unigram counts (every word seen ``min_unigram`` times, plus pythainlp's word lists, merged in with a
flag), bigram counts ``>= min_bigram`` and trigram counts ``>= min_trigram``, each context's number of
distinct followers (for the backoff weights). Sorted keys are stored as differences, so the
compressed file stays small. Every ``HOLDOUT_EVERY``-th record is left out of the model: those
articles are split among the synthetic typo bench, the ranker's training and its calibration
(:func:`split_of`), so none of them is text the model has seen.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from thai_extract._offline import set_offline_environment
from thai_extract.text.spelling.lexicon import (
    FLAG_LEXICON, FLAG_NAME, FLAG_TNC, ID_BITS, is_thai_char, lm_tokens,
)

set_offline_environment()  # before pythainlp is imported

HOLDOUT_EVERY = 25
# held-out records, in turn: bench (never used to train anything), calibration, ranker, ranker
_HELDOUT_SPLITS = ("bench", "calibration", "ranker", "ranker")
SPLITS = ("lm", "bench", "calibration", "ranker")


def split_of(i: int) -> str:
    """Which use the ``i``-th record (0-based) of the unlabeled corpus is for."""
    if i % HOLDOUT_EVERY != HOLDOUT_EVERY - 1:
        return "lm"
    return _HELDOUT_SPLITS[(i // HOLDOUT_EVERY) % len(_HELDOUT_SPLITS)]


def read_corpus(path: str | Path, split: str = "lm", limit: int | None = None) -> Iterator[str]:
    """Title + text of each record of ``split`` among the first ``limit`` records."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; one of {SPLITS}")
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            if split_of(i) != split:
                continue
            rec = json.loads(line)
            yield f"{rec.get('title') or ''}\n{rec.get('text') or rec.get('body') or ''}"


def pythainlp_lists() -> dict[str, int]:
    """Word lists shipped in the pythainlp wheel (Apache-2.0): word -> flags."""
    spec = importlib.util.find_spec("pythainlp")
    assert spec is not None and spec.origin is not None
    corpus = Path(spec.origin).parent / "corpus"
    flags: dict[str, int] = collections.defaultdict(int)

    def lines(name: str) -> Iterator[str]:
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield line.strip()

    for w in lines("words_th.txt"):
        flags[w] |= FLAG_LEXICON
    for line in lines("tnc_freq.txt"):
        w = line.partition("\t")[0]
        if w:
            flags[w] |= FLAG_TNC
    for name in ("person_names_male_th.txt", "person_names_female_th.txt", "family_names_th.txt",
                 "countries_th.txt"):
        for w in lines(name):
            flags[w] |= FLAG_NAME
    for line in lines("thailand_provinces_th.csv"):
        w = line.split(",")[0].strip()
        if w and any(is_thai_char(c) for c in w):
            flags[w] |= FLAG_NAME
    return dict(flags)


def _ngram_counts(ids: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct n-gram keys (ids packed ``ID_BITS`` apart) of the id stream, and their counts."""
    keys = np.zeros(len(ids) - n + 1, dtype=np.uint64)
    for k in range(n):
        keys = (keys << np.uint64(ID_BITS)) | ids[k:len(ids) - n + 1 + k].astype(np.uint64)
    return np.unique(keys, return_counts=True)


def _context_followers(keys: np.ndarray, ctx_keys: np.ndarray) -> np.ndarray:
    """For each key of ``ctx_keys`` (sorted), the number of distinct n-grams in ``keys`` (sorted)
    that extend it by one word."""
    ctx, counts = np.unique(keys >> np.uint64(ID_BITS), return_counts=True)
    out = np.zeros(len(ctx_keys), dtype=np.uint32)
    j = np.searchsorted(ctx_keys, ctx)
    ok = (j < len(ctx_keys)) & (ctx_keys[np.minimum(j, len(ctx_keys) - 1)] == ctx)
    out[j[ok]] = counts[ok]
    return out


def _remap(keys: np.ndarray, n: int, new_id: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keys of n-grams in corpus ids turned into model ids; and which keys survive (every word kept)."""
    mask = np.uint64((1 << ID_BITS) - 1)
    parts = [new_id[((keys >> np.uint64(ID_BITS * (n - 1 - k))) & mask).astype(np.int64)] for k in range(n)]
    ok = np.all(np.stack(parts) >= 0, axis=0)
    out = np.zeros(int(ok.sum()), dtype=np.uint64)
    for p in parts:
        out = (out << np.uint64(ID_BITS)) | p[ok].astype(np.uint64)
    return out, ok


def build(corpus: str | Path, out: str | Path, limit: int | None = None, min_unigram: int = 2,
          min_bigram: int = 2, min_trigram: int = 2) -> dict:
    """Count the ``lm`` split of ``corpus`` and write the model to ``out``; its metadata."""
    t0 = time.time()
    vocab: dict[str, int] = {}
    chunks: list[np.ndarray] = []
    n_docs = n_chars = 0
    for text in read_corpus(corpus, "lm", limit):
        toks = lm_tokens(text)
        if chunks:
            toks = toks[1:]  # documents are joined at one shared boundary token
        chunks.append(np.fromiter((vocab.setdefault(t, len(vocab)) for t in toks), dtype=np.int64, count=len(toks)))
        n_docs += 1
        n_chars += len(text)
        if n_docs % 10000 == 0:
            print(f"{n_docs} docs, {len(vocab)} words, {time.time() - t0:.0f}s", file=sys.stderr)
    if len(vocab) >= 1 << ID_BITS:
        raise ValueError(f"{len(vocab)} distinct tokens: more than {ID_BITS}-bit ids hold")
    ids = np.concatenate(chunks)
    del chunks
    uni = np.bincount(ids, minlength=len(vocab))
    flags = pythainlp_lists()
    seen = {w for w, i in vocab.items() if uni[i] >= min_unigram}
    words = sorted(w for w in seen | set(flags) if w and not any(ch.isspace() for ch in w))
    index = {w: i for i, w in enumerate(words)}
    new_id = np.full(len(vocab), -1, dtype=np.int64)
    for w, i in vocab.items():
        j = index.get(w)
        if j is not None:
            new_id[i] = j
    counts = np.array([uni[vocab[w]] if w in vocab else 0 for w in words], dtype=np.uint32)
    wflags = np.array([flags.get(w, 0) for w in words], dtype=np.uint8)

    bkeys, bcounts = _ngram_counts(ids, 2)
    # distinct followers of each kept word, over every bigram (rare ones and unknown followers too)
    first = (bkeys >> np.uint64(ID_BITS)).astype(np.int64)
    followers = np.zeros(len(words), dtype=np.uint32)
    f_ids, f_counts = np.unique(first, return_counts=True)
    ok = new_id[f_ids] >= 0
    followers[new_id[f_ids[ok]]] = f_counts[ok]
    tkeys, tcounts = _ngram_counts(ids, 3)
    del ids
    # distinct followers of each bigram context, over every trigram
    keep = bcounts >= min_bigram
    bigram_followers = _context_followers(tkeys, bkeys[keep])
    bkeys_m, ok = _remap(bkeys[keep], 2, new_id)
    bcounts_m, bigram_followers = bcounts[keep][ok], bigram_followers[ok]
    order = np.argsort(bkeys_m)
    bkeys_m, bcounts_m, bigram_followers = bkeys_m[order], bcounts_m[order], bigram_followers[order]
    keep = tcounts >= min_trigram
    tkeys_m, ok = _remap(tkeys[keep], 3, new_id)
    tcounts_m = tcounts[keep][ok]
    order = np.argsort(tkeys_m)
    tkeys_m, tcounts_m = tkeys_m[order], tcounts_m[order]

    meta = {
        "corpus": Path(corpus).name, "documents": n_docs, "characters": n_chars, "tokens": int(uni.sum()),
        "min_unigram": min_unigram, "min_bigram": min_bigram, "min_trigram": min_trigram,
        "holdout_every": HOLDOUT_EVERY, "words": len(words), "bigrams": int(len(bkeys_m)),
        "trigrams": int(len(tkeys_m)), "segmenter": "thaibreak", "built": time.strftime("%Y-%m-%d"),
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        counts=counts, flags=wflags, followers=followers,
        bigram_keys=np.diff(bkeys_m, prepend=np.uint64(0)), bigram_counts=_narrow(bcounts_m),
        bigram_followers=_narrow(bigram_followers),
        trigram_keys=np.diff(tkeys_m, prepend=np.uint64(0)), trigram_counts=_narrow(tcounts_m),
        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
    )
    meta["seconds"] = round(time.time() - t0, 1)
    meta["bytes"] = out.stat().st_size
    return meta


def perplexity(lm_path: str | Path, corpus: str | Path, split: str = "calibration", docs: int = 200,
               unk_logp: float = -15.0) -> dict[str, float]:
    """Per-token perplexity of the model at ``lm_path`` on ``docs`` held-out articles, as a bigram and as
    a trigram model (an unknown word costs ``unk_logp``; the same for both)."""
    from thai_extract.text.spelling.lm import WordLM

    lm = WordLM.load(lm_path)
    total = {2: 0.0, 3: 0.0}
    n = 0
    for k, text in enumerate(read_corpus(corpus, split)):
        if k >= docs:
            break
        toks = lm_tokens(text)
        for order in total:
            total[order] += lm.sequence_logp(toks, unk_logp, order)
        n += len(toks) - 2
    return {"tokens": n, "bigram": round(float(np.exp(-total[2] / n)), 2), "trigram": round(float(np.exp(-total[3] / n)), 2)}


def _narrow(a: np.ndarray) -> np.ndarray:
    """Counts in the smallest unsigned type that holds them (the file is smaller)."""
    top = int(a.max()) if len(a) else 0
    return a.astype(np.uint16 if top < 1 << 16 else np.uint32)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="JSONL(.gz) with title and text/body")
    ap.add_argument("--out", type=Path, default=Path("models/spelling/lm.npz"))
    ap.add_argument("--limit", type=int, default=None, help="read only the first N records")
    ap.add_argument("--min-unigram", type=int, default=2)
    ap.add_argument("--min-bigram", type=int, default=2)
    ap.add_argument("--min-trigram", type=int, default=2)
    args = ap.parse_args(argv)
    meta = build(args.corpus, args.out, args.limit, args.min_unigram, args.min_bigram, args.min_trigram)
    meta["perplexity_calibration_split"] = perplexity(args.out, args.corpus)
    print(json.dumps(meta, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
