"""Helpers shared by the benchmarks: where the development data is, and how to load it."""

from __future__ import annotations

import gzip
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import pipeline  # noqa: E402,F401  (offline switches before pythainlp is imported)

SHARED_DATA = ROOT.parent / "shared" / "data"


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (the benchmarks read ../shared/data)")
    return path


def dev_news(limit: int | None = None) -> list[str]:
    """Title + body of each article of thaigov_dev_1000.jsonl."""
    texts = []
    with open(require(SHARED_DATA / "thaigov_dev_1000.jsonl"), encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            rec = json.loads(line)
            texts.append(f"{rec.get('title') or ''}\n{rec['body']}")
    return texts


def unlabeled_news(limit: int) -> list[dict]:
    """The first ``limit`` records of thaigov_unlabeled.jsonl.gz."""
    with gzip.open(require(SHARED_DATA / "thaigov_unlabeled.jsonl.gz"), "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, limit)]
