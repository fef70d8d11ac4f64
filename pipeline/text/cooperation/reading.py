"""What the cooperation detector reads of a document, and the sentences it marks.

:class:`CooperationInput` holds the working text with its sentences, tokens and entities;
:func:`marked_sentences` makes one pass of the taxonomy's matcher over the working text and marks
each sentence's cues, referring-back words, parties and area terms (see
:mod:`thai_extract.text.cooperation.detector` for what it does with them).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from thai_extract.text.cooperation.taxonomy import DetectorSettings, Taxonomy, is_ascii_term

Span = tuple[int, int]
_TWO_LETTERS = re.compile(r"^[A-Z]{2}$")


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named entity in the working text: ``label`` (PERSON, LOCATION…) and ``canonical`` name."""

    start: int
    end: int
    label: str
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class CooperationInput:
    """What the detector reads of a document; every span is in working-text offsets.

    ``sentences``: ``(start, end)`` of each sentence, in order (none: the text is one sentence);
    ``tokens``: the word spans when the text was segmented (a Thai party name must then be whole
    words: "ลาว" is not in "กมลาวาส"); ``entities``: the named entities when an entity stage ran;
    ``to_original``: maps a working-text span to the original text (the identity by default).
    """

    work: str
    sentences: Sequence[Span] = ()
    tokens: Sequence[Span] = ()
    entities: Sequence[EntitySpan] = ()
    to_original: Callable[[int, int], tuple[int, int]] = _identity


@dataclass
class Sentence:
    """A sentence (working-text offsets) and what the matcher found in it."""

    start: int
    end: int
    text: str
    para_start: bool
    cue: bool = False
    cont: bool = False
    para: int = 0
    parties: list[tuple[int, str]] = field(default_factory=list)
    areas: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, term, code)
    # area terms inside the name of an agency that is not itself a party ("กระทรวงคมนาคม",
    # "สำนักงานกิจการศาสนาแห่งชาติจีน"): its sector, which a meeting of agencies is about when the
    # sentence names no area itself
    agency_areas: list[tuple[int, int, str, str]] = field(default_factory=list)


class _Spans:
    """Sorted spans, asked whether one of them contains a given range."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def contain(self, start: int, end: int) -> bool:
        return self.container(start, end) is not None

    def container(self, start: int, end: int) -> Span | None:
        """A span that contains ``[start, end)``, or None."""
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0:
            if self.spans[i][1] >= end:
                return self.spans[i]
            if start - self.spans[i][0] > 200:  # no entity is that long
                break
            i -= 1
        return None


def _ascii_boundary_ok(work: str, start: int, end: int) -> bool:
    before = work[start - 1] if start > 0 else " "
    after = work[end] if end < len(work) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def marked_sentences(inp: CooperationInput, tax: Taxonomy) -> list[Sentence]:
    """The sentences of ``inp``, each marked with its cues, parties, areas and paragraph."""
    work = inp.work
    if not inp.sentences:
        sents = [Sentence(0, len(work), work, True)]
    else:
        sents, prev_end = [], 0
        for i, (start, end) in enumerate(inp.sentences):
            sents.append(Sentence(start, end, work[start:end], i == 0 or "\n" in work[prev_end:start]))
            prev_end = end
    _read_terms(inp, tax, sents)
    return sents


def _read_terms(inp: CooperationInput, tax: Taxonomy, sents: list[Sentence]) -> None:
    """Mark each sentence's cues, referring-back words, parties and area terms."""
    work = inp.work
    settings = tax.detector
    starts = [s.start for s in sents]

    def sentence_at(pos: int) -> Sentence:
        return sents[max(bisect.bisect_right(starts, pos) - 1, 0)]

    blocked: list[Span] = []      # spans where words name no area
    person: list[Span] = []
    agencies: list[Span] = []
    ent_parties: list[tuple[int, str]] = []
    for e in inp.entities:
        canon = e.canonical or ""
        if e.label == "LOCATION":
            if _TWO_LETTERS.match(canon):
                ent_parties.append((e.start, canon))
            continue
        if e.label == "ORGANIZATION" and canon in tax.parties:
            ent_parties.append((e.start, canon))
        blocked.append((e.start, e.end))
        if e.label == "PERSON":
            person.append((e.start, e.end))
        elif e.label == "ORGANIZATION" and canon not in tax.parties:
            agencies.append((e.start, e.end))  # (a party's name, "OECD", says who, not what about)
    in_entity, in_person, in_agency = _Spans(blocked), _Spans(person), _Spans(agencies)
    agencies_read: set[Span] = set()
    word_starts = {s for s, _ in inp.tokens}
    word_ends = {e for _, e in inp.tokens}
    terms, cue_terms = tax.terms, tax.cue_terms
    ignored: list[Span] = []
    for m in tax.regex.finditer(work):
        ws, we = m.start(), m.end()
        sent = sentence_at(ws)
        if m.lastgroup == "cont":
            sent.cont = True
            continue
        term = m.group()
        kind, code = terms.get(term, ("ignore", ""))
        if kind == "ignore":
            ignored.append((ws, we))
            continue
        if is_ascii_term(term) and not _ascii_boundary_ok(work, ws, we):
            continue
        if term in cue_terms or kind == "cue":
            if not (term in settings.whole_word_cues and word_starts and (ws not in word_starts or we not in word_ends)):
                sent.cue = True  # (a short cue inside a longer word is none: "ถก" in "รถกระบะ")
        if kind in ("party", "group"):
            if word_starts and not is_ascii_term(term) and (ws not in word_starts or we not in word_ends):
                continue
            if not in_person.contain(ws, we) and not _not_a_party(work, ws, settings):
                sent.parties.extend((ws, c) for c in (tax.groups[code] if kind == "group" else (code,)))
        elif kind == "area":
            if in_entity.contain(ws, we):
                agency = in_agency.container(ws, we)
                if agency is not None and agency not in agencies_read:  # its first sector only:
                    agencies_read.add(agency)  # "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม" is digital
                    sent.agency_areas.append((ws, we, term, code))
                continue
            if term[0].isupper() and _in_title_case_name(work, ws, we):
                continue  # "Eastern Economic Forum": a name, not an area
            sent.areas.append((ws, we, term, code))
    in_ignored = _Spans(ignored)
    for pos, code in ent_parties:
        if in_ignored.contain(pos, pos + 1) or _not_a_party(work, pos, settings):
            continue  # "ดอลลาร์สหรัฐ": a currency; "ณ กรุงมอสโก": where, not who
        sentence_at(pos).parties.append((pos, code))
    paragraph = 0
    for s in sents:
        paragraph += s.para_start
        s.para = paragraph
        s.parties.sort()


def _not_a_party(text: str, start: int, settings: DetectorSettings) -> bool:
    """Whether a country named at ``start`` is a venue or a nationality rather than a party."""
    return bool(settings.not_party_before.search(text, max(0, start - settings.not_party_window), start))


_PREV_WORD = re.compile(r"([A-Za-z][\w&-]*)[ ]+$")
_NEXT_WORD = re.compile(r"^[ ]+([A-Za-z][\w&-]*)")


def _in_title_case_name(work: str, start: int, end: int) -> bool:
    """Whether a capitalised English word stands next to another capitalised English word."""
    before = _PREV_WORD.search(work[max(0, start - 30):start])
    after = _NEXT_WORD.search(work[end:end + 30])
    return bool(before and before.group(1)[0].isupper()) or bool(after and after.group(1)[0].isupper())
