"""Cooperation passages and their areas and parties.

``find_passages(CooperationInput(...), taxonomy)`` gives a document's passages, each with its area
mentions; ``find_cooperation`` the mentions alone (the rows of the ``cooperation`` table).

One pass of the taxonomy's matcher over the working text (:mod:`.reading`) finds area terms,
party names, cue words ("ความร่วมมือ", "หารือ", "MOU", "เยือน"…) and words that refer back to the
parties ("ทั้ง 2 ประเทศ", "ทั้งสองฝ่าย", "ระหว่างกัน"). Sentence by sentence:

* a sentence **opens** a passage when it has a cue (or a referring-back word) and a foreign party
  context: a party other than the home party (TH) in the sentence, a referring-back word with a
  foreign party named earlier in the document, or a foreign party just before it (two sentences,
  or 200 characters of short quoted sentences) or in the one after it, in the same paragraph;
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
  Forum", "กระทรวงแรงงาน") name no area, except that an opening sentence that names no area is
  about the sector of the agency that meets, when that agency is not itself a party (the first
  area term of its name: "รัฐมนตรีว่าการกระทรวงคมนาคม หารือกับ… ลาว" is transport, a call on
  "สำนักงานกิจการศาสนาแห่งชาติจีน" is culture);
* a row's parties are those named in its sentence when it names two or more foreign ones, else the
  passage's, else the foreign party it names, else those of the last sentence that named one; one
  foreign party works with the home party, and so does a multi-country passage when the text
  names Thailand. A country named as a venue ("ณ กรุงเจนีวา", "สถานการณ์ชายแดนไทย-กัมพูชา") or a
  nationality ("นักท่องเที่ยวชาวจีน", "ภาคเอกชนเวียดนาม") is not a party, and a row with no foreign
  party is not cooperation between countries;
* the sentences of a passage run from its opening sentence (or the lead sentence just before it
  that named the parties but no area) to its last area sentence; the passage's words give the
  kind of event (the taxonomy's ``[event_kinds]``);
* the opening sentences of a paragraph outside every passage, with no rule row in it, that name a
  foreign party are a passage with no area (a courtesy call, a visit): an event without rows.

With a paragraph model (:mod:`.paragraphs`, the stage's default), the passages the rules found are
then reviewed paragraph by paragraph: a paragraph the model finds likely cooperation but the rules
left out becomes a passage of its area terms, with the parties it names or those of the nearest
passage (its main partner when that passage has several); a paragraph with rows that the model
finds unlikely loses them. Last, a paragraph that repeats a tagged paragraph word for word gets the
rows of its own area terms with that paragraph's parties.

Thresholds, scores and the conflict and venue patterns are the taxonomy's ``[detector]`` table.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, deque
from dataclasses import dataclass, replace

from thai_extract.text.cooperation.paragraphs import Paragraph, ParagraphModel, paragraph_features, paragraphs, rows_within
from thai_extract.text.cooperation.reading import CooperationInput, EntitySpan, Sentence, marked_sentences
from thai_extract.text.cooperation.taxonomy import DetectorSettings, Taxonomy

_REPEAT_MIN_CHARS = 20  # shorter repeated paragraphs ("พิมพ์", a date line) are boilerplate, not news

__all__ = ["AreaMention", "CooperationInput", "EntitySpan", "Passage", "find_cooperation", "find_passages", "rule_rows"]


@dataclass(frozen=True, slots=True)
class AreaMention:
    """One area of a passage: original offsets, working-text surface, code, parties, score.

    ``work_start``/``work_end``: the same words in the working text; ``sentence``: the index of its
    sentence; ``passage``: the index of its passage in the document.
    """

    start: int
    end: int
    text: str
    area: str
    parties: tuple[str, ...]
    score: float
    sentence: int
    passage: int
    work_start: int = 0
    work_end: int = 0


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of sentences about one cooperation, in working-text offsets.

    ``parties``: the sorted parties of its mentions; ``areas``: their most specific codes, in order
    of first mention (a code whose descendant is also there is implied by it; empty, with no
    mentions, for a passage that names no area); ``kind``: the kind of event its words name (the
    taxonomy's ``[event_kinds]``), or ``None``.
    """

    start: int
    end: int
    text: str
    parties: tuple[str, ...]
    areas: tuple[str, ...]
    kind: str | None
    mentions: tuple[AreaMention, ...]


def find_cooperation(inp: CooperationInput, tax: Taxonomy, model: ParagraphModel | None = None) -> list[AreaMention]:
    """The area mentions of a document's cooperation passages, in text order."""
    return [m for p in find_passages(inp, tax, model) for m in p.mentions]


def find_passages(inp: CooperationInput, tax: Taxonomy, model: ParagraphModel | None = None) -> list[Passage]:
    """The cooperation passages of a document, each with its area mentions, in text order; with a
    paragraph ``model``, the rules' passages reviewed paragraph by paragraph."""
    work = inp.work
    if not work.strip():
        return []
    sents = marked_sentences(inp, tax)
    opens = _opening_sentences(sents, tax.home, tax.detector)
    paras = paragraphs(sents)
    ruled = _rule_groups(inp, tax, sents, opens)
    rule_spans = _row_spans(ruled)
    groups = _reviewed(inp, tax, sents, paras, ruled, rule_spans, model) if model is not None else ruled
    groups = _with_repeats(inp, tax, sents, paras, groups)
    passages = [_passage(inp, tax, sents, first, rows) for first, rows in groups]
    passages += _arealess(inp, tax, sents, paras, opens, rule_spans, [(p.start, p.end) for p in passages])
    passages.sort(key=lambda p: p.start)
    return [replace(p, mentions=tuple(replace(m, passage=n) for m in p.mentions)) for n, p in enumerate(passages)]


def rule_rows(inp: CooperationInput, tax: Taxonomy) -> tuple[list[Sentence], list[tuple[int, int]]]:
    """A document's marked sentences and the sorted working-text spans of the rules' rows: what the
    paragraph model's features read (its training reads them here, as the detector does)."""
    sents = marked_sentences(inp, tax) if inp.work.strip() else []
    return sents, _row_spans(_rule_groups(inp, tax, sents))


def _row_spans(groups: list[tuple[int, list[AreaMention]]]) -> list[tuple[int, int]]:
    return sorted((r.work_start, r.work_end) for _, rows in groups for r in rows)


def _rule_groups(inp: CooperationInput, tax: Taxonomy, sents: list[Sentence],
                 opens: list[bool] | None = None) -> list[tuple[int, list[AreaMention]]]:
    """Group the sentences into passages and give each area term its row (see the module docstring):
    the first sentence and the rows of each passage, in text order. ``opens``: which sentences open
    a passage, when the caller has them already."""
    settings, home = tax.detector, tax.home
    if opens is None:
        opens = _opening_sentences(sents, home, settings)
    para_parties: dict[int, set[str]] = {}   # paragraph -> the parties named in its opening sentences
    sents = list(sents)  # the caller's sentences stay as marked: the paragraph model reads them
    for i, (s, o) in enumerate(zip(sents, opens)):
        if o:
            para_parties.setdefault(s.para, set()).update(c for _, c in s.parties)
            if not s.areas and s.agency_areas:  # "the transport ministers of both countries met": transport
                sents[i] = replace(s, areas=s.agency_areas)
    topic = _is_cooperation_news(sents, opens)
    first_open = opens.index(True) if topic else len(sents)
    named: list[str] = []          # distinct parties in order of last mention, up to this sentence
    last_foreign: set[str] = set()  # the parties of the last sentence that named a foreign party
    passage_parties: set[str] = set()
    home_named = _names_home(sents, home)
    in_passage = False
    grouper = _Grouper()
    for i, s in enumerate(sents):
        codes = [c for _, c in s.parties]
        distinct = set(codes)
        foreign_here = bool(distinct - {home})
        text = s.text.lstrip()
        continues = in_passage and not s.para_start and (
            s.cue or s.cont or text.startswith(tax.connectors)
            or (s.areas and len(text) <= settings.list_sentence_chars))
        for c in codes:
            if c in named:
                named.remove(c)
            named.append(c)
        if foreign_here:
            last_foreign = distinct
        carried_on = in_passage and not s.para_start  # the sentence before was in a passage of this paragraph
        if opens[i] and (not in_passage or s.para_start):
            grouper.open(i)
        in_passage = bool(opens[i] or continues)
        if in_passage:
            grouper.carry(i)
        by_topic = topic and (i <= 1 or i >= first_open) and (
            s.cue or s.cont or not settings.conflict.search(s.text))
        if not s.areas or not (in_passage or s.para in para_parties or by_topic):
            continue
        if len(distinct - {home}) >= 2 or (len(distinct) >= 2 and not in_passage):
            parties = distinct
        elif passage_parties and ((in_passage and not opens[i]) or (carried_on and distinct - {home} <= passage_parties)):
            parties = passage_parties
        elif foreign_here:
            parties = distinct
        else:
            parties = (last_foreign or _foreign_ahead(sents, i, home) or set(named[-2:])
                       or para_parties.get(s.para, set()))
        if not parties - {home}:
            continue  # no foreign party: not cooperation between countries
        parties = _with_home(parties, home, home_named)
        if opens[i]:
            passage_parties = parties
        grouper.add(i, _rows(inp, tax, s, i, tuple(sorted(parties))))
    return [(first, rows) for first, rows in grouper.groups if rows]


def _reviewed(inp: CooperationInput, tax: Taxonomy, sents: list[Sentence], paras: list[Paragraph],
              groups: list[tuple[int, list[AreaMention]]], spans: list[tuple[int, int]],
              model: ParagraphModel) -> list[tuple[int, list[AreaMention]]]:
    """The rule passages (``groups``, their rows at ``spans``) after the paragraph model's review: a
    paragraph the model finds unlikely (below ``model.veto``) loses its rows; one it finds likely
    (``model.rescue`` or more) that the rules left out becomes a passage of its area terms, with the
    foreign parties it names (and the home party), else those of the nearest passage (see
    :class:`_RescuedParties`); none named anywhere, it stays out."""
    home = tax.home
    rescued_parties = _RescuedParties(sents, groups, home)
    token_starts = [s for s, _ in inp.tokens]
    vetoed: set[int] = set()
    rescued: list[tuple[int, list[AreaMention]]] = []
    for k, para in enumerate(paras):
        ruled = rows_within(spans, para.start, para.end)
        parties: tuple[str, ...] = ()
        if not ruled:  # the model can only add what the paragraph's area terms name, with parties
            if not any(s.areas for s in sents[para.first:para.last + 1]):
                continue
            parties = rescued_parties(para.first, para.last)
            if not parties:
                continue
        prob = model.probability(paragraph_features(inp, sents, paras, k, spans, home, token_starts))
        if ruled and prob < model.veto:
            vetoed.update(range(para.first, para.last + 1))
        elif not ruled and prob >= model.rescue:
            rows = [replace(r, score=round(prob, 3)) for i in range(para.first, para.last + 1)
                    for r in _rows(inp, tax, sents[i], i, parties)]
            if rows:
                rescued.append((para.first, rows))
    if not vetoed and not rescued:
        return groups
    kept = []
    for first, rows in groups:
        left = [r for r in rows if r.sentence not in vetoed]
        if left:
            kept.append((first if first not in vetoed else left[0].sentence, left))
    return sorted(kept + rescued, key=lambda g: g[0])


def _with_repeats(inp: CooperationInput, tax: Taxonomy, sents: list[Sentence], paras: list[Paragraph],
                  groups: list[tuple[int, list[AreaMention]]]) -> list[tuple[int, list[AreaMention]]]:
    """The passages, plus those of paragraphs that repeat a tagged paragraph word for word (a
    headline printed again under the date line): the same words say the same thing, so the copy gets
    the rows of its own area terms with the tagged paragraph's parties."""
    if len(paras) < 2:
        return groups
    parties_of: dict[int, set[str]] = {}  # sentence -> the parties of its rows
    for _, rows in groups:
        for r in rows:
            parties_of.setdefault(r.sentence, set()).update(r.parties)
    tagged: dict[str, set[str]] = {}
    untagged: list[tuple[str, Paragraph]] = []
    for para in paras:
        key = inp.work[para.start:para.end].strip()
        if len(key) < _REPEAT_MIN_CHARS:
            continue
        parties = set().union(*(parties_of.get(i, ()) for i in range(para.first, para.last + 1)))
        if parties:
            tagged.setdefault(key, parties)
        else:
            untagged.append((key, para))
    copies = []
    for key, para in untagged:
        if key in tagged:
            parties = tuple(sorted(tagged[key]))
            rows = [r for i in range(para.first, para.last + 1) for r in _rows(inp, tax, sents[i], i, parties)]
            if rows:
                copies.append((para.first, rows))
    return sorted(groups + copies, key=lambda g: g[0]) if copies else groups


def _arealess(inp: CooperationInput, tax: Taxonomy, sents: list[Sentence], paras: list[Paragraph], opens: list[bool],
              rule_spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Passage]:
    """Passages that name no area: the opening sentences of a paragraph (a courtesy call, a visit,
    "หารือ" with no topic), when they lie in no passage (``taken``) and their paragraph holds no rule
    row (``rule_spans``: a paragraph the model vetoed stays out). Their parties are those named in
    them and in the sentences of the paragraph that made them open (before them, or the one after),
    with the home party as for rows."""
    home = tax.home
    home_named = _names_home(sents, home)
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))  # the furthest end so far
    out = []
    for para in paras:
        first = [i for i in range(para.first, para.last + 1) if opens[i]]
        if not first or rows_within(rule_spans, para.start, para.end):
            continue
        start, end = sents[first[0]].start, sents[first[-1]].end
        k = bisect.bisect_left(starts, end) - 1
        if k >= 0 and reach[k] > start:  # a passage starting before its end reaches into it
            continue
        # the parties that made them open: named in them, just before them or in the sentence after
        lo, hi = max(para.first, first[0] - tax.detector.party_lookback), min(para.last, first[-1] + 1)
        parties = {c for i in range(lo, hi + 1) for _, c in sents[i].parties}
        if not parties - {home}:
            continue
        parties = _with_home(parties, home, home_named)
        text = inp.work[start:end]
        out.append(Passage(start, end, text, tuple(sorted(parties)), (), tax.event_kind(text), ()))
    return out


def _names_home(sents: list[Sentence], home: str | None) -> bool:
    """Whether the text names the home party anywhere (see :func:`_with_home`)."""
    return any(c == home for s in sents for _, c in s.parties)


def _with_home(parties: set[str], home: str | None, home_named: bool) -> set[str]:
    """``parties`` with the home party when it takes part: one foreign party works with the home
    government, and so does a multi-country passage when the text names the home country."""
    if home and (home_named or len(parties - {home}) < 2):
        return parties | {home}
    return parties


class _RescuedParties:
    """The parties of a rescued paragraph: the foreign ones it names with the home party; else those
    of the nearest rule passage before it, else after it, unless that passage has several foreign
    parties: then the document's main partner (the foreign party of the most rows) with the home
    party, since a paragraph that names nobody is seldom about a whole list (a roundtable's members,
    the countries a project covers). Built once per document."""

    def __init__(self, sents: list[Sentence], groups: list[tuple[int, list[AreaMention]]], home: str | None) -> None:
        self.sents, self.groups, self.home = sents, groups, home
        self.with_home = {home} if home else set()
        self.firsts = [g[0] for g in groups]
        rows = Counter(c for _, rows in groups for r in rows for c in r.parties if c != home)
        self.main = rows.most_common(1)[0][0] if rows else None

    def __call__(self, first: int, last: int) -> tuple[str, ...]:
        """The parties of the paragraph of sentences ``first`` to ``last``, or () when none is named."""
        home, groups = self.home, self.groups
        named = {c for s in self.sents[first:last + 1] for _, c in s.parties}
        if named - {home}:
            return tuple(sorted(named | self.with_home))
        i = bisect.bisect_left(self.firsts, first)
        for j in (i - 1, i):
            if 0 <= j < len(groups):
                near = {c for r in groups[j][1] for c in r.parties}
                if len(near - {home}) < 2 or self.main is None:
                    return tuple(sorted(near))
                return tuple(sorted({self.main} | self.with_home))
        return ()


class _Grouper:
    """Sentences into passages. An opening sentence starts a passage, unless the one just before it
    holds no area yet and ends on the sentence before (a lead sentence, "X met Y on 14 May", carries
    on into what they agreed); sentences that continue a passage join it; an area sentence of the
    news around a passage joins the passage of the sentence before it, or starts its own."""

    def __init__(self) -> None:
        self.groups: list[tuple[int, list[AreaMention]]] = []  # (first sentence, rows) of each passage
        self.last = -2                                          # the last sentence of the current one

    def open(self, i: int) -> None:
        if not (self.groups and not self.groups[-1][1] and self.last == i - 1):
            self.groups.append((i, []))
        self.last = i

    def carry(self, i: int) -> None:
        self.last = i

    def add(self, i: int, rows: list[AreaMention]) -> None:
        if not self.groups or self.last < i - 1:
            self.groups.append((i, []))
        self.last = i
        self.groups[-1][1].extend(rows)


def _rows(inp: CooperationInput, tax: Taxonomy, s: Sentence, i: int, parties: tuple[str, ...]) -> list[AreaMention]:
    """The rows of one sentence's area terms (their passage index is set once the passages are known)."""
    settings = tax.detector
    base = settings.score_cue if (s.cue or s.cont) else settings.score_context
    rows = []
    areas = s.areas
    for k, (ws, we, term, code) in enumerate(areas):
        if term in tax.compound_heads and k + 1 < len(areas) and areas[k + 1][0] == we:
            continue  # "เทคโนโลยี|อุตสาหกรรมอาหาร": the head names no area of its own
        window = inp.work[max(0, ws - 12):ws]
        started = any(st in window for st in tax.starters)
        if term in tax.starter_only and not started:
            continue  # "ผู้ประกอบการไทย" taking part is who, not what: "ด้านการผลิต" is a topic
        score = min(base + settings.score_starter_bonus, settings.score_max) if started else base
        os_, oe = inp.to_original(ws, we)
        rows.append(AreaMention(os_, oe, inp.work[ws:we], code, parties, score, i, -1, ws, we))
    return rows


def _passage(inp: CooperationInput, tax: Taxonomy, sents: list[Sentence], first: int,
             rows: list[AreaMention]) -> Passage:
    start, end = sents[first].start, sents[rows[-1].sentence].end
    text = inp.work[start:end]
    return Passage(start, end, text, tuple(sorted({p for r in rows for p in r.parties})),
                   tax.most_specific([r.area for r in rows]), tax.event_kind(text), tuple(rows))


def _is_cooperation_news(sents: list[Sentence], opens: list[bool]) -> bool:
    """Whether the whole text reports cooperation: its headline (first sentence or the one after it,
    in the first paragraph) opens a passage, or two sentences do. Every area sentence of such a
    text from its first passage on belongs to the cooperation it reports (the figures, sector lists
    and plans around it)."""
    if sum(opens) >= 2:
        return True
    return bool(opens) and (opens[0] or (len(opens) > 1 and opens[1] and sents[1].para <= 1))


def _foreign_ahead(sents: list[Sentence], i: int, home: str | None) -> set[str]:
    """The parties of the next sentence of the same paragraph, when it names a foreign one."""
    if i + 1 < len(sents) and sents[i + 1].para == sents[i].para:
        codes = {c for _, c in sents[i + 1].parties}
        if codes - {home}:
            return codes
    return set()


def _opening_sentences(sents: list[Sentence], home: str | None, settings: DetectorSettings) -> list[bool]:
    """Whether each sentence opens a passage: a cue (or a referring-back word) with a foreign party
    in it, in the sentences just before it (``party_lookback`` sentences or ``party_lookback_chars``
    characters) or the one after it in its paragraph, or (for a referring-back word) anywhere earlier."""
    opens = []
    foreign_seen = False
    recent_foreign: deque[int] = deque()
    for i, s in enumerate(sents):
        # keep only the sentences near enough to this one (a sentence too far back for it is too
        # far back for every later one, so a long document costs linear time)
        while recent_foreign and not (recent_foreign[0] >= i - settings.party_lookback
                                      or s.start - sents[recent_foreign[0]].end <= settings.party_lookback_chars):
            recent_foreign.popleft()
        foreign_here = any(c != home for _, c in s.parties)
        foreign_near = bool(_foreign_ahead(sents, i, home)) or any(sents[j].para == s.para for j in recent_foreign)
        opens.append((s.cue or s.cont) and (
            foreign_here or (s.cont and foreign_seen) or (s.cue and foreign_near)))
        if foreign_here:
            foreign_seen = True
            recent_foreign.append(i)
    return opens
