"""The noisy channel's edit model: which intended strings explain a typed one, and at what cost.

One model serves every part of the corrector (candidates for unknown runs, for rare pairs of known
words, and the features the ranker sees). Costs are negative natural-log weights of one edit kind
(lower = more likely), set by hand from how Thai is typed (a neighbouring key is the commonest slip);
the synthetic bench's typo generator (``training/typo_synth.py``) is written apart from this model,
so the bench does not measure the model against itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from thai_extract.text.spelling.keyboard import THAI_ALPHABET, neighbours, substitutions

COSTS: Mapping[str, float] = MappingProxyType({
    "neighbour": 2.0,    # a neighbouring key on the same shift level
    "shift": 2.5,        # the same key with / without shift
    "near": 3.0,         # a key one diagonal step beyond the neighbours
    "similar": 2.2,      # a look-alike or sound-alike letter, tone-mark swap
    "anticipate": 2.5,   # typed the next letter early (ทหาร -> หหาร)
    "transpose": 2.2,    # two neighbouring letters swapped
    "double": 2.2,       # a letter typed twice
    "insert": 3.2,       # an extra letter (neighbour of the adjacent key: cheaper)
    "insert_near": 2.6,
    "delete": 2.8,       # a letter dropped
})
KINDS = ("neighbour", "near", "shift", "similar", "anticipate", "transpose", "double", "insert", "delete")


class Edit(NamedTuple):
    """``typed`` read as a typo of ``v``: the letters ``typed[i:i + dq]`` stand for ``v[i:i + dv]``."""

    v: str
    cost: float
    kind: str
    i: int
    dq: int
    dv: int


@dataclass(frozen=True)
class EditModel:
    """Single-letter edits of the Thai typist (keyboard slips, look-alikes, extra, dropped, swapped
    and anticipated letters) with their channel costs."""

    costs: Mapping[str, float] = field(default_factory=lambda: COSTS)

    def extra_letter_kind(self, q: str, i: int) -> tuple[str, float]:
        """Kind and cost of ``q[i]`` being a letter typed by mistake."""
        ch = q[i]
        prev_c = q[i - 1] if i > 0 else ""
        next_c = q[i + 1] if i + 1 < len(q) else ""
        if ch == prev_c or ch == next_c:
            return "double", self.costs["double"]
        if ch in neighbours(prev_c) or ch in neighbours(next_c):
            return "insert", self.costs["insert_near"]
        return "insert", self.costs["insert"]

    def substitution_kind(self, q: str, i: int, c: str) -> tuple[str, float] | None:
        """Kind and cost of ``q[i]`` typed where ``c`` was meant, or None when no slip explains it."""
        if c == q[i]:
            return None
        kinds = [_substitution_kinds(q[i]).get(c), "anticipate" if _anticipates(q, i) else None]
        return min(((k, self.costs[k]) for k in kinds if k), key=lambda kc: kc[1], default=None)

    def edits(self, q: str, lo: int = 0, hi: int | None = None) -> Iterator[Edit]:
        """Every single edit that turns a word into the typed ``q`` with the typo's letters in
        ``[lo, hi)`` (one letter of slack on either side). Yields the same ``v`` more than once when
        two edits explain it; the first is the cheaper or commoner one."""
        yield from self.replacements(q, lo, hi)
        cost = self.costs["delete"]
        for i in self.drop_points(q, lo, hi):
            for c in THAI_ALPHABET:
                yield Edit(q[:i] + c + q[i:], cost, "delete", i, 0, 1)

    def replacements(self, q: str, lo: int = 0, hi: int | None = None) -> Iterator[Edit]:
        """The edits of :meth:`edits` that remove, swap or replace typed letters (in its order)."""
        n = len(q)
        costs = self.costs
        lo = max(0, lo - 1)
        hi = n if hi is None else min(n, hi + 1)
        for i in range(lo, hi):
            ch = q[i]
            next_c = q[i + 1] if i + 1 < n else ""
            kind, cost = self.extra_letter_kind(q, i)
            yield Edit(q[:i] + q[i + 1:], cost, kind, i, 1, 0)
            if next_c and ch != next_c:
                yield Edit(q[:i] + next_c + ch + q[i + 2:], costs["transpose"], "transpose", i, 2, 2)
            for c, kind in substitutions(ch):
                yield Edit(q[:i] + c + q[i + 1:], costs[kind], kind, i, 1, 1)
            if _anticipates(q, i):
                for c in THAI_ALPHABET:
                    if c != ch:
                        yield Edit(q[:i] + c + q[i + 1:], costs["anticipate"], "anticipate", i, 1, 1)

    @staticmethod
    def drop_points(q: str, lo: int = 0, hi: int | None = None) -> range:
        """Where :meth:`edits` puts back a dropped letter (any of ``THAI_ALPHABET``, kind "delete"),
        after its :meth:`replacements`."""
        n = len(q)
        return range(max(0, lo - 1), (n if hi is None else min(n, hi + 1)) + 1)

    def explain(self, q: str, v: str, i: int) -> Edit | None:
        """The cheapest single edit within a letter of position ``i`` of the typed ``q`` that reads it
        as ``v`` (the same edits and costs as :meth:`edits`, found without listing them all)."""
        n = len(q)
        found: list[Edit] = []
        for j in range(max(0, i - 1), min(n, i + 2) + 1):
            if len(v) == n - 1 and j < n and q[:j] + q[j + 1:] == v:
                kind, cost = self.extra_letter_kind(q, j)
                found.append(Edit(v, cost, kind, j, 1, 0))
            elif len(v) == n + 1 and q[:j] == v[:j] and q[j:] == v[j + 1:] and v[j] in THAI_ALPHABET:
                found.append(Edit(v, self.costs["delete"], "delete", j, 0, 1))
            elif len(v) == n and j < n and q[:j] == v[:j]:
                if q[j + 1:] == v[j + 1:]:
                    got = self.substitution_kind(q, j, v[j])
                    if got is not None:
                        found.append(Edit(v, got[1], got[0], j, 1, 1))
                elif j + 1 < n and q[j] != q[j + 1] and v == q[:j] + q[j + 1] + q[j] + q[j + 2:]:
                    found.append(Edit(v, self.costs["transpose"], "transpose", j, 2, 2))
        return min(found, key=lambda e: e.cost, default=None)


@cache
def _substitution_kinds(typed: str) -> dict[str, str]:
    return dict(substitutions(typed))


def _anticipates(q: str, i: int) -> bool:
    """Whether ``q[i]`` may be the next letter typed early (it repeats one or two letters later)."""
    return (i + 1 < len(q) and q[i] == q[i + 1]) or (i + 2 < len(q) and q[i] == q[i + 2])
