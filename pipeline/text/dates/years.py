"""Years: ranges joined ("A - B"), budget tables read, and every year-less atom given its year (the
passage's, else the one nearest the publication date)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

from thai_extract.text.dates.atoms import Atom, fiscal_atom
from thai_extract.text.dates.calendars import last_day, lunar_day, safe_date, shift_years, to_ce
from thai_extract.text.dates.grammar import ERA, S, range_joint

__all__ = ["merge_pairs", "join_ranges", "budget_tables", "drop_recurring", "resolve_years", "dates_of",
           "BETWEEN_COORD"]

_T = TypeVar("_T")
_BETWEEN_RANGE = range_joint(rf"(?:[-–—]|ถึง|จนถึง|ไปจนถึง)(?:{S}สิ้น)?")
BETWEEN_COORD = re.compile(rf"{S}(?:,|และ|หรือ|และวันที่|หรือวันที่){S}")


def merge_pairs(items: list[_T], merge: Callable[[_T, _T], _T | None]) -> list[_T]:
    """``items`` with each item and the next replaced by ``merge(a, b)`` where that is not None."""
    out: list[_T] = []
    i = 0
    while i < len(items):
        merged = merge(items[i], items[i + 1]) if i + 1 < len(items) else None
        out.append(items[i] if merged is None else merged)
        i += 1 if merged is None else 2
    return out


def join_ranges(atoms: list[Atom], text: str) -> list[Atom]:
    """Join "A - B" / "A ถึง B" pairs of dates or months into one range; coordinated dates share a year."""
    def as_range(a: Atom, b: Atom) -> Atom | None:
        return _range(a, b) if _joinable(a, b) and _BETWEEN_RANGE.fullmatch(text, a.end, b.start) else None

    out = merge_pairs(atoms, as_range)
    for i, (a, b) in enumerate(zip(out, out[1:])):
        if (a.year is None and b.explicit_year and a.fixed is None and b.fixed is None
                and BETWEEN_COORD.fullmatch(text, a.end, b.start)):
            out[i] = replace(a, year=b.year if (a.m1, a.d1 or 1) <= (b.m2, b.d2 or 31) else b.year - 1)  # type: ignore[operator]
    return out


# A budget table: after "งบประมาณ", successive years ("ปี 2569 ปี 2570 ปี 2571-2573", "2569 699,581,955 2570
# 363,848,772") are the fiscal years of its columns or rows.
_TABLE_YEAR = re.compile(rf"(?<![\d,./])(?:ปี{S})?(?:{ERA}{S})?(?P<y1>2[45]\d\d)(?:{S}[-–]{S}(?P<y2>2[45]\d\d))?"
                         rf"(?![\d,.]\d|/)")
_BUDGET_WORD = re.compile(r"(?<!วิธีการ)งบประมาณ")
BUDGET_TABLE_REACH = 300  # how far after "งบประมาณ" a table of years may start
BUDGET_TABLE_GAP = 60  # how far apart two successive years of one table may be


def _follows(a: re.Match[str], b: re.Match[str]) -> bool:
    """``b`` is the year after ``a`` (or after the end of its range), close enough to be the next column."""
    return int(b["y1"]) == int(a["y2"] or a["y1"]) + 1 and b.start() - a.end() <= BUDGET_TABLE_GAP


def budget_tables(atoms: list[Atom], text: str) -> list[Atom]:
    """Years in runs of successive years after "งบประมาณ" become fiscal years (new atoms where none was found)."""
    tables: list[Atom] = []
    dated = [(a.start, a.end) for a in atoms if a.granularity not in ("year", "fiscal_year")]

    def years(start: int, end: int) -> Iterator[re.Match[str]]:  # not the year of a day or month mentioned
        return (m for m in _TABLE_YEAR.finditer(text, start, end)
                if not any(s < m.end() and m.start() < e for s, e in dated))

    for budget in _BUDGET_WORD.finditer(text):
        if tables and budget.start() < tables[-1].end:
            continue
        run: list[re.Match[str]] = []
        for m in years(budget.end(), min(len(text), budget.end() + BUDGET_TABLE_REACH)):
            if run and _follows(run[-1], m):
                run.append(m)
            elif len(run) >= 2:
                break
            else:
                run = [m]
        if len(run) < 2:
            continue
        for nxt in years(run[-1].end(), len(text)):  # the table goes on past the reach
            if not _follows(run[-1], nxt):
                break
            run.append(nxt)
        tables += [fiscal_atom(m.start(), m.end(), to_ce(m["y1"]), to_ce(m["y2"] or m["y1"])) for m in run]
    if not tables:
        return atoms
    kept = [a for a in atoms if not any(a.start < t.end and t.start < a.end for t in tables)]
    return sorted(kept + tables, key=lambda a: a.start)


_EVERY_YEAR = re.compile(rf"{S}(?:ของ{S})?(?:ทุก|แต่ละ){S}ปี")


def drop_recurring(atoms: list[Atom], text: str) -> list[Atom]:
    """Drop year-less dates said of every year ("วันที่ 5 กรกฎาคม ของทุกปี", "เดือนมกราคมและเดือนกรกฎาคม
    ของแต่ละปี"): they name no period of their own."""
    out: list[Atom] = []
    recurring = False
    for i in range(len(atoms) - 1, -1, -1):
        a = atoms[i]
        yearless = a.year is None and a.fixed is None and not a.relative and a.anaphor is None
        if not yearless:
            recurring = False
        elif _EVERY_YEAR.match(text, a.end):
            recurring = True
        elif recurring and not BETWEEN_COORD.fullmatch(text, a.end, atoms[i + 1].start):
            recurring = False
        if not (yearless and recurring):
            out.append(a)
    return out[::-1]


def _joinable(a: Atom, b: Atom) -> bool:
    """Two ends of one range: the same unit ("ปี 2567 ถึงปี 2570"), or a year to a month ("ปี 2565 - มี.ค. 2568")."""
    if a.relative or b.relative or a.fixed is not None or b.fixed is not None or a.lunar or b.lunar:
        return False
    if a.granularity == "year" and a.year_span:
        return False  # "พ.ศ. 2559 – 2568 ถึงปี 2570": a period extended, two mentions
    return (a.granularity == b.granularity and a.granularity in ("day", "month", "quarter", "year")) or (
        a.granularity == "year" and b.granularity == "month")


def _range(a: Atom, b: Atom) -> Atom:
    """The range from the start of ``a`` to the end of ``b``; ``a`` takes ``b``'s year if it has none."""
    a_year = a.year
    if a_year is None and b.year is not None:
        a_year = b.year if (a.m1, a.d1 or 1) <= (b.m2, b.d2 or 31) else b.year - 1
    b_year = None if b.year is None else b.year + b.year_span
    span = 0 if a_year is None or b_year is None else b_year - a_year
    return Atom(a.start, b.end, b.granularity, a_year, a.m1, a.d1, b.m2, b.d2, year_span=max(span, 0),
                 explicit_year=a.explicit_year or b.explicit_year, time=a.time, cue=a.cue or b.cue)


def dates_of(atom: Atom, year: int) -> tuple[dt.date, dt.date] | None:
    """The inclusive range of a non-fixed atom in ``year``."""
    if atom.lunar is not None:
        day = lunar_day(year, atom.lunar.month, atom.lunar.leap_year_month, atom.lunar.days_after)
        return (day, day) if day else None
    y2 = year + atom.year_span
    first = safe_date(year, atom.m1, atom.d1 or 1)
    last = safe_date(y2, atom.m2, atom.d2 if atom.d2 is not None else last_day(y2, atom.m2))
    if first is None or last is None or last < first:
        return None
    return first, last


PASSAGE_YEAR_REACH = 1  # how many years from publication a passage's year may be and still complete a month


def _far_for_a_month(atom: Atom, passage_year: int, published: dt.date | None) -> bool:
    """A year-less month or month range ("ม.ค.-มิ.ย.") takes the passage's year only when that year is
    within a year of publication: a year far from it is mostly a year spoken of in passing ("ตั้งแต่ปี
    2526 ... ทุกปีจะรับสมัครในเดือนกันยายน"), and the months then mean the current ones."""
    return (atom.granularity == "month" and published is not None
            and abs(passage_year - published.year) > PASSAGE_YEAR_REACH)


def _nearest_year(atom: Atom, published: dt.date) -> int:
    """The year that puts a year-less date nearest ``published`` (after it for "นี้", before for "ที่ผ่านมา")."""
    best: tuple[int, int] | None = None
    slack = dt.timedelta(days=15)
    for year in (published.year - 1, published.year, published.year + 1):
        dates = dates_of(atom, year)
        if dates is None:
            continue
        if atom.cue == "future" and dates[1] < published - slack:
            continue
        if atom.cue == "past" and dates[0] > published + slack:
            continue
        distance = 0 if dates[0] <= published <= dates[1] else min(abs((dates[0] - published).days),
                                                                   abs((dates[1] - published).days))
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else published.year


def resolve_years(atoms: list[Atom], text: str, published: dt.date | None) -> list[Atom]:
    """Give each year-less atom the year of the passage (the paragraph so far), else the nearest one;
    resolve mentions counted from the passage ("ปีก่อนหน้า", "ช่วงเดียวกันของปีก่อน")."""
    out: list[Atom] = []
    passage_year: int | None = None  # the last explicit year: it completes year-less dates
    spoken_year: int | None = None  # the last year spoken of, explicit or relative ("ในปีที่ผ่านมา")
    period: tuple[dt.date, dt.date, str] | None = None  # the last months or quarter spoken of
    month: tuple[dt.date, dt.date, str] | None = None  # the last single month spoken of
    last_end = 0
    for atom in atoms:
        if "\n" in text[last_end:atom.start]:
            passage_year = spoken_year = period = month = None
        last_end = atom.end
        if atom.same_period:
            before = month if text.startswith("เดือน", atom.start) else period  # "เดือนเดียวกันของปีก่อน"
            if before is not None:
                step = atom.year - before[1].year if atom.year is not None else int(atom.year_step or 0)  # ปีนี้: 0
                atom = replace(atom, granularity=before[2], relative=True,
                               fixed=(shift_years(before[0], step), shift_years(before[1], step)))
        elif atom.anaphor is not None:
            pass  # resolved from the mention before it, once every mention has its value
        elif atom.year_step is not None and (base := spoken_year if text.endswith("ก่อนหน้า", 0, atom.end)
                                             else passage_year) is not None and published and base != published.year:
            # "ในปี 2567 ... ขยายตัวจากปีก่อนหน้า": 2023; "ในปีที่ผ่านมา ... เพิ่มจากปีก่อนหน้า": the year before
            # that; "ในปี 2567 ... ขยายตัวจากปีที่ผ่านมา": 2023, but after "ปีที่แล้ว", "จากปีก่อน" is that year
            year = base + atom.year_step
            atom = replace(atom, fixed=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        elif atom.fixed is None and atom.year is None:
            if passage_year is not None and not _far_for_a_month(atom, passage_year, published):
                atom = replace(atom, year=passage_year, relative=True)
            elif published is not None:
                atom = replace(atom, year=_nearest_year(atom, published), relative=True)
        elif atom.explicit_year and atom.fixed is None and atom.granularity in ("day", "month", "year") \
                and not atom.year_span:
            passage_year = spoken_year = atom.year
        elif atom.relative and atom.granularity == "year" and atom.fixed is not None:
            spoken_year = atom.fixed[0].year
        if atom.granularity in ("month", "quarter") and not atom.same_period:
            dates = atom.fixed or (dates_of(atom, atom.year) if atom.year is not None else None)
            period = (dates[0], dates[1], atom.granularity) if dates else period
            if dates and dates[0].replace(day=1) == dates[1].replace(day=1):
                month = period
        out.append(atom)
    return out


