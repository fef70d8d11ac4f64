"""The cooperation paragraph model: its features, and how the detector acts on its probabilities."""

from __future__ import annotations

import json

import pytest

from thai_extract.errors import ResourceNotFoundError
from thai_extract.stages.cooperation import CooperationStage, detector_input
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.text.cooperation.detector import find_cooperation, rule_rows
from thai_extract.text.cooperation.paragraphs import ParagraphModel, paragraph_features, paragraphs
from thai_extract.text.cooperation.reading import CooperationInput, EntitySpan, marked_sentences
from thai_extract.text.cooperation.taxonomy import cached_taxonomy
from tests.conftest import make_doc

MEETING = "ไทยและญี่ปุ่นลงนามความร่วมมือด้านพลังงาน"   # the rules find this one
TALKS = "ไทยและเวียดนามหารือความร่วมมือด้านการค้า"      # ...and this one
PASSING = "ญี่ปุ่นมีชื่อเสียงด้านการท่องเที่ยว"           # no cue: the rules leave it out
DOMESTIC = "รัฐบาลลดภาษีเพื่อกระตุ้นการท่องเที่ยว"        # an area, but no party anywhere
HEADLINE = "นายกรัฐมนตรีเดินทางไปจังหวัดเชียงใหม่"       # no area, no cue: the text is not cooperation news


def segmented(text: str):
    doc = make_doc(text)
    for stage in (NormalizeStage(), SegmentStage()):
        doc = stage(doc)
    return detector_input(doc)


def model(**weights: float) -> ParagraphModel:
    return ParagraphModel(weights, intercept=0.0, rescue=0.6, veto=0.1)


def test_paragraph_features_read_words_marks_and_where_the_rule_rows_are():
    inp = segmented(f"{HEADLINE}\n{MEETING}\n{PASSING}")
    tax = cached_taxonomy()
    sents = marked_sentences(inp, tax)
    paras = paragraphs(sents)
    assert [inp.work[p.start:p.end] for p in paras] == [HEADLINE, MEETING, PASSING]
    rows = sorted((m.work_start, m.work_end) for m in find_cooperation(inp, tax))
    headline, meeting, passing = (paragraph_features(inp, sents, paras, k, rows, tax.home) for k in range(3))
    assert headline["bias_headline"] == 1.0 and {"next_rule", "gap=near"} <= set(headline) and "m=area" not in headline
    assert {"m=cue", "m=foreign", "m=area", "rule", "gap=in", "doc_rule"} <= set(meeting)
    assert "w=ญี่ปุ่น" in passing and "m=cue" not in passing and "rule" not in passing
    assert {"m=area", "m=foreign", "prev_rule", "gap=near"} <= set(passing) and "headline_rule" not in passing


def test_a_likely_paragraph_the_rules_left_out_gets_its_area_terms_and_the_parties_it_names():
    inp, tax = segmented(PASSING), cached_taxonomy()
    assert find_cooperation(inp, tax) == []
    rows = find_cooperation(inp, tax, model(**{"m=area": 5.0}))
    assert [(r.text, r.area, r.parties) for r in rows] == [("การท่องเที่ยว", "tourism", ("JP", "TH"))]
    assert rows[0].score == pytest.approx(0.993, abs=1e-3)   # the model's probability


def test_a_rescued_paragraph_that_names_no_party_takes_those_of_the_nearest_passage():
    inp, tax = segmented(f"{HEADLINE}\n{MEETING}\n{DOMESTIC}"), cached_taxonomy()
    assert [r.area for r in find_cooperation(inp, tax)] == ["energy"]
    rows = find_cooperation(inp, tax, model(**{"m=area": 5.0}))
    assert [(r.area, r.parties) for r in rows] == [("energy", ("JP", "TH")), ("tourism", ("JP", "TH"))]
    alone = segmented(DOMESTIC)   # no party named anywhere: not cooperation between countries
    assert find_cooperation(alone, tax, model(**{"m=area": 5.0})) == []


def test_next_to_a_passage_of_several_countries_a_rescued_paragraph_takes_the_main_partner():
    roundtable = "ไทยหารือกับญี่ปุ่น จีน และเวียดนามเรื่องความร่วมมือด้านการค้า"   # the nearest passage
    signing = "ไทยและญี่ปุ่นลงนามความร่วมมือด้านพลังงานและการลงทุน"          # Japan: the most rows
    inp = segmented(f"{HEADLINE}\nจากนั้นนายกรัฐมนตรีเดินทางต่อ\n{DOMESTIC}\n{roundtable}\n{signing}")
    rows = find_cooperation(inp, cached_taxonomy(), model(**{"m=area": 5.0}))
    assert [(r.area, r.parties) for r in rows] == [
        ("tourism", ("JP", "TH")), ("trade", ("CN", "JP", "TH", "VN")), ("energy", ("JP", "TH")), ("investment", ("JP", "TH"))]


def test_an_unlikely_paragraph_loses_the_rows_the_rules_gave_it():
    inp, tax = segmented(f"{MEETING}\n{TALKS}"), cached_taxonomy()
    assert len(find_cooperation(inp, tax)) == 2
    assert find_cooperation(inp, tax, model(rule=-5.0, bias_headline=10.0)) == find_cooperation(inp, tax)[:1]


def test_the_stage_uses_the_shipped_model_unless_told_not_to(tmp_path):
    assert CooperationStage().model is not None and CooperationStage(learned=False).model is None
    with pytest.raises(ResourceNotFoundError, match="thai-extract train cooperation"):
        CooperationStage(paragraph_model=str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a cooperation paragraph model"):
        CooperationStage(paragraph_model=str(bad))


def test_a_model_saved_is_the_model_loaded(tmp_path):
    saved = ParagraphModel({"m=cue": 1.5, "w=ญี่ปุ่น": -0.25}, -1.0, 0.6, 0.1, {"paragraphs": 3})
    saved.save(tmp_path / "paragraphs.json")
    loaded = ParagraphModel.load(tmp_path / "paragraphs.json")
    assert loaded == saved
    assert loaded.probability({"m=cue": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -0.5))


def test_the_model_reads_the_sentences_as_marked_in_training_and_at_run_time_alike():
    # the rules give a ministry's meeting the ministry's sector; the sentences the model reads keep
    # their own marks (no area named), in training (rule_rows) as in the detector
    text = "รัฐมนตรีว่าการกระทรวงแรงงานหารือกับเอกอัครราชทูตสาธารณรัฐเกาหลีเรื่องความร่วมมือ"
    ministry, korea = text.index("กระทรวงแรงงาน"), text.index("สาธารณรัฐเกาหลี")
    inp = CooperationInput(text, entities=[EntitySpan(ministry, ministry + len("กระทรวงแรงงาน"), "ORGANIZATION"),
                                           EntitySpan(korea, korea + len("สาธารณรัฐเกาหลี"), "LOCATION", "KR")])
    tax = cached_taxonomy()
    sents, rows = rule_rows(inp, tax)
    assert [r.area for r in find_cooperation(inp, tax)] == ["labour"]
    assert rows == [(ministry + len("กระทรวง"), ministry + len("กระทรวงแรงงาน"))]
    assert sents[0].areas == [] and [code for *_, code in sents[0].agency_areas] == ["labour"]
