"""The runner: read inputs, process batches (in a process pool), write Parquet, summarise.

The runner knows nothing of what a stage does: it hands batches of Documents to a Pipeline and
writes the rows that come back. Order is kept: output rows follow input order.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from thai_extract.core import Pipeline
from thai_extract.document import Document, Failure, content_sha256
from thai_extract.errors import ErrorCode, ThaiExtractError, format_message
from thai_extract.io.readers import FieldNames, InputReader
from thai_extract.io.output import OutputFolder
from thai_extract.io.writer import DatasetWriter, new_run_id, to_arrow
from thai_extract.version import __version__
from thai_extract.tables import RowBuilder

DEFAULT_BATCH_DOCS = 64
DEFAULT_BATCH_CHARS = 1_000_000
DEFAULT_COMMIT_DOCS = 10_000
ENGINES = ("local", "dask")


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
    """Counts and timing of one run, for the summary table and for callers."""

    run_id: str
    out_dir: Path
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    chars: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    jobs: int = 1
    rows_written: dict[str, int] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


class PipelineStartError(ThaiExtractError, RuntimeError):
    """A stage could not load its resources (model file, optional extra) before the run began."""


class FailFastError(ThaiExtractError, RuntimeError):
    """Raised with ``fail_fast`` at the first input or document that fails."""


# -- worker side -----------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(pipeline: Pipeline, run_id: str, processed_at: dt.datetime) -> None:
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


def _skip_done(items: Iterable[Document | Failure], done: set[tuple[str, str]],
               summary: RunSummary) -> Iterator[Document | Failure]:
    """Leave out documents whose (doc_id, content hash) is already committed, or seen in this run."""
    for item in items:
        if isinstance(item, Document):
            key = (item.doc_id, content_sha256(item.text))
            if key in done:
                summary.skipped += 1
                continue
            done.add(key)
        yield item


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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


class Runner:
    """Runs a pipeline over inputs and writes the output tables to ``out_dir``.

    ``jobs`` worker processes (1: in this process); ``on_progress(documents, chars)`` is called
    after every batch; with ``fail_fast`` the first failing input raises FailFastError.
    """

    def __init__(self, pipeline: Pipeline, out_dir: str | Path, *, jobs: int | None = None,
                 fields: FieldNames | None = None, encoding: str | None = None,
                 batch_docs: int = DEFAULT_BATCH_DOCS, batch_chars: int = DEFAULT_BATCH_CHARS,
                 commit_docs: int = DEFAULT_COMMIT_DOCS, fail_fast: bool = False,
                 engine: str = "local", scheduler: str | None = None, on_progress: Callable[[int, int], None] | None = None) -> None:
        self.pipeline = pipeline
        self.out_dir = Path(out_dir)
        self.jobs = max(1, jobs or default_jobs())
        self.reader = InputReader(fields, encoding)
        self.batch_docs = batch_docs
        self.batch_chars = batch_chars
        self.commit_docs = commit_docs
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {list(ENGINES)}")
        self.engine = engine
        self.scheduler = scheduler
        self.fail_fast = fail_fast
        self.on_progress = on_progress

    def run(self, inputs: Iterable[str], stdin: BinaryIO | None = None, incremental: bool = False) -> RunSummary:
        """Process ``inputs`` into the output folder; ``incremental`` skips documents already there.

        A document is already there when a finished commit holds its doc_id with the same content
        hash; a changed document is processed again (the loader then returns its latest version).
        The folder's lock is held for the whole run, so concurrent runs wait for each other.
        """
        started = time.perf_counter()
        try:
            self.pipeline.warm_up()
        except Exception as exc:  # a missing model or extra: fail once, before any output
            raise PipelineStartError(f"the pipeline could not start: {type(exc).__name__}: {exc}") from exc
        run_id = new_run_id()
        processed_at = dt.datetime.now(dt.timezone.utc)
        summary = RunSummary(run_id=run_id, out_dir=self.out_dir, jobs=self.jobs)
        metadata = {"config": self.pipeline.config(), "inputs": list(inputs)}
        folder = OutputFolder(self.out_dir)
        with folder.locked():
            manifest = {"run_id": run_id, "started": processed_at.isoformat(), "status": "running",
                        "incremental": incremental, "pipeline_version": __version__, **metadata}
            folder.record_run(run_id, manifest)
            items = self.reader.read(metadata["inputs"], stdin)
            if incremental:
                items = _skip_done(items, folder.committed_docs(), summary)
            self._write(items, run_id, processed_at, metadata, summary)
            summary.seconds = time.perf_counter() - started
            folder.record_run(run_id, {
                **manifest, "status": "done", "finished": dt.datetime.now(dt.timezone.utc).isoformat(),
                "seconds": round(summary.seconds, 3), "documents": summary.documents, "errors": summary.errors,
                "skipped": summary.skipped, "rows": summary.rows_written,
            })
        return summary

    def _write(self, items: Iterable[Document | Failure], run_id: str, processed_at: dt.datetime,
               metadata: dict[str, Any], summary: RunSummary) -> None:
        read_failures = RowBuilder(run_id, processed_at)
        with DatasetWriter(self.out_dir, run_id, metadata, flush_docs=self.commit_docs) as writer:
            work = batches(items, self.batch_docs, self.batch_chars)
            for item in self._results(work, run_id, processed_at):
                if isinstance(item, Failure):
                    self._check_fail_fast([item])
                    read_failures.add_failure(item)
                    summary.errors += 1
                    writer.add(read_failures.take())
                    continue
                self._check_fail_fast(item.failures)
                writer.add(item.rows)
                summary.documents += item.documents
                summary.sentences += item.sentences
                summary.tokens += item.tokens
                summary.chars += item.chars
                summary.errors += len(item.failures)
                if self.on_progress:
                    self.on_progress(summary.documents, summary.chars)
        summary.rows_written = dict(writer.rows_written)

    def _check_fail_fast(self, failures: list[Failure]) -> None:
        if self.fail_fast and failures:
            raise FailFastError(failures[0].detail)

    def _results(self, work: Iterable[list[Document] | Failure], run_id: str,
                 processed_at: dt.datetime) -> Iterator[BatchResult | Failure]:
        if self.engine == "dask":
            yield from self._dask_results(work, run_id, processed_at)
            return
        if self.jobs == 1:
            for item in work:
                yield item if isinstance(item, Failure) else process_batch(self.pipeline, item, run_id, processed_at)
            return
        yield from self._pool_results(work, run_id, processed_at)

    def _new_pool(self, run_id: str, processed_at: dt.datetime) -> ProcessPoolExecutor:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
            initializer=_init_worker, initargs=(self.pipeline, run_id, processed_at),
        )

    def _pool_results(self, work: Iterable[list[Document] | Failure], run_id: str,
                      processed_at: dt.datetime) -> Iterator[BatchResult | Failure]:
        """Results in input order, with at most 2 batches per worker in flight (bounded memory).

        If a worker dies, the batches in flight are tried again one by one; the batch that kills
        a worker on its own becomes error rows.
        """
        pool = self._new_pool(run_id, processed_at)
        pending: deque[_Pending] = deque()
        items = iter(work)
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < 2 * self.jobs:
                    item = next(items, None)
                    if item is None:
                        exhausted = True
                    elif isinstance(item, Failure):
                        pending.append(_Pending(done=item))
                    else:
                        pending.append(_Pending(batch=item, future=pool.submit(_process_in_worker, item)))
                if not pending:
                    return
                head = pending.popleft()
                if head.done is not None:
                    yield head.done
                    continue
                assert head.future is not None
                try:
                    result = head.future.result()
                except BrokenProcessPool:
                    # Some batch in flight killed its worker. Run each of them alone in a fresh
                    # pool: the one that kills it again becomes error rows, the others are kept.
                    pool.shutdown(wait=False, cancel_futures=True)
                    for entry in [head, *(e for e in pending if e.done is None)]:
                        pool = self._new_pool(run_id, processed_at)
                        try:
                            entry.done = pool.submit(_process_in_worker, entry.batch).result()
                        except BrokenProcessPool as exc:
                            entry.done = _crash_result(entry.batch, repr(exc), run_id, processed_at)
                        pool.shutdown(wait=True)
                        entry.future = None
                    pool = self._new_pool(run_id, processed_at)
                    pending.appendleft(head)
                    continue
                yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


    def _dask_results(self, work: Iterable[list[Document] | Failure], run_id: str,
                      processed_at: dt.datetime) -> Iterator[BatchResult | Failure]:
        """Results in input order from dask.distributed workers (``scheduler``, or a local cluster).

        The workers run the same ``process_batch`` on the same pipeline; this process reads and
        writes, as with the process pool. At most 2 batches per worker are in flight.
        """
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ThaiExtractError("the dask engine needs the dask extra: pip install 'thai-extract[dask]'") from None
        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            pipeline = client.scatter(self.pipeline, broadcast=True)
            pending: deque = deque()
            for item in work:
                if isinstance(item, Failure):
                    pending.append(item)
                else:
                    pending.append(client.submit(process_batch, pipeline, item, run_id, processed_at, pure=False))
                while len(pending) > 2 * workers:
                    head = pending.popleft()
                    yield head if isinstance(head, Failure) else head.result()
            while pending:
                head = pending.popleft()
                yield head if isinstance(head, Failure) else head.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@dataclass
class _Pending:
    """A slot in the pool's queue: a result ready to hand on, or a batch and its future."""

    done: BatchResult | Failure | None = None
    batch: list[Document] = field(default_factory=list)
    future: Future | None = None

