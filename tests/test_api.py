import pytest

from thai_extract import correct, extract, extract_many, find_dates, load_table, segment, tag_entities


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


def test_the_title_is_analysed_with_the_text():
    rows = extract("การประชุมจัดขึ้นเมื่อวานนี้", title="นายกรัฐมนตรีเยือนกรุงมอสโก", published="2025-05-14")
    [doc] = rows["documents"]
    assert doc["text"] == "นายกรัฐมนตรีเยือนกรุงมอสโก\nการประชุมจัดขึ้นเมื่อวานนี้" and doc["body_start"] == 27
    assert [e["canonical"] for e in rows["entities"]] == ["Moscow"]  # found in the title
    assert [d["start_date"].isoformat() for d in rows["dates"]] == ["2025-05-13"]


def test_one_function_per_task_for_pythainlp_users():
    assert segment("นายกรัฐมนตรีเดินทางเยือนกรุงมอสโก\nการประชุมจัดขึ้นแล้ว")[0][-1] == "มอสโก"
    assert correct("ความร่วมมือด้านการหหาร") == "ความร่วมมือด้านการทหาร"
    assert [(e["text"], e["label"], e["canonical"]) for e in tag_entities("ประธานาธิบดีเยือนกรุงมอสโก")] == [
        ("กรุงมอสโก", "LOCATION", "Moscow")]
    [date] = find_dates("ประชุมเมื่อวานนี้", published="2025-05-14")
    assert (date["text"], date["start_date"].isoformat(), date["relative"]) == ("เมื่อวานนี้", "2025-05-13", True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_gives_every_table_as_a_dataframe(jobs):
    texts = ["นายกรัฐมนตรีเยือนกรุงมอสโก", "ประชุมเมื่อ 14 พฤษภาคม 2568", "ข่าวสาม"]
    tables = extract_many(texts, ids=["a", "b", "c"], jobs=jobs)
    assert tables["documents"].doc_id.tolist() == ["a", "b", "c"]
    assert tables["entities"].canonical.tolist() == ["Moscow"]
    assert str(tables["dates"].start_date.dtype).startswith("datetime64")
    with pytest.raises(TypeError):
        extract_many("one text")  # type: ignore[arg-type]
