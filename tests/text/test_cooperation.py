"""Cooperation areas and parties: taxonomy validation, most specific codes, passages, parties."""

from __future__ import annotations

import json
import textwrap

import pytest

from thai_extract.stages.cooperation import CooperationStage
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.stages.spelling import SpellingStage
from thai_extract.text.cooperation.detector import CooperationInput, EntitySpan, find_cooperation, find_passages
from thai_extract.text.cooperation.rollup import summarise
from thai_extract.text.cooperation.taxonomy import TaxonomyError, area_parent, load_taxonomy, party_kinds, trie_pattern
from tests.conftest import make_doc

try:
    from thai_extract.stages.entities import EntitiesStage
except Exception:  # the entity stage is optional here
    EntitiesStage = None  # type: ignore[assignment,misc]


@pytest.fixture(scope="module")
def stages():
    chain = [NormalizeStage(), SpellingStage(), SegmentStage()]
    if EntitiesStage is not None:
        try:
            chain.append(EntitiesStage())
        except Exception:
            pass
    return chain


def run(stages, text: str, with_entities: bool = True, **kw):
    doc = make_doc(text)
    for stage in stages:
        if not with_entities and stage.name == "entities":
            continue
        doc = stage(doc)
    return CooperationStage(**kw)(doc)


def write(tmp_path, body: str, parties: str | None = None):
    path = tmp_path / "tax.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    ppath = None
    if parties is not None:
        ppath = tmp_path / "parties.toml"
        ppath.write_text(textwrap.dedent(parties), encoding="utf-8")
    return path, ppath


PARTIES = """
[meta]
home = "TH"
[[party]]
code = "TH"
kind = "country"
terms = ["ไทย"]
"""


def test_taxonomy_errors_all_reported(tmp_path):
    path, ppath = write(tmp_path, """
        [context]
        cues = ["ความร่วมมือ"]
        [[area]]
        code = "economy"
        terms = ["เศรษฐกิจ"]
        [[area]]
        code = "economy"
        terms = ["การค้า"]
        [[area]]
        code = "trade"
        parent = "econ"
        terms = ["ส่งออก"]
        [[area]]
        code = "empty"
        terms = []
        [[area]]
        code = "culture"
        terms = ["เศรษฐกิจ"]
    """, PARTIES)
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path, ppath)
    text = str(info.value)
    assert "duplicate code 'economy'" in text
    assert "unknown parent 'econ'" in text
    assert "code='empty'" in text and "terms is empty" in text
    assert "'เศรษฐกิจ' is also a term of 'economy' at the same specificity" in text
    assert str(path) in text and len(info.value.problems) >= 4


def test_taxonomy_party_errors(tmp_path):
    path, ppath = write(tmp_path, """
        [context]
        cues = ["ความร่วมมือ"]
        [[area]]
        code = "economy"
        terms = ["เศรษฐกิจ"]
    """, """
        [meta]
        home = "XX"
        [[party]]
        code = "THA"
        kind = "country"
        terms = ["ไทย"]
        [[party]]
        code = "MY"
        terms = []
    """)
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path, ppath)
    text = str(info.value)
    assert "two letters" in text and "home 'XX'" in text and "terms is empty" in text


def test_default_taxonomy_loads_and_rolls_up():
    tax = load_taxonomy()
    assert tax.areas["space"].parent == "technology"
    assert tax.rollup({"nuclear_energy", "digital"}) == {"nuclear_energy", "energy", "digital", "technology"}
    assert {"ASEAN", "BRICS", "ISLAMIC_WORLD", "MEKONG_LANCANG", "TH", "RU"} <= set(tax.parties)


def test_trie_pattern_longest_match():
    import re
    rx = re.compile(trie_pattern(["เทคโนโลยี", "เทคโนโลยีอวกาศ", "อวกาศ"]))
    assert [m.group() for m in rx.finditer("เทคโนโลยีอวกาศ และเทคโนโลยี")] == ["เทคโนโลยีอวกาศ", "เทคโนโลยี"]


@pytest.mark.parametrize("phrase, code", [
    ("เทคโนโลยีอวกาศ", "space"), ("อุตสาหกรรมอาหาร", "food_agriculture"), ("การทหาร", "defense"),
    ("พลังงานนิวเคลียร์", "nuclear_energy"), ("เทคโนโลยีอุตสาหกรรมอาหาร", "food_agriculture"),
    ("อุตสาหกรรมการท่องเที่ยว", "tourism"), ("ความปลอดภัยทางถนน", "transport"), ("คุณภาพอากาศ", "environment"),
    ("การเรียนการสอน", "education"), ("การปราบปรามสารเสพติด", "transnational_crime"),
    # a cue that names an area too: an FTA is trade
    ("ความตกลงการค้าเสรี", "trade"),
])
def test_most_specific_code(stages, phrase, code):
    doc = run(stages, f"ไทยและญี่ปุ่นจะขยายความร่วมมือด้าน{phrase}")
    assert [r.area for r in doc.cooperation] == [code]
    assert list(doc.cooperation[0].parties) == ["JP", "TH"]


def test_sample_article_passages(stages, shared_data, sample_text):
    gold = json.loads((shared_data / "seed_gold.json").read_text(encoding="utf-8"))["cooperation"]
    for with_entities in (True, False):
        doc = run(stages, sample_text, with_entities)
        for g in gold:
            hit = [r for r in doc.cooperation if r.start < g["end"] and r.end > g["start"]]
            assert sorted({r.area for r in hit}) == sorted(g["areas"]), g["text"]
            assert sorted({p for r in hit for p in list(r.parties)}) == sorted(g["parties"]), g["text"]
        inside = [r for r in doc.cooperation if any(r.start < g["end"] and r.end > g["start"] for g in gold)]
        assert len(inside) >= len(doc.cooperation) - 1  # one row outside: "รัสเซียเป็นมหาอำนาจที่มีเทคโนโลยี"


@pytest.mark.parametrize("text", [
    "รัฐบาลลดภาษีเพื่อกระตุ้นเศรษฐกิจ และส่งเสริมการท่องเที่ยวในประเทศ",
    "กระทรวงมหาดไทยขอความร่วมมือจากประชาชนช่วยกันประหยัดพลังงาน",
    "นายกรัฐมนตรีหารือกับกระทรวงการคลังเรื่องการลงทุนภาครัฐและเศรษฐกิจไทย",
    "จังหวัดเชียงใหม่ร่วมมือกับมหาวิทยาลัยพัฒนาการเกษตรและการท่องเที่ยวชุมชน",
])
def test_domestic_sentences_untagged(stages, text):
    assert run(stages, text).cooperation == []


def test_both_countries_resolved(stages):
    text = ("นายกรัฐมนตรีไทยพบกับนายกรัฐมนตรีเวียดนามที่กรุงฮานอย\n"
            "ทั้ง 2 ประเทศเห็นพ้องที่จะเพิ่มความร่วมมือด้านการค้าและการลงทุน")
    doc = run(stages, text)
    assert {r.area for r in doc.cooperation} == {"trade", "investment"}
    assert all(list(r.parties) == ["TH", "VN"] for r in doc.cooperation)


def test_single_foreign_party_gets_home(stages):
    doc = run(stages, "รองนายกรัฐมนตรีหารือกับเอกอัครราชทูตอินเดียเรื่องความร่วมมือด้านสาธารณสุข")
    assert [(r.area, list(r.parties)) for r in doc.cooperation] == [("health", ["IN", "TH"])]


def test_venues_and_nationalities_are_not_parties(stages):
    doc = run(stages, "ไทยหารือกับญี่ปุ่นเรื่องความร่วมมือด้านพลังงาน ณ นครเจนีวา และนักท่องเที่ยวชาวจีน")
    assert {tuple(list(r.parties)) for r in doc.cooperation} == {("JP", "TH")}


def test_talks_with_foreign_companies_alone_are_not_cooperation_between_countries(stages):
    assert run(stages, "รัฐมนตรีหารือกับภาคเอกชนเวียดนามเรื่องการลงทุนในไทย").cooperation == []


def test_a_news_text_about_cooperation_tags_the_sectors_it_lists(stages):
    text = ("ไทย-แคนาดา หารือขยายความร่วมมือทางเศรษฐกิจ\n"
            "ไทยเสนอโอกาสการลงทุนใน 3 สาขา ได้แก่\n1. พลังงานสะอาด\n2. อุตสาหกรรมเซมิคอนดักเตอร์\n"
            "3. เกษตรและอาหารแปรรูป")
    doc = run(stages, text)
    assert {r.area for r in doc.cooperation} == {"economy", "investment", "energy", "industry", "food_agriculture"}
    assert {tuple(list(r.parties)) for r in doc.cooperation} == {("CA", "TH")}


def test_the_headline_party_can_follow_the_cue(stages):
    doc = run(stages, "ปลัดกระทรวงประชุมหารือด้านความมั่นคงชายแดน หนุนเสริมความร่วมมือไทย-กัมพูชา")
    assert [(r.area, list(r.parties)) for r in doc.cooperation] == [("security", ["KH", "TH"])]


def test_a_party_name_inside_another_word_is_not_a_party(stages):
    doc = run(stages, "กระทรวงวัฒนธรรมร่วมกับวัดมังกรกมลาวาส สานสัมพันธ์ไทย-จีน ด้านวัฒนธรรม")
    assert [(r.area, list(r.parties)) for r in doc.cooperation] == [("culture", ["CN", "TH"])]


def test_rollup_summary():
    tables = {
        "cooperation": [
            {"doc_id": "d", "sent_id": 3, "start": 10, "end": 18, "text": "เศรษฐกิจ", "area": "economy",
             "parties": ["MY", "RU"], "score": 0.9},
            {"doc_id": "d", "sent_id": 4, "start": 30, "end": 36, "text": "อวกาศ", "area": "space",
             "parties": ["MY", "RU"], "score": 0.8},
        ],
        "dates": [{"doc_id": "d", "sent_id": 2, "start": 0, "end": 5, "text": "14 พฤษภาคม 2568",
                   "start_date": "2025-05-14", "end_date": "2025-05-14"}],
    }
    out = summarise(tables, "d")
    assert "MY, RU" in out and "economy" in out and "space" in out and "2025-05-14" in out
    assert "no cooperation" in summarise(tables, "other")


def test_detector_settings_are_checked_on_load(tmp_path):
    path, ppath = write(tmp_path, """
        [context]
        cues = ["ความร่วมมือ"]
        [detector]
        score_cue = 1.5
        party_lookback = "two"
        conflict = "ยิง"
        not_party_before = "(ณ"
        colour = 1
        [event_kinds]
        Visit = ["เยือน"]
        meeting = []
        [[area]]
        code = "economy"
        terms = ["เศรษฐกิจ"]
    """, PARTIES)
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path, ppath)
    text = str(info.value)
    assert "score_cue must be in (0, 1]" in text and "party_lookback must be an integer" in text
    assert "conflict must be a list of strings" in text and "not_party_before pattern '(ณ'" in text
    assert "unknown keys ['colour']" in text
    assert "kind 'Visit' must be lower_snake_case" in text and "meeting is empty" in text


def test_default_detector_settings_and_event_kinds():
    tax = load_taxonomy()
    assert tax.detector.list_sentence_chars == 120 and 0 < tax.detector.score_context < tax.detector.score_cue <= 1
    assert tax.detector.conflict.search("ปะทะกันที่ชายแดน") and tax.detector.not_party_before.search("ณ กรุง")
    assert list(tax.event_kinds)[:2] == ["agreement", "joint_statement"]
    assert tax.event_kind("ทั้งสองฝ่ายหารือกันก่อนลงนามบันทึกความเข้าใจ") == "agreement"   # the first kind listed wins
    assert tax.event_kind("นายกรัฐมนตรีเยือนญี่ปุ่นและหารือกับนายกรัฐมนตรีญี่ปุ่น") == "visit"
    assert tax.event_kind("ขยายความร่วมมือด้านการค้า") is None


def test_party_kinds_and_area_parents_for_the_output():
    assert party_kinds(["MY", "ASEAN", "ISLAMIC_WORLD", "XK"]) == ["country", "organisation", "organisation", "country"]
    assert area_parent("space") == "technology" and area_parent("economy") is None
    assert load_taxonomy().most_specific(["security", "economy", "defense", "economy"]) == ("economy", "defense")


def test_detector_input_in_working_offsets():
    text = "ไทยและญี่ปุ่นหารือความร่วมมือด้านพลังงาน ทั้งสองฝ่ายจะร่วมมือด้านการค้าและการลงทุน"
    shifted = lambda s, e: (s + 10, e + 10)  # noqa: E731  (an original text with 10 more characters in front)
    inp = CooperationInput(text, [(0, text.index(" ")), (text.index(" ") + 1, len(text))], to_original=shifted)
    rows = find_cooperation(inp, load_taxonomy())
    assert [(r.text, r.area, r.parties) for r in rows] == [
        ("พลังงาน", "energy", ("JP", "TH")), ("การค้า", "trade", ("JP", "TH")), ("การลงทุน", "investment", ("JP", "TH"))]
    assert all(r.start == r.work_start + 10 and text[r.work_start:r.work_end] == r.text for r in rows)
    [p] = find_passages(inp, load_taxonomy())
    assert (p.start, p.end, p.parties, p.areas, p.kind) == (0, len(text), ("JP", "TH"), ("energy", "trade", "investment"), "meeting")
    assert find_cooperation(CooperationInput("   "), load_taxonomy()) == []


def test_entities_block_areas_and_name_parties():
    text = "รัฐมนตรีว่าการกระทรวงแรงงานหารือกับเอกอัครราชทูตสาธารณรัฐเกาหลีเรื่องความร่วมมือ"
    ministry = text.index("กระทรวงแรงงาน")
    korea = text.index("สาธารณรัฐเกาหลี")
    entities = [EntitySpan(ministry, ministry + len("กระทรวงแรงงาน"), "ORGANIZATION"),
                EntitySpan(korea, korea + len("สาธารณรัฐเกาหลี"), "LOCATION", "KR")]
    rows = find_cooperation(CooperationInput(text + "ด้านการลงทุน", entities=entities), load_taxonomy())
    assert [(r.area, r.parties) for r in rows] == [("investment", ("KR", "TH"))]  # "แรงงาน" is the ministry's


def test_a_meeting_that_names_no_area_is_about_the_sector_of_the_ministry_that_meets():
    tax = load_taxonomy()
    text = "รัฐมนตรีว่าการกระทรวงแรงงานหารือกับเอกอัครราชทูตสาธารณรัฐเกาหลีเรื่องความร่วมมือ"
    ministry = text.index("กระทรวงแรงงาน")
    korea = text.index("สาธารณรัฐเกาหลี")
    entities = [EntitySpan(ministry, ministry + len("กระทรวงแรงงาน"), "ORGANIZATION"),
                EntitySpan(korea, korea + len("สาธารณรัฐเกาหลี"), "LOCATION", "KR")]
    rows = find_cooperation(CooperationInput(text, entities=entities), tax)
    assert [(r.text, r.area, r.parties) for r in rows] == [("แรงงาน", "labour", ("KR", "TH"))]
    # only the first sector of a ministry's name: the digital ministry is not an economy ministry
    digital = "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมหารือกับเอกอัครราชทูตสาธารณรัฐเกาหลี"
    ministry, korea = digital.index("กระทรวง"), digital.index("สาธารณรัฐเกาหลี")
    entities = [EntitySpan(ministry, ministry + len("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"), "ORGANIZATION"),
                EntitySpan(korea, korea + len("สาธารณรัฐเกาหลี"), "LOCATION", "KR")]
    assert [r.area for r in find_cooperation(CooperationInput(digital, entities=entities), tax)] == ["digital"]
    # without a foreign party it is the ministry's own business
    domestic = "รัฐมนตรีว่าการกระทรวงแรงงานหารือกับผู้ว่าราชการจังหวัดเรื่องความร่วมมือ"
    ministry = domestic.index("กระทรวงแรงงาน")
    entities = [EntitySpan(ministry, ministry + len("กระทรวงแรงงาน"), "ORGANIZATION")]
    assert find_cooperation(CooperationInput(domestic, entities=entities), tax) == []


@pytest.mark.parametrize("text", [
    # "มีความมั่นคง" is "stable", not security (a religious-ceremony release)
    "พระสงฆ์ไทยในออสเตรเลียร่วมมือกันเผยแผ่ศาสนา ทำให้ออสเตรเลียมีความมั่นคงทางจิตใจ",
    # "ถก" hides in "รถกระบะ"; the goats came from Myanmar (smuggling is not cooperation)
    "เจ้าหน้าที่พบรถกระบะบรรทุกแพะจากเมียนมา สินค้าเกษตรผิดกฎหมาย",
    # violating an agreement is not cooperating
    "กองทัพบกประณามกัมพูชาละเมิดข้อตกลงหยุดยิงด้วยการวางกับระเบิด",
    # a luncheon is not food cooperation
    "รองนายกรัฐมนตรีร่วมงานเลี้ยงอาหารกลางวันเพื่อเป็นเกียรติแก่ประธานาธิบดีอินโดนีเซีย",
])
def test_everyday_words_that_are_also_area_words(stages, text):
    areas = {r.area for r in run(stages, text).cooperation}
    assert not areas & {"security", "food_agriculture"}, areas


def test_who_takes_part_is_not_what_the_cooperation_is_about(stages):
    # Thai entrepreneurs joining a trade fair with Japan: trade, not business
    rows = run(stages, "ไทยและญี่ปุ่นหารือความร่วมมือด้านการค้า โดยมีผู้ประกอบการไทยเข้าร่วมกว่า 50 ราย").cooperation
    assert {r.area for r in rows} == {"trade"}
    # after a starter the same word is the topic
    rows = run(stages, "ไทยและญี่ปุ่นหารือความร่วมมือด้านการผลิต").cooperation
    assert {r.area for r in rows} == {"industry"}


def test_a_starter_only_term_must_be_an_area_term(tmp_path):
    path, ppath = write(tmp_path, """
        [meta]
        starter_only = ["ผู้ประกอบการ"]
        [context]
        cues = ["ความร่วมมือ"]
        [[area]]
        code = "economy"
        terms = ["เศรษฐกิจ"]
    """, PARTIES)
    with pytest.raises(TaxonomyError, match="starter_only 'ผู้ประกอบการ' is not an area term"):
        load_taxonomy(path, ppath)


def test_a_meeting_with_an_agency_is_about_its_sector_unless_the_agency_is_a_party(stages):
    # a call on China's religious affairs office names no area but the office's: culture
    doc = run(stages, "รัฐมนตรีเข้าพบหารือสำนักงานกิจการศาสนาแห่งชาติจีนในการอัญเชิญพระเขี้ยวแก้ว")
    assert [(r.area, list(r.parties)) for r in doc.cooperation] == [("culture", ["CN", "TH"])]
    # the OECD's name says who takes part, not what about: a courtesy call with no area
    doc = run(stages, "นายกรัฐมนตรีให้การต้อนรับเลขาธิการองค์การเพื่อความร่วมมือทางเศรษฐกิจและการพัฒนา (OECD) "
                      "ในโอกาสเข้าเยี่ยมคำนับ")
    assert doc.cooperation == [] and [list(e.parties) for e in doc.cooperation_events] == [["OECD", "TH"]]


def test_a_venue_after_a_city_is_not_a_party(stages):
    doc = run(stages, "ไทยและกัมพูชาหารือความร่วมมือด้านความมั่นคงชายแดน ณ กรุงกัวลาลัมเปอร์ ประเทศมาเลเซีย")
    assert {tuple(list(r.parties)) for r in doc.cooperation} == {("KH", "TH")}


def test_multi_country_meetings_name_every_member(stages):
    doc = run(stages, "ไทยร่วมการประชุมรัฐมนตรีเศรษฐกิจอาเซียนบวกสาม เห็นพ้องเพิ่มความร่วมมือด้านการค้า")
    assert {p for r in doc.cooperation for p in list(r.parties)} == {"ASEAN", "CN", "JP", "KR", "TH"}
    doc = run(stages, "การประชุมรัฐมนตรีต่างประเทศแม่โขง-ล้านช้าง หารือความร่วมมือด้านเศรษฐกิจ")
    assert {p for r in doc.cooperation for p in list(r.parties)} == {"MEKONG_LANCANG", "TH"}  # with the home party


@pytest.mark.parametrize("text, areas, parties", [
    # a university, company or hospital working with a foreign counterpart stands for its country
    ("มหาวิทยาลัยเชียงใหม่ลงนามบันทึกความเข้าใจกับมหาวิทยาลัยชิงหัว สาธารณรัฐประชาชนจีน ด้านการศึกษา",
     {"education"}, {"CN", "TH"}),
    ("บริษัท ปตท. ลงนาม MOU กับบริษัท JERA ของญี่ปุ่น ด้านพลังงานสะอาด", {"energy"}, {"JP", "TH"}),
    # a foreign government's development or space agency stands for that government
    ("กรมชลประทานลงนามบันทึกความร่วมมือกับ JICA ด้านการบริหารจัดการน้ำ", {"environment"}, {"JP", "TH"}),
    ("NASA จับมือ GISTDA ศึกษาคุณภาพอากาศในไทยร่วมกัน ด้านสิ่งแวดล้อม", {"environment"}, {"TH", "US"}),
    # a foreign company opening a factory, with no Thai party working with it, is domestic
    ("บริษัท BYD ผู้ผลิตรถยนต์ไฟฟ้าสัญชาติจีน เปิดโรงงานในจังหวัดระยอง เพื่อขยายการลงทุน", set(), set()),
    # unnamed partners add nothing, and a Thai party alone is not cooperation
    ("รัฐมนตรีเกษตรจากหลายประเทศร่วมประชุมหารือความร่วมมือด้านความมั่นคงทางอาหาร", set(), set()),
])
def test_the_party_convention(stages, text, areas, parties):
    doc = run(stages, text)
    assert {r.area for r in doc.cooperation} == areas
    assert {p for r in doc.cooperation for p in list(r.parties)} == parties


@pytest.mark.parametrize("text, areas", [
    # "ข้ามพรมแดน" (cross-border) qualifies the noun before it: cross-border payments are finance
    ("ไทยและสิงคโปร์ลงนามความร่วมมือด้านระบบการชำระเงินข้ามพรมแดน", {"finance"}),
    # ...but cross-border crime is crime
    ("ไทยและลาวหารือความร่วมมือปราบปรามอาชญากรรมข้ามพรมแดน", {"transnational_crime"}),
    # "ทางทะเล" (by sea, maritime) is not the environment: maritime transport is transport
    ("ไทยและเวียดนามลงนามความตกลงว่าด้วยการขนส่งทางทะเล", {"transport"}),
])
def test_modifiers_leave_the_area_to_the_noun_they_qualify(stages, text, areas):
    assert {r.area for r in run(stages, text).cooperation} == areas


def test_a_repeated_headline_is_tagged_like_the_headline(stages):
    # the rules tag a headline by its place (a text's first sentences); a copy printed again under
    # the date line says the same and gets the same rows
    headline = "นายกฯ ชูเวทีอาเซียนส่งเสริมการท่องเที่ยวในภูมิภาค"
    text = f"{headline}\nวันศุกร์ที่ 20 พฤศจิกายน 2563\n{headline}\nนายกรัฐมนตรีหารือกับเลขาธิการอาเซียน\nทั้งสองฝ่ายลงนามบันทึกความเข้าใจ"
    rows = run(stages, text, learned=False).cooperation
    copy = text.rindex(headline)
    assert [(r.start, r.area, list(r.parties)) for r in rows] == [
        (headline.index("การท่องเที่ยว"), "tourism", ["ASEAN", "TH"]),
        (copy + headline.index("การท่องเที่ยว"), "tourism", ["ASEAN", "TH"])]


def test_a_multinational_stands_for_its_home_country(stages):
    doc = run(stages, "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมลงนามบันทึกความเข้าใจกับหัวเว่ย ด้านการพัฒนาทักษะดิจิทัล")
    assert {(r.area, tuple(r.parties)) for r in doc.cooperation} == {("digital", ("CN", "TH"))}


@pytest.mark.parametrize("text, parties", [
    # a UN body is itself a party: its own name, not the "สหประชาชาติ" inside it
    ("กระทรวงทรัพยากรธรรมชาติหารือกับโครงการสิ่งแวดล้อมแห่งสหประชาชาติ ด้านการเปลี่ยนแปลงสภาพภูมิอากาศ",
     {"TH", "UNEP"}),
    # a body known by its English short name
    ("รองนายกรัฐมนตรีหารือกับคณะนักธุรกิจจาก USABC เพื่อขยายความร่วมมือด้านการค้าการลงทุน", {"TH", "USABC"}),
])
def test_an_international_body_is_a_party_by_its_short_name(stages, text, parties):
    assert {p for r in run(stages, text).cooperation for p in r.parties} == parties
