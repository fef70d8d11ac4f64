"""``thai_extract.eval.cooperation`` on a tiny file."""

from __future__ import annotations

import json

from thai_extract.eval.cooperation import evaluate


def test_evaluate_tiny(tmp_path):
    coop = "ไทยและญี่ปุ่นจะขยายความร่วมมือด้านเทคโนโลยีอวกาศ"
    domestic = "รัฐบาลลดภาษีเพื่อกระตุ้นเศรษฐกิจ"
    records = [{"doc_id": "t1", "text": coop, "spans": [{"start": 0, "end": len(coop), "areas": ["space"],
                                                          "parties": ["JP", "TH"]}]},
               {"doc_id": "t2", "text": domestic, "spans": [{"start": 0, "end": len(domestic), "areas": [],
                                                              "parties": []}]}]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    rows = evaluate(path)
    assert [r["system"] for r in rows] == ["thai-extract", "rules only", "keyword lookup"]
    ours, rules, base = rows
    assert rules["area_f1"] == 1.0 and rules["domestic_tagged"] == 0.0
    assert list(ours)[0] == "system"
    assert ours["area_f1"] == 1.0 and ours["party_f1"] == 1.0 and ours["domestic_tagged"] == 0.0
    assert base["domestic_tagged"] == 1.0 and base["area_p"] < 1.0
    assert ours["n_coop"] == 1 and ours["n_domestic"] == 1
    assert len(evaluate(path, baselines=False)) == 1
    assert ours["event_party_f1"] == 1.0   # the event of the passage names the same parties


def test_party_codes_are_compared_in_one_spelling():
    from thai_extract.eval.cooperation import score
    from thai_extract.text.cooperation.taxonomy import cached_taxonomy

    records = [{"spans": [{"start": 0, "end": 9, "areas": ["trade"], "parties": ["IMT-GT", "TH"]}]}]
    row = score(records, [[({"trade"}, {"IMT_GT", "TH"})]], cached_taxonomy(), "ours", 9, 1.0)
    assert row["party_f1"] == 1.0
