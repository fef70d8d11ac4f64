"""thai_extract.spacy: our rows as a spaCy Doc, our stages as a spaCy component and tokenizer."""

import pytest

spacy = pytest.importorskip("spacy")

from spacy import displacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from thai_extract import extract  # noqa: E402
from thai_extract.spacy import SPAN_GROUPS, blank, to_spacy  # noqa: E402

TITLE = "ไทย-ญี่ปุ่น ร่วมมือ"
BODY = ("นายกรัฐมนตรีเดินทางไปญี่ปุ่นเมื่อวันที่ 5 ธ.ค. 2569  เพื่อหารือความร่วมมือด้านการหหาร\n"
        "กับนายคิชิดะ ที่กรุงโตเกียว ระหว่างวันที่ 1-3 มกราคม")


@pytest.fixture(scope="module")
def rows():
    return extract(BODY, title=TITLE, published="2026-12-05")


@pytest.fixture(scope="module")
def doc(rows):
    return to_spacy(rows)


def test_the_doc_is_the_text_as_read_and_every_row_is_one_of_its_spans(rows, doc):
    assert doc.text == rows["documents"][0]["text"]
    for table in ("tokens", "sentences", *SPAN_GROUPS):
        for row in rows[table]:
            span = doc.char_span(row["start"], row["end"])
            assert span is not None, (table, row)
            assert (span.start_char, span.end_char) == (row["start"], row["end"])


def test_tokens_are_ours_and_norm_holds_the_corrected_form(rows, doc):
    ours = {(r["start"], r["end"]) for r in rows["tokens"]}
    words = {(t.idx, t.idx + len(t)) for t in doc if not t.is_space}
    assert ours <= words  # cut further only where a span starts or ends inside a token
    [typo] = [t for t in doc if t.text == "หหาร"]
    assert typo.norm_ == "ทหาร"


def test_sentences_entities_and_span_groups(rows, doc):
    assert len(list(doc.sents)) == len(rows["sentences"])
    assert ("ญี่ปุ่น", "LOCATION", "JP") in [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert len(doc.spans["entities"]) == len(rows["entities"])
    for group in SPAN_GROUPS:
        assert len(doc.spans[group]) == len(rows[group]), group
    date = doc.spans["dates"][0]
    assert (date.label_, date._.start_date, date._.granularity) == ("DATE", "2026-12-05", "day")
    [area] = doc.spans["cooperation"]
    assert (area.label_, area._.parties) == ("defense", ["JP", "TH"])
    [fix] = doc.spans["corrections"]
    assert (fix.text, fix._.correction, fix._.applied) == ("หหาร", "ทหาร", True)
    assert doc._.thai_extract["title"] == TITLE


def test_displacy_renders_entities_and_date_spans(doc):
    assert "LOCATION" in displacy.render(doc, style="ent")
    assert "DATE" in displacy.render(doc, style="span", options={"spans_key": "dates"})


def test_a_doc_saved_in_a_docbin_keeps_its_values(doc):
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    [again] = DocBin().from_bytes(data).get_docs(doc.vocab)
    assert [(s.text, s._.end_date) for s in again.spans["dates"]] == [(s.text, s._.end_date) for s in doc.spans["dates"]]


def test_to_spacy_runs_extract_on_a_text():
    doc = to_spacy("ความร่วมมือกับญี่ปุ่น", published="2026-12-05")
    assert [e.kb_id_ for e in doc.ents] == ["JP"]


def test_the_component_widens_spans_to_another_tokenizers_tokens():
    nlp = spacy.blank("xx")  # splits on whitespace only: Thai runs are one token each
    nlp.add_pipe("thai_extract")
    doc = nlp(BODY)
    [kishida] = [e for e in doc.ents if e.kb_id_ == "Fumio Kishida"]
    assert "นายคิชิดะ" in kishida.text and kishida.label_ == "PERSON"


def test_blank_gives_our_tokens_and_saves_and_loads(tmp_path):
    nlp = blank()
    doc = nlp(BODY)
    ours = extract(BODY)
    assert [e.text for e in doc.ents] == [e["text"] for e in ours["entities"]]
    nlp.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")
    assert [t.text for t in again(BODY)] == [t.text for t in doc]


def test_the_component_anchors_relative_dates_on_a_published_date_set_on_the_doc():
    nlp = blank()
    doc = nlp.make_doc("เมื่อวานนี้ ไทยและญี่ปุ่นลงนาม")
    doc.user_data["published"] = "2026-12-05"
    doc = nlp(doc)
    assert [(s.text, s._.start_date) for s in doc.spans["dates"]] == [("เมื่อวานนี้", "2026-12-04")]


def test_rows_of_another_text_are_refused(rows):
    from thai_extract.spacy import annotate

    with pytest.raises(ValueError, match="not the text"):
        annotate(spacy.blank("xx")("อื่น"), rows)
