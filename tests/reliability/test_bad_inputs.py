"""Odd inputs become one errors row each (or are counted), everything else is processed, and the run
never stops with a traceback."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from tests.reliability.conftest import THAI, jsonl, reasons, run, tables

EXIT_OK, EXIT_WITH_ERRORS = 0, 1


@pytest.mark.parametrize("field", ["id", "title", "text"])
def test_a_lone_surrogate_in_a_field_is_an_e108_row_naming_the_field(tmp_path, light_config, field):
    record = {"id": "t1", "title": "ข่าว", "text": THAI}
    record[field] = record[field] + "\\udc80"  # a valid JSON escape, not valid Unicode text
    src = jsonl(tmp_path / "in.jsonl", '{"id": "ok", "text": "%s"}' % THAI,
                '{%s}' % ", ".join(f'"{k}": "{v}"' for k, v in record.items()))
    result = run(src, tmp_path / "out", light_config)
    assert result.exit_code == EXIT_WITH_ERRORS, result.output
    assert reasons(tmp_path / "out") == {"in.jsonl:2": "E108"}
    assert f"the {field} field" in tables(tmp_path / "out")["errors"].detail[0]
    assert tables(tmp_path / "out")["documents"].doc_id.tolist() == ["ok"]


def test_a_file_name_that_is_not_utf8_and_a_link_loop_are_e101_rows(tmp_path, light_config):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(THAI, encoding="utf-8")
    with open(os.path.join(os.fsencode(src), b"x\xff.txt"), "wb") as fh:
        fh.write(THAI.encode())
    os.symlink("loop", src / "loop")  # a link to itself
    os.symlink("../in", src / "back")  # a link to the folder being read
    result = run(src, tmp_path / "out", light_config)
    assert result.exit_code == EXIT_WITH_ERRORS, result.output
    assert reasons(tmp_path / "out") == {"x\\xff.txt": "E101", "loop": "E101", "back": "E101"}
    assert tables(tmp_path / "out")["documents"].source.str.endswith("good.txt").tolist() == [True]


def test_links_are_followed_inside_the_input_folder_only_unless_asked(tmp_path, light_config):
    outside = tmp_path / "secret.txt"
    outside.write_text("ข้อมูลนอกโฟลเดอร์", encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(THAI, encoding="utf-8")
    os.symlink(src / "a.txt", src / "inside.txt")
    os.symlink(outside, src / "outside.txt")
    os.symlink(tmp_path / "gone.txt", src / "dangling.txt")
    assert run(src, tmp_path / "out", light_config).exit_code == EXIT_WITH_ERRORS
    assert reasons(tmp_path / "out") == {"outside.txt": "E101", "dangling.txt": "E101"}
    errors = tables(tmp_path / "out")["errors"]
    assert "--follow-symlinks" in errors.detail[errors.source.str.endswith("outside.txt")].iloc[0]
    assert sorted(Path(s).name for s in tables(tmp_path / "out")["documents"].source) == ["a.txt", "inside.txt"]

    run(src, tmp_path / "out2", light_config, "--follow-symlinks")
    assert len(tables(tmp_path / "out2")["documents"]) == 3


def test_unsupported_files_in_a_folder_are_counted_not_errors(tmp_path, light_config):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(THAI, encoding="utf-8")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (src / "notes.md").write_text("# notes")
    result = run(src, tmp_path / "out", light_config, "--summary-json", tmp_path / "s.json")
    assert result.exit_code == EXIT_OK
    summary = (tmp_path / "s.json").read_text()
    assert '"skipped_unsupported_files": 2' in summary


def test_the_same_id_twice_is_processed_once(tmp_path, light_config):
    src = jsonl(tmp_path / "in.jsonl",
                {"id": "a", "text": THAI}, {"id": "b", "text": "ข่าวสอง"},
                {"id": "a", "text": THAI},            # an exact copy: skipped
                {"id": "a", "text": "ข้อความอื่น"})     # the same id, other text: an errors row
    result = run(src, tmp_path / "out", light_config, "--summary-json", tmp_path / "s.json")
    assert result.exit_code == EXIT_WITH_ERRORS
    out = tables(tmp_path / "out")
    assert out["documents"].doc_id.tolist() == ["a", "b"]
    assert out["documents"].text[0] == THAI  # the first record of an id is the one processed
    assert reasons(tmp_path / "out") == {"in.jsonl:4": "E109"}
    assert "in.jsonl:1" in out["errors"].detail[0]
    assert not out["tokens"].duplicated(["doc_id", "tok_id"]).any()
    assert '"skipped_duplicates": 1' in (tmp_path / "s.json").read_text()


def test_a_folder_given_relative_or_absolute_names_the_same_documents(tmp_path, light_config, monkeypatch):
    (tmp_path / "news" / "day1").mkdir(parents=True)
    (tmp_path / "news" / "day1" / "a.txt").write_text(THAI, encoding="utf-8")
    jsonl(tmp_path / "news" / "b.jsonl", {"text": "ข่าวสอง"})
    monkeypatch.chdir(tmp_path)
    first = run("news", "out", light_config)
    again = run(f"{tmp_path}/news/", "out", light_config, "--mode", "append")
    assert first.exit_code == again.exit_code == EXIT_OK
    docs = tables(tmp_path / "out")["documents"]
    assert docs.doc_id.nunique() == 2 and len(docs) == 2  # load(): one version of each


def test_ids_from_content_ignore_where_a_text_comes_from(tmp_path, light_config):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{folder}.txt").write_text(THAI, encoding="utf-8")
    run(tmp_path / "x", tmp_path / "out", light_config, "--doc-id", "content")
    run(tmp_path / "y", tmp_path / "out", light_config, "--doc-id", "content", "--mode", "append")
    assert tables(tmp_path / "out")["documents"].doc_id.nunique() == 1


def test_an_unclosed_csv_quote_is_an_e105_row_at_the_line_where_the_record_began(tmp_path, light_config):
    src = tmp_path / "in.csv"
    src.write_text(f'id,text\nc1,{THAI}\nc2,"ข่าวที่ไม่ปิดเครื่องหมาย\nc3,ข่าวสาม\nc4,ข่าวสี่\n', encoding="utf-8")
    result = run(src, tmp_path / "out", light_config)
    assert result.exit_code == EXIT_WITH_ERRORS
    assert reasons(tmp_path / "out") == {"in.csv:3": "E105"}
    assert "never closed" in tables(tmp_path / "out")["errors"].detail[0]
    assert tables(tmp_path / "out")["documents"].doc_id.tolist() == ["c1"]


def test_utf16_without_a_bom_is_named_as_such(tmp_path, light_config):
    (tmp_path / "in.txt").write_bytes(f"{THAI} abc".encode("utf-16-le"))
    run(tmp_path / "in.txt", tmp_path / "out", light_config)
    [detail] = tables(tmp_path / "out")["errors"].detail
    assert "UTF-16-LE without BOM" in detail and "--encoding utf-16-le" in detail


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz"])
def test_a_small_gzip_that_inflates_past_the_cap_is_an_e110_row(tmp_path, light_config, name):
    with gzip.open(tmp_path / name, "wb") as fh:
        line = b'{"text": "' + "ก".encode() * 800_000 + b'"}\n' if "jsonl" in name else "ก".encode() * 800_000
        fh.write(line)
    (tmp_path / "ok.txt").write_text(THAI, encoding="utf-8")
    result = run(tmp_path, tmp_path / "out", light_config, "--max-doc-mb", "1")
    assert result.exit_code == EXIT_WITH_ERRORS, result.output
    assert list(reasons(tmp_path / "out").values()) == ["E110"]
    assert len(tables(tmp_path / "out")["documents"]) == 1
