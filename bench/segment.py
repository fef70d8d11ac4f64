"""Normalise + segment throughput against pythainlp (crfcut + newmm), memory, and --jobs scaling.

    python bench/segment.py              # everything (about 5 minutes on 2 cores)
    python bench/segment.py --skip-jobs  # throughput and memory only

1. One core, in process, on thaigov_dev_1000 (title + body): a plain loop of pythainlp
   ``sent_tokenize(engine="crfcut")`` + ``word_tokenize(engine="newmm")`` per sentence, against our
   normalise + segment stages over the same texts.
2. Peak memory of a worker: a fresh process runs the stages over the dev news (as a worker does).
3. ``thai-extract run --jobs 1`` against ``--jobs 2`` end to end (reading, Parquet writing included)
   on the first N articles of thaigov_unlabeled (large enough that start-up does not dominate).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, dev_news, unlabeled_news, wait_sampling_peak_rss

from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from tests.conftest import make_doc


def baseline(texts: list[str]) -> tuple[float, int, int]:
    from pythainlp.tokenize import sent_tokenize, word_tokenize

    sent_tokenize("ทดสอบ ระบบ", engine="crfcut")
    t0 = time.perf_counter()
    n_sent = n_tok = 0
    for text in texts:
        for sentence in sent_tokenize(text, engine="crfcut"):
            n_sent += 1
            n_tok += sum(1 for w in word_tokenize(sentence, engine="newmm") if not w.isspace())
    return time.perf_counter() - t0, n_sent, n_tok


def ours(texts: list[str]) -> tuple[float, int, int]:
    normalize, segment = NormalizeStage(), SegmentStage()
    segment(make_doc("ทดสอบ ระบบ"))  # model load outside the timing (measured separately)
    t0 = time.perf_counter()
    n_sent = n_tok = 0
    for i, text in enumerate(texts):
        doc = segment(normalize(make_doc(text, doc_id=str(i))))
        n_sent += len(doc.sentences)
        n_tok += len(doc.tokens)
    return time.perf_counter() - t0, n_sent, n_tok


WORKER_SCRIPT = """
import sys
sys.path[:0] = ["bench", "."]
from _common import dev_news
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from tests.conftest import make_doc
normalize, segment = NormalizeStage(), SegmentStage()
texts = dev_news()
for start in range(0, len(texts), 64):  # a worker holds one batch of 64 documents at a time
    batch = [segment(normalize(make_doc(t))) for t in texts[start:start + 64]]
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (larger) parent across fork + exec
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024)
"""


def worker_peak_memory() -> float:
    """Peak RSS (MB) of a fresh process that segments all dev news in batches, as a worker does."""
    out = subprocess.run([sys.executable, "-c", WORKER_SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def model_load_seconds() -> float:
    code = (
        "import sys, time; sys.path[:0] = ['.']; import pipeline;"
        "from thai_extract.stages.segment import SegmentStage; from tests.conftest import make_doc;"
        "t = time.perf_counter(); SegmentStage()(make_doc('ทดสอบ ระบบ')); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def cli_run(path: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds of one ``thai-extract run``, and its largest process's RSS (MB, sampled at 10 Hz)."""
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "run", str(path), "--out", str(out),
                             "--jobs", str(jobs), "--quiet"])
    peak = wait_sampling_peak_rss(proc)
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1: some inputs became errors rows (empty articles)
        raise SystemExit(f"thai-extract run failed with exit code {proc.returncode}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--jobs-articles", type=int, default=8000)
    args = parser.parse_args()

    texts = dev_news()
    chars = sum(map(len, texts))
    print(f"dev news: {len(texts)} articles, {chars:,} chars (title + body); one core, in process\n")
    b_sec, b_sent, b_tok = baseline(texts)
    o_sec, o_sent, o_tok = ours(texts)
    print(f"{'system':<38} {'seconds':>8} {'chars/s':>11} {'sentences':>10} {'tokens':>10}")
    print(f"{'pythainlp crfcut + newmm (loop)':<38} {b_sec:8.2f} {chars / b_sec:11,.0f} {b_sent:10,} {b_tok:10,}")
    print(f"{'thai-extract normalise + segment':<38} {o_sec:8.2f} {chars / o_sec:11,.0f} {o_sent:10,} {o_tok:10,}")
    print(f"speed-up: {b_sec / o_sec:.1f}x")
    print(f"model load (fresh process): {model_load_seconds():.2f} s")
    print(f"peak memory of a worker segmenting the dev news: {worker_peak_memory():.0f} MB")
    if args.skip_jobs:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.jsonl"
        records = unlabeled_news(args.jobs_articles)
        with open(path, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps({"id": rec["id"], "title": rec.get("title"), "text": rec["text"]}, ensure_ascii=False) + "\n")
        n_chars = sum(len(r["text"]) for r in records)
        print(f"\nthai-extract run on {len(records):,} unlabeled articles ({n_chars:,} chars), end to end:")
        times = {}
        for jobs in (1, 2):
            seconds, rss = cli_run(path, jobs)
            times[jobs] = seconds
            print(f"  --jobs {jobs}: {seconds:6.2f} s, {n_chars / seconds:11,.0f} chars/s, largest process {rss:.0f} MB")
        print(f"  --jobs 2 speed-up over --jobs 1: {times[1] / times[2]:.2f}x")


if __name__ == "__main__":
    main()
