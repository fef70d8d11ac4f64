"""Same rows in every table? Snapshot the output on the 1,000 dev articles, and compare two snapshots.

    python bench/identical.py snapshot DIR [--jobs 2] [--limit N]   # thai-extract run on the dev news into DIR
    python bench/identical.py compare BEFORE AFTER                  # exit 1 and a diff summary if any table differs

A refactor proves itself with this: snapshot before, snapshot after, compare. Columns that name the
run (run_id, processed_at, pipeline_version) are left out; rows are compared as sorted sets, so a
change of row order within a table is reported separately from a change of content.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "thaigov_dev_1000.jsonl"
RUN_COLUMNS = ["run_id", "processed_at", "pipeline_version"]


def snapshot(out: Path, jobs: int, limit: int | None) -> None:
    if not DEV.is_file():
        sys.exit(f"dev data not found: {DEV}")
    source = DEV
    if limit:
        tmp = Path(tempfile.mkdtemp()) / "dev.jsonl"
        tmp.write_text("".join(DEV.read_text(encoding="utf-8").splitlines(keepends=True)[:limit]), encoding="utf-8")
        source = tmp
    exe = Path(sys.executable).with_name("thai-extract")
    cmd = [str(exe), "run", str(source), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    result = subprocess.run(cmd + ["--mode", "overwrite"] if _has_mode(exe) else cmd)
    if result.returncode not in (0, 1):
        sys.exit(f"thai-extract run failed with exit {result.returncode}")


def _has_mode(exe: Path) -> bool:
    return "--mode" in subprocess.run([str(exe), "run", "--help"], capture_output=True, text=True).stdout


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in RUN_COLUMNS if c in frame.columns])
    as_text = frame.map(lambda v: json.dumps(v.tolist() if hasattr(v, "tolist") else v, ensure_ascii=False, default=str))
    return as_text


def compare(before: Path, after: Path) -> int:
    differ = 0
    tables = sorted({p.name for p in before.iterdir() if p.is_dir() and not p.name.startswith("_")}
                    | {p.name for p in after.iterdir() if p.is_dir() and not p.name.startswith("_")})
    for table in tables:
        if not (before / table).is_dir() or not (after / table).is_dir():
            print(f"{table:12} only in {'after' if (after / table).is_dir() else 'before'}")
            differ += 1
            continue
        a = _canonical(pd.read_parquet(before / table))
        b = _canonical(pd.read_parquet(after / table))
        if list(a.columns) != list(b.columns):
            print(f"{table:12} columns differ: {list(a.columns)} vs {list(b.columns)}")
            common = [c for c in a.columns if c in b.columns]
            a, b = a[common], b[common]
            differ += 1
        rows_a = ["\t".join(r) for r in a.itertuples(index=False)]
        rows_b = ["\t".join(r) for r in b.itertuples(index=False)]
        only_a, only_b = Counter(rows_a) - Counter(rows_b), Counter(rows_b) - Counter(rows_a)
        lost, gained = sum(only_a.values()), sum(only_b.values())
        same_order = lost == gained == 0 and rows_a == rows_b
        status = "identical" if same_order else ("same rows, other order" if lost == gained == 0 else "DIFFERENT")
        print(f"{table:12} {len(a):>8} -> {len(b):>8} rows  {status}" + (f"  (-{lost} +{gained})" if lost or gained else ""))
        if lost or gained:
            differ += 1
            for row in list(only_a)[:3]:
                print(f"    - {row[:300]}")
            for row in list(only_b)[:3]:
                print(f"    + {row[:300]}")
    print("all tables identical" if not differ else f"{differ} table(s) differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out", type=Path)
    snap.add_argument("--jobs", type=int, default=2)
    snap.add_argument("--limit", type=int)
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.jobs, args.limit)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
