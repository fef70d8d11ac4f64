import pytest

from thai_extract.eval.typos import apply_fixes
from thai_extract.text.spelling.corrector import SpellingCorrector
from thai_extract.text.spelling.keyboard import neighbours, shift_pair, shifted_digit, similar, substitutions


@pytest.fixture(scope="module")
def corrector():
    return SpellingCorrector.load()


def test_kedmanee_neighbours_and_lookalikes():
    assert "ก" in neighbours("ห") and "ด" in neighbours("ก")  # a s d f row: ห ก ด
    assert "่" in neighbours("ี")
    assert shift_pair("ด") == "โ" and shift_pair("โ") == "ด"
    assert "ต" in similar("ด") and "ป" in similar("บ") and "้" in similar("่")
    assert all(kind in {"neighbour", "near", "similar", "shift"} for _, kind in substitutions("ก"))
    assert ("ย", "near") in substitutions("ง")  # a diagonal slip one key further
    # straight up or down across the stagger of the rows: ุ on 6 over ี on U, ๊ under ู
    assert ("ี", "near") in substitutions("ุ") and ("ู", "near") in substitutions("๊")
    assert shifted_digit("จ") == "๗" and shifted_digit("ก") is None


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("ความร่วมมือด้านการหหาร", "หหาร", "ทหาร"),
    ("การแข่งขันอิทธิพลระหส่างสหรัฐฯ กับจีน", "ระหส่าง", "ระหว่าง"),
    ("เขาฟด้ไปที่บ้าน", "ฟด้", "ได้"),
    ("คำนวณม๊ลค่าการส่งออก", "ม๊ล", "มูล"),  # a key straight above across the stagger
    ("ผลการพิ๗ารณาของคณะกรรมการ", "พิ๗ารณา", "พิจารณา"),  # shift held on จ types ๗
    ("ข้อมูลของเจ้าหน้าที่๘องรัฐ", "๘อง", "ของ"),
    ("ส่งเสริมการท่องเที่ยวและกีฬาร ของจังหวัด", "กีฬาร", "กีฬา"),  # an extra letter after the word
])
def test_fixes_typos_in_context(corrector, text, wrong, right):
    got = [(s.original, s.text) for s in corrector.suggest(text) if s.score >= 0.5]
    assert got == [(wrong, right)]


def test_clean_text_and_names_are_left_alone(corrector):
    for text in ["นายกรัฐมนตรีอันวาร์ อิบราฮิมของมาเลเซีย เยือนกรุงมอสโก",
                 "ประธานาธิบดีวลาร์ดิมีร์ ปูตินของรัสเซีย", "ที่เมืองวลาดิวอสต็อก เมื่อปี 2567",
                 "Eastern Economic Forum 2025", ""]:
        assert [s for s in corrector.suggest(text) if s.score >= 0.5] == []


def test_thai_digits_written_as_numbers_are_left_alone(corrector):
    for text in ["ประกาศฉบับที่ ๘ ลงวันที่ ๒ มีนาคม", "ในปี๒๕๖๗ รัฐบาลได้", "ข้อ๓ ของระเบียบ"]:
        assert [s for s in corrector.suggest(text) if s.score >= 0.5] == []


def test_repeated_unknown_word_is_a_name(corrector):
    text = "นายสมชายพบนายวลาดิมีรร์ วลาดิมีรร์กล่าวว่า"
    assert corrector.suggest(text) == []


def test_suggestion_offsets_index_the_text(corrector):
    text = "เพื่อรวบรวาผู้นำจากภาครัฐ"
    for s in corrector.suggest(text):
        assert text[s.start:s.end] == s.original and 0 <= s.score <= 1


def test_a_name_in_the_entity_gazetteer_is_never_corrected(corrector):
    # "หล่าวกาย" (Lao Cai, a Vietnamese city GeoNames names in Thai) reads as a typo without the gazetteer
    assert "หล่าวกาย" in corrector.names
    assert corrector.suggest("เดินทางไปยังหล่าวกายเมื่อวันนี้") == []


def test_after_a_title_only_a_common_phrase_is_fixed(corrector):
    text = "รัฐมนตรีวาาการกระทรวงมหาดไทย"
    fixes = [(s.start, s.end, s.text) for s in corrector.suggest(text) if s.score >= 0.5]
    assert apply_fixes(text, fixes) == "รัฐมนตรีว่าการกระทรวงมหาดไทย"
    assert corrector.suggest("นายวลาดิมีรร์กล่าวว่า") == []  # a name after a title stays
