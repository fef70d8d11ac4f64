"""What the stages find: one small frozen dataclass per kind of annotation.

Every annotation is a span with two pairs of offsets:

* ``start``/``end``: a half-open range of Python string indices into ``Document.text``, the text
  exactly as read (the output contract: ``text[start:end]`` shows where a row came from);
* ``work_start``/``work_end``: the same span in the working text (normalised and corrected) as it
  was when the stage found it, so later stages never have to search for it again.

``text`` is always the surface form in the working text. ``sent_id`` is ``None`` until the row
builder fills it in from the sentences (the spelling stage runs before there are sentences).
The field names of each class are the column names of its output table
(:mod:`thai_extract.io.schemas`); :mod:`thai_extract.tables` turns them into columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``[start, end)`` in the original text; ``text`` as in the working text."""

    start: int
    end: int
    text: str
    work_start: int = 0
    work_end: int = 0


@dataclass(frozen=True, slots=True)
class Token:
    """A word token: ``[start, end)`` in the original text; ``text`` as in the working text."""

    sent_id: int
    start: int
    end: int
    text: str
    work_start: int = 0
    work_end: int = 0


@dataclass(frozen=True, slots=True)
class Correction:
    """A typo fix the spelling stage suggests: ``original`` as in the source, ``text`` the fix.

    ``applied`` says whether later stages see the fix (its score reached the stage's threshold);
    ``work_start``/``work_end`` locate ``text`` (when applied, else ``original``) in the working
    text the spelling stage leaves behind.
    """

    start: int
    end: int
    original: str
    text: str
    score: float
    method: str
    applied: bool
    work_start: int
    work_end: int
    sent_id: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention with its label and canonical name (a country: its ISO alpha-2 code)."""

    start: int
    end: int
    text: str
    label: str
    canonical: str | None
    score: float
    source: str
    work_start: int
    work_end: int
    sent_id: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention as a tagger finds it: ``[start, end)`` in the working text it tagged."""

    start: int
    end: int
    text: str
    label: str
    score: float
    source: str
    canonical: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period mention, as an inclusive Gregorian range ``[start_date, end_date]``.

    The dates are ``None`` only when the mention cannot be resolved (a relative or year-less
    mention with nothing to anchor it).
    """

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    relative: bool
    time: str | None
    work_start: int
    work_end: int
    sent_id: int | None = None


@dataclass(frozen=True, slots=True)
class CooperationMention:
    """An area of a cooperation passage (``text`` names the area), with the parties that cooperate.

    ``party_kinds`` runs parallel to ``parties`` ("country" for an ISO code, "organisation" for
    ASEAN, UN…); ``area_parent`` is the area's parent code (None for a top-level area).
    """

    start: int
    end: int
    text: str
    area: str
    area_parent: str | None
    parties: tuple[str, ...]
    party_kinds: tuple[str, ...]
    score: float
    work_start: int
    work_end: int
    sent_id: int | None = None


@dataclass(frozen=True, slots=True)
class CooperationEvent:
    """One cooperation passage as an event: who cooperated with whom, on what, and when.

    ``areas`` are the most specific codes named in the passage; ``kind`` is what the text says
    happened (visit, meeting, agreement, joint_statement, exercise, aid) or None; the date range
    is a date mention inside the passage (``date_source`` "text"), else the publication date
    ("published"), else unknown ("none").
    """

    start: int
    end: int
    text: str
    parties: tuple[str, ...]
    party_kinds: tuple[str, ...]
    areas: tuple[str, ...]
    kind: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    date_source: str
    work_start: int
    work_end: int
    sent_id: int | None = None


__all__ = ["CooperationEvent", "CooperationMention", "Correction", "DateMention", "Entity", "Mention", "Sentence",
           "Token"]
