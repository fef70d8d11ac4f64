"""The word bigram language model (interpolated absolute discounting) and the lexicon behind it."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from thai_extract.errors import require_resource
from thai_extract.resources import model_path
from thai_extract.text.spelling.build_lm import BOUNDARY, FLAG_LEXICON, FLAG_NAME, FLAG_TNC, ID_BITS, token_class

DISCOUNT = 0.75


@dataclass
class WordLM:
    words: list[str]
    index: dict[str, int]
    counts: list[int]
    flags: bytes
    followers: list[int]
    bigram_keys: np.ndarray
    bigram_counts: np.ndarray
    total: int
    meta: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "WordLM":
        """The model at ``path`` (default: ``spelling/lm.npz`` of the models folder)."""
        path = model_path("spelling", "lm.npz", configured=path)
        rebuild = ("rebuild it with: python -m thai_extract.text.spelling.build_lm "
                   "--corpus ../shared/data/thaigov_unlabeled.jsonl.gz --out models/spelling/lm.npz")
        with np.load(require_resource(path, "spelling language model", rebuild)) as z:
            words = z["words"].tobytes().decode("utf-8").split("\n")
            counts = z["counts"].tolist()
            flags = z["flags"].tobytes()
            followers = z["followers"].tolist()
            keys = z["bigram_keys"]
            bcounts = z["bigram_counts"]
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        index = {w: i for i, w in enumerate(words)}
        return cls(words, index, counts, flags, followers, keys, bcounts, int(sum(counts)), meta)

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
        keys = self.bigram_keys
        j = int(keys.searchsorted(np.uint64(key)))
        if j < len(keys) and int(keys[j]) == key:
            return int(self.bigram_counts[j])
        return 0

    def unigram_logp(self, word: str, unk_logp: float) -> float:
        i = self.index.get(word)
        if i is None:
            return unk_logp
        c = self.counts[i]
        if c == 0:  # in a word list but never seen in the corpus
            c = 0.5 if self.flags[i] & FLAG_LEXICON else 0.2
        return math.log(c / self.total)

    def logp(self, word: str, prev: str | None, unk_logp: float) -> float:
        """log P(word | prev); ``prev`` None (unknown context) backs off to the unigram."""
        pu = self.unigram_logp(word, unk_logp)
        if prev is None:
            return pu
        ia = self.index.get(prev)
        ib = self.index.get(word)
        if ia is None or ib is None:
            return pu
        ca = self.counts[ia]
        if ca == 0:
            return pu
        cab = self.bigram_count(ia, ib)
        p = max(cab - DISCOUNT, 0.0) / ca + DISCOUNT * max(self.followers[ia], 1) / ca * math.exp(pu)
        return math.log(p)


def lm_token(tok: str) -> str:
    return token_class(tok)


__all__ = ["WordLM", "BOUNDARY", "lm_token"]
