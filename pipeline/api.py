"""The Python API: the pipeline on texts in memory, with the same rows as ``thai-extract run``.

``extract(text)`` gives every table's rows for one text; ``extract_many(texts, jobs=...)`` gives
every table as a DataFrame for many; ``segment``, ``correct``, ``tag_entities`` and ``find_dates``
run only the stages their answer needs, for people used to PyThaiNLP's one-function-per-task style.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from thai_extract._offline import set_offline_environment
from thai_extract.core import Pipeline
from thai_extract.document import Document, Failure, with_title
from thai_extract.errors import ThaiExtractError
from thai_extract.io.readers import derive_doc_id, parse_published
from thai_extract.io.schemas import SCHEMAS, TABLES
from thai_extract.registry import DEFAULT_STAGES
from thai_extract.tables import RowBuilder

if TYPE_CHECKING:  # pandas is imported by extract_many only (0.3 s a start-up otherwise)
    import pandas as pd

Rows = dict[str, list[dict[str, Any]]]


@lru_cache(maxsize=8)
def _pipeline(config_json: str) -> Pipeline:
    return Pipeline.from_config(json.loads(config_json))


def _stages_up_to(last: str, config: Mapping[str, Any] | None) -> dict[str, Any]:
    """``config`` with its stage list cut after ``last`` (and without cooperation/entities not needed)."""
    config = dict(config or {})
    names = list(config.get("pipeline", {}).get("stages", DEFAULT_STAGES))
    if last not in names:
        raise ThaiExtractError(f"the configured pipeline has no {last!r} stage: {names}")
    keep = names[: names.index(last) + 1]
    if last == "dates":  # dates read the working text only: no need for words, sentences or entities
        keep = [n for n in keep if n in ("normalize", "spelling", "dates")]
    return {**config, "pipeline": {"stages": keep},
            "stages": {k: v for k, v in config.get("stages", {}).items() if k in keep}}


def _document(text: str, doc_id: str | None, title: str | None, published: dt.date | str | None) -> Document:
    if not isinstance(text, str):
        raise TypeError(f"expected a str, not {type(text).__name__}")
    full_text, body_start = with_title(title, text)
    return Document(doc_id=doc_id or derive_doc_id("<extract>", full_text), text=full_text, source="<extract>",
                    title=title, published=parse_published(published), body_start=body_start)


def _run(doc: Document, config: Mapping[str, Any] | None) -> Rows:
    set_offline_environment()
    [result] = _pipeline(json.dumps(config or {}, sort_keys=True, default=str)).process_batch([doc])
    if isinstance(result, Failure):
        raise ThaiExtractError(result.detail)
    builder = RowBuilder()
    builder.add_document(result)
    return {table: [dict(zip(columns, values)) for values in zip(*columns.values())]
            for table, columns in builder.take().items()}


def _rows_up_to(last: str, text: str, config: Mapping[str, Any] | None,
                published: dt.date | str | None = None) -> Rows:
    """The rows of ``text`` from the configured stages up to ``last`` (see :func:`_stages_up_to`)."""
    return _run(_document(text, None, None, published), _stages_up_to(last, config))


def extract(text: str, *, doc_id: str | None = None, title: str | None = None,
            published: dt.date | str | None = None, config: Mapping[str, Any] | None = None) -> Rows:
    """Process one text; returns the rows of every output table for it, by table name.

    ``title`` is analysed with the text (as one text: title, a line break, the body); ``published``
    (a date or an ISO string; a Buddhist-era year is converted) anchors relative dates ("เมื่อวานนี้");
    ``config`` is a pipeline config as in a TOML file (``{"stages": {"spelling": {"threshold": 0.7}}}``).
    ``result["records"][0]`` is the nested record; ``result["tokens"]`` the token rows, and so on.
    Raises ``ThaiExtractError`` if a stage fails (the CLI turns that into an ``errors`` row).
    """
    return _run(_document(text, doc_id, title, published), config)


def segment(text: str, *, config: Mapping[str, Any] | None = None) -> list[list[str]]:
    """The sentences of ``text``, each a list of its words (normalised, typos corrected).

    >>> segment("ฉันกินข้าว แล้วไปโรงเรียน")  # doctest: +SKIP
    [['ฉัน', 'กิน', 'ข้าว'], ['แล้ว', 'ไป', 'โรงเรียน']]
    """
    rows = _rows_up_to("segment", text, config)
    sentences: list[list[str]] = [[] for _ in rows["sentences"]]
    for token in rows["tokens"]:
        sentences[token["sent_id"]].append(token["text"])
    return sentences


def correct(text: str, *, config: Mapping[str, Any] | None = None) -> str:
    """``text`` with its typos corrected (and normalised: Thai mark order, invisible characters).

    >>> correct("ความร่วมมือด้านการหหาร")  # doctest: +SKIP
    'ความร่วมมือด้านการทหาร'
    """
    return _rows_up_to("spelling", text, config)["documents"][0]["text_clean"]


def tag_entities(text: str, *, config: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The entity mentions of ``text``: rows of the ``entities`` table (start, end, text, label, canonical...).

    >>> [(e["text"], e["label"], e["canonical"]) for e in tag_entities("ปูตินเยือนกรุงมอสโก")]  # doctest: +SKIP
    """
    return _rows_up_to("entities", text, config)["entities"]


def find_dates(text: str, *, published: dt.date | str | None = None,
               config: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The date mentions of ``text`` with their Gregorian ranges: rows of the ``dates`` table.

    Relative words ("เมื่อวานนี้", "สัปดาห์หน้า") resolve against ``published``; without it they keep
    null dates.
    """
    return _rows_up_to("dates", text, config, published)["dates"]


def extract_many(texts: Iterable[str], *, ids: Sequence[str] | None = None, titles: Sequence[str | None] | None = None,
                 published: Sequence[dt.date | str | None] | None = None, jobs: int = 1,
                 config: Mapping[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Process many texts (in ``jobs`` processes); every output table as a DataFrame, as ``load()`` gives it.

    ``ids``, ``titles`` and ``published`` run parallel to ``texts`` (ids default to a hash of the
    text). A text a stage fails on becomes a row of the ``errors`` table, as in a run.
    """
    from thai_extract.loader import _to_pandas
    from thai_extract.runner import Runner, batches, process_batch

    if isinstance(texts, str):
        raise TypeError("extract_many() takes a list of texts, not one str: use extract() for one")
    texts = list(texts)
    for name, values in (("ids", ids), ("titles", titles), ("published", published)):
        if values is not None and len(values) != len(texts):
            raise ValueError(f"{name} has {len(values)} values for {len(texts)} texts")
    docs = [_document(text, ids[i] if ids else None, titles[i] if titles else None,
                      published[i] if published else None) for i, text in enumerate(texts)]
    set_offline_environment()
    pipeline = _pipeline(json.dumps(config or {}, sort_keys=True, default=str))
    runner = Runner(pipeline, ".", jobs=jobs)
    processed_at = dt.datetime.now(dt.timezone.utc)
    chunks: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
    work = batches(docs)
    results = (process_batch(pipeline, b, "", processed_at) for b in work) if runner.jobs == 1 else runner._results(work, "", processed_at)
    for result in results:
        for table, arrow in result.rows.items():
            chunks[table].append(arrow)
    return {table: _to_pandas(pa.concat_tables(parts) if parts else SCHEMAS[table].empty_table(), "pandas")
            for table, parts in chunks.items()}


__all__ = ["correct", "extract", "extract_many", "find_dates", "segment", "tag_entities"]
