"""Word clusters from unlabeled news, a CRF feature: ``python -m thai_extract.training.ner_clusters``.

    python -m thai_extract.training.ner_clusters --corpus ../shared/data/thaigov_unlabeled.jsonl.gz \\
        --docs 6000 --out models/entities/clusters.tsv

Each frequent word (thaibreak tokens of the first ``--docs`` articles) gets a vector of the words
seen just left and right of it (log counts, randomly projected to 128 dimensions, unit length);
k-means (cosine) groups the vectors into 64 and into 512 clusters. The file holds
``word<TAB>c64<TAB>c512`` lines. Deterministic (fixed seeds).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from collections import Counter
from pathlib import Path

import numpy as np

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported
from thai_extract.training.ner import read_jsonl, tokens_of


def _kmeans(x: np.ndarray, k: int, iterations: int = 15, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ centers.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) + 1e-9)
    return assign


def _sentences(corpus: str | Path, docs: int, skip: int) -> list[list[str]]:
    sentences: list[list[str]] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, skip, skip + docs):
            text = json.loads(line).get("text") or ""
            for para in text.split("\n"):
                words = [para[s:e] for s, e in tokens_of(para)]
                if words:
                    sentences.append(words)
    return sentences


def _context_vectors(sentences: list[list[str]], words: list[str], contexts: int = 3000) -> np.ndarray:
    freq = Counter(w for s in sentences for w in s)
    index = {w: i for i, w in enumerate(words)}
    ctx = {w: i for i, (w, _) in enumerate(freq.most_common(contexts))}
    counts = np.zeros((len(words), 2 * len(ctx)), dtype=np.float32)
    nctx = len(ctx)
    for s in sentences:
        for i, w in enumerate(s):
            row = index.get(w)
            if row is None:
                continue
            if i > 0:
                c = ctx.get(s[i - 1])
                if c is not None:
                    counts[row, c] += 1
            if i + 1 < len(s):
                c = ctx.get(s[i + 1])
                if c is not None:
                    counts[row, nctx + c] += 1
    proj = np.random.default_rng(1).standard_normal((counts.shape[1], 128)).astype(np.float32)
    return np.log1p(counts) @ proj


def build(corpus: str | Path, out: str | Path, docs: int = 6000, vocab: int = 60000, skip: int = 0,
          vectors: str | Path | None = None, train: str | Path | None = None) -> int:
    """Write the cluster file; returns the number of words clustered."""
    sentences = _sentences(corpus, docs, skip)
    freq = Counter(w for s in sentences for w in s)
    words = [w for w, c in freq.most_common(vocab) if c >= 3]
    if train is not None:
        known = set(words)
        for rec in read_jsonl(train):
            text = rec["text"]
            for s, e in tokens_of(text):
                if text[s:e] not in known:
                    known.add(text[s:e])
                    words.append(text[s:e])
    words = [w for w in words if "\t" not in w and "\n" not in w]
    if vectors is not None:
        import spacy

        vocab_vectors = spacy.load(vectors).vocab
        x = np.stack([vocab_vectors[w].vector for w in words]).astype(np.float32)
    else:
        x = _context_vectors(sentences, words)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    c64 = _kmeans(x, 64, seed=2)
    c512 = _kmeans(x, 512, seed=3)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        source = "floret vectors" if vectors is not None else "left/right neighbours"
        fh.write(f"# word clusters ({source}): {len(words)} words of ThaiNER train and {docs} thaigov-v2 "
                 "articles (public domain); built by thai_extract.training.ner_clusters\n")
        for w, a, b in zip(words, c64, c512):
            fh.write(f"{w}\t{a}\t{b}\n")
    return len(words)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--docs", type=int, default=6000)
    ap.add_argument("--skip", type=int, default=0, help="unlabeled articles to skip first")
    ap.add_argument("--vectors", help="a spaCy folder with floret vectors (ner_spacy --vectors)")
    ap.add_argument("--train", help="ThaiNER-format JSONL whose tokens are clustered too")
    ap.add_argument("--out", default="models/entities/clusters.tsv")
    args = ap.parse_args(argv)
    print(build(args.corpus, args.out, args.docs, skip=args.skip, vectors=args.vectors, train=args.train),
          "words clustered")


if __name__ == "__main__":
    main()
