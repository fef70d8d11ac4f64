"""Helpers shared by the benchmarks: where the development data is, and how to load it."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from thai_extract._offline import set_offline_environment  # noqa: E402

set_offline_environment()  # before pythainlp is imported

SHARED_DATA = ROOT.parent / "shared" / "data"


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (the benchmarks read ../shared/data)")
    return path


def dev_records(limit: int | None = None) -> list[dict]:
    """The records of thaigov_dev_1000.jsonl ``{id, title, body, date, ...}``, in file order."""
    with open(require(SHARED_DATA / "thaigov_dev_1000.jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, limit)]


def article_text(rec: dict) -> str:
    """An article's title and body as one text (title + "\\n" + body): what the label sets' offsets index."""
    return f"{rec.get('title') or ''}\n{rec['body']}"


def dev_news(limit: int | None = None) -> list[str]:
    """Title + body of each article of thaigov_dev_1000.jsonl."""
    return [article_text(rec) for rec in dev_records(limit)]


def _unlabeled_records() -> Iterator[dict]:
    """The records of thaigov_unlabeled.jsonl.gz ``{id, title, text, ...}``, in file order."""
    with gzip.open(require(SHARED_DATA / "thaigov_unlabeled.jsonl.gz"), "rt", encoding="utf-8") as fh:
        yield from map(json.loads, fh)


def unlabeled_news(limit: int) -> list[dict]:
    """The first ``limit`` records of thaigov_unlabeled.jsonl.gz."""
    return list(itertools.islice(_unlabeled_records(), limit))


def unlabeled_texts(ids: set[str]) -> dict[str, str]:
    """Title + "\\n" + text of the unlabeled articles with these ids (a label set may draw on them)."""
    if not ids:
        return {}
    return {rec["id"]: f"{rec.get('title') or ''}\n{rec.get('text') or ''}"
            for rec in _unlabeled_records() if rec["id"] in ids}


def _descendants_rss_mb(root: int) -> dict[int, float]:
    """Current RSS (MB) of ``root`` and every process below it, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [c for c, p in parents.items() if p == pid]
        tree.update(children)
        frontier.extend(children)
    rss = {}
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rss[pid] = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS")) / 1024
        except (OSError, StopIteration):
            continue
    return rss


def wait_sampling_peak_rss(proc: subprocess.Popen) -> float:
    """Wait for ``proc``; the largest RSS (MB) any process of its tree reached (sampled at 10 Hz)."""
    peak = 0.0
    while proc.poll() is None:
        peak = max([peak, *_descendants_rss_mb(proc.pid).values()])
        time.sleep(0.1)
    return peak
