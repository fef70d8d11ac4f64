"""The Thai lunar and Hijri calendars behind the holiday and Hijri-year rules."""

import datetime as dt

import pytest

from thai_extract.text.dates.calendars import hijri_year, lunar_day
from thai_extract.text.dates.lexicon import load_lexicon

D = dt.date

# Official dates of the Buddhist holidays (Thai cabinet holiday announcements), to check the rules
# against; 2021 and 2023 have a leap month (two 8th months), which moves the first three later.
KNOWN = {
    "มาฆบูชา": [D(2020, 2, 8), D(2021, 2, 26), D(2022, 2, 16), D(2023, 3, 6), D(2024, 2, 24), D(2025, 2, 12)],
    "วิสาขบูชา": [D(2020, 5, 6), D(2021, 5, 26), D(2022, 5, 15), D(2023, 6, 3), D(2024, 5, 22), D(2025, 5, 11)],
    "อาสาฬหบูชา": [D(2020, 7, 5), D(2021, 7, 24), D(2022, 7, 13), D(2023, 8, 1), D(2024, 7, 20), D(2025, 7, 10)],
    "เข้าพรรษา": [D(2020, 7, 6), D(2021, 7, 25), D(2022, 7, 14), D(2023, 8, 2), D(2024, 7, 21), D(2025, 7, 11)],
    "ออกพรรษา": [D(2020, 10, 2), D(2021, 10, 21), D(2022, 10, 10), D(2023, 10, 29), D(2024, 10, 17), D(2025, 10, 7)],
    "ลอยกระทง": [D(2020, 10, 31), D(2021, 11, 19), D(2022, 11, 8), D(2023, 11, 27), D(2024, 11, 15), D(2025, 11, 5)],
}


@pytest.mark.parametrize("holiday, days", KNOWN.items())
def test_each_lunar_holiday_rule_gives_the_official_day_leap_years_included(holiday, days):
    rule = load_lexicon().lunar_holidays[holiday]
    assert [lunar_day(day.year, rule.month, rule.leap_year_month, rule.days_after) for day in days] == days


def test_lunar_days_outside_the_calendar_are_unknown():
    assert lunar_day(1800, 3, 4) is None and lunar_day(2600, 3, 4) is None


@pytest.mark.parametrize("year, first, last", [
    (1446, D(2024, 7, 7), D(2025, 6, 25)),  # 1 Muharram 1446 = 7 July 2024 (Umm al-Qura)
    (1445, D(2023, 7, 19), D(2024, 7, 6)),
    (1442, D(2020, 8, 20), D(2021, 8, 8)),
])
def test_a_hijri_year_is_its_gregorian_days(year, first, last):
    assert hijri_year(year) == (first, last)


def test_hijri_years_outside_the_converters_range_are_unknown():
    assert hijri_year(1300) is None and hijri_year(1600) is None
