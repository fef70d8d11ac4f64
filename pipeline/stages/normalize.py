"""Normalise stage: Unicode NFC, Thai mark order, invisible characters, odd spaces."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from thai_extract.document import Document
from thai_extract.stages.base import TEXT, WORKING_TEXT
from thai_extract.text.normalize import RULES, Normalizer


class NormalizeStage:
    """Rewrites ``doc.working_text`` with the chosen rules, recording an alignment layer per pass."""

    name: ClassVar[str] = "normalize"
    needs: ClassVar[frozenset[str]] = frozenset({TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})

    def __init__(self, rules: Iterable[str] = RULES) -> None:
        self.normalizer = Normalizer(rules)

    def config(self) -> dict[str, object]:
        return {"rules": list(self.normalizer.rules)}

    def __call__(self, doc: Document) -> Document:
        text = doc.alignment.apply(doc.work, self.normalizer.character_edits(doc.work))
        doc.working_text = doc.alignment.apply(text, self.normalizer.nfc_edits(text))
        return doc
