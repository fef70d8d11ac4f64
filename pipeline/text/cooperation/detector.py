"""Cooperation passages and their areas and parties.

One pass of the taxonomy's matcher over the working text finds area terms, party names, cue words
("ความร่วมมือ", "หารือ", "MOU"…) and words that refer back to the parties ("ทั้ง 2 ประเทศ",
"ทั้งสองฝ่าย", "ระหว่างกัน"). Sentence by sentence:

* a sentence **opens** a passage when it has a cue (or a referring-back word) and a foreign party
  context: a party other than the home party (TH) in the sentence, a referring-back word with a
  foreign party named earlier in the document, or a foreign party in the two sentences before it in
  the same paragraph;
* the next sentence of the same paragraph **continues** the passage when it starts with a connector
  ("โดย", "ซึ่ง", "รวมทั้ง", "ทั้งใน"…), has a cue or a referring-back word, or is a short list of
  area words ("การพัฒนาด้านดิจิทัล เทคโนโลยีอวกาศ");
* every area term in a passage sentence gives one row with its most specific code (the longest
  term wins; a general head word written right before another area term, "เทคโนโลยี|อุตสาหกรรมอาหาร",
  names no area of its own); terms inside a named entity other than a place ("Eastern Economic
  Forum", "กระทรวงแรงงาน") name no area;
* the row's parties are those named in its sentence when there are two or more, else the last two
  distinct parties named up to the end of its sentence; a lone foreign party gets the home party.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.text.cooperation.taxonomy import Taxonomy, is_ascii_term

_TWO_LETTERS = re.compile(r"^[A-Z]{2}$")
_LIST_SENTENCE_CHARS = 120   # a sentence this short with area words continues a passage
_LOOKBACK = 2                # sentences before a cue that may hold its foreign party


@dataclass(frozen=True, slots=True)
class AreaMention:
    """One area of a passage: original offsets, working-text surface, code, parties, score."""

    start: int
    end: int
    text: str
    area: str
    parties: tuple[str, ...]
    score: float
    sentence: int
    passage: int


@dataclass
class _Sent:
    start: int
    end: int
    text: str
    para_start: bool
    cue: bool = False
    cont: bool = False
    parties: list[tuple[int, str]] = None  # type: ignore[assignment]
    areas: list[tuple[int, int, int, int, str, str]] = None  # type: ignore[assignment]  (ws, we, os, oe, term, code)

    def __post_init__(self) -> None:
        self.parties = []
        self.areas = []


def _ascii_boundary_ok(work: str, start: int, end: int) -> bool:
    before = work[start - 1] if start > 0 else " "
    after = work[end] if end < len(work) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def find_cooperation(work: str, to_original: Any, sentences: Sequence[Any], original: str,
                     tax: Taxonomy, entities: Sequence[dict[str, Any]] = ()) -> list[AreaMention]:
    """Area mentions of the cooperation passages of a document.

    ``work``: working text; ``to_original(start, end)`` maps its offsets to ``original``;
    ``sentences``: objects with original ``start``/``end`` and working ``text``; ``entities``: entity
    rows (original offsets) when the entity stage ran.
    """
    if not work.strip():
        return []
    if sentences:
        sents = [_Sent(s.start, s.end, s.text, i == 0 or "\n" in original[sentences[i - 1].end:s.start])
                 for i, s in enumerate(sentences)]
    else:
        sents = [_Sent(0, len(original), work, True)]
    starts = [s.start for s in sents]
    home = tax.home

    # entity spans: parties, and spans where words name no area
    blocked: list[tuple[int, int]] = []
    person: list[tuple[int, int]] = []
    ent_parties: list[tuple[int, str]] = []
    for e in entities:
        label, canon = e.get("label"), e.get("canonical") or ""
        if label == "LOCATION":
            if _TWO_LETTERS.match(canon):
                ent_parties.append((e["start"], canon))
            continue
        if label == "ORGANIZATION" and canon in tax.parties:
            ent_parties.append((e["start"], canon))
        blocked.append((e["start"], e["end"]))
        if label == "PERSON":
            person.append((e["start"], e["end"]))
    blocked.sort()
    block_starts = [b[0] for b in blocked]

    def inside(spans: list[tuple[int, int]], keys: list[int], s: int, e: int) -> bool:
        i = bisect.bisect_right(keys, s) - 1
        while i >= 0 and spans[i][0] <= s:
            if spans[i][1] >= e:
                return True
            i -= 1
            if s - spans[i + 1][0] > 200:
                break
        return False

    person.sort()
    person_starts = [p[0] for p in person]
    terms = tax.terms
    cue_terms = tax.cue_terms
    for m in tax.regex.finditer(work):
        ws, we = m.start(), m.end()
        os_, oe = to_original(ws, we)
        si = max(bisect.bisect_right(starts, os_) - 1, 0)
        sent = sents[si]
        if m.lastgroup == "cont":
            sent.cont = True
            continue
        term = m.group()
        kind, code = terms.get(term, ("ignore", ""))
        if kind == "ignore":
            continue
        if is_ascii_term(term) and not _ascii_boundary_ok(work, ws, we):
            continue
        if term in cue_terms:
            sent.cue = True
        if kind == "cue":
            sent.cue = True
        elif kind == "party":
            if not (person and inside(person, person_starts, os_, oe)):
                sent.parties.append((os_, code))
        elif kind == "area":
            if blocked and inside(blocked, block_starts, os_, oe):
                continue
            if term[0].isupper() and _in_title_case_name(work, ws, we):
                continue  # "Eastern Economic Forum": a name, not an area
            sent.areas.append((ws, we, os_, oe, term, code))
    for pos, code in ent_parties:
        si = max(bisect.bisect_right(starts, pos) - 1, 0)
        sents[si].parties.append((pos, code))

    # passages
    rows: list[AreaMention] = []
    named: list[str] = []          # distinct parties in order of last mention, up to this sentence
    foreign_seen = False
    recent_foreign: list[int] = []  # sentence indices with a foreign party
    passage = -1
    in_passage = False
    heads = tax.compound_heads
    connectors = tax.connectors
    starters = tax.starters
    for i, s in enumerate(sents):
        s.parties.sort()
        codes = [c for _, c in s.parties]
        foreign_here = any(c != home for c in codes)
        foreign_near = any(j >= i - _LOOKBACK and not _para_break(sents, j, i) for j in recent_foreign)
        opens = (s.cue or s.cont) and (
            foreign_here or (s.cont and (foreign_seen or foreign_here)) or (s.cue and foreign_near))
        text = s.text.lstrip()
        continues = in_passage and not s.para_start and (
            s.cue or s.cont or text.startswith(connectors)
            or (s.areas and len(text) <= _LIST_SENTENCE_CHARS))
        for c in codes:
            if c in named:
                named.remove(c)
            named.append(c)
        if foreign_here:
            foreign_seen = True
            recent_foreign.append(i)
        if opens and not in_passage or (opens and s.para_start):
            passage += 1
        in_passage = bool(opens or continues)
        if not in_passage or not s.areas:
            continue
        distinct = list(dict.fromkeys(codes))
        parties = set(distinct) if len(distinct) >= 2 else set(named[-2:])
        if len(parties) == 1 and home and home not in parties:
            parties.add(home)
        party_tuple = tuple(sorted(parties))
        base = 0.8 if (s.cue or s.cont) else 0.65
        areas = s.areas
        for k, (ws, we, os_, oe, term, code) in enumerate(areas):
            if term in heads and k + 1 < len(areas) and areas[k + 1][0] == we:
                continue  # "เทคโนโลยี|อุตสาหกรรมอาหาร": the head names no area of its own
            window = work[max(0, ws - 12):ws]
            score = min(base + 0.1, 0.95) if any(st in window for st in starters) else base
            rows.append(AreaMention(os_, oe, work[ws:we], code, party_tuple, score, i, passage))
    return rows


_PREV_WORD = re.compile(r"([A-Za-z][\w&-]*)[ ]+$")
_NEXT_WORD = re.compile(r"^[ ]+([A-Za-z][\w&-]*)")


def _in_title_case_name(work: str, start: int, end: int) -> bool:
    """Whether a capitalised English word stands next to another capitalised English word."""
    before = _PREV_WORD.search(work[max(0, start - 30):start])
    after = _NEXT_WORD.search(work[end:end + 30])
    return bool(before and before.group(1)[0].isupper()) or bool(after and after.group(1)[0].isupper())


def _para_break(sents: list[_Sent], j: int, i: int) -> bool:
    return any(sents[k].para_start for k in range(j + 1, i + 1))
