import json

from thai_extract.eval.dates import Span, evaluate, match_spans


def test_match_spans_is_one_to_one_by_overlap():
    gold = [Span(0, 10), Span(12, 20)]
    pred = [Span(5, 15), Span(30, 40)]
    assert match_spans(gold, pred) == [(Span(0, 10), Span(5, 15))]


def test_evaluate_on_a_tiny_file(tmp_path):
    text = "ประชุมเมื่อ 14 พฤษภาคม 2568 และปี 2565 ราคา 30 บาท"
    records = [
        {"doc_id": "a", "text": text, "published": "2025-05-20", "dates": [
            {"start": 11, "end": 26, "start_date": "2025-05-14", "end_date": "2025-05-14", "granularity": "day"},
            {"start": 29, "end": 36, "start_date": "2022-01-01", "end_date": "2022-12-30", "granularity": "year"},
            {"start": 42, "end": 44, "start_date": None, "end_date": None, "granularity": None},  # a miss
        ]},
        {"doc_id": "b", "text": "ไม่มีวันที่ในประโยคนี้", "published": None, "dates": []},
    ]
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    [row] = evaluate(path, baselines=False)
    assert row["system"] == "thai-extract"
    assert (row["n_gold"], row["n_pred"], row["matched"]) == (3, 2, 2)
    assert row["span_p"] == 1.0 and row["span_r"] == round(2 / 3, 4) and row["span_f1"] == 0.8
    assert row["n_valued"] == 2 and row["value_acc"] == 0.5  # the year's gold end_date is wrong on purpose


def test_evaluate_reports_a_dateparser_row(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    rows = evaluate(path)
    assert [r["system"] for r in rows] == ["thai-extract", "dateparser"]
