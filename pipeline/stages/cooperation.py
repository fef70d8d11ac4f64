"""Cooperation stage: the areas of cooperation passages, with their parties, in ``doc.cooperation``."""

from __future__ import annotations

from typing import Any, ClassVar

from thai_extract.document import Document
from thai_extract.stages.base import COOPERATION, SENTENCES
from thai_extract.text.cooperation.detector import find_cooperation
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
        for m in find_cooperation(doc.work, doc.to_original, doc.sentences, doc.text, self.tax, doc.entities,
                                  doc.tokens):
            doc.cooperation.append({"start": m.start, "end": m.end, "text": m.text, "area": m.area,
                                    "parties": list(m.parties), "score": m.score})
        return doc
