"""Dates stage: every date or period mention, as a Gregorian range, in ``doc.dates``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from thai_extract.annotations import DateMention
from thai_extract.document import Document
from thai_extract.stages.base import DATES, WORKING_TEXT, ConfiguredStage, register_stage
from thai_extract.text.dates import find_dates


@dataclass(frozen=True)
class DatesConfig:
    """The dates stage has no settings (its lexicon is ``models/dates/lexicon.toml``)."""


@register_stage
class DatesStage(ConfiguredStage):
    """Finds date mentions in the working text, resolving relative ones against ``doc.published``.

    Rows (``doc.dates``) hold original-text offsets, the working-text surface form, the inclusive
    ``start_date``/``end_date``, ``granularity``, ``relative`` and ``time``; ``sent_id`` is left to
    the row builder.
    """

    name: ClassVar[str] = "dates"
    needs: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({DATES})
    Config = DatesConfig

    def __call__(self, doc: Document) -> Document:
        for mention in find_dates(doc.work, doc.published):
            start, end = doc.to_original(mention.start, mention.end)
            doc.dates.append(DateMention(start, end, mention.text, mention.start_date, mention.end_date,
                                         mention.granularity, mention.relative, mention.time,
                                         mention.start, mention.end))
        return doc
