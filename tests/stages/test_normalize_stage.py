import pickle

from thai_extract.stages.normalize import NormalizeStage
from tests.conftest import make_doc


def test_normalize_keeps_the_original_and_maps_working_offsets_back():
    doc = NormalizeStage()(make_doc("\u0e40\u0e40ละ\u200bไทย"))
    assert doc.text == "\u0e40\u0e40ละ\u200bไทย"  # as read, never changed
    assert doc.work == "และไทย"
    assert doc.to_original(0, 3) == (0, 4)  # และ ← เเละ
    assert doc.to_original(3, 6) == (5, 8)  # ไทย, after the zero-width space


def test_clean_text_passes_through_without_alignment_layers():
    doc = NormalizeStage()(make_doc("ข้อความปกติ"))
    assert doc.work == doc.text and doc.alignment.is_identity


def test_empty_and_whitespace_only_text():
    assert NormalizeStage()(make_doc("")).work == ""
    assert NormalizeStage()(make_doc(" \n\t")).work == " \n\t"


def test_stage_pickles_and_reports_its_config():
    stage = pickle.loads(pickle.dumps(NormalizeStage(rules=["spaces", "nfc"])))
    assert stage.config() == {"rules": ["spaces", "nfc"]}
