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


def test_recall_is_reported_by_kind_of_typo(tmp_path):
    _, rows = _write(tmp_path)
    got = score(rows, lambda t: [(18, 22, "ทหาร")] if "หหาร" in t else [])
    assert got["recall_anticipate"] == 1.0 and not any(k.startswith("recall_") and k != "recall_anticipate" for k in got)


def test_detection_counts_overlapping_spans():
    from thai_extract.eval.typos import score_detection

    lines = [{"text": "ได้ข้อมูลที่มีประโยดมาคงดีนะครับ", "misspelled_spans": [{"start": 14, "end": 20}]},
             {"text": "ความจริงเป็นสิ่งไม่ตาย", "misspelled_spans": []}]
    right = score_detection(lines, lambda t: [(14, 20)] if "ประโยด" in t else [])
    assert right["precision"] == 1.0 and right["recall"] == 1.0 and right["marked"] == 1
    noisy = score_detection(lines, lambda t: [(0, 4)])
    assert noisy["precision"] == 0.0 and noisy["recall"] == 0.0 and noisy["flagged"] == 2


def test_a_right_fix_of_a_listed_source_typo_is_not_held_against_the_system():
    # the article itself misspells กลุ่ม; the bench's typo is in ทหาร
    lines = [
        {"id": "a", "text": "การหหารของกล่มประเทศ", "clean": "การทหารของกล่มประเทศ",
         "typo": {"start": 3, "end": 7, "wrong": "หหาร", "right": "ทหาร", "kind": "anticipate"},
         "source_typos": [{"start": 10, "end": 14, "right": "กลุ่ม"}]},
        {"id": "b", "text": "สมาชิกกล่มอาเซียน", "clean": "สมาชิกกล่มอาเซียน", "typo": None,
         "source_typos": [{"start": 6, "end": 10, "right": "กลุ่ม"}]},
    ]

    def system(text: str) -> list[tuple[int, int, str]]:
        fixes = [(text.find("กล่ม"), text.find("กล่ม") + 4, "กลุ่ม")]
        if "หหาร" in text:
            fixes.append((text.find("หหาร"), text.find("หหาร") + 4, "ทหาร"))
        return fixes

    row = score(lines, system)
    assert (row["recall"], row["precision"]) == (0.0, round(1 / 3, 4))  # as the plain metric sees it
    assert row["false_alarms_per_1k_words"] > 0
    assert (row["recall_adj"], row["precision_adj"], row["false_alarms_adj"]) == (1.0, 1.0, 0.0)
    assert row["source_typos_fixed"] == 2


def test_lines_without_source_typos_have_no_adjudicated_figures():
    lines = [{"id": "a", "text": "การหหาร", "clean": "การทหาร",
              "typo": {"start": 3, "end": 7, "wrong": "หหาร", "right": "ทหาร", "kind": "anticipate"}}]
    assert "recall_adj" not in score(lines, lambda text: [])
