"""The Document that travels through the stages, and the annotations they add to it.

Every annotation (:mod:`thai_extract.annotations`) holds offsets into the *original* text
(``Document.text``), as the output contract asks, and into the working text; its ``text`` is the
surface form in the working text (normalised, corrected).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from thai_extract.alignment import Alignment
from thai_extract.annotations import (CooperationEvent, CooperationMention, Correction, DateMention, Entity,
                                      Sentence, Token)


TITLE_SEPARATOR = "\n"
"""Between a record's title and its body in ``Document.text``: the title is a line of its own."""


def with_title(title: str | None, body: str) -> tuple[str, int]:
    """The text a document is analysed as, and where its body starts in it.

    A record with a title is analysed as one text, ``title + "\n" + body``, so every stage sees the
    headline (which often holds the key entities and the cooperation cue) and every offset indexes
    one string; without a title the text is the body itself (body start 0).
    """
    if title is None or not title.strip():
        return body, 0
    return f"{title}{TITLE_SEPARATOR}{body}", len(title) + len(TITLE_SEPARATOR)


def content_sha256(text: str) -> str:
    """The hash that identifies a document's content (``documents.content_sha256``)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Document:
    """One input document and everything the stages found in it.

    ``text`` is the text as read (after decoding) and never changes: a record's title and body
    joined by :func:`with_title`, the body starting at ``body_start``; ``working_text`` is what the
    stages read, with ``alignment`` mapping its offsets back to ``text``.
    """

    doc_id: str
    text: str = field(repr=False)
    source: str = ""
    title: str | None = None
    published: dt.date | None = None
    body_start: int = 0
    working_text: str | None = field(default=None, repr=False)
    alignment: Alignment = field(default_factory=Alignment, repr=False)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    cooperation: list[CooperationMention] = field(default_factory=list)
    cooperation_events: list[CooperationEvent] = field(default_factory=list)
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.working_text is None:
            self.working_text = self.text

    @property
    def work(self) -> str:
        """The working text (never ``None``)."""
        assert self.working_text is not None
        return self.working_text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the working-text range ``[start, end)``."""
        return self.alignment.to_original(start, end)


@dataclass(frozen=True)
class Failure:
    """An input or document that could not be processed: one row of the ``errors`` table."""

    source: str
    doc_id: str | None
    stage: str
    reason: str
    detail: str
