"""Scheduled-ingestion figures: --jobs scaling, the cost of a no-op re-ingest, and flat memory.

    python bench/ingest.py [--copies 10]

1. 10,000 documents (the dev news repeated with distinct ids) ingested into fresh folders with
   ``--jobs 1`` and ``--jobs 2`` (the default pipeline, end to end).
2. The same ingest again over the full output: every document is skipped (read and hashed only).
   And the same with ``--engine dask`` on a LocalCluster of 2 workers.
3. Peak memory against input size: the largest process's RSS for 1x and 3x the input (light stages,
   to keep it short), to show that input is streamed (memory does not grow with the file).

    python bench/ingest.py --stream-gb 2

instead ingests one file of that size (the dev news repeated; normalisation only, ``--jobs 2``)
and prints its time and the largest process's peak memory: a whole ingest, not only the reader,
in the memory of a small one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, dev_records, wait_sampling_peak_rss


def write_copies(path: Path, copies: int) -> tuple[int, int]:
    """The dev news ``copies`` times with distinct ids; returns (documents, characters)."""
    records = dev_records()
    n = chars = 0
    with open(path, "w", encoding="utf-8") as fh:
        for copy in range(copies):
            for rec in records:
                fh.write(json.dumps({"id": f"{rec['id']}-{copy}", "title": rec["title"], "body": rec["body"],
                                     "date": rec["date"]}, ensure_ascii=False) + "\n")
                n += 1
                chars += len(rec["body"])
    return n, chars


def ingest(src: Path, out: Path, jobs: int, *extra: str) -> tuple[float, float]:
    """Wall seconds and largest process RSS (MB) of one ``thai-extract ingest``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "ingest", str(src), "--out", str(out),
                             "--jobs", str(jobs), "--quiet", *extra])
    peak = wait_sampling_peak_rss(proc)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed with exit code {proc.returncode}")
    return time.perf_counter() - t0, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--stream-gb", type=float, default=0.0, help="only: ingest one file of this size")
    args = parser.parse_args()
    if args.stream_gb:
        return stream(args.stream_gb)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "news.jsonl"
        n, chars = write_copies(src, args.copies)
        print(f"input: {n:,} documents, {chars:,} chars, {src.stat().st_size / 1e6:.0f} MB\n")
        t1, m1 = ingest(src, tmp / "out1", 1)
        t2, m2 = ingest(src, tmp / "out2", 2)
        print(f"ingest --jobs 1: {t1:7.1f} s  {n / t1:7.1f} docs/s  largest process {m1:5.0f} MB")
        print(f"ingest --jobs 2: {t2:7.1f} s  {n / t2:7.1f} docs/s  largest process {m2:5.0f} MB")
        print(f"--jobs 2 speed-up: {t1 / t2:.2f}x")
        t5, m5 = ingest(src, tmp / "out_dask", 2, "--engine", "dask")
        print(f"ingest --engine dask (LocalCluster, 2 workers): {t5:7.1f} s  {n / t5:7.1f} docs/s  "
              f"({100 * (t2 / t5):.0f}% of --jobs 2 throughput), largest process {m5:5.0f} MB")
        t3, m3 = ingest(src, tmp / "out2", 2)
        print(f"re-ingest over the full output (--jobs 2): {t3:.1f} s = {100 * t3 / t2:.1f}% of the full run, "
              f"largest process {m3:.0f} MB")
        # memory against input size: the runner's streaming, so the light stages keep this short
        light = tmp / "light.toml"
        light.write_text('[pipeline]\nstages = ["normalize", "segment", "dates"]\n')
        sizes = {}
        for factor in (1, 3):
            path = tmp / f"news{factor}x.jsonl"
            n_docs, _ = write_copies(path, factor * args.copies)
            seconds, peak = ingest(path, tmp / f"out{factor}x", 2, "--config", str(light))
            sizes[factor] = (n_docs, path.stat().st_size / 1e6, seconds, peak)
            path.unlink()
        for factor, (n_docs, mb, seconds, peak) in sizes.items():
            print(f"{factor}x input ({n_docs:,} documents, {mb:.0f} MB; normalise + segment + dates), --jobs 2: "
                  f"{seconds:.1f} s, largest process {peak:.0f} MB")


def stream(gb: float) -> None:
    """Ingest a file of ``gb`` gigabytes with normalisation only; print time and peak memory."""
    copies = max(1, round(gb * 1e9 / (8.3e6 * 1.05)))  # the dev news is ~8.3 MB a copy as JSONL
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "big.jsonl"
        n, chars = write_copies(src, copies)
        config = tmp / "normalize.toml"
        config.write_text('[pipeline]\nstages = ["normalize"]\n')
        size = src.stat().st_size / 1e9
        seconds, peak = ingest(src, tmp / "out", 2, "--config", str(config))
        print(f"{size:.2f} GB input ({n:,} documents, {chars:,} chars), normalise only, --jobs 2: "
              f"{seconds:.0f} s, largest process {peak:.0f} MB")


if __name__ == "__main__":
    main()
