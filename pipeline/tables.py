"""Turn processed Documents and Failures into rows of the output tables (column lists).

This is the one place where annotations become columns: each annotation table's columns are read
from the annotations' attributes of the same names (:mod:`thai_extract.io.schemas` gives the
names); ``doc_id`` and ``run_id`` come from the document and the run, and a ``sent_id`` the stage
left unset is the sentence that holds the annotation's start.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from thai_extract.document import Document, Failure, content_sha256
from thai_extract.errors import printable
from thai_extract.io.schemas import ANNOTATION_TABLES, TABLE_FIELDS, TABLES
from thai_extract.version import __version__

Columns = dict[str, list[Any]]
TableRows = dict[str, Columns]
"""Rows of every table, column-wise: ``rows["tokens"]["text"][i]``."""

_SUMMARY_LABELS = {"persons": "PERSON", "organizations": "ORGANIZATION", "locations": "LOCATION"}
_CONTEXT = ("doc_id", "run_id", "sent_id")
"""Columns not read from an annotation's own attribute (``sent_id`` only when the stage left it unset)."""


def empty_rows() -> TableRows:
    return {table: {name: [] for name, _ in TABLE_FIELDS[table]} for table in TABLES}


def _distinct(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None))


def _sentence_locator(doc: Document) -> Callable[[int], int | None]:
    """A function from an original offset to the id of the sentence that holds it (None outside all)."""
    starts = [s.start for s in doc.sentences]

    def sentence_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < doc.sentences[i].end else None

    return sentence_of


def _value(value: Any) -> Any:
    """An attribute as Arrow takes it (a tuple of parties becomes a list)."""
    return list(value) if isinstance(value, tuple) else value


def annotation_columns(table: str, annotations: Sequence[Any], sent_ids: Sequence[int | None]) -> Columns:
    """The columns of ``table`` (but doc_id and run_id) for ``annotations``, with their ``sent_ids``."""
    names = [n for n, _ in TABLE_FIELDS[table] if n not in ("doc_id", "run_id")]
    columns: Columns = {}
    for name in names:
        if name == "sent_id":
            columns[name] = list(sent_ids)
        else:
            columns[name] = [_value(getattr(a, name)) for a in annotations]
    return columns


def as_row(annotation: Any) -> dict[str, Any]:
    """An annotation as a plain dict of its fields (tuples as lists): a nested row of ``records``."""
    return {f.name: _value(getattr(annotation, f.name)) for f in fields(annotation)}


class RowBuilder:
    """Collects the rows of many documents; ``take()`` hands them over and starts afresh."""

    def __init__(self, run_id: str = "", processed_at: dt.datetime | None = None) -> None:
        self.run_id = run_id
        self.processed_at = processed_at or dt.datetime.now(dt.timezone.utc)
        self.rows = empty_rows()

    def take(self) -> TableRows:
        rows, self.rows = self.rows, empty_rows()
        return rows

    def _append(self, table: str, row: dict[str, Any]) -> None:
        columns = self.rows[table]
        for name, values in columns.items():
            values.append(self.run_id if name == "run_id" else row.get(name))

    def _extend(self, table: str, doc_id: str, columns: Columns, n: int) -> None:
        target = self.rows[table]
        for name, values in target.items():
            if name == "doc_id":
                values.extend([doc_id] * n)
            elif name == "run_id":
                values.extend([self.run_id] * n)
            else:
                values.extend(columns[name])

    def add_failure(self, failure: Failure) -> None:
        """An errors row; text that cannot be written as UTF-8 is shown with escapes."""
        row = {k: printable(v) if isinstance(v, str) else v for k, v in failure.__dict__.items()}
        self._append("errors", {**row, "run_id": self.run_id, "processed_at": self.processed_at})

    def add_document(self, doc: Document) -> None:
        doc_id = doc.doc_id
        self._append("documents", {
            "doc_id": doc_id, "source": doc.source, "title": doc.title, "published": doc.published,
            "text": doc.text, "body_start": doc.body_start, "text_clean": doc.work, "n_sentences": len(doc.sentences),
            "n_tokens": len(doc.tokens), "n_chars": len(doc.text),
            "content_sha256": content_sha256(doc.text),
            "pipeline_version": __version__, "run_id": self.run_id, "processed_at": self.processed_at,
        })
        sentences = doc.sentences
        self._extend("sentences", doc_id, {
            "sent_id": list(range(len(sentences))), "start": [s.start for s in sentences],
            "end": [s.end for s in sentences], "text": [s.text for s in sentences],
        }, len(sentences))
        tokens = doc.tokens
        self._extend("tokens", doc_id, {
            "sent_id": [t.sent_id for t in tokens], "tok_id": list(range(len(tokens))),
            "start": [t.start for t in tokens], "end": [t.end for t in tokens], "text": [t.text for t in tokens],
        }, len(tokens))
        sentence_of = _sentence_locator(doc)
        sent_ids = {}
        for table in ANNOTATION_TABLES:
            annotations = getattr(doc, table)
            sent_ids[table] = [a.sent_id if a.sent_id is not None else sentence_of(a.start) for a in annotations]
            self._extend(table, doc_id, annotation_columns(table, annotations, sent_ids[table]), len(annotations))
        self._append("records", self._record(doc, sent_ids))

    @staticmethod
    def _record(doc: Document, sent_ids: dict[str, list[int | None]]) -> dict[str, Any]:
        """The nested record of a document, from the same annotations as the flat tables."""
        record: dict[str, Any] = {
            "doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "published": doc.published,
        }
        for table in ANNOTATION_TABLES:
            record[table] = [{**as_row(a), "sent_id": s} for a, s in zip(getattr(doc, table), sent_ids[table])]
        for column, label in _SUMMARY_LABELS.items():
            record[column] = _distinct([e.canonical or e.text for e in doc.entities if e.label == label])
        record["countries"] = _distinct([
            e.canonical for e in doc.entities
            if e.label == "LOCATION" and isinstance(e.canonical, str) and len(e.canonical) == 2 and e.canonical.isupper()
        ])
        starts = [d.start_date for d in doc.dates if d.start_date is not None]
        ends = [d.end_date for d in doc.dates if d.end_date is not None]
        record["date_min"] = min(starts) if starts else None
        record["date_max"] = max(ends) if ends else None
        record["areas"] = _distinct([c.area for c in doc.cooperation])
        return record
