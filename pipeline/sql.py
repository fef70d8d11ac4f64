"""SQL over an output folder, the way ``load()`` reads it: DuckDB views of each document's latest run.

A plain ``read_parquet('out/tokens/*.parquet')`` sees every run's rows: after a document is
processed twice (its text changed, or ``--mode append``), it is counted twice. The ``latest_<table>``
views keep, like ``load()``, only the rows of each document's latest run (the documents table is
the commit point: its latest row per doc_id names the run); ``errors`` keeps every row.
"""

from __future__ import annotations

from pathlib import Path

from thai_extract.io.schemas import TABLES


def _glob(out_dir: Path, table: str) -> str:
    path = (out_dir / table).resolve() / "part-*.parquet"
    return str(path).replace("'", "''")


def latest_views(out_dir: str | Path) -> str:
    """CREATE VIEW statements (DuckDB SQL) for ``latest_<table>`` of every table under ``out_dir``."""
    out_dir = Path(out_dir)
    present = [t for t in TABLES if (out_dir / t).is_dir() and any((out_dir / t).glob("part-*.parquet"))]
    statements = []
    if "documents" in present:
        statements.append(
            "CREATE OR REPLACE VIEW latest_documents AS\n"
            "SELECT * EXCLUDE (_rank) FROM (\n"
            "  SELECT *, row_number() OVER (PARTITION BY doc_id ORDER BY processed_at DESC, run_id DESC) AS _rank\n"
            f"  FROM read_parquet('{_glob(out_dir, 'documents')}', union_by_name = true)\n"
            ") WHERE _rank = 1;")
    for table in present:
        if table == "documents":
            continue
        source = f"read_parquet('{_glob(out_dir, table)}', union_by_name = true)"
        if table == "errors" or "documents" not in present:
            statements.append(f"CREATE OR REPLACE VIEW latest_{table} AS SELECT * FROM {source};")
        else:
            statements.append(
                f"CREATE OR REPLACE VIEW latest_{table} AS\n"
                f"SELECT t.* FROM {source} AS t\n"
                "SEMI JOIN latest_documents AS d ON t.doc_id = d.doc_id AND t.run_id = d.run_id;")
    return "\n".join(statements)
