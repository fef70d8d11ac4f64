"""Property tests: for any mix of Thai, Latin, marks and whitespace, spans stay sound."""

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from tests.conftest import make_doc

THAI_LETTERS = "กขคงจฉชซญดตถทนบปผพฟมยรลวศษสหอฮ"
THAI_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
THAI_VOWELS = "\u0e30\u0e32\u0e33\u0e40\u0e41\u0e42\u0e43\u0e44"
ODD = "\u200b\u200c\u00a0\u3000\ufeff\u0301.,!?()\"'-0123456789"
pieces = st.sampled_from(
    list(THAI_LETTERS) + list(THAI_MARKS) + list(THAI_VOWELS) + list("abcXYZ é")
    + [" ", "  ", "\n", "\t", "\r\n"] + list(ODD)
    + ["ประเทศไทย", "อันวาร์ อิบราฮิม", "พ.ศ. 2568", "กรุงมอสโก", "\u0e40\u0e40ละ"]
)
texts = st.one_of(st.lists(pieces, max_size=60).map("".join), st.text(max_size=80))

NORMALIZE, SEGMENT = NormalizeStage(), SegmentStage()


def is_blank(ch: str) -> bool:
    """Whitespace, or an invisible format/control character the normaliser removes."""
    return ch.isspace() or unicodedata.category(ch) in {"Cf", "Cc"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("กa\u0301")  # NFC composes across a word that the segmenter then splits
@example("ก\u0e32\u0e48 \u200b\n")
def test_spans_lie_inside_the_text_are_ordered_and_cover_every_visible_character(text):
    doc = SEGMENT(NORMALIZE(make_doc(text)))
    for items in (doc.sentences, doc.tokens):
        assert all(0 <= x.start < x.end <= len(text) for x in items)
        assert all(a.end <= b.start for a, b in zip(items, items[1:]))
    covered = set()
    for tok in doc.tokens:
        covered.update(range(tok.start, tok.end))
        sent = doc.sentences[tok.sent_id]
        assert sent.start <= tok.start and tok.end <= sent.end
    assert all(i in covered for i, ch in enumerate(text) if not is_blank(ch))
    assert all(t.text and not t.text.isspace() for t in doc.tokens)
