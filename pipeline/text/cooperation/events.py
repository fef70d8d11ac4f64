"""Cooperation events: who cooperated with whom, on what, and when; one event per passage.

``cooperation_events(passages, dates, published)`` turns the detector's passages
(:func:`thai_extract.text.cooperation.detector.find_passages`) and the document's date mentions into
events. An event's dates are those of a date mention inside its passage: the first one naming a
day (or a few days, a week), else the first naming a month; a year, quarter or decade written in a
passage is nearly always the period of a figure ("การค้ารวมในปี 2567"), not the day of the event.
With no such mention the event takes the publication date, and with neither its dates are ``None``;
``date_source`` says which: ``"text"``, ``"published"`` or ``"none"``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from thai_extract.text.cooperation.detector import Passage

# granularity -> preference (lower is better); a mention without a granularity counts as a day
_DATE_RANK = {"day": 0, "week": 0, "month": 1}


class DateLike(Protocol):
    """A date mention: working-text ``start``/``end`` and its inclusive range."""

    start: int
    end: int
    start_date: dt.date | None
    end_date: dt.date | None


@dataclass(frozen=True, slots=True)
class CooperationEvent:
    """One cooperation passage as an event, in working-text offsets.

    ``parties``: sorted party codes; ``areas``: the most specific area codes, in order of mention;
    ``kind``: visit, meeting, agreement, joint_statement, exercise, aid (or ``None`` when the text
    names none); ``start_date``/``end_date``: inclusive; ``date_source``: "text", "published" or
    "none".
    """

    start: int
    end: int
    text: str
    parties: tuple[str, ...]
    areas: tuple[str, ...]
    kind: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    date_source: str


def cooperation_events(passages: Sequence[Passage], dates: Sequence[DateLike],
                       published: dt.date | None = None) -> list[CooperationEvent]:
    """One event per passage; ``dates`` and ``passages`` in the same (working-text) offsets."""
    ordered = sorted(dates, key=lambda d: d.start)
    starts = [d.start for d in ordered]
    events = []
    for p in passages:
        when = _event_date(p, ordered, bisect_left(starts, p.start))
        if when is not None:
            start_date, end_date, source = when.start_date, when.end_date or when.start_date, "text"
        elif published is not None:
            start_date, end_date, source = published, published, "published"
        else:
            start_date, end_date, source = None, None, "none"
        events.append(CooperationEvent(p.start, p.end, p.text, p.parties, p.areas, p.kind,
                                       start_date, end_date, source))
    return events


def _event_date(passage: Passage, dates: Sequence[DateLike], first: int = 0) -> DateLike | None:
    """The mention inside the passage that dates it (see the module docstring), or ``None``;
    ``dates`` in order of start, the first ``first`` of them known to start before the passage."""
    best: DateLike | None = None
    best_rank = len(_DATE_RANK)
    for k in range(first, len(dates)):
        d = dates[k]
        if d.start >= passage.end:
            break
        if d.start < passage.start or d.end > passage.end or d.start_date is None:
            continue
        rank = _DATE_RANK.get(getattr(d, "granularity", None) or "day", len(_DATE_RANK))
        if rank < best_rank:
            best, best_rank = d, rank
    return best
