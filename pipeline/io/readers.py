"""Readers: turn paths (folders, files, globs, ``-`` for stdin) into Documents, or Failures.

Formats: ``.txt`` (one document per file), ``.jsonl``/``.json`` (one document per record), ``.csv``,
``.parquet``; any of them may be gzipped (``.jsonl.gz``). A file or record that cannot be read
becomes a :class:`~thai_extract.document.Failure` and reading goes on.

A document without an id of its own gets one derived from where it came from (see
:func:`derive_doc_id`): its path relative to the input root, prefixed with the root folder's name,
so ``news/`` and ``$PWD/news`` name the same documents; or, with ``id_from="content"``, from its
text alone.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from thai_extract.document import Document, Failure, with_title
from thai_extract.errors import ConfigError, ErrorCode, InputError
from thai_extract.io.encoding import decode_bytes

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | {".json", ".csv", ".parquet"}
READ_STAGE = "read"
SNIFF_BYTES = 1 << 20  # a CSV file's encoding, or whether a JSON file is an array, is judged on this much
MAX_DOCUMENT_MB = 100
"""Default cap on one document (a file, a line, a record), in MB of input: a gzip bomb or an
unclosed CSV quote becomes an errors row instead of filling the memory."""
ID_SOURCES = ("path", "content")
FIELD_PROBE = 100
"""A field the user named must appear in one of the first this many records, or reading stops."""


class MissingFieldError(ConfigError):
    """A field named on the command line (--text-field, --date-field...) that no record has."""


@dataclass(frozen=True)
class FieldNames:
    """Which record fields hold the id, text, title and publication date (first present wins)."""

    id: tuple[str, ...] = ("id",)
    text: tuple[str, ...] = ("text", "body", "content")
    title: tuple[str, ...] = ("title",)
    published: tuple[str, ...] = ("date", "published")
    chosen: frozenset[str] = frozenset()
    """The roles the user named a field for: reading stops with an error when no record has it."""

    @classmethod
    def with_overrides(cls, id: str | None = None, text: str | None = None,
                       title: str | None = None, published: str | None = None) -> FieldNames:
        default = cls()
        chosen = {role for role, name in (("id", id), ("text", text), ("title", title), ("published", published)) if name}
        return cls(
            id=(id,) if id else default.id,
            text=(text,) if text else default.text,
            title=(title,) if title else default.title,
            published=(published,) if published else default.published,
            chosen=frozenset(chosen),
        )


@dataclass(frozen=True)
class InputFile:
    """A file to read: ``path`` as found (the ``source`` of its rows) and ``key``, the canonical name
    derived ids are made from (``<root folder name>/<path below the root>``)."""

    path: str
    key: str


UNNAMED_SOURCES = ("<stdin>", "<extract>")


def derive_doc_id(key: str, text: str, id_from: str = "path") -> str:
    """A stable id for an input without one: its file stem plus a hash.

    The hash is of ``key`` (the canonical path of the file, plus ``:line`` or ``:row`` for a
    record), so a file keeps its id when its content changes and a re-ingest replaces it; text with
    no file behind it (stdin, ``extract``), or any text when ``id_from == "content"``, is hashed by
    its content, so the same text is the same document wherever it comes from.
    """
    stem = Path(key.split(":", 1)[0]).stem.split(".")[0] or "doc"
    if id_from == "content":
        stem, hashed = "doc", text
    elif key.startswith(UNNAMED_SOURCES):
        hashed = f"{key}\0{text}"
    else:
        hashed = key
    digest = hashlib.sha256(hashed.encode("utf-8", "surrogatepass")).hexdigest()[:16]
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


def _valid_text(value: str, what: str, source: str) -> str:
    """``value`` if it is writable Unicode; InputError E108 naming the field if it holds a lone surrogate."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(ErrorCode.BAD_FIELD_VALUE, source,
                         f"the {what} field holds {value[exc.start]!r} at character {exc.start}, "
                         "a lone surrogate escape that is not valid Unicode text") from None
    return value


def document_from_record(record: Any, source: str, fields: FieldNames, key: str | None = None,
                         id_from: str = "path") -> Document:
    """A Document from one record of a JSON, CSV or Parquet input; raises InputError when it has no
    usable text, or an id or title that is not text."""
    if not isinstance(record, Mapping):
        raise InputError(ErrorCode.MALFORMED_RECORD, source, f"expected an object, got {type(record).__name__}")
    text = _first(record, fields.text)
    if text is None:
        raise InputError(ErrorCode.MISSING_TEXT, source, str(list(fields.text)))
    if not isinstance(text, str):
        raise InputError(ErrorCode.BAD_FIELD_VALUE, source, f"text field is a {type(text).__name__}, not a string")
    _valid_text(text, "text", source)
    if not text.strip():
        raise InputError(ErrorCode.EMPTY_INPUT, source)
    doc_id = _first(record, fields.id)
    if doc_id is not None:
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
            raise InputError(ErrorCode.BAD_FIELD_VALUE, source,
                             f"id field is a {type(doc_id).__name__}, not a string or an integer")
        doc_id = _valid_text(str(doc_id), "id", source)
    title = _first(record, fields.title)
    if title is not None:
        title = _valid_text(str(title), "title", source)
    full_text, body_start = with_title(title, text)
    return Document(
        doc_id=doc_id if doc_id is not None else derive_doc_id(key or source, full_text, id_from),
        text=full_text,
        source=source,
        title=title,
        published=parse_published(_first(record, fields.published)),
        body_start=body_start,
    )


def _failure(exc: InputError) -> Failure:
    return Failure(source=exc.source, doc_id=None, stage=READ_STAGE, reason=exc.code.value, detail=str(exc))


def _format_of(name: str) -> str:
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _is_utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:  # undecodable bytes in the name, kept by os as surrogate escapes
        return False


def _root_name(path: str) -> str:
    """The name a root folder is known by, however it was written (``news/``, ``./news``, ``$PWD/news``)."""
    return Path(os.path.abspath(path)).name


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _glob_root(pattern: str) -> str:
    """The folder a glob pattern walks under: its path up to the first component with a wildcard."""
    parts = Path(pattern).parts
    fixed = [p for p in parts[:next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), len(parts))]]
    return str(Path(*fixed)) if fixed else "."


@dataclass
class ReadCounts:
    """What reading left out without an errors row (files of a type it does not read, found in
    folders), and how many bytes of input files it has read so far."""

    unsupported: list[str] = field(default_factory=list)
    bytes_read: int = 0


class InputReader:
    """Reads documents from paths.

    ``encoding`` forces a codec instead of detection; ``id_from`` ("path" or "content") says what a
    derived id is made from; ``follow_symlinks`` follows links that lead outside an input folder
    (links that stay inside it are always followed); ``max_document_mb`` caps one document;
    ``exclude`` lists folders never read (the output folder, when it lies inside an input folder).
    """

    def __init__(self, fields: FieldNames | None = None, encoding: str | None = None, *,
                 id_from: str = "path", follow_symlinks: bool = False,
                 max_document_mb: float = MAX_DOCUMENT_MB, exclude: Iterable[str | os.PathLike[str]] = ()) -> None:
        if id_from not in ID_SOURCES:
            raise ValueError(f"id_from must be one of {ID_SOURCES}, not {id_from!r}")
        if encoding:
            codecs.lookup(encoding)  # LookupError for an unknown codec, before anything is read
        self.fields = fields or FieldNames()
        self.encoding = encoding
        self.id_from = id_from
        self.follow_symlinks = follow_symlinks
        self.max_bytes = int(max_document_mb * 1024 * 1024)
        self.counts = ReadCounts()
        self.exclude = frozenset(os.path.realpath(p) for p in exclude)
        self._records_seen = 0
        self._roles_seen: set[str] = set()

    # -- finding files -----------------------------------------------------------------------
    def expand(self, inputs: Iterable[str]) -> Iterator[InputFile | Failure]:
        """Files named by ``inputs`` (folders recursively, globs expanded), or Failures for missing ones."""
        for item in inputs:
            if item == "-":
                yield InputFile("-", "<stdin>")
                continue
            path = Path(item)
            if path.is_dir():
                root = os.path.realpath(item)
                yield from self._walk(item, root, _root_name(item), "", {root})
            elif path.exists():
                yield InputFile(item, f"{_root_name(str(path.parent))}/{path.name}")
            elif any(ch in item for ch in "*?["):
                matches = sorted(m for m in glob.glob(item, recursive=True) if Path(m).is_file())
                if not matches:
                    yield _failure(InputError(ErrorCode.UNREADABLE_FILE, item, "the pattern matches no file"))
                root = _glob_root(item)
                for match in matches:
                    yield InputFile(match, f"{_root_name(root)}/{os.path.relpath(match, root)}")
            elif path.is_symlink():
                yield _failure(InputError(ErrorCode.UNREADABLE_FILE, item, "a broken link"))
            else:
                yield _failure(InputError(ErrorCode.UNREADABLE_FILE, item, "no such file or folder"))

    def _walk(self, folder: str, root: str, root_name: str, rel: str,
              visited: set[str]) -> Iterator[InputFile | Failure]:
        """Input files under ``folder``, depth first in name order, one folder listed at a time.

        Lazy, so a tree of a million files is not held in memory (only the largest single folder's
        names). Links are followed when they stay inside the input root (or always, with
        ``follow_symlinks``); a link to a folder already being walked (a loop) is an errors row.
        """
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield _failure(InputError(ErrorCode.UNREADABLE_FILE, folder, exc.strerror or str(exc)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not _is_utf8_name(entry.name):
                yield _failure(InputError(ErrorCode.UNREADABLE_FILE, entry.path,
                                          "the file name is not valid UTF-8; rename the file"))
                continue
            child = f"{rel}/{entry.name}" if rel else entry.name
            target = entry.path
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not os.path.exists(target):
                        yield _failure(InputError(ErrorCode.UNREADABLE_FILE, entry.path, "a broken link"))
                        continue
                    if not self.follow_symlinks and not _inside(target, root):
                        yield _failure(InputError(
                            ErrorCode.UNREADABLE_FILE, entry.path,
                            f"a link to {target}, outside the input folder (pass --follow-symlinks to read it)"))
                        continue
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError as exc:  # a link loop, a permission problem
                yield _failure(InputError(ErrorCode.UNREADABLE_FILE, entry.path, exc.strerror or str(exc)))
                continue
            if is_dir:
                real = os.path.realpath(entry.path)
                if real in self.exclude:
                    continue
                if real in visited:
                    yield _failure(InputError(ErrorCode.UNREADABLE_FILE, entry.path,
                                              "a link back to a folder that is already being read (a loop)"))
                    continue
                yield from self._walk(entry.path, root, root_name, child, visited | {real})
            elif is_file:
                if _format_of(entry.name) in SUFFIXES:
                    yield InputFile(entry.path, f"{root_name}/{child}")
                else:
                    self.counts.unsupported.append(entry.path)

    # -- reading -----------------------------------------------------------------------------
    def read(self, inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Document | Failure]:
        """Every document of every input, in order; unreadable inputs and records come as Failures.

        Raises MissingFieldError when a field the user named is in none of the first records.
        """
        yield from self._read(inputs, stdin)
        self._check_chosen_fields(None)

    def _read(self, inputs: Iterable[str], stdin: BinaryIO | None) -> Iterator[Document | Failure]:
        for item in self.expand(inputs):
            if isinstance(item, Failure):
                yield item
                continue
            try:
                yield from self.read_file(item, stdin)
            except InputError as exc:
                yield _failure(exc)
            if item.path != "-":
                try:
                    self.counts.bytes_read += os.path.getsize(item.path)
                except OSError:
                    pass

    def total_bytes(self, inputs: Iterable[str]) -> int | None:
        """The size of every input file (for a progress bar); None when standard input is one."""
        total = 0
        for item in InputReader(follow_symlinks=self.follow_symlinks).expand(inputs):
            if isinstance(item, InputFile):
                if item.path == "-":
                    return None
                try:
                    total += os.path.getsize(item.path)
                except OSError:
                    pass
        return total

    def read_file(self, item: InputFile | str, stdin: BinaryIO | None = None) -> Iterator[Document | Failure]:
        """The documents of one file (or ``-``: standard input)."""
        if isinstance(item, str):
            item = InputFile(item, "<stdin>" if item == "-" else item)
        name = item.path
        if name == "-":
            data = self._capped((stdin or sys.stdin.buffer).read(self.max_bytes + 1), "<stdin>")
            text = decode_bytes(data, "<stdin>", self.encoding)
            fmt = ".jsonl" if text.lstrip().startswith("{") else ".txt"
            yield from self._read_text(text, InputFile("<stdin>", "<stdin>"), fmt)
            return
        fmt = _format_of(name)
        if fmt not in SUFFIXES:
            raise InputError(ErrorCode.UNSUPPORTED_FORMAT, name, repr(fmt or "(none)"))
        if fmt == ".parquet":
            yield from self._read_parquet(item)
            return
        opener = gzip.open if name.lower().endswith(".gz") else open
        try:
            if fmt == ".csv":
                codec = self._streamable_codec(opener, name)
                if codec is not None:
                    yield from self._stream_csv(opener, item, codec)
                    return
            if fmt == ".json" and self._is_utf8_array(opener, name):
                yield from self._stream_json_array(opener, item)
                return
            with opener(name, "rb") as fh:
                if fmt in JSONL_SUFFIXES and fh.peek(2)[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                    # streamed line by line: memory stays flat, and a bad line costs only itself
                    yield from self._records(self._jsonl_records(self._decoded_lines(fh, name), item))
                    return
                data = self._capped(fh.read(self.max_bytes + 1), name)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(ErrorCode.UNREADABLE_FILE, name, str(exc)) from None
        yield from self._read_text(decode_bytes(data, name, self.encoding), item, fmt)

    def _capped(self, data: bytes, source: str) -> bytes:
        if len(data) > self.max_bytes:
            raise InputError(ErrorCode.TOO_LARGE, source, f"over {self.max_bytes / 1024 / 1024:g} MB")
        return data

    def _bounded_lines(self, fh: BinaryIO) -> Iterator[bytes | None]:
        """Each line of ``fh``; ``None`` for a line over the size cap (its bytes are skipped, not kept)."""
        while True:
            line = fh.readline(self.max_bytes + 1)
            if not line:
                return
            if len(line) > self.max_bytes and not line.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield None
                continue
            yield line

    def _decoded_lines(self, fh: BinaryIO, source: str) -> Iterator[str | InputError]:
        """Each line of a binary file, decoded on its own (or the reason it could not be)."""
        for number, raw in enumerate(self._bounded_lines(fh), start=1):
            if raw is None:
                yield InputError(ErrorCode.TOO_LARGE, f"{source}:{number}",
                                 f"a line over {self.max_bytes / 1024 / 1024:g} MB")
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield decode_bytes(raw, f"{source}:{number}", self.encoding)
            except InputError as exc:
                yield exc

    def _read_text(self, text: str, item: InputFile, fmt: str) -> Iterator[Document | Failure]:
        if fmt in TEXT_SUFFIXES:
            if not text.strip():
                raise InputError(ErrorCode.EMPTY_INPUT, item.path)
            yield Document(doc_id=derive_doc_id(item.key, text, self.id_from), text=text, source=item.path)
        elif fmt in JSONL_SUFFIXES:
            yield from self._read_jsonl(text, item)
        elif fmt == ".json":
            yield from self._read_json(text, item)
        elif fmt == ".csv":
            yield from self._read_csv(text, item)

    def _records(self, records: Iterable[tuple[str, str, Any]]) -> Iterator[Document | Failure]:
        """Documents from (source, id key, parsed record or the InputError saying why there is none)."""
        for source, key, record in records:
            if isinstance(record, Mapping):
                self._check_chosen_fields(record)
            try:
                if isinstance(record, InputError):
                    raise record
                yield document_from_record(record, source, self.fields, key, self.id_from)
            except InputError as exc:
                yield _failure(exc)

    def _check_chosen_fields(self, record: Mapping[str, Any] | None) -> None:
        """Raise MissingFieldError when a field the user named is in none of the first records
        (``None``: the input is over)."""
        missing = self.fields.chosen - self._roles_seen
        if not missing:
            return
        if record is not None:
            self._records_seen += 1
            self._roles_seen.update(r for r in missing if any(n in record for n in getattr(self.fields, r)))
            missing = self.fields.chosen - self._roles_seen
            if not missing or self._records_seen < FIELD_PROBE:
                return
        elif not self._records_seen:
            return
        options = {"id": "--id-field", "text": "--text-field", "title": "--title-field", "published": "--date-field"}
        raise MissingFieldError("; ".join(
            f"{options[r]} {getattr(self.fields, r)[0]!r}: no such field in the first {self._records_seen} records"
            for r in sorted(missing)))

    def _read_jsonl(self, text: str, item: InputFile) -> Iterator[Document | Failure]:
        yield from self._records(self._jsonl_records(text.split("\n"), item))

    @staticmethod
    def _jsonl_records(lines: Iterable[str | InputError], item: InputFile) -> Iterator[tuple[str, str, Any]]:
        """(source:line, key:line, parsed record or the InputError saying why not) for each non-blank line."""
        for number, line in enumerate(lines, start=1):
            where, key = f"{item.path}:{number}", f"{item.key}:{number}"
            if isinstance(line, InputError):
                yield where, key, line
                continue
            if not line.strip():
                continue
            try:
                yield where, key, json.loads(line)
            except json.JSONDecodeError as exc:
                yield where, key, InputError(
                    ErrorCode.MALFORMED_RECORD, where, f"invalid JSON: {exc.msg} at column {exc.colno}"
                )

    def _read_json(self, text: str, item: InputFile) -> Iterator[Document | Failure]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if text.strip().startswith("{") and "\n" in text.strip():
                yield from self._read_jsonl(text, item)  # JSON lines under a .json name
                return
            raise InputError(ErrorCode.MALFORMED_RECORD, item.path, f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
        if isinstance(data, list):
            yield from self._records((f"{item.path}:{i}", f"{item.key}:{i}", record)
                                     for i, record in enumerate(data, start=1))
        else:
            yield from self._records([(item.path, item.key, data)])

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

    def _stream_json_array(self, opener: Any, item: InputFile) -> Iterator[Document | Failure]:
        """The records of a JSON array as they are parsed; broken JSON ends the file with one Failure."""
        import ijson

        name = item.path
        with opener(name, "rb") as raw:
            if raw.peek(3).startswith(codecs.BOM_UTF8):
                raw.read(len(codecs.BOM_UTF8))

            def records() -> Iterator[tuple[str, str, Any]]:
                number = 0
                try:
                    for number, record in enumerate(ijson.items(raw, "item", use_float=True), start=1):
                        yield f"{name}:{number}", f"{item.key}:{number}", record
                except (ijson.JSONError, UnicodeDecodeError) as exc:
                    where = f"{name}:{number + 1}"
                    message = exc.args[0] if exc.args else exc
                    if isinstance(message, bytes):
                        message = message.decode("utf-8", "replace")
                    message = str(message).splitlines()[0]
                    yield where, f"{item.key}:{number + 1}", InputError(
                        ErrorCode.MALFORMED_RECORD, where,
                        f"after record {number}: {message}; the rest of the file was not read")

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

    def _csv_records(self, lines: Iterable[str], item: InputFile) -> Iterator[tuple[str, str, Any]]:
        """(source:line, key:line, row or InputError) for each CSV row, numbered by the line it starts on.

        Strict: a quote still open at the end of the file, or a field over the document size cap,
        ends the file with one InputError naming the line where that record began.
        """
        csv.field_size_limit(self.max_bytes)
        reader = csv.DictReader(lines, strict=True)
        begins = 2  # line 1 is the header
        try:
            for row in reader:
                yield f"{item.path}:{begins}", f"{item.key}:{begins}", row
                begins = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as exc:
            where = f"{item.path}:{begins}"
            if isinstance(exc, UnicodeDecodeError):
                error = InputError(ErrorCode.UNKNOWN_ENCODING, where, f"{exc}; the rest of the file was not read")
            else:
                why = ("a quoted field that starts here is never closed"
                       if "unexpected end of data" in str(exc) else f"CSV: {exc}")
                error = InputError(ErrorCode.MALFORMED_RECORD, where,
                                   f"{why}; the records before it were kept, the rest of the file was not read")
            yield where, f"{item.key}:{begins}", error

    def _stream_csv(self, opener: Any, item: InputFile, codec: str) -> Iterator[Document | Failure]:
        """CSV rows as they are read; a broken row or byte ends the file with one Failure for the rest."""
        with opener(item.path, "rb") as raw:
            # decoded line by line (not in chunks), so every row before a bad byte is kept
            lines = (line.decode(codec) for line in self._bounded_lines(raw) if line is not None)
            yield from self._records(self._csv_records(lines, item))

    def _read_csv(self, text: str, item: InputFile) -> Iterator[Document | Failure]:
        yield from self._records(self._csv_records(io.StringIO(text, newline=""), item))

    def _read_parquet(self, item: InputFile) -> Iterator[Document | Failure]:
        import pyarrow.parquet as pq

        name = item.path
        try:
            parquet = pq.ParquetFile(name)
            row = 0
            for batch in parquet.iter_batches(batch_size=1024):
                records = []
                for record in batch.to_pylist():
                    row += 1
                    records.append((f"{name}:{row}", f"{item.key}:{row}", record))
                yield from self._records(records)
        except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) on a broken file
            raise InputError(ErrorCode.UNREADABLE_FILE, name, f"not a readable Parquet file: {exc}") from None
