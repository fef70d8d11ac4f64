"""Training the cooperation paragraph model from annotated spans, through the CLI, and using it."""

import json

import pytest
from typer.testing import CliRunner

from thai_extract.cli import app
from thai_extract.stages.cooperation import CooperationStage
from thai_extract.text.cooperation.paragraphs import ParagraphModel

pytest.importorskip("sklearn")

COOPERATION = ["ไทยและญี่ปุ่นลงนามความร่วมมือด้านพลังงาน", "ไทยกับเวียดนามหารือความร่วมมือด้านการค้า",
               "นายกรัฐมนตรีพบผู้นำลาวเพื่อกระชับความสัมพันธ์ด้านการท่องเที่ยว"]
DOMESTIC = ["รัฐบาลลดภาษีเพื่อกระตุ้นเศรษฐกิจ", "กระทรวงศึกษาธิการเปิดภาคเรียนใหม่", "จังหวัดเชียงใหม่จัดงานเทศกาลดอกไม้"]


def eval_file(path):
    """Ten documents, each a cooperation paragraph and a domestic one, labelled as annotators do."""
    lines = []
    for i in range(10):
        coop, domestic = COOPERATION[i % 3], DOMESTIC[i % 3]
        text = f"{domestic}\n{coop}" if i % 2 else f"{coop}\n{domestic}"
        first, second = text.split("\n")
        spans = [{"start": 0, "end": len(first)}, {"start": len(first) + 1, "end": len(text)}]
        for span, part in zip(spans, (first, second)):
            span["areas"], span["parties"] = (["economy"], ["TH", "JP"]) if part == coop else ([], [])
        lines.append(json.dumps({"doc_id": f"d{i}", "text": text, "spans": spans}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_cooperation_writes_a_model_the_stage_loads(tmp_path):
    gold = eval_file(tmp_path / "gold.jsonl")
    result = CliRunner().invoke(app, ["train", "cooperation", "--gold", str(tmp_path / "*.jsonl"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["paragraphs"] == 20 and report["positive"] == 10 and report["files"] == [gold.name]
    assert 0.0 <= report["cross_validation"]["auc"] <= 1.0
    model = ParagraphModel.load(tmp_path / "paragraphs.json")
    assert model.meta["paragraphs"] == 20 and (model.rescue, model.veto) == (0.6, 0.1)
    assert model.weights["m=cue"] > 0   # the cooperation paragraphs are those with cue words
    CooperationStage(paragraph_model=str(tmp_path / "paragraphs.json"))


def test_train_cooperation_never_overwrites_a_model_unasked(tmp_path):
    eval_file(tmp_path / "gold.jsonl")
    (tmp_path / "paragraphs.json").write_text("shipped", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "cooperation", "--gold", str(tmp_path / "gold.jsonl"), "--out", str(tmp_path)])
    assert result.exit_code != 0 and "--force" in result.output
    assert (tmp_path / "paragraphs.json").read_text(encoding="utf-8") == "shipped"
