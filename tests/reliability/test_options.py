"""A wrong option, input or config is exit 2 with one short line naming it, before anything is written."""

from __future__ import annotations

import pytest

from tests.reliability.conftest import THAI, cli, run

EXIT_USAGE = 2


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(THAI, encoding="utf-8")
    return path


@pytest.mark.parametrize("options, named", [
    (["--jobs", "-1"], "--jobs"),
    (["--batch-size", "0"], "--batch-size"),
    (["--commit-every", "0"], "--commit-every"),
    (["--encoding", "bogus"], "--encoding"),
    (["--mode", "upsert"], "--mode"),
    (["--doc-id", "hash"], "--doc-id"),
])
def test_a_bad_option_is_exit_2_naming_it(tmp_path, sample, options, named):
    result = cli("run", sample, "--out", tmp_path / "out", *options)
    assert result.exit_code == EXIT_USAGE
    assert named in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("toml, named", [
    ("stages = 5\n", "'stages' must be a table"),
    ("[pipline]\nstages = []\n", "did you mean 'pipeline'"),
    ('[stages.spelling]\nthreshhold = 0.3\n', "did you mean 'threshold'"),
    ('[stages.spelling]\nallow_list = "missing.txt"\n', "allow_list: no such file missing.txt"),
    ("not toml = = 1\n", "not valid TOML"),
])
def test_a_bad_config_is_exit_2_with_one_line(tmp_path, sample, toml, named):
    config = tmp_path / "c.toml"
    config.write_text(toml, encoding="utf-8")
    result = cli("run", sample, "--out", tmp_path / "out", "--config", config)
    assert result.exit_code == EXIT_USAGE, result.output
    assert named in " ".join(result.output.split())
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("inputs", [["missing.txt"], ["nothing-*.jsonl"]])
def test_inputs_that_do_not_exist_are_exit_2_before_any_output(tmp_path, monkeypatch, inputs):
    monkeypatch.chdir(tmp_path)
    result = cli("run", *inputs, "--out", "out")
    assert result.exit_code == EXIT_USAGE
    assert not (tmp_path / "out").exists()


def test_run_needs_inputs_and_an_output(tmp_path):
    assert cli("run").exit_code == EXIT_USAGE
    assert cli("run", tmp_path).exit_code == EXIT_USAGE


def test_a_remote_output_is_refused(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("run", sample, "-o", "s3://bucket/x")
    assert result.exit_code == EXIT_USAGE and "remote outputs are not supported" in result.output
    assert not (tmp_path / "s3:").exists()


def test_more_jobs_than_cores_warns(tmp_path, sample, light_config):
    run(sample, tmp_path / "out", light_config)
    result = cli("run", sample, "--out", tmp_path / "out", "--config", light_config, "--jobs", "64", "--mode", "ignore")
    assert result.exit_code == 0 and "more than the" in result.output


def test_a_field_named_on_the_command_line_that_no_record_has_is_one_exit_2(tmp_path, light_config):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "ข่าว"}\n{"id": "b", "text": "ข่าวสอง"}\n', encoding="utf-8")
    for option in ("--date-field", "--text-field"):
        result = run(src, tmp_path / option, light_config, option, "pubdate")
        assert result.exit_code == EXIT_USAGE, result.output
        assert f"{option} 'pubdate': no such field in the first 2 records" in result.output
        assert result.output.count("error") == 1


def test_markup_in_a_message_is_printed_as_is(tmp_path, sample):
    result = cli("run", sample, "--out", tmp_path / "out", "--ner-model", tmp_path / "[transformers]")
    assert "[transformers]" in result.output
