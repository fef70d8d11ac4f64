"""``extract``: the pipeline on one text, from Python, with the same rows as ``thai-extract run``."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any, Mapping

from thai_extract._offline import set_offline_environment
from thai_extract.core import Pipeline
from thai_extract.document import Document, Failure
from thai_extract.errors import ThaiExtractError
from thai_extract.io.readers import derive_doc_id, parse_published
from thai_extract.tables import RowBuilder


@lru_cache(maxsize=4)
def _pipeline(config_json: str) -> Pipeline:
    return Pipeline.from_config(json.loads(config_json))


def extract(text: str, *, doc_id: str | None = None, title: str | None = None,
            published: dt.date | str | None = None,
            config: Mapping[str, Any] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Process one text; returns the rows of every output table for it, by table name.

    ``result["records"][0]`` is the nested record; ``result["tokens"]`` the token rows, and so on.
    Raises ``ThaiExtractError`` if a stage fails (the CLI turns that into an ``errors`` row).
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    set_offline_environment()
    pipeline = _pipeline(json.dumps(config or {}, sort_keys=True))
    doc = Document(
        doc_id=doc_id or derive_doc_id("<extract>", text), text=text, source="<extract>", title=title,
        published=parse_published(published),
    )
    [result] = pipeline.process_batch([doc])
    if isinstance(result, Failure):
        raise ThaiExtractError(result.detail)
    builder = RowBuilder()
    builder.add_document(result)
    return {
        table: [dict(zip(columns, values)) for values in zip(*columns.values())]
        for table, columns in builder.take().items()
    }
