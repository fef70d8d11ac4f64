"""Incremental ingestion: each document once, changed documents replaced, crashes and concurrency safe."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from thai_extract import load
from thai_extract.core import Pipeline
from thai_extract.io.compact import compact
from thai_extract.io.output import OutputFolder
from thai_extract.runner import Runner
from tests.conftest import ROOT

LIGHT = {"pipeline": {"stages": ["normalize", "segment", "dates"]}}  # fast stages: these tests are about the runner


def write_news(folder, n, start=0, edited=()):
    folder.mkdir(exist_ok=True)
    with open(folder / "news.jsonl", "w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            text = f"ข่าวที่ {i} การประชุมเมื่อ 14 พฤษภาคม 2568 ที่กรุงเทพ" + (" แก้ไขแล้ว" if i in edited else "")
            fh.write(json.dumps({"id": f"n{i}", "text": text}, ensure_ascii=False) + "\n")
    return folder


def ingest(src, out, **options):
    return Runner(Pipeline.from_config(LIGHT), out, jobs=1, **options).run([str(src)], incremental=True)


def test_a_second_ingest_skips_what_is_already_there(tmp_path):
    src, out = write_news(tmp_path / "in", 20), tmp_path / "out"
    first = ingest(src, out)
    second = ingest(src, out)
    assert (first.documents, first.skipped) == (20, 0)
    assert (second.documents, second.skipped) == (0, 20)
    assert load(out)["documents"].doc_id.is_unique and len(load(out)["documents"]) == 20
    runs = OutputFolder(out).run_entries()
    assert [r["status"] for r in runs] == ["done", "done"] and runs[1]["skipped"] == 20


def test_new_and_changed_documents_are_processed_and_the_latest_version_wins(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    ingest(write_news(src, 10), out)
    summary = ingest(write_news(src, 12, edited={3}), out)  # two new, one changed
    assert (summary.documents, summary.skipped) == (3, 9)
    latest = load(out)
    assert len(latest["documents"]) == 12 and latest["documents"].doc_id.is_unique
    assert latest["documents"].set_index("doc_id").text["n3"].endswith("แก้ไขแล้ว")
    assert latest["dates"].groupby("doc_id").size().eq(1).all()  # one date each, not two for n3
    assert len(load(out, latest=False)["documents"]) == 13


def test_reprocess_redoes_everything(tmp_path):
    src, out = write_news(tmp_path / "in", 5), tmp_path / "out"
    ingest(src, out)
    again = Runner(Pipeline.from_config(LIGHT), out, jobs=1).run([str(src)], incremental=False)
    assert again.documents == 5
    assert len(load(out)["documents"]) == 5 and len(load(out, latest=False)["documents"]) == 10


def test_compaction_changes_no_rows(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    for n in (4, 6, 8):
        ingest(write_news(src, n, edited={1} if n == 8 else ()), out)
    before = {t: f.sort_values(list(f.columns[:2])).reset_index(drop=True) for t, f in load(out).items() if t != "records"}
    assert len(OutputFolder(out).parts("tokens")) == 3
    compact(out)
    assert len(OutputFolder(out).parts("tokens")) == 1
    after = {t: f.sort_values(list(f.columns[:2])).reset_index(drop=True) for t, f in load(out).items() if t != "records"}
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table])
    assert ingest(src, out).skipped == 8  # what was committed before compaction still counts


def cli_ingest(src, out, *extra):
    return [sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "--out", str(out), "-q", *extra]


def assert_each_document_once(out, n):
    tables = load(out)
    assert sorted(tables["documents"].doc_id) == sorted(f"n{i}" for i in range(n))
    for name in ("sentences", "tokens", "dates", "records"):
        assert set(tables[name].doc_id) <= set(tables["documents"].doc_id)
    assert tables["dates"].groupby("doc_id").size().eq(1).all()
    assert tables["records"].doc_id.is_unique
    assert not list((out / "_thai_extract" / "staging").rglob("*.parquet"))  # nothing left half-committed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_run_killed_at_any_moment_is_completed_by_the_next_with_no_loss_or_duplicate(tmp_path, seed):
    src, out = write_news(tmp_path / "in", 2000), tmp_path / "out"  # about 2 s of work after 0.5 s of start-up
    config = tmp_path / "light.toml"
    config.write_text('[pipeline]\nstages = ["normalize", "segment", "dates"]\n')
    command = cli_ingest(src, out, "--config", str(config), "-j", "1", "--batch-size", "5", "--commit-every", "20")
    proc = subprocess.Popen(command, cwd=ROOT)
    time.sleep(random.Random(seed).uniform(0.6, 2.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert subprocess.run(command, cwd=ROOT).returncode == 0
    assert_each_document_once(out, 2000)


def test_a_commit_cut_short_after_its_journal_is_finished_by_the_next_run(tmp_path, monkeypatch):
    src, out = write_news(tmp_path / "in", 10), tmp_path / "out"

    def crash(self, entry):
        raise KeyboardInterrupt("killed between the journal and the renames")

    monkeypatch.setattr(OutputFolder, "_apply", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(src, out)
    assert not OutputFolder(out).parts("documents")  # nothing visible yet
    monkeypatch.undo()
    assert ingest(src, out).skipped == 10  # the journal counts: the next run rolls it forward
    assert_each_document_once(out, 10)


def test_concurrent_ingests_on_one_output_take_turns(tmp_path):
    src, out = write_news(tmp_path / "in", 200), tmp_path / "out"
    config = tmp_path / "light.toml"
    config.write_text('[pipeline]\nstages = ["normalize", "segment", "dates"]\n')
    command = cli_ingest(src, out, "--config", str(config), "-j", "1", "--commit-every", "50")
    procs = [subprocess.Popen(command, cwd=ROOT) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    assert_each_document_once(out, 200)
    assert sorted(r["documents"] for r in OutputFolder(out).run_entries()) == [0, 200]


def test_a_dask_local_cluster_writes_the_same_tables_as_the_process_pool(tmp_path):
    pytest.importorskip("dask.distributed")
    src = write_news(tmp_path / "in", 40)
    for engine in ("local", "dask"):
        Runner(Pipeline.from_config(LIGHT), tmp_path / engine, jobs=2, batch_docs=8, engine=engine).run([str(src)])
    for table in ("documents", "sentences", "tokens", "dates", "records", "errors"):
        local, dask = (load(tmp_path / e)[table].drop(columns=["run_id", "processed_at"], errors="ignore")
                       for e in ("local", "dask"))
        pd.testing.assert_frame_equal(local, dask)


def test_a_commit_killed_inside_its_renames_is_hidden_by_load_and_finished_by_recover(tmp_path, monkeypatch):
    out = tmp_path / "out"
    ingest(write_news(tmp_path / "old", 10), out)
    real_replace = os.replace

    def killed_before_documents(src, dst, *args, **kwargs):
        if "staging" in str(src) and "staging" not in str(dst) and Path(dst).parent.name == "documents":
            raise KeyboardInterrupt("killed between the other tables' renames and the documents table's")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr("thai_extract.io.output.os.replace", killed_before_documents)
    with pytest.raises(KeyboardInterrupt):
        ingest(write_news(tmp_path / "new", 5, start=10), out)
    monkeypatch.undo()
    assert pd.read_parquet(out / "dates").doc_id.nunique() == 15  # a plain reader sees the torn commit's rows
    tables = load(out)
    assert len(tables["documents"]) == 10 and set(tables["dates"].doc_id) == set(tables["documents"].doc_id)
    result = subprocess.run([sys.executable, "cli.py", "recover", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "1 unfinished commits completed" in " ".join((result.stdout + result.stderr).split())
    assert_each_document_once(out, 15)
    not_output = subprocess.run([sys.executable, "cli.py", "recover", str(tmp_path / "new")], cwd=ROOT, capture_output=True)
    assert not_output.returncode == 2


def test_ingest_on_an_existing_dask_cluster_writes_the_same_tables(tmp_path):
    pytest.importorskip("dask.distributed")
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 cwd=tmp_path, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                               "--no-dashboard"], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        src = write_news(tmp_path / "in", 30)
        config = tmp_path / "light.toml"
        config.write_text('[pipeline]\nstages = ["normalize", "segment", "dates"]\n')
        command = cli_ingest(src, tmp_path / "dask", "--config", str(config), "--engine", "dask", "--scheduler", address)
        assert subprocess.run(command, cwd=ROOT, timeout=120).returncode == 0
    finally:
        worker.terminate()
        scheduler.terminate()
        worker.wait(timeout=30)
        scheduler.wait(timeout=30)
    ingest(src, tmp_path / "local")
    for table in ("documents", "sentences", "dates", "records"):
        local, dask_rows = (load(tmp_path / e)[table].drop(columns=["run_id", "processed_at"], errors="ignore")
                            for e in ("local", "dask"))
        pd.testing.assert_frame_equal(local, dask_rows)
