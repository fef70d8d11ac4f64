"""The reader streams: peak memory while reading a large JSONL or JSON-array file (default 2 GB).

    python bench/stream.py [--gb 2] [--format jsonl|json]

Writes the dev news repeated with distinct ids to a temporary file of the given size (one record a
line, or one JSON array), reads it
through the same reader and batching the runner uses (hashing each document as ``ingest`` does),
and prints the peak memory (VmHWM) before and after reading.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

from _common import dev_records

from thai_extract.document import content_sha256
from thai_extract.io.readers import InputReader
from thai_extract.runner import batches


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gb", type=float, default=2.0)
    parser.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    args = parser.parse_args()
    records = dev_records()
    array = args.format == "json"
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"big.{args.format}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("[" if array else "")
            copy = 0
            while fh.tell() < args.gb * 1e9:
                for rec in records:
                    line = json.dumps({"id": f"{rec['id']}-{copy}", "title": rec["title"], "body": rec["body"]},
                                      ensure_ascii=False)
                    fh.write(("," if array and (copy or rec is not records[0]) else "") + line + "\n")
                copy += 1
            fh.write("]" if array else "")
        before = peak_mb()
        t0 = time.perf_counter()
        n = 0
        for batch in batches(InputReader().read([path])):
            for doc in batch:
                content_sha256(doc.text)
                n += 1
        print(f"{os.path.getsize(path) / 1e6:,.0f} MB, {n:,} documents read in {time.perf_counter() - t0:.1f} s; "
              f"peak memory {before:.0f} MB before reading, {peak_mb():.0f} MB after")


if __name__ == "__main__":
    main()
