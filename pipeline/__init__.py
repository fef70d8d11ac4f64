"""thai-extract: structured records from raw Thai text.

>>> from pipeline import extract
>>> rows = extract("นายกรัฐมนตรีเยือนกรุงมอสโก")
>>> [t["text"] for t in rows["tokens"]]  # doctest: +SKIP
"""

from pipeline import _offline  # noqa: F401  (must run before any NLP library is imported)
from pipeline.api import extract
from pipeline.core import Pipeline
from pipeline.document import Document
from pipeline.loader import load, load_table
from pipeline.version import __version__

__all__ = ["Document", "Pipeline", "__version__", "extract", "load", "load_table"]
