"""Normalise stage: Unicode NFC, Thai mark order, invisible characters, odd spaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from thai_extract.document import Document
from thai_extract.stages.base import TEXT, WORKING_TEXT, ConfiguredStage, register_stage
from thai_extract.text.normalize import RULES, Normalizer


@dataclass(frozen=True)
class NormalizeConfig:
    """``rules``: the normalisation rules to apply, in order (see ``thai_extract.text.normalize.RULES``)."""

    rules: tuple[str, ...] = tuple(RULES)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        Normalizer(self.rules)  # an unknown rule fails here


@register_stage
class NormalizeStage(ConfiguredStage):
    """Rewrites ``doc.working_text`` with the chosen rules, recording an alignment layer per pass."""

    name: ClassVar[str] = "normalize"
    needs: ClassVar[frozenset[str]] = frozenset({TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    Config = NormalizeConfig

    def _setup(self) -> None:
        self.normalizer = Normalizer(self.settings.rules)

    def __call__(self, doc: Document) -> Document:
        text = doc.alignment.apply(doc.work, self.normalizer.character_edits(doc.work))
        doc.working_text = doc.alignment.apply(text, self.normalizer.nfc_edits(text))
        return doc
