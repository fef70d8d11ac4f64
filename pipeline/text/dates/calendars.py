"""Calendar arithmetic for the date extractor: eras, month lengths, moving by days, months and years,
and the Thai lunar and Hijri calendars (through pythainlp and hijridate, imported on first use)."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from thai_extract._offline import set_offline_environment

__all__ = ["to_ce", "last_day", "safe_date", "shift_months", "add_units", "relative_range", "shift_years",
           "fiscal_of", "lunar_day", "hijri_year"]


def to_ce(year: str, era: str | None = None, short_be: bool = True) -> int:
    """Gregorian year of a written year: BE (>= 2400 or a short year) or CE (after ค.ศ.)."""
    value = int(year)
    is_ce = era is not None and era.replace(" ", "").replace(".", "") in ("คศ", "คริสต์ศักราช")
    if len(year) <= 2:
        if is_ce:
            return 2000 + value if value < 50 else 1900 + value
        return 2500 + value - 543 if short_be else value
    if is_ce:
        return value
    return value - 543 if value >= 2400 or era is not None else value  # "ราว พ.ศ. 1912": 1369


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def add_units(day: dt.date, granularity: str, n: int) -> dt.date:
    """``day`` moved by ``n`` days, months or years (a day past a month's end becomes its last day)."""
    if granularity == "day":
        return day + dt.timedelta(days=n)
    year, month = shift_months(day.year, day.month, n * 12 if granularity == "year" else n)
    return dt.date(year, month, min(day.day, last_day(year, month)))


def relative_range(published: dt.date | None, granularity: str, step: int) -> tuple[dt.date, dt.date] | None:
    """The day, week (Monday-Sunday), month or year ``step`` units from ``published``."""
    if published is None:
        return None
    if granularity == "day":
        day = published + dt.timedelta(days=step)
        return day, day
    if granularity == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return monday, monday + dt.timedelta(days=6)
    if granularity == "month":
        y, mo = shift_months(published.year, published.month, step)
        return dt.date(y, mo, 1), dt.date(y, mo, last_day(y, mo))
    year = published.year + step
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def shift_years(day: dt.date, years: int) -> dt.date:
    """``day`` in another year; a month's last day stays its last day (29 Feb becomes 28 Feb)."""
    year = day.year + years
    if day.day == last_day(day.year, day.month):
        return dt.date(year, day.month, last_day(year, day.month))
    return dt.date(year, day.month, day.day)


def fiscal_of(day: dt.date) -> int:
    """The Thai fiscal year (Gregorian numbering) that holds ``day``: it starts on 1 October."""
    return day.year + 1 if day.month >= 10 else day.year


@lru_cache(maxsize=64)
def _full_moons(year: int) -> dict[int, tuple[dt.date, ...]]:
    """The full moons (ขึ้น 15 ค่ำ) of Gregorian ``year``, by the number of their Thai lunar month."""
    set_offline_environment()  # before pythainlp is imported
    from pythainlp.util import to_lunar_date

    moons: dict[int, list[dt.date]] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        text = to_lunar_date(day)  # "ขึ้น 15 ค่ำ เดือน 3"
        if text.startswith("ขึ้น 15 "):
            moons.setdefault(int(text.rsplit(" ", 1)[1]), []).append(day)
        day += dt.timedelta(days=1)
    return {month: tuple(days) for month, days in moons.items()}


LUNAR_YEARS = range(1904, 2460)  # the years pythainlp's lunar calendar covers


def lunar_day(year: int, month: int, leap_year_month: int, days_after: int = 0) -> dt.date | None:
    """The full moon of Thai lunar ``month`` in Gregorian ``year``, plus ``days_after``.

    A year whose 8th lunar month is doubled (อธิกมาส: two full moons of a month 8) moves the days
    before it one month later (``leap_year_month``: มาฆบูชา in month 4, วิสาขบูชา in month 7), and its
    month 8 is the second one (อาสาฬหบูชา): the last full moon with that number in the year.
    """
    if year not in LUNAR_YEARS:
        return None
    moons = _full_moons(year)
    leap = len(moons.get(8, ())) == 2
    days = moons.get(leap_year_month if leap else month)
    return days[-1] + dt.timedelta(days=days_after) if days else None


HIJRI_YEARS = range(1343, 1501)  # the Umm al-Qura years hijridate converts (1924-2077)


def hijri_year(year: int) -> tuple[dt.date, dt.date] | None:
    """The Gregorian days of Hijri (Umm al-Qura) ``year``, first and last."""
    if year not in HIJRI_YEARS:
        return None
    from hijridate import Hijri

    first = Hijri(year, 1, 1).to_gregorian()
    last_month = Hijri(year, 12, 1)
    last = Hijri(year, 12, last_month.month_length()).to_gregorian()
    return dt.date(*first.datetuple()), dt.date(*last.datetuple())
