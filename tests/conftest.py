"""Shared fixtures. Tests are offline; those that read ../shared/data skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from thai_extract._offline import set_offline_environment
from thai_extract.document import Document

set_offline_environment()  # the tests import pythainlp directly in places

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE_ARTICLE = ROOT / "data" / "raw" / "sample_article.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``, or skip: a user's clone has no ``../shared``."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not here (development data only)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


def make_doc(text: str, doc_id: str = "doc-1") -> Document:
    """A Document built by hand, as the runner would build it from an input."""
    return Document(doc_id=doc_id, text=text, source="test")
