"""Cooperation areas, parties and events (see :mod:`thai_extract.text.cooperation.detector`)."""

from thai_extract.text.cooperation.detector import (
    AreaMention,
    CooperationInput,
    EntitySpan,
    Passage,
    find_cooperation,
    find_passages,
)
from thai_extract.text.cooperation.events import CooperationEvent, cooperation_events
from thai_extract.text.cooperation.paragraphs import ParagraphModel, cached_paragraph_model
from thai_extract.text.cooperation.taxonomy import (
    Taxonomy,
    TaxonomyError,
    area_parent,
    cached_taxonomy,
    load_taxonomy,
    party_kinds,
)

__all__ = ["AreaMention", "CooperationEvent", "CooperationInput", "EntitySpan", "ParagraphModel", "Passage",
           "Taxonomy", "TaxonomyError", "area_parent", "cached_paragraph_model", "cached_taxonomy",
           "cooperation_events", "find_cooperation", "find_passages", "load_taxonomy", "party_kinds"]
