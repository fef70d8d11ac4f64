"""The date grammar: one regex alternative per kind of expression, built from the lexicon.

Text is searched with Thai digits already turned into ASCII digits. ``grammar()`` builds the
patterns once from the packaged lexicon; each alternative's named groups are read by the matching
builder in ``atoms.py`` (the alternative ``"day_month"`` by ``_atom_day_month``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from thai_extract.text.dates.lexicon import Lexicon, load_lexicon
from thai_extract.text.dates.triggers import prefilter

__all__ = ["Grammar", "grammar", "build_grammar", "alt", "S", "BLANK", "ERA", "range_joint"]

S = r"[ \t\u00a0\u2000-\u200b\u202f]*"  # optional blanks inside an expression (never a line break)
BLANK = " \t\u00a0\u200b\ufeff"
THAI_LETTER = "ก-ฮ"
# a word of the lexicon does not end before a vowel or tone mark: that would cut a syllable
# ("เมื่อวาน" is not a word of "เมื่อวานี้")
_WORD_END = "(?![\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])"
ERA = r"(?:พ\.[ ]?ศ\.?|ค\.[ ]?ศ\.?|พุทธศักราช|คริสต์ศักราช)"
HIJRI_ERA = r"(?:ฮิจเราะห์ศักราช(?:[ ]?\(ฮ\.[ ]?ศ\.\))?|ฮ\.[ ]?ศ\.?)"  # "ฮิจเราะห์ศักราช (ฮ.ศ.) 1445"
_Y4 = r"(?<!\d)(?:2[3-6]\d\d|1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)"
# a year written alone ("งาน Bangkok Pride 2025", "สำมะโนประชากร 2568"): BE 2450-2649 or CE 1950-2099
_BARE_Y = r"(?:2[45]\d\d|26[0-4]\d|19[5-9]\d|20\d\d)(?!\d)(?![.,:]\d)"
_DAY = r"(?<![\d./:])(?<!\d,)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_RANGE_SEP = rf"{S}(?:[-–—]|จนถึง|ถึง){S}"
# "ก่อน" ends a phrase ("ปีก่อน", "ปีก่อนหน้า"), not where it starts a clause ("ก่อนการประชุม")
_BEFORE_WORD = r"ก่อน(?:(?![ก-ฮ])|(?=จาก|ซึ่ง|และ|โดย|เป็น|มี|ที่ผ่าน|ร้อยละ|ถึง|อยู่))"
# A clock time ("เวลา 08.30 น.", "18.00 นาฬิกา"); CLOSED_CLOCK ends in its unit
_HOUR_MINUTE = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
CLOCK = rf"(?:(?:เวลา{S})?{_HOUR_MINUTE}{S}(?:น\.+|นาฬิกา)?{S})"
CLOSED_CLOCK = rf"(?:(?:เวลา{S})?{_HOUR_MINUTE}{S}(?:น\.+|นาฬิกา){S})"


def alt(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation of literal words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def range_joint(words: str) -> re.Pattern[str]:
    """The text between the two ends of a range: a joining word, with the first end's clock time before
    it, the second end's after it, or both ("วันที่ 1 ส.ค. 68 เวลา 08.30 น. ถึงเวลา 16.30 น. ของวันที่ 5 ส.ค. 68").
    A bare time before a dash ("วันที่ 14 เวลา 09.00 - 16.00 น. วันที่ 15") is a time span of the first
    day, so a clock on each side needs the first one closed by its unit."""
    after = rf"(?:{CLOCK}(?:ของ{S})?)?"
    return re.compile(rf"{S}(?:{CLOSED_CLOCK}(?:{words}){S}{after}|{CLOCK}(?:{words}){S}|(?:{words}){S}{after})")


def _abbr_pattern(abbr: str, dotless: bool) -> str:
    """'พ.ค.' -> 'พ.ค.' / 'พ.ค' / 'พ. ค.' (and 'พค' when ``dotless``), not run into a Thai word."""
    first, second = abbr.strip(".").split(".")
    dotted = rf"{re.escape(first)}\.[ ]?{re.escape(second)}(?:\.|(?![{THAI_LETTER}]))"
    if not dotless:
        return dotted
    return rf"(?:{dotted}|{re.escape(first + second)}(?:\.|(?![{THAI_LETTER}])))"


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled patterns and the lexicon they were built from."""

    lexicon: Lexicon
    month_number: dict[str, int]
    alternatives: dict[str, str]
    date_re: re.Pattern[str]
    trigger_re: re.Pattern[str]  # where a match of date_re can start (triggers.py)
    quantity_before: re.Pattern[str]
    period_before: re.Pattern[str]
    day_word_next: re.Pattern[str]
    then_date: re.Pattern[str]
    time_after: re.Pattern[str]
    time_before: re.Pattern[str]


def _alternatives(lex: Lexicon, weekdays: str, not_unit: str) -> dict[str, str]:
    full = alt(list(lex.months_full) + list(lex.month_variants))
    abbr = "(?:" + "|".join(_abbr_pattern(a, False) for a in lex.months_abbr) + ")"
    abbr_loose = "(?:" + "|".join(_abbr_pattern(a, True) for a in lex.months_abbr) + ")"
    short = alt(lex.months_short) + f"(?![{THAI_LETTER}])"
    english = "(?i:" + alt(list(lex.months_english) + list(lex.english_abbreviations)) + r"\.?)(?![A-Za-z])"
    month_std = f"(?:{full}|{abbr})"  # a month that may stand without a day
    month_after_day = f"(?:{full}|{abbr_loose}|{short})"  # a month right after a day number
    y2 = rf"(?<!\d)\d\d(?!\d)(?![.:,]\d){not_unit}"
    prefix = rf"(?:วัน{weekdays}{S}(?:ที่)?|วันที่){S}"
    steps = rf"(?:{alt([w for w in lex.relative_steps if w != 'ก่อน'])[3:-1]}|{_BEFORE_WORD})"
    units = lex.period_units
    bare_weekdays = alt([w for w in lex.weekdays if w not in units])

    def year(name: str, short_year: bool = True) -> str:
        """An optional era word then a year, in groups ``{name}_era`` and ``{name}``."""
        digits = f"(?:{_Y4}|{y2})" if short_year else _Y4
        return rf"(?:(?P<{name}_era>{ERA}){S})?(?P<{name}>{digits})"

    def holiday_year(name: str) -> str:
        """A year after a holiday's name, perhaps after "ปี" or "ประจำปี" ("วันดินโลก ปี 2567", "วันน้ำโลก
        ประจำปี พ.ศ. 2568"): a 2-digit number before a month or a dash is its day ("วันแม่แห่งชาติ 12
        สิงหาคม", "วันสงกรานต์ 13 - 15 เมษายน"), not a short year ("วันแม่แห่งชาติ 68")."""
        return (rf"(?:(?:ประจำ{S})?ปี{S})?"
                rf"(?:(?P<{name}_era>{ERA}){S})?(?P<{name}>{_Y4}|{y2}(?!{S}(?:[-–]|ถึง|{month_after_day})))")

    return {
        "same_period": rf"(?:ช่วง(?:เวลา)?|ระยะ(?:เวลา)?|ห้วง(?:เวลา)?|เดือน|ไตรมาส){S}เดียวกัน{S}(?:ของ|กับ|ใน)?"
                       rf"{S}ปี{S}(?:(?P<sp_step>{steps}|ก่อน)|{year('sp_y')})",
        "iso": r"(?<![\w/-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d-])",
        "numeric": rf"(?:{prefix})?(?<![A-Za-z_/-])(?P<num_d>{_DAY})(?P<num_sep>[/-])(?P<num_m>0?[1-9]|1[0-2])"
                   rf"(?P=num_sep)(?P<num_y>\d{{4}}|\d\d)(?![\d/-])",
        "day_range": rf"(?:{prefix})?(?P<dr_d1>{_DAY}){_RANGE_SEP}(?:{prefix})?(?P<dr_d2>{_DAY}){S}"
                     rf"(?P<dr_m>{month_after_day})(?:{S}{year('dr_y')})?",
        # "วันที่ 8 และ 10 กันยายน 2563", "วันที่ 16, 21 และ 23 สิงหาคม": each day but the last (a day_month of
        # its own) takes the month and year written after the list
        "day_list": rf"(?:{prefix}|(?<=,)|(?<=, )|(?<=และ)|(?<=และ ))(?P<dl_d>{_DAY})"
                    rf"(?=(?:{S}(?:,|และ){S}{_DAY})+{S}(?P<dl_m>{month_after_day})(?:{S}{year('dl_y')})?)",
        "day_month": rf"(?:{prefix})?(?P<dm_d>{_DAY}){S}(?P<dm_m>{month_after_day})(?:{S}{year('dm_y')})?",
        "en_dmy": rf"(?:(?P<en_d0>{_DAY})(?:st|nd|rd|th)?{S}[-–]{S})?"  # "4 – 8 September 2025"
                  rf"(?P<en_d>{_DAY})(?:st|nd|rd|th)?[ ]+(?P<en_m>{english}),?[ ]+(?P<en_y>{_Y4})",
        "en_mdy": rf"(?P<en2_m>{english})[ ]+(?P<en2_d>{_DAY})(?:st|nd|rd|th)?,?[ ]+(?P<en2_y>{_Y4})",
        "en_my": rf"(?<![A-Za-z])(?P<en3_m>{english})[ ]+(?P<en3_y>{_Y4})",
        "fiscal": rf"ปีงบ(?:ประมาณ|ฯ)?{S}{year('fy_y')}(?:{_RANGE_SEP}(?:{ERA}{S})?(?P<fy_y2>{_Y4}|{y2}))?",
        "fiscal_rel": rf"ปีงบ(?:ประมาณ|ฯ)?{S}(?P<fyr_step>{steps})",
        "quarter": rf"ไตรมาส(?:ที่)?{S}(?P<q_n>[1-4]|แรก|สุดท้าย)(?:{S}[-–]{S}(?P<q_n2>[1-4]))?"
                   rf"(?:{S}(?:/|ของ|ใน|ประจำ)?{S}(?:(?P<q_fy>ปีงบประมาณ|ปีงบฯ?|ปี)?{S}{year('q_y')}"
                   rf"|ปี(?P<q_rel>{steps})))?",
        "quarter_en": r"(?<![A-Za-z])Q(?P<qe_n>[1-4])(?:[ /]?(?P<qe_y>\d{4}|\d\d(?!\d)))?",
        "decade": rf"ทศวรรษ(?:ที่)?{S}(?:(?P<dec_era>{ERA}){S})?(?P<dec_y>(?<!\d)\d{{3}}0|\d0)(?!\d)",
        "half_year": rf"ครึ่ง{S}ปี{S}(?P<hy_which>แรก|หลัง)(?:{S}(?:ของ)?{S}(?:ปี)?{S}{year('hy_y')}"
                     rf"|(?:{S}(?:ของ)?ปี)?(?P<hy_rel>{steps})?)"
                     rf"|ครึ่ง{S}(?P<hy_which2>แรก|หลัง){S}(?:ของ)?{S}ปี{S}{year('hy_y2')}",
        "first_months": rf"(?:(?P<fm_n>(?<!\d)(?:1[01]|[1-9]))(?!\d){S})?เดือนแรก{S}(?:ของ)?{S}(?:ปี)?{S}{year('fm_y')}"
                        rf"|(?P<fm_n2>(?<!\d)(?:1[01]|[1-9]))(?!\d){S}เดือน{S}(?:แรก)?{S}(?:ของ)?{S}"
                        rf"(?P<fm_fy>ปีงบประมาณ|ปีงบฯ?|ปี){S}{year('fm_y2')}",
        "month_range": rf"(?:เดือน{S})?(?P<mr_m1>{month_std}){_RANGE_SEP}(?:เดือน{S})?"
                       rf"(?P<mr_m2>{month_std})(?:{S}{year('mr_y')})?",
        "month_year": rf"(?:เดือน{S})?(?P<my_m>{month_std}|{short}(?=[’'])){S}[’']?{S}{year('my_y')}",  # "ตุลา’68"
        "month": rf"เดือน{S}(?P<mo_m>{month_std})|(?P<mo_full>{full})",
        "year": rf"(?:ปี(?:การผลิต|การศึกษา|เพาะปลูก)?{S}(?:(?P<yr_era>{ERA}){S})?|(?P<yr_era2>{ERA}){S})(?P<yr_y>{_Y4})"
                rf"(?:(?:{_RANGE_SEP}|/)(?:{ERA}{S})?(?P<yr_y2>{_Y4}|\d\d(?!\d)(?![.:,]\d)(?:(?<=/\d\d)|{not_unit})))?"
                rf"|ปี{S}(?P<yr_short>\d\d)(?!\d)(?![.:,]\d){not_unit}",
        "ago": rf"(?:อีก{S})?(?:(?P<ago_n0>(?<!\d)\d{{1,3}}){S}[-–]{S})?"
               rf"(?P<ago_n>(?<![\d,.])\d{{1,3}}|{alt(list(lex.number_words))}){S}(?P<ago_u>{alt(list(units))})"
               rf"(?P<ago_dir>ที่ผ่านมา|ที่แล้ว|{_BEFORE_WORD}|{S}ข้างหน้า|ต่อจากนี้)",
        "holiday": rf"(?P<hd>{alt(list(lex.fixed_holidays))}){S}{holiday_year('hd_y')}",
        "lunar": rf"วัน(?P<lh>{alt(list(lex.lunar_holidays))})(?:{S}{holiday_year('lh_y')})?",
        "hijri": rf"{HIJRI_ERA}{S}(?P<hj_y>1[3-5]\d\d)(?!\d)(?![.,]\d)",
        "weekday": rf"(?:วัน{S}(?P<wd_day>{weekdays})|(?P<wd_bare>{bare_weekdays}))"
                   rf"(?P<wd_step>นี้|หน้า|ที่จะถึง(?:นี้)?|ที่ผ่านมา|ที่แล้ว)",
        "relative_day": "(?P<rd>" + alt(list(lex.relative_days)) + ")" + _WORD_END,
        "relative_unit": rf"(?P<ru_u>{alt([u for u, g in units.items() if g != 'day'])})(?P<ru_step>{steps})",
        "anaphoric_day": "(?P<an>" + alt(list(lex.anaphoric_days)) + ")" + _WORD_END,
        "bare_year": rf"(?:(?<![\w.,:/\-–])|(?<=\d/)(?=2[56]))(?P<by_y>{_BARE_Y})(?:{_RANGE_SEP}(?P<by_y2>{_BARE_Y}))?"
                     rf"{not_unit}(?![\w])",
        # a year glued to a name or inside a hashtag ("GP2025", "#สงกรานต์2568"): see atoms._atom_compound_year
        "compound_year": rf"(?<=[A-Za-z#ก-๙])(?P<cy_y>{_BARE_Y})",
    }


def build_grammar(lex: Lexicon) -> Grammar:
    """Every pattern of the date grammar, from ``lex``."""
    weekdays = alt(list(lex.weekdays))
    day_unit = [u for u, g in lex.period_units.items() if g == "day"]
    counts = alt([u for u in lex.units if u not in day_unit])
    # "68 วันนี้" / "68 วันที่" is a year before a date word, "68 วัน" a count of days
    not_unit = rf"(?!{S}(?:{counts}|{alt(day_unit)}(?!นี้|ที่|พรุ่ง|{weekdays})))"
    alternatives = _alternatives(lex, weekdays, not_unit)
    date_re = re.compile("|".join(f"(?P<K_{k}>{v})" for k, v in alternatives.items()))
    quantity = alt(lex.quantity_before)
    return Grammar(
        lexicon=lex, month_number=lex.month_number, alternatives=alternatives, date_re=date_re,
        trigger_re=prefilter(date_re),
        quantity_before=re.compile(rf"(?:{quantity}|[\d]\s|[<>=+*x×])\s*$"),
        period_before=re.compile(rf"{alt(lex.period_before)}\s*$"),
        day_word_next=re.compile(rf"{S}วัน(?:ที่|{weekdays})"),
        # between a relative day and the date that says which day it is: "วันนี้ (วันพุธที่ 14 ...",
        # "วันเดียวกันนี้ 20 ส.ค."
        then_date=re.compile(rf"{S}\(?{S}(?:วัน)?(?:{weekdays})?{S}(?:ที่)?{S}"),
        time_after=re.compile(
            rf"{S}\)?{S}(?:(?:(?:เมื่อ|ตั้งแต่|ระหว่าง)?เวลา){S}(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)"
            rf"|(?P<h2>[01]?\d|2[0-3])[.:](?P<m2>[0-5]\d){S}(?:น\.|นาฬิกา))"),
        # "เวลา 10.30 ของวันที่ ...", "12.00 น. ของวันที่ ...", "18.00 นาฬิกา วันนี้"; not the end of a time
        # span before another day ("วันที่ 14 เวลา 09.00 - 16.00 น. วันที่ 15")
        time_before=re.compile(
            rf"(?:เวลา{S}(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d){S}(?:น\.?|นาฬิกา)?{S}(?:ของ)?"
            rf"|(?<![\d.:])(?P<h2>[01]?\d|2[0-3])[.:](?P<m2>[0-5]\d){S}(?:น\.|นาฬิกา){S}ของ"
            rf"|(?<![\d.:])(?<![-–] )(?<![-–])(?P<h3>[01]?\d|2[0-3])[.:](?P<m3>[0-5]\d){S}(?:น\.|นาฬิกา)){S}$"),
    )


@cache
def grammar() -> Grammar:
    """The grammar of the packaged lexicon (built once)."""
    return build_grammar(load_lexicon())
