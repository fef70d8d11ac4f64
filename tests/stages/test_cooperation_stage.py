"""CooperationStage: offsets in the original text, pickling, empty input, a user taxonomy."""

from __future__ import annotations

import pickle
import textwrap

import pytest

from thai_extract.annotations import Entity

from thai_extract.stages.base import COOPERATION, SENTENCES
from thai_extract.stages.cooperation import CooperationStage, detector_input
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.stages.spelling import SpellingStage
from thai_extract.text.cooperation.taxonomy import TaxonomyError
from tests.conftest import make_doc


def run(text: str, stage: CooperationStage | None = None):
    doc = make_doc(text)
    for s in (NormalizeStage(), SpellingStage(), SegmentStage()):
        doc = s(doc)
    return (stage or CooperationStage())(doc)


def test_protocol():
    stage = CooperationStage()
    assert stage.name == "cooperation" and stage.needs == frozenset({SENTENCES})
    assert stage.provides == frozenset({COOPERATION})
    assert stage.config() == {"taxonomy": None, "parties": None, "paragraph_model": None, "learned": True}


def test_offsets_map_to_original(sample_text):
    doc = run(sample_text)
    assert doc.cooperation
    row = next(r for r in doc.cooperation if r.area == "defense")
    assert row.text == "การทหาร"                              # working text: the typo fixed
    assert doc.text[row.start:row.end] == "การหหาร"         # original offsets
    for r in doc.cooperation:
        assert 0 <= r.start < r.end <= len(doc.text)
        assert isinstance(list(r.parties), list) and list(r.parties) == sorted(list(r.parties))
        assert 0.0 < r.score <= 1.0


def test_pickle_roundtrip():
    stage = CooperationStage()
    again = pickle.loads(pickle.dumps(stage))
    assert len(pickle.dumps(stage)) < 500
    text = "ไทยและญี่ปุ่นจะขยายความร่วมมือด้านพลังงานสะอาด"
    assert run(text, again).cooperation == run(text, stage).cooperation


@pytest.mark.parametrize("text", ["", "   \n ", "abc"])
def test_empty_text(text):
    assert run(text).cooperation == []


def test_user_taxonomy_option(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(textwrap.dedent("""
        [context]
        cues = ["ความร่วมมือ"]
        [[area]]
        code = "rice"
        terms = ["ข้าว"]
        [[party]]
        code = "TH"
        kind = "country"
        terms = ["ไทย"]
        [[party]]
        code = "VN"
        kind = "country"
        terms = ["เวียดนาม"]
    """), encoding="utf-8")
    doc = run("ไทยกับเวียดนามขยายความร่วมมือด้านข้าว", CooperationStage(taxonomy=str(path)))
    assert [(r.area, list(r.parties)) for r in doc.cooperation] == [("rice", ["TH", "VN"])]
    bad = tmp_path / "bad.toml"
    bad.write_text("[[area]]\ncode = 'x'\nparent = 'y'\nterms = []\n", encoding="utf-8")
    with pytest.raises(TaxonomyError):
        CooperationStage(taxonomy=str(bad))


def test_detector_input_maps_spans_to_the_working_text(sample_text):
    doc = run(sample_text)  # the spelling stage rewrote "การหหาร": working and original offsets differ
    assert not doc.alignment.is_identity
    start, work_start = doc.text.index("การหหาร"), doc.work.index("การทหาร")
    doc.entities.append(Entity(start, start + 7, "การทหาร", "ORGANIZATION", None, 1.0, "test", work_start, work_start + 7))
    inp = detector_input(doc)
    assert [doc.work[s:e] for s, e in inp.sentences] == [s.text for s in doc.sentences]
    assert [doc.work[s:e] for s, e in inp.tokens] == [t.text for t in doc.tokens]
    assert [doc.work[e.start:e.end] for e in inp.entities] == ["การทหาร"]
    assert inp.to_original(*inp.sentences[-1]) == (doc.sentences[-1].start, doc.sentences[-1].end)


def test_rows_of_a_text_whose_working_text_is_shorter():
    text = "ไทย\u200bและญี่ปุ่น\u200bหารือความร่วมมือด้านพลังงาน\n\u200bทั้งสองฝ่ายจะร่วมมือด้านการค้า"
    doc = run(text)
    assert len(doc.work) < len(doc.text)
    inp = detector_input(doc)
    assert [doc.work[s:e] for s, e in inp.sentences] == [s.text for s in doc.sentences]
    assert [(doc.text[r.start:r.end], r.area, list(r.parties)) for r in doc.cooperation] == [
        ("พลังงาน", "energy", ["JP", "TH"]), ("การค้า", "trade", ["JP", "TH"])]
