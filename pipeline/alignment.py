"""Map spans of the working text (normalised, corrected) back to the original text.

Each rewrite of the text (normalisation, typo correction) adds one layer of edits; a span found in
the final working text is mapped back through the layers, newest first. A layer with no edits costs
nothing, so clean text pays nothing for alignment.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    """``original[orig_start:orig_end]`` became ``replacement``."""

    orig_start: int
    orig_end: int
    replacement: str


@dataclass
class _Layer:
    """One rewrite: edit ``i`` turned source ``[src_start[i], src_end[i])`` into target ``[dst_start[i], dst_end[i])``."""

    src_start: list[int]
    src_end: list[int]
    dst_start: list[int]
    dst_end: list[int]

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
        layer = _Layer([], [], [], [])
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
        return [self.to_original(s, e) for s, e in spans]
