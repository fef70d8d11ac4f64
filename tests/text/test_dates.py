import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thai_extract.text.dates import find_dates

D = dt.date
PUBLISHED = D(2025, 5, 20)  # a Tuesday


def one(text: str, published: dt.date | None = PUBLISHED):
    found = find_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    return m.start_date, m.end_date, m.granularity, m.relative


DAY_14 = (D(2025, 5, 14), D(2025, 5, 14), "day", False)


@pytest.mark.parametrize("text", [
    "14 พฤษภาคม 2568", "14 พ.ค. 68", "14 พ.ค. 2568", "14 พ.ค.68", "14 พค 68", "๑๔ พฤษภาคม ๒๕๖๘",
    "วันพุธที่ 14 พฤษภาคม พ.ศ. 2568", "14/05/2568", "2025-05-14", "14 May 2025", "May 14, 2025",
    "14 พฤษภาคม ค.ศ. 2025",
])
def test_day_month_year(text):
    assert one(text) == DAY_14


def test_span_covers_weekday_and_wanthi_words_but_not_connectives():
    text = "เมื่อวันพุธที่ 14 พฤษภาคม 2568 เวลา 10.30 น. ที่ทำเนียบ"
    [m] = find_dates(text)
    assert m.text == "วันพุธที่ 14 พฤษภาคม 2568" and text[m.start:m.end] == m.text
    assert m.time == "10:30"


@pytest.mark.parametrize("text, expected", [
    ("13-16 พฤษภาคม 2568", (D(2025, 5, 13), D(2025, 5, 16), "day", False)),
    ("30 เม.ย. - 2 พ.ค. 68", (D(2025, 4, 30), D(2025, 5, 2), "day", False)),
    ("ระหว่างวันที่ 13 ถึง 16 พฤษภาคม 2568", (D(2025, 5, 13), D(2025, 5, 16), "day", False)),
    ("ตั้งแต่วันที่ 1 มกราคม 2568 จนถึงวันที่ 31 มีนาคม 2568", (D(2025, 1, 1), D(2025, 3, 31), "day", False)),
    ("ตั้งแต่เดือนตุลาคม 2566 ถึง กันยายน 2567", (D(2023, 10, 1), D(2024, 9, 30), "month", False)),
    ("ม.ค.-ส.ค.61", (D(2018, 1, 1), D(2018, 8, 31), "month", False)),
    ("ช่วงปี 2560-2565", (D(2017, 1, 1), D(2022, 12, 31), "year", False)),
    ("พฤษภาคม 2568", (D(2025, 5, 1), D(2025, 5, 31), "month", False)),
    ("ปี 2565", (D(2022, 1, 1), D(2022, 12, 31), "year", False)),
    ("พ.ศ. 2565", (D(2022, 1, 1), D(2022, 12, 31), "year", False)),
    ("ค.ศ. 2025", (D(2025, 1, 1), D(2025, 12, 31), "year", False)),
    ("ปีงบประมาณ 2568", (D(2024, 10, 1), D(2025, 9, 30), "fiscal_year", False)),
    ("ปีงบประมาณ พ.ศ. 2566 – 2568", (D(2022, 10, 1), D(2025, 9, 30), "fiscal_year", False)),
    ("ไตรมาสที่ 3 ของปี 2568", (D(2025, 7, 1), D(2025, 9, 30), "quarter", False)),
    ("ไตรมาส 1 ของปีงบประมาณ 2568", (D(2024, 10, 1), D(2024, 12, 31), "quarter", False)),
    ("ครึ่งปีแรกของปี 2568", (D(2025, 1, 1), D(2025, 6, 30), "quarter", False)),
    ("ทศวรรษ 2560", (D(2017, 1, 1), D(2026, 12, 31), "decade", False)),
    ("ทศวรรษ 1990", (D(1990, 1, 1), D(1999, 12, 31), "decade", False)),
    ("วันแม่แห่งชาติ 2568", (D(2025, 8, 12), D(2025, 8, 12), "day", False)),
    ("วันน้ำโลก ประจำปี พ.ศ. 2568", (D(2025, 3, 22), D(2025, 3, 22), "day", False)),  # a UN day of the year named
    ("วันดินโลก ปี 2567", (D(2024, 12, 5), D(2024, 12, 5), "day", False)),
    ("เทศกาลสงกรานต์ 2568", (D(2025, 1, 1), D(2025, 12, 31), "year", False)),  # a festival's year, as in a name
    ("between 4 – 8 September 2025", (D(2025, 9, 4), D(2025, 9, 8), "day", False)),
])
def test_ranges_months_years_periods(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("วันนี้", (PUBLISHED, PUBLISHED, "day", True)),
    ("เมื่อวานนี้", (D(2025, 5, 19), D(2025, 5, 19), "day", True)),
    ("พรุ่งนี้", (D(2025, 5, 21), D(2025, 5, 21), "day", True)),
    ("สัปดาห์หน้า", (D(2025, 5, 26), D(2025, 6, 1), "week", True)),
    ("เดือนที่แล้ว", (D(2025, 4, 1), D(2025, 4, 30), "month", True)),
    ("ปีหน้า", (D(2026, 1, 1), D(2026, 12, 31), "year", True)),
    ("เมื่อ 3 วันที่ผ่านมา", (D(2025, 5, 17), D(2025, 5, 17), "day", True)),
    ("ปีงบประมาณหน้า", (D(2025, 10, 1), D(2026, 9, 30), "fiscal_year", True)),
    ("เมื่อ 14 พฤษภาคม", (D(2025, 5, 14), D(2025, 5, 14), "day", True)),  # nearest the publication date
    ("เมื่อ 14 ธันวาคม", (D(2024, 12, 14), D(2024, 12, 14), "day", True)),
    ("27 ธ.ค.นี้", (D(2025, 12, 27), D(2025, 12, 27), "day", True)),
])
def test_relative_and_yearless(text, expected):
    assert one(text) == expected


def test_yearless_date_takes_the_year_of_the_passage():
    text = "ระหว่างวันที่ 13 ถึง 16 พฤษภาคม 2563 ผู้นำพบกันเมื่อ 14 พฤษภาคม"
    assert [(m.start_date, m.relative) for m in find_dates(text, PUBLISHED)] == [
        (D(2020, 5, 13), False), (D(2020, 5, 14), True)]


@pytest.mark.parametrize("text, expected", [
    ("วันนี้ (9 ส.ค. 68) เวลา 16.45 น.", [("วันนี้", D(2025, 8, 9), True), ("9 ส.ค. 68", D(2025, 8, 9), False)]),
    ("วันนี้ (วันจันทร์ที่ 26 พฤษภาคม 2568)",
     [("วันนี้", D(2025, 5, 26), True), ("วันจันทร์ที่ 26 พฤษภาคม 2568", D(2025, 5, 26), False)]),
    ("ในวันพรุ่งนี้ (เสาร์ที่ 25 พฤษภาคม  เวลา 10.40 น.)",
     [("วันพรุ่งนี้", D(2025, 5, 25), True), ("25 พฤษภาคม", D(2025, 5, 25), True)]),
    ("ในวันเดียวกันนี้ 20 ส.ค. 68 นาย", [("วันเดียวกันนี้", D(2025, 8, 20), True), ("20 ส.ค. 68", D(2025, 8, 20), False)]),
])
def test_a_relative_day_takes_the_date_stated_right_after_it(text, expected):
    found = find_dates(text, PUBLISHED)
    assert [(m.text, m.start_date, m.relative) for m in found] == expected


def test_relative_mentions_count_from_the_today_a_bracket_states():
    text = "ข่าว\nเปิดเผยว่า วันนี้ (18 พฤษภาคม 2568) ได้ประชุม และพรุ่งนี้จะลงพื้นที่"
    assert find_dates(text, PUBLISHED)[-1].start_date == D(2025, 5, 19)


@pytest.mark.parametrize("text, expected", [
    ("ตั้งแต่วันนี้ จนถึงวันที่ 15 มิถุนายน 2568", ("วันนี้ จนถึงวันที่ 15 มิถุนายน 2568", PUBLISHED, D(2025, 6, 15))),
    ("ตั้งแต่วันนี้เป็นต้นไปจนถึงวันที่ 30 มิ.ย. 68", ("วันนี้เป็นต้นไปจนถึงวันที่ 30 มิ.ย. 68", PUBLISHED, D(2025, 6, 30))),
    ("วันนี้ – 30 มิ.ย. 68", ("วันนี้ – 30 มิ.ย. 68", PUBLISHED, D(2025, 6, 30))),
    ("ตั้งแต่วันนี้ - กันยายน 2568", ("วันนี้ - กันยายน 2568", PUBLISHED, D(2025, 9, 30))),
])
def test_from_today_until_a_date_is_one_relative_range(text, expected):
    [m] = find_dates(text, PUBLISHED)
    assert (m.text, m.start_date, m.end_date, m.granularity, m.relative) == (*expected, "day", True)


@pytest.mark.parametrize("text, expected", [
    ("ฐานต่ำในปีก่อนจากการเบิกจ่าย", (D(2024, 1, 1), D(2024, 12, 31), "year", True)),
    ("ซึ่งเมื่อเช้านี้ได้พูดคุย", (PUBLISHED, PUBLISHED, "day", True)),
    ("เพิ่งได้ตัวเลขมาเมื่อคืนนี้", (D(2025, 5, 19), D(2025, 5, 19), "day", True)),
    ("โดยจะใช้งบประมาณปี 2569 รวม 159 ล้านบาท", (D(2025, 10, 1), D(2026, 9, 30), "fiscal_year", False)),
    ("ผลผลิตปีการผลิต 2568/69", (D(2025, 1, 1), D(2026, 12, 31), "year", False)),
    ("การผลิตข้าวนาปี 2568/69 จังหวัดพะเยา", (D(2025, 1, 1), D(2026, 12, 31), "year", False)),
    ("คาดมีผลใช้บังคับ ตุลา’68", (D(2025, 10, 1), D(2025, 10, 31), "month", False)),
    ("จะมีผลภายในไตรมาสสุดท้ายของปีนี้", (D(2025, 10, 1), D(2025, 12, 31), "quarter", True)),
    ("เศรษฐกิจในครึ่งปีหลังนี้", (D(2025, 7, 1), D(2025, 12, 31), "quarter", True)),
    ("หริภุญชัย ราว พ.ศ. ๑๙๑๒", (D(1369, 1, 1), D(1369, 12, 31), "year", False)),
    ("มูลค่าการค้าในช่วง 4 เดือน ของปี 2568", (D(2025, 1, 1), D(2025, 4, 30), "month", False)),
    ("ในช่วง 7 เดือนของปีงบประมาณ พ.ศ. 2568", (D(2024, 10, 1), D(2025, 4, 30), "month", False)),
    ("จะส่งให้ OECD ภายในสิ้นปีนี้", (D(2025, 12, 31), D(2025, 12, 31), "day", True)),  # like สิ้นเดือน: the last day
    ("ให้แล้วเสร็จภายในสิ้นปี 2568", (D(2025, 12, 31), D(2025, 12, 31), "day", False)),
    ("ระหว่างปี 2567 ถึงปี 2570", (D(2024, 1, 1), D(2027, 12, 31), "year", False)),
    ("ปี 2565 - มี.ค. 2568", (D(2022, 1, 1), D(2025, 3, 31), "month", False)),
    ("งบประมาณรายจ่ายประจำปี พ.ศ. 2569", (D(2025, 10, 1), D(2026, 9, 30), "fiscal_year", False)),
    ("พระราชบัญญัติวิธีการงบประมาณ พ.ศ. 2561", (D(2018, 1, 1), D(2018, 12, 31), "year", False)),
])
def test_more_relative_and_budget_forms(text, expected):
    assert one(text) == expected


def test_the_year_before_counts_from_the_year_spoken_of():
    text = "ในปี 2567 การส่งออกขยายตัวจากปีก่อนหน้าร้อยละ 3.88"
    assert [(m.text, m.start_date) for m in find_dates(text, PUBLISHED)] == [
        ("ปี 2567", D(2024, 1, 1)), ("ปีก่อนหน้า", D(2023, 1, 1))]


@pytest.mark.parametrize("text, expected", [
    ("การส่งออกเดือนเมษายน 2568 สูงกว่าช่วงเวลาเดียวกันของปีก่อนร้อยละ 11.0",
     ("ช่วงเวลาเดียวกันของปีก่อน", D(2024, 4, 1), D(2024, 4, 30), "month")),
    ("รายได้ 7 เดือนแรกของปีงบประมาณ 2568 สูงกว่าช่วงเดียวกันของปีก่อน 47,325 ล้านบาท",
     ("ช่วงเดียวกันของปีก่อน", D(2023, 10, 1), D(2024, 4, 30), "month")),
    ("ในช่วง 4 เดือนแรกของปี 2568 การค้าเพิ่มขึ้นจากช่วงเดียวกันของปี 2567",
     ("ช่วงเดียวกันของปี 2567", D(2024, 1, 1), D(2024, 4, 30), "month")),
    ("ยอดขายสูงกว่าช่วงเดียวกันของปีก่อน", ("ช่วงเดียวกันของปีก่อน", D(2024, 1, 1), D(2024, 12, 31), "year")),
    ("สินเชื่อไตรมาส 1 ปี 2568 เพิ่มขึ้นเมื่อเทียบกับระยะเวลาเดียวกันของปีก่อน",
     ("ระยะเวลาเดียวกันของปีก่อน", D(2024, 1, 1), D(2024, 3, 31), "quarter")),
    ("ยอดส่งออกเดือนเมษายน 2568 สูงกว่าช่วงเดียวกันของปีนี้",  # "this year": the period itself, not a year back
     ("ช่วงเดียวกันของปีนี้", D(2025, 4, 1), D(2025, 4, 30), "month")),
])
def test_the_same_period_last_year_is_the_period_spoken_of_a_year_earlier(text, expected):
    m = find_dates(text, PUBLISHED)[-1]
    assert (m.text, m.start_date, m.end_date, m.granularity, m.relative) == (*expected, True)


def test_years_in_a_budget_table_are_fiscal_years():
    text = "วงเงินงบประมาณ (ล้านบาท) 2569 699,581,955 2570 363,848,772 ปี 2571-2572 820,313,592 รวม"
    assert [(m.text, m.start_date, m.end_date, m.granularity) for m in find_dates(text, PUBLISHED)] == [
        ("2569", D(2025, 10, 1), D(2026, 9, 30), "fiscal_year"), ("2570", D(2026, 10, 1), D(2027, 9, 30), "fiscal_year"),
        ("ปี 2571-2572", D(2027, 10, 1), D(2029, 9, 30), "fiscal_year")]


def test_a_month_coordinated_with_a_later_period_takes_its_year():
    text = "การส่งออกประจำเดือนพฤศจิกายน และ 11 เดือนแรกของปี 2567 เทียบกับเดือนเดียวกันของปีก่อน"
    assert [(m.text, m.start_date, m.end_date) for m in find_dates(text, D(2025, 1, 28))] == [
        ("เดือนพฤศจิกายน", D(2024, 11, 1), D(2024, 11, 30)), ("11 เดือนแรกของปี 2567", D(2024, 1, 1), D(2024, 11, 30)),
        ("เดือนเดียวกันของปีก่อน", D(2023, 11, 1), D(2023, 11, 30))]


@pytest.mark.parametrize("text, expected", [
    ("ในปี 2567 การส่งออกขยายตัวจากปีที่ผ่านมาร้อยละ 3", D(2023, 1, 1)),  # compared with the year before 2024
    ("มูลค่าในปีที่ผ่านมาสูงถึง 1,200 ล้านบาท เติบโตจากปีก่อนหน้าถึง 25%", D(2023, 1, 1)),  # the year before that
    ("ปีที่แล้วจัดเก็บได้ 170 ล้านบาท เพิ่มขึ้นจากปีก่อน ร้อยละ 4", D(2024, 1, 1)),  # the same last year
])
def test_a_year_compared_with_counts_from_the_year_spoken_of(text, expected):
    assert find_dates(text, PUBLISHED)[-1].start_date == expected


@pytest.mark.parametrize("text, expected", [
    ("ในช่วง 3 ปีที่ผ่านมา", (D(2022, 5, 20), PUBLISHED, "year")),  # up to the publication date
    ("ตลอด 8 ปีที่ผ่านมา", (D(2017, 5, 20), PUBLISHED, "year")),
    ("ระยะเวลา 1 เดือนที่ผ่านมา", (D(2025, 4, 20), PUBLISHED, "month")),
    ("ในห้วง 2-3 สัปดาห์ที่ผ่านมา", (D(2025, 4, 29), PUBLISHED, "day")),
    ("ภายใน 3 ปีข้างหน้า", (PUBLISHED, D(2028, 5, 19), "year")),  # three years from the publication date
    ("ในอีก 5 ปีข้างหน้า", (PUBLISHED, D(2030, 5, 19), "year")),
    ("เมื่อ 6 - 7 เดือนก่อน", (D(2024, 10, 1), D(2024, 11, 30), "month")),  # those two months
])
def test_periods_counted_from_the_publication_date(text, expected):
    assert one(text) == (*expected, True)


def test_a_period_takes_the_years_stated_for_it():
    found = find_dates("ในช่วง 5 ปีที่ผ่านมา (พ.ศ. 2563 – 2567) การค้ารวม", PUBLISHED)
    assert [(m.text, m.start_date, m.end_date, m.relative) for m in found] == [
        ("5 ปีที่ผ่านมา", D(2020, 1, 1), D(2024, 12, 31), True), ("พ.ศ. 2563 – 2567", D(2020, 1, 1), D(2024, 12, 31), False)]


def test_a_date_to_the_present_ends_today():
    [m] = find_dates("ดำเนินการต่อเนื่องจากปี 2557 - ปัจจุบัน พบว่า", PUBLISHED)
    assert (m.text, m.start_date, m.end_date, m.granularity, m.relative) == (
        "ปี 2557 - ปัจจุบัน", D(2014, 1, 1), PUBLISHED, "year", True)


def test_last_night_of_a_stated_date_is_that_date_only():
    found = find_dates("เหตุเกิดเมื่อคืนวันที่ 7 สิงหาคม 2568 ที่ผ่านมา", D(2025, 8, 9))
    assert [(m.text, m.start_date) for m in found] == [("วันที่ 7 สิงหาคม 2568", D(2025, 8, 7))]


def test_weekdays_this_next_and_last():
    text = "ไปวันเสาร์นี้ กลับวันจันทร์หน้า ประชุมวันอังคารที่ผ่านมา ทุกวันพุธนี้ และนำคณะทูตลงพื้นที่ ศุกร์นี้"
    assert [(m.text, m.start_date, m.relative) for m in find_dates(text, PUBLISHED)] == [  # a Tuesday
        ("วันเสาร์นี้", D(2025, 5, 24), True), ("วันจันทร์หน้า", D(2025, 5, 26), True),
        ("วันอังคารที่ผ่านมา", D(2025, 5, 13), True), ("ศุกร์นี้", D(2025, 5, 23), True)]


@pytest.mark.parametrize("text, expected", [
    ("รับสมัครตั้งแต่วันที่ 1 สิงหาคม 2568 เวลา 08.30 น. ถึงวันที่ 5 สิงหาคม 2568 เวลา 16.30 น.",
     [("วันที่ 1 สิงหาคม 2568 เวลา 08.30 น. ถึงวันที่ 5 สิงหาคม 2568", D(2025, 8, 1), D(2025, 8, 5), "08:30")]),
    ("ตั้งแต่เวลา 18.00 น. วันพฤหัสบดีที่ 14 สิงหาคม 2568 ถึงเวลา 06.00 น. วันนี้ (วันศุกร์ที่ 15 สิงหาคม 2568) ปกติ",
     [("วันพฤหัสบดีที่ 14 สิงหาคม 2568 ถึงเวลา 06.00 น. วันนี้ (วันศุกร์ที่ 15 สิงหาคม 2568)",
       D(2025, 8, 14), D(2025, 8, 15), "18:00")]),
    # a clock time on each side of the joining word: still one range
    ("ตั้งแต่วันที่ 14 ส.ค. 68 เวลา 20.00 น.ถึงเวลา 06.00 น.ของวันที่ 15 ส.ค. 68 เพื่อปรับปรุงระบบ",
     [("วันที่ 14 ส.ค. 68 เวลา 20.00 น.ถึงเวลา 06.00 น.ของวันที่ 15 ส.ค. 68", D(2025, 8, 14), D(2025, 8, 15), "20:00")]),
    ("วันพฤหัสบดีที่ 14 – วันศุกร์ที่ 15 สิงหาคม 2568", [("วันพฤหัสบดีที่ 14 – วันศุกร์ที่ 15 สิงหาคม 2568", D(2025, 8, 14),
                                                   D(2025, 8, 15), None)]),
    # a time span on one day, then another day: two mentions
    ("วันที่ 14 สิงหาคม 2568 เวลา 09.00 - 16.00 น. วันที่ 15 สิงหาคม 2568",
     [("วันที่ 14 สิงหาคม 2568", D(2025, 8, 14), D(2025, 8, 14), "09:00"),
      ("วันที่ 15 สิงหาคม 2568", D(2025, 8, 15), D(2025, 8, 15), None)]),
])
def test_ranges_with_clock_times(text, expected):
    assert [(m.text, m.start_date, m.end_date, m.time) for m in find_dates(text, D(2025, 8, 15))] == expected


def test_a_joined_range_keeps_the_source_digits():
    [m] = find_dates("ตั้งแต่วันนี้ จนถึงวันที่ ๒๐ สิงหาคม ๒๕๖๘", D(2025, 8, 15))
    assert m.text == "วันนี้ จนถึงวันที่ ๒๐ สิงหาคม ๒๕๖๘" and m.end_date == D(2025, 8, 20)


def test_the_same_day_and_the_next_day_follow_the_day_mentioned_before():
    text = "เดินทางถึงเมื่อวันที่ 14 พฤษภาคม 2568 และกลับถึงไทยในวันเดียวกัน ส่วนวันรุ่งขึ้นมีประชุม"
    assert [(m.text, m.start_date, m.relative) for m in find_dates(text, PUBLISHED)] == [
        ("วันที่ 14 พฤษภาคม 2568", D(2025, 5, 14), False), ("วันเดียวกัน", D(2025, 5, 14), True),
        ("วันรุ่งขึ้น", D(2025, 5, 15), True)]


def test_today_is_the_day_the_news_text_dates_itself():
    # published two days after the event: "วันนี้" in the report means the event's day
    text = "ข่าวกระทรวง\nวันที่ 18 พฤษภาคม 2568 รัฐมนตรีลงพื้นที่ และกล่าวว่าการลงพื้นที่ในวันนี้เป็นการบูรณาการ"
    assert [(m.text, m.start_date) for m in find_dates(text, PUBLISHED)] == [
        ("วันที่ 18 พฤษภาคม 2568", D(2025, 5, 18)), ("วันนี้", D(2025, 5, 18))]
    far = "ข่าวกระทรวง\nวันที่ 1 มกราคม 2568 เป็นวันหยุด วันนี้มีประชุม"  # not a dateline: months before
    assert find_dates(far, PUBLISHED)[-1].start_date == PUBLISHED
    # the body repeats the headline over two lines before its dateline
    repeated = "ประชุมรัฐมนตรีไทย – จีน ครั้งที่ 2 ปูทางความร่วมมือ\nประชุมรัฐมนตรีไทย – จีน ครั้งที่ 2\n" \
               "ปูทางความร่วมมือ\nเมื่อวันที่ 18 พฤษภาคม 2568 ณ โรงแรม ... การประชุมวันนี้ราบรื่น"
    assert find_dates(repeated, PUBLISHED)[-1].start_date == D(2025, 5, 18)


def test_a_digest_resolves_relative_words_against_each_day_header():
    text = ("สรุปสถานการณ์\nวันที่ 3 กันยายน 2568\nรายงานว่าวานนี้พบระเบิด\n\u200b\n"
            "วันที่ 29 สิงหาคม 2568\nรายงานสถานการณ์เช้านี้ และพรุ่งนี้จะประชุม")
    assert [(m.text, m.start_date) for m in find_dates(text, D(2025, 9, 3)) if m.relative] == [
        ("วานนี้", D(2025, 9, 2)), ("เช้านี้", D(2025, 8, 29)), ("พรุ่งนี้", D(2025, 8, 30))]


def test_end_of_month_is_its_last_day_and_now_only_starts_a_range():
    assert one("เบิกจ่ายสะสมจนถึงสิ้นเดือนเมษายน 2568") == (D(2025, 4, 30), D(2025, 4, 30), "day", False)
    [m] = find_dates("ตั้งแต่บัดนี้จนถึงวันที่ 30 เมษายน 2568", D(2025, 3, 16))
    assert (m.text, m.start_date, m.end_date) == ("บัดนี้จนถึงวันที่ 30 เมษายน 2568", D(2025, 3, 16), D(2025, 4, 30))
    assert find_dates("ณ บัดนี้ ยังไม่มีข้อสรุป", PUBLISHED) == []


@pytest.mark.parametrize("text, year", [
    ("งาน Bangkok Pride Festival 2025 ยืนยัน", 2025), ("โครงการสำมะโนประชากรและเคหะ 2568 นอกจากนี้", 2025),
    ("การประชุมครั้งที่ 1/2568 โดยมี", 2025), ("ASEAN 2045: Our Shared Future", 2045),
])
def test_a_year_written_alone_is_a_year(text, year):
    assert one(text, None) == (D(year, 1, 1), D(year, 12, 31), "year", False)


def test_relative_without_publication_date_is_kept_unresolved():
    [m] = find_dates("วันนี้")
    assert (m.start_date, m.end_date, m.relative) == (None, None, True)


def test_law_number_keeps_only_its_year():
    text = "พระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์ (ฉบับที่ 2) พ.ศ. 2560"
    assert [(m.text, m.granularity, m.start_date) for m in find_dates(text)] == [
        ("พ.ศ. 2560", "year", D(2017, 1, 1))]


@pytest.mark.parametrize("text", [
    "ระยะเวลา 2 ปี", "3 ปี", "18 เดือน", "อายุ 65 ปี", "อายุ 15 ปี 11 เดือน", "ครั้งที่ 2", "ปีที่ 2",
    "จำนวน 2,568 คน", "งบประมาณ 2568 ล้านบาท", "ทุกวันนี้", "ข้อ 1.2.3",
    "เวลา 10.30 น.", "ร้อยละ 14.5", "กม.ที่ 18 - 41", "https://x.th/press-03-04-2025", "ทศวรรษที่ 2",
    "สำนักงาน ก.พ. แจ้ง", "ในเร็ววันนี้", "จำนวน 2568 คน", "โทร 0 2617 7300", "ราคา 2500 ต่อชุด",
    "รหัส ISO 14064-1:2018", "ข้อ 2560.1", "วันที่ 5 กรกฎาคม ของทุกปี", "เดือนมกราคมและเดือนกรกฎาคม - ธันวาคม ของแต่ละปี",
    "ทุกวันจันทร์นี้", "รถจักรยานยนต์ 2500 CC.", "เครื่องยนต์ 1500 ซีซี",
])
def test_not_dates(text):
    assert find_dates(text, PUBLISHED) == []


def test_sample_article_dates_exact(shared_data, sample_text):
    gold = json.loads((shared_data / "seed_gold.json").read_text(encoding="utf-8"))["dates"]
    found = [(m.start, m.end, str(m.start_date), str(m.end_date), m.granularity) for m in find_dates(sample_text)]
    assert found == [(g["start"], g["end"], g["start_date"], g["end_date"], g["granularity"]) for g in gold]


_ALPHABET = st.sampled_from(list("0123456789๑๒๕๖๘ -–/.:()\n") + [
    "พฤษภาคม", "พ.ค.", "พค", "ปี", "พ.ศ.", "ค.ศ.", "วันที่", "วันพุธที่", "ถึง", "จนถึง", "เดือน", "นี้",
    "ที่ผ่านมา", "ไตรมาส", "ปีงบประมาณ", "ทศวรรษ", "วันนี้", "เมื่อวาน", "สัปดาห์หน้า", "ครึ่งปีแรก", "Q",
    "May", "สงกรานต์", "เดือนแรก", "ของ", "เวลา", "น.", "กขค"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.none() | st.dates(D(1900, 1, 1), D(2100, 12, 31)))
def test_never_raises_and_spans_are_inside_and_disjoint(text, published):
    found = find_dates(text, published)
    last_end = 0
    for m in found:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start_date is None or m.start_date <= m.end_date
        last_end = m.end


@pytest.mark.parametrize("text, expected", [
    ("ตั้งแต่วันนี้ (15 ส.ค. 68) ถึง 20 ส.ค. 68 สมัครได้",
     ("วันนี้ (15 ส.ค. 68) ถึง 20 ส.ค. 68", D(2025, 8, 15), D(2025, 8, 20))),
    ("ตั้งแต่วันพรุ่งนี้ (16ส.ค.) ถึงวันที่ 9 กันยายนนี้",
     ("วันพรุ่งนี้ (16ส.ค.) ถึงวันที่ 9 กันยายน", D(2025, 8, 16), D(2025, 9, 9))),
    ("ตั้งแต่วันนี้ จนถึงสิ้นเดือนสิงหาคม 2568", ("วันนี้ จนถึงสิ้นเดือนสิงหาคม 2568", D(2025, 8, 15), D(2025, 8, 31))),
])
def test_a_relative_day_with_its_stated_date_starts_one_range(text, expected):
    [m] = find_dates(text, D(2025, 8, 15))
    assert (m.text, m.start_date, m.end_date, m.granularity, m.relative) == (*expected, "day", True)


@pytest.mark.parametrize("text, time", [
    ("เหตุเกิดเวลาประมาณ 18.00 นาฬิกา วันนี้ โดยคณะ", "18:00"),
    ("ช่วงเวลา 09.00 - 12.00 น. ของวันที่ 4 มิถุนายน 2568", "09:00"),  # a span: its first time
])
def test_a_clock_time_written_before_the_day_is_its_time(text, time):
    [m] = find_dates(text, PUBLISHED)
    assert m.time == time


def test_a_written_date_right_after_today_is_the_day_the_text_calls_today():
    text = "ข่าวกระทรวง\nนายกฯ แถลงวันนี้ (12 ส.ค.) ว่า พรุ่งนี้จะลงพื้นที่"
    assert [(m.text, m.start_date) for m in find_dates(text, D(2025, 8, 14))] == [
        ("วันนี้", D(2025, 8, 12)), ("12 ส.ค.", D(2025, 8, 12)), ("พรุ่งนี้", D(2025, 8, 13))]


@pytest.mark.parametrize("text", [
    "นั่นคือเหตุผลที่วันนี้ประเทศไทยมีจำนวนผู้ติดเชื้อรายใหม่ไม่ถึง 10 คนต่อวัน",
    "เรื่องเหล่านี้เป็นรากฐานของกรมการพัฒนาชุมชนที่วันนี้เราได้พัฒนาขึ้นมาอีกครั้งหนึ่ง",
])
def test_today_meaning_nowadays_is_not_a_date(text):
    assert find_dates(text, PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "ผมมีความยินดีที่วันนี้เราจะรับรองเอกสารร่วมกัน", "จากการลงพื้นที่วันนี้เราพบว่า",
    "ขณะที่วันนี้พบผู้ติดเชื้อรายใหม่",
])
def test_today_after_a_feeling_word_or_inside_a_word_is_today(text):
    assert one(text) == (PUBLISHED, PUBLISHED, "day", True)


@pytest.mark.parametrize("text, first, last", [
    ("นายกฯ ต้อนรับเดือนรอมฎอน ประจำฮิจเราะห์ศักราช 1446 ผมขอส่งความปรารถนาดี", D(2024, 7, 7), D(2025, 6, 25)),
    ("การประกอบพิธีฮัจย์ ประจำปี 2567 หรือฮิจเราะห์ศักราช (ฮ.ศ.) 1445 จะจัดขึ้น", D(2023, 7, 19), D(2024, 7, 6)),
    ("เดือนรอมฎอนอันประเสริฐ ฮ.ศ. ๑๔๔๕", D(2023, 7, 19), D(2024, 7, 6)),
])
def test_a_hijri_year_is_the_gregorian_range_of_that_year(text, first, last):
    m = find_dates(text, PUBLISHED)[-1]
    assert (m.start_date, m.end_date, m.granularity, m.relative) == (first, last, "year", False)


@pytest.mark.parametrize("text, published, day", [
    ("ในปี 2566 ชาวพุทธร่วมเวียนเทียนในวันมาฆบูชา", PUBLISHED, D(2023, 3, 6)),  # a leap-month year: month 4
    ("สถิติผู้เดินทางมากกว่าวันลอยกระทงปี 2565", PUBLISHED, D(2022, 11, 8)),
    ("เนื่องในวันวิสาขบูชา พุทธศักราช ๒๕๖๔ ณ ทำเนียบรัฐบาล", PUBLISHED, D(2021, 5, 26)),
    ("ขอเชิญร่วมทำบุญในวันอาสาฬหบูชาที่จะถึงนี้", PUBLISHED, D(2025, 7, 10)),
    ("ผู้ประกอบการเตรียมรับนักท่องเที่ยวในวันออกพรรษา", D(2023, 10, 26), D(2023, 10, 29)),
])
def test_a_lunar_holiday_is_its_day_in_the_year_meant(text, published, day):
    m = find_dates(text, published)[-1]
    assert (m.start_date, m.end_date, m.granularity) == (day, day, "day")


@pytest.mark.parametrize("text", ["ร่วมสืบสานวัฒนธรรมตลอดช่วงเข้าพรรษานี้", "ในช่วงวันเข้าพรรษา ขอให้งดเหล้า",
                                  "เทศกาลออกพรรษา", "ประเพณีลอยกระทง", "วันวิสาขบูชาของทุกปีเป็นวันต้นไม้"])
def test_a_holiday_season_or_every_years_holiday_is_not_a_date(text):
    assert find_dates(text, PUBLISHED) == []


def test_a_holiday_whose_day_is_written_after_it_is_that_written_date():
    text = "ทำบุญเนื่องในวันอาสาฬหบูชา ในวันพฤหัสบดีที่ 10 กรกฎาคม 2568 และ วันเข้าพรรษา 11 กรกฎาคม 2568"
    assert [(m.text, m.start_date) for m in find_dates(text, PUBLISHED)] == [
        ("วันพฤหัสบดีที่ 10 กรกฎาคม 2568", D(2025, 7, 10)), ("11 กรกฎาคม 2568", D(2025, 7, 11))]
    other = "หยุดวันอาสาฬหบูชา และวันพุธที่ 28 กรกฎาคม 2564"  # another day: both
    assert [(m.text, m.start_date) for m in find_dates(other, PUBLISHED)] == [
        ("วันอาสาฬหบูชา", D(2021, 7, 24)), ("วันพุธที่ 28 กรกฎาคม 2564", D(2021, 7, 28))]


def test_a_day_number_after_a_holidays_name_is_its_day_not_a_short_year():
    assert [(m.text, m.start_date) for m in find_dates("วันแม่แห่งชาติ 12 สิงหาคม 2568", PUBLISHED)] == [
        ("12 สิงหาคม 2568", D(2025, 8, 12))]
    assert one("วันแม่แห่งชาติ 68") == (D(2025, 8, 12), D(2025, 8, 12), "day", False)


@pytest.mark.parametrize("text, published, expected", [
    # a year spoken of in passing, decades back: the months are the current ones
    ("ดำเนินโครงการตั้งแต่ปี 2526 โดยทุกปีจะเริ่มรับสมัครในช่วงเดือนกันยายน", D(2025, 8, 24),
     ("เดือนกันยายน", D(2025, 9, 1), D(2025, 9, 30))),
    ("เปิดตลาด ปี 2569 - 2571 ราคาในช่วงฤดูฝน (ก.ค. - ธ.ค.) ไม่ต่ำกว่า 14 บาท", D(2025, 8, 3),
     ("ก.ค. - ธ.ค.", D(2025, 7, 1), D(2025, 12, 31))),
    # a passage year near publication still completes them
    ("การส่งออกในปี 2567 ช่วง ม.ค.-มิ.ย. ขยายตัว", D(2025, 5, 20), ("ม.ค.-มิ.ย.", D(2024, 1, 1), D(2024, 6, 30))),
])
def test_a_yearless_month_is_never_far_from_the_publication_date(text, published, expected):
    m = find_dates(text, published)[-1]
    assert (m.text, m.start_date, m.end_date) == expected


@pytest.mark.parametrize("text, year", [
    ("#สงกรานต์2568 #ปีใหม่ไทย", 2025), ("#SocialDevelopmentExpo2025", 2025), ("ประชุม GP2025 ณ นครเจนีวา", 2025),
    ("#APEC2022THAILAND", 2022), ("#กพร #2568", 2025),
])
def test_a_year_inside_a_hashtag_or_a_name_is_a_year(text, year):
    [m] = find_dates(text)
    assert (m.text, m.start_date, m.end_date, m.granularity) == (str(year + 543 if "25" in m.text[:2] else year),
                                                                 D(year, 1, 1), D(year, 12, 31), "year")


@pytest.mark.parametrize("text", [
    "https://www.instagram.com/apec2022th/", "ไอดี catny1992 ชักชวน", "รับฟรีกระเป๋า G2000", "จำนวน2568คน",
])
def test_numbers_in_addresses_user_names_and_models_are_not_years(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text, expected", [
    ("ตรวจได้ในวันที่ 8 และ 10 กันยายน 2563", [("วันที่ 8", D(2020, 9, 8)), ("10 กันยายน 2563", D(2020, 9, 10))]),
    ("มีเรียนในวันที่ 10, 11 และ 16 เมษายน 2564",
     [("วันที่ 10", D(2021, 4, 10)), ("11", D(2021, 4, 11)), ("16 เมษายน 2564", D(2021, 4, 16))]),
    ("หยุดชดเชยวันที่ 4 และ 7 ก.ย. 63", [("วันที่ 4", D(2020, 9, 4)), ("7 ก.ย. 63", D(2020, 9, 7))]),
    ("ข้อ 1, 2 และ 3 ม.ค.", [("3 ม.ค.", D(2025, 1, 3))]),  # a list that "วันที่" does not open: numbers
])
def test_each_day_of_a_list_takes_the_month_written_after_it(text, expected):
    assert [(m.text, m.start_date) for m in find_dates(text, PUBLISHED)] == expected


def test_a_range_of_days_ahead_starts_after_today():
    assert one("คาดการณ์ปริมาณน้ำ 1 - 9 วันข้างหน้า") == (D(2025, 5, 21), D(2025, 5, 29), "day", True)
    assert one("ในอีก 3 วันข้างหน้า") == (D(2025, 5, 20), D(2025, 5, 22), "day", True)  # n days from today


def test_a_dash_before_until_joins_a_relative_day_to_a_date():
    [m] = find_dates("เข้าชมได้ตั้งแต่วันนี้ - จนถึงวันที่ 21 มิถุนายน 2568", PUBLISHED)
    assert (m.text, m.start_date, m.end_date) == ("วันนี้ - จนถึงวันที่ 21 มิถุนายน 2568", PUBLISHED, D(2025, 6, 21))
