import datetime as dt

from thai_extract.document import Sentence
from thai_extract.tables import RowBuilder
from tests.conftest import make_doc


def test_annotation_rows_get_their_sentence_and_the_record_summarises_them():
    doc = make_doc("ก ข. ค ง")
    doc.sentences = [Sentence(0, 4, "ก ข."), Sentence(5, 8, "ค ง")]
    doc.entities = [
        {"start": 0, "end": 1, "text": "ก", "label": "PERSON", "canonical": "Kor", "score": 1.0, "source": "t"},
        {"start": 5, "end": 6, "text": "ค", "label": "LOCATION", "canonical": "RU", "score": 1.0, "source": "t"},
    ]
    doc.dates = [{"start": 7, "end": 8, "text": "ง", "start_date": dt.date(2025, 5, 13),
                  "end_date": dt.date(2025, 5, 16), "granularity": "day", "relative": False, "time": None}]
    builder = RowBuilder("run")
    builder.add_document(doc)
    rows = builder.take()
    assert rows["entities"]["sent_id"] == [0, 1] and rows["dates"]["sent_id"] == [1]
    record = {k: v[0] for k, v in rows["records"].items()}
    assert record["persons"] == ["Kor"] and record["locations"] == ["RU"] and record["countries"] == ["RU"]
    assert (record["date_min"], record["date_max"]) == (dt.date(2025, 5, 13), dt.date(2025, 5, 16))
    assert record["entities"][1]["sent_id"] == 1
