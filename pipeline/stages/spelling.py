"""Spelling stage: context-aware correction of non-word typos ("หหาร" -> "ทหาร"), names left alone.

Runs after normalize and before segment. Corrections scored ``>= threshold`` are applied to the
working text through an alignment layer (later stages see "ทหาร", their offsets still map to the
original); lower-scored ones are only reported (``applied`` False). Every suggestion becomes a row of
``doc.corrections`` with original offsets.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from thai_extract.alignment import Edit
from thai_extract.annotations import Correction
from thai_extract.document import Document
from thai_extract.stages.base import CORRECTIONS, WORKING_TEXT

_CORRECTORS: dict[tuple, object] = {}  # one loaded model per process and settings


class SpellingStage:
    name: ClassVar[str] = "spelling"
    needs: ClassVar[frozenset[str]] = frozenset({WORKING_TEXT})
    provides: ClassVar[frozenset[str]] = frozenset({CORRECTIONS, WORKING_TEXT})

    def __init__(self, threshold: float = 0.5, allow_list: str | Path | None = None,
                 model: str | Path | None = None, report_min: float = 0.2) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be in 0..1")
        self.threshold = float(threshold)
        if allow_list and not Path(allow_list).is_file():
            raise ValueError(f"allow_list: no such file {allow_list}")
        self.allow_list = str(allow_list) if allow_list else None
        self.model = str(model) if model else None
        self.report_min = float(report_min)

    def config(self) -> dict[str, object]:
        return {"threshold": self.threshold, "allow_list": self.allow_list, "model": self.model,
                "report_min": self.report_min}

    def __getstate__(self) -> dict:
        return dict(self.__dict__)  # settings only; the model is loaded once per process

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @property
    def corrector(self):
        key = (self.model, self.allow_list, self.report_min)
        corr = _CORRECTORS.get(key)
        if corr is None:
            from thai_extract.text.spelling.corrector import Params, SpellingCorrector

            allow: frozenset[str] = frozenset()
            if self.allow_list:
                lines = Path(self.allow_list).read_text(encoding="utf-8").splitlines()
                allow = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
            corr = SpellingCorrector.load(self.model, allow, Params(report_min=self.report_min))
            _CORRECTORS[key] = corr
        return corr

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
