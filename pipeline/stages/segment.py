"""Segment stage: sentences and word tokens, with offsets into the original text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, repeat
from typing import ClassVar

import numpy as np

from thai_extract.document import Document, Sentence, Token
from thai_extract.stages.base import SENTENCES, TOKENS, WORKING_TEXT, ConfiguredStage, register_stage
from thai_extract.text.sentences import DEFAULT_BIAS, SentenceSplitter
from thai_extract.text.words import DEFAULT_WORD_ENGINE, WordArrays, get_word_engine, word_arrays


@dataclass(frozen=True)
class SegmentConfig:
    """``engine``: the word segmenter (thaibreak, nlpo3, newmm); ``sentence_bias``: higher splits
    sentences more often (see ``SentenceSplitter``)."""

    engine: str = DEFAULT_WORD_ENGINE
    sentence_bias: float = DEFAULT_BIAS

    def __post_init__(self) -> None:
        get_word_engine(self.engine)  # an unknown engine fails here
        object.__setattr__(self, "sentence_bias", float(self.sentence_bias))


@register_stage
class SegmentStage(ConfiguredStage):
    """Splits the working text into words (``engine``), then into sentences made of whole words."""

    name: ClassVar[str] = "segment"
    needs: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({SENTENCES, TOKENS})
    Config = SegmentConfig

    def _setup(self) -> None:
        self.engine = self.settings.engine
        self.splitter = SentenceSplitter(bias=self.settings.sentence_bias)

    def __call__(self, doc: Document) -> Document:
        work = doc.work
        to_original = doc.alignment.arrays_to_original
        (starts, ends), (orig_starts, orig_ends) = _whole_edits(word_arrays(work, self.engine), to_original)
        if not len(starts):
            doc.sentences, doc.tokens = [], []
            return doc
        work_begin, work_end = starts.tolist(), ends.tolist()
        words = _strings(work, work_begin, work_end)
        last = np.array(self.splitter.word_boundaries(work, work_begin, work_end, words), dtype=np.int64)
        first = np.concatenate(([0], last[:-1] + 1))
        sent_work_begin = list(map(work_begin.__getitem__, first.tolist()))
        sent_work_end = list(map(work_end.__getitem__, last.tolist()))
        sent_texts = _strings(work, sent_work_begin, sent_work_end)
        if doc.alignment.is_identity:  # the working offsets are the original ones: share them
            sent_begin, sent_end, begin, end = sent_work_begin, sent_work_end, work_begin, work_end
        else:
            sent_begin, sent_end = (a.tolist() for a in to_original(starts[first], ends[last]))
            begin, end = orig_starts.tolist(), orig_ends.tolist()
        doc.sentences = list(map(Sentence, sent_begin, sent_end, sent_texts, sent_work_begin, sent_work_end))
        del starts, ends, orig_starts, orig_ends
        # each sentence's id repeated over its words (one int object per sentence, not per word)
        sent_ids = chain.from_iterable(map(repeat, range(len(last)), (last - first + 1).tolist()))
        doc.tokens = list(map(Token, sent_ids, begin, end, words, work_begin, work_end))
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
