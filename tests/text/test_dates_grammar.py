"""The date lexicon and the grammar built from it: extending the lexicon extends the grammar, and the
scanner's prefilter (derived from the grammar) never misses a place where a date can start."""

import dataclasses
import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thai_extract.resources import model_path
from thai_extract.text.dates import find_dates
from thai_extract.text.dates.grammar import build_grammar, grammar
from thai_extract.text.dates.lexicon import load_lexicon, parse_lexicon
from thai_extract.text.dates.triggers import prefilter


def test_the_packaged_lexicon_loads_once_and_holds_every_month():
    lexicon = load_lexicon()
    assert lexicon is load_lexicon()
    assert len(set(lexicon.month_number.values())) == 12
    assert lexicon.month_number["กรกฏาคม"] == 7  # a spelling in common use stays


def test_one_off_misspellings_are_not_in_the_lexicon():
    lexicon = load_lexicon()
    assert "พฤศจิกายม" not in lexicon.month_number and "เมื่อวานี้" not in lexicon.relative_days
    assert find_dates("เมื่อวานี้ ประชุม") == []  # nor is "เมื่อวาน" cut out of it


def test_a_word_added_to_the_lexicon_is_found_without_touching_the_grammar():
    lexicon = load_lexicon()
    extended = dataclasses.replace(lexicon, relative_days={**lexicon.relative_days, "วานซืนนี้": -2})
    g = build_grammar(extended)
    match = g.date_re.match("วานซืนนี้")
    assert match is not None and match["rd"] == "วานซืนนี้" and g.trigger_re.match("วานซืนนี้")


def test_a_broken_lexicon_is_refused_with_the_key_named():
    with open(model_path("dates", "lexicon.toml"), "rb") as fh:
        data = tomllib.load(fh)
    data["months"]["full"] = data["months"]["full"][:11]
    with pytest.raises(ValueError, match="months.full"):
        parse_lexicon(data)


@pytest.mark.parametrize("pattern, text", [
    (r"(?:ab|c\d)?x", "zzcx c1x abx x"),
    (r"(?<!\d)\d\d(?!\d)", "a 12 345 6"),
    (r"(?i:may)\s\d", "MAY 1, May 2, mAy 3"),
    (r"วัน(?:นี้|ที่)|\d+", "เมื่อวันนี้ วันที่ 4"),
])
def test_the_prefilter_matches_wherever_the_pattern_can_start(pattern, text):
    compiled, filtered = re.compile(pattern), prefilter(pattern)
    starts = [i for i in range(len(text) + 1) if compiled.match(text, i)]
    assert starts and all(filtered.match(text, i) for i in starts)


_ALPHABET = st.sampled_from(list("0123456789 -–/.:()#\nABQ") + [
    "พฤษภาคม", "พ.ค.", "พค", "ม.ค.", "ปี", "พ.ศ.", "ฮ.ศ.", "วันที่", "วันพุธที่", "ถึง", "เดือน", "นี้", "ที่ผ่านมา",
    "ไตรมาส", "ปีงบประมาณ", "ทศวรรษ", "วันนี้", "เมื่อวาน", "สัปดาห์หน้า", "ครึ่งปีแรก", "May", "sept", "วันสงกรานต์",
    "วันมาฆบูชา", "เดือนแรก", "ของ", "เวลา", "น.", "สาม", "อีก", "ช่วงเดียวกัน", "วันเดียวกัน", "กขค"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=25).map("".join))
def test_the_date_grammar_never_starts_where_its_prefilter_does_not(text):
    g = grammar()
    for i in range(len(text)):
        if g.date_re.match(text, i):
            assert g.trigger_re.match(text, i), (text, i)
