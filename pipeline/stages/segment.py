"""Segment stage: sentences and word tokens, with offsets into the original text."""

from __future__ import annotations

from typing import ClassVar

from pipeline.document import Document, Sentence, Token
from pipeline.stages.base import SENTENCES, TOKENS, WORKING_TEXT
from pipeline.text.sentences import SentenceSplitter
from pipeline.text.words import DEFAULT_WORD_ENGINE, get_word_engine


class SegmentStage:
    """Splits the working text into words (``engine``), then into sentences made of whole words."""

    name: ClassVar[str] = "segment"
    needs: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({SENTENCES, TOKENS})

    def __init__(self, engine: str = DEFAULT_WORD_ENGINE) -> None:
        get_word_engine(engine)  # fail at build time on an unknown name
        self.engine = engine
        self.splitter = SentenceSplitter()

    def config(self) -> dict[str, object]:
        return {"engine": self.engine}

    def __call__(self, doc: Document) -> Document:
        work = doc.work
        words = get_word_engine(self.engine)(work)
        sentence_spans = self.splitter.split(work, words)
        to_original = doc.alignment.spans_to_original
        doc.sentences = [
            Sentence(start, end, work[ws:we])
            for (start, end), (ws, we) in zip(to_original(sentence_spans), sentence_spans)
        ]
        tokens: list[Token] = []
        sent_id = 0
        sent_ends = [we for _, we in sentence_spans]
        for (start, end), (ws, we) in zip(to_original(words), words):
            while ws >= sent_ends[sent_id]:
                sent_id += 1
            tokens.append(Token(sent_id, start, end, work[ws:we]))
        doc.tokens = tokens
        return doc
