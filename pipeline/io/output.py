"""The output folder's bookkeeping: a lock, staged part files, commit journals, recovery, run manifest.

Layout (the ``_thai_extract`` folder starts with ``_``, so Parquet readers skip it)::

    out/<table>/part-<run>-<n>.parquet       visible, committed rows
    out/_thai_extract/lock                   held (flock) by the one run that writes
    out/_thai_extract/staging/<run>/<table>/ part files written but not yet committed
    out/_thai_extract/commits/<run>-<n>.json a commit: its files and the documents they hold
    out/_thai_extract/commits/<run>-<n>.done the commit's files are all in place
    out/_thai_extract/runs/<run>.json        one entry per run: times, counts, version, inputs

A commit is a group of whole documents across every table. Its journal is written (atomically)
before its files are renamed into place, so a run killed at any moment is completed or undone by
the next one (or by ``thai-extract recover``): journals without ``.done`` are rolled forward, staging
without a journal is deleted. The documents table's file is renamed last, so it is the commit point
for readers that know nothing of journals: a row of another table whose (doc_id, run_id) is not in
documents belongs to a commit still being put in place, and ``load()`` leaves it out.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

META_DIR = "_thai_extract"
COMMIT_POINT_TABLE = "documents"
DocKey = tuple[str, str]
"""(doc_id, content_sha256): what makes a document already processed."""


class Recovery(NamedTuple):
    """What ``OutputFolder.recover`` did: commits it finished, and killed runs' staging it deleted."""

    finished_commits: int
    discarded_runs: int


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, fsync and a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class OutputFolder:
    """The bookkeeping of one output folder (see the module docstring)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.meta = self.root / META_DIR
        self.commits = self.meta / "commits"
        self.runs = self.meta / "runs"

    def staging(self, run_id: str) -> Path:
        return self.meta / "staging" / run_id

    @contextmanager
    def locked(self) -> Iterator[Recovery]:
        """Hold the folder's write lock (waits for another run to finish), recovering first; yields
        what the recovery did."""
        for path in (self.commits, self.runs, self.meta / "staging"):
            path.mkdir(parents=True, exist_ok=True)
        with open(self.meta / "lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield self.recover()
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- commits -------------------------------------------------------------------------------
    def commit(self, run_id: str, seq: int, files: list[str], docs: Iterable[DocKey],
               remove: Iterable[str] = ()) -> None:
        """Make staged ``files`` (paths relative to the staging folder: ``<table>/<name>``) visible.

        ``remove`` lists visible files the commit replaces (compaction).
        """
        name = f"{run_id}-{seq:05d}"
        self.commits.mkdir(parents=True, exist_ok=True)
        entry = {"run_id": run_id, "seq": seq, "files": files, "remove": list(remove),
                 "docs": [list(k) for k in docs]}
        write_text_atomically(self.commits / f"{name}.json", json.dumps(entry, ensure_ascii=False))
        self._apply(entry)

    def _apply(self, entry: dict[str, Any]) -> None:
        staging = self.staging(entry["run_id"])
        # the documents table goes last: a document a plain Parquet reader sees there has all its rows
        # in place in every other table, even while a commit is being renamed into place
        for rel in sorted(entry["files"], key=lambda rel: rel.split("/", 1)[0] == COMMIT_POINT_TABLE):
            staged, visible = staging / rel, self.root / rel
            if staged.exists():
                visible.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, visible)
        for rel in entry.get("remove", []):
            (self.root / rel).unlink(missing_ok=True)
        (self.commits / f"{entry['run_id']}-{entry['seq']:05d}.done").touch()

    def recover(self) -> Recovery:
        """Finish commits a killed run left half done; drop what it staged but never committed.

        Call it under the lock (``locked()`` does).
        """
        finished = discarded = 0
        for journal in sorted(self.commits.glob("*.json")):
            if not journal.with_suffix(".done").exists():
                self._apply(json.loads(journal.read_text(encoding="utf-8")))
                finished += 1
        staging_root = self.meta / "staging"
        if staging_root.is_dir():
            for leftover in staging_root.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)
                discarded += 1
        for tmp in self.meta.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)
        return Recovery(finished, discarded)

    def committed_docs(self) -> set[DocKey]:
        """Every (doc_id, content_sha256) that a finished commit holds."""
        keys: set[DocKey] = set()
        if not self.commits.is_dir():
            return keys
        for journal in self.commits.glob("*.json"):
            keys.update((d, h) for d, h in json.loads(journal.read_text(encoding="utf-8"))["docs"])
        return keys

    # -- run manifest -----------------------------------------------------------------------------
    def record_run(self, run_id: str, entry: dict[str, Any]) -> None:
        """Write (or overwrite) the manifest entry of run ``run_id``."""
        self.runs.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.runs / f"{run_id}.json",
                              json.dumps(entry, ensure_ascii=False, indent=1, default=str))

    def run_entries(self) -> list[dict[str, Any]]:
        """The manifest: one entry per run, oldest first."""
        if not self.runs.is_dir():
            return []
        entries = [json.loads(p.read_text(encoding="utf-8")) for p in self.runs.glob("*.json")]
        return sorted(entries, key=lambda e: (e.get("started", ""), e.get("run_id", "")))
