"""thai-extract: structured records from raw Thai text.

>>> from thai_extract import extract
>>> rows = extract("นายกรัฐมนตรีเยือนกรุงมอสโก")
>>> [t["text"] for t in rows["tokens"]]  # doctest: +SKIP
"""

from thai_extract.api import correct, extract, extract_many, find_dates, segment, tag_entities
from thai_extract.core import Pipeline
from thai_extract.document import Document
from thai_extract.loader import load, load_table
from thai_extract.version import __version__

__all__ = ["Document", "Pipeline", "__version__", "correct", "extract", "extract_many", "find_dates", "load",
           "load_table", "segment", "tag_entities"]
