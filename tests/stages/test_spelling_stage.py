import json
import pickle

import pytest

from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.spelling import SpellingStage
from tests.conftest import make_doc


@pytest.fixture(scope="module")
def stage():
    return SpellingStage()


def test_sample_article_gets_exactly_the_gold_corrections(stage, sample_text):
    doc = stage(NormalizeStage()(make_doc(sample_text)))
    got = sorted((c.start, c.end, c.original, c.text) for c in doc.corrections if c.applied)
    # the two typos and the bonus real-word error "ในฐานประธาน" -> "ในฐานะประธาน", nothing else
    assert got == [(841, 845, "หหาร", "ทหาร"), (1958, 1961, "ฐาน", "ฐานะ"), (2409, 2416, "ระหส่าง", "ระหว่าง")]
    for c in doc.corrections:
        assert doc.text[c.start:c.end] == c.original
        assert 0.0 <= c.score <= 1.0 and c.method
    assert "การทหาร" in doc.work and "ระหว่างสหรัฐฯ" in doc.work
    assert "วลาร์ดิมีร์" in doc.work  # a name is never "fixed"


def test_offsets_map_back_to_the_original(stage):
    doc = stage(make_doc("ความร่วมมือด้านการหหาร และอื่นๆ"))
    i = doc.work.index("ทหาร")
    assert doc.to_original(i, i + 4) == (18, 22)
    assert doc.text[18:22] == "หหาร"
    j = doc.work.index("และ")
    assert doc.text[slice(*doc.to_original(j, j + 3))] == "และ"


def test_names_latin_and_numbers_are_untouched(stage):
    text = "ประธานาธิบดีวลาร์ดิมีร์ ปูติน พบ Mikhail Mishustin เมื่อ 14 พฤษภาคม 2568 ที่ KazanForum www.thaigov.go.th"
    doc = stage(make_doc(text))
    assert doc.work == text and doc.corrections == []


def test_allow_list_protects_a_word(tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("# ours\nหหาร\n", encoding="utf-8")
    doc = SpellingStage(allow_list=allow)(make_doc("ความร่วมมือด้านการหหาร"))
    assert doc.work == "ความร่วมมือด้านการหหาร"


def test_threshold_only_reports(sample_text):
    doc = SpellingStage(threshold=1.0)(make_doc(sample_text))
    assert doc.work == sample_text and doc.alignment.is_identity
    assert doc.corrections and not any(c.applied for c in doc.corrections)


def test_pickle_round_trip_and_config(stage):
    data = pickle.dumps(stage)
    assert len(data) < 2000
    again = pickle.loads(data)
    assert again.config() == stage.config()
    json.dumps(again.config())
    assert again(make_doc("การหหาร")).work == "การทหาร"


def test_empty_and_latin_only_text(stage):
    assert stage(make_doc("")).work == ""
    assert stage(make_doc("hello 123")).corrections == []


def test_bad_threshold():
    with pytest.raises(ValueError):
        SpellingStage(threshold=2)
