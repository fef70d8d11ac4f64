"""Cooperation stage: the areas of cooperation passages, with their parties, in ``doc.cooperation``."""

from __future__ import annotations

from typing import Any, ClassVar

from thai_extract.document import Document
from thai_extract.stages.base import COOPERATION, SENTENCES
from thai_extract.text.cooperation.detector import CooperationInput, EntitySpan, find_cooperation
from thai_extract.text.cooperation.taxonomy import Taxonomy, cached_taxonomy


class CooperationStage:
    """Finds who cooperates with whom, on what (see :mod:`thai_extract.text.cooperation.detector`).

    ``taxonomy``: a taxonomy TOML file (default ``models/cooperation/taxonomy.toml``); ``parties``:
    a party file (default ``models/cooperation/parties.toml``, or the taxonomy file itself when it
    has ``[[party]]`` tables). Uses ``doc.entities`` when an entity stage ran before it, its own
    party lexicon always. Rows: original ``start``/``end`` of the area words, their working-text
    ``text``, ``area`` code, sorted ``parties``, ``score``; ``sent_id`` is left to the row builder.
    """

    name: ClassVar[str] = "cooperation"
    needs: ClassVar[frozenset[str]] = frozenset({SENTENCES})
    provides: ClassVar[frozenset[str]] = frozenset({COOPERATION})

    def __init__(self, taxonomy: str | None = None, parties: str | None = None) -> None:
        self.taxonomy = str(taxonomy) if taxonomy else None
        self.parties = str(parties) if parties else None
        self.tax  # noqa: B018  (a bad file fails when the pipeline is built, not mid-run)

    @property
    def tax(self) -> Taxonomy:
        return cached_taxonomy(self.taxonomy, self.parties)

    def config(self) -> dict[str, object]:
        return {"taxonomy": self.taxonomy, "parties": self.parties}

    def __getstate__(self) -> dict[str, Any]:
        return {"taxonomy": self.taxonomy, "parties": self.parties}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.taxonomy = state["taxonomy"]
        self.parties = state["parties"]

    def __call__(self, doc: Document) -> Document:
        for m in find_cooperation(detector_input(doc), self.tax):
            doc.cooperation.append({"start": m.start, "end": m.end, "text": m.text, "area": m.area,
                                    "parties": list(m.parties), "score": m.score})
        return doc


def detector_input(doc: Document) -> CooperationInput:
    """What the detector reads of ``doc``, in working-text offsets.

    Sentences, tokens and entities carry original offsets; their working spans are found here
    (a sentence's or token's text is its working-text slice, in order; an entity starts at the first
    working position that maps at or after its original start).
    """
    work = doc.work
    entities = []
    for e in doc.entities:
        start = _working_position(doc, e["start"])
        text = e.get("text") or ""
        if not work.startswith(text, start):
            found = work.find(text, max(0, start - 8))
            start = found if found >= 0 else start
        entities.append(EntitySpan(start, start + len(text), e.get("label") or "", e.get("canonical")))
    return CooperationInput(work, _in_order(work, [s.text for s in doc.sentences]),
                            _in_order(work, [t.text for t in doc.tokens]), entities, doc.to_original)


def _in_order(work: str, texts: list[str]) -> list[tuple[int, int]]:
    """The working spans of consecutive slices of ``work`` given by their texts."""
    spans, pos = [], 0
    for text in texts:
        start = work.find(text, pos)
        if start < 0:  # pragma: no cover - sentences and tokens are slices of the working text, in order
            raise ValueError(f"{text[:40]!r} not found in the working text after {pos}")
        pos = start + len(text)
        spans.append((start, pos))
    return spans


def _working_position(doc: Document, original: int) -> int:
    """The first working-text position whose original position is at or after ``original``."""
    if doc.alignment.is_identity:
        return original
    lo, hi = 0, len(doc.work)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc.to_original(mid, mid + 1)[0] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo
