"""The output folder's bookkeeping: a lock, staged part files, commit journals, recovery, run manifest.

Layout (the ``_thai_extract`` folder starts with ``_``, so Parquet readers skip it)::

    out/<table>/part-<run>-<n>.parquet       visible, committed rows
    out/_thai_extract/lock                   held (flock) by the one run that writes
    out/_thai_extract/staging/<run>/<table>/ part files written but not yet committed
    out/_thai_extract/commits/<run>-<n>.json a commit being put in place: its files and documents
    out/_thai_extract/runs/<run>.json        one entry per run (and compaction): times, counts, version, inputs

A commit is a group of whole documents across every table. Its journal is written (atomically)
before its files are renamed into place, so a run killed at any moment is completed or undone by
the next one (or by ``thai-extract recover``): a journal still there is rolled forward, staging
without a journal is deleted. Once a commit's files are in place (and the folder's entries are
flushed to disk) its journal is deleted. The documents table's file is renamed last, so it is the
commit point for readers that know nothing of journals: a row of another table whose (doc_id,
run_id) is not in documents belongs to a commit still being put in place, and ``load()`` leaves it
out.

Only part files named as thai-extract names them, by a run this folder's manifest records, are
ours (:meth:`OutputFolder.parts`): other files in a table folder are never read by ``load()``,
compacted or deleted.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

META_DIR = "_thai_extract"
PART_NAME = re.compile(r"^part-(?P<run>[\w.-]+?)-\d{5}(?:~(?P<compaction>compact-[\w.-]+))?\.parquet$")
"""A part file written by a run (``part-<run>-<n>.parquet``) or merged by a compaction (``...~compact-<id>``)."""
COMMIT_POINT_TABLE = "documents"
DocKey = tuple[str, str]
"""(doc_id, content_sha256): what makes a document already processed."""


class Recovery(NamedTuple):
    """What ``OutputFolder.recover`` did: commits it finished, and killed runs' staging it deleted."""

    finished_commits: int
    discarded_runs: int


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, fsync and a rename (itself flushed)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (the renames into it) to disk, so a power cut cannot undo them."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


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
    def locked(self, on_wait: Callable[[], None] | None = None) -> Iterator[Recovery]:
        """Hold the folder's write lock, recovering first; yields what the recovery did.

        When another run holds the lock, ``on_wait()`` is called once, then this waits for it.
        """
        for path in (self.commits, self.runs, self.meta / "staging"):
            path.mkdir(parents=True, exist_ok=True)
        with open(self.meta / "lock", "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait()
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
        folders = set()
        for rel in sorted(entry["files"], key=lambda rel: rel.split("/", 1)[0] == COMMIT_POINT_TABLE):
            staged, visible = staging / rel, self.root / rel
            if staged.exists():
                visible.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, visible)
                folders.add(visible.parent)
        for rel in entry.get("remove", []):
            (self.root / rel).unlink(missing_ok=True)
            folders.add((self.root / rel).parent)
        for folder in folders:
            fsync_dir(folder)
        # the commit is durable: its journal has done its job
        (self.commits / f"{entry['run_id']}-{entry['seq']:05d}.json").unlink(missing_ok=True)

    def recover(self) -> Recovery:
        """Finish commits a killed run left half done; drop what it staged but never committed.

        Call it under the lock (``locked()`` does).
        """
        finished = discarded = 0
        for journal in sorted(self.commits.glob("*.json")):
            if journal.with_suffix(".done").exists():  # left by an earlier version, which kept journals
                journal.unlink()
            else:
                self._apply(json.loads(journal.read_text(encoding="utf-8")))
                finished += 1
        for done in self.commits.glob("*.done"):
            done.unlink()
        staging_root = self.meta / "staging"
        if staging_root.is_dir():
            for leftover in staging_root.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)
                discarded += 1
        for tmp in self.meta.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)
        return Recovery(finished, discarded)

    def committed_docs(self) -> set[DocKey]:
        """Every (doc_id, content_sha256) of the documents table: what finished commits hold."""
        import pyarrow.parquet as pq

        keys: set[DocKey] = set()
        for part in self.parts(COMMIT_POINT_TABLE):
            table = pq.read_table(part, columns=["doc_id", "content_sha256"])
            keys.update(zip(table.column("doc_id").to_pylist(), table.column("content_sha256").to_pylist()))
        return keys

    # -- part files -------------------------------------------------------------------------------
    def run_ids(self) -> set[str]:
        """The runs (and compactions) this folder's manifest records."""
        return {p.stem for p in self.runs.glob("*.json")} if self.runs.is_dir() else set()

    def parts(self, table: str, runs: set[str] | None = None) -> list[Path]:
        """The committed part files of ``table`` that are ours, in name (= run) order.

        Ours: named ``part-<run>-<n>.parquet`` (or merged by a compaction) by a run in the manifest.
        """
        folder = self.root / table
        if not folder.is_dir():
            return []
        runs = self.run_ids() if runs is None else runs
        return sorted(p for p in folder.iterdir()
                      if (m := PART_NAME.match(p.name)) and m.group("run") in runs)

    def foreign_files(self, table: str) -> list[Path]:
        """Files in ``table``'s folder that are not our part files (left alone, reported)."""
        folder = self.root / table
        if not folder.is_dir():
            return []
        ours = set(self.parts(table))
        return sorted(p for p in folder.iterdir() if p not in ours and not p.name.startswith("."))

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
