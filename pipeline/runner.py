"""The runner: read inputs, process batches (in a process pool or on Dask), write Parquet, summarise.

The runner knows nothing of what a stage does: it hands batches of Documents to a Pipeline and
writes the rows that come back. Order is kept: output rows follow input order. One id is one
document within a run: a second record with an id already seen is skipped when it is an exact
copy, and becomes an E109 errors row when its text differs.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from thai_extract.core import Pipeline
from thai_extract.document import Document, Failure, content_sha256
from thai_extract.errors import ErrorCode, ThaiExtractError, format_message
from thai_extract.io.output import COMMIT_POINT_TABLE, OutputFolder
from thai_extract.io.readers import MAX_DOCUMENT_MB, FieldNames, InputReader
from thai_extract.io.schemas import TABLES
from thai_extract.io.writer import DatasetWriter, new_run_id, to_arrow
from thai_extract.tables import RowBuilder
from thai_extract.version import __version__

DEFAULT_BATCH_DOCS = 64
DEFAULT_BATCH_CHARS = 1_000_000
DEFAULT_COMMIT_DOCS = 10_000
WORKER_CHECK_SECONDS = 1.0  # how often a wait for a batch makes sure its workers are alive
ENGINES = ("local", "dask")
MODES = ("error", "append", "overwrite", "ignore")
"""What ``run`` does with an output folder that already holds output: refuse (the default), add a
run beside what is there, replace what is there, or do nothing (the names of Spark's write modes)."""
ERROR_SAMPLES = 10


@dataclass
class BatchResult:
    """What a worker sends back for one batch: rows and counts (plain data, cheap to pickle)."""

    rows: dict[str, pa.Table]
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    chars: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass
class RunSummary:
    """Counts and timing of one run, for the summary table, ``--summary-json`` and callers."""

    run_id: str
    out_dir: Path
    command: str = "run"
    status: str = "running"
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    chars: int = 0
    errors: int = 0
    skipped: int = 0
    duplicates: int = 0
    unsupported: int = 0
    seconds: float = 0.0
    jobs: int = 1
    bytes_read: int = 0
    rows_written: dict[str, int] = field(default_factory=dict)
    errors_by_reason: Counter = field(default_factory=Counter)
    error_samples: list[Failure] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    @property
    def manifest(self) -> Path:
        """The run's entry in the output folder's manifest."""
        return OutputFolder(self.out_dir).runs / f"{self.run_id}.json"

    def add_failures(self, failures: Iterable[Failure]) -> None:
        for failure in failures:
            self.errors += 1
            self.errors_by_reason[failure.reason] += 1
            if len(self.error_samples) < ERROR_SAMPLES:
                self.error_samples.append(failure)

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-able values (what ``--summary-json`` writes)."""
        return {
            "command": self.command, "status": self.status, "run_id": self.run_id,
            "output": str(self.out_dir.resolve()), "manifest": str(self.manifest.resolve()),
            "documents": self.documents, "sentences": self.sentences, "tokens": self.tokens,
            "characters": self.chars, "errors": self.errors, "errors_by_reason": dict(sorted(self.errors_by_reason.items())),
            "skipped_already_there": self.skipped, "skipped_duplicates": self.duplicates,
            "skipped_unsupported_files": self.unsupported, "rows": dict(self.rows_written),
            "seconds": round(self.seconds, 3), "chars_per_second": round(self.chars_per_second),
            "jobs": self.jobs,
            "first_errors": [{"source": f.source, "reason": f.reason, "stage": f.stage, "detail": f.detail.splitlines()[0]}
                             for f in self.error_samples],
        }


class PipelineStartError(ThaiExtractError, RuntimeError):
    """A stage could not load its resources (model file, optional extra) before the run began."""


class FailFastError(ThaiExtractError, RuntimeError):
    """Raised with ``fail_fast`` at the first input or document that fails."""


class OutputExistsError(ThaiExtractError, FileExistsError):
    """``run`` in mode "error" on an output folder that already holds output."""


# -- worker side -----------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}
GC_YOUNG_THRESHOLD = 10_000  # allocations between collections of the youngest generation (Python's default: 700)


def collect_less() -> None:
    """Let the cyclic garbage collector run less often in this process (never more often than
    already set). The models hold millions of long-lived objects, and the default thresholds made
    the collector rescan them all some 20 times in a run of the 1,000 dev articles: about a tenth
    of the CPU time; the results are the same."""
    young, middle, old = gc.get_threshold()
    if 0 < young < GC_YOUNG_THRESHOLD:
        gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """:func:`collect_less` for the duration of a block; the caller's thresholds come back after it."""
    saved = gc.get_threshold()
    collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _init_worker(pipeline: Pipeline, run_id: str, processed_at: dt.datetime, main_pid: int) -> None:
    from thai_extract._worker_guard import guard_worker

    guard_worker(main_pid)
    collect_less()  # a worker process is ours alone
    _WORKER.update(pipeline=pipeline, run_id=run_id, processed_at=processed_at)


def process_batch(pipeline: Pipeline, docs: list[Document], run_id: str,
                  processed_at: dt.datetime) -> BatchResult:
    """Run ``pipeline`` over ``docs`` and turn the results into rows (the unit of parallel work)."""
    builder = RowBuilder(run_id, processed_at)
    result = BatchResult(rows={})
    for item in pipeline.process_batch(docs):
        if isinstance(item, Failure):
            builder.add_failure(item)
            result.failures.append(item)
            continue
        builder.add_document(item)
        result.documents += 1
        result.sentences += len(item.sentences)
        result.tokens += len(item.tokens)
        result.chars += len(item.text)
    result.rows = to_arrow(builder.take())
    return result


def _process_in_worker(docs: list[Document]) -> BatchResult:
    return process_batch(_WORKER["pipeline"], docs, _WORKER["run_id"], _WORKER["processed_at"])


def _warm_up_in_worker() -> None:
    _WORKER["pipeline"].warm_up()


def _crash_result(docs: list[Document], why: str, run_id: str, processed_at: dt.datetime) -> BatchResult:
    """The result of a batch whose worker died: an errors row per document."""
    builder = RowBuilder(run_id, processed_at)
    failures = []
    for d in docs:
        failure = Failure(source=d.source, doc_id=d.doc_id, stage="worker", reason=ErrorCode.WORKER_CRASHED.value,
                          detail=format_message(ErrorCode.WORKER_CRASHED, source=d.source, why=why))
        builder.add_failure(failure)
        failures.append(failure)
    return BatchResult(rows=to_arrow(builder.take()), failures=failures)


# -- parent side -----------------------------------------------------------------------------
def batches(items: Iterable[Document | Failure], max_docs: int = DEFAULT_BATCH_DOCS,
            max_chars: int = DEFAULT_BATCH_CHARS) -> Iterator[list[Document] | Failure]:
    """Group documents into batches (by count and size); Failures pass through alone, in order."""
    batch: list[Document] = []
    size = 0
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        batch.append(item)
        size += len(item.text)
        if len(batch) >= max_docs or size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def one_id_one_document(items: Iterable[Document | Failure], summary: RunSummary,
                        committed: set[tuple[str, str]] | None = None) -> Iterator[Document | Failure]:
    """Each doc_id once per run; with ``committed``, leave out what a finished commit already holds.

    A later record with an id already seen in this run is skipped when its text is the same (an
    exact copy: counted in ``summary.duplicates``) and becomes an E109 Failure when it differs: the
    first record of an id is the one processed.
    """
    seen: dict[str, tuple[str, str]] = {}
    for item in items:
        if isinstance(item, Document):
            digest = content_sha256(item.text)
            first = seen.get(item.doc_id)
            if first is not None:
                if first[0] == digest:
                    summary.duplicates += 1
                else:
                    yield Failure(source=item.source, doc_id=item.doc_id, stage="read",
                                  reason=ErrorCode.DUPLICATE_ID.value,
                                  detail=format_message(ErrorCode.DUPLICATE_ID, source=item.source,
                                                        why=f"{item.doc_id!r}: the record at {first[1]} has that id "
                                                            "and other text; it was processed, this one was not"))
                continue
            seen[item.doc_id] = (digest, item.source)
            if committed is not None and (item.doc_id, digest) in committed:
                summary.skipped += 1
                continue
        yield item


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Pending:
    """A slot in the queue: a result ready to hand on, or a batch and its future."""

    done: BatchResult | Failure | None = None
    batch: list[Document] = field(default_factory=list)
    future: Future | None = None


class _Pool:
    """A process pool behind the ``concurrent.futures`` interface, with crash isolation.

    Workers die with the main process (see ``thai_extract._worker_guard``). ``rescue`` reruns the
    batches in flight when a worker died, each alone in a fresh pool: the one that kills its worker
    again becomes error rows, the others are kept.
    """

    broken = (BrokenProcessPool,)

    def __init__(self, jobs: int, pipeline: Pipeline, run_id: str, processed_at: dt.datetime) -> None:
        self.workers = jobs
        self.initargs = (pipeline, run_id, processed_at, os.getpid())
        self.run_id, self.processed_at = run_id, processed_at
        self.executor = self._new(jobs)

    def _new(self, jobs: int) -> ProcessPoolExecutor:
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["thai_extract._forkserver_preload"])
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                   initargs=self.initargs)

    def submit(self, batch: list[Document]) -> Future:
        return self.executor.submit(_process_in_worker, batch)

    def result(self, future: Future) -> BatchResult:
        return _result(self.executor, future)

    def warm_up(self) -> None:
        """Load the models in every worker, and raise what the first one to finish raised (a missing
        model fails the run here, once, as the main process's own warm-up would): the main process
        then need not load them itself."""
        futures = [self.executor.submit(_warm_up_in_worker) for _ in range(self.workers)]
        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        next(iter(done)).result()

    def rescue(self, in_flight: list[_Pending]) -> None:
        """A worker died: every batch in flight is lost with the pool; rerun each alone."""
        _stop(self.executor)
        for entry in in_flight:
            alone = self._new(1)
            try:
                entry.done = _result(alone, alone.submit(_process_in_worker, entry.batch))
            except BrokenProcessPool as exc:
                entry.done = _crash_result(entry.batch, repr(exc), self.run_id, self.processed_at)
            finally:
                _stop(alone)
            entry.future = None
        self.executor = self._new(self.workers)

    def close(self, interrupted: bool) -> None:
        if interrupted:  # do not wait for the batches being processed: stop the workers now
            _stop(self.executor)
        else:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _result(executor: ProcessPoolExecutor, future: Future) -> BatchResult:
    """``future.result()``, except that a worker that died unnoticed breaks the pool.

    A worker that dies halfway through sending its result (an out-of-memory kill at that moment)
    leaves half a message in the result pipe: the pool's manager thread waits for the rest for
    ever and never reports the death. So the wait looks at the workers every
    ``WORKER_CHECK_SECONDS``; a worker that has exited (they never do on their own) ends it.
    """
    while True:
        try:
            return future.result(timeout=WORKER_CHECK_SECONDS)
        except FutureTimeout:
            if any(p.exitcode is not None for p in _workers(executor)):
                raise BrokenProcessPool("a worker process died halfway through its batch or its result") from None


def _workers(executor: ProcessPoolExecutor) -> list[multiprocessing.Process]:
    """``executor``'s worker processes now (none once it is shut down)."""
    return list((getattr(executor, "_processes", None) or {}).values())


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop ``executor``'s workers now, without waiting for the batches they hold."""
    processes = _workers(executor)
    results = getattr(executor, "_result_queue", None)
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    # A worker stopped halfway through sending a result leaves half a message in the result pipe,
    # and the pool's manager thread would wait for the rest for ever (so would the interpreter's
    # exit, which joins that thread). Once this process's own write end is closed, the workers'
    # ends close as they die, and the wait ends in end-of-file: the pool then sees itself broken.
    if results is not None:
        results._writer.close()


class _DaskPool:
    """dask.distributed workers behind the same interface (``Client.get_executor``).

    Dask retries a batch whose worker died on another worker; a batch that keeps killing workers
    becomes error rows.
    """

    def __init__(self, client: Any, pipeline: Pipeline, run_id: str, processed_at: dt.datetime) -> None:
        from distributed import KilledWorker

        self.broken = (KilledWorker,)
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.executor: Executor = client.get_executor(pure=False)
        self.pipeline = client.scatter(pipeline, broadcast=True)
        self.run_id, self.processed_at = run_id, processed_at

    def submit(self, batch: list[Document]) -> Future:
        return self.executor.submit(process_batch, self.pipeline, batch, self.run_id, self.processed_at)

    def result(self, future: Future) -> BatchResult:
        return future.result()

    def rescue(self, in_flight: list[_Pending]) -> None:
        """The first batch in flight killed the workers it was tried on; the others go on as they are."""
        head = in_flight[0]
        head.done = _crash_result(head.batch, "the batch killed every dask worker it was tried on",
                                  self.run_id, self.processed_at)
        head.future = None

    def close(self, interrupted: bool) -> None:
        self.executor.shutdown(wait=not interrupted)


def _in_order(pool: _Pool | _DaskPool, work: Iterable[list[Document] | Failure]) -> Iterator[BatchResult | Failure]:
    """Results in input order, with at most 2 batches per worker in flight (bounded memory)."""
    pending: deque[_Pending] = deque()
    items = iter(work)
    exhausted = False
    while True:
        while not exhausted and len(pending) < 2 * pool.workers:
            item = next(items, None)
            if item is None:
                exhausted = True
            elif isinstance(item, Failure):
                pending.append(_Pending(done=item))
            else:
                pending.append(_Pending(batch=item, future=pool.submit(item)))
        if not pending:
            return
        head = pending.popleft()
        if head.done is not None:
            yield head.done
            continue
        assert head.future is not None
        try:
            yield pool.result(head.future)
        except pool.broken:
            pool.rescue([head, *(e for e in pending if e.future is not None)])
            pending.appendleft(head)


class Runner:
    """Runs a pipeline over inputs and writes the output tables to ``out_dir``.

    ``jobs`` worker processes (1: in this process; 0 or None: all cores); ``on_progress(summary)``
    is called after every batch; with ``fail_fast`` the first failing input raises FailFastError;
    ``mode`` says what to do with a folder that already holds output (see ``MODES``).
    """

    def __init__(self, pipeline: Pipeline, out_dir: str | Path, *, jobs: int | None = None,
                 fields: FieldNames | None = None, encoding: str | None = None, id_from: str = "path",
                 follow_symlinks: bool = False, max_document_mb: float = MAX_DOCUMENT_MB,
                 batch_docs: int = DEFAULT_BATCH_DOCS, batch_chars: int = DEFAULT_BATCH_CHARS,
                 commit_docs: int = DEFAULT_COMMIT_DOCS, fail_fast: bool = False,
                 engine: str = "local", scheduler: str | None = None, mode: str = "append",
                 on_progress: Callable[[RunSummary], None] | None = None,
                 on_wait: Callable[[], None] | None = None) -> None:
        for name, value in (("jobs", jobs or 0), ("batch_docs", batch_docs), ("batch_chars", batch_chars),
                            ("commit_docs", commit_docs), ("max_document_mb", max_document_mb)):
            if value < (0 if name == "jobs" else 1):
                raise ValueError(f"{name} must be {'0 (all cores) or more' if name == 'jobs' else 'at least 1'}, not {value}")
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {list(ENGINES)}")
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose from {list(MODES)}")
        self.pipeline = pipeline
        self.out_dir = Path(out_dir)
        self.jobs = jobs or default_jobs()
        self.reader = InputReader(fields, encoding, id_from=id_from, follow_symlinks=follow_symlinks,
                                  max_document_mb=max_document_mb, exclude=[self.out_dir])
        self.batch_docs = batch_docs
        self.batch_chars = batch_chars
        self.commit_docs = commit_docs
        self.engine = engine
        self.scheduler = scheduler
        self.mode = mode
        self.fail_fast = fail_fast
        self.on_progress = on_progress
        self.on_wait = on_wait

    def run(self, inputs: Iterable[str], stdin: BinaryIO | None = None, incremental: bool = False) -> RunSummary:
        """Process ``inputs`` into the output folder; ``incremental`` skips documents already there.

        A document is already there when the documents table holds its doc_id with the same
        content hash; a changed document is processed again (the loader then returns its latest
        version). The folder's lock is held for the whole run, so concurrent runs wait for each
        other. The run's manifest entry ends as "done", "failed" or "interrupted".
        """
        with fewer_collections():  # from before the models load: loading them is most of the collector's work
            return self._run(inputs, stdin, incremental)

    def _run(self, inputs: Iterable[str], stdin: BinaryIO | None, incremental: bool) -> RunSummary:
        started = time.perf_counter()
        run_id = new_run_id()
        processed_at = dt.datetime.now(dt.timezone.utc)
        # local workers load the models themselves, and the first of them checks them: the main
        # process, which only writes, never loads them
        local_pool = self.engine == "local" and self.jobs > 1
        with self._pool(run_id, processed_at) if local_pool else nullcontext(None) as pool:
            try:
                if pool is not None:
                    pool.warm_up()
                else:
                    self.pipeline.warm_up()
            except Exception as exc:  # a missing model or extra: fail once, before any output
                raise PipelineStartError(f"the pipeline could not start: {type(exc).__name__}: {exc}") from exc
            return self._run_warm(inputs, stdin, incremental, started, run_id, processed_at, pool)

    def _run_warm(self, inputs: Iterable[str], stdin: BinaryIO | None, incremental: bool, started: float,
                  run_id: str, processed_at: dt.datetime, pool: _Pool | None) -> RunSummary:
        summary = RunSummary(run_id=run_id, out_dir=self.out_dir, jobs=self.jobs,
                             command="ingest" if incremental else "run")
        metadata = {"config": self.pipeline.config(), "inputs": list(inputs)}
        folder = OutputFolder(self.out_dir)
        with folder.locked(self.on_wait):
            previous = [p for t in TABLES for p in folder.parts(t)]
            if previous and not incremental and self.mode in ("error", "ignore"):
                if self.mode == "ignore":
                    summary.status = "ignored"
                    return summary
                raise OutputExistsError(
                    f"{self.out_dir} already holds output ({len(folder.parts(COMMIT_POINT_TABLE))} part files "
                    "of documents); choose --mode append, overwrite or ignore (ingest adds only what is new)")
            replace = [str(p.relative_to(self.out_dir)) for p in previous] if self.mode == "overwrite" else []
            manifest = {"run_id": run_id, "command": summary.command, "started": processed_at.isoformat(),
                        "status": "running", "incremental": incremental, "mode": self.mode,
                        "pipeline_version": __version__, **metadata}
            folder.record_run(run_id, manifest)
            try:
                items = self.reader.read(metadata["inputs"], stdin)
                items = one_id_one_document(items, summary, folder.committed_docs() if incremental else None)
                self._write(items, run_id, processed_at, metadata, summary, replace, pool)
                summary.status = "done"
            except BaseException as exc:
                summary.status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
                manifest["error"] = f"{type(exc).__name__}: {exc}"
                raise
            finally:
                summary.seconds = time.perf_counter() - started
                summary.unsupported = len(self.reader.counts.unsupported)
                folder.record_run(run_id, {
                    **manifest, "status": summary.status, "finished": dt.datetime.now(dt.timezone.utc).isoformat(),
                    "seconds": round(summary.seconds, 3), "documents": summary.documents, "errors": summary.errors,
                    "errors_by_reason": dict(summary.errors_by_reason), "skipped": summary.skipped,
                    "duplicates": summary.duplicates, "unsupported_files": self.reader.counts.unsupported[:1000],
                    "rows": summary.rows_written,
                })
        return summary

    def _write(self, items: Iterable[Document | Failure], run_id: str, processed_at: dt.datetime,
               metadata: dict[str, Any], summary: RunSummary, replace: list[str], pool: _Pool | None) -> None:
        read_failures = RowBuilder(run_id, processed_at)
        with DatasetWriter(self.out_dir, run_id, metadata, flush_docs=self.commit_docs, replace=replace) as writer:
            work = batches(items, self.batch_docs, self.batch_chars)
            for item in self._results(work, run_id, processed_at, pool):
                if isinstance(item, Failure):
                    self._check_fail_fast([item])
                    read_failures.add_failure(item)
                    summary.add_failures([item])
                    writer.add(read_failures.take())
                    continue
                self._check_fail_fast(item.failures)
                writer.add(item.rows)
                summary.documents += item.documents
                summary.sentences += item.sentences
                summary.tokens += item.tokens
                summary.chars += item.chars
                summary.add_failures(item.failures)
                summary.bytes_read = self.reader.counts.bytes_read
                if self.on_progress:
                    self.on_progress(summary)
        summary.rows_written = dict(writer.rows_written)

    def _check_fail_fast(self, failures: list[Failure]) -> None:
        if self.fail_fast and failures:
            raise FailFastError(failures[0].detail)

    def _results(self, work: Iterable[list[Document] | Failure], run_id: str,
                 processed_at: dt.datetime, pool: _Pool | None = None) -> Iterator[BatchResult | Failure]:
        """The results of ``work`` in order: from ``pool`` when given (already warm), else here
        (one job) or from a pool of this run's own."""
        if pool is not None:
            yield from _in_order(pool, work)
            return
        if self.engine == "local" and self.jobs == 1:
            for item in work:
                yield item if isinstance(item, Failure) else process_batch(self.pipeline, item, run_id, processed_at)
            return
        with self._pool(run_id, processed_at) as pool:
            yield from _in_order(pool, work)

    @contextmanager
    def _pool(self, run_id: str, processed_at: dt.datetime) -> Iterator[_Pool | _DaskPool]:
        """The workers of this run: a local process pool, or dask.distributed (``scheduler``, or a
        local cluster of ``jobs`` workers)."""
        interrupted = True
        if self.engine == "local":
            pool: _Pool | _DaskPool = _Pool(self.jobs, self.pipeline, run_id, processed_at)
            try:
                yield pool
                interrupted = False
            finally:
                pool.close(interrupted)
            return
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ThaiExtractError("the dask engine needs the dask extra: pip install 'thai-extract[dask]'") from None
        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        try:
            pool = _DaskPool(client, self.pipeline, run_id, processed_at)
            yield pool
            interrupted = False
            pool.close(interrupted)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
