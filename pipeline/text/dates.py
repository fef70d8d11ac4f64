"""Thai date expressions found in running text, normalised to Gregorian date ranges.

``find_dates(text, published)`` returns every date or period mention with its value as an inclusive
``[start_date, end_date]`` range (proleptic Gregorian) and a granularity. It reads Buddhist-era years
(a 4-digit year >= 2400 is BE; a 2-digit year after a month is a short BE year: "68" -> 2568 -> 2025),
"ค.ศ." years, Thai digits, full, abbreviated and colloquial month names, weekday and "วันที่" words,
numeric and ISO dates, day/month/year ranges, fiscal years, quarters, decades, and relative words
resolved against ``published``. Durations ("3 ปี", "18 เดือน"), ages and amounts are not dates.

One compiled alternation finds candidate expressions; small functions turn each match into an
``_Atom`` (parts of a date, year possibly missing); a second pass joins ranges ("A - B", "A ถึง B")
and fills missing years from the passage or the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

__all__ = ["DateMention", "find_dates", "GRANULARITIES"]

_T = TypeVar("_T")
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


# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

_MONTHS_FULL = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_MONTHS_FULL_VARIANTS = {"กรกฏาคม": 7, "กุมภาพันธ": 2, "พฤศจิกายม": 11}
_MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                "พ.ย.", "ธ.ค.")
_MONTHS_SHORT = ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา",
                 "ตุลา", "พฤศจิกา", "ธันวา")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")

_MONTH_NUMBER: dict[str, int] = {}
for _i, _names in enumerate(zip(_MONTHS_FULL, _MONTHS_ABBR, _MONTHS_SHORT, _MONTHS_EN), start=1):
    _full, _abbr, _short, _en = _names
    _MONTH_NUMBER.update({_full: _i, _abbr.replace(".", ""): _i, _short: _i, _en: _i, _en[:3]: _i})
_MONTH_NUMBER.update(_MONTHS_FULL_VARIANTS)
_MONTH_NUMBER["sept"] = 9

# Fixed-date Thai holidays and festivals: (first month, first day, last month, last day).
# Named days with a year ("วันแม่แห่งชาติ 2568") are those days. A festival with a year ("เทศกาลสงกรานต์ 2568") is
# that year, like any year in a name: so annotators of Thai news mostly label it.
_HOLIDAYS = {"วันสงกรานต์": (4, 13, 4, 15), "วันปีใหม่ไทย": (4, 13, 4, 13), "วันขึ้นปีใหม่": (1, 1, 1, 1),
             "วันปีใหม่": (1, 1, 1, 1), "วันแม่แห่งชาติ": (8, 12, 8, 12),
             "วันพ่อแห่งชาติ": (12, 5, 12, 5), "วันแรงงานแห่งชาติ": (5, 1, 5, 1), "วันแรงงาน": (5, 1, 5, 1),
             "วันรัฐธรรมนูญ": (12, 10, 12, 10), "วันคริสต์มาส": (12, 25, 12, 25), "วันจักรี": (4, 6, 4, 6),
             "วันปิยมหาราช": (10, 23, 10, 23)}
_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "พฤหัสฯ", "พฤหัส", "ศุกร์", "เสาร์", "อาทิตย์")
_NUMBER_WORDS = {"หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8,
                 "เก้า": 9, "สิบ": 10}

# ---------------------------------------------------------------------------------------------
# Regex pieces (the text is searched with Thai digits already turned into ASCII digits)
# ---------------------------------------------------------------------------------------------

_S = r"[ \t\u00a0\u2000-\u200b\u202f]*"  # optional blanks inside an expression (never a line break)
_THAI_LETTER = "ก-ฮ"


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation of literal words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _abbr_pattern(abbr: str, dotless: bool) -> str:
    """'พ.ค.' -> 'พ.ค.' / 'พ.ค' / 'พ. ค.' (and 'พค' when ``dotless``), not run into a Thai word."""
    first, second = abbr.strip(".").split(".")
    dotted = rf"{re.escape(first)}\.[ ]?{re.escape(second)}(?:\.|(?![{_THAI_LETTER}]))"
    if not dotless:
        return dotted
    return rf"(?:{dotted}|{re.escape(first + second)}(?:\.|(?![{_THAI_LETTER}])))"


_FULL = _alt(list(_MONTHS_FULL) + list(_MONTHS_FULL_VARIANTS))
_ABBR = "(?:" + "|".join(_abbr_pattern(a, False) for a in _MONTHS_ABBR) + ")"
_ABBR_LOOSE = "(?:" + "|".join(_abbr_pattern(a, True) for a in _MONTHS_ABBR) + ")"
_SHORT = _alt(_MONTHS_SHORT) + f"(?![{_THAI_LETTER}])"
_EN_MONTH = r"(?i:(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)(?![A-Za-z])"
_MONTH_STD = f"(?:{_FULL}|{_ABBR})"  # a month that may stand without a day
_MONTH_AFTER_DAY = f"(?:{_FULL}|{_ABBR_LOOSE}|{_SHORT})"  # a month right after a day number

_ERA = r"(?:พ\.[ ]?ศ\.?|ค\.[ ]?ศ\.?|พุทธศักราช|คริสต์ศักราช)"
_UNITS = ("คน", "ราย", "ปี", "เดือน", "วัน", "ชั่วโมง", "ชม", "นาที", "โมง", "บาท", "ล้าน", "แห่ง",
          "ครั้ง", "หน่วย", "ตัน", "กิโล", "กม", "เมตร", "โครงการ", "จังหวัด", "อำเภอ", "ประเทศ",
          "%", "เปอร์เซ็นต์", "ร้อยละ", "องศา", "ข้อ", "ฉบับ", "ลำ", "คัน", "ไร่")
# "68 วันนี้" / "68 วันที่" is a year before a date word, "68 วัน" a count of days
_NOT_UNIT = rf"(?!{_S}(?:{_alt([u for u in _UNITS if u != 'วัน'])}|วัน(?!นี้|ที่|พรุ่ง|{_alt(_WEEKDAYS)})))"
_Y4 = r"(?<!\d)(?:2[3-6]\d\d|1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)"
_Y2 = rf"(?<!\d)\d\d(?!\d)(?![.:,]\d){_NOT_UNIT}"
# a year written alone ("งาน Bangkok Pride 2025", "สำมะโนประชากร 2568"): BE 2450-2649 or CE 1950-2099
_BARE_Y = r"(?:2[45]\d\d|26[0-4]\d|19[5-9]\d|20\d\d)(?!\d)(?![.,:]\d)"


def _year(name: str, short: bool = True) -> str:
    """An optional era word then a year, in groups ``{name}_era`` and ``{name}``."""
    digits = f"(?:{_Y4}|{_Y2})" if short else _Y4
    return rf"(?:(?P<{name}_era>{_ERA}){_S})?(?P<{name}>{digits})"


_DAY = r"(?<![\d./:])(?<!\d,)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_PREFIX = rf"(?:วัน{_alt(_WEEKDAYS)}{_S}(?:ที่)?|วันที่){_S}"
_RANGE_SEP = rf"{_S}(?:[-–—]|จนถึง|ถึง){_S}"
_TIME_AFTER = re.compile(
    rf"{_S}\)?{_S}(?:(?:(?:เมื่อ|ตั้งแต่|ระหว่าง)?เวลา){_S}(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)"
    rf"|(?P<h2>[01]?\d|2[0-3])[.:](?P<m2>[0-5]\d){_S}(?:น\.|นาฬิกา))")
_TIME_BEFORE = re.compile(
    rf"(?:เวลา){_S}(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d){_S}(?:น\.?|นาฬิกา)?{_S}(?:ของ)?{_S}$")

_RELATIVE_DAY = {"วันนี้": 0, "เมื่อวาน": -1, "เมื่อวานนี้": -1, "เมื่อวานี้": -1, "วานนี้": -1, "เมื่อวานซืน": -2,
                 "วานซืน": -2, "พรุ่งนี้": 1, "วันพรุ่งนี้": 1, "มะรืน": 2, "มะรืนนี้": 2,
                 "เมื่อเช้านี้": 0, "เมื่อเช้า": 0, "เช้านี้": 0, "บ่ายนี้": 0, "เย็นนี้": 0, "คืนนี้": 0,
                 "เมื่อคืนนี้": -1, "เมื่อคืน": -1, "บัดนี้": 0}
# "the same day", "the next day": relative to the day mentioned before them
_ANAPHORIC_DAY = {"วันเดียวกัน": 0, "วันเดียวกันนี้": 0, "วันรุ่งขึ้น": 1, "วันถัดมา": 1, "วันต่อมา": 1}
_RELATIVE_STEP = {"นี้": 0, "หน้า": 1, "ถัดไป": 1, "ที่แล้ว": -1, "ที่ผ่านมา": -1, "ก่อน": -1,
                  "ก่อนหน้า": -1, "ก่อนหน้านี้": -1}
_BEFORE_WORD = r"ก่อน(?:(?![ก-ฮ])|(?=จาก|ซึ่ง|และ|โดย|เป็น|มี|ที่ผ่าน|ร้อยละ|ถึง|อยู่))"
_STEP_WORDS = rf"(?:นี้|หน้า|ถัดไป|ที่แล้ว|ที่ผ่านมา|ก่อนหน้านี้|ก่อนหน้า|{_BEFORE_WORD})"

_ALTERNATIVES: dict[str, str] = {
    "same_period": rf"(?:ช่วง(?:เวลา)?|เดือน|ไตรมาส){_S}เดียวกัน{_S}(?:ของ|กับ|ใน)?{_S}ปี{_S}"
                   rf"(?:(?P<sp_step>{_STEP_WORDS}|ก่อน)|{_year('sp_y')})",
    "iso": r"(?<![\w/-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d-])",
    "numeric": rf"(?:{_PREFIX})?(?<![A-Za-z_/-])(?P<num_d>{_DAY})(?P<num_sep>[/-])(?P<num_m>0?[1-9]|1[0-2])(?P=num_sep)"
               rf"(?P<num_y>\d{{4}}|\d\d)(?![\d/-])",
    "day_range": rf"(?:{_PREFIX})?(?P<dr_d1>{_DAY}){_RANGE_SEP}(?:{_PREFIX})?(?P<dr_d2>{_DAY}){_S}"
                 rf"(?P<dr_m>{_MONTH_AFTER_DAY})(?:{_S}{_year('dr_y')})?",
    "day_month": rf"(?:{_PREFIX})?(?P<dm_d>{_DAY}){_S}(?P<dm_m>{_MONTH_AFTER_DAY})(?:{_S}{_year('dm_y')})?",
    "en_dmy": rf"(?:(?P<en_d0>{_DAY})(?:st|nd|rd|th)?{_S}[-–]{_S})?"  # "4 – 8 September 2025"
              rf"(?P<en_d>{_DAY})(?:st|nd|rd|th)?[ ]+(?P<en_m>{_EN_MONTH}),?[ ]+(?P<en_y>{_Y4})",
    "en_mdy": rf"(?P<en2_m>{_EN_MONTH})[ ]+(?P<en2_d>{_DAY})(?:st|nd|rd|th)?,?[ ]+(?P<en2_y>{_Y4})",
    "en_my": rf"(?<![A-Za-z])(?P<en3_m>{_EN_MONTH})[ ]+(?P<en3_y>{_Y4})",
    "fiscal": rf"ปีงบ(?:ประมาณ|ฯ)?{_S}{_year('fy_y')}(?:{_RANGE_SEP}(?:{_ERA}{_S})?(?P<fy_y2>{_Y4}|{_Y2}))?",
    "fiscal_rel": rf"ปีงบ(?:ประมาณ|ฯ)?{_S}(?P<fyr_step>{_STEP_WORDS})",
    "quarter": rf"ไตรมาส(?:ที่)?{_S}(?P<q_n>[1-4]|แรก|สุดท้าย)(?:{_S}[-–]{_S}(?P<q_n2>[1-4]))?"
               rf"(?:{_S}(?:/|ของ|ใน|ประจำ)?{_S}(?:(?P<q_fy>ปีงบประมาณ|ปีงบฯ?|ปี)?{_S}{_year('q_y')}|ปี(?P<q_rel>{_STEP_WORDS})))?",
    "quarter_en": rf"(?<![A-Za-z])Q(?P<qe_n>[1-4])(?:[ /]?(?P<qe_y>\d{{4}}|\d\d(?!\d)))?",
    "decade": rf"ทศวรรษ(?:ที่)?{_S}(?:(?P<dec_era>{_ERA}){_S})?(?P<dec_y>(?<!\d)\d{{3}}0|\d0)(?!\d)",
    "half_year": rf"ครึ่ง{_S}ปี{_S}(?P<hy_which>แรก|หลัง)(?:{_S}(?:ของ)?{_S}(?:ปี)?{_S}{_year('hy_y')}|(?:{_S}(?:ของ)?ปี)?(?P<hy_rel>{_STEP_WORDS})?)"
                 rf"|ครึ่ง{_S}(?P<hy_which2>แรก|หลัง){_S}(?:ของ)?{_S}ปี{_S}{_year('hy_y2')}",
    "first_months": rf"(?:(?P<fm_n>(?<!\d)(?:1[01]|[1-9]))(?!\d){_S})?เดือนแรก{_S}(?:ของ)?{_S}(?:ปี)?{_S}{_year('fm_y')}"
                    rf"|(?P<fm_n2>(?<!\d)(?:1[01]|[1-9]))(?!\d){_S}เดือน{_S}(?:แรก)?{_S}(?:ของ)?{_S}(?P<fm_fy>ปีงบประมาณ|ปีงบฯ?|ปี){_S}{_year('fm_y2')}",
    "month_range": rf"(?:เดือน{_S})?(?P<mr_m1>{_MONTH_STD}){_RANGE_SEP}(?:เดือน{_S})?"
                   rf"(?P<mr_m2>{_MONTH_STD})(?:{_S}{_year('mr_y')})?",
    "month_year": rf"(?:เดือน{_S})?(?P<my_m>{_MONTH_STD}|{_SHORT}(?=[’'])){_S}[’']?{_S}{_year('my_y')}",  # "ตุลา’68"
    "month": rf"เดือน{_S}(?P<mo_m>{_MONTH_STD})|(?P<mo_full>{_FULL})",
    "year": rf"(?:ปี(?:การผลิต|การศึกษา|เพาะปลูก)?{_S}(?:(?P<yr_era>{_ERA}){_S})?|(?P<yr_era2>{_ERA}){_S})(?P<yr_y>{_Y4})"
            rf"(?:(?:{_RANGE_SEP}|/)(?:{_ERA}{_S})?(?P<yr_y2>{_Y4}|\d\d(?!\d)(?![.:,]\d)(?:(?<=/\d\d)|{_NOT_UNIT})))?"
            rf"|ปี{_S}(?P<yr_short>\d\d)(?!\d)(?![.:,]\d){_NOT_UNIT}",
    "ago": rf"(?:อีก{_S})?(?:(?P<ago_n0>(?<!\d)\d{{1,3}}){_S}[-–]{_S})?"
           rf"(?P<ago_n>(?<![\d,.])\d{{1,3}}|{_alt(list(_NUMBER_WORDS))}){_S}(?P<ago_u>วัน|สัปดาห์|อาทิตย์|เดือน|ปี)"
           rf"(?P<ago_dir>ที่ผ่านมา|ที่แล้ว|{_BEFORE_WORD}|{_S}ข้างหน้า|ต่อจากนี้)",
    "holiday": rf"(?P<hd>{_alt(list(_HOLIDAYS))}){_S}(?:ปี{_S})?{_year('hd_y')}",
    "weekday": rf"(?:วัน{_S}(?P<wd_day>{_alt(_WEEKDAYS)})|(?P<wd_bare>{_alt(_WEEKDAYS[:-1])}))"
               rf"(?P<wd_step>นี้|หน้า|ที่จะถึง(?:นี้)?|ที่ผ่านมา|ที่แล้ว)",
    "relative_day": "(?P<rd>" + _alt(list(_RELATIVE_DAY)) + ")",
    "relative_unit": rf"(?P<ru_u>สัปดาห์|อาทิตย์|เดือน|ปี)(?P<ru_step>{_STEP_WORDS})",
    "anaphoric_day": "(?P<an>" + _alt(list(_ANAPHORIC_DAY)) + ")",
    "bare_year": rf"(?:(?<![\w.,:/\-–])|(?<=\d/)(?=2[56]))(?P<by_y>{_BARE_Y})(?:{_RANGE_SEP}(?P<by_y2>{_BARE_Y}))?{_NOT_UNIT}(?![\w])",
}
_DATE_RE = re.compile("|".join(f"(?P<K_{k}>{v})" for k, v in _ALTERNATIVES.items()))
# Every word a match can start with. Searching these (literal prefixes: fast) and trying _DATE_RE
# only where one is found gives the same matches as _DATE_RE.finditer at a fraction of the cost.
_TRIGGERS = ["ช่วง", "อีก", "วัน", "วาน", "เมื่อวาน", "พรุ่งนี้", "มะรืน", "สัปดาห์", "อาทิตย์", "เดือน", "ปี",
             "ไตรมาส", "เมื่อเช้า", "เช้านี้", "บ่ายนี้", "เย็นนี้", "คืนนี้", "เมื่อคืน", "บัดนี้", *_WEEKDAYS[:-1],
             "ทศวรรษ", "พุทธศักราช", "คริสต์ศักราช", "Q", "สงกรานต์", "เทศกาล", "ครึ่ง",
             *_MONTHS_SHORT, *_MONTHS_FULL, *_MONTHS_FULL_VARIANTS,
             *list(_NUMBER_WORDS), *(m[:3] for m in _MONTHS_EN), *(m[:3].capitalize() for m in _MONTHS_EN),
             *(m[:3].upper() for m in _MONTHS_EN)]
_TRIGGER_RE = re.compile(r"(?<!\d)\d|เ?[ก-ฮ][ิี]?\.|" + _alt(_TRIGGERS))
# One clock time may sit on either side of the joining word: "1 ส.ค. 68 เวลา 08.30 น. ถึงวันที่ 5 ส.ค. 68",
# "18.00 น. วันที่ 14 ส.ค. ถึงเวลา 06.00 น. วันที่ 15 ส.ค."; with one on each side ("วันที่ 14 เวลา 09.00 -
# 16.00 น. วันที่ 15") the times are a span of the first day, and the second day is a mention of its own.
_CLOCK = rf"(?:(?:เวลา{_S})?(?:[01]?\d|2[0-3])[.:][0-5]\d{_S}(?:น\.+|นาฬิกา)?{_S})"


def _range_joint(words: str) -> re.Pattern[str]:
    return re.compile(rf"{_S}(?:{_CLOCK}(?:{words}){_S}|(?:{words}){_S}{_CLOCK}?)")


_BETWEEN_RANGE = _range_joint("[-–—]|ถึง|จนถึง|ไปจนถึง")
_BETWEEN_COORD = re.compile(rf"{_S}(?:,|และ|หรือ|และวันที่|หรือวันที่){_S}")
_FUTURE_CUE = re.compile(rf"{_S}(?:นี้|ที่จะถึง(?:นี้)?|ข้างหน้า)")
_PAST_CUE = re.compile(rf"{_S}(?:ที่ผ่านมา|ที่แล้ว)")
_COMPARED_WITH = re.compile(r"(?:จาก|กับ|เทียบ)\s*$")
_AGO_BEFORE = re.compile(r"เมื่อ(?:ราว|ประมาณ)?\s*$")
_PERIOD_BEFORE = re.compile(r"(?:ช่วง|ห้วง|รอบ|ตลอด|กว่า|ภายใน|ใน|นาน|ระยะเวลา|เป็นเวลา|ระยะ)\s*$")
_BUDGET_BEFORE = re.compile(r"(?<!วิธีการ)งบ(?:ประมาณ)?(?:รายจ่าย)?(?:ประจ(?:ำ|ํา))?\s*$")  # not "พ.ร.บ.วิธีการงบประมาณ"
# words before a number that make it a count, an amount or an identifier, not a year
_QUANTITY_BEFORE = re.compile(r"(?:จำนวน|กว่า|ประมาณ|ราว|รวม|ทั้งหมด|เลขที่|หมายเลข|เบอร์|โทร\.?|ละ|เกือบ|ราคา"
                              r"|มูลค่า|อายุ|สูง|ยาว|กว้าง|ลึก|ระยะ|หมู่ที่|ซอย|ถนน|ที่|ได้|เป็น|ถึง|เพียง|แค่"
                              r"|[\d]\s|[<>=+*x×])\s*$")

# ---------------------------------------------------------------------------------------------
# Atoms: one matched expression, before ranges are joined and missing years filled
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Atom:
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


def _to_ce(year: str, era: str | None = None, short_be: bool = True) -> int:
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


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.replace(".", "").replace(" ", "").lower()]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def _day_atom(start: int, end: int, year: int | None, month: int, day: int, explicit: bool) -> _Atom:
    return _Atom(start, end, "day", year, month, day, month, day, explicit_year=explicit)


def _atom_iso(m: re.Match[str]) -> _Atom | None:
    y, mo, d = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
    return _day_atom(m.start(), m.end(), y, mo, d, True) if _safe_date(y, mo, d) else None


def _atom_numeric(m: re.Match[str]) -> _Atom | None:
    year = _to_ce(m["num_y"])
    if not 1800 <= year <= 2200:
        return None
    return _day_atom(m.start(), m.end(), year, int(m["num_m"]), int(m["num_d"]), True)


def _atom_day_range(m: re.Match[str]) -> _Atom | None:
    d1, d2, month = int(m["dr_d1"]), int(m["dr_d2"]), _month(m["dr_m"])
    if d1 >= d2:
        return None
    year = _to_ce(m["dr_y"], m["dr_y_era"]) if m["dr_y"] else None
    return _Atom(m.start(), m.end(), "day", year, month, d1, month, d2, explicit_year=year is not None)


def _atom_day_month(m: re.Match[str]) -> _Atom | None:
    year = _to_ce(m["dm_y"], m["dm_y_era"]) if m["dm_y"] else None
    return _day_atom(m.start(), m.end(), year, _month(m["dm_m"]), int(m["dm_d"]), year is not None)


def _atom_en_dmy(m: re.Match[str]) -> _Atom | None:
    year, month, day = _to_ce(m["en_y"]), _month(m["en_m"]), int(m["en_d"])
    if m["en_d0"] and int(m["en_d0"]) < day:
        return _Atom(m.start(), m.end(), "day", year, month, int(m["en_d0"]), month, day, explicit_year=True)
    return _day_atom(m.start(), m.end(), year, month, day, True)


def _atom_en_mdy(m: re.Match[str]) -> _Atom | None:
    return _day_atom(m.start(), m.end(), _to_ce(m["en2_y"]), _month(m["en2_m"]), int(m["en2_d"]), True)


def _month_atom(start: int, end: int, year: int | None, m1: int, m2: int | None = None) -> _Atom:
    m2 = m1 if m2 is None else m2
    span = 1 if m2 < m1 else 0
    return _Atom(start, end, "month", year, m1, None, m2, None, year_span=span,
                 explicit_year=year is not None)


def _atom_en_my(m: re.Match[str]) -> _Atom | None:
    return _month_atom(m.start(), m.end(), _to_ce(m["en3_y"]), _month(m["en3_m"]))


def _atom_fiscal(m: re.Match[str]) -> _Atom | None:
    first = _to_ce(m["fy_y"], m["fy_y_era"])
    last = _to_ce(m["fy_y2"], m["fy_y_era"]) if m["fy_y2"] else first
    if len(m["fy_y2"] or "") == 2 and len(m["fy_y"]) == 4:  # "2566-68"
        last = _to_ce(m["fy_y"][:2] + m["fy_y2"], m["fy_y_era"])
    if last < first:
        return None
    return _Atom(m.start(), m.end(), "fiscal_year", fixed=(dt.date(first - 1, 10, 1), dt.date(last, 9, 30)),
                 explicit_year=True)


def _fiscal_of(day: dt.date) -> int:
    """The Thai fiscal year (Gregorian numbering) that holds ``day``: it starts on 1 October."""
    return day.year + 1 if day.month >= 10 else day.year


def _atom_fiscal_rel(m: re.Match[str], published: dt.date | None) -> _Atom | None:
    fixed = None
    if published is not None:
        year = _fiscal_of(published) + _RELATIVE_STEP[m["fyr_step"]]
        fixed = (dt.date(year - 1, 10, 1), dt.date(year, 9, 30))
    return _Atom(m.start(), m.end(), "fiscal_year", fixed=fixed, relative=True)


def _atom_quarter(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    first = {"แรก": 1, "สุดท้าย": 4}.get(m["q_n"]) or int(m["q_n"])
    last = int(m["q_n2"]) if m["q_n2"] else first
    if last < first:
        return None
    if m["q_rel"]:  # "ไตรมาสสุดท้ายของปีนี้"
        return _relative_year_quarters(m, published, m["q_rel"], first, last)
    year = _to_ce(m["q_y"], m["q_y_era"]) if m["q_y"] else None
    fiscal = bool(m["q_fy"] and m["q_fy"].startswith("ปีงบ"))
    return _quarter_atom(m.start(), m.end(), year, first, last, fiscal)


def _relative_year_quarters(m: re.Match[str], published: dt.date | None, step_word: str | None,
                            first: int, last: int) -> _Atom:
    """Quarters of this / next / last year (this year when no word says otherwise)."""
    if published is None:
        return _Atom(m.start(), m.end(), "quarter", relative=True)
    year = published.year + (_RELATIVE_STEP[step_word] if step_word else 0)
    return replace(_quarter_atom(m.start(), m.end(), year, first, last, False), relative=True, explicit_year=False)


def _quarter_atom(start: int, end: int, year: int | None, first: int, last: int, fiscal: bool) -> _Atom:
    if fiscal and year is not None:  # Q1 of fiscal year Y is October-December of Y-1
        y1, m1 = _shift_months(year - 1, 10, 3 * (first - 1))
        y2, m2 = _shift_months(year - 1, 12, 3 * (last - 1))
        return _Atom(start, end, "quarter", fixed=(dt.date(y1, m1, 1), dt.date(y2, m2, _last_day(y2, m2))),
                     explicit_year=True)
    return _Atom(start, end, "quarter", year, 3 * first - 2, None, 3 * last, None,
                 explicit_year=year is not None)


def _atom_quarter_en(m: re.Match[str]) -> _Atom | None:
    year = _to_ce(m["qe_y"]) if m["qe_y"] else None
    if year is None:
        return None
    n = int(m["qe_n"])
    return _quarter_atom(m.start(), m.end(), year, n, n, False)


def _atom_decade(m: re.Match[str]) -> _Atom | None:
    raw = m["dec_y"]
    if len(raw) == 2:
        first = 1900 + int(raw)
        return _Atom(m.start(), m.end(), "decade", fixed=(dt.date(first, 1, 1), dt.date(first + 9, 12, 31)),
                     explicit_year=True)
    value = int(raw)
    if not (1000 <= value <= 2200 or 2400 <= value <= 2700):
        return None
    first = _to_ce(raw, m["dec_era"])
    return _Atom(m.start(), m.end(), "decade", fixed=(dt.date(first, 1, 1), dt.date(first + 9, 12, 31)),
                 explicit_year=True)


def _atom_half_year(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    """"ครึ่งปีแรกของปี 2568", "ครึ่งปีหลังนี้": two quarters."""
    first = 1 if (m["hy_which"] or m["hy_which2"]) == "แรก" else 3
    if not (m["hy_y"] or m["hy_y2"]):
        return _relative_year_quarters(m, published, m["hy_rel"], first, first + 1)
    year = _to_ce(m["hy_y"], m["hy_y_era"]) if m["hy_y"] else _to_ce(m["hy_y2"], m["hy_y2_era"])
    return _quarter_atom(m.start(), m.end(), year, first, first + 1, False)


def _atom_first_months(m: re.Match[str]) -> _Atom | None:
    """"7 เดือนแรกของปี 2568", "4 เดือนของปี 2568": January to July / April; "7 เดือนของปีงบประมาณ 2568":
    October 2024 to April 2025."""
    if m["fm_y"]:
        return _month_atom(m.start(), m.end(), _to_ce(m["fm_y"], m["fm_y_era"]), 1, int(m["fm_n"] or 1))
    year, n = _to_ce(m["fm_y2"], m["fm_y2_era"]), int(m["fm_n2"])
    if m["fm_fy"].startswith("ปีงบ"):  # the fiscal year starts in October of the year before
        last_year, last_month = _shift_months(year - 1, 10, n - 1)
        return _Atom(m.start(), m.end(), "month", fixed=(dt.date(year - 1, 10, 1),
                                                          dt.date(last_year, last_month, _last_day(last_year, last_month))),
                     explicit_year=True)
    return _month_atom(m.start(), m.end(), year, 1, n)


def _atom_month_range(m: re.Match[str]) -> _Atom | None:
    year = _to_ce(m["mr_y"], m["mr_y_era"]) if m["mr_y"] else None
    m1, m2 = _month(m["mr_m1"]), _month(m["mr_m2"])
    if m1 == m2:
        return None
    atom = _month_atom(m.start(), m.end(), year, m1, m2)
    if year is not None and atom.year_span:  # "ธ.ค.-ม.ค. 68": the year written is the last one
        atom = replace(atom, year=year - 1)
    return atom


def _atom_month_year(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    year, month = _to_ce(m["my_y"], m["my_y_era"]), _month(m["my_m"])
    if text.endswith(("สิ้น", "สิ้น "), 0, m.start()):  # "สิ้นเดือนเมษายน 2568"
        return _day_atom(m.start(), m.end(), year, month, _last_day(year, month), True)
    return _month_atom(m.start(), m.end(), year, month)


def _atom_month(m: re.Match[str]) -> _Atom | None:
    return _month_atom(m.start(), m.end(), None, _month(m["mo_m"] or m["mo_full"]))


def _fiscal_atom(start: int, end: int, first: int, last: int) -> _Atom:
    """Fiscal years ``first`` to ``last`` (CE): 1 October of the year before ``first`` to 30 September of ``last``."""
    return _Atom(start, end, "fiscal_year", fixed=(dt.date(first - 1, 10, 1), dt.date(last, 9, 30)), explicit_year=True)


def _atom_year(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    if m["yr_short"]:
        first = last = _to_ce(m["yr_short"])
    else:
        era = m["yr_era"] or m["yr_era2"]
        first = last = _to_ce(m["yr_y"], era)
        if m["yr_y2"]:
            raw2 = m["yr_y2"] if len(m["yr_y2"]) == 4 else m["yr_y"][:2] + m["yr_y2"]
            last = _to_ce(raw2, era)
    if last < first or last - first > 200:
        return None
    if _BUDGET_BEFORE.search(text, max(0, m.start() - 24), m.start()):  # "งบประมาณรายจ่ายประจำปี 2569": fiscal
        return _fiscal_atom(m.start(), m.end(), first, last)
    if first == last and text.endswith(("สิ้น", "สิ้น "), 0, m.start()):  # "ภายในสิ้นปี 2568": its last day
        return _day_atom(m.start(), m.end(), first, 12, 31, True)
    return _Atom(m.start(), m.end(), "year", first, 1, None, 12, None, year_span=last - first,
                 explicit_year=True)


def _atom_bare_year(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    if _QUANTITY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None
    first = _to_ce(m["by_y"])
    last = _to_ce(m["by_y2"]) if m["by_y2"] else first
    if (int(m["by_y"]) >= 2400) != (int(m["by_y2"] or m["by_y"]) >= 2400) or last < first:
        return None
    return _Atom(m.start(), m.end(), "year", first, 1, None, 12, None, year_span=last - first,
                 explicit_year=True)


def _atom_anaphoric_day(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    return _Atom(m.start(), m.end(), "day", relative=True, anaphor=_ANAPHORIC_DAY[m["an"]])


def _atom_holiday(m: re.Match[str]) -> _Atom | None:
    year = _to_ce(m["hd_y"], m["hd_y_era"])
    m1, d1, m2, d2 = _HOLIDAYS[m["hd"]]
    return _Atom(m.start(), m.end(), "day", year, m1, d1, m2, d2, explicit_year=True)


def _atom_ago(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    """"เมื่อ 3 วันที่ผ่านมา", "เมื่อ 6 - 7 เดือนก่อน": that day or month; "ในช่วง 5 ปีที่ผ่านมา", "2-3 สัปดาห์ที่ผ่านมา":
    the period up to the publication date; "3 ปีข้างหน้า", "อีก 5 ปีข้างหน้า": the period from it."""
    unit, direction = m["ago_u"], m["ago_dir"].strip(_BLANK)
    n = _NUMBER_WORDS.get(m["ago_n"]) or int(m["ago_n"])
    n_near = int(m["ago_n0"]) if m["ago_n0"] else n
    if n_near > n:
        return None
    future = direction in ("ข้างหน้า", "ต่อจากนี้")
    before = max(0, m.start() - 12)
    if future or _PERIOD_BEFORE.search(text, before, m.start()) or (
            direction == "ที่ผ่านมา" and unit != "วัน" and not _AGO_BEFORE.search(text, before, m.start())):
        granularity = {"เดือน": "month", "ปี": "year"}.get(unit, "day")
        if published is None:
            return _Atom(m.start(), m.end(), granularity, relative=True)
        days = {"สัปดาห์": 7, "อาทิตย์": 7}.get(unit, 1)
        if future:  # a span of n units that starts today
            last = _add_units(published, granularity, n * days) - dt.timedelta(days=1)
            return _Atom(m.start(), m.end(), granularity, fixed=(published, last), relative=True)
        first = _add_units(published, granularity, -n * days)
        return _Atom(m.start(), m.end(), granularity, fixed=(first, published), relative=True)
    granularity = {"วัน": "day", "สัปดาห์": "week", "อาทิตย์": "week", "เดือน": "month", "ปี": "year"}[unit]
    far, near = _relative_range(published, granularity, -n), _relative_range(published, granularity, -n_near)
    return _Atom(m.start(), m.end(), granularity, fixed=(far[0], near[1]) if far and near else None, relative=True)


def _add_units(day: dt.date, granularity: str, n: int) -> dt.date:
    """``day`` moved by ``n`` days, months or years (a day past a month's end becomes its last day)."""
    if granularity == "day":
        return day + dt.timedelta(days=n)
    year, month = _shift_months(day.year, day.month, n * 12 if granularity == "year" else n)
    return dt.date(year, month, min(day.day, _last_day(year, month)))


def _relative_range(published: dt.date | None, granularity: str, step: int) -> tuple[dt.date, dt.date] | None:
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
        y, mo = _shift_months(published.year, published.month, step)
        return dt.date(y, mo, 1), dt.date(y, mo, _last_day(y, mo))
    year = published.year + step
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_DAY_WORD_NEXT = re.compile(rf"{_S}วัน(?:ที่|{_alt(_WEEKDAYS)})")


def _atom_relative_day(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    if m["rd"] == "วันนี้" and text.endswith(("ทุก", "เร็ว"), 0, m.start()):
        return None  # "ทุกวันนี้": nowadays; "เร็ววันนี้": soon
    if m["rd"] in ("เมื่อคืน", "เมื่อเช้า") and _DAY_WORD_NEXT.match(text, m.end()):
        return None  # "เมื่อคืนวันที่ 7 สิงหาคม": the night of that date, mentioned next
    return _Atom(m.start(), m.end(), "day", fixed=_relative_range(published, "day", _RELATIVE_DAY[m["rd"]]),
                 relative=True)


def _atom_same_period(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    """"ช่วงเดียวกันของปีก่อน", "ช่วงเวลาเดียวกันของปี 2567": resolved from the period before it (see
    ``_resolve``); alone, the year it names."""
    if m["sp_y"]:
        year = _to_ce(m["sp_y"], m["sp_y_era"])
        return _Atom(m.start(), m.end(), "year", year, explicit_year=True, same_period=True)
    step = _RELATIVE_STEP[m["sp_step"]]
    return _Atom(m.start(), m.end(), "year", fixed=_relative_range(published, "year", step), relative=True,
                 year_step=step, same_period=True)


_WEEKDAY_NUMBER = {"จันทร์": 0, "อังคาร": 1, "พุธ": 2, "พฤหัสบดี": 3, "พฤหัสฯ": 3, "พฤหัส": 3, "ศุกร์": 4,
                   "เสาร์": 5, "อาทิตย์": 6}


def _atom_weekday(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    """"วันเสาร์นี้": the coming Saturday (today if it is one); "วันจันทร์หน้า": Monday of next week;
    "วันอังคารที่ผ่านมา": the last Tuesday before today."""
    if text.endswith(("ทุก", "ทุก ", "พระ"), 0, m.start()):
        return None  # "ทุกวันจันทร์นี้": every Monday; "พระจันทร์": the moon
    if published is None:
        return _Atom(m.start(), m.end(), "day", relative=True)
    weekday, step = _WEEKDAY_NUMBER[m["wd_day"] or m["wd_bare"]], m["wd_step"]
    if step == "หน้า":
        day = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 + weekday)
    elif step in ("ที่ผ่านมา", "ที่แล้ว"):
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7 or 7)
    else:
        day = published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return _Atom(m.start(), m.end(), "day", fixed=(day, day), relative=True)


def _atom_relative_unit(m: re.Match[str], text: str, published: dt.date | None) -> _Atom | None:
    unit = m["ru_u"]
    if unit == "อาทิตย์" and text.endswith("วัน", 0, m.start()):
        return None  # "วันอาทิตย์ที่ผ่านมา": last Sunday, a weekday we do not resolve
    granularity = {"สัปดาห์": "week", "อาทิตย์": "week", "เดือน": "month", "ปี": "year"}[unit]
    step = _RELATIVE_STEP[m["ru_step"]]
    fixed = _relative_range(published, granularity, step)
    if granularity == "year" and fixed and text.endswith("สิ้น", 0, m.start()):  # "สิ้นปีนี้": its last day
        return _Atom(m.start(), m.end(), "day", fixed=(fixed[1], fixed[1]), relative=True)
    # "ปีก่อนหน้า", "(ขยายตัว)จากปีที่ผ่านมา": the year before the one spoken of
    before = m["ru_step"].startswith("ก่อน") or (
        step < 0 and _COMPARED_WITH.search(text, max(0, m.start() - 12), m.start()) is not None)
    return _Atom(m.start(), m.end(), granularity, fixed=fixed, relative=True,
                 year_step=step if granularity == "year" and before else None)


_BUILDERS = {
    "iso": _atom_iso, "numeric": _atom_numeric, "day_range": _atom_day_range, "day_month": _atom_day_month,
    "en_dmy": _atom_en_dmy, "en_mdy": _atom_en_mdy, "en_my": _atom_en_my, "fiscal": _atom_fiscal,
    "quarter_en": _atom_quarter_en, "decade": _atom_decade,
    "month_range": _atom_month_range, "month": _atom_month,
    "holiday": _atom_holiday,
    "first_months": _atom_first_months,
}
_CONTEXT_BUILDERS = {"same_period": _atom_same_period, "ago": _atom_ago, "weekday": _atom_weekday,
                     "relative_day": _atom_relative_day, "relative_unit": _atom_relative_unit,
                     "year": _atom_year, "bare_year": _atom_bare_year, "anaphoric_day": _atom_anaphoric_day,
                     "quarter": _atom_quarter, "half_year": _atom_half_year, "month_year": _atom_month_year}


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_DATE_RE`` in ``text``, leftmost first, not overlapping."""
    search, match = _TRIGGER_RE.search, _DATE_RE.match
    trigger = search(text)
    while trigger is not None:
        m = match(text, trigger.start())
        if m is not None and m.end() > m.start():
            yield m
            trigger = search(text, m.end())
        else:
            trigger = search(text, trigger.start() + 1)


def _atoms(text: str, published: dt.date | None) -> list[_Atom]:
    """Every candidate expression of ``text`` (ASCII digits), in text order, not overlapping."""
    atoms: list[_Atom] = []
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


def _with_cue(atom: _Atom, text: str) -> _Atom:
    """Note "นี้" / "ที่ผ่านมา" after a year-less date: they say which year is meant."""
    if atom.year is not None or atom.fixed is not None or atom.relative:
        return atom
    if _FUTURE_CUE.match(text, atom.end):
        return replace(atom, cue="future")
    if _PAST_CUE.match(text, atom.end):
        return replace(atom, cue="past")
    return atom


def _with_time(atom: _Atom, text: str) -> _Atom:
    """The clock time written right after (or right before) a day mention, as "HH:MM"."""
    if atom.granularity != "day" or (atom.d1 != atom.d2 and atom.fixed is None):
        return atom
    m = _TIME_AFTER.match(text, atom.end)
    if m:
        hour, minute = (m["h"], m["m"]) if m["h"] else (m["h2"], m["m2"])
        return replace(atom, time=f"{int(hour):02d}:{minute}")
    m = _TIME_BEFORE.search(text, max(0, atom.start - 30), atom.start)
    if m:
        return replace(atom, time=f"{int(m['h']):02d}:{m['m']}")
    return atom


# ---------------------------------------------------------------------------------------------
# Ranges and missing years
# ---------------------------------------------------------------------------------------------


def _merge_pairs(items: list[_T], merge: Callable[[_T, _T], _T | None]) -> list[_T]:
    """``items`` with each item and the next replaced by ``merge(a, b)`` where that is not None."""
    out: list[_T] = []
    i = 0
    while i < len(items):
        merged = merge(items[i], items[i + 1]) if i + 1 < len(items) else None
        out.append(items[i] if merged is None else merged)
        i += 1 if merged is None else 2
    return out


def _join_ranges(atoms: list[_Atom], text: str) -> list[_Atom]:
    """Join "A - B" / "A ถึง B" pairs of dates or months into one range; coordinated dates share a year."""
    def as_range(a: _Atom, b: _Atom) -> _Atom | None:
        return _range(a, b) if _joinable(a, b) and _BETWEEN_RANGE.fullmatch(text, a.end, b.start) else None

    out = _merge_pairs(atoms, as_range)
    for i, (a, b) in enumerate(zip(out, out[1:])):
        if (a.year is None and b.explicit_year and a.fixed is None and b.fixed is None
                and _BETWEEN_COORD.fullmatch(text, a.end, b.start)):
            out[i] = replace(a, year=b.year if (a.m1, a.d1 or 1) <= (b.m2, b.d2 or 31) else b.year - 1)  # type: ignore[operator]
    return out


# A budget table: after "งบประมาณ", successive years ("ปี 2569 ปี 2570 ปี 2571-2573", "2569 699,581,955 2570
# 363,848,772") are the fiscal years of its columns or rows.
_TABLE_YEAR = re.compile(rf"(?<![\d,./])(?:ปี{_S})?(?:{_ERA}{_S})?(?P<y1>2[45]\d\d)(?:{_S}[-–]{_S}(?P<y2>2[45]\d\d))?"
                         rf"(?![\d,.]\d|/)")
_BUDGET_WORD = re.compile(r"(?<!วิธีการ)งบประมาณ")
BUDGET_TABLE_REACH = 300  # how far after "งบประมาณ" a table of years may start
BUDGET_TABLE_GAP = 60  # how far apart two successive years of one table may be


def _follows(a: re.Match[str], b: re.Match[str]) -> bool:
    """``b`` is the year after ``a`` (or after the end of its range), close enough to be the next column."""
    return int(b["y1"]) == int(a["y2"] or a["y1"]) + 1 and b.start() - a.end() <= BUDGET_TABLE_GAP


def _budget_tables(atoms: list[_Atom], text: str) -> list[_Atom]:
    """Years in runs of successive years after "งบประมาณ" become fiscal years (new atoms where none was found)."""
    tables: list[_Atom] = []
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
        tables += [_fiscal_atom(m.start(), m.end(), _to_ce(m["y1"]), _to_ce(m["y2"] or m["y1"])) for m in run]
    if not tables:
        return atoms
    kept = [a for a in atoms if not any(a.start < t.end and t.start < a.end for t in tables)]
    return sorted(kept + tables, key=lambda a: a.start)


_EVERY_YEAR = re.compile(rf"{_S}(?:ของ{_S})?(?:ทุก|แต่ละ){_S}ปี")


def _drop_recurring(atoms: list[_Atom], text: str) -> list[_Atom]:
    """Drop year-less dates said of every year ("วันที่ 5 กรกฎาคม ของทุกปี", "เดือนมกราคมและเดือนกรกฎาคม
    ของแต่ละปี"): they name no period of their own."""
    out: list[_Atom] = []
    recurring = False
    for i in range(len(atoms) - 1, -1, -1):
        a = atoms[i]
        yearless = a.year is None and a.fixed is None and not a.relative and a.anaphor is None
        if not yearless:
            recurring = False
        elif _EVERY_YEAR.match(text, a.end):
            recurring = True
        elif recurring and not _BETWEEN_COORD.fullmatch(text, a.end, atoms[i + 1].start):
            recurring = False
        if not (yearless and recurring):
            out.append(a)
    return out[::-1]


def _joinable(a: _Atom, b: _Atom) -> bool:
    """Two ends of one range: the same unit ("ปี 2567 ถึงปี 2570"), or a year to a month ("ปี 2565 - มี.ค. 2568")."""
    if a.relative or b.relative or a.fixed is not None or b.fixed is not None:
        return False
    if a.granularity == "year" and a.year_span:
        return False  # "พ.ศ. 2559 – 2568 ถึงปี 2570": a period extended, two mentions
    return (a.granularity == b.granularity and a.granularity in ("day", "month", "quarter", "year")) or (
        a.granularity == "year" and b.granularity == "month")


def _range(a: _Atom, b: _Atom) -> _Atom:
    """The range from the start of ``a`` to the end of ``b``; ``a`` takes ``b``'s year if it has none."""
    a_year = a.year
    if a_year is None and b.year is not None:
        a_year = b.year if (a.m1, a.d1 or 1) <= (b.m2, b.d2 or 31) else b.year - 1
    b_year = None if b.year is None else b.year + b.year_span
    span = 0 if a_year is None or b_year is None else b_year - a_year
    return _Atom(a.start, b.end, b.granularity, a_year, a.m1, a.d1, b.m2, b.d2, year_span=max(span, 0),
                 explicit_year=a.explicit_year or b.explicit_year, time=a.time, cue=a.cue or b.cue)


def _dates_of(atom: _Atom, year: int) -> tuple[dt.date, dt.date] | None:
    """The inclusive range of a non-fixed atom in ``year``."""
    y2 = year + atom.year_span
    first = _safe_date(year, atom.m1, atom.d1 or 1)
    last = _safe_date(y2, atom.m2, atom.d2 if atom.d2 is not None else _last_day(y2, atom.m2))
    if first is None or last is None or last < first:
        return None
    return first, last


def _nearest_year(atom: _Atom, published: dt.date) -> int:
    """The year that puts a year-less date nearest ``published`` (after it for "นี้", before for "ที่ผ่านมา")."""
    best: tuple[int, int] | None = None
    slack = dt.timedelta(days=15)
    for year in (published.year - 1, published.year, published.year + 1):
        dates = _dates_of(atom, year)
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


def _resolve(atoms: list[_Atom], text: str, published: dt.date | None) -> list[_Atom]:
    """Give each year-less atom the year of the passage (the paragraph so far), else the nearest one;
    resolve mentions counted from the passage ("ปีก่อนหน้า", "ช่วงเดียวกันของปีก่อน")."""
    out: list[_Atom] = []
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
                               fixed=(_shift_years(before[0], step), _shift_years(before[1], step)))
        elif atom.anaphor is not None:
            pass  # resolved from the mention before it, once every mention has its value
        elif atom.year_step is not None and (base := spoken_year if text.endswith("ก่อนหน้า", 0, atom.end)
                                             else passage_year) is not None and published and base != published.year:
            # "ในปี 2567 ... ขยายตัวจากปีก่อนหน้า": 2023; "ในปีที่ผ่านมา ... เพิ่มจากปีก่อนหน้า": the year before
            # that; "ในปี 2567 ... ขยายตัวจากปีที่ผ่านมา": 2023, but after "ปีที่แล้ว", "จากปีก่อน" is that year
            year = base + atom.year_step
            atom = replace(atom, fixed=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        elif atom.fixed is None and atom.year is None:
            if passage_year is not None:
                atom = replace(atom, year=passage_year, relative=True)
            elif published is not None:
                atom = replace(atom, year=_nearest_year(atom, published), relative=True)
        elif atom.explicit_year and atom.fixed is None and atom.granularity in ("day", "month", "year") \
                and not atom.year_span:
            passage_year = spoken_year = atom.year
        elif atom.relative and atom.granularity == "year" and atom.fixed is not None:
            spoken_year = atom.fixed[0].year
        if atom.granularity in ("month", "quarter") and not atom.same_period:
            dates = atom.fixed or (_dates_of(atom, atom.year) if atom.year is not None else None)
            period = (dates[0], dates[1], atom.granularity) if dates else period
            if dates and dates[0].replace(day=1) == dates[1].replace(day=1):
                month = period
        out.append(atom)
    return out


def _shift_years(day: dt.date, years: int) -> dt.date:
    """``day`` in another year; a month's last day stays its last day (29 Feb becomes 28 Feb)."""
    year = day.year + years
    if day.day == _last_day(day.year, day.month):
        return dt.date(year, day.month, _last_day(year, day.month))
    return dt.date(year, day.month, day.day)


def _mention(atom: _Atom, text: str) -> DateMention | None:
    if atom.fixed is not None:
        first, last = atom.fixed
    elif atom.year is not None:
        dates = _dates_of(atom, atom.year)
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


# between a relative day and the date that says which day it is: "วันนี้ (วันพุธที่ 14 ...", "วันเดียวกันนี้ 20 ส.ค."
_THEN_DATE = re.compile(rf"{_S}\(?{_S}(?:วัน)?(?:{_alt(_WEEKDAYS)})?{_S}(?:ที่)?{_S}")
_CLOSE_PAREN = re.compile(rf"{_S}\)")
_RELATIVE_RANGE_SEP = _range_joint(rf"(?:เป็นต้นไป{_S})?(?:[-–—]|ไปจนถึง|จนถึง|ถึง)")
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
                and _THEN_DATE.fullmatch(text, a.end, b.start)):
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
                and b.start_date == a.end_date and _THEN_DATE.fullmatch(text, a.end, b.start)):
            close = _CLOSE_PAREN.match(text, b.end) if "(" in text[a.end:b.start] else None
            end = close.end() if close else b.end
            return replace(a, end=end, text=source[a.start:end])
        return None

    return _merge_pairs(_merge_pairs(mentions, as_range), with_stated_end)


_UNTIL_NOW = re.compile(rf"{_S}(?:[-–—]|ถึง|จนถึง|จวบจน){_S}(?:ปัจจุบัน|บัดนี้)")


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
        if a.text == "วันนี้" and _is_single_day(b) and not b.relative and a.start_date == b.start_date:
            return b.start_date  # "วันนี้ (12 สิงหาคม 2568)" anywhere says it outright
    line_start, lines_seen = 0, 0
    title = text[:text.find("\n")] if "\n" in text else text
    while lines_seen < DATELINE_LINES:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].strip(_BLANK)
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
    atoms = _join_ranges(_budget_tables(_atoms(ascii_text, published), ascii_text), ascii_text)
    atoms = _resolve(_drop_recurring(atoms, ascii_text), ascii_text, published)
    anaphors = {atom.start: atom.anaphor for atom in atoms if atom.anaphor is not None}
    mentions = [m for m in (_mention(atom, text) for atom in atoms) if m is not None]
    mentions = _join_relative_ranges(_anchor_to_stated_date(mentions, ascii_text), ascii_text, text)
    mentions = [m for m in mentions if m.text != "บัดนี้"]  # "now": a date only as the start of a range
    mentions = _until_now(mentions, ascii_text, text, published)
    return _resolve_anaphors(mentions, anaphors)


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date or period mention of ``text``, in order, with offsets into ``text``.

    Relative mentions ("วันนี้", "สัปดาห์หน้า") count from the day the text itself calls today
    (its dateline, see ``_dateline``), else from ``published``.
    """
    ascii_text = text.translate(_THAI_DIGITS)  # same length: offsets stay valid
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


_BLANK = " \t\u00a0\u200b\ufeff"


def _section_headers(mentions: list[DateMention], text: str) -> list[tuple[int, dt.date]]:
    """(line start, date) of each line that holds nothing but an explicit single day."""
    headers = []
    for m in mentions:
        if m.relative or not _is_single_day(m):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:m.start].strip(_BLANK) and not text[m.end:line_end].strip(_BLANK):
            headers.append((line_start, m.start_date))  # type: ignore[arg-type]
    return headers
