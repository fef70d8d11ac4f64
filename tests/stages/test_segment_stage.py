import pickle

import pytest

from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from tests.conftest import make_doc


@pytest.fixture(scope="module")
def segment():
    return SegmentStage()


def check_invariants(doc):
    """Sentences and tokens lie inside the original text, in order, and tokens sit in their sentence."""
    for items in (doc.sentences, doc.tokens):
        assert all(0 <= x.start < x.end <= len(doc.text) for x in items)
        assert all(a.end <= b.start for a, b in zip(items, items[1:]))
    for tok in doc.tokens:
        sent = doc.sentences[tok.sent_id]
        assert sent.start <= tok.start and tok.end <= sent.end


def test_sample_article_is_segmented_with_original_offsets(segment, sample_text):
    doc = segment(NormalizeStage()(make_doc(sample_text)))
    check_invariants(doc)
    assert len(doc.sentences) > 10
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)  # the sample needs no normalising
    words = {t.text for t in doc.tokens}
    assert {"อันวาร์", "อิบราฮิม", "มาเลเซีย"} <= words


def test_tokens_of_normalised_text_point_at_the_source_spelling(segment):
    doc = segment(NormalizeStage()(make_doc("ประชุม\u200bสภา \u0e40\u0e40ละรัฐบาล")))
    check_invariants(doc)
    by_text = {t.text: doc.text[t.start:t.end] for t in doc.tokens}
    assert by_text["และ"] == "\u0e40\u0e40ละ"
    assert "\u200b" not in "".join(by_text.values())


def test_empty_whitespace_and_long_input(segment, sample_text):
    assert segment(make_doc("")).tokens == [] and segment(make_doc("")).sentences == []
    assert segment(make_doc("  \n ")).tokens == []
    long_doc = segment(make_doc(sample_text * 30))
    check_invariants(long_doc)
    assert len(long_doc.tokens) > 30 * 500


def test_newlines_always_end_a_sentence(segment):
    doc = segment(make_doc("บรรทัดแรก\nบรรทัดที่สอง"))
    assert [s.text for s in doc.sentences] == ["บรรทัดแรก", "บรรทัดที่สอง"]


def test_segment_stage_pickles_small_and_works_after_unpickling(segment, sample_text):
    segment(make_doc(sample_text))  # loads the model
    data = pickle.dumps(segment)
    assert len(data) < 2_000
    assert pickle.loads(data)(make_doc("ทดสอบ ระบบ")).tokens
