"""Compaction: merge a table's many small part files into one, without changing what readers get."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq

from thai_extract.io.output import OutputFolder
from thai_extract.io.schemas import SCHEMAS, TABLES
from thai_extract.io.writer import new_run_id
from thai_extract.version import __version__


@dataclass
class Compaction:
    """What ``compact`` did: part files before and after per table, and files it left alone."""

    run_id: str
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)
    foreign: list[Path] = field(default_factory=list)


def compact(out_dir: str | Path, min_parts: int = 2) -> Compaction:
    """Merge the part files of every table that has at least ``min_parts`` of ours.

    Rows keep their order and columns. Only our part files are merged and deleted (see
    ``OutputFolder.parts``); any other file in a table folder is left alone and reported. The merged
    file is committed like a run's files, under the folder's lock, so a compaction killed at any
    moment is finished by the next run or compaction; the compaction is recorded in the run manifest.
    """
    out_dir = Path(out_dir)
    folder = OutputFolder(out_dir)
    run_id = "compact-" + new_run_id()
    result = Compaction(run_id)
    started = dt.datetime.now(dt.timezone.utc)
    with folder.locked():
        folder.record_run(run_id, {"run_id": run_id, "command": "compact", "started": started.isoformat(),
                                   "status": "running", "pipeline_version": __version__})
        for seq, table in enumerate(TABLES):
            result.foreign += folder.foreign_files(table)
            parts = folder.parts(table)
            if len(parts) < min_parts:
                continue
            metadata = pq.read_schema(parts[-1]).metadata
            schema = SCHEMAS[table].with_metadata(metadata)
            # named after the first part it replaces, so part files keep their run order
            rel = f"{table}/{parts[0].name.split('~')[0].removesuffix('.parquet')}~{run_id}.parquet"
            staged = folder.staging(run_id) / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            with pq.ParquetWriter(staged, schema, compression="zstd") as writer:
                for batch in pads.dataset([str(p) for p in parts], format="parquet", schema=SCHEMAS[table]).to_batches():
                    writer.write_batch(batch)
            folder.commit(run_id, seq, [rel], docs=(), remove=[f"{table}/{p.name}" for p in parts])
            result.tables[table] = (len(parts), 1)
        shutil.rmtree(folder.staging(run_id), ignore_errors=True)
        folder.record_run(run_id, {"run_id": run_id, "command": "compact", "started": started.isoformat(),
                                   "status": "done", "finished": dt.datetime.now(dt.timezone.utc).isoformat(),
                                   "pipeline_version": __version__, "tables": result.tables,
                                   "left_alone": [str(p) for p in result.foreign]})
    return result
