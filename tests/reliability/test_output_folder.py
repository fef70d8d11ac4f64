"""The output folder: only our files are read, merged or deleted; nothing is left behind."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from thai_extract import load
from thai_extract.io.output import OutputFolder
from thai_extract.io.schemas import TABLES
from tests.reliability.conftest import THAI, cli, jsonl, run


def three_runs(tmp_path, light_config):
    out = tmp_path / "out"
    for i in range(3):
        src = jsonl(tmp_path / f"in{i}.jsonl", {"id": f"d{i}", "text": f"{THAI} {i}"})
        assert run(src, out, light_config, "--mode", "append").exit_code == 0
    return out


def test_compact_leaves_foreign_files_alone_and_reports_them(tmp_path, light_config):
    out = three_runs(tmp_path, light_config)
    foreign = out / "documents" / "mine.parquet"
    pq.write_table(pa.table({"doc_id": ["x"], "extra": [1]}), foreign)
    before = load(out)
    result = cli("compact", out)
    assert result.exit_code == 0, result.output
    assert "left alone" in result.output and "mine.parquet" in result.output
    assert foreign.exists() and pq.read_table(foreign).column_names == ["doc_id", "extra"]
    assert len(OutputFolder(out).parts("documents")) == 1
    after = load(out)
    for table in TABLES:
        pd.testing.assert_frame_equal(before[table].reset_index(drop=True), after[table].reset_index(drop=True))
    assert "x" not in set(after["documents"].doc_id)  # load() never reads a file that is not ours


def test_nothing_is_left_behind_after_runs_and_a_compaction(tmp_path, light_config):
    out = three_runs(tmp_path, light_config)
    cli("compact", out)
    meta = out / "_thai_extract"
    assert list((meta / "staging").iterdir()) == []
    assert list((meta / "commits").iterdir()) == []  # journals go once their commit is in place
    assert [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"] == []
    recovered = cli("recover", out)
    assert "0 unfinished commits completed, 0 killed runs' uncommitted files deleted" in " ".join(recovered.output.split())
    statuses = {e["run_id"].split("-")[0]: e["status"] for e in OutputFolder(out).run_entries()}
    assert set(statuses.values()) == {"done"} and "compact" in statuses


def test_a_folder_whose_first_run_committed_nothing_loads_as_empty_tables(tmp_path):
    out = tmp_path / "out"
    folder = OutputFolder(out)
    with folder.locked():
        for table in TABLES:
            (out / table).mkdir(parents=True)  # what a run killed before its first commit leaves
    tables = load(out)
    assert set(tables) == set(TABLES) and all(frame.empty for frame in tables.values())
    assert list(tables["entities"].columns)[:4] == ["doc_id", "sent_id", "start", "end"]
    shown = cli("show", "--out", out, "anything")
    assert shown.exit_code == 2 and "holds no document yet" in shown.output


def test_load_gives_pandas_friendly_types_or_arrow_types(tmp_path, light_config):
    src = jsonl(tmp_path / "in.jsonl", {"id": "d", "text": THAI, "date": "2025-05-20"})
    run(src, tmp_path / "out", light_config)
    dates = load(tmp_path / "out")["dates"]
    assert str(dates.start_date.dtype).startswith("datetime64") and dates.granularity.dtype == "category"
    arrow = load(tmp_path / "out", types="arrow")["dates"]
    assert str(arrow.start_date.dtype) == "date32[day][pyarrow]"
