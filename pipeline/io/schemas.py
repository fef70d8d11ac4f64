"""The explicit pyarrow schema of every output table (see README "Output tables")."""

from __future__ import annotations

import pyarrow as pa

STRING = pa.string()
INT32 = pa.int32()

_SPAN = [("doc_id", STRING), ("sent_id", INT32), ("start", INT32), ("end", INT32)]
RUN = [("run_id", STRING)]  # which run wrote the row: the loader keeps each document's latest run

TABLE_FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "documents": [
        ("doc_id", STRING), ("source", STRING), ("title", STRING), ("published", pa.date32()),
        ("text", STRING), ("body_start", INT32), ("text_clean", STRING), ("n_sentences", INT32), ("n_tokens", INT32),
        ("n_chars", INT32), ("content_sha256", STRING), ("pipeline_version", STRING), ("run_id", STRING),
        ("processed_at", pa.timestamp("us", tz="UTC")),
    ],
    "sentences": [("doc_id", STRING), ("sent_id", INT32), ("start", INT32), ("end", INT32), ("text", STRING)] + RUN,
    "tokens": [
        ("doc_id", STRING), ("sent_id", INT32), ("tok_id", INT32), ("start", INT32), ("end", INT32),
        ("text", STRING),
    ] + RUN,
    "corrections": _SPAN + [
        ("original", STRING), ("text", STRING), ("score", pa.float32()), ("method", STRING),
        ("applied", pa.bool_()),
    ] + RUN,
    "entities": _SPAN + [
        ("text", STRING), ("label", STRING), ("canonical", STRING), ("score", pa.float32()), ("source", STRING),
    ] + RUN,
    "dates": _SPAN + [
        ("text", STRING), ("start_date", pa.date32()), ("end_date", pa.date32()), ("granularity", STRING),
        ("relative", pa.bool_()), ("time", STRING),
    ] + RUN,
    "cooperation": _SPAN + [
        ("text", STRING), ("area", STRING), ("parties", pa.list_(STRING)), ("score", pa.float32()),
        ("area_parent", STRING), ("party_kinds", pa.list_(STRING)),
    ] + RUN,
    "cooperation_events": _SPAN + [
        ("text", STRING), ("parties", pa.list_(STRING)), ("party_kinds", pa.list_(STRING)),
        ("areas", pa.list_(STRING)), ("kind", STRING), ("start_date", pa.date32()), ("end_date", pa.date32()),
        ("date_source", STRING),
    ] + RUN,
    "errors": [
        ("source", STRING), ("doc_id", STRING), ("stage", STRING), ("reason", STRING), ("detail", STRING),
        ("run_id", STRING), ("processed_at", pa.timestamp("us", tz="UTC")),
    ],
}

ANNOTATION_TABLES = ("corrections", "entities", "dates", "cooperation", "cooperation_events")
"""Tables of annotations, one row per annotation of a Document list of the same name."""


def _struct_of(table: str) -> pa.DataType:
    return pa.struct([pa.field(n, t) for n, t in TABLE_FIELDS[table] if n not in ("doc_id", "run_id")])


TABLE_FIELDS["records"] = [
    ("doc_id", STRING), ("source", STRING), ("title", STRING), ("published", pa.date32()),
    *[(name, pa.list_(_struct_of(name))) for name in ANNOTATION_TABLES],
    ("persons", pa.list_(STRING)), ("organizations", pa.list_(STRING)), ("locations", pa.list_(STRING)),
    ("countries", pa.list_(STRING)), ("date_min", pa.date32()), ("date_max", pa.date32()),
    ("areas", pa.list_(STRING)),
] + RUN

SCHEMAS: dict[str, pa.Schema] = {name: pa.schema(fields) for name, fields in TABLE_FIELDS.items()}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
"""Every output table, in the order they are written."""
