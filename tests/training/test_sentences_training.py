"""Building the sentence model from a few articles, through the CLI, and loading it."""

import gzip
import json

from typer.testing import CliRunner

from thai_extract.cli import app
from thai_extract.text.sentences import SentenceModel

ARTICLE = ("นายกรัฐมนตรีเดินทางเยือนประเทศญี่ปุ่นเมื่อวันที่ 5 ธันวาคม 2566 "
           "ทั้งสองฝ่ายตกลงขยายความร่วมมือด้านเศรษฐกิจ "
           "รัฐมนตรีว่าการกระทรวงการต่างประเทศกล่าวว่าไทยพร้อมสนับสนุนการลงทุน")


def test_train_sentences_writes_a_model_that_loads(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": ARTICLE}, ensure_ascii=False) for _ in range(12)),
                      encoding="utf-8")
    out = tmp_path / "sentences.json.gz"
    result = CliRunner().invoke(app, ["train", "sentences", "--corpus", str(corpus), "--out", str(out),
                                      "--articles", "12"])
    assert result.exit_code == 0, result.output
    model = SentenceModel(json.loads(gzip.decompress(out.read_bytes())))
    assert model.weights and model.transitions


def test_train_sentences_never_overwrites_a_model_unasked(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"text": ARTICLE}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "sentences.json.gz"
    out.write_bytes(b"shipped")
    result = CliRunner().invoke(app, ["train", "sentences", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code != 0 and "--force" in result.output
    assert out.read_bytes() == b"shipped"
