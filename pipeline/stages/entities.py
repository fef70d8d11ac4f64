"""Entities stage: persons, organisations, places, facilities and events, with canonical names.

Tags each sentence on its own (no mention crosses a sentence boundary) with the model of
``models/entities/`` (the CRF, or the spaCy NER) merged with gazetteers and rules
(``thai_extract.text.entities``); rows
(``doc.entities``) hold original-text offsets, the working-text surface form, label, canonical
name, score and source; ``sent_id`` is left to the row builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from thai_extract.annotations import Entity
from thai_extract.document import Document
from thai_extract.stages.base import ENTITIES, SENTENCES, TOKENS
from thai_extract.text.entities.tagger import OUTPUT_LABELS, EntityTagger

Span = tuple[int, int]


class EntitiesStage:
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

    def __init__(self, model: str = "crf", model_path: str | None = None, rules: bool = True,
                 coref: bool = True, labels: Sequence[str] = OUTPUT_LABELS, ner_model: str | None = None) -> None:
        self.model = model
        self.model_path = str(model_path) if model_path else None
        self.ner_model = str(ner_model) if ner_model else None
        self.tagger = EntityTagger(self.model_path, rules=bool(rules), labels=tuple(labels), coref=bool(coref),
                                   ner_model=self.ner_model, model=model)

    def config(self) -> dict[str, object]:
        return {"model": self.model, "model_path": self.model_path, "rules": self.tagger.rules,
                "coref": self.tagger.coref, "labels": list(self.tagger.labels or ()), "ner_model": self.ner_model}

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
