"""Writing the output tables as Parquet datasets: one folder per table, part files appended per run.

A part file appears whole or not at all: it is written under a hidden temporary name (readers skip
names starting with ``.``) and renamed into place.
"""

from __future__ import annotations

import json
import os
import shutil
import secrets
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from thai_extract.io.output import OutputFolder
from thai_extract.io.schemas import SCHEMAS, TABLES
from thai_extract.tables import TableRows
from thai_extract.version import __version__

DEFAULT_FLUSH_ROWS = 250_000
DEFAULT_FLUSH_BYTES = 64 * 1024 * 1024  # documents hold whole texts: bound the buffer by size too


def new_run_id() -> str:
    """A sortable, unique id for one run: UTC time plus a random suffix."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def to_arrow(rows: TableRows) -> dict[str, pa.Table]:
    """Column lists as Arrow tables with the output schemas (tables without rows left out).

    Workers call this, so that the conversion runs in parallel and only Arrow buffers travel.
    """
    tables = {}
    for table, columns in rows.items():
        if columns and len(next(iter(columns.values()))):
            tables[table] = pa.Table.from_pydict(columns, schema=SCHEMAS[table])
    return tables


def write_table_atomically(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:  # a file object: pyarrow never reads a local path as a URI ("s3:/x")
            pq.write_table(table, fh, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class DatasetWriter:
    """Buffers rows per table and commits them, whole documents at a time, under ``out_dir/<table>/``.

    Part files are written to the run's staging folder and made visible by a commit
    (:class:`~thai_extract.io.output.OutputFolder`): when any table's buffer is full, every table is
    flushed and committed together, so visible part files always hold whole documents. The caller
    holds the folder's lock. ``metadata`` (the resolved config, say) is stored in every part
    file's schema metadata. Leaving the context normally commits what is buffered and makes sure
    every table has a part file, so that each dataset can be read. ``replace`` lists visible part
    files (relative to ``out_dir``) that the first commit removes, in the same atomic step.
    """

    def __init__(self, out_dir: str | Path, run_id: str | None = None,
                 metadata: Mapping[str, Any] | None = None, flush_rows: int = DEFAULT_FLUSH_ROWS,
                 flush_bytes: int = DEFAULT_FLUSH_BYTES, flush_docs: int | None = None,
                 replace: list[str] | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.folder = OutputFolder(self.out_dir)
        self.run_id = run_id or new_run_id()
        self.flush_rows = flush_rows
        self.flush_bytes = flush_bytes
        self.flush_docs = flush_docs
        meta = {"thai_extract.pipeline_version": __version__, "thai_extract.run_id": self.run_id}
        meta.update({f"thai_extract.{k}": json.dumps(v, ensure_ascii=False, default=str)
                     for k, v in (metadata or {}).items()})
        self.schemas = {t: SCHEMAS[t].with_metadata(meta) for t in TABLES}
        self.buffers: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
        self.buffered_rows = dict.fromkeys(TABLES, 0)
        self.buffered_bytes = dict.fromkeys(TABLES, 0)
        self.rows_written = dict.fromkeys(TABLES, 0)
        self.parts_written = dict.fromkeys(TABLES, 0)
        self.commits = 0
        self.replace = list(replace or [])  # visible files the first commit removes (run --mode overwrite)
        for table in TABLES:
            (self.out_dir / table).mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()

    def add(self, rows: TableRows | Mapping[str, pa.Table]) -> None:
        """Buffer the rows of some whole documents (column lists or Arrow tables); commit when full."""
        tables = rows if all(isinstance(t, pa.Table) for t in rows.values()) else to_arrow(rows)  # type: ignore[arg-type]
        full = False
        for table, arrow in tables.items():
            if not arrow.num_rows:
                continue
            self.buffers[table].append(arrow)
            self.buffered_rows[table] += arrow.num_rows
            self.buffered_bytes[table] += arrow.nbytes
            full |= self.buffered_rows[table] >= self.flush_rows or self.buffered_bytes[table] >= self.flush_bytes
        if self.flush_docs and self.buffered_rows["documents"] >= self.flush_docs:
            full = True
        if full:
            self.commit()

    def commit(self, tables: tuple[str, ...] | None = None) -> None:
        """Write the buffered rows of ``tables`` (default: those with rows) and make them visible at once."""
        staging = self.folder.staging(self.run_id)
        files: list[str] = []
        docs: list[tuple[str, str]] = []
        for table in tables or [t for t in TABLES if self.buffered_rows[t]]:
            schema = self.schemas[table]
            chunks = self.buffers[table]
            arrow = pa.concat_tables(chunks).replace_schema_metadata(schema.metadata) if chunks else schema.empty_table()
            if table == "documents":
                docs = list(zip(arrow.column("doc_id").to_pylist(), arrow.column("content_sha256").to_pylist()))
            rel = f"{table}/part-{self.run_id}-{self.parts_written[table]:05d}.parquet"
            (staging / table).mkdir(parents=True, exist_ok=True)
            write_table_atomically(arrow, staging / rel)
            files.append(rel)
            self.parts_written[table] += 1
            self.rows_written[table] += arrow.num_rows
            self.buffers[table] = []
            self.buffered_rows[table] = 0
            self.buffered_bytes[table] = 0
        if files:
            self.folder.commit(self.run_id, self.commits, files, docs, remove=self.replace)
            self.replace = []
            self.commits += 1

    def close(self) -> None:
        self.commit()
        runs = self.folder.run_ids() | {self.run_id}
        empty = tuple(t for t in TABLES if not self.folder.parts(t, runs))
        if empty:
            self.commit(empty)
        shutil.rmtree(self.folder.staging(self.run_id), ignore_errors=True)
