"""Cooperation areas and parties (see :mod:`thai_extract.text.cooperation.detector`)."""

from thai_extract.text.cooperation.detector import AreaMention, find_cooperation
from thai_extract.text.cooperation.taxonomy import Taxonomy, TaxonomyError, cached_taxonomy, load_taxonomy

__all__ = ["AreaMention", "Taxonomy", "TaxonomyError", "cached_taxonomy", "find_cooperation", "load_taxonomy"]
