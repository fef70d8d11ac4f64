"""Atoms: each match of the date grammar turned into the parts of a date, before ranges are joined
and missing years filled (``years.py``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from thai_extract.text.dates.calendars import (add_units, fiscal_of, hijri_year, last_day, relative_range,
                                               safe_date, shift_months, to_ce)
from thai_extract.text.dates.grammar import BLANK, S, grammar
from thai_extract.text.dates.lexicon import Lexicon, LunarDay

__all__ = ["Atom", "find_atoms"]

_SPAN_START = re.compile(rf"(?<![\d.:])(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d){S}(?:น\.?|นาฬิกา)?{S}[-–]{S}$")
_FUTURE_CUE = re.compile(rf"{S}(?:นี้|ที่จะถึง(?:นี้)?|ข้างหน้า)")
_PAST_CUE = re.compile(rf"{S}(?:ที่ผ่านมา|ที่แล้ว)")
_COMPARED_WITH = re.compile(r"(?:จาก|กับ|เทียบ)\s*$")
_AGO_BEFORE = re.compile(r"เมื่อ(?:ราว|ประมาณ)?\s*$")
_BUDGET_BEFORE = re.compile(r"(?<!วิธีการ)งบ(?:ประมาณ)?(?:รายจ่าย)?(?:ประจ(?:ำ|ํา))?\s*$")  # not "พ.ร.บ.วิธีการงบประมาณ"


def _lex() -> Lexicon:
    return grammar().lexicon


@dataclass(frozen=True, slots=True)
class Atom:
    """Parts of a mention; ``year`` None means 'take it from the passage or the publication date'.

    Either ``fixed`` holds the resolved range, or the range runs from (year, m1, d1) to
    (year + year_span, m2, d2) with ``d`` None meaning the whole month.
    """

    start: int
    end: int
    granularity: str
    year: int | None = None
    m1: int = 1
    d1: int | None = None
    m2: int = 12
    d2: int | None = None
    year_span: int = 0
    fixed: tuple[dt.date, dt.date] | None = None
    relative: bool = False
    explicit_year: bool = False
    time: str | None = None
    cue: str | None = None  # "future" / "past": for year-less dates
    anaphor: int | None = None  # days after the previous day mentioned ("วันรุ่งขึ้น": 1)
    year_step: int | None = None  # "ปีก่อนหน้า" (-1): a year counted from the passage's year when it has one
    same_period: bool = False  # "ช่วงเดียวกันของปีก่อน": the period spoken of before, in another year
    lunar: LunarDay | None = None  # "วันมาฆบูชา": a day of the lunar calendar, in ``year``




def _month(name: str) -> int:
    return grammar().month_number[name.replace(".", "").replace(" ", "").lower()]




def _day_atom(start: int, end: int, year: int | None, month: int, day: int, explicit: bool) -> Atom:
    return Atom(start, end, "day", year, month, day, month, day, explicit_year=explicit)


def _atom_iso(m: re.Match[str]) -> Atom | None:
    y, mo, d = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
    return _day_atom(m.start(), m.end(), y, mo, d, True) if safe_date(y, mo, d) else None


def _atom_numeric(m: re.Match[str]) -> Atom | None:
    year = to_ce(m["num_y"])
    if not 1800 <= year <= 2200:
        return None
    return _day_atom(m.start(), m.end(), year, int(m["num_m"]), int(m["num_d"]), True)


def _atom_day_range(m: re.Match[str]) -> Atom | None:
    d1, d2, month = int(m["dr_d1"]), int(m["dr_d2"]), _month(m["dr_m"])
    if d1 >= d2:
        return None
    year = to_ce(m["dr_y"], m["dr_y_era"]) if m["dr_y"] else None
    return Atom(m.start(), m.end(), "day", year, month, d1, month, d2, explicit_year=year is not None)


def _atom_day_month(m: re.Match[str]) -> Atom | None:
    year = to_ce(m["dm_y"], m["dm_y_era"]) if m["dm_y"] else None
    return _day_atom(m.start(), m.end(), year, _month(m["dm_m"]), int(m["dm_d"]), year is not None)


_LIST_BEFORE = re.compile(r"วันที่\s*\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:,|และ)\s*$")


def _atom_day_list(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """A day of a list that ends with its month ("วันที่ 8 และ 10 กันยายน 2563": the 8th); a day after a
    comma counts only in a list that "วันที่" opens."""
    if text[m.start()].isdigit() and not _LIST_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None
    year = to_ce(m["dl_y"], m["dl_y_era"]) if m["dl_y"] else None
    return _day_atom(m.start(), m.end(), year, _month(m["dl_m"]), int(m["dl_d"]), year is not None)


def _atom_en_dmy(m: re.Match[str]) -> Atom | None:
    year, month, day = to_ce(m["en_y"]), _month(m["en_m"]), int(m["en_d"])
    if m["en_d0"] and int(m["en_d0"]) < day:
        return Atom(m.start(), m.end(), "day", year, month, int(m["en_d0"]), month, day, explicit_year=True)
    return _day_atom(m.start(), m.end(), year, month, day, True)


def _atom_en_mdy(m: re.Match[str]) -> Atom | None:
    return _day_atom(m.start(), m.end(), to_ce(m["en2_y"]), _month(m["en2_m"]), int(m["en2_d"]), True)


def _month_atom(start: int, end: int, year: int | None, m1: int, m2: int | None = None) -> Atom:
    m2 = m1 if m2 is None else m2
    span = 1 if m2 < m1 else 0
    return Atom(start, end, "month", year, m1, None, m2, None, year_span=span,
                 explicit_year=year is not None)


def _atom_en_my(m: re.Match[str]) -> Atom | None:
    return _month_atom(m.start(), m.end(), to_ce(m["en3_y"]), _month(m["en3_m"]))


def _atom_fiscal(m: re.Match[str]) -> Atom | None:
    first = to_ce(m["fy_y"], m["fy_y_era"])
    last = to_ce(m["fy_y2"], m["fy_y_era"]) if m["fy_y2"] else first
    if len(m["fy_y2"] or "") == 2 and len(m["fy_y"]) == 4:  # "2566-68"
        last = to_ce(m["fy_y"][:2] + m["fy_y2"], m["fy_y_era"])
    if last < first:
        return None
    return Atom(m.start(), m.end(), "fiscal_year", fixed=(dt.date(first - 1, 10, 1), dt.date(last, 9, 30)),
                 explicit_year=True)




def _atom_fiscal_rel(m: re.Match[str], published: dt.date | None) -> Atom | None:
    fixed = None
    if published is not None:
        year = fiscal_of(published) + _lex().relative_steps[m["fyr_step"]]
        fixed = (dt.date(year - 1, 10, 1), dt.date(year, 9, 30))
    return Atom(m.start(), m.end(), "fiscal_year", fixed=fixed, relative=True)


def _atom_quarter(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    first = {"แรก": 1, "สุดท้าย": 4}.get(m["q_n"]) or int(m["q_n"])
    last = int(m["q_n2"]) if m["q_n2"] else first
    if last < first:
        return None
    if m["q_rel"]:  # "ไตรมาสสุดท้ายของปีนี้"
        return _relative_year_quarters(m, published, m["q_rel"], first, last)
    year = to_ce(m["q_y"], m["q_y_era"]) if m["q_y"] else None
    fiscal = bool(m["q_fy"] and m["q_fy"].startswith("ปีงบ"))
    return _quarter_atom(m.start(), m.end(), year, first, last, fiscal)


def _relative_year_quarters(m: re.Match[str], published: dt.date | None, step_word: str | None,
                            first: int, last: int) -> Atom:
    """Quarters of this / next / last year (this year when no word says otherwise)."""
    if published is None:
        return Atom(m.start(), m.end(), "quarter", relative=True)
    year = published.year + (_lex().relative_steps[step_word] if step_word else 0)
    return replace(_quarter_atom(m.start(), m.end(), year, first, last, False), relative=True, explicit_year=False)


def _quarter_atom(start: int, end: int, year: int | None, first: int, last: int, fiscal: bool) -> Atom:
    if fiscal and year is not None:  # Q1 of fiscal year Y is October-December of Y-1
        y1, m1 = shift_months(year - 1, 10, 3 * (first - 1))
        y2, m2 = shift_months(year - 1, 12, 3 * (last - 1))
        return Atom(start, end, "quarter", fixed=(dt.date(y1, m1, 1), dt.date(y2, m2, last_day(y2, m2))),
                     explicit_year=True)
    return Atom(start, end, "quarter", year, 3 * first - 2, None, 3 * last, None,
                 explicit_year=year is not None)


def _atom_quarter_en(m: re.Match[str]) -> Atom | None:
    year = to_ce(m["qe_y"]) if m["qe_y"] else None
    if year is None:
        return None
    n = int(m["qe_n"])
    return _quarter_atom(m.start(), m.end(), year, n, n, False)


def _atom_decade(m: re.Match[str]) -> Atom | None:
    raw = m["dec_y"]
    if len(raw) == 2:
        first = 1900 + int(raw)
        return Atom(m.start(), m.end(), "decade", fixed=(dt.date(first, 1, 1), dt.date(first + 9, 12, 31)),
                     explicit_year=True)
    value = int(raw)
    if not (1000 <= value <= 2200 or 2400 <= value <= 2700):
        return None
    first = to_ce(raw, m["dec_era"])
    return Atom(m.start(), m.end(), "decade", fixed=(dt.date(first, 1, 1), dt.date(first + 9, 12, 31)),
                 explicit_year=True)


def _atom_half_year(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """"ครึ่งปีแรกของปี 2568", "ครึ่งปีหลังนี้": two quarters."""
    first = 1 if (m["hy_which"] or m["hy_which2"]) == "แรก" else 3
    if not (m["hy_y"] or m["hy_y2"]):
        return _relative_year_quarters(m, published, m["hy_rel"], first, first + 1)
    year = to_ce(m["hy_y"], m["hy_y_era"]) if m["hy_y"] else to_ce(m["hy_y2"], m["hy_y2_era"])
    return _quarter_atom(m.start(), m.end(), year, first, first + 1, False)


def _atom_first_months(m: re.Match[str]) -> Atom | None:
    """"7 เดือนแรกของปี 2568", "4 เดือนของปี 2568": January to July / April; "7 เดือนของปีงบประมาณ 2568":
    October 2024 to April 2025."""
    if m["fm_y"]:
        return _month_atom(m.start(), m.end(), to_ce(m["fm_y"], m["fm_y_era"]), 1, int(m["fm_n"] or 1))
    year, n = to_ce(m["fm_y2"], m["fm_y2_era"]), int(m["fm_n2"])
    if m["fm_fy"].startswith("ปีงบ"):  # the fiscal year starts in October of the year before
        last_year, last_month = shift_months(year - 1, 10, n - 1)
        return Atom(m.start(), m.end(), "month", fixed=(dt.date(year - 1, 10, 1),
                                                          dt.date(last_year, last_month, last_day(last_year, last_month))),
                     explicit_year=True)
    return _month_atom(m.start(), m.end(), year, 1, n)


def _atom_month_range(m: re.Match[str]) -> Atom | None:
    year = to_ce(m["mr_y"], m["mr_y_era"]) if m["mr_y"] else None
    m1, m2 = _month(m["mr_m1"]), _month(m["mr_m2"])
    if m1 == m2:
        return None
    atom = _month_atom(m.start(), m.end(), year, m1, m2)
    if year is not None and atom.year_span:  # "ธ.ค.-ม.ค. 68": the year written is the last one
        atom = replace(atom, year=year - 1)
    return atom


def _atom_month_year(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    year, month = to_ce(m["my_y"], m["my_y_era"]), _month(m["my_m"])
    if text.endswith(("สิ้น", "สิ้น "), 0, m.start()):  # "สิ้นเดือนเมษายน 2568"
        return _day_atom(m.start(), m.end(), year, month, last_day(year, month), True)
    return _month_atom(m.start(), m.end(), year, month)


def _atom_month(m: re.Match[str]) -> Atom | None:
    return _month_atom(m.start(), m.end(), None, _month(m["mo_m"] or m["mo_full"]))


def fiscal_atom(start: int, end: int, first: int, last: int) -> Atom:
    """Fiscal years ``first`` to ``last`` (CE): 1 October of the year before ``first`` to 30 September of ``last``."""
    return Atom(start, end, "fiscal_year", fixed=(dt.date(first - 1, 10, 1), dt.date(last, 9, 30)), explicit_year=True)


def _atom_year(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    if m["yr_short"]:
        first = last = to_ce(m["yr_short"])
    else:
        era = m["yr_era"] or m["yr_era2"]
        first = last = to_ce(m["yr_y"], era)
        if m["yr_y2"]:
            raw2 = m["yr_y2"] if len(m["yr_y2"]) == 4 else m["yr_y"][:2] + m["yr_y2"]
            last = to_ce(raw2, era)
    if last < first or last - first > 200:
        return None
    if _BUDGET_BEFORE.search(text, max(0, m.start() - 24), m.start()):  # "งบประมาณรายจ่ายประจำปี 2569": fiscal
        return fiscal_atom(m.start(), m.end(), first, last)
    if first == last and text.endswith(("สิ้น", "สิ้น "), 0, m.start()):  # "ภายในสิ้นปี 2568": its last day
        return _day_atom(m.start(), m.end(), first, 12, 31, True)
    return Atom(m.start(), m.end(), "year", first, 1, None, 12, None, year_span=last - first,
                 explicit_year=True)


def _atom_bare_year(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    if grammar().quantity_before.search(text, max(0, m.start() - 12), m.start()):
        return None
    first = to_ce(m["by_y"])
    last = to_ce(m["by_y2"]) if m["by_y2"] else first
    if (int(m["by_y"]) >= 2400) != (int(m["by_y2"] or m["by_y"]) >= 2400) or last < first:
        return None
    return Atom(m.start(), m.end(), "year", first, 1, None, 12, None, year_span=last - first,
                 explicit_year=True)


HASHTAG_REACH = 120  # how far back a hashtag's "#" may be from a year inside it
_URL_CHARS = "/.@=:"
_ACRONYM_END = re.compile(r"[A-Z]{2,}$")  # "GP2025", "PDP2018"; not "catny1992" (a user name), "G2000" (a model)


def _token_head(text: str, end: int) -> str:
    """The part of the token before ``end``: back to a blank, a "#" (kept) or a URL character (kept)."""
    start = end
    while start > max(0, end - HASHTAG_REACH) and not text[start - 1].isspace():
        start -= 1
        if text[start] == "#" or text[start] in _URL_CHARS:
            break
    return text[start:end]


def _atom_compound_year(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """A year inside a hashtag ("#สงกรานต์2568", "#SDx2025") or glued to the end of a capitalised Latin name
    ("GP2025", "PDP2018", "APEC2022THAILAND": a Common Era year); not in a URL, a path or an address."""
    head = _token_head(text, m.start())
    latin_name = _ACRONYM_END.search(head) is not None and 1950 <= int(m["cy_y"]) <= 2099
    if head[:1] in _URL_CHARS or not (head.startswith("#") or latin_name):
        return None  # a URL ("instagram.com/apec2022th"), or a Thai word run into a number outside a hashtag
    return Atom(m.start(), m.end(), "year", to_ce(m["cy_y"]), 1, None, 12, None, explicit_year=True)


def _atom_anaphoric_day(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    return Atom(m.start(), m.end(), "day", relative=True, anaphor=_lex().anaphoric_days[m["an"]])


def _atom_holiday(m: re.Match[str]) -> Atom | None:
    year = to_ce(m["hd_y"], m["hd_y_era"])
    m1, d1, m2, d2 = _lex().fixed_holidays[m["hd"]]
    return Atom(m.start(), m.end(), "day", year, m1, d1, m2, d2, explicit_year=True)


_SEASON_BEFORE = re.compile(rf"(?:ช่วง|เทศกาล|ประเพณี){S}$")


def _atom_lunar(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """"วันมาฆบูชา", "วันลอยกระทง 2567": that day of the lunar calendar, in the year written or, like any
    year-less day, the passage's; "ช่วงวันเข้าพรรษา" is the season around it, not a date."""
    if _SEASON_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None
    year = to_ce(m["lh_y"], m["lh_y_era"]) if m["lh_y"] else None
    return Atom(m.start(), m.end(), "day", year, explicit_year=year is not None, lunar=_lex().lunar_holidays[m["lh"]])


def _atom_hijri(m: re.Match[str]) -> Atom | None:
    """"ฮ.ศ. 1446", "ฮิจเราะห์ศักราช 1446": the Gregorian days of that Hijri year."""
    days = hijri_year(int(m["hj_y"]))
    return Atom(m.start(), m.end(), "year", fixed=days, explicit_year=True) if days else None


def _atom_ago(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """"เมื่อ 3 วันที่ผ่านมา", "เมื่อ 6 - 7 เดือนก่อน": that day or month; "ในช่วง 5 ปีที่ผ่านมา", "2-3 สัปดาห์ที่ผ่านมา":
    the period up to the publication date; "3 ปีข้างหน้า", "อีก 5 ปีข้างหน้า": the period from it."""
    unit, direction = m["ago_u"], m["ago_dir"].strip(BLANK)
    n = _lex().number_words.get(m["ago_n"]) or int(m["ago_n"])
    n_near = int(m["ago_n0"]) if m["ago_n0"] else n
    if n_near > n:
        return None
    future = direction in ("ข้างหน้า", "ต่อจากนี้")
    before = max(0, m.start() - 12)
    if future or grammar().period_before.search(text, before, m.start()) or (
            direction == "ที่ผ่านมา" and unit != "วัน" and not _AGO_BEFORE.search(text, before, m.start())):
        granularity = {"เดือน": "month", "ปี": "year"}.get(unit, "day")
        if published is None:
            return Atom(m.start(), m.end(), granularity, relative=True)
        days = {"สัปดาห์": 7, "อาทิตย์": 7}.get(unit, 1)
        if future and m["ago_n0"]:  # "1 - 9 วันข้างหน้า": from the first number of units after today to the last
            first, last = (add_units(published, granularity, k * days) for k in (n_near, n))
            return Atom(m.start(), m.end(), granularity, fixed=(first, last), relative=True)
        if future:  # a span of n units that starts today
            last = add_units(published, granularity, n * days) - dt.timedelta(days=1)
            return Atom(m.start(), m.end(), granularity, fixed=(published, last), relative=True)
        first = add_units(published, granularity, -n * days)
        return Atom(m.start(), m.end(), granularity, fixed=(first, published), relative=True)
    granularity = {"วัน": "day", "สัปดาห์": "week", "อาทิตย์": "week", "เดือน": "month", "ปี": "year"}[unit]
    far, near = relative_range(published, granularity, -n), relative_range(published, granularity, -n_near)
    return Atom(m.start(), m.end(), granularity, fixed=(far[0], near[1]) if far and near else None, relative=True)




def _nowadays(m: re.Match[str], text: str) -> bool:
    """"...ที่วันนี้ประเทศไทยมี...": "วันนี้" after the relative "ที่" and before a subject means nowadays
    (the word lists: ``[cues]`` of the lexicon)."""
    lex = _lex()
    that = m.start() - (3 + text.endswith(" ", 0, m.start()))
    if not text.startswith("ที่", that) or text.endswith(lex.today_that_after, 0, that):
        return False
    after = m.end() + text.startswith(" ", m.end())
    return text.startswith(lex.nowadays_subjects, after)


def _atom_relative_day(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    if m["rd"] == "วันนี้" and (text.endswith(("ทุก", "เร็ว"), 0, m.start()) or _nowadays(m, text)):
        return None  # "ทุกวันนี้", "ที่วันนี้ประเทศไทย...": nowadays; "เร็ววันนี้": soon
    if m["rd"] in ("เมื่อคืน", "เมื่อเช้า") and grammar().day_word_next.match(text, m.end()):
        return None  # "เมื่อคืนวันที่ 7 สิงหาคม": the night of that date, mentioned next
    return Atom(m.start(), m.end(), "day", fixed=relative_range(published, "day", _lex().relative_days[m["rd"]]),
                 relative=True)


def _atom_same_period(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """"ช่วงเดียวกันของปีก่อน", "ช่วงเวลาเดียวกันของปี 2567": resolved from the period before it (see
    ``resolve_years``); alone, the year it names."""
    if m["sp_y"]:
        year = to_ce(m["sp_y"], m["sp_y_era"])
        return Atom(m.start(), m.end(), "year", year, explicit_year=True, same_period=True)
    step = _lex().relative_steps[m["sp_step"]]
    return Atom(m.start(), m.end(), "year", fixed=relative_range(published, "year", step), relative=True,
                 year_step=step, same_period=True)


def _atom_weekday(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    """"วันเสาร์นี้": the coming Saturday (today if it is one); "วันจันทร์หน้า": Monday of next week;
    "วันอังคารที่ผ่านมา": the last Tuesday before today."""
    if text.endswith(("ทุก", "ทุก ", "พระ"), 0, m.start()):
        return None  # "ทุกวันจันทร์นี้": every Monday; "พระจันทร์": the moon
    if published is None:
        return Atom(m.start(), m.end(), "day", relative=True)
    weekday, step = _lex().weekdays[m["wd_day"] or m["wd_bare"]], m["wd_step"]
    if step == "หน้า":
        day = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 + weekday)
    elif step in ("ที่ผ่านมา", "ที่แล้ว"):
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7 or 7)
    else:
        day = published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return Atom(m.start(), m.end(), "day", fixed=(day, day), relative=True)


def _atom_relative_unit(m: re.Match[str], text: str, published: dt.date | None) -> Atom | None:
    unit = m["ru_u"]
    if unit == "อาทิตย์" and text.endswith("วัน", 0, m.start()):
        return None  # "วันอาทิตย์ที่ผ่านมา": last Sunday, a weekday we do not resolve
    granularity = {"สัปดาห์": "week", "อาทิตย์": "week", "เดือน": "month", "ปี": "year"}[unit]
    step = _lex().relative_steps[m["ru_step"]]
    fixed = relative_range(published, granularity, step)
    if granularity == "year" and fixed and text.endswith("สิ้น", 0, m.start()):  # "สิ้นปีนี้": its last day
        return Atom(m.start(), m.end(), "day", fixed=(fixed[1], fixed[1]), relative=True)
    # "ปีก่อนหน้า", "(ขยายตัว)จากปีที่ผ่านมา": the year before the one spoken of
    before = m["ru_step"].startswith("ก่อน") or (
        step < 0 and _COMPARED_WITH.search(text, max(0, m.start() - 12), m.start()) is not None)
    return Atom(m.start(), m.end(), granularity, fixed=fixed, relative=True,
                 year_step=step if granularity == "year" and before else None)


_BUILDERS = {
    "iso": _atom_iso, "numeric": _atom_numeric, "day_range": _atom_day_range, "day_month": _atom_day_month,
    "en_dmy": _atom_en_dmy, "en_mdy": _atom_en_mdy, "en_my": _atom_en_my, "fiscal": _atom_fiscal,
    "quarter_en": _atom_quarter_en, "decade": _atom_decade,
    "month_range": _atom_month_range, "month": _atom_month,
    "holiday": _atom_holiday, "hijri": _atom_hijri,
    "first_months": _atom_first_months,
}
_CONTEXT_BUILDERS = {"day_list": _atom_day_list, "same_period": _atom_same_period, "ago": _atom_ago,
                     "weekday": _atom_weekday, "relative_day": _atom_relative_day, "relative_unit": _atom_relative_unit,
                     "year": _atom_year, "bare_year": _atom_bare_year, "anaphoric_day": _atom_anaphoric_day,
                     "quarter": _atom_quarter, "half_year": _atom_half_year, "month_year": _atom_month_year,
                     "lunar": _atom_lunar, "compound_year": _atom_compound_year}


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the date grammar in ``text``, leftmost first, not overlapping."""
    search, match = grammar().trigger_re.search, grammar().date_re.match
    trigger = search(text)
    while trigger is not None:
        m = match(text, trigger.start())
        if m is not None and m.end() > m.start():
            yield m
            trigger = search(text, m.end())
        else:
            trigger = search(text, trigger.start() + 1)


def find_atoms(text: str, published: dt.date | None) -> list[Atom]:
    """Every candidate expression of ``text`` (ASCII digits), in text order, not overlapping."""
    atoms: list[Atom] = []
    for m in _matches(text):
        kind = m.lastgroup[2:]  # type: ignore[index]
        if kind in _BUILDERS:
            atom = _BUILDERS[kind](m)
        elif kind == "fiscal_rel":
            atom = _atom_fiscal_rel(m, published)
        else:
            atom = _CONTEXT_BUILDERS[kind](m, text, published)
        if atom is not None:
            atoms.append(_with_time(_with_cue(atom, text), text))
    return atoms


def _with_cue(atom: Atom, text: str) -> Atom:
    """Note "นี้" / "ที่ผ่านมา" after a year-less date: they say which year is meant."""
    if atom.year is not None or atom.fixed is not None or atom.relative:
        return atom
    if _FUTURE_CUE.match(text, atom.end):
        return replace(atom, cue="future")
    if _PAST_CUE.match(text, atom.end):
        return replace(atom, cue="past")
    return atom


def _clock(m: re.Match[str]) -> str:
    """"HH:MM" from whichever pair of hour/minute groups matched."""
    groups = m.groupdict()
    hour = next(h for h in ("h", "h2", "h3") if groups.get(h))
    return f"{int(groups[hour]):02d}:{groups['m' + hour[1:]]}"


def _with_time(atom: Atom, text: str) -> Atom:
    """The clock time written right after (or right before) a day mention, as "HH:MM"."""
    if atom.granularity != "day" or (atom.d1 != atom.d2 and atom.fixed is None):
        return atom
    m = grammar().time_after.match(text, atom.end)
    if m:
        return replace(atom, time=_clock(m))
    m = grammar().time_before.search(text, max(0, atom.start - 30), atom.start)
    if m:
        span = _SPAN_START.search(text, max(0, m.start() - 20), m.start())  # "09.00 - 12.00 น. ของวันที่ 4"
        return replace(atom, time=_clock(span or m))
    return atom
