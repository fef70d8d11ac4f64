"""Segment stage: sentences and word tokens, with offsets into the original text."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, repeat
from typing import ClassVar

import numpy as np

from thai_extract.document import Document, Sentence, Token
from thai_extract.stages.base import SENTENCES, TOKENS, WORKING_TEXT
from thai_extract.text.sentences import DEFAULT_BIAS, SentenceSplitter
from thai_extract.text.words import DEFAULT_WORD_ENGINE, WordArrays, get_word_engine, word_arrays


class SegmentStage:
    """Splits the working text into words (``engine``), then into sentences made of whole words."""

    name: ClassVar[str] = "segment"
    needs: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({SENTENCES, TOKENS})

    def __init__(self, engine: str = DEFAULT_WORD_ENGINE, sentence_bias: float = DEFAULT_BIAS) -> None:
        """``sentence_bias``: higher splits sentences more often (see ``SentenceSplitter``)."""
        get_word_engine(engine)  # fail at build time on an unknown name
        self.engine = engine
        self.splitter = SentenceSplitter(bias=float(sentence_bias))

    def config(self) -> dict[str, object]:
        return {"engine": self.engine, "sentence_bias": self.splitter.bias}

    def __call__(self, doc: Document) -> Document:
        work = doc.work
        to_original = doc.alignment.arrays_to_original
        (starts, ends), (orig_starts, orig_ends) = _whole_edits(word_arrays(work, self.engine), to_original)
        if not len(starts):
            doc.sentences, doc.tokens = [], []
            return doc
        begin, end = starts.tolist(), ends.tolist()
        words = _strings(work, begin, end)
        last = np.array(self.splitter.word_boundaries(work, begin, end, words), dtype=np.int64)
        first = np.concatenate(([0], last[:-1] + 1))
        sent_begin = list(map(begin.__getitem__, first.tolist()))
        sent_end = list(map(end.__getitem__, last.tolist()))
        sent_texts = _strings(work, sent_begin, sent_end)
        if not doc.alignment.is_identity:  # else the working offsets are the original ones: share them
            sent_begin, sent_end = (a.tolist() for a in to_original(starts[first], ends[last]))
            begin, end = orig_starts.tolist(), orig_ends.tolist()
        doc.sentences = list(map(Sentence, sent_begin, sent_end, sent_texts))
        del starts, ends, orig_starts, orig_ends
        # each sentence's id repeated over its words (one int object per sentence, not per word)
        sent_ids = chain.from_iterable(map(repeat, range(len(last)), (last - first + 1).tolist()))
        doc.tokens = list(map(Token, sent_ids, begin, end, words))
        return doc


def _strings(text: str, starts: list[int], ends: list[int]) -> list[str]:
    """``text[s:e]`` for each span, a repeated string held once."""
    seen: dict[str, str] = {}
    keep = seen.setdefault
    return [keep(piece, piece) for piece in map(text.__getitem__, map(slice, starts, ends))]


def _whole_edits(words: WordArrays, to_original: Callable[..., WordArrays]) -> tuple[WordArrays, WordArrays]:
    """Words (working and original offsets), merged where the segmenter split one normalisation edit.

    Two words cut from one rewritten piece (say a re-composed character) would map to the same
    original range; they become one word so that tokens never overlap in the original text.
    """
    original = to_original(*words)
    if np.all(original[1][:-1] <= original[0][1:]):
        return words, original
    merged_work = [[words[0][0], words[1][0]]]
    merged_orig = [[original[0][0], original[1][0]]]
    for ws, we, start, end in zip(words[0][1:].tolist(), words[1][1:].tolist(),
                                  original[0][1:].tolist(), original[1][1:].tolist()):
        if start < merged_orig[-1][1]:
            merged_work[-1][1] = we
            merged_orig[-1][1] = max(end, merged_orig[-1][1])
        else:
            merged_work.append([ws, we])
            merged_orig.append([start, end])
    work, orig = np.array(merged_work, dtype=np.int64), np.array(merged_orig, dtype=np.int64)
    return (work[:, 0], work[:, 1]), (orig[:, 0], orig[:, 1])
