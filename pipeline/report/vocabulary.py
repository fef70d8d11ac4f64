"""Names and colours for the report: cooperation areas (with their top-level area) and parties."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache

log = logging.getLogger(__name__)

# One colour per top-level area (taxonomy order); colourblind-friendly first (Okabe-Ito, then Tableau).
_AREA_PALETTE = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0c000", "#7f3c8d",
    "#11a579", "#3969ac", "#e73f74", "#80ba5a", "#a5aa99", "#008695", "#cf1c90", "#4b4b8f",
)
UNKNOWN_COLOUR = "#8c8c8c"
NO_AREA = "no area named"  # the area of a passage that names none (a courtesy call, a visit)

# displaCy's colours for the matching labels, so the document view looks familiar.
ENTITY_COLOURS = {
    "PERSON": "#aa9cfc", "ORGANIZATION": "#7aecec", "LOCATION": "#feca74", "FACILITY": "#9cc9cc",
    "EVENT": "#ffeb80",
}
DATE_COLOUR = "#bfe1d9"
CORRECTION_COLOURS = {"applied": "#d62728", "suggested": "#ff9896"}
KIND_COLOURS = {"country": "#4c78a8", "organisation": "#f58518"}


@dataclass(frozen=True)
class Vocabulary:
    """What the shipped taxonomy says about area codes and party codes (empty when it cannot load)."""

    area_parent: dict[str, str | None] = field(default_factory=dict)
    area_name: dict[str, str] = field(default_factory=dict)      # code -> English name
    party_kind: dict[str, str] = field(default_factory=dict)     # code -> country | organisation
    party_name: dict[str, str] = field(default_factory=dict)     # code -> first Thai name

    def root(self, area: str) -> str:
        """The top-level area of ``area`` (itself when top-level or unknown)."""
        seen = {area}
        while (parent := self.area_parent.get(area)) and parent not in seen:
            seen.add(parent)
            area = parent
        return area

    def roots(self) -> list[str]:
        """Top-level area codes in taxonomy order."""
        return [code for code, parent in self.area_parent.items() if not parent]

    def colour(self, area: str) -> str:
        """The colour of ``area``'s top-level area."""
        roots = self.roots()
        root = self.root(area)
        return _AREA_PALETTE[roots.index(root) % len(_AREA_PALETTE)] if root in roots else UNKNOWN_COLOUR

    def area_label(self, area: str) -> str:
        return self.area_name.get(area, area)

    def party_label(self, code: str) -> str:
        name = self.party_name.get(code)
        return f"{name} ({code})" if name else code


@cache
def vocabulary() -> Vocabulary:
    """The shipped cooperation taxonomy as plain lookups, once per process."""
    from thai_extract.text.cooperation.taxonomy import cached_taxonomy

    try:
        taxonomy = cached_taxonomy()
    except Exception as exc:  # the report still works with bare codes
        log.warning("cooperation taxonomy not loaded (%s): the report shows bare codes", exc)
        return Vocabulary()
    names: dict[str, str] = {}
    for term, (kind, code) in taxonomy.terms.items():
        if kind == "party" and not term.isascii():
            names.setdefault(code, term)
    return Vocabulary(
        area_parent={code: area.parent for code, area in taxonomy.areas.items()},
        area_name={code: area.en for code, area in taxonomy.areas.items()},
        party_kind=dict(taxonomy.parties),
        party_name=names,
    )
