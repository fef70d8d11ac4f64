"""Readers: turn paths (folders, files, globs, ``-`` for stdin) into Documents, or Failures.

Formats: ``.txt`` (one document per file), ``.jsonl``/``.json`` (one document per record), ``.csv``,
``.parquet``; any of them may be gzipped (``.jsonl.gz``). A file or record that cannot be read
becomes a :class:`~thai_extract.document.Failure` and reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import glob
import gzip
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from thai_extract.document import Document, Failure
from thai_extract.errors import ErrorCode, InputError
from thai_extract.io.encoding import decode_bytes

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | {".json", ".csv", ".parquet"}
READ_STAGE = "read"
SNIFF_BYTES = 1 << 20  # a CSV file's encoding, or whether a JSON file is an array, is judged on this much


@dataclass(frozen=True)
class FieldNames:
    """Which record fields hold the id, text, title and publication date (first present wins)."""

    id: tuple[str, ...] = ("id",)
    text: tuple[str, ...] = ("text", "body", "content")
    title: tuple[str, ...] = ("title",)
    published: tuple[str, ...] = ("date", "published")

    @classmethod
    def with_overrides(cls, id: str | None = None, text: str | None = None,
                       title: str | None = None, published: str | None = None) -> FieldNames:
        default = cls()
        return cls(
            id=(id,) if id else default.id,
            text=(text,) if text else default.text,
            title=(title,) if title else default.title,
            published=(published,) if published else default.published,
        )


UNNAMED_SOURCES = ("<stdin>", "<extract>")


def derive_doc_id(source: str, text: str) -> str:
    """A stable id for an input without one: its file stem plus a hash of where it came from.

    A file (or a file's line or row) keeps its id when its content changes, so a re-ingest
    replaces it; text with no file behind it (stdin, ``extract``) is identified by its content.
    """
    stem = Path(source.split(":", 1)[0]).stem.split(".")[0] or "doc"
    key = f"{source}\0{text}" if source.startswith(UNNAMED_SOURCES) else source
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{stem}-{digest}"


def parse_published(value: Any) -> dt.date | None:
    """A publication date from a record value (ISO string, date, datetime; a Buddhist-era year is converted).

    Returns ``None`` for an empty or unparseable value.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    if day.year > 2400:  # Buddhist era (พ.ศ.): 2568 is 2025
        try:
            day = day.replace(year=day.year - 543)
        except ValueError:
            return None
    return day


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None and value != "":
            return value
    return None


def document_from_record(record: Any, source: str, fields: FieldNames) -> Document:
    """A Document from one record of a JSON, CSV or Parquet input; raises InputError if it has no text."""
    if not isinstance(record, Mapping):
        raise InputError(ErrorCode.MALFORMED_RECORD, source, f"expected an object, got {type(record).__name__}")
    text = _first(record, fields.text)
    if text is None:
        raise InputError(ErrorCode.MISSING_TEXT, source, str(list(fields.text)))
    if not isinstance(text, str):
        raise InputError(ErrorCode.BAD_FIELD_VALUE, source, f"text field is a {type(text).__name__}, not a string")
    if not text.strip():
        raise InputError(ErrorCode.EMPTY_INPUT, source)
    doc_id = _first(record, fields.id)
    title = _first(record, fields.title)
    return Document(
        doc_id=str(doc_id) if doc_id is not None else derive_doc_id(source, text),
        text=text,
        source=source,
        title=str(title) if title is not None else None,
        published=parse_published(_first(record, fields.published)),
    )


def _failure(exc: InputError) -> Failure:
    return Failure(source=exc.source, doc_id=None, stage=READ_STAGE, reason=exc.code.value, detail=str(exc))


def _format_of(name: str) -> str:
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _walk_inputs(folder: Path) -> Iterator[str]:
    """Input files under ``folder``, depth first in name order, one folder listed at a time.

    Lazy, so a tree of a million files is not held in memory (only the largest single folder's names).
    """
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_inputs(Path(entry.path))
        elif entry.is_file() and _format_of(entry.name) in SUFFIXES:
            yield entry.path


class InputReader:
    """Reads documents from paths; ``encoding`` forces a codec instead of detection."""

    def __init__(self, fields: FieldNames | None = None, encoding: str | None = None) -> None:
        self.fields = fields or FieldNames()
        self.encoding = encoding

    # -- finding files -----------------------------------------------------------------------
    def expand(self, inputs: Iterable[str]) -> Iterator[str | Failure]:
        """Files named by ``inputs`` (folders recursively, globs expanded), or Failures for missing ones."""
        for item in inputs:
            if item == "-":
                yield item
                continue
            path = Path(item)
            if path.is_dir():
                yield from _walk_inputs(path)
            elif path.exists():
                yield item
            elif any(ch in item for ch in "*?["):
                matches = sorted(m for m in glob.glob(item, recursive=True) if Path(m).is_file())
                if not matches:
                    yield _failure(InputError(ErrorCode.UNREADABLE_FILE, item, "the pattern matches no file"))
                yield from matches
            else:
                yield _failure(InputError(ErrorCode.UNREADABLE_FILE, item, "no such file or folder"))

    # -- reading -----------------------------------------------------------------------------
    def read(self, inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Document | Failure]:
        """Every document of every input, in order; unreadable inputs and records come as Failures."""
        for name in self.expand(inputs):
            if isinstance(name, Failure):
                yield name
                continue
            try:
                yield from self.read_file(name, stdin)
            except InputError as exc:
                yield _failure(exc)

    def read_file(self, name: str, stdin: BinaryIO | None = None) -> Iterator[Document | Failure]:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            text = decode_bytes(data, "<stdin>", self.encoding)
            fmt = ".jsonl" if text.lstrip().startswith("{") else ".txt"
            yield from self._read_text(text, "<stdin>", fmt)
            return
        fmt = _format_of(name)
        if fmt not in SUFFIXES:
            raise InputError(ErrorCode.UNSUPPORTED_FORMAT, name, repr(fmt or "(none)"))
        if fmt == ".parquet":
            yield from self._read_parquet(name)
            return
        opener = gzip.open if name.lower().endswith(".gz") else open
        try:
            if fmt == ".csv":
                codec = self._streamable_codec(opener, name)
                if codec is not None:
                    yield from self._stream_csv(opener, name, codec)
                    return
            if fmt == ".json" and self._is_utf8_array(opener, name):
                yield from self._stream_json_array(opener, name)
                return
            with opener(name, "rb") as fh:
                if fmt in JSONL_SUFFIXES and fh.peek(2)[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                    # streamed line by line: memory stays flat, and a bad line costs only itself
                    yield from self._records(self._jsonl_records(self._decoded_lines(fh, name), name))
                    return
                data = fh.read()
        except (OSError, EOFError) as exc:
            raise InputError(ErrorCode.UNREADABLE_FILE, name, str(exc)) from None
        yield from self._read_text(decode_bytes(data, name, self.encoding), name, fmt)

    def _decoded_lines(self, fh: BinaryIO, source: str) -> Iterator[str | InputError]:
        """Each line of a binary file, decoded on its own (or the reason it could not be)."""
        for number, raw in enumerate(fh, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield decode_bytes(raw, f"{source}:{number}", self.encoding)
            except InputError as exc:
                yield exc

    def _read_text(self, text: str, source: str, fmt: str) -> Iterator[Document | Failure]:
        if fmt in TEXT_SUFFIXES:
            if not text.strip():
                raise InputError(ErrorCode.EMPTY_INPUT, source)
            yield Document(doc_id=derive_doc_id(source, text), text=text, source=source)
        elif fmt in JSONL_SUFFIXES:
            yield from self._read_jsonl(text, source)
        elif fmt == ".json":
            yield from self._read_json(text, source)
        elif fmt == ".csv":
            yield from self._read_csv(text, source)

    def _records(self, records: Iterable[tuple[str, Any]]) -> Iterator[Document | Failure]:
        for source, record in records:
            try:
                if isinstance(record, InputError):
                    raise record
                yield document_from_record(record, source, self.fields)
            except InputError as exc:
                yield _failure(exc)

    def _read_jsonl(self, text: str, source: str) -> Iterator[Document | Failure]:
        yield from self._records(self._jsonl_records(text.split("\n"), source))

    @staticmethod
    def _jsonl_records(lines: Iterable[str | InputError], source: str) -> Iterator[tuple[str, Any]]:
        """(source:line, parsed record or the InputError saying why not) for each non-blank line."""
        for number, line in enumerate(lines, start=1):
            where = f"{source}:{number}"
            if isinstance(line, InputError):
                yield where, line
                continue
            if not line.strip():
                continue
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as exc:
                yield where, InputError(
                    ErrorCode.MALFORMED_RECORD, where, f"invalid JSON: {exc.msg} at column {exc.colno}"
                )

    def _read_json(self, text: str, source: str) -> Iterator[Document | Failure]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if text.strip().startswith("{") and "\n" in text.strip():
                yield from self._read_jsonl(text, source)  # JSON lines under a .json name
                return
            raise InputError(ErrorCode.MALFORMED_RECORD, source, f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
        items = data if isinstance(data, list) else [data]
        yield from self._records((f"{source}:{i}" if isinstance(data, list) else source, item)
                                 for i, item in enumerate(items, start=1))

    def _is_utf8_array(self, opener: Any, name: str) -> bool:
        """Whether a JSON file is a top-level array in UTF-8 (judged on its start), so it can be streamed."""
        if self.encoding and codecs.lookup(self.encoding).name not in ("utf-8", "utf-8-sig"):
            return False
        with opener(name, "rb") as probe:
            head = probe.read(SNIFF_BYTES)
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8):]
        if not head.lstrip().startswith(b"["):
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc.start >= len(head) - 3  # only a character cut at the sample's end
        return True

    def _stream_json_array(self, opener: Any, name: str) -> Iterator[Document | Failure]:
        """The records of a JSON array as they are parsed; broken JSON ends the file with one Failure."""
        import ijson

        with opener(name, "rb") as raw:
            if raw.peek(3).startswith(codecs.BOM_UTF8):
                raw.read(len(codecs.BOM_UTF8))

            def records() -> Iterator[tuple[str, Any]]:
                number = 0
                try:
                    for number, item in enumerate(ijson.items(raw, "item", use_float=True), start=1):
                        yield f"{name}:{number}", item
                except (ijson.JSONError, UnicodeDecodeError) as exc:
                    where = f"{name}:{number + 1}"
                    message = exc.args[0] if exc.args else exc
                    if isinstance(message, bytes):
                        message = message.decode("utf-8", "replace")
                    message = str(message).splitlines()[0]
                    yield where, InputError(ErrorCode.MALFORMED_RECORD, where, f"after record {number}: {message}; "
                                                                                "the rest of the file was not read")

            yield from self._records(records())

    def _streamable_codec(self, opener: Any, name: str) -> str | None:
        """The codec to stream a CSV file with, judged on its first megabyte; None to read it whole.

        Raises InputError when the sample is binary or in no supported encoding.
        """
        with opener(name, "rb") as probe:
            sample = probe.read(SNIFF_BYTES)
        if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        if len(sample) == SNIFF_BYTES:
            cut = sample.rfind(b"\n")
            if cut < 0:
                return None  # one huge line: decide on the whole file
            sample = sample[:cut + 1]
        decode_bytes(sample, name, self.encoding)
        if self.encoding:
            return self.encoding
        if sample.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        try:
            sample.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            return "cp874"  # decode_bytes accepted the sample as TIS-620

    def _stream_csv(self, opener: Any, name: str, codec: str) -> Iterator[Document | Failure]:
        """CSV rows as they are read; a broken row or byte ends the file with one Failure for the rest."""
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with opener(name, "rb") as raw:
            # decoded line by line (not in chunks), so every row before a bad byte is kept
            reader = csv.DictReader(line.decode(codec) for line in raw)

            def records() -> Iterator[tuple[str, Any]]:
                try:
                    for row in reader:
                        yield f"{name}:{reader.line_num}", row
                except (csv.Error, UnicodeDecodeError) as exc:
                    where = f"{name}:{reader.line_num + 1}"
                    code = ErrorCode.UNKNOWN_ENCODING if isinstance(exc, UnicodeDecodeError) else ErrorCode.MALFORMED_RECORD
                    yield where, InputError(code, where, f"{exc}; the rest of the file was not read")

            yield from self._records(records())

    def _read_csv(self, text: str, source: str) -> Iterator[Document | Failure]:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            rows = [(f"{source}:{reader.line_num}", row) for row in reader]
        except csv.Error as exc:
            raise InputError(ErrorCode.MALFORMED_RECORD, f"{source}:{reader.line_num}", f"CSV: {exc}") from None
        yield from self._records(rows)

    def _read_parquet(self, name: str) -> Iterator[Document | Failure]:
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(name)
            row = 0
            for batch in parquet.iter_batches(batch_size=1024):
                records = []
                for record in batch.to_pylist():
                    row += 1
                    records.append((f"{name}:{row}", record))
                yield from self._records(records)
        except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) on a broken file
            raise InputError(ErrorCode.UNREADABLE_FILE, name, f"not a readable Parquet file: {exc}") from None
