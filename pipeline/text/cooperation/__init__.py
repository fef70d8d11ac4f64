"""Cooperation areas and parties (see :mod:`pipeline.text.cooperation.detector`)."""

from pipeline.text.cooperation.detector import AreaMention, find_cooperation
from pipeline.text.cooperation.taxonomy import Taxonomy, TaxonomyError, cached_taxonomy, load_taxonomy

__all__ = ["AreaMention", "Taxonomy", "TaxonomyError", "cached_taxonomy", "find_cooperation", "load_taxonomy"]
