"""Cooperation events: one per passage, with parties, areas, kind and the date it happened on."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError, dataclass

import pytest

from thai_extract.text.cooperation import (
    CooperationEvent,
    CooperationInput,
    cooperation_events,
    find_passages,
    load_taxonomy,
)
from thai_extract.text.cooperation.detector import Passage
from thai_extract.text.dates import find_dates

PUBLISHED = dt.date(2025, 5, 20)


@dataclass(frozen=True)
class Mention:
    """A date mention as the dates stage gives it (working-text offsets)."""

    start: int
    end: int
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str = "day"


def passage(start: int, end: int, kind: str | None = "meeting") -> Passage:
    return Passage(start, end, "x" * (end - start), ("JP", "TH"), ("trade",), kind, ())


def test_a_date_in_the_passage_dates_the_event():
    may14 = dt.date(2025, 5, 14)
    [event] = cooperation_events([passage(100, 200)], [Mention(120, 130, may14, may14)], PUBLISHED)
    assert (event.start_date, event.end_date, event.date_source) == (may14, may14, "text")
    assert (event.start, event.end, event.parties, event.areas, event.kind) == (100, 200, ("JP", "TH"), ("trade",), "meeting")


def test_without_a_date_in_the_passage_the_event_takes_the_publication_date():
    outside = Mention(10, 20, dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    [event] = cooperation_events([passage(100, 200)], [outside], PUBLISHED)
    assert (event.start_date, event.end_date, event.date_source) == (PUBLISHED, PUBLISHED, "published")
    [event] = cooperation_events([passage(100, 200)], [outside], None)
    assert (event.start_date, event.end_date, event.date_source) == (None, None, "none")


def test_a_day_beats_a_month_and_a_year_is_the_period_of_a_figure():
    year = Mention(105, 110, dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year")    # "ในปี 2567"
    month = Mention(111, 120, dt.date(2025, 2, 1), dt.date(2025, 2, 28), "month")
    days = Mention(150, 160, dt.date(2025, 2, 19), dt.date(2025, 2, 21), "day")      # "19 – 21 ก.พ."
    [event] = cooperation_events([passage(100, 200)], [days, month, year], PUBLISHED)
    assert (event.start_date, event.end_date) == (dt.date(2025, 2, 19), dt.date(2025, 2, 21))
    [event] = cooperation_events([passage(100, 200)], [year, month], PUBLISHED)
    assert event.start_date == dt.date(2025, 2, 1) and event.date_source == "text"
    [event] = cooperation_events([passage(100, 200)], [year], PUBLISHED)
    assert event.date_source == "published"


def test_unresolved_mentions_and_mentions_across_the_passage_end_are_skipped():
    unresolved = Mention(110, 120, None, None)
    straddling = Mention(195, 205, dt.date(2025, 3, 3), dt.date(2025, 3, 3))
    [event] = cooperation_events([passage(100, 200)], [unresolved, straddling], PUBLISHED)
    assert event.date_source == "published"


def test_one_event_per_passage_in_order_and_events_are_frozen():
    events = cooperation_events([passage(0, 50, None), passage(60, 90, "agreement")], [], PUBLISHED)
    assert [(e.start, e.kind) for e in events] == [(0, None), (60, "agreement")]
    with pytest.raises(FrozenInstanceError):
        events[0].kind = "visit"  # type: ignore[misc]
    assert cooperation_events([], [Mention(0, 5, PUBLISHED, PUBLISHED)], PUBLISHED) == []


def test_events_of_a_text_from_the_detector_and_the_date_finder():
    text = ("นายกรัฐมนตรีไทยพบหารือกับนายกรัฐมนตรีญี่ปุ่นเมื่อวันที่ 14 พฤษภาคม 2568\n"
            "ทั้งสองฝ่ายลงนามบันทึกความเข้าใจด้านพลังงานสะอาดและการลงทุน")
    tax = load_taxonomy()
    sentences = [(0, text.index("\n")), (text.index("\n") + 1, len(text))]
    passages = find_passages(CooperationInput(text, sentences), tax)
    [event] = cooperation_events(passages, find_dates(text, PUBLISHED), PUBLISHED)
    assert isinstance(event, CooperationEvent)
    assert event.parties == ("JP", "TH") and event.areas == ("energy", "investment")
    assert event.kind == "agreement"            # an MOU outranks the talks
    assert (event.start_date, event.date_source) == (dt.date(2025, 5, 14), "text")
    assert text[event.start:event.end] == event.text and event.start == 0


def lines(*paragraphs: str) -> CooperationInput:
    """A text of one-sentence paragraphs."""
    text = "\n".join(paragraphs)
    starts = [sum(len(p) + 1 for p in paragraphs[:k]) for k in range(len(paragraphs))]
    return CooperationInput(text, [(s, s + len(p)) for s, p in zip(starts, paragraphs)])


def test_a_courtesy_call_that_names_no_area_is_an_event_with_parties_and_no_areas():
    call = "นายกรัฐมนตรีให้การต้อนรับเอกอัครราชทูตโปแลนด์ประจำประเทศไทยในโอกาสเข้าเยี่ยมคำนับ"
    inp = lines(call, "จากนั้นนายกรัฐมนตรีเดินทางไปตรวจราชการที่จังหวัดเชียงใหม่")
    [event] = find_passages(inp, load_taxonomy())
    assert (event.text, event.parties, event.areas, event.kind, event.mentions) == (call, ("PL", "TH"), (), "visit", ())
    # a lead sentence that names no area still carries on into what the two sides agreed
    inp = lines(call, "ทั้งสองฝ่ายหารือความร่วมมือด้านการค้าและการลงทุน")
    [event] = find_passages(inp, load_taxonomy())
    assert event.start == 0 and event.areas == ("trade", "investment")


def test_talks_without_a_foreign_party_are_no_event():
    inp = lines("รัฐมนตรีว่าการกระทรวงมหาดไทยหารือกับผู้ว่าราชการจังหวัดเชียงใหม่", "ที่ประชุมเห็นชอบแผนงาน")
    assert find_passages(inp, load_taxonomy()) == []
