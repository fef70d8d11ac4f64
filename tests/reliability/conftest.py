"""Helpers for the reliability suite: run the CLI on a folder of inputs, read what it wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from thai_extract import load
from thai_extract.cli import app

LIGHT_CONFIG = '[pipeline]\nstages = ["normalize", "segment", "dates"]\n'
"""Fast stages: these tests are about reading, running and writing, not about what stages find."""
THAI = "รัฐบาลไทยหารือกับมาเลเซียเรื่องการค้าเมื่อ 14 พฤษภาคม 2568"


@pytest.fixture
def light_config(tmp_path: Path) -> Path:
    path = tmp_path / "light.toml"
    path.write_text(LIGHT_CONFIG, encoding="utf-8")
    return path


def cli(*args: object):
    """The CLI's result (exit code, output) for ``args``; a traceback fails the test."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def run(inputs: object, out: Path, config: Path, *extra: object):
    return cli("run", inputs, "--out", out, "--config", config, "-j", "1", "-q", *extra)


def jsonl(path: Path, *records: dict | str) -> Path:
    """Write records (dicts as JSON, strings as they are) one a line."""
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")
    return path


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return load(out)


def reasons(out: Path) -> dict[str, str]:
    """errors rows as {source file name (with :line), reason code}."""
    errors = load(out)["errors"]
    return {Path(s).name: r for s, r in zip(errors.source, errors.reason)}
