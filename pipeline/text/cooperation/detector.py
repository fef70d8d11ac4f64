"""Cooperation passages and their areas and parties.

One pass of the taxonomy's matcher over the working text finds area terms, party names, cue words
("ความร่วมมือ", "หารือ", "MOU", "เยือน"…) and words that refer back to the parties ("ทั้ง 2 ประเทศ",
"ทั้งสองฝ่าย", "ระหว่างกัน"). Sentence by sentence:

* a sentence **opens** a passage when it has a cue (or a referring-back word) and a foreign party
  context: a party other than the home party (TH) in the sentence, a referring-back word with a
  foreign party named earlier in the document, or a foreign party in the two sentences before it
  or the one after it in the same paragraph;
* the next sentence of the same paragraph **continues** the passage when it starts with a connector
  ("โดย", "ซึ่ง", "รวมทั้ง", "ทั้งใน"…), has a cue or a referring-back word, or is a short list of
  area words ("การพัฒนาด้านดิจิทัล เทคโนโลยีอวกาศ");
* every area sentence of a paragraph with an opening sentence is in a passage, and so is every
  area sentence of a text that reports cooperation (its headline opens a passage, or two sentences
  do) from its first passage on: news of a visit or an agreement lists figures, sectors and plans
  without repeating the cue (but a report of fighting, "ปะทะ", "ทุ่นระเบิด", needs a cue of its own);
* every area term in a passage sentence gives one row with its most specific code (the longest
  term wins; a general head word written right before another area term, "เทคโนโลยี|อุตสาหกรรมอาหาร",
  names no area of its own); terms inside a named entity other than a place ("Eastern Economic
  Forum", "กระทรวงแรงงาน") name no area;
* a row's parties are those named in its sentence when it names two or more foreign ones, else the
  passage's, else the foreign party it names, else those of the last sentence that named one; one
  foreign party works with the home party. A country named as a venue ("ณ กรุงเจนีวา") or a
  nationality ("นักท่องเที่ยวชาวจีน", "ภาคเอกชนเวียดนาม") is not a party, and a row with no foreign
  party is not cooperation between countries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from thai_extract.text.cooperation.taxonomy import Taxonomy, is_ascii_term

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
    para: int = 0
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
                     tax: Taxonomy, entities: Sequence[dict[str, Any]] = (),
                     words: Sequence[Any] = ()) -> list[AreaMention]:
    """Area mentions of the cooperation passages of a document.

    ``work``: working text; ``to_original(start, end)`` maps its offsets to ``original``;
    ``sentences``: objects with original ``start``/``end`` and working ``text``; ``entities``: entity
    rows (original offsets) when the entity stage ran; ``words``: tokens with original ``start``/``end``
    when the text was segmented (a Thai party name must then be whole words: "ลาว" is not in "กมลาวาส").
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
    ignored: list[tuple[int, int]] = []
    word_starts = {w.start for w in words}
    word_ends = {w.end for w in words}
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
            ignored.append((os_, oe))
            continue
        if is_ascii_term(term) and not _ascii_boundary_ok(work, ws, we):
            continue
        if term in cue_terms:
            sent.cue = True
        if kind == "cue":
            sent.cue = True
        elif kind == "party":
            if word_starts and not is_ascii_term(term) and (os_ not in word_starts or oe not in word_ends):
                continue
            if not (person and inside(person, person_starts, os_, oe)) and not _not_a_party(work, ws):
                sent.parties.append((os_, code))
        elif kind == "area":
            if blocked and inside(blocked, block_starts, os_, oe):
                continue
            if term[0].isupper() and _in_title_case_name(work, ws, we):
                continue  # "Eastern Economic Forum": a name, not an area
            sent.areas.append((ws, we, os_, oe, term, code))
    for pos, code in ent_parties:
        if any(s <= pos < e for s, e in ignored) or _not_a_party(original, pos):
            continue  # "ดอลลาร์สหรัฐ": a currency; "ณ กรุงมอสโก": where, not who
        si = max(bisect.bisect_right(starts, pos) - 1, 0)
        sents[si].parties.append((pos, code))

    # passages
    paragraph = 0
    for s in sents:
        paragraph += s.para_start
        s.para = paragraph
        s.parties.sort()
    opens = _opening_sentences(sents, home)
    para_opens = {s.para for s, o in zip(sents, opens) if o}
    topic = _is_cooperation_news(sents, opens)
    first_open = opens.index(True) if topic else len(sents)
    rows: list[AreaMention] = []
    named: list[str] = []          # distinct parties in order of last mention, up to this sentence
    last_foreign: set[str] = set()  # the parties of the last sentence that named a foreign party
    passage_parties: set[str] = set()
    passage = -1
    in_passage = False
    heads = tax.compound_heads
    connectors = tax.connectors
    starters = tax.starters
    for i, s in enumerate(sents):
        codes = [c for _, c in s.parties]
        distinct = set(codes)
        foreign_here = bool(distinct - {home})
        text = s.text.lstrip()
        continues = in_passage and not s.para_start and (
            s.cue or s.cont or text.startswith(connectors)
            or (s.areas and len(text) <= _LIST_SENTENCE_CHARS))
        for c in codes:
            if c in named:
                named.remove(c)
            named.append(c)
        if foreign_here:
            last_foreign = distinct
        carried_on = in_passage and not s.para_start  # the sentence before was in a passage of this paragraph
        if opens[i] and not in_passage or (opens[i] and s.para_start):
            passage += 1
        in_passage = bool(opens[i] or continues)
        by_topic = topic and (i <= 1 or i >= first_open) and (s.cue or s.cont or not _CONFLICT.search(s.text))
        if not s.areas or not (in_passage or s.para in para_opens or by_topic):
            continue
        if len(distinct - {home}) >= 2 or (len(distinct) >= 2 and not in_passage):
            parties = distinct
        elif passage_parties and ((in_passage and not opens[i]) or (carried_on and distinct - {home} <= passage_parties)):
            parties = passage_parties
        elif foreign_here:
            parties = distinct
        else:
            parties = last_foreign or _foreign_ahead(sents, i, home) or set(named[-2:])
        if not parties - {home}:
            continue  # no foreign party: not cooperation between countries
        if home and len(parties - {home}) < 2:
            parties = parties | {home}  # one foreign party works with the home government
        if opens[i]:
            passage_parties = parties
        party_tuple = tuple(sorted(parties))
        base = 0.8 if (s.cue or s.cont) else 0.65
        areas = s.areas
        for k, (ws, we, os_, oe, term, code) in enumerate(areas):
            if term in heads and k + 1 < len(areas) and areas[k + 1][0] == we:
                continue  # "เทคโนโลยี|อุตสาหกรรมอาหาร": the head names no area of its own
            window = work[max(0, ws - 12):ws]
            score = min(base + 0.1, 0.95) if any(st in window for st in starters) else base
            rows.append(AreaMention(os_, oe, work[ws:we], code, party_tuple, score, i, max(passage, 0)))
    return rows


# Reports of fighting name places and armies, not cooperation: outside a cue sentence they join no passage.
_CONFLICT = re.compile(r"ละเมิด|โจมตี|ปะทะ|ทุ่นระเบิด|กับระเบิด|ระเบิด|ยิง|บาดเจ็บ|เสียชีวิต|รุกล้ำ|สู้รบ|อาวุธหนัก|ผู้สังเกตการณ์")


def _is_cooperation_news(sents: list[_Sent], opens: list[bool]) -> bool:
    """Whether the whole text reports cooperation: its headline (first sentence or the one after it,
    in the first paragraph) opens a passage, or two sentences do. Every area sentence of such a
    text from its first passage on belongs to the cooperation it reports (the figures, sector lists
    and plans around it)."""
    if sum(opens) >= 2:
        return True
    return bool(opens) and (opens[0] or (len(opens) > 1 and opens[1] and sents[1].para <= 1))


def _foreign_ahead(sents: list[_Sent], i: int, home: str | None) -> set[str]:
    """The parties of the next sentence of the same paragraph, when it names a foreign one."""
    if i + 1 < len(sents) and sents[i + 1].para == sents[i].para:
        codes = {c for _, c in sents[i + 1].parties}
        if codes - {home}:
            return codes
    return set()


def _opening_sentences(sents: list[_Sent], home: str | None) -> list[bool]:
    """Whether each sentence opens a passage: a cue (or a referring-back word) with a foreign party
    in it, in the two sentences before it or the one after it in its paragraph, or (for a
    referring-back word) anywhere earlier."""
    opens = []
    foreign_seen = False
    recent_foreign: list[int] = []
    for i, s in enumerate(sents):
        foreign_here = any(c != home for _, c in s.parties)
        foreign_near = bool(_foreign_ahead(sents, i, home)) or any(
            j >= i - _LOOKBACK and sents[j].para == s.para for j in recent_foreign)
        opens.append((s.cue or s.cont) and (
            foreign_here or (s.cont and foreign_seen) or (s.cue and foreign_near)))
        if foreign_here:
            foreign_seen = True
            recent_foreign.append(i)
    return opens


# A country named right after these is where something happens ("ณ กรุงเจนีวา", "คู่ค้าในอาเซียน") or
# whose people, companies or tourists are meant ("นักท่องเที่ยวชาวจีน", "ผู้ผลิตสัญชาติจีน",
# "ภาคเอกชนเวียดนาม"): not a party.
_NOT_PARTY_BEFORE = re.compile(
    r"(?:ณ|จัดขึ้นที่|ที่(?=\s*(?:ประเทศ|กรุง|นคร|เมือง))|ชาว|สัญชาติ|นักท่องเที่ยว|แรงงาน|ภาคเอกชน|เอกชน|ใน|ภายใน"
    r"|นักธุรกิจ|นักลงทุน|ผู้ประกอบการ|อินฟลูเอนเซอร์)\s*(?:ประเทศ|กรุง|นคร|เมือง|ชาว)?\s*$")


def _not_a_party(text: str, start: int) -> bool:
    """Whether a country named at ``start`` is a venue or a nationality rather than a party."""
    return bool(_NOT_PARTY_BEFORE.search(text, max(0, start - 16), start))


_PREV_WORD = re.compile(r"([A-Za-z][\w&-]*)[ ]+$")
_NEXT_WORD = re.compile(r"^[ ]+([A-Za-z][\w&-]*)")


def _in_title_case_name(work: str, start: int, end: int) -> bool:
    """Whether a capitalised English word stands next to another capitalised English word."""
    before = _PREV_WORD.search(work[max(0, start - 30):start])
    after = _NEXT_WORD.search(work[end:end + 30])
    return bool(before and before.group(1)[0].isupper()) or bool(after and after.group(1)[0].isupper())

