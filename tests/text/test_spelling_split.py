"""Typos the segmenter cuts into real words, typos at the start of a run, and document evidence that
does not depend on the document's length."""

from pathlib import Path

import pytest

from thai_extract.text.spelling.corrector import SpellingCorrector, _DocIndex

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw" / "sample_article.txt"


@pytest.fixture(scope="module")
def corrector():
    return SpellingCorrector.load()


def _fixes(corrector, text):
    return [(s.original, s.text) for s in corrector.suggest(text) if s.score >= 0.5]


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("ให้เป็นไปตามกฎหายที่กำหนดไว้", "กฎหาย", "กฎหมาย"),  # กฎ|หาย: two real words, a dropped ม
    ("มีรายละเอียดดังนี่ การประชุม", "ดังนี่", "ดังนี้"),  # ดัง|นี่: a neighbouring tone mark
    ("เพื่อความมั่นคงของแผนดินไทย", "แผนดิน", "แผ่นดิน"),  # แผน|ดิน: a dropped tone mark
])
def test_typo_split_into_real_words_is_fixed_in_context(corrector, text, wrong, right):
    got = [s for s in corrector.suggest(text) if s.score >= 0.5]
    assert [(s.original, s.text) for s in got] == [(wrong, right)]
    assert got[0].method.startswith("noisy-channel-split:")


def test_real_word_pairs_in_normal_use_are_left_alone(corrector):
    for text in ["นายกรัฐมนตรีกล่าวในฐานะประธานที่ประชุม", "ตามกฎหมายที่กำหนดไว้", "มีรายละเอียดดังนี้ การประชุม",
                 "เพื่อความมั่นคงของแผ่นดินไทย", "ข้อความและผ่านช่องทางออนไลน์"]:
        assert _fixes(corrector, text) == []


def test_typo_at_the_start_of_a_run_after_a_space(corrector):
    text = "เจ้าหน้าที่ของ ำนักงานเขตเดินทางมาถึง"  # thaibreak glues "ำ" to the space before it
    got = [s for s in corrector.suggest(text) if s.score >= 0.5]
    assert len(got) == 1
    s = got[0]
    assert text[:s.start] + s.text + text[s.end:] == "เจ้าหน้าที่ของ สำนักงานเขตเดินทางมาถึง"


def test_document_repeated_three_times_gets_the_same_corrections_three_times(corrector):
    one = SAMPLE.read_text(encoding="utf-8") + "\n"
    base = [(s.start, s.end, s.text, s.score) for s in corrector.suggest(one)]
    assert base
    got = [(s.start, s.end, s.text, s.score) for s in corrector.suggest(one * 3)]
    want = [(a + k * len(one), b + k * len(one), t, sc) for k in range(3) for a, b, t, sc in base]
    assert got == want


def test_doc_index_counts_contexts_not_copies():
    name = ["นาย", "วลาดิ", "มีรร์", " ", "วลาดิ", "มีรร์", "กล่าว"]
    idx = _DocIndex(name)
    assert idx.contexts(("วลาดิ", "มีรร์")) == 2  # the same name in two contexts
    copied = ["การ", "หหาร", "และ", "\n"] * 3
    idx = _DocIndex(copied)
    assert idx.contexts(("หหาร",), width=1) == 1  # a copied passage is one typing
    assert idx.occurs(("การ", "หหาร")) and not idx.occurs(("หหาร", "การ"))


# a dropped first or last letter ("ระทรวง", "รัฐบา") depends on the letters around the string
@pytest.mark.parametrize("q", ["กฎหาย", "ดังนี่", "แผนดิน", "ติดตามาร", "ระทรวง", "รัฐบา"])
def test_split_candidates_from_the_cache_match_the_uncached_ones(corrector, q):
    raw = corrector._split_candidates_uncached(q)
    for before, after in (("", ""), ("ก", "ล"), ("ม", "ม")):
        expected = {w: (cost, kind) for w, (cost, kind, edge) in raw.items()
                    if not edge or (edge == "<" and w[0] != before) or (edge == ">" and w[-1] != after)}
        for _ in range(2):  # the second time from the cache
            assert corrector._split_candidates(q, before, after) == expected


@pytest.mark.parametrize(("q", "lo", "hi"), [("ระหส่าง", 0, 7), ("การหหาร", 3, 5), ("นักท่องเที่ย", 9, 12), ("กีฬาร", 4, 5)])
def test_candidates_are_every_edit_that_reads_as_one_or_two_words(corrector, q, lo, hi):
    # _candidates writes the dropped-letter edits out by hand; it must list what edits() and
    # _segment() give, in the same order
    pre_ok = [k for k in range(1, len(q)) if q[:k] in corrector.cand_words]
    suf_ok = [k for k in range(1, len(q)) if q[k:] in corrector.cand_words]
    expected, seen = [], set()
    for e in corrector.edits.edits(q, lo, hi):
        if e.v in seen or e.v == q:
            continue
        seen.add(e.v)
        seg = corrector._segment(e.v, pre_ok, suf_ok, e.i, e.dq, e.dv)
        if seg is not None:
            expected.append((e.v, seg, e.cost, e.kind, e.i, e.dq, e.dv))
    got = [(c.v, c.seg, c.cost, c.kind, c.i, c.dq, c.dv) for c in corrector._candidates(q, lo, hi)]
    assert got == expected and got
