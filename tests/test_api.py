import pytest

from thai_extract import extract, load_table


def test_extract_returns_the_rows_of_every_table_for_one_text():
    rows = extract("นายกรัฐมนตรีเดินทางเยือนกรุงมอสโก\nการประชุมจัดขึ้นในวันนี้", doc_id="x1", published="2025-05-14")
    assert rows["documents"][0]["doc_id"] == "x1"
    assert [s["text"] for s in rows["sentences"]] == ["นายกรัฐมนตรีเดินทางเยือนกรุงมอสโก", "การประชุมจัดขึ้นในวันนี้"]
    assert "มอสโก" in {t["text"] for t in rows["tokens"]}
    [record] = rows["records"]
    assert record["doc_id"] == "x1" and record["published"].isoformat() == "2025-05-14"
    assert record["locations"] == ["Moscow"]  # "กรุงมอสโก", linked to its canonical name
    assert record["date_min"].isoformat() == "2025-05-14"  # "วันนี้", resolved against the publication date


def test_extract_refuses_non_text():
    with pytest.raises(TypeError):
        extract(b"bytes")  # type: ignore[arg-type]


def test_load_table_names_the_remedy_when_nothing_was_written(tmp_path):
    with pytest.raises(FileNotFoundError, match="thai-extract run"):
        load_table(tmp_path, "tokens")
    with pytest.raises(ValueError, match="choose from"):
        load_table(tmp_path, "nope")
