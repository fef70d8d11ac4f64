"""Word segmentation engines: each turns a text into word spans, whitespace left out.

``WORD_ENGINES`` names them; an engine's library is imported only when the engine is first used.
Chosen by measurement (``bench/segment.py``): thaibreak is the default, for the best word-boundary
F1 on the wisesight gold and because it keeps transliterated names whole.

Words are bounded whatever the text: no word is longer than ``MAX_WORD_CHARS`` (a longer piece, such
as a run of one repeated character, is cut), and a long run of ASCII letters or of digits is cut
before it reaches the engine (thaibreak and newmm take time quadratic in such a run's length).
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from thai_extract._offline import set_offline_environment
from thai_extract.errors import ConfigError

Span = tuple[int, int]
WordArrays = tuple[np.ndarray, np.ndarray]
"""Start and end offsets of the words of a text, as two int64 arrays."""

MAX_WORD_CHARS = 100  # longest word an engine returns (the longest in 4,000 news articles: 46)
# Long runs of ASCII letters or of digits: found in two steps, as the one-step pattern scans slowly.
_LONG_ALNUM_RUN = re.compile(f"[A-Za-z0-9][A-Za-z0-9]{{{MAX_WORD_CHARS},}}")
_LONG_ASCII_RUN = re.compile(f"[A-Za-z]{{{MAX_WORD_CHARS + 1},}}|[0-9]{{{MAX_WORD_CHARS + 1},}}")

# Every whitespace code point (str.isspace) lies at or below U+3000 (tests/text/test_words.py checks).
_LAST_SPACE = 0x3000
_IS_SPACE = np.array([chr(c).isspace() for c in range(_LAST_SPACE + 1)] + [False])


def _no_words() -> WordArrays:
    return np.zeros(0, np.int64), np.zeros(0, np.int64)


def _drop_whitespace(text: str, bounds: np.ndarray) -> WordArrays:
    """The pieces between consecutive ``bounds`` (str indices) that are not whitespace only."""
    if len(bounds) < 2:
        return _no_words()
    starts, ends = bounds[:-1], bounds[1:]
    code_points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    non_space = np.concatenate(([0], np.cumsum(~_IS_SPACE[np.minimum(code_points, _LAST_SPACE + 1)])))
    keep = (non_space[ends] > non_space[starts]) | (starts == ends)  # as `not piece.isspace()`
    return starts[keep], ends[keep]


def _cap(bounds: np.ndarray) -> np.ndarray:
    """``bounds`` with every piece longer than MAX_WORD_CHARS cut into pieces of that length."""
    lengths = np.diff(bounds)
    if not len(lengths) or lengths.max() <= MAX_WORD_CHARS:
        return bounds
    pieces = np.maximum(1, -(-lengths // MAX_WORD_CHARS))
    owner = np.repeat(np.arange(len(lengths)), pieces)
    first_piece = np.repeat(np.cumsum(pieces) - pieces, pieces)
    starts = bounds[owner] + (np.arange(len(owner)) - first_piece) * MAX_WORD_CHARS
    return np.concatenate((starts, bounds[-1:]))


def _bounds_of_spans(text: str, spans: list[Span]) -> np.ndarray:
    """Piece boundaries of ``text`` whose non-whitespace pieces are ``spans`` (the others are whitespace)."""
    ends = np.array(spans, dtype=np.int64).ravel()
    return np.unique(np.concatenate(([0, len(text)], ends)))


# ---- thaibreak --------------------------------------------------------------------------------
@cache
def _thaibreak_c() -> Callable[[bytes], np.ndarray] | None:
    """thaibreak's C boundary function, called directly (its Python wrapper converts the offsets
    one by one); None if this thaibreak build does not expose it (then the wrapper is used)."""
    try:
        from thaibreak import core

        lib = core._engine()
        c_boundaries, c_free = lib.thaibreak_boundaries, lib.thaibreak_free_boundaries
    except (ImportError, AttributeError):
        return None

    def byte_boundaries(data: bytes) -> np.ndarray:
        count = ctypes.c_size_t()
        ptr = c_boundaries(data, ctypes.byref(count))
        if not ptr:
            raise RuntimeError("thaibreak returned no boundaries")
        try:
            return np.ctypeslib.as_array(ptr, shape=(count.value,)).astype(np.int64)
        finally:
            c_free(ptr, count)

    return byte_boundaries


def thaibreak_bounds(text: str) -> np.ndarray:
    """``thaibreak.boundaries(text)``: str indices from 0 to len(text), whitespace pieces included."""
    c_boundaries = _thaibreak_c()
    if c_boundaries is None:
        import thaibreak

        return np.array(thaibreak.boundaries(text), dtype=np.int64)
    if not text:
        return np.zeros(1, np.int64)
    data = text.encode("utf-8")
    # a str index is the number of UTF-8 lead bytes before the byte offset
    lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
    return np.concatenate(([0], np.cumsum(lead)))[c_boundaries(data)]


# ---- nlpo3 and newmm ----------------------------------------------------------------------------
def _spans_from_pieces(text: str, pieces: list[str]) -> list[Span]:
    """Offsets of consecutive ``pieces`` of ``text``, whitespace-only pieces left out."""
    spans: list[Span] = []
    pos = 0
    for piece in pieces:
        end = pos + len(piece)
        if not piece.isspace():
            spans.append((pos, end))
        pos = end
    if pos != len(text):
        raise RuntimeError("word segmenter lost characters: its pieces do not cover the text")
    return spans


def _split_on_whitespace(text: str, spans: list[Span]) -> list[Span]:
    """Cut any span that contains whitespace into its non-space runs (engines may glue them)."""
    out: list[Span] = []
    for start, end in spans:
        piece = text[start:end]
        if piece.isspace():
            continue
        if any(ch.isspace() for ch in piece):
            pos = start
            for part in piece.split():
                s = text.index(part, pos)
                out.append((s, s + len(part)))
                pos = s + len(part)
        else:
            out.append((start, end))
    return out


_NLPO3_LOCK = threading.Lock()


@cache
def _nlpo3_dictionary() -> str:
    """Load pythainlp's word list into nlpo3 once per process; returns the dictionary name."""
    import importlib.util

    import nlpo3

    spec = importlib.util.find_spec("pythainlp")
    if spec is None or spec.origin is None:
        raise ConfigError("the nlpo3 engine uses pythainlp's word list: pip install pythainlp")
    path = Path(spec.origin).parent / "corpus" / "words_th.txt"
    with _NLPO3_LOCK:
        message, ok = nlpo3.load_dict(str(path), "thai-extract")
    if not ok and "already" not in message:
        raise FileNotFoundError(f"cannot load nlpo3 dictionary {path}: {message}")
    return "thai-extract"


def _nlpo3_bounds(text: str) -> np.ndarray:
    import nlpo3

    pieces = nlpo3.segment(text, _nlpo3_dictionary())
    return _bounds_of_spans(text, _split_on_whitespace(text, _spans_from_pieces(text, pieces)))


def _newmm_bounds(text: str) -> np.ndarray:
    set_offline_environment()
    from pythainlp.tokenize import word_tokenize

    spans: list[Span] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        pieces = word_tokenize(line, engine="newmm", keep_whitespace=True)
        spans.extend((s + offset, e + offset) for s, e in _spans_from_pieces(line, pieces))
        offset += len(line)
    return _bounds_of_spans(text, _split_on_whitespace(text, spans))


# ---- bounded pieces and words, by engine --------------------------------------------------------
_ENGINE_BOUNDS: dict[str, Callable[[str], np.ndarray]] = {
    "thaibreak": thaibreak_bounds,
    "nlpo3": _nlpo3_bounds,
    "newmm": _newmm_bounds,
}


def piece_bounds(text: str, engine: str = "thaibreak") -> np.ndarray:
    """Boundaries of the pieces of ``text`` (words and whitespace) by ``engine``, from 0 to len(text)
    (a read-only array: the last texts' boundaries are kept for the next caller).

    Like ``thaibreak.boundaries``, but a long ASCII run is cut before the engine sees it and no piece
    is longer than MAX_WORD_CHARS, so time and memory stay linear whatever the text.
    """
    return _piece_bounds(text, engine)


@lru_cache(maxsize=2)  # the spelling and segment stages segment the same working text
def _piece_bounds(text: str, engine: str) -> np.ndarray:
    bounds = _bounded_pieces(_ENGINE_BOUNDS[engine], text)
    bounds.flags.writeable = False
    return bounds


def _bounded_pieces(segment: Callable[[str], np.ndarray], text: str) -> np.ndarray:
    """``segment``'s boundaries of ``text``, with long ASCII runs cut before it and long pieces after."""
    runs = [run.span() for alnum in _LONG_ALNUM_RUN.finditer(text)
            for run in _LONG_ASCII_RUN.finditer(text, *alnum.span())]
    if not runs:
        return _cap(segment(text))
    parts: list[np.ndarray] = []
    pos = 0
    for run_start, run_end in runs:  # the engines take a run as one piece: it is one here too
        if run_start > pos:
            parts.append(segment(text[pos:run_start])[:-1] + pos)
        parts.append(np.array([run_start], np.int64))
        pos = run_end
    parts.append(segment(text[pos:]) + pos if pos < len(text) else np.array([pos], np.int64))
    return _cap(np.concatenate(parts))


def thaibreak_boundaries(text: str) -> list[int]:
    """``thaibreak.boundaries(text)``, faster and bounded as ``piece_bounds`` says."""
    return piece_bounds(text, "thaibreak").tolist()


def word_arrays(text: str, engine: str = "thaibreak") -> WordArrays:
    """Start and end offsets of the words of ``text`` by ``engine``, each word at most MAX_WORD_CHARS."""
    return _drop_whitespace(text, piece_bounds(text, engine))


def _as_spans(arrays: WordArrays) -> list[Span]:
    return list(zip(arrays[0].tolist(), arrays[1].tolist()))


def thaibreak_words(text: str) -> list[Span]:
    """Words by thaibreak (dictionary + bigram model, C library in the wheel)."""
    return _as_spans(word_arrays(text, "thaibreak"))


def nlpo3_words(text: str) -> list[Span]:
    """Words by nlpo3 (newmm in Rust) with pythainlp's word list."""
    return _as_spans(word_arrays(text, "nlpo3"))


def newmm_words(text: str) -> list[Span]:
    """Words by pythainlp's newmm (pure Python; the slow reference), line by line."""
    return _as_spans(word_arrays(text, "newmm"))


WORD_ENGINES: dict[str, Callable[[str], list[Span]]] = {
    "thaibreak": thaibreak_words,
    "nlpo3": nlpo3_words,
    "newmm": newmm_words,
}
DEFAULT_WORD_ENGINE = "thaibreak"


def get_word_engine(name: str) -> Callable[[str], list[Span]]:
    """The engine called ``name``; unknown names list the choices."""
    try:
        return WORD_ENGINES[name]
    except KeyError:
        raise ConfigError(f"unknown word engine {name!r}; choose from {sorted(WORD_ENGINES)}") from None
