"""Map spans of the working text (normalised, corrected) back to the original text.

Each rewrite of the text (normalisation, typo correction) adds one layer of edits; a span found in
the final working text is mapped back through the layers, newest first. A layer with no edits costs
nothing, so clean text pays nothing for alignment.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np


_FEW_SPANS = 32  # below this many spans, mapping one by one beats setting up arrays


@dataclass(frozen=True)
class Edit:
    """``original[orig_start:orig_end]`` became ``replacement``."""

    orig_start: int
    orig_end: int
    replacement: str


def _offsets() -> array:
    return array("q")


@dataclass
class _Layer:
    """One rewrite: edit ``i`` turned source ``[src_start[i], src_end[i])`` into target ``[dst_start[i], dst_end[i])``.

    Offsets are kept in int64 arrays: a text with millions of edits costs 32 bytes per edit.
    """

    src_start: array = field(default_factory=_offsets)
    src_end: array = field(default_factory=_offsets)
    dst_start: array = field(default_factory=_offsets)
    dst_end: array = field(default_factory=_offsets)

    def start_to_source(self, pos: int) -> int:
        # The last edit whose target starts at or before pos. A start inside a replaced piece moves
        # to the piece's start; a start right after a deletion skips the deleted characters.
        i = bisect_right(self.dst_start, pos) - 1
        if i < 0:
            return pos
        if pos < self.dst_end[i]:
            return self.src_start[i]
        return pos - self.dst_end[i] + self.src_end[i]

    def end_to_source(self, pos: int) -> int:
        # The first edit whose target ends at or after pos. An end inside (or at the end of) a
        # replaced piece moves to the piece's end; an end right before a deletion excludes it.
        i = bisect_left(self.dst_end, pos)
        if i < len(self.dst_end) and self.dst_start[i] < pos:
            return self.src_end[i]
        j = i - 1
        if j < 0:
            return pos
        return pos - self.dst_end[j] + self.src_end[j]

    def arrays_to_source(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``start_to_source`` and ``end_to_source`` over arrays of spans, as ``Alignment.to_original`` steps."""
        src_start, src_end, dst_start, dst_end = (
            np.frombuffer(a, dtype=np.int64) for a in (self.src_start, self.src_end, self.dst_start, self.dst_end)
        )
        last = len(dst_end) - 1
        i = np.searchsorted(dst_start, starts, side="right") - 1
        k = np.maximum(i, 0)
        new_starts = np.where(i < 0, starts, np.where(starts < dst_end[k], src_start[k], starts - dst_end[k] + src_end[k]))
        i = np.searchsorted(dst_end, ends, side="left")
        k = np.minimum(i, last)
        j = np.maximum(i - 1, 0)
        new_ends = np.where(
            (i <= last) & (dst_start[k] < ends), src_end[k], np.where(i < 1, ends, ends - dst_end[j] + src_end[j])
        )
        new_ends = np.where(ends > starts, new_ends, new_starts)
        return new_starts, np.maximum(new_starts, new_ends)


@dataclass
class Alignment:
    """A stack of rewrites from the original text to the working text."""

    layers: list[_Layer] = field(default_factory=list)

    @property
    def is_identity(self) -> bool:
        return not self.layers

    def apply(self, text: str, edits: Iterable[Edit]) -> str:
        """Rewrite ``text`` (the current working text) with ``edits`` and record the layer.

        Edits are given in coordinates of ``text``; they must be ordered and must not overlap.
        Returns the new working text.
        """
        pieces: list[str] = []
        layer = _Layer()
        cursor = 0
        out_len = 0
        for edit in edits:
            if edit.orig_start < cursor or edit.orig_end < edit.orig_start:
                raise ValueError(f"edits overlap or are out of order at {edit.orig_start}")
            if text[edit.orig_start:edit.orig_end] == edit.replacement:
                continue
            pieces.append(text[cursor:edit.orig_start])
            out_len += edit.orig_start - cursor
            layer.src_start.append(edit.orig_start)
            layer.src_end.append(edit.orig_end)
            layer.dst_start.append(out_len)
            pieces.append(edit.replacement)
            out_len += len(edit.replacement)
            layer.dst_end.append(out_len)
            cursor = edit.orig_end
        if not layer.src_start:
            return text
        pieces.append(text[cursor:])
        self.layers.append(layer)
        return "".join(pieces)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of the working-text range ``[start, end)``."""
        for layer in reversed(self.layers):
            new_start = layer.start_to_source(start)
            new_end = layer.end_to_source(end) if end > start else new_start
            start, end = new_start, max(new_start, new_end)
        return start, end

    def spans_to_original(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """``to_original`` for many spans (the identity is returned as a copy at no cost)."""
        if not self.layers:
            return list(spans)
        if len(spans) < _FEW_SPANS:
            return [self.to_original(s, e) for s, e in spans]
        pairs = np.array(spans, dtype=np.int64).reshape(-1, 2)
        starts, ends = self.arrays_to_original(pairs[:, 0], pairs[:, 1])
        return list(zip(starts.tolist(), ends.tolist()))

    def arrays_to_original(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``to_original`` for spans given as arrays of starts and ends (int64); the same arrays if no layer."""
        for layer in reversed(self.layers):
            starts, ends = layer.arrays_to_source(starts, ends)
        return starts, ends
