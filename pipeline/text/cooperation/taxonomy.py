"""The cooperation label set and party lexicon: loading, validating, and one matcher over both.

``models/cooperation/taxonomy.toml`` holds the areas (code, parent, English name, Thai ``terms``,
English ``terms_en``, examples) and the context words; ``models/cooperation/parties.toml`` the
parties (ISO alpha-2 codes and organisation short names with their names). :func:`load_taxonomy`
checks both and raises :class:`TaxonomyError` listing every mistake with its file and entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from thai_extract.resources import model_path


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
    # term -> (kind, code): kind is "area", "party", "cue" or "ignore"
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    cue_terms: frozenset[str] = frozenset()   # area/party terms that contain a cue word
    paths: tuple[str, ...] = ()
    _regex: re.Pattern[str] | None = field(default=None, repr=False)

    def parent(self, code: str) -> str | None:
        area = self.areas.get(code)
        return area.parent if area else None

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
    home = pmeta.get("home") or None
    if home is not None and home not in parties:
        problems.append(f"{party_path} [meta]: home {home!r} is not a party code")
    for term in _strings(pmeta.get("ignore"), f"{party_path} [meta]", "ignore", problems):
        terms.setdefault(term, ("ignore", ""))

    for term in not_cues:
        terms.setdefault(term, ("ignore", ""))
    cue_terms = set()
    for term in cues:
        if term in terms:
            cue_terms.add(term)  # an area/party wording that is itself a cue: keep the area/party
        else:
            terms[term] = ("cue", "")
    for term, (kind, _) in terms.items():
        if kind not in ("cue", "ignore") and any(c in term for c in cues):
            cue_terms.add(term)

    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(areas=areas, parties=parties, home=home, cues=cues, continuation=continuation,
                    connectors=connectors, starters=starters, compound_heads=heads, terms=terms,
                    cue_terms=frozenset(cue_terms), paths=(str(tax_path), str(party_path)))


@lru_cache(maxsize=8)
def cached_taxonomy(path: str | None = None, parties_path: str | None = None) -> Taxonomy:
    """:func:`load_taxonomy`, once per process and path."""
    return load_taxonomy(path, parties_path)


def is_ascii_term(term: str) -> bool:
    return bool(_ASCII_WORD.search(term)) and term.isascii()
