"""Build the word language model and lexicon the spelling corrector uses.

    python -m thai_extract.text.spelling.build_lm --corpus ../shared/data/thaigov_unlabeled.jsonl.gz \
        --out models/spelling/lm.npz

The corpus is JSONL (optionally gzipped); each record's ``title`` and ``text`` (or ``body``) are
segmented with thaibreak; whitespace becomes the boundary token ``<s>``, Latin and digit tokens their
class tokens. Kept: unigram counts (every word seen ``--min-unigram`` times, plus pythainlp's word
lists, which are merged in with a flag), bigram counts ``>= --min-bigram``, and each word's number of
distinct followers (for Kneser-Ney-style backoff). Stored as one compressed ``.npz``.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported

ID_BITS = 21  # up to 2 M words
FLAG_LEXICON = 1  # pythainlp words_th
FLAG_TNC = 2  # pythainlp TNC frequency list
FLAG_NAME = 4  # person / family names, countries, provinces

BOUNDARY = "<s>"
LATIN = "<lat>"
NUMBER = "<num>"


def is_thai_char(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


def token_class(tok: str) -> str:
    """The LM token for a segmenter piece: Thai and punctuation as is; whitespace, Latin, digits as classes."""
    if tok.isspace():
        return BOUNDARY
    if any(is_thai_char(c) for c in tok):
        return tok
    if any(c.isalpha() for c in tok):
        return LATIN
    if any(c.isdigit() for c in tok):
        return NUMBER
    return tok.strip() or BOUNDARY


def lm_tokens(text: str) -> list[str]:
    import thaibreak

    b = thaibreak.boundaries(text)
    out = [BOUNDARY]
    for i in range(len(b) - 1):
        t = token_class(text[b[i]:b[i + 1]])
        if t == BOUNDARY and out[-1] == BOUNDARY:
            continue
        out.append(t)
    if out[-1] != BOUNDARY:
        out.append(BOUNDARY)
    return out


def read_corpus(path: Path, limit: int | None, holdout_every: int = 0, heldout: bool = False):
    """Title + text of each record; every ``holdout_every``-th record is left out (or, with
    ``heldout``, the only one read: text for calibrating the corrector that the LM never saw)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            if holdout_every:
                if (i % holdout_every == holdout_every - 1) != heldout:
                    continue
            rec = json.loads(line)
            yield f"{rec.get('title') or ''}\n{rec.get('text') or rec.get('body') or ''}"


def pythainlp_lists() -> dict[str, int]:
    """Word lists shipped in the pythainlp wheel (Apache-2.0): word -> flags."""
    import importlib.util

    spec = importlib.util.find_spec("pythainlp")
    assert spec is not None and spec.origin is not None
    corpus = Path(spec.origin).parent / "corpus"
    flags: dict[str, int] = collections.defaultdict(int)

    def lines(name: str):
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                yield line

    for w in lines("words_th.txt"):
        flags[w] |= FLAG_LEXICON
    for line in lines("tnc_freq.txt"):
        w, _, _ = line.partition("\t")
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


def build(corpus: Path, out: Path, limit: int | None, min_unigram: int, min_bigram: int,
          holdout_every: int = 0) -> dict:
    t0 = time.time()
    uni: collections.Counter[str] = collections.Counter()
    bi: collections.Counter[tuple[str, str]] = collections.Counter()
    n_docs = n_chars = 0
    for text in read_corpus(corpus, limit, holdout_every):
        toks = lm_tokens(text)
        uni.update(toks)
        bi.update(zip(toks, toks[1:]))
        n_docs += 1
        n_chars += len(text)
        if n_docs % 5000 == 0:
            print(f"{n_docs} docs, {len(uni)} words, {len(bi)} bigrams, {time.time() - t0:.0f}s", file=sys.stderr)
    flags = pythainlp_lists()
    words = sorted(w for w in {w for w, c in uni.items() if c >= min_unigram} | set(flags)
                   if w and not any(ch.isspace() for ch in w))
    index = {w: i for i, w in enumerate(words)}
    counts = np.array([uni.get(w, 0) for w in words], dtype=np.uint32)
    wflags = np.array([flags.get(w, 0) for w in words], dtype=np.uint8)
    followers = np.zeros(len(words), dtype=np.uint32)
    keys, bcounts = [], []
    for (a, b), c in bi.items():
        ia = index.get(a)
        if ia is None:
            continue
        followers[ia] += 1
        ib = index.get(b)
        if c >= min_bigram and ib is not None:
            keys.append((ia << ID_BITS) | ib)
            bcounts.append(c)
    order = np.argsort(np.array(keys, dtype=np.uint64))
    keys_arr = np.array(keys, dtype=np.uint64)[order]
    counts_arr = np.array(bcounts, dtype=np.uint32)[order]
    meta = {
        "corpus": str(corpus.name), "documents": n_docs, "characters": n_chars,
        "tokens": int(sum(uni.values())), "min_unigram": min_unigram, "min_bigram": min_bigram, "holdout_every": holdout_every,
        "words": len(words), "bigrams": int(len(keys_arr)), "segmenter": "thaibreak",
        "built": time.strftime("%Y-%m-%d"),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        counts=counts, flags=wflags, followers=followers,
        bigram_keys=keys_arr, bigram_counts=counts_arr,
        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
    )
    meta["seconds"] = round(time.time() - t0, 1)
    meta["bytes"] = out.stat().st_size
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="JSONL(.gz) with title and text/body")
    ap.add_argument("--out", type=Path, default=Path("models/spelling/lm.npz"))
    ap.add_argument("--limit", type=int, default=None, help="read only the first N records")
    ap.add_argument("--min-unigram", type=int, default=2)
    ap.add_argument("--min-bigram", type=int, default=2)
    ap.add_argument("--holdout-every", type=int, default=50,
                    help="leave out every N-th record (calibration text); 0 reads all")
    args = ap.parse_args(argv)
    print(json.dumps(build(args.corpus, args.out, args.limit, args.min_unigram, args.min_bigram,
                     args.holdout_every),
                     ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
