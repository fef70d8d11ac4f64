"""Whole-pipeline throughput against the peer pipeline a Thai NLP user would assemble, in one run.

    python bench/pipeline.py                              # 1,000 dev articles, 3 runs each (~12 min, 2 cores)
    python bench/pipeline.py --limit 300 --repeat 1 --skip-jobs   # a quick look (~2 min)
    python bench/pipeline.py --baseline ../other/.venv/bin/python # before and after, interleaved in one run

Every system is a whole process pinned to one core (``taskset -c 0``) over the bodies of the same
first ``--limit`` articles of ../shared/data/thaigov_dev_1000.jsonl:

- ours: ``thai-extract run FILE --jobs 1`` (start-up, reading, every stage, Parquet writing) with
  the default config, and with a normalise + segment only config;
- the peer: a JSONL loop of pythainlp ``sent_tokenize(engine="crfcut")``, ``word_tokenize(engine=
  "newmm")`` per sentence, the ThaiNER 1.5.1 CRF shipped in pythainlp (loaded with python-crfsuite,
  fed the features of ``thai_extract.eval.ner.ThaiNER151`` over the newmm words and their ORCHID
  perceptron tags), symspellpy (built from the wheel's ``tnc_freq.txt``) on every Thai word missing
  from pythainlp's word list, and dateparser ``search_dates(languages=["th"])`` per article.

Figures: chars/s by CPU time (user + sys of the process: what one core delivers, and the steadier
figure on a shared machine) and by wall time, as medians of ``--repeat`` runs; peak RSS; start-up
(imports + model loads) of a fresh process; each stage's share when the stages run alone in one
process; the time outside stages (start-up, reading, and what remains: row building, Arrow, Parquet
writing, commit); and ``--jobs 2`` (``taskset -c 0,1``) against ``--jobs 1`` (wall time).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT, SHARED_DATA, _descendants_rss_mb, require

DEV = SHARED_DATA / "thaigov_dev_1000.jsonl"
SEGMENT_ONLY = '[pipeline]\nstages = ["normalize", "segment"]\n'
TARGETS = {"chars_per_s": 200_000, "vs_peer": 6.0, "jobs2": 1.8, "startup_s": 1.5, "worker_mb": 600}


# ---- measuring a whole process --------------------------------------------------------------
@dataclass
class Measured:
    wall: float
    cpu: float  # user + sys of the process and the children it waited for
    maxrss_mb: float  # the process's own peak (ru_maxrss)
    largest_mb: float  # the largest process of its tree, sampled at 5 Hz (the workers with --jobs 2)


def measure(cmd: list[str]) -> Measured:
    """Run ``cmd`` to the end; its wall and CPU seconds and peak memory."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    largest = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        largest = max([largest, *_descendants_rss_mb(proc.pid).values()])
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: some inputs became errors rows (empty articles)
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, max(largest, usage.ru_maxrss / 1024))


def median_of(runs: list[Measured]) -> Measured:
    return Measured(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "maxrss_mb", "largest_mb")))


def pinned(cores: str, *cmd: str) -> list[str]:
    return ["taskset", "-c", cores, *cmd]


@dataclass(frozen=True)
class Version:
    """A checkout of thai-extract to measure, by the Python of its virtual environment."""

    name: str
    python: str

    def run_cmd(self, path: Path, jobs: int, config: Path | None = None) -> list[str]:
        out = tempfile.mkdtemp(prefix="bench-pipeline-")
        cmd = [str(Path(self.python).with_name("thai-extract")), "run", str(path), "--out", out,
               "--jobs", str(jobs), "--quiet"]
        return cmd + (["--config", str(config)] if config else [])


def child_json(version: Version, *args: str) -> dict:
    """Run one of this file's own subcommands with ``version``'s Python, pinned to one core; its answer."""
    with tempfile.NamedTemporaryFile(suffix=".json") as fh:
        subprocess.run(pinned("0", version.python, __file__, *args, "--json", fh.name), cwd=ROOT, check=True)
        return json.loads(Path(fh.name).read_text())


# ---- subcommands run in their own processes ------------------------------------------------
def bodies(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def run_peer(path: Path) -> dict:
    """The peer pipeline over ``path``: start-up, then every article; seconds of each part."""
    t0 = time.perf_counter()
    import importlib.util
    import warnings

    from _common import set_offline_environment

    set_offline_environment()
    from dateparser.search import search_dates
    from pythainlp.corpus import thai_words
    from pythainlp.tag import pos_tag
    from pythainlp.tokenize import sent_tokenize, word_tokenize
    from symspellpy import SymSpell, Verbosity

    from thai_extract.eval.ner import _ORCHID_TO_LST20, ThaiNER151

    spec = importlib.util.find_spec("pythainlp")
    assert spec is not None and spec.origin is not None
    ner = ThaiNER151()
    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    sym.load_dictionary(str(Path(spec.origin).parent / "corpus" / "tnc_freq.txt"),
                        term_index=0, count_index=1, separator="\t", encoding="utf-8")
    dictionary = thai_words()
    warnings.simplefilter("ignore")

    def process(text: str) -> int:
        found = 0
        for sentence in sent_tokenize(text, engine="crfcut"):
            words = [w for w in word_tokenize(sentence, engine="newmm") if not w.isspace()]
            if not words:
                continue
            tags = [_ORCHID_TO_LST20.get(p, "NN") for _, p in pos_tag(words, engine="perceptron", corpus="orchid")]
            found += sum(lab != "O" for lab in ner.tagger.tag(ner._features(list(zip(words, tags)))))
            for w in words:
                if "\u0e00" <= w[0] <= "\u0e7f" and w not in dictionary:
                    found += len(sym.lookup(w, Verbosity.TOP, max_edit_distance=2))
        return found + len(search_dates(text, languages=["th"]) or [])

    process("วันที่ 26 มิถุนายน 2568 นายกรัฐมนตรีเดินทางไปกรุงมอสโก")  # every model loaded
    startup = time.perf_counter() - t0
    t1 = time.perf_counter()
    chars = 0
    for rec in bodies(path):
        text = rec.get("body") or ""
        chars += len(text)
        if text:
            process(text)
    return {"startup": startup, "seconds": time.perf_counter() - t1, "chars": chars}


class _Timed:
    """A stage that adds the CPU seconds of its calls to ``seconds[name]``."""

    def __init__(self, stage, seconds: dict[str, float]) -> None:
        self.stage, self.seconds = stage, seconds
        seconds.setdefault(stage.name, 0.0)

    def __getattr__(self, name: str):
        return getattr(self.stage, name)

    def __call__(self, doc):
        t = time.process_time()
        try:
            return self.stage(doc)
        finally:
            self.seconds[self.stage.name] += time.process_time() - t


def run_instrumented(path: Path) -> dict:
    """``thai-extract run PATH --jobs 1`` in this process: CPU seconds of the interpreter start and
    imports, the model loads (the warm-up), each stage, and the whole process; the rest of the run
    is reading, rows, Arrow and writing (reading is measured again alone)."""
    clock = time.process_time  # CPU seconds since the process started: steadier than wall time here
    from thai_extract import cli
    from thai_extract.core import Pipeline
    from thai_extract.document import Document
    from thai_extract.io.readers import InputReader

    imports = clock()
    seconds: dict[str, float] = {}
    build, warm_up = Pipeline.from_config.__func__, Pipeline.warm_up
    loads = []

    def timed_build(cls, config=None):
        pipeline = build(cls, config)
        pipeline.stages = [_Timed(stage, seconds) for stage in pipeline.stages]
        return pipeline

    def timed_warm_up(self):
        t = clock()
        warm_up(self)
        loads.append(clock() - t)
        seconds.update(dict.fromkeys(seconds, 0.0))

    Pipeline.from_config = classmethod(timed_build)
    Pipeline.warm_up = timed_warm_up
    out = tempfile.mkdtemp(prefix="bench-pipeline-")
    sys.argv = ["thai-extract", "run", str(path), "--out", out, "--jobs", "1", "--quiet"]
    try:
        cli.main()
    except SystemExit as exc:
        if exc.code not in (0, 1, None):
            raise
    total = clock()
    t = clock()
    docs = [d for d in InputReader().read([str(path)]) if isinstance(d, Document)]
    return {"imports": imports, "load": sum(loads), "stages": seconds, "total": total, "read": clock() - t,
            "chars": sum(len(d.text) for d in docs)}


# What ``thai-extract run`` does before its first document: imports, then model loads (a fresh
# interpreter, without this file's imports).
STARTUP_PROBE = """
import json, sys, time
t0 = time.process_time()
import thai_extract.cli
from thai_extract.core import Pipeline
t1 = time.process_time()
Pipeline.from_config({}).warm_up()
t2 = time.process_time()
open(sys.argv[1], "w").write(json.dumps({"imports": t1 - t0, "load": t2 - t1}))
"""


def measure_startup(version: Version, repeat: int) -> dict:
    """Start-up of a fresh pinned process, interpreter start included (medians; wall and CPU seconds)."""
    runs = []
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile(suffix=".json") as fh:
            m = measure(pinned("0", version.python, "-c", STARTUP_PROBE, fh.name))
            runs.append({**json.loads(Path(fh.name).read_text()), "process": m.wall, "cpu": m.cpu})
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


# ---- the report -------------------------------------------------------------------------------
def row(name: str, m: Measured, chars: int) -> str:
    return (f"{name:<48} {m.cpu:7.2f} {m.wall:7.2f} {chars / m.cpu:10,.0f} {chars / m.wall:10,.0f} "
            f"{m.maxrss_mb:7.0f}")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report_version(version: Version, data: Path, chars: int, runs: dict[str, list[Measured]], args) -> dict:
    """Start-up, stage shares, time outside stages and --jobs scaling of one version; what the targets need."""
    ours = median_of(runs[version.name])
    print(f"\n== {version.name} ({version.python})")
    startup = measure_startup(version, max(args.repeat, 3))
    print(f"start-up of a fresh process (imports + model loads): {startup['process']:.2f} s wall, "
          f"{startup['cpu']:.2f} s cpu = imports {startup['imports']:.2f} + model loads {startup['load']:.2f} "
          f"+ interpreter {startup['cpu'] - startup['imports'] - startup['load']:.2f}")
    run = child_json(version, "_run", str(data))
    total = sum(run["stages"].values())
    print(f"inside one `run --jobs 1` on one core ({run['total']:.2f} s cpu):")
    print(f"  {'part':<40} {'seconds':>8} {'share':>6} {'chars/s':>11}")
    parts = {"interpreter start + imports": run["imports"], "model loads (warm-up)": run["load"],
             **{f"stage {name}": sec for name, sec in run["stages"].items()},
             "reading (measured alone)": run["read"],
             "rows, Arrow, Parquet, commit (the rest)": run["total"] - run["imports"] - run["load"] - total - run["read"]}
    for name, seconds in parts.items():
        print(f"  {name:<40} {seconds:8.2f} {seconds / run['total']:6.1%} {chars / max(seconds, 1e-9):11,.0f}")
    print(f"  stages alone: {total:.2f} s = {chars / total:,.0f} chars/s; shares of the stage time: "
          + ", ".join(f"{name} {sec / total:.0%}" for name, sec in run["stages"].items()))
    jobs2 = None
    if not args.skip_jobs:
        one, two = [], []
        for _ in range(args.repeat):
            one.append(measure(pinned("0,1", *version.run_cmd(data, 1))))
            two.append(measure(pinned("0,1", *version.run_cmd(data, 2))))
        m1, m2 = median_of(one), median_of(two)
        jobs2 = m1.wall / m2.wall
        print(f"--jobs 2 against --jobs 1 (taskset -c 0,1, wall): {m1.wall:.2f} s -> {m2.wall:.2f} s = {jobs2:.2f}x; "
              f"largest process with --jobs 2: {m2.largest_mb:.0f} MB")
    return {"startup": startup, "jobs2": jobs2, "ours": ours}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="first N dev articles (default all 1,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each whole process; medians are reported")
    parser.add_argument("--baseline", metavar="PYTHON",
                        help="also measure another checkout, by its venv's python (.../.venv/bin/python), in the same run")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true")
    args = parser.parse_args()

    require(DEV)
    if subprocess.run(["taskset", "-c", "0", "true"]).returncode:
        sys.exit("taskset is needed to pin each process to one core")
    versions = [Version("this checkout", sys.executable)]
    if args.baseline:
        versions.append(Version("baseline", args.baseline))
    tmp = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    data = tmp / "dev.jsonl"
    with open(DEV, encoding="utf-8") as fh:
        data.write_text("".join(line for _, line in zip(range(args.limit), fh)), encoding="utf-8")
    segment_only = tmp / "segment.toml"
    segment_only.write_text(SEGMENT_ONLY)
    records = bodies(data)
    chars = sum(len(r.get("body") or "") for r in records)
    print(f"{len(records):,} dev articles, {chars:,} chars (bodies); each system a whole process on one core "
          f"(taskset -c 0); medians of {args.repeat} runs; load average at start {os.getloadavg()[0]:.2f} on "
          f"{os.cpu_count()} cores (a shared machine: figures vary by 10-20 % between runs)\n")

    runs: dict[str, list[Measured]] = {}
    peer_parts = []
    for _ in range(args.repeat):  # interleaved, so that a noisy stretch hits every system alike
        for v in versions:
            runs.setdefault(v.name, []).append(measure(pinned("0", *v.run_cmd(data, 1))))
            runs.setdefault(v.name + " segment", []).append(measure(pinned("0", *v.run_cmd(data, 1, segment_only))))
        if not args.skip_peer:
            with tempfile.NamedTemporaryFile(suffix=".json") as fh:
                runs.setdefault("peer", []).append(
                    measure(pinned("0", sys.executable, __file__, "_peer", str(data), "--json", fh.name)))
                peer_parts.append(json.loads(Path(fh.name).read_text()))
    print(f"{'whole process':<48} {'cpu s':>7} {'wall s':>7} {'chars/s':>10} {'chars/s':>10} {'peak MB':>7}")
    print(f"{'':<48} {'':>7} {'':>7} {'(cpu)':>10} {'(wall)':>10}")
    peer = median_of(runs["peer"]) if "peer" in runs else None
    if peer:
        print(row("peer (crfcut+newmm+ThaiNER+symspell+dateparser)", peer, chars))
    for v in versions:
        print(row(f"{v.name}: run --jobs 1, all stages", median_of(runs[v.name]), chars))
        print(row(f"{v.name}: run --jobs 1, normalise+segment", median_of(runs[v.name + " segment"]), chars))
    if peer:
        print(f"peer start-up (imports + model loads): {statistics.median(p['startup'] for p in peer_parts):.2f} s")
        for v in versions:
            print(f"{v.name} / peer (cpu): {peer.cpu / median_of(runs[v.name]).cpu:.1f}x all stages, "
                  f"{peer.cpu / median_of(runs[v.name + ' segment']).cpu:.1f}x normalise+segment")
    if len(versions) > 1:
        for kind in ("", " segment"):
            a, b = median_of(runs[versions[0].name + kind]), median_of(runs[versions[1].name + kind])
            print(f"this checkout / baseline{kind or ' all stages'} (cpu): {b.cpu / a.cpu:.2f}x")
    found = [report_version(v, data, chars, runs, args) for v in versions]

    this = found[0]
    ours, startup = this["ours"], this["startup"]
    print("\ntargets (issue 15), this checkout:")
    print(f"  >= {TARGETS['chars_per_s']:,} chars/s per core, whole process: {chars / ours.cpu:,.0f} "
          f"({verdict(chars / ours.cpu >= TARGETS['chars_per_s'])})")
    if peer:
        ratio = peer.cpu / ours.cpu
        print(f"  >= {TARGETS['vs_peer']}x the peer: {ratio:.1f}x ({verdict(ratio >= TARGETS['vs_peer'])})")
    if this["jobs2"] is not None:
        print(f"  --jobs 2 >= {TARGETS['jobs2']}x: {this['jobs2']:.2f}x ({verdict(this['jobs2'] >= TARGETS['jobs2'])})")
    print(f"  start-up <= {TARGETS['startup_s']} s: {startup['process']:.2f} s wall, {startup['cpu']:.2f} s cpu "
          f"({verdict(startup['cpu'] <= TARGETS['startup_s'])} by cpu)")
    print(f"  <= {TARGETS['worker_mb']} MB per worker: {ours.maxrss_mb:.0f} MB "
          f"({verdict(ours.maxrss_mb <= TARGETS['worker_mb'])})")


def subcommand() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["_peer", "_run"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args()
    result = run_peer(args.path) if args.command == "_peer" else run_instrumented(args.path)
    args.json.write_text(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        subcommand()
    else:
        main()
