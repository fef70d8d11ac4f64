"""Thai text normalisation as a list of edits, so that every later span maps back to the source.

The rules (each can be switched off by name):

- ``invisible``: zero-width and other invisible format characters (ZWSP, ZWNJ, ZWJ, word joiner,
  BOM, soft hyphen, bidi controls) and C0 control characters other than tab/newline are removed;
- ``spaces``: no-break, thin, ideographic and other odd spaces become a plain space;
- ``sara_e``: two SARA E (เเ), a common way of typing SARA AE, become แ;
- ``space_before_mark``: a space typed between a consonant and its vowel or tone mark is removed;
- ``marks``: Thai combining marks are put in their canonical order (vowel before tone mark),
  duplicated marks are removed, NIKHAHIT + SARA AA becomes SARA AM, and a tone mark typed after
  a following vowel is moved before it;
- ``nfc``: Unicode NFC, applied only to the words that are not already in NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from thai_extract.alignment import Edit

ABOVE_BELOW_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
OTHER_MARKS = "\u0e4c\u0e4d\u0e4e"  # thanthakhat, nikhahit, yamakkan
THAI_MARKS = ABOVE_BELOW_VOWELS + TONE_MARKS + OTHER_MARKS
THAI_CONSONANTS = "\u0e01-\u0e2e"
# Order of marks within a cluster: vowel above/below, then tone mark, then the others.
_MARK_RANK = {**{c: 0 for c in ABOVE_BELOW_VOWELS}, **{c: 1 for c in TONE_MARKS},
              "\u0e4c": 2, "\u0e4d": 2, "\u0e4e": 2}

# Two different marks in rank order: runs that are already canonical (most runs in real text).
_CANONICAL_PAIRS = frozenset(
    a + b for a in THAI_MARKS for b in THAI_MARKS if a != b and _MARK_RANK[a] <= _MARK_RANK[b]
)
# str.translate tables that keep only the marks of one rank, for each rank in order
_KEEP_RANK = tuple(
    {ord(c): None for c, r in _MARK_RANK.items() if r != rank} for rank in sorted(set(_MARK_RANK.values()))
)
_REPEATS = re.compile(r"(.)\1+", re.DOTALL)

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f"
_ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"

_RULE_PATTERNS: dict[str, str] = {
    "invisible": f"[{_INVISIBLE}{_CONTROLS}]+",
    "spaces": f"[{_ODD_SPACES}]",
    "sara_e": "\u0e40\u0e40",
    "space_before_mark": f"(?<=[{THAI_CONSONANTS}]) +(?=[{THAI_MARKS}])",
    "nikhahit_aa": f"\u0e4d[{TONE_MARKS}]*\u0e32",
    "vowel_tone": f"[\u0e32\u0e33][{TONE_MARKS}]+",
    "marks": f"[{THAI_MARKS}]{{2,}}",
}
RULES: tuple[str, ...] = ("invisible", "spaces", "sara_e", "space_before_mark", "marks", "nfc")
"""Rule names users can choose from (``marks`` covers the three mark-order patterns)."""

_RULE_OF_GROUP = {"nikhahit_aa": "marks", "vowel_tone": "marks"}
_NON_NFC_WORD = re.compile(r"\S+")


def _clusters(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Ranges of ``text[start:end]`` that each hold one base character and its combining marks."""
    cluster_start = start
    for i in range(start + 1, end):
        if not unicodedata.combining(text[i]):
            yield cluster_start, i
            cluster_start = i
    yield cluster_start, end


def _fix_marks(run: str) -> str:
    """Canonical order of a run of Thai marks (stable by rank), without a mark repeated in a row.

    Done with str.translate and a regex rather than per character, so a run of any length costs
    linear time and little memory.
    """
    ordered = "".join(run.translate(keep) for keep in _KEEP_RANK)
    return _REPEATS.sub(r"\1", ordered)


def _replacement(group: str, matched: str) -> str:
    if group == "invisible":
        return ""
    if group == "spaces":
        return " "
    if group == "sara_e":
        return "\u0e41"
    if group == "space_before_mark":
        return ""
    if group == "nikhahit_aa":
        return matched[1:-1] + "\u0e33"
    if group == "vowel_tone":
        return _fix_marks(matched[1:]) + matched[0]
    return _fix_marks(matched)


class Normalizer:
    """Finds the edits that normalise a text; ``rules`` chooses which rules run (default all)."""

    def __init__(self, rules: Iterable[str] = RULES) -> None:
        chosen = tuple(rules)
        unknown = sorted(set(chosen) - set(RULES))
        if unknown:
            raise ValueError(f"unknown normalisation rules {unknown}; choose from {list(RULES)}")
        self.rules = chosen
        groups = [g for g in _RULE_PATTERNS if _RULE_OF_GROUP.get(g, g) in chosen]
        self._pattern = (
            re.compile("|".join(f"(?P<{g}>{_RULE_PATTERNS[g]})" for g in groups)) if groups else None
        )
        self._nfc = "nfc" in chosen

    def __reduce__(self):  # compiled patterns pickle, but the rule list is all that is needed
        return (Normalizer, (self.rules,))

    def character_edits(self, text: str) -> Iterator[Edit]:
        """Edits of the character rules that change the text, in order."""
        if self._pattern is None:
            return
        for m in self._pattern.finditer(text):
            matched = m.group()
            if matched in _CANONICAL_PAIRS:
                # most runs of marks are two marks in order: matched (so that no other rule starts
                # inside them), but they need no edit (no other rule matches two marks alone)
                continue
            group = m.lastgroup
            assert group is not None
            replacement = _replacement(group, matched)
            if replacement != matched:
                yield Edit(m.start(), m.end(), replacement)

    def nfc_edits(self, text: str) -> Iterator[Edit]:
        """Edits that put each character cluster (a base and its combining marks) of ``text`` in NFC.

        Only words that are not already NFC are looked at, and only their changed clusters are
        edited, so spans stay as fine as the characters allow.
        """
        if not self._nfc or unicodedata.is_normalized("NFC", text):
            return
        for m in _NON_NFC_WORD.finditer(text):
            if unicodedata.is_normalized("NFC", m.group()):
                continue
            for start, end in _clusters(text, m.start(), m.end()):
                cluster = text[start:end]
                composed = unicodedata.normalize("NFC", cluster)
                if composed != cluster:
                    yield Edit(start, end, composed)


def normalize_text(text: str, rules: Iterable[str] = RULES) -> str:
    """The normalised text alone (no alignment), for quick use and tests."""
    from thai_extract.alignment import Alignment

    normalizer = Normalizer(rules)
    alignment = Alignment()
    text = alignment.apply(text, normalizer.character_edits(text))
    return alignment.apply(text, normalizer.nfc_edits(text))
