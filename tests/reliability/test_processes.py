"""Killed runs: nothing outlives the main process, and SIGTERM stops a run cleanly."""

from __future__ import annotations

import gc
import json
import multiprocessing.queues
import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thai_extract.io.output import OutputFolder
from thai_extract.stages.base import TEXT
from tests.conftest import ROOT
from tests.reliability.conftest import LIGHT_CONFIG, THAI


def many_documents(folder: Path, n: int) -> Path:
    folder.mkdir()
    with open(folder / "news.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": f"{THAI} ข่าวที่ {i} " * 20}, ensure_ascii=False) + "\n")
    return folder


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = set(), [pid]
    while frontier:
        for child in children.get(frontier.pop(), []):
            found.add(child)
            frontier.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_run(tmp_path: Path, *extra: str) -> subprocess.Popen:
    src = many_documents(tmp_path / "in", 3000)
    config = tmp_path / "light.toml"
    config.write_text(LIGHT_CONFIG, encoding="utf-8")
    command = [sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "--out", str(tmp_path / "out"),
               "--config", str(config), "--batch-size", "4", "-q", *extra]
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True)


def wait_for_workers(proc: subprocess.Popen, n: int, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = descendants(proc.pid)
        if len(workers) >= n:
            return workers
        time.sleep(0.2)
    raise AssertionError(f"the run did not start {n} worker processes")


@pytest.mark.slow
def test_killing_only_the_main_process_leaves_no_worker_behind(tmp_path):
    proc = start_run(tmp_path, "-j", "2")
    workers = wait_for_workers(proc, 3)  # the forkserver and two workers
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)  # what a scheduler timeout or the OOM killer does
    proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if alive(p)]


@pytest.mark.slow
def test_sigterm_stops_a_run_cleanly_with_exit_143(tmp_path):
    proc = start_run(tmp_path, "-j", "2", "--commit-every", "40")
    workers = wait_for_workers(proc, 3)
    time.sleep(2.0)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    [entry] = OutputFolder(tmp_path / "out").run_entries()
    assert entry["status"] == "interrupted"
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if alive(p)]


HALF_A_RESULT = """
import datetime as dt, struct, time
from thai_extract.core import Pipeline
from thai_extract.registry import build_stages
from thai_extract.runner import _Pool

pool = _Pool(2, Pipeline(build_stages({"pipeline": {"stages": ["normalize"]}})), "r", dt.datetime.now(dt.timezone.utc))
pool.warm_up()
# what a worker stopped halfway through sending a result leaves in the result pipe: a header
# announcing 1 MB, then a few bytes of it
results = pool.executor._result_queue
results._writer._send(struct.pack("!i", 1 << 20) + b"half")
deadline = time.monotonic() + 10
while results._reader.poll(0) and time.monotonic() < deadline:  # until the pool's thread reads it
    time.sleep(0.01)
pool.close(interrupted=True)
"""


@pytest.mark.slow
def test_a_worker_stopped_halfway_through_a_result_does_not_hang_the_exit():
    # the interpreter's exit joins the pool's manager thread, which must not wait for the rest of
    # that result for ever (a SIGTERM'd run once hung so)
    done = subprocess.run([sys.executable, "-c", HALF_A_RESULT], cwd=ROOT, timeout=60, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


class SendHalfAResult:
    """A stage whose worker, on 'HALF', dies halfway through sending a result (what an out-of-memory
    kill at the wrong moment does)."""

    name, needs, provides = "send_half_a_result", frozenset({TEXT}), frozenset()

    def config(self):
        return {}

    def __call__(self, doc):
        if "HALF" in doc.text:
            [results] = [o for o in gc.get_objects() if type(o) is multiprocessing.queues.SimpleQueue]
            results._writer._send(struct.pack("!i", 1 << 20) + b"half")
            os._exit(17)
        return doc


RUN_WITH_HALF_A_RESULT = """
import sys
from thai_extract.core import Pipeline
from thai_extract.registry import build_stages
from thai_extract.runner import Runner
from tests.reliability.test_processes import SendHalfAResult

stages = [SendHalfAResult(), *build_stages({"pipeline": {"stages": ["normalize"]}})]
summary = Runner(Pipeline(stages), sys.argv[2], jobs=2, batch_docs=1).run([sys.argv[1]])
print(summary.documents, summary.errors)
"""


@pytest.mark.slow
def test_a_worker_that_dies_halfway_through_a_result_costs_only_its_own_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(["ข่าวหนึ่ง", "HALF ข่าวสอง", "ข่าวสาม", "ข่าวสี่"]):
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", RUN_WITH_HALF_A_RESULT, str(folder), str(tmp_path / "out")],
                          cwd=ROOT, timeout=120, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "1"]  # the other documents are written; that one is an errors row
