import pytest

from thai_extract.errors import ConfigError
from thai_extract.text.words import WORD_ENGINES, get_word_engine

TEXT = "นายกรัฐมนตรีอันวาร์ อิบราฮิมเยือน  กรุงมอสโก\nเมื่อ 14 พฤษภาคม 2568"


@pytest.mark.parametrize("engine", sorted(WORD_ENGINES))
def test_every_engine_covers_all_non_space_characters_with_ordered_spans(engine):
    spans = get_word_engine(engine)(TEXT)
    assert spans == sorted(spans)
    assert all(s < e and not TEXT[s:e].isspace() for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    covered = "".join(TEXT[s:e] for s, e in spans)
    assert covered == "".join(TEXT.split())


def test_thaibreak_keeps_transliterated_names_whole():
    words = [TEXT[s:e] for s, e in get_word_engine("thaibreak")(TEXT)]
    assert "อันวาร์" in words and "อิบราฮิม" in words


def test_unknown_engine_lists_the_choices():
    with pytest.raises(ConfigError, match="thaibreak"):
        get_word_engine("deepcut")


def test_default_engine_keeps_its_word_boundary_f1_on_the_wisesight_gold(shared_data):
    raw = (shared_data / "seg_wisesight1000.raw.txt").read_text(encoding="utf-8").split("\n")
    gold = (shared_data / "seg_wisesight1000.gold.txt").read_text(encoding="utf-8").split("\n")
    tp = fp = fn = 0
    for line, gold_line in zip(raw, gold):
        if not line.strip():
            continue
        expected, pos = set(), 0
        for piece in gold_line.split("|"):
            if piece and not piece.isspace():
                expected |= {pos, pos + len(piece)}
            pos += len(piece)
        predicted = {b for span in get_word_engine("thaibreak")(line) for b in span}
        tp, fp, fn = tp + len(predicted & expected), fp + len(predicted - expected), fn + len(expected - predicted)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.94  # measured 0.9446 (bench/word_engines.py); newmm scores 0.92
