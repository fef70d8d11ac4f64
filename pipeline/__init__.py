"""thai-extract: structured records from raw Thai text.

>>> from thai_extract import extract
>>> rows = extract("นายกรัฐมนตรีเยือนกรุงมอสโก")
>>> [t["text"] for t in rows["tokens"]]  # doctest: +SKIP
"""

from typing import Any

from thai_extract.api import correct, extract, extract_many, find_dates, segment, tag_entities
from thai_extract.core import Pipeline
from thai_extract.document import Document
from thai_extract.version import __version__

__all__ = ["Document", "Pipeline", "__version__", "correct", "extract", "extract_many", "find_dates", "load",
           "load_table", "segment", "tag_entities"]


def __getattr__(name: str) -> Any:
    """``load`` and ``load_table`` import pandas (0.2-0.4 s): only when first asked for, so that
    ``thai-extract run`` and its workers never import it."""
    if name in ("load", "load_table"):
        from thai_extract import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'thai_extract' has no attribute {name!r}")
