import pytest

from pipeline.errors import ConfigError
from pipeline.text.words import WORD_ENGINES, get_word_engine

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
