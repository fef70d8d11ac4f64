"""Canonical names of entity mentions.

- Places: a country's ISO 3166-1 alpha-2 code; a listed city, region or province's English name;
  otherwise (a Thai place below a province) the name without its generic word ("อำเภอ", "ตำบล",
  "เขต", "จังหวัด", "กรุง", "เมือง"...).
- People: honorifics, ranks and position titles stripped, then the lexicon's name for the full name
  or its family name (a foreign person's usual English name: "วลาร์ดิมีร์ ปูติน" -> "Vladimir
  Putin"); otherwise a Thai name as given name + one space + family name, whatever the spacing of
  the text ("วราวุธศิลปอาชา" -> "วราวุธ ศิลปอาชา", split by pythainlp's given and family name
  lists); royal names whole, without spaces. Within a document a one-part mention ("ปูติน",
  "อิบราฮิม") takes the canonical of the full mention whose first or last part it is, and further
  bare occurrences of a full mention's parts become mentions. ``name_fragment`` says which model
  PERSON mentions are no name at all ("นายจ้าง", "คุณแม่", a hashtag).
- Organisations: an international one by the lexicon's English acronym ("อาเซียน" -> ASEAN); a
  Thai one by its full Thai name, short forms expanded ("พม.", "กระทรวง พม." -> "กระทรวงการพัฒนา
  สังคมและความมั่นคงของมนุษย์"; ``org_abbreviations_th.tsv``); a foreign ministry or embassy in
  English with its country ("กระทรวงการต่างประเทศรัสเซีย" -> "Ministry of Foreign Affairs of
  Russia"); otherwise the name as written, without a space after an abbreviation's dot.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from thai_extract.text.entities.resources import (
    HONORIFICS, LOCATION_PREFIXES, POSITION_TITLES, Entry, Resources)

if TYPE_CHECKING:
    from thai_extract.annotations import Mention

Span = tuple[int, int]
# written-out ranks and titles (the abbreviated ones are HONORIFICS)
FULL_TITLES = frozenset("""
พลเอก พลโท พลตรี พันเอก พันโท พันตรี ร้อยเอก ร้อยโท ร้อยตรี จ่าสิบเอก สิบเอก พลตำรวจเอก พลตำรวจโท พลตำรวจตรี
พันตำรวจเอก พันตำรวจโท พันตำรวจตรี ร้อยตำรวจเอก ร้อยตำรวจโท ร้อยตำรวจตรี พลอากาศเอก พลอากาศโท พลอากาศตรี
พลเรือเอก พลเรือโท พลเรือตรี นาวาเอก นาวาโท นาวาตรี นาวาอากาศเอก ว่าที่ร้อยตรี นายแพทย์ แพทย์หญิง ทันตแพทย์
ทันตแพทย์หญิง เภสัชกร ศาสตราจารย์ รองศาสตราจารย์ ผู้ช่วยศาสตราจารย์ ศาสตราจารย์พิเศษ รองศาสตราจารย์พิเศษ
ผู้ช่วยศาสตราจารย์พิเศษ คุณหญิง ท่านผู้หญิง หม่อมราชวงศ์ หม่อมหลวง
Miss H.E. Prof. Professor Sir
""".split())
# "นายก" alone is left out: it would cut given names such as "นายกฤษณ์" after "นาย"
_TITLES_LONGEST = sorted(HONORIFICS | FULL_TITLES | (POSITION_TITLES - {"นายก"}), key=len, reverse=True)
_TITLE_SET = frozenset(_TITLES_LONGEST)
# a title at the start with something after it (alternatives longest first: the longest one wins)
_TITLE_PREFIX = re.compile("(?:" + "|".join(map(re.escape, _TITLES_LONGEST)) + ")(?=.)", re.S)
# titles that stand only before a person's name (not "คุณ", "พระ", "ท่าน", "สมเด็จ": also before words)
_PERSONAL_TITLES = tuple(sorted((HONORIFICS | FULL_TITLES) - {"คุณ", "พระ", "ท่าน", "สมเด็จ", "หลวงพ่อ", "หลวงปู่"},
                                key=len, reverse=True))
ROYAL_PREFIXES = ("พระบาทสมเด็จ", "สมเด็จพระ", "พระเจ้า", "เจ้าฟ้า", "พระบรม", "พระราช", "กรมสมเด็จ",
                  "กรมหลวง", "พระองค์เจ้า")
_EDGE_MARKS = "\"'“”‘’«»()[]#:;,.-–ฯ "
_ABBREV_CHAIN = re.compile(r"^(?:[\u0e01-\u0e2e]{1,3}\.){1,4}(?=[\u0e01-\u0e2e])")
_SPACES = re.compile(r"\s+")
# generic words before a place name, longest first ("ตำบล" before "ต.")
_PLACE_PREFIXES = sorted(set(LOCATION_PREFIXES) | {"ตำบล", "ต.", "เขต", "แขวง", "รัฐ", "มณฑล"}, key=len,
                         reverse=True)
# a district, sub-district or Bangkok district: a Thai place below a province
LOCAL_PLACE_PREFIXES = ("อ.", "อำเภอ", "ต.", "ตำบล", "เขต", "แขวง")
# the written-short heads of local bodies named after their place
_LOCAL_BODIES = (("อบต.", "องค์การบริหารส่วนตำบล"), ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
                 ("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"), ("รพ.", "โรงพยาบาล"), ("สภ.", "สถานีตำรวจภูธร"))
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_LATIN_LETTER = re.compile("[A-Za-z]")

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
# the official spelling where the news writes a ministry in more than one way
_THAI_SPELLING = {"กระทรวงการอุดมศึกษาวิทยาศาสตร์วิจัยและนวัตกรรม": "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม"}
_THAI_STATE = ("แห่งราชอาณาจักรไทย", "แห่งประเทศไทย", "ของไทย")
_DOT_SPACE = re.compile(r"(?<=[\u0e01-\u0e4e]\.) +(?=[\u0e01-\u0e4e])")


@lru_cache(maxsize=65536)
def strip_honorifics(name: str) -> str:
    """The name without leading honorifics, ranks and titles ("นายเศรษฐา ทวีสิน" -> "เศรษฐา ทวีสิน")."""
    name = _SPACES.sub(" ", name.strip())
    while name:
        m = _TITLE_PREFIX.match(name) or _ABBREV_CHAIN.match(name)
        if m is None:
            break
        name = name[m.end():].lstrip()
    return name


def strip_place_prefix(name: str) -> str:
    """The place name without one generic word before it ("อำเภอเมืองเชียงใหม่" -> "เมืองเชียงใหม่")."""
    name = _SPACES.sub(" ", name.strip())
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].lstrip()
    return name


def _person(name: str, res: Resources) -> str:
    name = name.strip(_EDGE_MARKS)
    if name.startswith(ROYAL_PREFIXES):
        return "".join(name.split())
    bare = strip_honorifics(name).strip(_EDGE_MARKS)
    entries = res.entries
    e = entries.get(bare)
    if e is not None and e.label == "PERSON":
        return e.canonical
    parts = bare.split(" ")
    for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
        e = entries.get(part)
        if e is not None and e.kind == "person":
            return e.canonical
    if len(parts) == 1:  # a listed person's given name alone, or glued to the family name ("โดนัลด์ทรัมป์")
        listed = _listed_given_names(res).get(bare)
        if listed is not None:
            return listed
        for k in range(2, len(bare) - 2):
            e = entries.get(bare[k:])
            if e is not None and e.kind == "person":
                return e.canonical
    if _THAI_LETTER.search(bare) and not _LATIN_LETTER.search(bare):
        return thai_full_name(bare, res)
    return bare


def _listed_given_names(res: Resources) -> dict[str, str]:
    """The lexicon's people by given name alone ("อนุทิน" -> "อนุทิน ชาญวีรกูล"), for given names
    of three letters or more that only one listed person has."""
    table = res.derived.get("listed_given_names")
    if table is None:
        found: dict[str, set[str]] = {}
        for surface, e in res.entries.items():
            if e.kind == "person" and " " in surface:
                found.setdefault(surface.split(" ")[0], set()).add(e.canonical)
        table = res.derived["listed_given_names"] = {
            g: next(iter(c)) for g, c in found.items() if len(c) == 1 and len(g) >= 3}
    return table


def thai_full_name(name: str, res: Resources) -> str:
    """A Thai name as given name + " " + family name, however the text spaced it.

    Words before a known given name are dropped ("ดิฉัน ศศิกานต์ วัฒนะจันทร์"); a split whose
    first part is a known given name or last part a known family name is kept; otherwise the name
    is cut where a known given name meets a known family name ("วราวุธศิลปอาชา"), else left as it is.
    """
    parts = name.split(" ")
    given, family = res.given_names, res.family_names
    while len(parts) > 2 and parts[0] not in given and parts[1] in given:
        parts = parts[1:]
    name = " ".join(parts)
    if name in given or name in family:
        return name
    if len(parts) > 1 and (parts[0] in given or parts[-1] in family):
        return name
    glued = "".join(parts)
    for k in range(len(glued) - 2, 1, -1):
        if glued[:k] in given and glued[k:] in family:
            return f"{glued[:k]} {glued[k:]}"
    if len(parts) == 1:  # glued, family name unknown: cut after the longest given name before a non-word
        k = next((k for k in range(len(glued) - 1, 2, -1) if glued[:k] in given), 0)
        rest = glued[k:]
        if k and len(rest) >= 4 and rest not in res.dictionary and rest not in given:
            return f"{glued[:k]} {rest}"
    return name


def name_fragment(text: str, start: int, end: int, res: Resources) -> bool:
    """True when the PERSON mention ``text[start:end]`` is no name: a hashtag; a title before a
    function word ("2 นายที่"); a word of its own ("นายจ้าง", "คุณแม่"); an ordinary word alone or
    after a title that also stands before words ("พระบาท", "คุณประโยชน์"). Known given and family
    names and lexicon names are names, and so is a word after นาย/นาง/a rank ("นายสนธิ")."""
    if start > 0 and text[start - 1] == "#":
        return True
    mention = text[start:end].strip(_EDGE_MARKS)
    if mention.startswith(ROYAL_PREFIXES) and len(mention) > 12:
        return False
    bare = strip_honorifics(mention).strip(_EDGE_MARKS)
    if not bare or bare in res.stopwords or bare in _TITLE_SET or bare + "." in _TITLE_SET:
        return True
    if " " in bare or bare in res.entries or bare in res.given_names or bare in res.family_names:
        return False
    if "".join(mention.split()) in res.dictionary:
        return True
    # a personal title (นาย, นาง, ranks) may stand before a name that is also a word ("นายสนธิ")
    return bare in res.dictionary and not mention.startswith(_PERSONAL_TITLES)


def canonical_for(text: str, label: str, res: Resources) -> str:
    """The canonical name of a mention read alone (see the module docstring)."""
    entries = res.entries
    name = _SPACES.sub(" ", text.strip())
    e = entries.get(name)
    if e is not None and (e.label == label or label == "LOCATION"):
        return e.canonical
    if label == "LOCATION":
        bare = strip_place_prefix(name)
        if name.startswith(LOCAL_PLACE_PREFIXES):  # a district or sub-district: its own Thai name, never the
            return bare                      # province or a foreign city of that name ("อ.เมืองเชียงราย")
        e = entries.get(bare)
        return e.canonical if e is not None else bare
    if label == "PERSON":
        return _person(name, res)
    if label == "ORGANIZATION":
        return _organisation(name, res)
    return name


def _official_names(res: Resources) -> dict[str, str]:
    """Full Thai names of organisations we know (short-form table, ministries), by their spelling
    without spaces: a name spaced otherwise in the text maps to its official spelling."""
    table = res.derived.get("official_org_names")
    if table is None:
        names = set(res.org_names.values()) | {_THAI_SPELLING.get(m, m) for m in MINISTRIES if m != "สถานเอกอัครราชทูต"}
        table = res.derived["official_org_names"] = {n.replace(" ", ""): n for n in names}
    return table


def _glued_entries(res: Resources) -> dict[str, Entry]:
    """The lexicon's organisations by their spelling without spaces (a name the text spaced otherwise)."""
    table = res.derived.get("glued_orgs")
    if table is None:
        table = res.derived["glued_orgs"] = {
            k.replace(" ", ""): e for k, e in res.entries.items() if e.label == "ORGANIZATION"}
    return table


def _organisation(name: str, res: Resources) -> str:
    """A Thai organisation's full Thai name (short forms expanded); a foreign ministry or embassy in
    English with its country ("กระทรวงการต่างประเทศรัสเซีย" -> "Ministry of Foreign Affairs of Russia")."""
    name = _DOT_SPACE.sub("", name)
    for short, full in _LOCAL_BODIES:
        if name.startswith(short) and len(name) > len(short):  # "อบต.หนองโรง" -> "องค์การบริหารส่วนตำบลหนองโรง"
            return full + name[len(short):].lstrip()
    full = res.org_names.get(name) or res.org_names.get(name.replace(" ", ""))
    name = name.rstrip("ฯ ")
    glued = name.replace(" ", "")
    full = full or res.org_names.get(name) or res.org_names.get(glued) or _official_names(res).get(glued)
    if full is None and (e := _glued_entries(res).get(glued)) is not None:
        full = e.canonical
    if full is not None:
        return full
    for th in _MINISTRIES_LONGEST:
        if name.startswith(th):
            rest = name[len(th):].strip()
            e = res.entries.get(strip_place_prefix(rest)) if rest else None
            if e is not None and e.kind == "country" and e.canonical != "TH":
                return f"{MINISTRIES[th]} of {res.country_english.get(e.canonical, e.canonical)}"
            if not rest or (e is not None and e.canonical == "TH") or rest in _THAI_STATE:
                return _THAI_SPELLING.get(th, th)
            break
    return name


# a short form in brackets right after a name: "กองทุนการออมแห่งชาติ (กอช.)", "... (BDE)"
_BRACKETED_SHORT_FORM = re.compile(r"\s*\(\s*([^()\s]{2,16})\s*\)")


def _is_short_form(s: str) -> bool:
    """A Thai abbreviation ("กอช.", "สป.ดศ.") or a Latin acronym ("BDE", "ETDA")."""
    return ("." in s and bool(_THAI_LETTER.search(s))) or (s.isascii() and s.isalpha() and s.isupper())


def defined_short_forms(text: str, mentions: list[Mention], known: Container[str] = (),
                        foreign: re.Pattern[str] | None = None) -> list[Mention]:
    """Organisation short forms that the document defines ("กองทุนการออมแห่งชาติ (กอช.)") take the
    canonical of the full name wherever no table resolved them (their canonical is still the short
    form). A Latin acronym ("BDE", "DSI") does so only after a Thai body's Thai name: not when it is
    ``known`` (a lexicon name) or when the name is foreign (``foreign`` finds a foreign country or the
    UN in it: "องค์การความร่วมมือระหว่างประเทศแห่งญี่ปุ่น (JICA)"), since foreign and international
    bodies keep their English acronym."""
    defined: dict[str, str] = {}
    for m in mentions:
        if m.label == "ORGANIZATION" and m.canonical and (g := _BRACKETED_SHORT_FORM.match(text, m.end)):
            short = g.group(1)
            if not _is_short_form(short) or short == m.canonical or short in known:
                continue
            if short.isascii() and (not _THAI_LETTER.search(m.canonical)
                                    or (foreign is not None and foreign.search(m.canonical))):
                continue
            defined.setdefault(short, m.canonical)
    if not defined:
        return mentions
    return [replace(m, canonical=defined[m.text]) if m.label == "ORGANIZATION" and m.text in defined
            and m.canonical in (None, m.text, m.text.rstrip(".")) else m for m in mentions]


def _foreign_names(res: Resources) -> re.Pattern[str]:
    """The Thai names of foreign countries, and the UN's, as one pattern (built once)."""
    pattern = res.derived.get("foreign_names")
    if pattern is None:
        names = {k for k, e in res.entries.items() if e.kind == "country" and e.canonical != "TH"
                 and _THAI_LETTER.search(k)} | {"สหประชาชาติ"}
        pattern = res.derived["foreign_names"] = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return pattern


def resolve_document(text: str, mentions: list[Mention], sentences: Sequence[Sequence[Span]],
                     res: Resources) -> list[Mention]:
    """Short person mentions take the canonical of their full mention; bare occurrences of a full
    mention's name parts elsewhere in the document become PERSON mentions (source "coref");
    organisation short forms the document defines take their full name's canonical."""
    mentions = defined_short_forms(text, mentions, res.entries, _foreign_names(res))
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
