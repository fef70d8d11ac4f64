import datetime as dt

from thai_extract.annotations import DateMention, Entity, Sentence
from thai_extract.tables import RowBuilder
from tests.conftest import make_doc


def test_annotation_rows_get_their_sentence_and_the_record_summarises_them():
    doc = make_doc("ก ข. ค ง")
    doc.sentences = [Sentence(0, 4, "ก ข."), Sentence(5, 8, "ค ง")]
    doc.entities = [Entity(0, 1, "ก", "PERSON", "Kor", 1.0, "t", 0, 1), Entity(5, 6, "ค", "LOCATION", "RU", 1.0, "t", 5, 6)]
    doc.dates = [DateMention(7, 8, "ง", dt.date(2025, 5, 13), dt.date(2025, 5, 16), "day", False, None, 7, 8)]
    builder = RowBuilder("run")
    builder.add_document(doc)
    rows = builder.take()
    assert rows["entities"]["sent_id"] == [0, 1] and rows["dates"]["sent_id"] == [1]
    record = {k: v[0] for k, v in rows["records"].items()}
    assert record["persons"] == ["Kor"] and record["locations"] == ["RU"] and record["countries"] == ["RU"]
    assert (record["date_min"], record["date_max"]) == (dt.date(2025, 5, 13), dt.date(2025, 5, 16))
    assert record["entities"][1]["sent_id"] == 1


def test_every_annotation_table_is_built_from_the_annotations_fields():
    doc = make_doc("ก ข")
    doc.sentences = [Sentence(0, 3, "ก ข", 0, 3)]
    doc.entities = [Entity(2, 3, "ข", "PERSON", None, 0.5, "t", 2, 3, sent_id=0)]
    builder = RowBuilder("run")
    builder.add_document(doc)
    entities = builder.take()["entities"]
    assert entities == {"doc_id": ["doc-1"], "sent_id": [0], "start": [2], "end": [3], "text": ["ข"],
                        "label": ["PERSON"], "canonical": [None], "score": [0.5], "source": ["t"], "run_id": ["run"]}
