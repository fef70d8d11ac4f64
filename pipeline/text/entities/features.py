"""Tokens and CRF features for entity tagging.

Tokens are thaibreak words, refined where ThaiNER puts entity boundaries inside a thaibreak word:
an abbreviation glued to what follows ("ผบ.ตร.", "ผกก.สภ.เมือง") is cut after its dot. Features of a
word are computed once per process and cached (the tagger's speed depends on it); a token's feature
list is its own features plus those of its neighbours, already prefixed with their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from thai_extract.text.entities.resources import (
    HONORIFICS, LOCATION_HEADS, ORG_HEADS, POSITION_TITLES, Entry, Resources)

Span = tuple[int, int]
Matches = list[tuple[int, int, Entry]]  # (first token, last token, entry) of each gazetteer match
Feature = str | bytes  # a CRF attribute: bytes when the extractor is ``encoded``
_DOT_SPLIT = re.compile(r"(?<=[^\W\d_]{2}\.)(?=[^\W\d_])")
_CACHE_LIMIT = 300_000


def refine_tokens(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with abbreviations cut after their dot ("ผบ.ตร." -> "ผบ.", "ตร.").

    A cut falls after a dot that follows at least two letters and precedes a letter, so one-letter
    chains ("พ.ต.อ.", "ก.พ.") stay whole.
    """
    out: list[Span] = []
    for start, end in spans:
        piece = text[start:end]
        if "." not in piece or end - start < 4:
            out.append((start, end))
            continue
        pos = start
        for m in _DOT_SPLIT.finditer(piece):
            cut = start + m.start()
            if cut > pos:
                out.append((pos, cut))
                pos = cut
        out.append((pos, end))
    return out


def _char_class(ch: str) -> str:
    if "\u0e00" <= ch <= "\u0e7f":
        return "t"
    if ch.isdigit():
        return "d"
    if ch.isalpha():
        return "A" if ch.isupper() else "a"
    if ch.isspace():
        return "s"
    return ch if ch in ".-,/()&'\"" else "p"


def shape(word: str) -> str:
    """Runs of character classes, collapsed: "มาเลเซีย" -> "t", "Kazan" -> "Aa", "ผบ.ตร." -> "t.t."."""
    out: list[str] = []
    for ch in word:
        c = _char_class(ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


class FeatureExtractor:
    """Feature lists for token sequences, with per-word features cached.

    ``known``: the attributes a trained CRF has weights for; the tagger ignores every other, so
    leaving them out gives the same tags and marginals with less to pass to crfsuite (None while
    training: every feature). ``encoded``: give the features as UTF-8 bytes, which crfsuite takes
    as they are (a str is encoded again at every call: a fifth of the tagging time).
    """

    OFFSETS = (-2, -1, 1, 2)

    def __init__(self, resources: Resources, known: frozenset[str] | None = None, encoded: bool = False) -> None:
        self.res = resources
        self.encoded = encoded
        # what a feature is checked against: the known attributes in the features' own type
        self.known: frozenset[str] | frozenset[bytes] | None = (
            frozenset(a.encode() for a in known) if known is not None and encoded else known)
        self._cache: dict[str, tuple[list[Feature], dict[int, list[Feature]], str | bytes]] = {}
        keep = self._keep
        self._bos, self._eos = keep(["BOS"]), keep(["EOS"])
        self._sb, self._sa = keep(["sb"]), keep(["sa"])
        self._before, self._after, self._bar = ((b"b-=", b"b+=", b"|") if encoded else ("b-=", "b+=", "|"))

    def _keep(self, feats: list[str]) -> list[Feature]:
        out: list[Feature] = [f.encode() for f in feats] if self.encoded else feats
        known = self.known
        return out if known is None else [f for f in out if f in known]

    def _word_features(self, word: str) -> tuple[list[Feature], dict[int, list[Feature]], str | bytes]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        res = self.res
        low = word.lower()
        shp = shape(word)
        thai = shp == "t"
        flags: list[str] = []
        if word in HONORIFICS:
            flags.append("hon")
        if word in POSITION_TITLES:
            flags.append("pos")
        if word in ORG_HEADS:
            flags.append("orgh")
        if word in LOCATION_HEADS:
            flags.append("loch")
        if word in res.given_names:
            flags.append("given")
        if word in res.family_names:
            flags.append("family")
        if thai:
            flags.append("dict" if word in res.dictionary else "oov")
        entry = res.entries.get(word)
        if entry is not None:
            flags.append("gaz=" + entry.kind)
        if not thai and word[:1].isupper():
            flags.append("cap")
        if word.isupper() and len(word) > 1 and word.isalpha():
            flags.append("allcap")
        cl = res.clusters.get(word)
        if cl is not None:
            flags += [f"c={cl[0]}", f"C={cl[1]}"]
        n = len(word)
        core = [f"w={low}", f"s={shp}"] + flags
        own = core + [f"len={min(n, 8)}"]
        if n > 1:
            own += [f"p1={low[:1]}", f"p2={low[:2]}", f"p3={low[:3]}", f"x1={low[-1:]}", f"x2={low[-2:]}",
                    f"x3={low[-3:]}"]
        if thai and n > 4:
            own += [f"p4={low[:4]}", f"x4={low[-4:]}"]
        keep = self._keep
        own = keep(own)
        near = {off: keep([f"{off}{f}" for f in core]) for off in self.OFFSETS}
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        entry = self._cache[word] = (own, near, word.encode() if self.encoded else word)
        return entry

    def gazetteer_tags(self, text: str, spans: Sequence[Span], matches: Matches | None = None) -> list[str | None]:
        """B-/I-kind of the longest gazetteer match over each token (None outside); ``matches``:
        ``res.longest_matches(text, spans)`` when already found."""
        tags: list[str | None] = [None] * len(spans)
        for i, j, entry in self.res.longest_matches(text, spans) if matches is None else matches:
            tags[i] = "B-" + entry.kind
            for k in range(i + 1, j + 1):
                tags[k] = "I-" + entry.kind
        return tags

    def sequence(self, text: str, spans: Sequence[Span], matches: Matches | None = None) -> list[list[Feature]]:
        """The feature list of each token of ``text`` (``spans``: its tokens, whitespace left out;
        ``matches``: its gazetteer matches when already found)."""
        feats = [self._word_features(text[s:e]) for s, e in spans]
        words = [f[2] for f in feats]
        gaz = self.gazetteer_tags(text, spans, matches)
        known = self.known
        before, after, bar = self._before, self._after, self._bar
        n = len(words)
        last = n - 1
        out: list[list[Feature]] = []
        for i in range(n):
            f = list(feats[i][0])
            if i >= 2:
                f += feats[i - 2][1][-2]
            if i >= 1:
                f += feats[i - 1][1][-1]
            else:
                f += self._bos
            if i < last:
                f += feats[i + 1][1][1]
            else:
                f += self._eos
            if i + 2 < n:
                f += feats[i + 2][1][2]
            start, end = spans[i]
            if i > 0:
                bigram = before + words[i - 1] + bar + words[i]
                if known is None or bigram in known:
                    f.append(bigram)
                if spans[i - 1][1] < start:
                    f += self._sb
                if gaz[i - 1] is not None:
                    self._add(f, "-1g=" + gaz[i - 1])
            if i < last:
                bigram = after + words[i] + bar + words[i + 1]
                if known is None or bigram in known:
                    f.append(bigram)
                if end < spans[i + 1][0]:
                    f += self._sa
                if gaz[i + 1] is not None:
                    self._add(f, "+1g=" + gaz[i + 1])
            if gaz[i] is not None:
                self._add(f, "g=" + gaz[i])
            out.append(f)
        return out

    def _add(self, feats: list[Feature], feature: str) -> None:
        f: Feature = feature.encode() if self.encoded else feature
        if self.known is None or f in self.known:
            feats.append(f)
