"""Date mentions: atoms given their values, then relative days anchored to the dates stated with
them, ranges to and from relative days joined, and the day the text calls today found."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from thai_extract.text.dates.atoms import Atom, find_atoms
from thai_extract.text.dates.grammar import BLANK, S, grammar, range_joint
from thai_extract.text.dates.years import (budget_tables, dates_of, drop_recurring, join_ranges, merge_pairs,
                                           resolve_years)

__all__ = ["DateMention", "find_dates", "GRANULARITIES"]

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
GRANULARITIES = ("day", "week", "month", "quarter", "year", "fiscal_year", "decade")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period mention: ``text[start:end]`` and its inclusive Gregorian range.

    ``start_date``/``end_date`` are ``None`` only when the value cannot be resolved (a relative or
    year-less mention with no publication date and no year in the passage).
    """

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    relative: bool = False
    time: str | None = None


def _mention(atom: Atom, text: str) -> DateMention | None:
    if atom.fixed is not None:
        first, last = atom.fixed
    elif atom.year is not None:
        dates = dates_of(atom, atom.year)
        if dates is None:
            return None
        first, last = dates
    elif atom.explicit_year:
        return None
    else:
        first = last = None  # unresolvable: no year in the passage, no publication date
    relative = atom.relative or (atom.fixed is None and not atom.explicit_year)
    return DateMention(atom.start, atom.end, text[atom.start:atom.end], first, last, atom.granularity,
                       relative, atom.time)


_CLOSE_PAREN = re.compile(rf"{S}\)")
_RELATIVE_RANGE_SEP = range_joint(rf"(?:เป็นต้นไป{S})?(?:[-–—]{S}(?:ไป)?(?:จน)?ถึง|[-–—]|ไปจนถึง|จนถึง|ถึง)(?:{S}สิ้น)?")
DATELINE_LINES = 2  # the title line and the first body line (blank lines and the headline repeated not counted)
DATELINE_CHARS = 80  # how far into its line a dateline date may start
DATELINE_DAYS = 7  # how long before publication a dateline date may be


def _is_single_day(m: DateMention) -> bool:
    return m.granularity == "day" and m.start_date is not None and m.start_date == m.end_date


def _anchor_to_stated_date(mentions: list[DateMention], text: str) -> list[DateMention]:
    """"วันนี้ (9 ส.ค. 68)", "วันเดียวกันนี้ 20 ส.ค. 68", "ในช่วง 5 ปีที่ผ่านมา (พ.ศ. 2563 - 2567)": a relative
    mention takes the date stated right after it (both stay mentions, as annotators of Thai news mostly write them)."""
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if not (a.relative and b.start_date is not None and text.find("\n", a.end, b.start) < 0
                and grammar().then_date.fullmatch(text, a.end, b.start)):
            continue
        if a.granularity == "day" and a.start_date == a.end_date and _is_single_day(b):
            mentions[i] = replace(a, start_date=b.start_date, end_date=b.end_date, time=a.time or b.time)
        elif a.start_date != a.end_date and not b.relative and "(" in text[a.end:b.start]:  # a period, and its years
            mentions[i] = replace(a, start_date=b.start_date, end_date=b.end_date, granularity=b.granularity)
    return mentions


def _join_relative_ranges(mentions: list[DateMention], text: str, source: str) -> list[DateMention]:
    """"ตั้งแต่วันนี้ จนถึงวันที่ 15 มิถุนายน 2568", "ตั้งแต่วันที่ 14 ส.ค. 68 ถึงวันนี้ (15 ส.ค. 68)": a relative
    day and a later date, or a date and a later relative day (with the date stated for it), are one range.
    ``text`` is ``source`` with ASCII digits."""
    def as_range(a: DateMention, b: DateMention) -> DateMention | None:
        if not (_is_single_day(a) and b.end_date is not None and a.start_date < b.end_date  # type: ignore[operator]
                and _RELATIVE_RANGE_SEP.fullmatch(text, a.end, b.start)):
            return None
        if (a.relative and b.granularity in ("day", "month")) or (not a.relative and b.relative and _is_single_day(b)):
            return DateMention(a.start, b.end, source[a.start:b.end], a.start_date, b.end_date, "day", True, a.time)
        return None

    def with_stated_end(a: DateMention, b: DateMention) -> DateMention | None:
        if (a.relative and a.start_date != a.end_date and a.granularity == "day" and _is_single_day(b)
                and b.start_date == a.end_date and grammar().then_date.fullmatch(text, a.end, b.start)):
            end = _past_bracket(text, a.end, b)
            return replace(a, end=end, text=source[a.start:end])
        return None

    return merge_pairs(merge_pairs(_stated_starts(mentions, text, source), as_range), with_stated_end)


def _past_bracket(text: str, start: int, stated: DateMention) -> int:
    """The end of ``stated``, or of the bracket around it when one opens between ``start`` and it."""
    close = _CLOSE_PAREN.match(text, stated.end) if "(" in text[start:stated.start] else None
    return close.end() if close else stated.end


def _stated_end(a: DateMention, b: DateMention, text: str) -> int | None:
    """Where the date stated for relative day ``a`` ends (after its closing bracket), if ``b`` is one."""
    if not (a.relative and _is_single_day(a) and _is_single_day(b) and a.start_date == b.start_date
            and text.find("\n", a.end, b.start) < 0 and grammar().then_date.fullmatch(text, a.end, b.start)):
        return None
    return _past_bracket(text, a.end, b)


def _stated_starts(mentions: list[DateMention], text: str, source: str) -> list[DateMention]:
    """"ตั้งแต่วันนี้ (13 ส.ค. 68) ถึง 20 ส.ค. 68": a relative day with its stated date, then a later date, are
    one range, as when the relative day ends it ("ตั้งแต่ 10 ส.ค. 68 ถึงวันนี้ (13 ส.ค. 68)")."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if i + 2 < len(mentions):
            b, c = mentions[i + 1], mentions[i + 2]
            end = _stated_end(a, b, text)
            if (end is not None and c.end_date is not None and c.end_date > a.start_date  # type: ignore[operator]
                    and c.granularity in ("day", "month") and _RELATIVE_RANGE_SEP.fullmatch(text, end, c.start)):
                out.append(DateMention(a.start, c.end, source[a.start:c.end], a.start_date, c.end_date, "day", True,
                                       a.time or b.time))
                i += 3
                continue
        out.append(a)
        i += 1
    return out


HOLIDAY_DATE_GAP = 40  # how far after a holiday's name the date written for it may start


def _drop_restated_holidays(mentions: list[DateMention], holidays: set[int], text: str) -> list[DateMention]:
    """"วันเข้าพรรษา 11 กรกฎาคม 2568", "วันอาสาฬหบูชา ประจำปี 2568 ในวันพฤหัสบดีที่ 10 กรกฎาคม 2568": a
    holiday whose day is written right after it is that written date, one mention (a different day
    written there, "วันอาสาฬหบูชา และวันพุธที่ 28 กรกฎาคม 2564", is a day of its own)."""
    out = []
    for i, m in enumerate(mentions):
        if m.start in holidays:
            written = next((n for n in mentions[i + 1:] if n.granularity != "year"), None)
            if (written is not None and _is_single_day(written) and written.start_date == m.start_date
                    and written.start - m.end <= HOLIDAY_DATE_GAP and "\n" not in text[m.end:written.start]):
                continue
        out.append(m)
    return out


_UNTIL_NOW = re.compile(rf"{S}(?:[-–—]|ถึง|จนถึง|จวบจน){S}(?:ปัจจุบัน|บัดนี้)")


def _until_now(mentions: list[DateMention], text: str, source: str, today: dt.date | None) -> list[DateMention]:
    """"ตั้งแต่ปี 2557 - ปัจจุบัน": from the start of a date to the day the text calls today."""
    out = []
    for m in mentions:
        now = _UNTIL_NOW.match(text, m.end) if today is not None and m.start_date is not None else None
        if now and m.start_date <= today:  # type: ignore[operator]
            m = replace(m, end=now.end(), text=source[m.start:now.end()], end_date=today, relative=True)
        out.append(m)
    return out


def _resolve_anaphors(mentions: list[DateMention], anaphors: dict[int, int]) -> list[DateMention]:
    """"วันรุ่งขึ้น", "วันเดียวกัน": the day after / the same day as the last single day mentioned before."""
    last: dt.date | None = None
    out = []
    for m in mentions:
        if m.start in anaphors and m.start_date is None:
            if last is not None:
                day = last + dt.timedelta(days=anaphors[m.start])
                m = replace(m, start_date=day, end_date=day)
        if _is_single_day(m):
            last = m.start_date
        out.append(m)
    return out


def _dateline(mentions: list[DateMention], text: str, published: dt.date | None) -> dt.date | None:
    """The day a news text calls "today": an explicit date at the start of its first lines
    ("วันที่ 21 กรกฎาคม 2568 นาย...", "กรุงเทพฯ 15 มกราคม 2568 -", "วันนี้ (3 เม.ย. 68)"),
    when it falls in the week before publication (any such date when there is none)."""
    for a, b in zip(mentions, mentions[1:]):
        if (a.text == "วันนี้" and _is_single_day(b) and a.start_date == b.start_date
                and (not b.relative or any(ch.isdigit() for ch in b.text))):
            return b.start_date  # "วันนี้ (12 สิงหาคม 2568)", "วันนี้ (17 ก.ย.)" anywhere says it outright
    line_start, lines_seen = 0, 0
    title = text[:text.find("\n")] if "\n" in text else text
    while lines_seen < DATELINE_LINES:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].strip(BLANK)
        # a body that opens by repeating its headline, split over lines, has its dateline after that
        lines_seen += bool(line) and (lines_seen == 0 or line not in title)
        for m in mentions:
            if m.start >= line_end:
                break
            if m.start < line_start or m.start - line_start > DATELINE_CHARS or not _is_single_day(m):
                continue
            if m.relative:
                continue  # "วันนี้" itself says nothing
            if published is None or published - dt.timedelta(days=DATELINE_DAYS) <= m.start_date <= published:  # type: ignore[operator]
                return m.start_date
        if line_end >= len(text):
            break
        line_start = line_end + 1
    return None


def _extract(text: str, ascii_text: str, published: dt.date | None) -> list[DateMention]:
    atoms = join_ranges(budget_tables(find_atoms(ascii_text, published), ascii_text), ascii_text)
    atoms = resolve_years(drop_recurring(atoms, ascii_text), ascii_text, published)
    anaphors = {atom.start: atom.anaphor for atom in atoms if atom.anaphor is not None}
    holidays = {atom.start for atom in atoms if atom.lunar is not None and not atom.explicit_year}
    mentions = [m for m in (_mention(atom, text) for atom in atoms) if m is not None]
    mentions = _drop_restated_holidays(mentions, holidays, ascii_text)
    mentions = _join_relative_ranges(_anchor_to_stated_date(mentions, ascii_text), ascii_text, text)
    mentions = [m for m in mentions if m.text != "บัดนี้"]  # "now": a date only as the start of a range
    mentions = _until_now(mentions, ascii_text, text, published)
    return _resolve_anaphors(mentions, anaphors)


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date or period mention of ``text``, in order, with offsets into ``text``.

    Relative mentions ("วันนี้", "สัปดาห์หน้า") count from the day the text itself calls today
    (its dateline, see ``_dateline``), else from ``published``.
    """
    ascii_text = text.translate(THAI_DIGITS)  # same length: offsets stay valid
    mentions = _extract(text, ascii_text, published)
    if not any(m.relative for m in mentions):
        return mentions
    headers = _section_headers(mentions, ascii_text)
    if len(headers) >= 2:  # a digest: "วันที่ 29 สิงหาคม 2568" on a line of its own above each day's news
        bounds = [start for start, _ in headers] + [len(text)]
        today = _dateline(mentions, ascii_text, published) or published
        parts = _extract(text[:bounds[0]], ascii_text[:bounds[0]], today) if bounds[0] else []
        for (start, day), end in zip(headers, bounds[1:]):
            parts += [replace(m, start=m.start + start, end=m.end + start)
                      for m in _extract(text[start:end], ascii_text[start:end], day)]
        return parts
    today = _dateline(mentions, ascii_text, published)
    if today is not None and today != published:
        mentions = _extract(text, ascii_text, today)
    return mentions


def _section_headers(mentions: list[DateMention], text: str) -> list[tuple[int, dt.date]]:
    """(line start, date) of each line that holds nothing but an explicit single day."""
    headers = []
    for m in mentions:
        if m.relative or not _is_single_day(m):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:m.start].strip(BLANK) and not text[m.end:line_end].strip(BLANK):
            headers.append((line_start, m.start_date))  # type: ignore[arg-type]
    return headers
