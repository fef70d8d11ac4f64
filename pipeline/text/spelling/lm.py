"""The word trigram language model (interpolated absolute discounting, backing off to bigrams and
unigrams) and the lexicon behind it."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from thai_extract.errors import require_resource
from thai_extract.resources import model_path
from thai_extract.text.spelling.lexicon import FLAG_LEXICON, FLAG_NAME, FLAG_TNC, ID_BITS

DISCOUNT = 0.75
REBUILD = "rebuild it with: python -m thai_extract.training.spelling_lm --corpus ../shared/data/thaigov_unlabeled.jsonl.gz"
_B = np.uint64(ID_BITS)


def _lookup(keys: np.ndarray, key: int) -> int:
    """Index of ``key`` in the sorted ``keys``, or -1."""
    j = int(keys.searchsorted(np.uint64(key)))
    return j if j < len(keys) and int(keys[j]) == key else -1


@dataclass
class WordLM:
    words: list[str]
    index: dict[str, int]
    counts: list[int]
    flags: bytes
    followers: list[int]
    bigram_keys: np.ndarray
    bigram_counts: np.ndarray
    bigram_followers: np.ndarray
    trigram_keys: np.ndarray
    trigram_counts: np.ndarray
    total: int
    meta: dict
    # bigram counts already looked up (a numpy search per pair costs microseconds; pairs recur)
    _bigram_memo: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "WordLM":
        """The model at ``path`` (default: ``spelling/lm.npz`` of the models folder)."""
        path = model_path("spelling", "lm.npz", configured=path)
        with np.load(require_resource(path, "spelling language model", REBUILD)) as z:
            words = z["words"].tobytes().decode("utf-8").split("\n")
            counts = z["counts"].tolist()
            arrays = {k: z[k] for k in ("flags", "followers", "bigram_keys", "bigram_counts", "bigram_followers",
                                        "trigram_keys", "trigram_counts")}
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        index = {w: i for i, w in enumerate(words)}
        return cls(words, index, counts, arrays["flags"].tobytes(), arrays["followers"].tolist(),
                   np.cumsum(arrays["bigram_keys"], dtype=np.uint64), arrays["bigram_counts"].astype(np.int64),
                   arrays["bigram_followers"].astype(np.int64),
                   np.cumsum(arrays["trigram_keys"], dtype=np.uint64), arrays["trigram_counts"].astype(np.int64),
                   int(sum(counts)), meta)

    # --- lexicon -------------------------------------------------------------------------------
    def count(self, word: str) -> int:
        i = self.index.get(word)
        return 0 if i is None else self.counts[i]

    def word_set(self, min_count: int, flags: int = FLAG_LEXICON | FLAG_TNC | FLAG_NAME) -> set[str]:
        """Words seen ``min_count`` times in the corpus or carrying one of ``flags``."""
        return {w for w, c, f in zip(self.words, self.counts, self.flags) if c >= min_count or f & flags}

    def has_flag(self, word: str, flag: int) -> bool:
        i = self.index.get(word)
        return i is not None and bool(self.flags[i] & flag)

    # --- probabilities -------------------------------------------------------------------------
    def bigram_count(self, a: int, b: int) -> int:
        key = (a << ID_BITS) | b
        memo = self._bigram_memo
        got = memo.get(key)
        if got is None:
            if len(memo) >= 200_000:
                memo.clear()
            j = _lookup(self.bigram_keys, key)
            got = memo[key] = int(self.bigram_counts[j]) if j >= 0 else 0
        return got

    def unigram_logp(self, word: str, unk_logp: float) -> float:
        i = self.index.get(word)
        if i is None:
            return unk_logp
        c = self.counts[i]
        if c == 0:  # in a word list but never seen in the corpus
            c = 0.5 if self.flags[i] & FLAG_LEXICON else 0.2
        return math.log(c / self.total)

    def _bigram_p(self, ia: int, ib: int, pu: float) -> float:
        ca = self.counts[ia]
        if ca == 0:
            return pu
        cab = self.bigram_count(ia, ib)
        return max(cab - DISCOUNT, 0.0) / ca + DISCOUNT * max(self.followers[ia], 1) / ca * pu

    def logp(self, word: str, prev: str | None, unk_logp: float, prev2: str | None = None) -> float:
        """log P(word | prev2 prev); ``prev`` None (unknown context) backs off to the unigram, ``prev2``
        None to the bigram."""
        lu = self.unigram_logp(word, unk_logp)
        if prev is None:
            return lu
        ia = self.index.get(prev)
        ib = self.index.get(word)
        if ia is None or ib is None or self.counts[ia] == 0:
            return lu
        p = self._bigram_p(ia, ib, math.exp(lu))
        if prev2 is not None:
            i0 = self.index.get(prev2)
            if i0 is not None:
                j = _lookup(self.bigram_keys, (i0 << ID_BITS) | ia)
                if j >= 0 and self.bigram_followers[j]:
                    c_ctx = int(self.bigram_counts[j])
                    k = _lookup(self.trigram_keys, (((i0 << ID_BITS) | ia) << ID_BITS) | ib)
                    c = int(self.trigram_counts[k]) if k >= 0 else 0
                    p = max(c - DISCOUNT, 0.0) / c_ctx + DISCOUNT * int(self.bigram_followers[j]) / c_ctx * p
        return math.log(p)

    def sequence_logp(self, toks: list[str], unk_logp: float, order: int = 3) -> float:
        """log P of ``toks[2:]`` given the first two (n-gram ``order`` 2 or 3)."""
        lp = 0.0
        for k in range(2, len(toks)):
            lp += self.logp(toks[k], toks[k - 1], unk_logp, toks[k - 2] if order >= 3 else None)
        return lp
