"""Word segmentation engines: each turns a text into word spans, whitespace left out.

``WORD_ENGINES`` names them; an engine's library is imported only when the engine is first used.
Chosen by measurement (``bench/segment.py``): thaibreak is the default, for the best word-boundary
F1 on the wisesight gold and because it keeps transliterated names whole.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

from thai_extract._offline import set_offline_environment
from thai_extract.errors import ConfigError

Span = tuple[int, int]


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


def thaibreak_words(text: str) -> list[Span]:
    """Words by thaibreak (dictionary + bigram model, C library in the wheel)."""
    import thaibreak

    bounds = thaibreak.boundaries(text)
    spans = []
    prev = bounds[0] if bounds else 0
    for b in bounds[1:]:
        if not text[prev:b].isspace():
            spans.append((prev, b))
        prev = b
    return spans


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


def nlpo3_words(text: str) -> list[Span]:
    """Words by nlpo3 (newmm in Rust) with pythainlp's word list."""
    import nlpo3

    return _split_on_whitespace(text, _spans_from_pieces(text, nlpo3.segment(text, _nlpo3_dictionary())))


def newmm_words(text: str) -> list[Span]:
    """Words by pythainlp's newmm (pure Python; the slow reference), line by line."""
    set_offline_environment()
    from pythainlp.tokenize import word_tokenize

    spans: list[Span] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        pieces = word_tokenize(line, engine="newmm", keep_whitespace=True)
        spans.extend((s + offset, e + offset) for s, e in _spans_from_pieces(line, pieces))
        offset += len(line)
    return _split_on_whitespace(text, spans)


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
