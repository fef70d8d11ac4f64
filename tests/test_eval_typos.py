import json

from thai_extract.eval.typos import apply_fixes, evaluate, score


def _write(tmp_path):
    rows = [
        {"id": "a", "text": "ความร่วมมือด้านการหหาร", "clean": "ความร่วมมือด้านการทหาร",
         "typo": {"start": 18, "end": 22, "wrong": "หหาร", "right": "ทหาร", "kind": "anticipate"}},
        {"id": "b", "text": "รัสเซียกับมาเลเซียร่วมมือกัน", "clean": "รัสเซียกับมาเลเซียร่วมมือกัน", "typo": None},
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path, rows


def test_apply_fixes():
    assert apply_fixes("abcdef", [(3, 4, "X"), (0, 1, "")]) == "bcXef"


def test_score_counts_recall_precision_and_false_alarms(tmp_path):
    _, rows = _write(tmp_path)
    perfect = score(rows, lambda t: [(18, 22, "ทหาร")] if "หหาร" in t else [])
    assert perfect["recall"] == 1.0 and perfect["precision"] == 1.0 and perfect["false_alarms_per_1k_words"] == 0
    noisy = score(rows, lambda t: [(0, 4, "คสาม")])
    assert noisy["recall"] == 0.0 and noisy["precision"] == 0.0 and noisy["false_alarms_per_1k_words"] > 0


def test_evaluate_our_system(tmp_path):
    path, _ = _write(tmp_path)
    rows = evaluate(path, baselines=False)
    assert list(rows[0])[0] == "system" and rows[0]["system"] == "thai-extract"
    assert rows[0]["recall"] == 1.0 and rows[0]["precision"] == 1.0
