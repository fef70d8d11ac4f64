"""Entity tagger: CRF over tokens, merged with gazetteers and rules for Latin-script names.

``EntityTagger.tag_document(text, sentences)`` tags each sentence on its own (no mention crosses a
sentence), merges model and gazetteer mentions, extends places over "กรุง"/"เมือง"/"ประเทศ"..., sets
canonical names, and resolves short person mentions to the full mention they refer to.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from thai_extract.annotations import Mention
from thai_extract.errors import ConfigError, require_resource
from thai_extract.resources import model_path as resolve_model
from thai_extract.text.entities.canonical import LOCAL_PLACE_PREFIXES, canonical_for, name_fragment, resolve_document
from thai_extract.text.entities.features import FeatureExtractor, Matches, refine_tokens, shape
from thai_extract.text.entities.resources import (
    EVENT_WORDS, HONORIFICS, LATIN_CUES, LOCATION_PREFIXES, POSITION_TITLES, Resources,
    load_resources)
from thai_extract.text.entities.spacy_ner import SPACY_SCORE
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


_UPPER = re.compile("[A-Z]")
_LATIN_CUE_TUPLES = tuple((label, tuple(cues)) for label, cues in LATIN_CUES.items())
_LOCAL = threading.local()
MODEL_KINDS = ("crf", "spacy")
MAX_TOKENS = 500  # tokens the model sees at once
CRF_REBUILD = ("rebuild it with: thai-extract train ner --train ../shared/data/thainer15_train.jsonl "
               "--out models/entities")


def _thread_tagger(path: str):
    """A pycrfsuite Tagger per thread (a Tagger holds per-sequence state)."""
    taggers = getattr(_LOCAL, "taggers", None)
    if taggers is None:
        taggers = _LOCAL.taggers = {}
    if path not in taggers:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(require_resource(path, "entity model", CRF_REBUILD)))
        taggers[path] = tagger
    return taggers[path]


_ATTRIBUTE_LINE = re.compile(r"\s*\d+: (.*)")


@cache
def _known_attributes(path: str) -> frozenset[str]:
    """The attributes the CRF in ``path`` has weights for (the tagger ignores any other).

    Read from the ATTRIBUTES section of crfsuite's text dump of the model (0.03 s), not through
    ``Tagger.info()``, whose parser reads the whole dump in Python (0.27 s of every start-up)."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "model.txt")
        _thread_tagger(path).dump(dump)
        attributes: list[str] = []
        with open(dump, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("ATTRIBUTES = {"):
                    break
            for line in fh:
                if line.startswith("}"):
                    break
                m = _ATTRIBUTE_LINE.match(line.rstrip("\r\n"))
                if m:
                    attributes.append(m.group(1))
    return frozenset(attributes)


@cache
def _extractor(lexicon_dir: str, crf_path: str | None) -> FeatureExtractor:
    known = _known_attributes(crf_path) if crf_path is not None else None
    return FeatureExtractor(load_resources(lexicon_dir), known=known, encoded=crf_path is not None)


class EntityTagger:
    """Finds entity mentions in working text. Loads its model lazily; pickles as its settings.

    ``model``: the kind of model that finds the mentions, "crf" (``models/entities/crf.model``) or
    "spacy" (the folder ``models/entities/spacy``); ``model_path`` overrides that file or folder;
    ``ner_model``: a local Hugging Face model folder, used instead of either.
    """

    def __init__(self, model_path: str | os.PathLike[str] | None = None, rules: bool = True,
                 labels: Sequence[str] | None = OUTPUT_LABELS, coref: bool = True,
                 ner_model: str | os.PathLike[str] | None = None, model: str = "crf") -> None:
        if model not in MODEL_KINDS:
            raise ConfigError(f"unknown entity model {model!r}; choose from {list(MODEL_KINDS)} "
                              "(setting stages.entities.model; a file or folder goes in model_path)")
        self.kind = model
        self.configured_path = str(model_path) if model_path is not None else None
        self.ner_model = str(ner_model) if ner_model is not None else None
        self.rules = rules
        self.coref = coref
        self.labels = tuple(labels) if labels is not None else None
        self._setup()

    def _setup(self) -> None:
        self._paths: tuple[Path, str] | None = None  # resolved where the tagger runs
        self.transformer = None
        self.spacy = None
        if self.ner_model is not None:  # a Hugging Face model finds the model mentions instead
            from thai_extract.text.entities.transformer import TransformerTagger

            self.transformer = TransformerTagger(self.ner_model)
        elif self.kind == "spacy":
            from thai_extract.text.entities.spacy_ner import SpacyTagger

            self.spacy = SpacyTagger(self.model_path)

    def __getstate__(self) -> dict[str, object]:
        return {"kind": self.kind, "configured_path": self.configured_path, "ner_model": self.ner_model,
                "rules": self.rules, "coref": self.coref, "labels": self.labels}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._setup()

    @property
    def model_path(self) -> Path:
        """The model file (CRF) or folder (spaCy): the configured one, else the shipped one."""
        if self._paths is None:
            self._resolve()
        assert self._paths is not None
        return self._paths[0]

    def _resolve(self) -> None:
        path = resolve_model("entities", "crf.model" if self.kind == "crf" else "spacy",
                             configured=self.configured_path)
        lexicon_dir = path.parent
        lexicon = str(lexicon_dir if (lexicon_dir / "lexicon.tsv").exists() else resolve_model("entities"))
        self._paths = (path, lexicon)

    @property
    def resources(self) -> Resources:
        return self.extractor.res

    @property
    def extractor(self) -> FeatureExtractor:
        if self._paths is None:
            self._resolve()
        assert self._paths is not None
        path, lexicon = self._paths
        crf = str(path) if self.kind == "crf" and self.transformer is None else None
        return _extractor(lexicon, crf)

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
            inside = "I-" + label
            while j < n and tags[j] == inside:
                j += 1
            score = sum(tagger.marginal(tags[k], k) for k in range(i, j)) / (j - i)
            start, end = spans[i][0], spans[j - 1][1]
            out.append(Mention(start, end, text[start:end], label, round(score, 4), "crf"))
            i = j
        return out

    def _model_mentions(self, text: str, sentences: list[list[Span]], matches: list[Matches]) -> list[list[Mention]]:
        """The model's mentions of each sentence (refined token spans, empty ones allowed; ``matches``:
        the gazetteer matches of each)."""
        if self.transformer is not None:
            return self.transformer.mentions(text, sentences)
        if self.spacy is not None:
            found = iter(self.spacy.spans(text, [spans for spans in sentences if spans]))
            return [[Mention(spans[i][0], spans[j][1], text[spans[i][0]:spans[j][1]], label, SPACY_SCORE, "spacy")
                     for i, j, label in next(found)] if spans else [] for spans in sentences]
        fx = self.extractor
        return [self._crf_mentions(text, spans, fx.sequence(text, spans, match)) if spans else []
                for spans, match in zip(sentences, matches)]

    def _gazetteer_mentions(self, text: str, spans: Sequence[Span], matches: Matches) -> list[Mention]:
        out: list[Mention] = []
        for i, j, e in matches:
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
        if _UPPER.search(text, lo, hi) is None:
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
            for label, cues in _LATIN_CUE_TUPLES:
                if before.endswith(cues):
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
        out: list[Mention] = []
        for window in _windows(refine_tokens(text, spans)):
            matches = list(self.resources.longest_matches(text, window))
            out.extend(self._finish(text, window, self._model_mentions(text, [window], [matches])[0], matches))
        return out

    def _finish(self, text: str, spans: Sequence[Span], mentions: list[Mention], matches: Matches) -> list[Mention]:
        """Model mentions of one sentence merged with the rules, filtered and given canonical names."""
        if self.rules:
            mentions = merge(mentions, self._gazetteer_mentions(text, spans, matches) + self._latin_mentions(text, spans))
            starts = {s for s, _ in spans}
            mentions = [_extend_place(text, m, starts) for m in mentions]
            mentions = [self._extend_given_name(text, m, spans) for m in mentions]
        res = self.resources
        out = []
        for m in mentions:
            if self.labels is not None and m.label not in self.labels:
                continue
            if self.rules and m.label == "PERSON" and m.canonical is None and name_fragment(text, m.start, m.end, res):
                continue
            if m.canonical is None:
                m = replace(m, canonical=canonical_for(m.text, m.label, res))
            out.append(m)
        return out

    # ---- a document
    def tag_document(self, text: str, sentences: Sequence[Sequence[Span]]) -> list[Mention]:
        """Mentions in ``text``, each sentence (its token spans) tagged on its own."""
        refined = [w for spans in sentences for w in _windows(refine_tokens(text, spans))]
        longest = self.resources.longest_matches
        matches = [list(longest(text, spans)) if spans else [] for spans in refined]
        mentions: list[Mention] = []
        for spans, found, match in zip(refined, self._model_mentions(text, refined, matches), matches):
            if spans:
                mentions.extend(self._finish(text, spans, found, match))
        if self.coref and self.rules:
            mentions = resolve_document(text, mentions, sentences, self.resources)
        return mentions

    def tag(self, text: str) -> list[Mention]:
        """Mentions in ``text`` as one sentence, tokenised with thaibreak."""
        return self.tag_document(text, [thaibreak_words(text)])

    def config(self) -> dict[str, object]:
        out: dict[str, object] = {"model": self.kind, "model_path": self.model_path.name, "rules": self.rules,
                                  "coref": self.coref, "labels": list(self.labels) if self.labels is not None else None}
        if self.ner_model is not None:
            out["ner_model"] = self.ner_model
        return out


def _windows(spans: list[Span]) -> list[list[Span]]:
    """A sentence's tokens in pieces of at most ``MAX_TOKENS`` (one piece for any real sentence: the
    longest of the 1,000 dev articles has 249), so that text without sentence breaks stays bounded."""
    if len(spans) <= MAX_TOKENS:
        return [spans]
    return [spans[i:i + MAX_TOKENS] for i in range(0, len(spans), MAX_TOKENS)]


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
            if (container.label == r.label == "LOCATION" and container.canonical is None
                    and not container.text.startswith(LOCAL_PLACE_PREFIXES)):
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
                extended = replace(m, start=start, text=text[start:m.end])
                # a district is its own place, not the province or city it is named after
                return replace(extended, canonical=None) if prefix in LOCAL_PLACE_PREFIXES else extended
    return m
