"""Turn processed Documents and Failures into rows of the output tables (column lists)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from thai_extract.document import Document, Failure, content_sha256
from thai_extract.io.schemas import ANNOTATION_TABLES, TABLE_FIELDS, TABLES
from thai_extract.version import __version__

Columns = dict[str, list[Any]]
TableRows = dict[str, Columns]
"""Rows of every table, column-wise: ``rows["tokens"]["text"][i]``."""

_SUMMARY_LABELS = {"persons": "PERSON", "organizations": "ORGANIZATION", "locations": "LOCATION"}


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


class RowBuilder:
    """Collects the rows of many documents; ``take()`` hands them over and starts afresh.

    Stages add annotation rows (dicts with the table's columns but ``doc_id``); a row without a
    ``sent_id`` gets the sentence that holds its ``start``, so stages need not know the sentences.
    """

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

    def add_failure(self, failure: Failure) -> None:
        self._append("errors", {**failure.__dict__, "run_id": self.run_id, "processed_at": self.processed_at})

    def add_document(self, doc: Document) -> None:
        doc_id = doc.doc_id
        self._append("documents", {
            "doc_id": doc_id, "source": doc.source, "title": doc.title, "published": doc.published,
            "text": doc.text, "body_start": doc.body_start, "text_clean": doc.work, "n_sentences": len(doc.sentences),
            "n_tokens": len(doc.tokens), "n_chars": len(doc.text),
            "content_sha256": content_sha256(doc.text),
            "pipeline_version": __version__, "run_id": self.run_id, "processed_at": self.processed_at,
        })
        sentences = self.rows["sentences"]
        for sent_id, s in enumerate(doc.sentences):
            sentences["doc_id"].append(doc_id)
            sentences["sent_id"].append(sent_id)
            sentences["start"].append(s.start)
            sentences["end"].append(s.end)
            sentences["text"].append(s.text)
            sentences["run_id"].append(self.run_id)
        tokens = self.rows["tokens"]
        n = len(doc.tokens)
        tokens["doc_id"].extend([doc_id] * n)
        tokens["tok_id"].extend(range(n))
        tokens["sent_id"].extend(t.sent_id for t in doc.tokens)
        tokens["start"].extend(t.start for t in doc.tokens)
        tokens["end"].extend(t.end for t in doc.tokens)
        tokens["text"].extend(t.text for t in doc.tokens)
        tokens["run_id"].extend([self.run_id] * n)
        sentence_of = _sentence_locator(doc)
        for table in ANNOTATION_TABLES:
            for row in getattr(doc, table):
                if row.get("sent_id") is None:
                    row["sent_id"] = sentence_of(row["start"])
                self._append(table, {**row, "doc_id": doc_id})
        self._append("records", self._record(doc))

    @staticmethod
    def _record(doc: Document) -> dict[str, Any]:
        """The nested record of a document, from the same annotation rows as the flat tables."""
        record: dict[str, Any] = {
            "doc_id": doc.doc_id, "source": doc.source, "title": doc.title, "published": doc.published,
        }
        for table in ANNOTATION_TABLES:
            record[table] = [{k: v for k, v in row.items() if k != "run_id"} for row in getattr(doc, table)]
        for column, label in _SUMMARY_LABELS.items():
            record[column] = _distinct([e.get("canonical") or e.get("text") for e in doc.entities
                                        if e.get("label") == label])
        record["countries"] = _distinct([
            e.get("canonical") for e in doc.entities
            if e.get("label") == "LOCATION" and isinstance(e.get("canonical"), str)
            and len(e["canonical"]) == 2 and e["canonical"].isupper()
        ])
        starts = [d["start_date"] for d in doc.dates if d.get("start_date") is not None]
        ends = [d["end_date"] for d in doc.dates if d.get("end_date") is not None]
        record["date_min"] = min(starts) if starts else None
        record["date_max"] = max(ends) if ends else None
        record["areas"] = _distinct([c.get("area") for c in doc.cooperation])
        return record
