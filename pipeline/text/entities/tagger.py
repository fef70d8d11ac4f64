"""Entity tagger: CRF over tokens, merged with gazetteers and rules for Latin-script names.

``EntityTagger.tag_document(text, sentences)`` tags each sentence on its own (no mention crosses a
sentence), merges model and gazetteer mentions, extends places over "กรุง"/"เมือง"/"ประเทศ"..., sets
canonical names, and resolves short person mentions to the full mention they refer to.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from thai_extract.errors import require_resource
from thai_extract.resources import model_path as resolve_model
from thai_extract.text.entities.canonical import canonical_for, resolve_document
from thai_extract.text.entities.features import FeatureExtractor, refine_tokens, shape
from thai_extract.text.entities.resources import (
    EVENT_WORDS, HONORIFICS, LATIN_CUES, LOCATION_PREFIXES, POSITION_TITLES, Resources,
    load_resources)
from thai_extract.text.words import thaibreak_words

Span = tuple[int, int]
# the labels the stage keeps (DATE/TIME belong to the dates stage)
OUTPUT_LABELS = ("PERSON", "ORGANIZATION", "LOCATION", "FACILITY", "EVENT")
# before a country name these make it a people, language or style, not a place ("ชาวจีน", "ภาษาไทย")
_NOT_PLACE_BEFORE = ("ชาว", "คน", "ภาษา", "สัญชาติ", "เชื้อสาย", "อาหาร", "สไตล์", "แบบ")
# province names that are also common words ("เลย" = at all, "แพร่" = spread): found only after
# "จังหวัด"/"จ." (or inside a model span)
_AMBIGUOUS_PLACES = frozenset({"เลย", "แพร่", "ตาก", "น่าน", "ตรัง", "พังงา", "สตูล", "ยะลา", "ชุมพร", "ลำพูน"})
_LATIN_WORD = r"[A-Z][A-Za-z0-9.&'’-]*[A-Za-z0-9]|[A-Z]"
_LATIN_RUN = re.compile(
    rf"(?:{_LATIN_WORD})(?:(?:[ \t]+(?:of|and|the|for|on|in|de|du|la|–|-|:|&))*[ \t]+(?:{_LATIN_WORD}))*")


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention: ``[start, end)`` in the tagged (working) text."""

    start: int
    end: int
    text: str
    label: str
    score: float
    source: str
    canonical: str | None = None
    kind: str | None = None


_LOCAL = threading.local()


def _thread_tagger(path: str):
    """A pycrfsuite Tagger per thread (a Tagger holds per-sequence state)."""
    taggers = getattr(_LOCAL, "taggers", None)
    if taggers is None:
        taggers = _LOCAL.taggers = {}
    if path not in taggers:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(require_resource(path, "entity model", "rebuild it with: thai-extract train ner "
                                         "--train ../shared/data/thainer15_train.jsonl --out models/entities")))
        taggers[path] = tagger
    return taggers[path]


@cache
def _extractor(model_dir: str) -> FeatureExtractor:
    return FeatureExtractor(load_resources(model_dir))


class EntityTagger:
    """Finds entity mentions in working text. Loads its model lazily; pickles as its settings."""

    def __init__(self, model_path: str | os.PathLike[str] | None = None, rules: bool = True,
                 labels: Sequence[str] | None = OUTPUT_LABELS, coref: bool = True,
                 ner_model: str | os.PathLike[str] | None = None) -> None:
        self.configured_path = str(model_path) if model_path is not None else None
        self.ner_model = str(ner_model) if ner_model is not None else None
        self.transformer = None
        if self.ner_model is not None:  # a Hugging Face model finds the model mentions instead of the CRF
            from thai_extract.text.entities.transformer import TransformerTagger

            self.transformer = TransformerTagger(self.ner_model)
        self.rules = rules
        self.coref = coref
        self.labels = tuple(labels) if labels is not None else None

    @property
    def model_path(self) -> Path:
        """The CRF model file: the configured one, else the shipped one (resolved where the tagger runs)."""
        return resolve_model("entities", "crf.model", configured=self.configured_path)

    @property
    def resources(self) -> Resources:
        return self.extractor.res

    @property
    def extractor(self) -> FeatureExtractor:
        lexicon_dir = self.model_path.parent
        return _extractor(str(lexicon_dir if (lexicon_dir / "lexicon.tsv").exists() else resolve_model("entities")))

    # ---- one sentence
    def _crf_mentions(self, text: str, spans: Sequence[Span], xseq: list[list[str]]) -> list[Mention]:
        tagger = _thread_tagger(str(self.model_path))
        tags = tagger.tag(xseq)
        out: list[Mention] = []
        i, n = 0, len(tags)
        while i < n:
            tag = tags[i]
            if tag == "O":
                i += 1
                continue
            label = tag[2:]
            j = i + 1
            while j < n and tags[j] == "I-" + label:
                j += 1
            score = sum(tagger.marginal(tags[k], k) for k in range(i, j)) / (j - i)
            start, end = spans[i][0], spans[j - 1][1]
            out.append(Mention(start, end, text[start:end], label, round(score, 4), "crf"))
            i = j
        return out

    def _gazetteer_mentions(self, text: str, spans: Sequence[Span]) -> list[Mention]:
        out: list[Mention] = []
        for i, j, e in self.resources.longest_matches(text, spans):
            start, end = spans[i][0], spans[j][1]
            before = text[max(0, start - 8):start]
            if e.label == "LOCATION" and before.endswith(_NOT_PLACE_BEFORE):
                continue
            if e.kind == "province" and text[start:end] in _AMBIGUOUS_PLACES and not before.rstrip().endswith(
                    ("จังหวัด", "จ.")):
                continue
            out.append(Mention(start, end, text[start:end], e.label, 0.95, "gazetteer:" + e.kind, e.canonical, e.kind))
        return out

    def _latin_mentions(self, text: str, spans: Sequence[Span]) -> list[Mention]:
        # only this sentence's stretch of the text: scanning the whole document per sentence was quadratic
        lo, hi = spans[0][0], spans[-1][1]
        if not any("A" <= ch <= "Z" for ch in text[lo:hi]):
            return []
        entries = self.resources.entries
        starts = {s for s, _ in spans}
        ends = {e for _, e in spans}
        out: list[Mention] = []
        for m in _LATIN_RUN.finditer(text, lo, hi):
            start, end = m.span()
            if start not in starts or end not in ends:
                continue
            run = m.group()
            words = run.split()
            entry = entries.get(run)
            if entry is not None:
                continue  # the gazetteer has it
            if any(w in EVENT_WORDS for w in words):
                canonical = run
                for part in re.split(r"\s+[:–-]\s+|\s*:\s*", run)[::-1]:
                    e = entries.get(part.strip())
                    if e is not None and e.kind == "event":
                        canonical = e.canonical
                        break
                else:
                    if ":" in run:
                        canonical = run.rsplit(":", 1)[1].strip()
                out.append(Mention(start, end, run, "EVENT", 0.85, "rule:latin", canonical, "event"))
                continue
            before = text[max(0, start - 16):start].rstrip()
            for label, cues in LATIN_CUES.items():
                if any(before.endswith(c) for c in cues):
                    out.append(Mention(start, end, run, label, 0.8, "rule:latin", run, "latin"))
                    break
        return out

    def _extend_given_name(self, text: str, m: Mention, spans: Sequence[Span]) -> Mention:
        """A one-part person name (a family name from the lexicon, say "ปูติน") preceded by a space
        and an unknown Thai word takes that word in as the given name ("วลาร์ดิมีร์ ปูติน")."""
        if m.label != "PERSON" or " " in m.text or m.start < 2 or text[m.start - 1] != " ":
            return m
        prev = next((sp for sp in reversed(spans) if sp[1] == m.start - 1), None)
        if prev is None:
            return m
        word = text[prev[0]:prev[1]]
        res = self.resources
        if (shape(word) != "t" or len(word) < 3 or word in res.dictionary or word in POSITION_TITLES
                or word in HONORIFICS):
            return m
        return replace(m, start=prev[0], text=text[prev[0]:m.end])

    def tag_tokens(self, text: str, spans: Sequence[Span]) -> list[Mention]:
        """Mentions in one sentence of ``text`` whose tokens are ``spans`` (canonical names local only)."""
        spans = refine_tokens(text, spans)
        if not spans:
            return []
        if self.transformer is not None:
            mentions = self.transformer.mentions(text, [spans])[0]
        else:
            fx = self.extractor
            mentions = self._crf_mentions(text, spans, fx.sequence(text, spans))
        return self._finish(text, spans, mentions)

    def _finish(self, text: str, spans: Sequence[Span], mentions: list[Mention]) -> list[Mention]:
        """Model mentions of one sentence merged with the rules, filtered and given canonical names."""
        if self.rules:
            mentions = merge(mentions, self._gazetteer_mentions(text, spans) + self._latin_mentions(text, spans))
            starts = {s for s, _ in spans}
            mentions = [_extend_place(text, m, starts) for m in mentions]
            mentions = [self._extend_given_name(text, m, spans) for m in mentions]
        res = self.resources
        out = []
        for m in mentions:
            if self.labels is not None and m.label not in self.labels:
                continue
            if m.canonical is None:
                m = replace(m, canonical=canonical_for(m.text, m.label, res))
            out.append(m)
        return out

    # ---- a document
    def tag_document(self, text: str, sentences: Sequence[Sequence[Span]]) -> list[Mention]:
        """Mentions in ``text``, each sentence (its token spans) tagged on its own."""
        mentions: list[Mention] = []
        if self.transformer is not None:  # the model runs on batches of sentences
            refined = [refine_tokens(text, spans) for spans in sentences]
            for spans, model in zip(refined, self.transformer.mentions(text, refined)):
                if spans:
                    mentions.extend(self._finish(text, spans, model))
        else:
            for spans in sentences:
                mentions.extend(self.tag_tokens(text, spans))
        if self.coref and self.rules:
            mentions = resolve_document(text, mentions, sentences, self.resources)
        return mentions

    def tag(self, text: str) -> list[Mention]:
        """Mentions in ``text`` as one sentence, tokenised with thaibreak."""
        return self.tag_document(text, [thaibreak_words(text)])

    def config(self) -> dict[str, object]:
        out: dict[str, object] = {"model": self.model_path.name, "rules": self.rules, "coref": self.coref,
                                  "labels": list(self.labels) if self.labels is not None else None}
        if self.ner_model is not None:
            out["ner_model"] = self.ner_model
        return out


def merge(model: list[Mention], rules: list[Mention]) -> list[Mention]:
    """Model and rule/gazetteer mentions, one per stretch of text.

    A rule mention replaces the model mentions it overlaps, unless one model mention strictly
    contains it: an organisation named after a country keeps its whole span, and a longer place
    ("ประเทศไทย" around "ไทย") keeps its span and takes the rule's canonical name.
    """
    kept = list(model)
    for r in rules:
        overlapping = [m for m in kept if m.start < r.end and r.start < m.end]
        container = next((m for m in overlapping if m.start <= r.start and r.end <= m.end
                          and m.end - m.start > r.end - r.start), None)
        if container is not None:
            if container.label == r.label == "LOCATION" and container.canonical is None:
                kept[kept.index(container)] = replace(container, canonical=r.canonical, kind=r.kind,
                                                      source=container.source + "+" + r.source)
            continue
        kept = [m for m in kept if m not in overlapping]
        kept.append(r)
    kept.sort(key=lambda m: m.start)
    return kept


def _extend_place(text: str, m: Mention, starts: set[int]) -> Mention:
    """A place preceded by "กรุง", "เมือง", "ประเทศ", "จังหวัด"... includes that word (ThaiNER's
    convention), when that word is a token of its own ("การเมือง" holds no "เมือง")."""
    if m.label != "LOCATION" or m.text.startswith(LOCATION_PREFIXES):
        return m
    before = text[max(0, m.start - 10):m.start]
    stripped = before.rstrip(" ")
    if len(before) - len(stripped) > 1:
        return m
    for prefix in LOCATION_PREFIXES:
        if stripped.endswith(prefix):
            start = m.start - (len(before) - len(stripped)) - len(prefix)
            if start in starts:
                return replace(m, start=start, text=text[start:m.end])
    return m
