"""Every error code and message of thai-extract, in one place.

A code fills the ``reason`` column of the ``errors`` table, so users can group and grep by it; the
message says what happened, where, and what to do.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path


class ErrorCode(str, Enum):
    """Reason codes written to ``errors.reason``."""

    UNREADABLE_FILE = "E101"
    BINARY_FILE = "E102"
    UNKNOWN_ENCODING = "E103"
    EMPTY_INPUT = "E104"
    MALFORMED_RECORD = "E105"
    MISSING_TEXT = "E106"
    UNSUPPORTED_FORMAT = "E107"
    BAD_FIELD_VALUE = "E108"
    DUPLICATE_ID = "E109"
    TOO_LARGE = "E110"
    STAGE_FAILED = "E201"
    WORKER_CRASHED = "E202"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.UNREADABLE_FILE: "cannot read {source}: {why}",
    ErrorCode.BINARY_FILE: "{source} looks like a binary file ({why}); give a text, JSONL, CSV or Parquet file",
    ErrorCode.UNKNOWN_ENCODING: (
        "cannot decode {source}: {why}; it is not UTF-8, UTF-16 with BOM or TIS-620/cp874 "
        "(pass --encoding to force one)"
    ),
    ErrorCode.EMPTY_INPUT: "{source} holds no text",
    ErrorCode.MALFORMED_RECORD: "{source}: malformed record ({why})",
    ErrorCode.MISSING_TEXT: (
        "{source}: record has no text in any of the fields {why} (name the field with --text-field)"
    ),
    ErrorCode.UNSUPPORTED_FORMAT: (
        "{source}: unsupported file type {why}; use .txt, .jsonl, .json, .csv or .parquet"
    ),
    ErrorCode.BAD_FIELD_VALUE: "{source}: {why}",
    ErrorCode.DUPLICATE_ID: "{source}: duplicate id {why}",
    ErrorCode.TOO_LARGE: "{source} is larger than the limit for one document ({why}; raise it with --max-doc-mb)",
    ErrorCode.STAGE_FAILED: "stage {stage} failed on document {doc_id}: {why}",
    ErrorCode.WORKER_CRASHED: "a worker process died while processing {source}: {why}",
}


def printable(text: str) -> str:
    """``text`` with what cannot be written as UTF-8 (undecodable file-name bytes, lone surrogates)
    shown as backslash escapes, so that an error row can always be written."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # a file name with undecodable bytes: show those bytes ("x\xff.txt")
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape: show its code ("\udc80")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def format_message(code: ErrorCode, **fields: object) -> str:
    """The message for ``code``, prefixed with the code (``E103 cannot decode …``)."""
    return f"{code.value} {MESSAGES[code].format(**fields)}"


class ThaiExtractError(Exception):
    """Base class of the errors this package raises on purpose."""


class InputError(ThaiExtractError, ValueError):
    """An input that cannot become a document; carries the reason code for the ``errors`` table."""

    def __init__(self, code: ErrorCode, source: str, why: str = "", **fields: object) -> None:
        self.code = code
        self.source = printable(source)
        self.why = printable(why)
        super().__init__(format_message(code, source=self.source, why=self.why, **fields))


class ConfigError(ThaiExtractError, ValueError):
    """A pipeline configuration that names unknown stages or engines, or misses a requirement."""


class ResourceNotFoundError(ThaiExtractError, FileNotFoundError):
    """A model or lexicon file is missing; the message names the path and how to rebuild it."""


def require_resource(path: str | os.PathLike[str], what: str, rebuild: str) -> Path:
    """``path`` if it exists, else ResourceNotFoundError naming it and the command that rebuilds it."""
    p = Path(path)
    if not p.exists():
        raise ResourceNotFoundError(f"{what} not found: {p}; {rebuild} (see models/README.md)")
    return p
