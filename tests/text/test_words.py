import pytest

from thai_extract.errors import ConfigError
from thai_extract.text.words import MAX_WORD_CHARS, WORD_ENGINES, get_word_engine, thaibreak_boundaries, word_arrays

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


def test_thaibreak_words_are_the_library_pieces_that_are_not_whitespace(sample_text):
    import sys

    import thaibreak

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    texts = [sample_text, TEXT, "", "  ", "😀 e\u0301", *(f"ก{c}ข {c}a{c}" for c in spaces)]
    for text in texts:
        bounds = thaibreak.boundaries(text)
        assert thaibreak_boundaries(text) == bounds
        expected = [(a, b) for a, b in zip(bounds, bounds[1:]) if not text[a:b].isspace()]
        assert get_word_engine("thaibreak")(text) == expected


@pytest.mark.parametrize("engine", sorted(WORD_ENGINES))
def test_no_word_is_longer_than_the_cap(engine):
    text = "ก" + "a" * 250 + " " + "1" * 120 + " ข" + "\u0e34" * 230 + "ค " + "abc" * 60
    words = get_word_engine(engine)(text)
    assert max(e - s for s, e in words) <= MAX_WORD_CHARS
    assert "".join(text[s:e] for s, e in words) == "".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["a", "1", "ก", "\u0e34", "ก ", "( ", "เเ"])
def test_a_5mb_run_of_one_character_gives_bounded_words(unit):
    text = unit * (5_000_000 // len(unit))
    starts, ends = word_arrays(text)
    assert (ends - starts).max() <= MAX_WORD_CHARS
    assert (starts[1:] >= ends[:-1]).all()
    assert (ends - starts).sum() == len(text) - text.count(" ")
