"""The runner: order, error capture, worker crashes, fail-fast."""

import os

import pandas as pd
import pytest

from thai_extract.core import Pipeline
from thai_extract.document import Document
from thai_extract.registry import build_stages
from thai_extract.runner import FailFastError, Runner, batches
from thai_extract.stages.base import TEXT


class CrashOrFail:
    """A stage that kills its process on 'CRASH' and raises on 'FAIL' (to test isolation)."""

    name, needs, provides = "crash_or_fail", frozenset({TEXT}), frozenset()

    def config(self):
        return {}

    def __call__(self, doc: Document) -> Document:
        if "CRASH" in doc.text:
            os._exit(17)
        if "FAIL" in doc.text:
            raise RuntimeError("this document is bad")
        return doc


def write_inputs(tmp_path, texts):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def pipeline_with_crash_stage():
    return Pipeline([CrashOrFail(), *build_stages()])


def test_a_failing_document_becomes_an_errors_row_and_the_rest_is_written(tmp_path):
    folder = write_inputs(tmp_path, ["ข่าวหนึ่ง", "FAIL ข่าวสอง", "ข่าวสาม"])
    summary = Runner(pipeline_with_crash_stage(), tmp_path / "out", jobs=1).run([str(folder)])
    assert (summary.documents, summary.errors) == (2, 1)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert errors.stage.tolist() == ["crash_or_fail"] and errors.reason.tolist() == ["E201"]
    assert "this document is bad" in errors.detail[0]
    assert pd.read_parquet(tmp_path / "out" / "documents").source.str[-6:].tolist() == ["00.txt", "02.txt"]


def test_a_worker_that_dies_costs_only_its_own_batch(tmp_path):
    folder = write_inputs(tmp_path, ["ข่าวหนึ่ง", "CRASH", "ข่าวสาม", "ข่าวสี่"])
    summary = Runner(pipeline_with_crash_stage(), tmp_path / "out", jobs=2, batch_docs=1).run([str(folder)])
    assert (summary.documents, summary.errors) == (3, 1)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert errors.reason.tolist() == ["E202"] and errors.source.str.endswith("01.txt").all()
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert docs.source.str[-6:].tolist() == ["00.txt", "02.txt", "03.txt"]  # input order kept


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    folder = write_inputs(tmp_path, ["ข่าวหนึ่ง", "FAIL", "ข่าวสาม"])
    with pytest.raises(FailFastError, match="this document is bad"):
        Runner(pipeline_with_crash_stage(), tmp_path / "out", jobs=1, fail_fast=True).run([str(folder)])


def test_batches_respect_count_and_size_and_pass_failures_through_in_order():
    docs = [Document(doc_id=str(i), text="x" * 10) for i in range(5)]
    assert [len(b) for b in batches(docs, max_docs=2)] == [2, 2, 1]
    assert [len(b) for b in batches(docs, max_docs=10, max_chars=25)] == [3, 2]


def test_a_run_collects_garbage_less_often_and_gives_the_callers_thresholds_back():
    import gc

    from thai_extract.runner import GC_YOUNG_THRESHOLD, collect_less, fewer_collections

    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(GC_YOUNG_THRESHOLD * 5, 3, 4)  # a higher threshold is kept
        collect_less()
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD * 5, 3, 4)
        gc.set_threshold(0)  # collection disabled stays disabled
        collect_less()
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*saved)
