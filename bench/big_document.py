"""Does any stage cost more than linear time in the length of one document?

    python bench/big_document.py                 # the sample article repeated to 1, 2, 4 and 8 MB
    python bench/big_document.py --dev 1 4       # dev news bodies joined into one 1 MB and one 4 MB document

Each stage runs on one document of each size, in one process, after a warm-up. The table gives each
stage's seconds and the ratio of its time to that at the previous size: a stage that stays near the
size ratio (2 for doublings) is linear; one well above it grows faster (the cooperation stage once
grew about 2.8x per doubling, and a 20 MB document took 150 s to run).
"""

from __future__ import annotations

import argparse
import time

from _common import ROOT, dev_records

from thai_extract.core import Pipeline
from thai_extract.document import Document
from thai_extract.registry import build_stages


def build_text(unit: str, megabytes: float) -> str:
    """``unit`` repeated, one per paragraph, to at least ``megabytes`` of UTF-8."""
    copies = int(megabytes * 1_000_000 // len(unit.encode("utf-8"))) + 1
    return (unit + "\n") * copies


def stage_seconds(pipeline: Pipeline, text: str) -> dict[str, float]:
    doc = Document(doc_id="big", text=text, source="bench")
    seconds = {}
    for stage in pipeline.stages:
        started = time.perf_counter()
        doc = stage(doc)
        seconds[stage.name] = time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 2, 4, 8], help="document sizes in MB")
    parser.add_argument("--dev", action="store_true", help="join dev news bodies (../shared/data) instead of "
                                                           "repeating the sample article")
    args = parser.parse_args()
    if args.dev:
        unit = "\n".join(r["body"] for r in dev_records(40))  # about 300 kB
    else:
        unit = (ROOT / "data" / "raw" / "sample_article.txt").read_text(encoding="utf-8")
    pipeline = Pipeline(build_stages())
    pipeline.warm_up()
    stage_seconds(pipeline, unit)  # the caches every later run finds warm
    previous: dict[str, float] | None = None
    previous_chars = 0
    for mb in args.sizes:
        text = build_text(unit, mb)
        seconds = stage_seconds(pipeline, text)
        total = sum(seconds.values())
        cells = []
        for name, s in seconds.items():
            growth = f" (x{s / previous[name]:.1f})" if previous and previous[name] > 0 else ""
            cells.append(f"{name} {s:.2f}s{growth}")
        size_ratio = f" (x{len(text) / previous_chars:.1f})" if previous_chars else ""
        print(f"{mb:g} MB, {len(text):,} chars{size_ratio}: {total:.1f} s, {len(text) / total:,.0f} chars/s | "
              + ", ".join(cells), flush=True)
        previous, previous_chars = seconds, len(text)


if __name__ == "__main__":
    main()
