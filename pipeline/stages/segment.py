"""Segment stage: sentences and word tokens, with offsets into the original text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from thai_extract.document import Document, Sentence, Token
from thai_extract.stages.base import SENTENCES, TOKENS, WORKING_TEXT, ConfiguredStage, register_stage
from thai_extract.text.sentences import DEFAULT_BIAS, SentenceSplitter
from thai_extract.text.words import DEFAULT_WORD_ENGINE, Span, get_word_engine


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
        to_original = doc.alignment.spans_to_original
        words, original_words = _whole_edits(get_word_engine(self.engine)(work), to_original)
        sentence_spans = self.splitter.split(work, words)
        doc.sentences = [
            Sentence(start, end, work[ws:we], ws, we)
            for (start, end), (ws, we) in zip(to_original(sentence_spans), sentence_spans)
        ]
        tokens: list[Token] = []
        sent_id = 0
        sent_ends = [we for _, we in sentence_spans]
        for (start, end), (ws, we) in zip(original_words, words):
            while ws >= sent_ends[sent_id]:
                sent_id += 1
            tokens.append(Token(sent_id, start, end, work[ws:we], ws, we))
        doc.tokens = tokens
        return doc


def _whole_edits(words: list[Span], to_original: Callable[[list[Span]], list[Span]]) -> tuple[list[Span], list[Span]]:
    """Words (working and original offsets), merged where the segmenter split one normalisation edit.

    Two words cut from one rewritten piece (say a re-composed character) would map to the same
    original range; they become one word so that tokens never overlap in the original text.
    """
    original = to_original(words)
    if all(a[1] <= b[0] for a, b in zip(original, original[1:])):
        return words, original
    merged_work: list[Span] = [words[0]]
    merged_orig: list[Span] = [original[0]]
    for (ws, we), (start, end) in zip(words[1:], original[1:]):
        if start < merged_orig[-1][1]:
            merged_work[-1] = (merged_work[-1][0], we)
            merged_orig[-1] = (merged_orig[-1][0], max(end, merged_orig[-1][1]))
        else:
            merged_work.append((ws, we))
            merged_orig.append((start, end))
    return merged_work, merged_orig
