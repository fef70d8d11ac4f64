import pandas as pd
import pyarrow.parquet as pq
import pytest

from thai_extract.io.schemas import SCHEMAS, TABLES
from thai_extract.io.writer import DatasetWriter
from thai_extract.tables import RowBuilder
from tests.conftest import make_doc


def test_every_table_gets_a_readable_dataset_even_when_empty(tmp_path):
    with DatasetWriter(tmp_path, metadata={"config": {"x": 1}}):
        pass
    for table in TABLES:
        frame = pd.read_parquet(tmp_path / table)
        assert list(frame.columns) == SCHEMAS[table].names and frame.empty
    meta = pq.read_schema(next((tmp_path / "documents").glob("*.parquet"))).metadata
    assert b"thai_extract.config" in meta and b"thai_extract.pipeline_version" in meta


def test_rows_are_flushed_in_part_files_and_a_second_run_appends(tmp_path):
    builder = RowBuilder("r1")
    batches = []
    for i in range(5):
        builder.add_document(make_doc(f"ข้อความ {i}", doc_id=f"d{i}"))
        batches.append(builder.take())
    with DatasetWriter(tmp_path, run_id="r1", flush_rows=2) as writer:
        for rows in batches:
            writer.add(rows)
    assert len(list((tmp_path / "documents").glob("part-r1-*.parquet"))) == 3  # 2 + 2 + 1
    with DatasetWriter(tmp_path, run_id="r2") as writer:
        for rows in batches:
            writer.add(rows)
    documents = pd.read_parquet(tmp_path / "documents")
    assert len(documents) == 10 and set(documents.run_id) == {"r1"}  # run_id column as given to the builder


def test_a_failed_write_leaves_no_part_file_behind(tmp_path, monkeypatch):
    import thai_extract.io.writer as writer_module

    def broken_write(table, where, **kwargs):
        where.write(b"half a file")  # the writer hands pyarrow an open file
        raise OSError("disk full")

    monkeypatch.setattr(writer_module.pq, "write_table", broken_write)
    builder = RowBuilder("r1")
    builder.add_document(make_doc("ข้อความ"))
    with pytest.raises(OSError, match="disk full"):
        with DatasetWriter(tmp_path, run_id="r1") as writer:
            writer.add(builder.take())
            writer.commit()
    assert list((tmp_path / "documents").iterdir()) == []


def test_large_texts_are_flushed_by_size_as_well_as_by_count(tmp_path):
    builder = RowBuilder("r1")
    with DatasetWriter(tmp_path, run_id="r1", flush_bytes=1_000) as writer:
        for i in range(3):
            builder.add_document(make_doc("ข่าว " * 300, doc_id=f"d{i}"))
            writer.add(builder.take())
    assert len(list((tmp_path / "documents").glob("*.parquet"))) == 3
