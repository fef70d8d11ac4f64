"""The cooperation label set and party lexicon: loading, validating, and one matcher over both.

``models/cooperation/taxonomy.toml`` holds the areas (code, parent, English name, Thai ``terms``,
English ``terms_en``, examples), the context words, the words that name an event's kind and the
detector's settings (``[detector]``); ``models/cooperation/parties.toml`` the parties (ISO alpha-2
codes and organisation short names with their names). :func:`load_taxonomy` checks both and raises
:class:`TaxonomyError` listing every mistake with its file and entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thai_extract.resources import cached, model_path
from thai_extract.text.countries import country_table


_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_PARTY_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


class TaxonomyError(ValueError):
    """A taxonomy or party file with mistakes; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid cooperation taxonomy:\n  - " + "\n  - ".join(problems))


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    parent: str | None
    en: str
    terms: tuple[str, ...]
    terms_en: tuple[str, ...]
    examples: tuple[str, ...]
    depth: int = 0


@dataclass(frozen=True, slots=True)
class DetectorSettings:
    """The detector's thresholds, scores and cue patterns (the ``[detector]`` table)."""

    list_sentence_chars: int     # a sentence this short with area words continues a passage
    party_lookback: int          # sentences before a cue that may hold its foreign party
    party_lookback_chars: int    # and characters (short sentences of quoted speech are many)
    score_cue: float             # a row in a sentence with a cue or a referring-back word
    score_context: float         # a row in a sentence carried by the passage or the news around it
    score_starter_bonus: float   # added when an area follows a starter ("ด้าน", "มิติ"...)
    score_max: float
    conflict: re.Pattern[str]    # words of fighting: outside a cue sentence, the sentence joins no passage
    not_party_before: re.Pattern[str]  # a country right after this is a venue or a nationality
    not_party_window: int        # characters before a country that ``not_party_before`` looks at
    whole_word_cues: frozenset[str]  # cues that count only as whole words (when the text was segmented)


# key -> (type, default): a list is a list of words (matched as one alternation), a str a regex
_DETECTOR_KEYS: dict[str, tuple[type, Any]] = {
    "list_sentence_chars": (int, 120), "party_lookback": (int, 2), "party_lookback_chars": (int, 200),
    "score_cue": (float, 0.8),
    "score_context": (float, 0.65), "score_starter_bonus": (float, 0.1), "score_max": (float, 0.95),
    "conflict": (list, []), "not_party_before": (str, "(?!)"), "not_party_window": (int, 16),
    "whole_word_cues": (list, []),
}
_TYPE_NAMES = {int: "an integer", float: "a number", str: "a string (a regular expression)", list: "a list of strings"}


def _detector_settings(raw: Any, where: str, problems: list[str]) -> DetectorSettings:
    """The ``[detector]`` table checked: known keys, right types, scores in (0, 1], valid patterns."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a table")
        raw = {}
    unknown = sorted(set(raw) - set(_DETECTOR_KEYS))
    if unknown:
        problems.append(f"{where}: unknown keys {unknown}")
    values: dict[str, Any] = {}
    for key, (kind, default) in _DETECTOR_KEYS.items():
        value = raw.get(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            problems.append(f"{where}: {key} must be {_TYPE_NAMES[kind]}")
            value = default
        if kind is int and value < 0:
            problems.append(f"{where}: {key} must not be negative")
        elif kind is float and not 0.0 < value <= 1.0:
            problems.append(f"{where}: {key} must be in (0, 1]")
        elif kind is list:
            words = _strings(value, where, key, problems)
            value = frozenset(words) if key == "whole_word_cues" else re.compile(trie_pattern(words))
        elif kind is str:
            try:
                value = re.compile(value)
            except re.error as exc:
                problems.append(f"{where}: {key} pattern {value!r}: {exc}")
                value = re.compile(default)
        values[key] = value
    return DetectorSettings(**values)


@dataclass
class Taxonomy:
    """Areas, parties, context words, and the one compiled matcher over all their terms."""

    areas: dict[str, Area]
    parties: dict[str, str]               # code -> kind
    home: str | None
    cues: tuple[str, ...]
    continuation: tuple[str, ...]         # regular expressions
    connectors: tuple[str, ...]
    starters: tuple[str, ...]
    compound_heads: frozenset[str]
    starter_only: frozenset[str] = frozenset()  # area terms that name an area only after a starter
    detector: DetectorSettings = field(default_factory=lambda: _detector_settings({}, "", []))
    # kind -> its words, in order of precedence (a passage with words of two kinds takes the first)
    event_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group name -> its party codes
    # term -> (kind, code): kind is "area", "party", "group" (code: the group's name), "cue" or "ignore": kind is "area", "party", "cue" or "ignore"
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    cue_terms: frozenset[str] = frozenset()   # area/party terms that contain a cue word
    paths: tuple[str, ...] = ()
    _regex: re.Pattern[str] | None = field(default=None, repr=False)
    _kind_regex: re.Pattern[str] | None = field(default=None, repr=False)

    def parent(self, code: str) -> str | None:
        """The parent code of an area (``None`` for a top-level or unknown area)."""
        area = self.areas.get(code)
        return area.parent if area else None

    def party_kind(self, code: str) -> str:
        """``"country"`` or ``"organisation"``: as the party file says, else by the code's shape
        (an entity stage may name a country the party file lacks; its code is ISO alpha-2)."""
        return self.parties.get(code) or ("country" if re.fullmatch(r"[A-Z]{2}", code) else "organisation")

    def most_specific(self, codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """``codes`` without repeats and without any code whose descendant is also there, in order."""
        distinct = list(dict.fromkeys(codes))
        implied = {p for c in distinct for p in self.rollup({c}) - {c}}
        return tuple(c for c in distinct if c not in implied)

    def event_kind(self, text: str) -> str | None:
        """The kind of event ``text`` names: the first kind (in the file's order) with a word in it."""
        if not self.event_kinds:
            return None
        if self._kind_regex is None:
            self._kind_regex = re.compile("|".join(
                f"(?P<{kind}>{trie_pattern(words)})" for kind, words in self.event_kinds.items()))
        found = {m.lastgroup for m in self._kind_regex.finditer(text)}
        return next((kind for kind in self.event_kinds if kind in found), None)

    def rollup(self, codes: set[str] | list[str]) -> set[str]:
        """Each code plus all its ancestors."""
        out: set[str] = set()
        for code in codes:
            while code and code not in out:
                out.add(code)
                code = self.parent(code) or ""
        return out

    @property
    def regex(self) -> re.Pattern[str]:
        """Continuation patterns first, then every term (longest match) as one trie-shaped regex."""
        if self._regex is None:
            cont = "|".join(f"(?:{p})" for p in self.continuation)
            trie = trie_pattern(self.terms)
            self._regex = re.compile(f"(?P<cont>{cont})|{trie}" if cont else trie)
        return self._regex


def trie_pattern(words: Any) -> str:
    """A regex matching any of ``words``, longest first, shaped as a trie (fast in ``re``)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")" if root else "(?!)"


def _strings(value: Any, where: str, key: str, problems: list[str], required: bool = False) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: {key} must be a list of strings")
        return ()
    cleaned = tuple(v.strip() for v in value if v.strip())
    if required and not cleaned:
        problems.append(f"{where}: {key} is empty")
    if len(cleaned) != len(value):
        problems.append(f"{where}: {key} has an empty string")
    return cleaned


def _read(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        problems.append(f"{path}: cannot read: {exc}")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: not valid TOML: {exc}")
    return {}


def _english_variants(term: str) -> list[str]:
    """An English wording as written, lower-case and capitalised (acronyms stay as written)."""
    if term.isupper() or any(ch.isdigit() for ch in term):
        return [term]
    return list(dict.fromkeys([term, term.lower(), term[0].upper() + term[1:], term.title()]))


def load_taxonomy(path: str | Path | None = None, parties_path: str | Path | None = None) -> Taxonomy:
    """Read and check a taxonomy file and a party file; every problem is reported at once.

    ``path`` may also hold the parties itself (``[[party]]`` tables): then ``parties_path``
    defaults to it, else to ``models/cooperation/parties.toml``.
    """
    problems: list[str] = []
    tax_path = model_path("cooperation", "taxonomy.toml", configured=path)
    data = _read(tax_path, problems)
    if parties_path is None:
        parties_path = tax_path if "party" in data else model_path("cooperation", "parties.toml")
    party_path = Path(parties_path)
    pdata = data if party_path == tax_path else _read(party_path, problems)

    unknown_tables = sorted(set(data) - {"meta", "context", "detector", "event_kinds", "area", "party"})
    if unknown_tables:
        problems.append(f"{tax_path}: unknown tables {unknown_tables}")
    meta = data.get("meta", {}) or {}
    ctx = data.get("context", {}) or {}
    where = f"{tax_path} [context]"
    cues = _strings(ctx.get("cues"), where, "cues", problems, required=True)
    continuation = _strings(ctx.get("continuation"), where, "continuation", problems)
    for pattern in continuation:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"{where}: continuation pattern {pattern!r}: {exc}")
    not_cues = _strings(ctx.get("not_cues"), where, "not_cues", problems)
    connectors = _strings(ctx.get("connectors"), where, "connectors", problems)
    starters = _strings(ctx.get("starters"), where, "starters", problems)
    heads = frozenset(_strings(meta.get("compound_heads"), f"{tax_path} [meta]", "compound_heads", problems))
    starter_only = frozenset(_strings(meta.get("starter_only"), f"{tax_path} [meta]", "starter_only", problems))
    detector = _detector_settings(data.get("detector", {}), f"{tax_path} [detector]", problems)
    event_kinds: dict[str, tuple[str, ...]] = {}
    raw_kinds = data.get("event_kinds", {})
    if not isinstance(raw_kinds, dict):
        problems.append(f"{tax_path} [event_kinds]: must be a table")
        raw_kinds = {}
    for kind, words in raw_kinds.items():
        if not _CODE.match(kind):
            problems.append(f"{tax_path} [event_kinds]: kind {kind!r} must be lower_snake_case")
            continue
        event_kinds[kind] = _strings(words, f"{tax_path} [event_kinds]", kind, problems, required=True)

    # areas
    raw_areas = data.get("area", [])
    if not isinstance(raw_areas, list) or not raw_areas:
        problems.append(f"{tax_path}: no [[area]] entries")
        raw_areas = []
    areas: dict[str, Area] = {}
    for i, entry in enumerate(raw_areas):
        code = entry.get("code") if isinstance(entry, dict) else None
        where = f"{tax_path} area #{i + 1} (code={code!r})"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a table")
            continue
        unknown = set(entry) - {"code", "parent", "en", "terms", "terms_en", "examples"}
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        if not isinstance(code, str) or not _CODE.match(code):
            problems.append(f"{where}: code must be lower_snake_case")
            continue
        if code in areas:
            problems.append(f"{where}: duplicate code {code!r}")
            continue
        parent = entry.get("parent") or None
        terms = _strings(entry.get("terms"), where, "terms", problems)
        terms_en = _strings(entry.get("terms_en"), where, "terms_en", problems)
        if not terms and not terms_en:
            problems.append(f"{where}: terms is empty")
        areas[code] = Area(code, parent, str(entry.get("en", code)), terms, terms_en,
                           _strings(entry.get("examples"), where, "examples", problems))
    # parents: known, no cycles; depth
    for code, area in list(areas.items()):
        if area.parent is not None and area.parent not in areas:
            problems.append(f"{tax_path} area {code!r}: unknown parent {area.parent!r}")
            continue
        seen, cur, depth = {code}, area.parent, 0
        while cur is not None and cur in areas:
            depth += 1
            if cur in seen:
                problems.append(f"{tax_path} area {code!r}: parent cycle through {cur!r}")
                break
            seen.add(cur)
            cur = areas[cur].parent
        areas[code] = Area(area.code, area.parent, area.en, area.terms, area.terms_en, area.examples, depth)

    terms: dict[str, tuple[str, str]] = {}
    term_depth: dict[str, int] = {}
    for code, area in areas.items():
        words = list(area.terms) + [v for t in area.terms_en for v in _english_variants(t)]
        for term in dict.fromkeys(words):
            if term in terms:
                other = terms[term][1]
                if term_depth[term] == area.depth:
                    problems.append(f"{tax_path} area {code!r}: term {term!r} is also a term of {other!r} "
                                    f"at the same specificity")
                    continue
                if term_depth[term] > area.depth:
                    continue  # the more specific area keeps it
            terms[term] = ("area", code)
            term_depth[term] = area.depth

    # parties
    parties: dict[str, str] = {}
    pmeta = pdata.get("meta", {}) or {}
    raw_parties = pdata.get("party", [])
    if not isinstance(raw_parties, list) or not raw_parties:
        problems.append(f"{party_path}: no [[party]] entries")
        raw_parties = []
    for i, entry in enumerate(raw_parties):
        code = entry.get("code") if isinstance(entry, dict) else None
        where = f"{party_path} party #{i + 1} (code={code!r})"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a table")
            continue
        if not isinstance(code, str) or not _PARTY_CODE.match(code):
            problems.append(f"{where}: code must be an ISO alpha-2 code or an UPPER_CASE short name")
            continue
        kind = entry.get("kind", "country")
        if kind not in ("country", "organisation"):
            problems.append(f"{where}: kind must be 'country' or 'organisation', not {kind!r}")
        if kind == "country" and not re.fullmatch(r"[A-Z]{2}", code):
            problems.append(f"{where}: a country code must be two letters (ISO 3166-1 alpha-2)")
        if code in parties:
            problems.append(f"{where}: duplicate code {code!r}")
            continue
        parties[code] = kind
        for term in _strings(entry.get("terms"), where, "terms", problems, required=True):
            if term in terms:
                kind0, other = terms[term]
                if other != code:
                    problems.append(f"{where}: term {term!r} is also a term of {kind0} {other!r}")
                continue
            terms[term] = ("party", code)
    # the country table the entity stage uses too: every Thai country name it knows is a party
    # (the party file's own terms, groups and ignored words win; names as short as "ชาด" are left out)
    for name, country in country_table().items():
        for term in (name, country.english):
            if len(term) >= 3 and term not in terms:
                terms[term] = ("party", country.code)
                parties.setdefault(country.code, "country")
    groups = _groups(pdata.get("group", []), parties, terms, str(party_path), problems)
    home = pmeta.get("home") or None
    if home is not None and home not in parties:
        problems.append(f"{party_path} [meta]: home {home!r} is not a party code")
    for term in _strings(pmeta.get("ignore"), f"{party_path} [meta]", "ignore", problems):
        terms.setdefault(term, ("ignore", ""))

    for term in not_cues:
        terms.setdefault(term, ("ignore", ""))
    for term in _strings(meta.get("not_areas"), f"{tax_path} [meta]", "not_areas", problems):
        if terms.get(term, ("ignore", ""))[0] != "ignore":
            problems.append(f"{tax_path} [meta]: not_areas {term!r} is also a term of {terms[term][1]!r}")
        terms[term] = ("ignore", "")
    cue_terms = set()
    for term in cues:
        if term in terms:
            cue_terms.add(term)  # an area/party wording that is itself a cue: keep the area/party
        else:
            terms[term] = ("cue", "")
    for term, (kind, _) in terms.items():
        if kind not in ("cue", "ignore") and any(c in term for c in cues):
            cue_terms.add(term)

    for term in sorted(starter_only):
        if terms.get(term, ("", ""))[0] != "area":
            problems.append(f"{tax_path} [meta]: starter_only {term!r} is not an area term")

    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(areas=areas, parties=parties, home=home, cues=cues, continuation=continuation,
                    connectors=connectors, starters=starters, compound_heads=heads, starter_only=starter_only,
                    detector=detector, event_kinds=event_kinds, groups=groups, terms=terms,
                    cue_terms=frozenset(cue_terms), paths=(str(tax_path), str(party_path)))


def _groups(raw: Any, parties: dict[str, str], terms: dict[str, tuple[str, str]], where: str,
            problems: list[str]) -> dict[str, tuple[str, ...]]:
    """The ``[[group]]`` tables: one name ("ASEAN+3") for several parties; its terms name them all."""
    groups: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, list):
        problems.append(f"{where}: group must be an array of tables")
        return groups
    for i, entry in enumerate(raw):
        name = entry.get("name") if isinstance(entry, dict) else None
        at = f"{where} group #{i + 1} (name={name!r})"
        if not isinstance(name, str) or not _PARTY_CODE.match(name) or name in groups:
            problems.append(f"{at}: name must be a new UPPER_CASE short name")
            continue
        codes = _strings(entry.get("parties"), at, "parties", problems, required=True)
        unknown = [c for c in codes if c not in parties]
        if unknown:
            problems.append(f"{at}: unknown parties {unknown}")
        groups[name] = codes
        for term in _strings(entry.get("terms"), at, "terms", problems, required=True):
            if term in terms:
                problems.append(f"{at}: term {term!r} is also a term of {terms[term][0]} {terms[term][1]!r}")
                continue
            terms[term] = ("group", name)
    return groups


def cached_taxonomy(path: str | None = None, parties_path: str | None = None) -> Taxonomy:
    """:func:`load_taxonomy`, once per process and path."""
    return cached("cooperation taxonomy", (path, parties_path), lambda: load_taxonomy(path, parties_path))


def party_kinds(parties: list[str] | tuple[str, ...], tax: Taxonomy | None = None) -> list[str]:
    """The kind of each party code, in order: ``"country"`` (ISO codes) or ``"organisation"``
    (ASEAN, UN...); ``tax`` defaults to the packaged taxonomy. For a ``party_kinds`` column."""
    tax = tax or cached_taxonomy()
    return [tax.party_kind(code) for code in parties]


def area_parent(area: str, tax: Taxonomy | None = None) -> str | None:
    """The parent code of an area (``None`` for a top-level area); ``tax`` defaults to the packaged
    taxonomy. For an ``area_parent`` column."""
    return (tax or cached_taxonomy()).parent(area)


def is_ascii_term(term: str) -> bool:
    return bool(_ASCII_WORD.search(term)) and term.isascii()
