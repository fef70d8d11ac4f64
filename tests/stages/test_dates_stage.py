import datetime as dt
import pickle

from thai_extract.stages.base import DATES, WORKING_TEXT
from thai_extract.stages.dates import DatesStage
from thai_extract.stages.normalize import NormalizeStage
from tests.conftest import make_doc


def test_offsets_map_to_the_original_text_after_normalisation():
    text = "ประชุม\u200b\u200bเมื่อ\u00a0วันที่ 14\u00a0พฤษภาคม 2568 ที่ทำเนียบ"
    doc = DatesStage()(NormalizeStage()(make_doc(text)))
    [row] = doc.dates
    assert text[row.start:row.end] == "วันที่ 14\u00a0พฤษภาคม 2568"
    assert row.text == "วันที่ 14 พฤษภาคม 2568"  # as in the working text
    assert (row.start_date, row.end_date, row.granularity) == (dt.date(2025, 5, 14),) * 2 + ("day",)
    assert row.relative is False and row.time is None and row.sent_id is None  # the row builder fills it in


def test_relative_words_resolve_against_the_publication_date():
    doc = make_doc("เมื่อวานนี้ และสัปดาห์หน้า")
    doc.published = dt.date(2025, 1, 1)
    rows = DatesStage()(doc).dates
    assert [(r.start_date, r.end_date, r.granularity, r.relative) for r in rows] == [
        (dt.date(2024, 12, 31), dt.date(2024, 12, 31), "day", True),
        (dt.date(2025, 1, 6), dt.date(2025, 1, 12), "week", True)]


def test_stage_protocol_and_pickle_round_trip():
    stage = pickle.loads(pickle.dumps(DatesStage()))
    assert stage.name == "dates" and stage.needs == {WORKING_TEXT} and stage.provides == {DATES}
    assert stage.config() == {}
    assert len(stage(make_doc("ปี 2565")).dates) == 1
