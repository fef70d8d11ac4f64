"""The Pipeline: an ordered list of stages, applied to documents one at a time or in batches."""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from typing import Any

from thai_extract.document import Document, Failure
from thai_extract.errors import ErrorCode, format_message
from thai_extract.registry import build_stages
from thai_extract.stages.base import Stage


class Pipeline:
    """Stages in order. ``__call__`` processes one document; ``process_batch`` isolates failures."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> Pipeline:
        return cls(build_stages(config))

    def config(self) -> dict[str, Any]:
        """The resolved config: stage order and every stage's settings."""
        return {
            "pipeline": {"stages": [s.name for s in self.stages]},
            "stages": {s.name: s.config() for s in self.stages},
        }

    def warm_up(self) -> None:
        """Load every stage's resources now, on a tiny text: a missing model fails here, once."""
        self(Document(doc_id="warm-up", text="ทดสอบ ระบบ test 1"))

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def process_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        """Each document processed, or the failure that stopped it; same length and order."""
        out: list[Document | Failure] = []
        for doc in docs:
            stage_name = ""
            try:
                for stage in self.stages:
                    stage_name = stage.name
                    doc = stage(doc)
                out.append(doc)
            except Exception as exc:  # one bad document must not stop the others
                out.append(
                    Failure(
                        doc_id=doc.doc_id,
                        source=doc.source,
                        stage=stage_name,
                        reason=ErrorCode.STAGE_FAILED.value,
                        detail=format_message(
                            ErrorCode.STAGE_FAILED, stage=stage_name, doc_id=doc.doc_id,
                            why=f"{type(exc).__name__}: {exc}",
                        ) + "\n" + traceback.format_exc(limit=-3),
                    )
                )
        return out
