import datetime as dt
import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from thai_extract.document import Document, Failure
from thai_extract.errors import ErrorCode
from thai_extract.io.readers import FieldNames, InputReader, parse_published


def read_all(*inputs, reader=None, stdin=None):
    return list((reader or InputReader()).read([str(i) for i in inputs], stdin=stdin))


def test_a_text_file_is_one_document_with_a_derived_id(tmp_path):
    (tmp_path / "a.txt").write_text("ข่าวไทย", encoding="utf-8")
    [doc] = read_all(tmp_path / "a.txt")
    assert isinstance(doc, Document)
    assert doc.text == "ข่าวไทย" and doc.doc_id.startswith("a-") and doc.title is None


def test_jsonl_records_use_default_field_names_and_bad_lines_become_failures(tmp_path):
    lines = [
        json.dumps({"id": "n1", "title": "หัวข้อ", "body": "เนื้อข่าว", "date": "2025-05-14"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "n3", "summary": "ไม่มีเนื้อความ"}, ensure_ascii=False),
        "",
        json.dumps({"id": 4, "content": "ข้อความ", "published": "2568-05-14"}, ensure_ascii=False),
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read_all(tmp_path / "news.jsonl")
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Failure", "Document"]
    first, bad, missing, last = items
    assert (first.doc_id, first.title, first.published) == ("n1", "หัวข้อ", dt.date(2025, 5, 14))
    assert first.text == "หัวข้อ\nเนื้อข่าว" and first.text[first.body_start:] == "เนื้อข่าว"  # the title is analysed too
    assert bad.reason == ErrorCode.MALFORMED_RECORD.value and bad.source.endswith("news.jsonl:2")
    assert missing.reason == ErrorCode.MISSING_TEXT.value and missing.source.endswith(":3")
    assert last.doc_id == "4" and last.published == dt.date(2025, 5, 14)  # Buddhist-era year converted


def test_field_names_can_be_chosen(tmp_path):
    (tmp_path / "x.jsonl").write_text(json.dumps({"key": "k", "message": "สวัสดี"}), encoding="utf-8")
    reader = InputReader(FieldNames.with_overrides(id="key", text="message"))
    [doc] = read_all(tmp_path / "x.jsonl", reader=reader)
    assert (doc.doc_id, doc.text) == ("k", "สวัสดี")


def test_json_array_csv_parquet_and_gzip_are_read(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "j1", "text": "หนึ่ง"}, {"id": "j2", "text": "สอง"}]), encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,title,text\nc1,หัว,\"สาม, สี่\"\n", encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1"], "text": ["ห้า"], "date": [dt.date(2025, 1, 2)]}), tmp_path / "c.parquet")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "หก"}) + "\n")
    docs = read_all(tmp_path)  # a folder, read recursively in name order
    assert [(d.doc_id, d.text) for d in docs] == [
        ("j1", "หนึ่ง"), ("j2", "สอง"), ("c1", "หัว\nสาม, สี่"), ("p1", "ห้า"), ("g1", "หก"),
    ]
    assert docs[3].published == dt.date(2025, 1, 2)


def test_missing_paths_empty_and_unsupported_files_become_failures(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04")
    items = read_all(tmp_path / "nope.txt", tmp_path / "empty.txt", tmp_path / "x.docx", tmp_path / "*.none")
    assert all(isinstance(i, Failure) for i in items)
    assert [i.reason for i in items] == [
        ErrorCode.UNREADABLE_FILE.value, ErrorCode.EMPTY_INPUT.value,
        ErrorCode.UNSUPPORTED_FORMAT.value, ErrorCode.UNREADABLE_FILE.value,
    ]


def test_stdin_text_and_jsonl_are_sniffed():
    [doc] = read_all("-", stdin=io.BytesIO("ข่าวจาก stdin".encode()))
    assert doc.text == "ข่าวจาก stdin" and doc.source == "<stdin>"
    docs = read_all("-", stdin=io.BytesIO(b'{"id": "s1", "text": "a"}\n{"id": "s2", "text": "b"}\n'))
    assert [d.doc_id for d in docs] == ["s1", "s2"]


def test_a_broken_parquet_file_is_a_failure(tmp_path):
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    [failure] = read_all(tmp_path / "bad.parquet")
    assert failure.reason == ErrorCode.UNREADABLE_FILE.value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-05-14", dt.date(2025, 5, 14)), ("2025-05-14T08:00:00+07:00", dt.date(2025, 5, 14)),
     ("2568-05-14", dt.date(2025, 5, 14)), (dt.datetime(2025, 5, 14, 9), dt.date(2025, 5, 14)),
     ("14 May", None), ("", None), (None, None)],
)
def test_publication_dates_are_parsed_leniently(value, expected):
    assert parse_published(value) == expected


def test_jsonl_is_read_line_by_line_so_a_badly_encoded_line_costs_only_itself(tmp_path):
    good = json.dumps({"id": "a", "text": "ข่าวแรก"}, ensure_ascii=False).encode()
    tis620 = json.dumps({"id": "b", "text": "ข่าวสอง"}, ensure_ascii=False).encode("cp874")
    broken = json.dumps({"id": "c", "text": "ข่าวสาม"}, ensure_ascii=False).encode()[:-12] + b"\xff\"}"
    (tmp_path / "mixed.jsonl").write_bytes(b"\xef\xbb\xbf" + good + b"\n" + tis620 + b"\n" + broken + b"\n")
    items = read_all(tmp_path / "mixed.jsonl")
    assert [getattr(i, "doc_id", None) for i in items] == ["a", "b", None]
    assert items[1].text == "ข่าวสอง"
    assert items[2].reason == ErrorCode.UNKNOWN_ENCODING.value and items[2].source.endswith("mixed.jsonl:3")


def test_utf16_jsonl_is_read_whole(tmp_path):
    lines = "\n".join(json.dumps({"id": f"u{i}", "text": "ข้อความ"}, ensure_ascii=False) for i in range(3))
    (tmp_path / "u16.jsonl").write_bytes(lines.encode("utf-16"))
    assert [d.doc_id for d in read_all(tmp_path / "u16.jsonl")] == ["u0", "u1", "u2"]


def test_csv_is_streamed_and_a_bad_byte_late_in_the_file_costs_only_the_rest(tmp_path):
    good = "".join(f"c{i},ข่าวที่ {i}\n" for i in range(60_000))  # past the 1 MB the encoding is judged on
    (tmp_path / "late.csv").write_bytes(b"id,text\n" + good.encode() + b"bad,\xff\xfe broken\nlast,ok\n")
    items = read_all(tmp_path / "late.csv")
    assert len(items) == 60_001 and items[59_999].doc_id == "c59999"  # every row before the bad byte kept
    assert isinstance(items[-1], Failure) and items[-1].reason == ErrorCode.UNKNOWN_ENCODING.value
    (tmp_path / "tis.csv").write_bytes('id,text\nt1,ข่าวไทย\nt2,"สองบรรทัด\r\nบรรทัดที่สอง"\n'.encode("cp874"))
    assert [(d.doc_id, d.text) for d in read_all(tmp_path / "tis.csv")] == [
        ("t1", "ข่าวไทย"), ("t2", "สองบรรทัด\r\nบรรทัดที่สอง")]  # a quoted field may span lines


def test_a_json_array_is_streamed_so_records_before_a_break_are_kept(tmp_path):
    records = [{"id": f"a{i}", "text": "ข่าว" * 300} for i in range(2_000)]
    data = json.dumps(records, ensure_ascii=False).encode()
    (tmp_path / "cut.json").write_bytes(data[: len(data) * 3 // 4])  # a transfer that stopped early
    items = read_all(tmp_path / "cut.json")
    *docs, failure = items
    assert [d.doc_id for d in docs] == [f"a{i}" for i in range(len(docs))] and len(docs) > 1_400
    assert failure.reason == ErrorCode.MALFORMED_RECORD.value
    assert failure.source.endswith(f"cut.json:{len(docs) + 1}") and "rest of the file" in failure.detail


def test_a_gzipped_json_array_with_a_bom_is_streamed_record_by_record(tmp_path):
    records = [{"id": "g1", "text": "หนึ่ง"}, 7, {"id": "g3", "text": "สาม"}]
    with gzip.open(tmp_path / "arr.json.gz", "wb") as fh:
        fh.write(b"\xef\xbb\xbf" + json.dumps(records, ensure_ascii=False, indent=2).encode())
    reader = InputReader().read([str(tmp_path / "arr.json.gz")])
    first = next(reader)
    assert first.doc_id == "g1" and first.source.endswith("arr.json.gz:1")
    rest = list(reader)
    assert rest[0].reason == ErrorCode.MALFORMED_RECORD.value and rest[0].source.endswith(":2")
    assert rest[1].doc_id == "g3"
