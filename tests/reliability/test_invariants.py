"""The invariant, on random folders of good and bad inputs: every good record is in ``documents`` (and
``load()``) exactly once, every bad one is exactly one errors row, and the run exits 0 or 1."""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thai_extract import load
from tests.reliability.conftest import LIGHT_CONFIG, cli

WORDS = ["ข่าว", "รัฐบาล", "ความร่วมมือ", "14 พฤษภาคม 2568", "กรุงเทพ", "ASEAN", " ", "\n"]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map("".join).filter(str.strip)


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes, int, int]:
    """(file name suffix, content, good records, bad records) of one input file."""
    kind = draw(st.sampled_from(["txt", "jsonl", "jsonl_gz", "csv", "binary", "empty", "bad_utf8", "unsupported"]))
    if kind == "txt":
        return ".txt", draw(texts).encode(), 1, 0
    if kind in ("jsonl", "jsonl_gz"):
        lines, good, bad = [], 0, 0
        for record in draw(st.lists(st.one_of(texts, st.sampled_from(["{broken", "[1, 2]", '{"title": "x"}'])),
                                    min_size=1, max_size=5)):
            if record in ("{broken", "[1, 2]", '{"title": "x"}'):
                lines.append(record)
                bad += 1
            else:
                lines.append(json.dumps({"text": record}, ensure_ascii=False))
                good += 1
        data = ("\n".join(lines) + "\n").encode()
        return (".jsonl.gz", gzip.compress(data), good, bad) if kind == "jsonl_gz" else (".jsonl", data, good, bad)
    if kind == "csv":
        rows = draw(st.lists(texts.map(lambda t: t.replace("\n", " ").replace('"', "")), min_size=1, max_size=4))
        return ".csv", ("text\n" + "".join(f'"{r}"\n' for r in rows)).encode(), len(rows), 0
    if kind == "binary":
        return ".txt", bytes(range(256)), 0, 1
    if kind == "empty":
        return ".txt", b"   \n", 0, 1
    if kind == "bad_utf8":
        return ".txt", "ข่าวไทย".encode()[:7] + b"\xff\xfe" + "ข่าวไทย".encode()[7:], 0, 1
    return ".jpg", b"\xff\xd8\xff\xe0", 0, 0  # not read, not an error: counted in the summary


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(files(), min_size=1, max_size=6))
def test_every_good_record_once_every_bad_one_an_errors_row(specs):
    tmp = Path(tempfile.mkdtemp())
    try:
        src = tmp / "in"
        (src / "sub").mkdir(parents=True)
        for i, (suffix, data, _, _) in enumerate(specs):
            (src / ("sub" if i % 2 else "") / f"f{i}{suffix}").write_bytes(data)
        config = tmp / "light.toml"
        config.write_text(LIGHT_CONFIG, encoding="utf-8")
        result = cli("run", src, "--out", tmp / "out", "--config", config, "-j", "1", "-q")
        good, bad = sum(s[2] for s in specs), sum(s[3] for s in specs)
        assert result.exit_code == (1 if bad else 0), result.output
        tables = load(tmp / "out")
        assert len(tables["documents"]) == good and tables["documents"].doc_id.is_unique
        assert len(tables["errors"]) == bad
        assert set(tables["tokens"].doc_id) <= set(tables["documents"].doc_id)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
