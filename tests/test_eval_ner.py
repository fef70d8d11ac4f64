import json
from types import SimpleNamespace

import pytest

from thai_extract.eval.ner import evaluate, evaluate_system
from thai_extract.text.entities.scoring import score


class Fixed:
    """Predicts the given spans for each text."""

    def __init__(self, answers):
        self.answers = answers

    def tag(self, text):
        return [SimpleNamespace(start=s, end=e, label=lab) for s, e, lab in self.answers.get(text, [])]


@pytest.fixture
def gold_file(tmp_path):
    rows = [
        {"id": "a", "text": "นายสมชาย ไปเชียงใหม่", "entities": [
            {"start": 0, "end": 8, "label": "PERSON", "text": "นายสมชาย"},
            {"start": 11, "end": 20, "label": "LOCATION", "text": "เชียงใหม่"}]},
        {"id": "b", "text": "ธนาคารกรุงไทย 14 พ.ค.", "entities": [
            {"start": 0, "end": 13, "label": "ORGANIZATION", "text": "ธนาคารกรุงไทย"},
            {"start": 14, "end": 21, "label": "DATE", "text": "14 พ.ค."}]},
    ]
    path = tmp_path / "ner.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_exact_match_scores(gold_file):
    system = Fixed({
        "นายสมชาย ไปเชียงใหม่": [(0, 8, "PERSON"), (11, 20, "ORGANIZATION")],  # right, wrong label
        "ธนาคารกรุงไทย 14 พ.ค.": [(0, 6, "ORGANIZATION"), (14, 21, "DATE")],  # wrong span; DATE ignored
    })
    out = evaluate_system(gold_file, system)
    assert (out["precision"], out["recall"], out["f1"]) == (round(1 / 3, 4), round(1 / 3, 4), round(1 / 3, 4))
    assert (out["f1_PERSON"], out["f1_ORGANIZATION"], out["f1_LOCATION"]) == (1.0, 0.0, 0.0)
    assert out["chars_per_s"] > 0


def test_score_of_nothing_is_zero():
    assert score([[]], [[]])["f1"] == 0.0
    assert score([[(0, 2, "PERSON")]], [[(0, 2, "PERSON")]])["f1"] == 1.0


def test_evaluate_rows_start_with_the_system_name(gold_file):
    rows = evaluate(gold_file, baselines=False)
    assert [list(r)[0] for r in rows] == ["system"] and 0.0 <= rows[0]["f1"] <= 1.0
