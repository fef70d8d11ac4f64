"""Canonical names of entity mentions.

- Places: a country's ISO 3166-1 alpha-2 code; a listed city, region or province's English name;
  otherwise the name without its "ประเทศ"/"จังหวัด"/"กรุง"/"เมือง" prefix.
- People: honorifics stripped, then the lexicon's standard English name for the full name or its
  family name ("วลาร์ดิมีร์ ปูติน" -> "Vladimir Putin"); otherwise the bare name. Within a
  document a one-part mention ("ปูติน", "อิบราฮิม") takes the canonical of the full mention whose
  first or last part it is, and further bare occurrences of a full mention's parts become mentions.
- Organisations: the lexicon's short name ("อาเซียน" -> ASEAN); a Thai ministry name in English,
  with the country that follows it ("กระทรวงการต่างประเทศรัสเซีย" -> "Ministry of Foreign Affairs
  of Russia"); otherwise the name as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from thai_extract.text.entities.resources import HONORIFICS, LOCATION_PREFIXES, Resources

if TYPE_CHECKING:
    from thai_extract.text.entities.tagger import Mention

Span = tuple[int, int]
_HONORIFICS_LONGEST = sorted(HONORIFICS, key=len, reverse=True)
_ABBREV_CHAIN = re.compile(r"^(?:[\u0e01-\u0e2e]{1,3}\.){1,4}(?=[\u0e01-\u0e2e])")
_SPACES = re.compile(r"\s+")

MINISTRIES = {
    "กระทรวงการต่างประเทศ": "Ministry of Foreign Affairs",
    "กระทรวงกลาโหม": "Ministry of Defence",
    "กระทรวงการคลัง": "Ministry of Finance",
    "กระทรวงมหาดไทย": "Ministry of Interior",
    "กระทรวงพาณิชย์": "Ministry of Commerce",
    "กระทรวงเกษตรและสหกรณ์": "Ministry of Agriculture and Cooperatives",
    "กระทรวงคมนาคม": "Ministry of Transport",
    "กระทรวงพลังงาน": "Ministry of Energy",
    "กระทรวงอุตสาหกรรม": "Ministry of Industry",
    "กระทรวงศึกษาธิการ": "Ministry of Education",
    "กระทรวงสาธารณสุข": "Ministry of Public Health",
    "กระทรวงยุติธรรม": "Ministry of Justice",
    "กระทรวงแรงงาน": "Ministry of Labour",
    "กระทรวงวัฒนธรรม": "Ministry of Culture",
    "กระทรวงการท่องเที่ยวและกีฬา": "Ministry of Tourism and Sports",
    "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม": "Ministry of Digital Economy and Society",
    "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม": "Ministry of Natural Resources and Environment",
    "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์": "Ministry of Social Development and Human Security",
    "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม": "Ministry of Higher Education, Science, Research and Innovation",
    "กระทรวงการอุดมศึกษาวิทยาศาสตร์วิจัยและนวัตกรรม": "Ministry of Higher Education, Science, Research and Innovation",
    "สถานเอกอัครราชทูต": "Embassy",
}
_MINISTRIES_LONGEST = sorted(MINISTRIES, key=len, reverse=True)


def strip_honorifics(name: str) -> str:
    """The name without leading honorifics and ranks ("นายเศรษฐา ทวีสิน" -> "เศรษฐา ทวีสิน")."""
    name = _SPACES.sub(" ", name.strip())
    changed = True
    while changed and name:
        changed = False
        for h in _HONORIFICS_LONGEST:
            if name.startswith(h) and len(name) > len(h):
                name = name[len(h):].lstrip()
                changed = True
                break
        else:
            m = _ABBREV_CHAIN.match(name)
            if m:
                name = name[m.end():].lstrip()
                changed = True
    return name


def strip_place_prefix(name: str) -> str:
    name = _SPACES.sub(" ", name.strip())
    for prefix in LOCATION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].lstrip()
    return name


def _person(name: str, res: Resources) -> str:
    bare = strip_honorifics(name)
    entries = res.entries
    e = entries.get(bare)
    if e is not None and e.label == "PERSON":
        return e.canonical
    parts = bare.split(" ")
    for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
        e = entries.get(part)
        if e is not None and e.kind == "person":
            return e.canonical
    return bare


def canonical_for(text: str, label: str, res: Resources) -> str:
    """The canonical name of a mention read alone (see the module docstring)."""
    entries = res.entries
    name = _SPACES.sub(" ", text.strip())
    e = entries.get(name)
    if e is not None and (e.label == label or label == "LOCATION"):
        return e.canonical
    if label == "LOCATION":
        bare = strip_place_prefix(name)
        e = entries.get(bare)
        return e.canonical if e is not None else bare
    if label == "PERSON":
        return _person(name, res)
    if label == "ORGANIZATION":
        for th in _MINISTRIES_LONGEST:
            if name.startswith(th):
                rest = name[len(th):].strip()
                if not rest:
                    return MINISTRIES[th]
                e = entries.get(strip_place_prefix(rest))
                if e is not None and e.kind == "country":
                    return f"{MINISTRIES[th]} of {res.country_english.get(e.canonical, e.canonical)}"
                break
    return name


def resolve_document(text: str, mentions: list[Mention], sentences: Sequence[Sequence[Span]],
                     res: Resources) -> list[Mention]:
    """Short person mentions take the canonical of their full mention; bare occurrences of a full
    mention's name parts elsewhere in the document become PERSON mentions (source "coref")."""
    persons = [m for m in mentions if m.label == "PERSON"]
    if not persons:
        return mentions
    full: list[tuple[Mention, list[str]]] = []
    for m in persons:
        parts = strip_honorifics(m.text).split(" ")
        if len(parts) >= 2:
            full.append((m, parts))
    if not full:
        return mentions

    def referent(part: str, pos: int) -> Mention | None:
        before = [f for f, parts in full if (part == parts[0] or part == parts[-1]) and f.start < pos]
        if before:
            return before[-1]
        after = [f for f, parts in full if part == parts[0] or part == parts[-1]]
        return after[0] if after else None

    out: list[Mention] = []
    for m in mentions:
        if m.label == "PERSON":
            bare = strip_honorifics(m.text)
            if " " not in bare:
                f = referent(bare, m.start)
                if f is not None and f.canonical:
                    m = replace(m, canonical=f.canonical)
        out.append(m)

    # bare occurrences of name parts, at token boundaries inside one sentence
    sent_of_start: dict[int, int] = {}
    sent_of_end: dict[int, int] = {}
    for k, spans in enumerate(sentences):
        for s, e in spans:
            sent_of_start[s] = k
            sent_of_end[e] = k
    covered = bytearray(len(text) + 1)  # characters already inside a mention (O(1) overlap tests)
    for m in out:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    added: list[Mention] = []
    seen_parts: set[str] = set()
    for f, parts in full:
        for part in (parts[0], parts[-1]):
            if part in seen_parts or len(part) < 3 or part in res.dictionary or part in HONORIFICS:
                continue
            seen_parts.add(part)
            pos = text.find(part)
            while pos >= 0:
                end = pos + len(part)
                k = sent_of_start.get(pos)
                if k is not None and sent_of_end.get(end) == k and not any(covered[pos:end]):
                    g = referent(part, pos)
                    added.append(type(f)(pos, end, part, "PERSON", 0.7, "coref",
                                         g.canonical if g is not None else f.canonical, None))
                    covered[pos:end] = b"\x01" * (end - pos)
                pos = text.find(part, end)
    if added:
        out = sorted(out + added, key=lambda m: m.start)
    return out
