"""Cooperation stage: the areas of cooperation passages, with their parties, in ``doc.cooperation``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from thai_extract.annotations import CooperationEvent, CooperationMention
from thai_extract.document import Document
from thai_extract.stages.base import COOPERATION, SENTENCES, ConfiguredStage, register_stage
from thai_extract.text.cooperation.detector import CooperationInput, EntitySpan, find_passages
from thai_extract.text.cooperation.events import cooperation_events
from thai_extract.text.cooperation.paragraphs import ParagraphModel, cached_paragraph_model
from thai_extract.text.cooperation.taxonomy import Taxonomy, cached_taxonomy


@dataclass(frozen=True)
class CooperationConfig:
    """``taxonomy``: a taxonomy TOML file (default ``models/cooperation/taxonomy.toml``); ``parties``:
    a party file (default ``models/cooperation/parties.toml``, or the taxonomy file itself when it
    has ``[[party]]`` tables); ``paragraph_model``: the learned paragraph model (default
    ``models/cooperation/paragraphs.json``); ``learned = false`` keeps the rule detector alone. A
    file with mistakes, or a missing one, fails here, when the pipeline is built."""

    taxonomy: str | None = None
    parties: str | None = None
    paragraph_model: str | None = None
    learned: bool = True

    def __post_init__(self) -> None:
        for name in ("taxonomy", "parties", "paragraph_model"):
            value = getattr(self, name)
            object.__setattr__(self, name, str(value) if value else None)
        cached_taxonomy(self.taxonomy, self.parties)
        if self.learned:
            cached_paragraph_model(self.paragraph_model)


@register_stage
class CooperationStage(ConfiguredStage):
    """Finds who cooperates with whom, on what (see :mod:`thai_extract.text.cooperation.detector`).

    ``taxonomy``: a taxonomy TOML file (default ``models/cooperation/taxonomy.toml``); ``parties``:
    a party file (default ``models/cooperation/parties.toml``, or the taxonomy file itself when it
    has ``[[party]]`` tables). Uses ``doc.entities`` when an entity stage ran before it, its own
    party lexicon always. Adds a CooperationMention per area of each passage to ``doc.cooperation``
    and a CooperationEvent per passage to ``doc.cooperation_events`` (dated by ``doc.dates`` when
    the dates stage ran before it, else by the publication date). The learned paragraph model
    reviews the rules' passages unless ``learned=False`` (see :mod:`thai_extract.text.cooperation.paragraphs`).
    """

    name: ClassVar[str] = "cooperation"
    needs: ClassVar[frozenset[str]] = frozenset({SENTENCES})
    provides: ClassVar[frozenset[str]] = frozenset({COOPERATION})

    Config = CooperationConfig

    @property
    def tax(self) -> Taxonomy:
        return cached_taxonomy(self.settings.taxonomy, self.settings.parties)

    @property
    def model(self) -> ParagraphModel | None:
        return cached_paragraph_model(self.settings.paragraph_model) if self.settings.learned else None

    def __call__(self, doc: Document) -> Document:
        tax = self.tax
        passages = find_passages(detector_input(doc), tax, self.model)
        for m in (m for p in passages for m in p.mentions):
            doc.cooperation.append(CooperationMention(
                m.start, m.end, m.text, m.area, tax.parent(m.area), m.parties, tuple(tax.party_kind(c) for c in m.parties),
                m.score, m.work_start, m.work_end))
        # the events' dates: the date mentions of the dates stage, in working-text offsets
        working_dates = [replace(d, start=d.work_start, end=d.work_end) for d in doc.dates]
        for e in cooperation_events(passages, working_dates, doc.published):
            start, end = doc.to_original(e.start, e.end)
            doc.cooperation_events.append(CooperationEvent(
                start, end, e.text, e.parties, tuple(tax.party_kind(c) for c in e.parties), e.areas, e.kind,
                e.start_date, e.end_date, e.date_source, e.start, e.end))
        return doc


def detector_input(doc: Document) -> CooperationInput:
    """What the detector reads of ``doc``: its working text, sentences, tokens and entities."""
    return CooperationInput(
        doc.work, [(s.work_start, s.work_end) for s in doc.sentences], [(t.work_start, t.work_end) for t in doc.tokens],
        [EntitySpan(e.work_start, e.work_end, e.label, e.canonical) for e in doc.entities], doc.to_original)
