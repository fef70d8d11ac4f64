"""The letters a Thai typist confuses: Kedmanee keyboard neighbours and shift pairs, look-alike and
sound-alike letters (the corrector's channel model, ``edits.EditModel``, is built on these)."""

from __future__ import annotations

from functools import cache

# Kedmanee, by US key position. Rows: number row (from the ` key), Q, A and Z rows.
_ROWS_PLAIN = [
    "_ๅ/-ภถุึคตจขช",
    "ๆไำพะัีรนยบลฃ",
    "ฟหกดเ้่าสวง",
    "ผปแอิืทมใฝ",
]
_ROWS_SHIFT = [
    "%+๑๒๓๔ู฿๕๖๗๘๙",
    '๐"ฎฑธํ๊ณฯญฐ,ฅ',
    "ฤฆฏโฌ็๋ษศซ.",
    "()ฉฮฺ์?ฒฬฦ",
]
_ROW_X0 = [0.0, 1.5, 1.75, 2.25]  # x of each row's first key, in key widths

# Letters that look or sound alike (typed by mistake for one another).
_SIMILAR_GROUPS = [
    "ดตฎฏ", "บป", "ขฃช", "คฅศ", "ซชศษส", "ผฝ", "พฟภ", "ถภฐ", "ทธฑฒ", "นมณ", "รวฤ", "ลฬส", "อฮ",
    "ยญ", "ฆม", "กถ", "ใไ", "ุู", "ิี", "ึื", "่้๊๋", "ั็", "าำ", "ฌณ", "ฉจ", "โใ",
]

THAI_ALPHABET = "".join(chr(c) for c in range(0x0E01, 0x0E4E) if chr(c) not in "\u0e3b\u0e3c\u0e3d\u0e3e\u0e3f\u0e4f")

@cache
def _positions() -> dict[str, tuple[int, float, int]]:
    pos: dict[str, tuple[int, float, int]] = {}
    for level, rows in enumerate((_ROWS_PLAIN, _ROWS_SHIFT)):
        for r, row in enumerate(rows):
            for i, ch in enumerate(row):
                pos.setdefault(ch, (r, _ROW_X0[r] + i, level))
    return pos


@cache
def neighbours(ch: str) -> frozenset[str]:
    """Keys next to ``ch``'s key, on the same shift level."""
    pos = _positions()
    if ch not in pos:
        return frozenset()
    r, x, level = pos[ch]
    out = set()
    for other, (r2, x2, l2) in pos.items():
        if other == ch or l2 != level:
            continue
        if (r2 == r and abs(x2 - x) == 1.0) or (abs(r2 - r) == 1 and abs(x2 - x) <= 0.75):
            out.add(other)
    return frozenset(c for c in out if c in THAI_ALPHABET)


@cache
def near_keys(ch: str) -> frozenset[str]:
    """Keys one diagonal step further than :func:`neighbours` (the row above or below, a key and a
    quarter or a key and a half away), on the same shift level: a finger that lands between two
    columns, or reaches straight up or down across the row's stagger (ุ on 6 for ี on U)."""
    pos = _positions()
    if ch not in pos:
        return frozenset()
    r, x, level = pos[ch]
    return frozenset(other for other, (r2, x2, l2) in pos.items()
                     if l2 == level and abs(r2 - r) == 1 and 0.75 < abs(x2 - x) <= 1.5 and other in THAI_ALPHABET)


@cache
def _other_level(ch: str) -> str | None:
    """The character on ``ch``'s key at the other shift level (any character, digits included)."""
    for a, b in zip("".join(_ROWS_PLAIN), "".join(_ROWS_SHIFT)):
        if ch == a:
            return b
        if ch == b:
            return a
    return None


def shift_pair(ch: str) -> str | None:
    """The letter on the same key at the other shift level."""
    other = _other_level(ch)
    return other if other is not None and other in THAI_ALPHABET else None


def shifted_digit(ch: str) -> str | None:
    """The Thai digit on ``ch``'s key at the other shift level (จ -> ๗), or None."""
    other = _other_level(ch)
    return other if other is not None and "๐" <= other <= "๙" else None


@cache
def similar(ch: str) -> frozenset[str]:
    out: set[str] = set()
    for group in _SIMILAR_GROUPS:
        if ch in group:
            out.update(group)
    out.discard(ch)
    return frozenset(out)


@cache
def substitutions(typed: str) -> tuple[tuple[str, str], ...]:
    """(intended letter, kind) for each letter a typist may have meant when ``typed`` appears."""
    out: dict[str, str] = {}
    for c in neighbours(typed):
        out.setdefault(c, "neighbour")
    for c in similar(typed):
        out.setdefault(c, "similar")
    sp = shift_pair(typed)
    if sp:
        out.setdefault(sp, "shift")
    for c in near_keys(typed):
        out.setdefault(c, "near")
    return tuple(out.items())
