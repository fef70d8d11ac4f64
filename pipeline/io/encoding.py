"""Decoding input bytes: UTF-8 (with or without BOM), UTF-16 with BOM, and TIS-620/cp874, detected."""

from __future__ import annotations

import codecs
import re

from thai_extract.errors import ErrorCode, InputError

THAI_RANGE = re.compile("[\u0e00-\u0e7f]")
NON_ASCII = re.compile("[^\x00-\x7f]")
# A Thai character in UTF-8 is E0 B8 xx or E0 B9 xx: many of these mean broken UTF-8, not TIS-620
# (whose bytes would also decode, into nonsense).
UTF8_THAI_BYTES = re.compile(rb"\xe0[\xb8\xb9][\x80-\xbf]")
HIGH_BYTES = re.compile(rb"[\x80-\xff]")


def _first_bad_utf8(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8 at byte {exc.start} ({exc.reason})"
    return ""


def _is_plausible_tis620(text: str) -> bool:
    """Decoded as cp874, is the text really Thai (and not binary noise)?"""
    non_ascii = len(NON_ASCII.findall(text))
    return non_ascii > 0 and len(THAI_RANGE.findall(text)) >= 0.95 * non_ascii


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``data`` reads as text in that codec (Thai or ASCII), else None."""
    sample = data[:4096] if len(data) % 2 == 0 else data[:4095]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if text and sum(ch < "\x80" or "\u0e00" <= ch <= "\u0e7f" for ch in text) >= 0.9 * len(text):
            return codec
    return None


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text of ``data``; raises InputError (binary file, unknown encoding) when it has none.

    With ``encoding`` given, that codec is used as is (strictly).
    """
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(ErrorCode.UNKNOWN_ENCODING, source, f"not valid {encoding}: {exc}") from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(ErrorCode.UNKNOWN_ENCODING, source, f"UTF-8 BOM but {exc.reason} at byte {exc.start + 3}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(ErrorCode.UNKNOWN_ENCODING, source, f"UTF-16 BOM but {exc.reason} at byte {exc.start}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        guess = _utf16_without_bom(data)
        if guess:
            raise InputError(ErrorCode.UNKNOWN_ENCODING, source,
                             f"NUL bytes at every other position: possibly {guess.upper()} without BOM "
                             f"(use --encoding {guess})")
        raise InputError(ErrorCode.BINARY_FILE, source, f"NUL byte at {nul}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = len(HIGH_BYTES.findall(data))
    if 3 * len(UTF8_THAI_BYTES.findall(data)) >= 0.5 * high:
        raise InputError(ErrorCode.UNKNOWN_ENCODING, source, _first_bad_utf8(data))
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise InputError(
            ErrorCode.UNKNOWN_ENCODING, source, f"{_first_bad_utf8(data)}; not TIS-620 either (byte {exc.start})"
        ) from None
    if not _is_plausible_tis620(text):
        raise InputError(ErrorCode.UNKNOWN_ENCODING, source, f"{_first_bad_utf8(data)}; not Thai as TIS-620 either")
    return text
