"""End-to-end: the CLI on data/raw and on a folder of mixed formats and bad inputs."""

import gzip
import json
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from thai_extract.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, EXIT_WITH_ERRORS, app
from thai_extract import load
from thai_extract.io.schemas import SCHEMAS, TABLES
from tests.conftest import ROOT, SAMPLE_ARTICLE

runner = CliRunner()


def run_cli(*args):
    return runner.invoke(app, ["run", *map(str, args), "--quiet"], catch_exceptions=False)


def no_hidden_or_temp_files(out):
    return [p for p in out.rglob("*") if p.is_file() and (p.name.startswith(".") or p.suffix == ".tmp")] == []


def test_the_main_job_on_data_raw_writes_every_table(tmp_path, sample_text):
    result = run_cli(ROOT / "data" / "raw", "--out", tmp_path, "--jobs", "1")
    assert result.exit_code == EXIT_OK, result.output
    tables = load(tmp_path)
    assert set(tables) == set(TABLES)
    for name, frame in tables.items():
        assert list(frame.columns) == SCHEMAS[name].names
    [doc] = tables["documents"].itertuples()
    assert doc.text == sample_text and doc.n_tokens == len(tables["tokens"]) > 500
    assert doc.n_sentences == len(tables["sentences"])
    tokens = tables["tokens"]
    fixed = [(s, e) for s, e in zip(tables["corrections"].start, tables["corrections"].end)]
    changed = [(s, e) for s, e, t in zip(tokens.start, tokens.end, tokens.text) if sample_text[s:e] != t]
    assert changed and all(any(fs < e and s < fe for fs, fe in fixed) for s, e in changed)  # only typo fixes differ
    assert "ทหาร" in set(tokens.text) and not tables["dates"].empty
    assert tables["records"].doc_id.tolist() == [doc.doc_id]
    assert tables["errors"].empty


def mixed_folder(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE_ARTICLE, src / "a_sample.txt")
    thai = "รัฐบาลไทยหารือกับมาเลเซียเรื่องการค้า"
    (src / "b.jsonl").write_text(
        json.dumps({"id": "j1", "title": "หัวข้อ", "body": thai, "date": "2025-05-14"}, ensure_ascii=False) + "\n"
        + "{broken json\n"
        + json.dumps({"id": "j3", "headline": "ไม่มีเนื้อความ"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (src / "c.csv").write_text(f"id,text\nc1,{thai}\n", encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1"], "content": [thai]}), src / "d.parquet")
    (src / "sub" / "e_tis620.txt").write_bytes(thai.encode("tis-620"))
    (src / "sub" / "f_utf16.txt").write_bytes(thai.encode("utf-16"))
    with gzip.open(src / "sub" / "g.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": thai}, ensure_ascii=False) + "\n")
    (src / "sub" / "h_empty.txt").write_bytes(b"")
    (src / "sub" / "i_binary.txt").write_bytes(bytes(range(256)) * 4)
    (src / "sub" / "j_bad_utf8.txt").write_bytes(thai.encode()[:9] + b"\xff\xfe" + thai.encode()[9:])
    return src, thai


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_mixed_formats_and_bad_inputs_give_documents_and_error_rows(tmp_path, jobs):
    src, thai = mixed_folder(tmp_path)
    out = tmp_path / "out"
    result = run_cli(src, "--out", out, "--jobs", jobs)
    assert result.exit_code == EXIT_WITH_ERRORS, result.output
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 7  # sample, j1, c1, p1, tis620, utf16, g1
    assert {"c1", "g1", "j1", "p1"} <= set(docs.doc_id)
    others = docs[~docs.source.str.endswith("a_sample.txt")]
    bodies = [text[start:] for text, start in zip(others.text, others.body_start)]
    assert len(others) == 6 and bodies == [thai] * 6  # every encoding decoded to the same text
    errors = pd.read_parquet(out / "errors")
    reasons = dict(zip(errors.source.str.replace(str(src) + "/", ""), errors.reason))
    assert reasons == {
        "b.jsonl:2": "E105", "b.jsonl:3": "E106", "sub/h_empty.txt": "E104",
        "sub/i_binary.txt": "E102", "sub/j_bad_utf8.txt": "E103",
    }
    assert no_hidden_or_temp_files(out)


def test_one_and_two_workers_write_the_same_rows(tmp_path):
    src, _ = mixed_folder(tmp_path)
    for jobs in ("1", "2"):
        run_cli(src, "--out", tmp_path / f"out{jobs}", "--jobs", jobs)
    for table in ("documents", "sentences", "tokens", "errors"):
        one, two = (pd.read_parquet(tmp_path / f"out{j}" / table).drop(columns=["run_id", "processed_at"], errors="ignore")
                    for j in ("1", "2"))
        pd.testing.assert_frame_equal(one, two)


def test_a_second_run_on_the_same_output_needs_a_mode(tmp_path):
    sample = ROOT / "data" / "raw"
    assert run_cli(sample, "--out", tmp_path, "-j", "1").exit_code == EXIT_OK
    refused = run_cli(sample, "--out", tmp_path, "-j", "1")
    assert refused.exit_code == EXIT_USAGE and "--mode" in refused.output
    assert len(pd.read_parquet(tmp_path / "documents")) == 1  # nothing added

    assert run_cli(sample, "--out", tmp_path, "-j", "1", "--mode", "append").exit_code == EXIT_OK
    documents = pd.read_parquet(tmp_path / "documents")
    assert len(documents) == 2 and documents.run_id.nunique() == 2  # plain readers see both runs

    assert run_cli(sample, "--out", tmp_path, "-j", "1", "--mode", "overwrite").exit_code == EXIT_OK
    tokens = pd.read_parquet(tmp_path / "tokens")
    assert tokens.run_id.nunique() == 1 and len(tokens) == len(load(tmp_path)["tokens"])  # no double count

    before = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert run_cli(sample, "--out", tmp_path, "-j", "1", "--mode", "ignore").exit_code == EXIT_OK
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == before


def test_duckdb_reads_the_output(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    run_cli(ROOT / "data" / "raw", "--out", tmp_path, "-j", "1")
    n = duckdb.connect().execute(f"select count(*) from read_parquet('{tmp_path}/tokens/*.parquet')").fetchone()[0]
    assert n == len(pd.read_parquet(tmp_path / "tokens"))


@pytest.mark.slow
def test_a_20mb_document_is_processed_whole(tmp_path, sample_text):
    big = (sample_text + "\n") * (20_000_000 // len(sample_text.encode()) + 1)
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(tmp_path / "big.txt", "--out", out, "-j", "1")
    assert result.exit_code == EXIT_OK, result.output
    docs = pd.read_parquet(out / "documents", columns=["n_chars", "n_tokens"])
    assert docs.n_chars[0] == len(big) and docs.n_tokens[0] > 1_000_000


def test_unknown_engine_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", str(ROOT / "data" / "raw"), "--out", str(tmp_path), "--word-engine", "nope"])
    assert result.exit_code == EXIT_USAGE
    assert "thaibreak" in result.output


def test_help_documents_the_exit_codes():
    result = runner.invoke(app, ["run", "--help"])
    assert "Exit codes" in result.output


def test_an_output_that_cannot_be_written_is_refused_or_a_failed_run(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    assert run_cli(ROOT / "data" / "raw", "--out", blocker, "-j", "1").exit_code == EXIT_USAGE  # seen before any work
    result = run_cli(ROOT / "data" / "raw", "--out", blocker / "sub", "-j", "1")  # found only when it is created
    assert result.exit_code == EXIT_FAILED and "run failed" in result.output


def test_eval_dates_prints_ours_beside_the_baseline(tmp_path):
    record = {"doc_id": "e1", "text": "ประชุมเมื่อ 14 พฤษภาคม 2568 ที่กรุงเทพ", "published": "2025-05-20",
              "dates": [{"start": 11, "end": 26, "start_date": "2025-05-14", "end_date": "2025-05-14", "granularity": "day"}]}
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "dates", str(path), "--no-baselines"])
    assert result.exit_code == 0, result.output
    assert "thai-extract" in result.output and "1.000" in result.output


def test_show_rolls_up_one_document(tmp_path):
    run_cli(ROOT / "data" / "raw", "--out", tmp_path, "-j", "1")
    doc_id = pd.read_parquet(tmp_path / "documents").doc_id[0]
    result = runner.invoke(app, ["show", doc_id, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(doc_id + "\n")  # no title: nothing after the id
    assert "MY, RU" in result.output and "nuclear_energy" in result.output
    assert runner.invoke(app, ["show", "nope", "--out", str(tmp_path)]).exit_code == EXIT_USAGE


@pytest.mark.parametrize("jobs", ["1", "2"])  # with workers, the first worker's model load is the check
def test_a_missing_ner_model_fails_the_run_before_any_output(tmp_path, jobs):
    result = run_cli(ROOT / "data" / "raw", "--out", tmp_path / "out", "-j", jobs, "--ner-model", tmp_path / "nowhere")
    assert result.exit_code == EXIT_FAILED
    assert "nowhere" in result.output or "transformers" in result.output  # the path, or the extra to install
    assert not (tmp_path / "out").exists()
