"""Compaction: merge a table's many small part files into one, without changing what readers get."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq

from thai_extract.io.output import OutputFolder
from thai_extract.io.schemas import SCHEMAS, TABLES
from thai_extract.io.writer import new_run_id


def visible_parts(out_dir: Path, table: str) -> list[Path]:
    """The committed part files of ``table``, in name (= run) order."""
    folder = out_dir / table
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.parquet") if not p.name.startswith((".", "_")))


def compact(out_dir: str | Path, min_parts: int = 2) -> dict[str, tuple[int, int]]:
    """Merge the part files of every table that has at least ``min_parts``; returns {table: (before, after)}.

    Rows keep their order and columns. The merged file is committed like a run's files, under the
    folder's lock, so a compaction killed at any moment is finished by the next run or compaction.
    """
    out_dir = Path(out_dir)
    folder = OutputFolder(out_dir)
    run_id = "compact-" + new_run_id()
    result: dict[str, tuple[int, int]] = {}
    with folder.locked():
        for seq, table in enumerate(TABLES):
            parts = visible_parts(out_dir, table)
            if len(parts) < min_parts:
                continue
            metadata = pq.read_schema(parts[-1]).metadata
            schema = SCHEMAS[table].with_metadata(metadata)
            # named after the first part it replaces, so part files keep their run order
            rel = f"{table}/{parts[0].stem}~{run_id}.parquet"
            staged = folder.staging(run_id) / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            with pq.ParquetWriter(staged, schema, compression="zstd") as writer:
                for batch in pads.dataset([str(p) for p in parts], format="parquet", schema=SCHEMAS[table]).to_batches():
                    writer.write_batch(batch)
            folder.commit(run_id, seq, [rel], docs=(), remove=[f"{table}/{p.name}" for p in parts])
            result[table] = (len(parts), 1)
    return result
