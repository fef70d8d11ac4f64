"""Spelling stage: context-aware correction of non-word typos ("หหาร" -> "ทหาร"), names left alone.

Runs after normalize and before segment. Corrections scored ``>= threshold`` are applied to the
working text through an alignment layer (later stages see "ทหาร", their offsets still map to the
original); lower-scored ones are only reported (``applied`` False). Every suggestion becomes a row of
``doc.corrections`` with original offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from thai_extract.alignment import Edit
from thai_extract.annotations import Correction
from thai_extract.document import Document
from thai_extract.resources import cached
from thai_extract.stages.base import CORRECTIONS, WORKING_TEXT, ConfiguredStage, register_stage


@dataclass(frozen=True)
class SpellingConfig:
    """``threshold``: apply corrections scored at least this (0..1; 0.5 is the operating point the
    ranker was calibrated for), report the others; ``allow_list``: a file of words never corrected
    (one a line); ``model``: another language-model file; ``report_min``: the lowest score reported."""

    threshold: float = 0.5
    allow_list: str | None = None
    model: str | None = None
    report_min: float = 0.2

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError("threshold must be in 0..1")
        if self.allow_list and not Path(self.allow_list).is_file():
            raise ValueError(f"allow_list: no such file {self.allow_list}")
        for name in ("threshold", "report_min"):
            object.__setattr__(self, name, float(getattr(self, name)))
        for name in ("allow_list", "model"):
            value = getattr(self, name)
            object.__setattr__(self, name, str(value) if value else None)


@register_stage
class SpellingStage(ConfiguredStage):
    name: ClassVar[str] = "spelling"
    needs: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({CORRECTIONS, WORKING_TEXT})
    Config = SpellingConfig

    @property
    def threshold(self) -> float:
        return self.settings.threshold

    @property
    def corrector(self):
        s = self.settings
        return cached("spelling", (s.model, s.allow_list, s.report_min), lambda: _load_corrector(s))

    def __call__(self, doc: Document) -> Document:
        work = doc.work
        suggestions = self.corrector.suggest(work)
        if not suggestions:
            return doc
        spans = [doc.to_original(s.start, s.end) for s in suggestions]
        shift = 0  # how much the fixes applied so far moved the working text
        for s, (start, end) in zip(suggestions, spans):
            applied = s.score >= self.threshold
            shown = s.text if applied else work[s.start:s.end]
            doc.corrections.append(Correction(start, end, doc.text[start:end], s.text, float(s.score), s.method,
                                              applied, s.start + shift, s.start + shift + len(shown)))
            shift += len(shown) - (s.end - s.start)
        edits = [Edit(s.start, s.end, s.text) for s in suggestions if s.score >= self.threshold]
        if edits:
            doc.working_text = doc.alignment.apply(work, edits)
        return doc


def _load_corrector(settings: SpellingConfig):
    from thai_extract.text.spelling.corrector import Params, SpellingCorrector

    allow: frozenset[str] = frozenset()
    if settings.allow_list:
        lines = Path(settings.allow_list).read_text(encoding="utf-8").splitlines()
        allow = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return SpellingCorrector.load(settings.model, allow, Params(report_min=settings.report_min))
