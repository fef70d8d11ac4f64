import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from thai_extract.alignment import Alignment, Edit


def test_identity_alignment_maps_every_span_to_itself():
    alignment = Alignment()
    assert alignment.is_identity
    assert alignment.to_original(3, 7) == (3, 7)


def test_replacement_maps_inner_spans_to_the_whole_replaced_piece():
    original = "ab\u0e40\u0e40cd"  # เเ → แ
    alignment = Alignment()
    work = alignment.apply(original, [Edit(2, 4, "\u0e41")])
    assert work == "ab\u0e41cd"
    assert alignment.to_original(2, 3) == (2, 4)
    assert alignment.to_original(3, 5) == (4, 6)
    assert alignment.to_original(0, 5) == (0, 6)


def test_deleted_characters_stay_outside_spans_that_touch_them():
    original = "ab\u200bcd"
    alignment = Alignment()
    work = alignment.apply(original, [Edit(2, 3, "")])
    assert work == "abcd"
    assert alignment.to_original(0, 2) == (0, 2)  # "ab" ends before the ZWSP
    assert alignment.to_original(2, 4) == (3, 5)  # "cd" starts after it
    assert alignment.to_original(0, 4) == (0, 5)


def test_layers_compose_newest_first():
    alignment = Alignment()
    work = alignment.apply("x\u200byy", [Edit(1, 2, "")])  # "xyy"
    work = alignment.apply(work, [Edit(1, 3, "zzz")])  # "xzzz"
    assert work == "xzzz"
    assert alignment.to_original(1, 4) == (2, 4)
    assert alignment.spans_to_original([(0, 1), (1, 4)]) == [(0, 1), (2, 4)]


def test_edits_that_change_nothing_add_no_layer():
    alignment = Alignment()
    assert alignment.apply("abc", [Edit(0, 1, "a")]) == "abc"
    assert alignment.is_identity


def test_arrays_of_spans_map_as_each_span_alone():
    alignment = Alignment()
    work = alignment.apply("x\u200byy\u0e40\u0e40z", [Edit(1, 2, ""), Edit(4, 6, "\u0e41")])  # "xyyแz"
    work = alignment.apply(work, [Edit(1, 3, "zzz")])  # "xzzzแz"
    spans = [(s, e) for s in range(len(work) + 1) for e in range(len(work) + 1)]
    one_by_one = [alignment.to_original(s, e) for s, e in spans]
    starts, ends = (np.array(x, dtype=np.int64) for x in zip(*spans))
    mapped = alignment.arrays_to_original(starts, ends)
    assert list(zip(*(a.tolist() for a in mapped))) == one_by_one
    assert alignment.spans_to_original(spans) == one_by_one


@given(st.data())
def test_any_edits_map_arrays_as_one_by_one(data):
    text = data.draw(st.text(alphabet="ab\u200b\u0e40", max_size=30))
    alignment = Alignment()
    for _ in range(data.draw(st.integers(1, 3))):
        cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
        edits = [Edit(a, b, data.draw(st.text(alphabet="xy", max_size=3))) for a, b in zip(cuts[::2], cuts[1::2])]
        text = alignment.apply(text, edits)
    spans = [(s, e) for s in range(len(text) + 1) for e in range(s, len(text) + 1)]
    starts, ends = (np.array(x, dtype=np.int64) for x in zip(*spans))
    mapped = alignment.arrays_to_original(starts, ends)
    assert list(zip(*(a.tolist() for a in mapped))) == [alignment.to_original(s, e) for s, e in spans]
