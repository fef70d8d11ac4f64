import pytest

from thai_extract.text.normalize import RULES, Normalizer, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ก\u0e48\u0e35", "ก\u0e35\u0e48"),  # tone mark typed before the vowel: ก่ี → กี่
        ("\u0e40\u0e40ละ", "และ"),  # two SARA E → SARA AE
        ("น\u0e4d\u0e49\u0e32", "น\u0e49\u0e33"),  # NIKHAHIT + tone + SARA AA → น้ำ
        ("ก\u0e32\u0e48", "ก\u0e48\u0e32"),  # tone after the following vowel → ก่า
        ("ก\u0e48\u0e48\u0e32", "ก\u0e48\u0e32"),  # duplicated tone mark
        ("สวัสดี\u200bครับ", "สวัสดีครับ"),  # zero-width space
        ("พ \u0e38\u0e48ม", "พ\u0e38\u0e48ม"),  # space typed before a mark
        ("a\u00a0b\u3000c", "a b c"),  # odd spaces
        ("cafe\u0301", "café"),  # NFC
        ("ข้อความปกติ ไม่ต้องแก้", "ข้อความปกติ ไม่ต้องแก้"),
    ],
)
def test_normalize_text_fixes_common_thai_input_problems(raw, expected):
    assert normalize_text(raw) == expected


def test_rules_can_be_switched_off():
    assert normalize_text("\u0e40\u0e40ละ\u200b", rules=["invisible"]) == "\u0e40\u0e40ละ"


def test_unknown_rule_names_list_the_choices():
    with pytest.raises(ValueError, match="choose from"):
        Normalizer(["nope"])


def test_normalizer_pickles_with_its_rules():
    import pickle

    clone = pickle.loads(pickle.dumps(Normalizer(["spaces"])))
    assert clone.rules == ("spaces",)
    assert set(RULES) >= set(clone.rules)


def test_a_long_run_of_mixed_marks_becomes_one_mark_of_each_kind():
    assert normalize_text("ก" + "\u0e48\u0e34" * 1000 + "ข") == "ก\u0e34\u0e48ข"


@pytest.mark.slow
@pytest.mark.parametrize(("unit", "expected"), [("\u0e34", "\u0e34"), ("\u0e40\u0e40", "\u0e41" * 2_500_000),
                                                 ("\u200b", ""), ("\u00a0", " " * 5_000_000)])
def test_5mb_of_one_repeated_character_is_normalised(unit, expected):
    assert normalize_text(unit * (5_000_000 // len(unit))) == expected
