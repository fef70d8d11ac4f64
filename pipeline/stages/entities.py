"""Entities stage: persons, organisations, places, facilities and events, with canonical names.

Tags each sentence on its own (no mention crosses a sentence boundary) with the model of
``models/entities/`` (the CRF, or the spaCy NER) merged with gazetteers and rules
(``thai_extract.text.entities``); rows
(``doc.entities``) hold original-text offsets, the working-text surface form, label, canonical
name, score and source; ``sent_id`` is left to the row builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from thai_extract.annotations import Entity
from thai_extract.document import Document
from thai_extract.errors import ConfigError
from thai_extract.stages.base import ENTITIES, SENTENCES, TOKENS, ConfiguredStage, register_stage
from thai_extract.text.entities.tagger import MODEL_KINDS, OUTPUT_LABELS, EntityTagger

Span = tuple[int, int]


@dataclass(frozen=True)
class EntitiesConfig:
    """The entity stage's settings (see ``EntitiesStage``)."""

    model: str = "crf"
    model_path: str | None = None
    rules: bool = True
    coref: bool = True
    labels: tuple[str, ...] = OUTPUT_LABELS
    ner_model: str | None = None

    def __post_init__(self) -> None:
        if self.model not in MODEL_KINDS:
            raise ConfigError(f"unknown entity model {self.model!r}; choose from {list(MODEL_KINDS)} "
                              "(another model file or folder goes in model_path)")
        object.__setattr__(self, "labels", tuple(self.labels))
        for name in ("model_path", "ner_model"):
            value = getattr(self, name)
            object.__setattr__(self, name, str(value) if value else None)


@register_stage
class EntitiesStage(ConfiguredStage):
    """Named entities of each sentence (see the module docstring).

    ``model``: the kind of model, "crf" (``models/entities/crf.model``) or "spacy" (the folder
    ``models/entities/spacy``); ``model_path``: another CRF file or spaCy folder; ``rules``: merge the
    gazetteers and Latin-script rules; ``coref``: resolve short person mentions within the
    document; ``labels``: the labels to keep (DATE and TIME belong to the dates stage);
    ``ner_model``: path of a local Hugging Face token-classification model that finds the model
    mentions instead (``thai_extract.text.entities.transformer``; needs the ``transformers`` extra);
    gazetteers, rules, canonical names and coreference still apply. An unknown ``model`` is a
    ConfigError; a missing or unreadable model a ResourceNotFoundError on first use.
    """

    name: ClassVar[str] = "entities"
    needs: ClassVar[frozenset[str]] = frozenset({TOKENS, SENTENCES})
    provides: ClassVar[frozenset[str]] = frozenset({ENTITIES})
    Config = EntitiesConfig

    def _setup(self) -> None:
        s = self.settings
        self.tagger = EntityTagger(s.model_path, rules=s.rules, labels=s.labels, coref=s.coref,
                                   ner_model=s.ner_model, model=s.model)

    def __call__(self, doc: Document) -> Document:
        for m in self.tagger.tag_document(doc.work, _working_sentences(doc)):
            start, end = doc.to_original(m.start, m.end)
            doc.entities.append(Entity(start, end, m.text, m.label, m.canonical, m.score, m.source, m.start, m.end))
        return doc


def _working_sentences(doc: Document) -> list[list[Span]]:
    """Token spans in the working text, grouped by sentence."""
    sentences: list[list[Span]] = [[] for _ in doc.sentences]
    for tok in doc.tokens:
        while tok.sent_id >= len(sentences):
            sentences.append([])
        sentences[tok.sent_id].append((tok.work_start, tok.work_end))
    return sentences
