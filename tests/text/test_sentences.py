"""Examples of how the sentence splitter behaves on Thai text."""

from __future__ import annotations

import itertools
import pickle
import random
from bisect import bisect_left
from operator import and_

import pytest

from thai_extract.text.sentences import (
    MAX_LINE_WORDS,
    SentenceSplitter,
    _get_model,
    candidate_lines,
    feature_strings,
    gap_contexts,
    viterbi,
)
from thai_extract.text.words import thaibreak_words as words_of


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[a:b] for a, b in SentenceSplitter().split(text, words_of(text))]


TEXTS = [
    "นายกรัฐมนตรีเดินทางถึงกรุงมอสโกเมื่อวันที่ 13 พฤษภาคม 2568 ทั้งนี้ การประชุมเป็นไปด้วยดี",
    "วันนี้ (25 ส.ค. 63) เวลา 15.15 น. พลเอก ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี เป็นประธานในพิธีเปิดโครงการ",
    "ประธานาธิบดีวลาร์ดิมีร์ ปูติน ให้การต้อนรับ\nนายอันวาร์ อิบราฮิม  นายกรัฐมนตรีมาเลเซีย กล่าวว่า "
    "ความร่วมมือด้านพลังงานมีความสำคัญมาก ทั้งสองฝ่ายจะลงนามบันทึกความเข้าใจ",
    "  ข้อความมีช่องว่างนำหน้า และท้าย  ",
    "Hello world. ภาษาไทย 123 abc",
]


def test_splits_two_sentences() -> None:
    text = "กระทรวงพาณิชย์จัดงานแสดงสินค้าในวันนี้ ทั้งนี้ ประชาชนสามารถเข้าชมงานได้ฟรี"
    assert sentences(text) == ["กระทรวงพาณิชย์จัดงานแสดงสินค้าในวันนี้", "ทั้งนี้ ประชาชนสามารถเข้าชมงานได้ฟรี"]


def test_never_splits_a_name() -> None:
    text = "ประธานาธิบดีวลาร์ดิมีร์ ปูติน แห่งสหพันธรัฐรัสเซีย ให้การต้อนรับนายกรัฐมนตรีมาเลเซีย"
    assert any("ประธานาธิบดีวลาร์ดิมีร์ ปูติน" in s for s in sentences(text))
    text = "พลเอก ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี และนายศักดิ์สยาม ชิดชอบ รัฐมนตรีว่าการกระทรวงคมนาคม"
    got = sentences(text)
    assert any("พลเอก ประยุทธ์ จันทร์โอชา" in s for s in got)
    assert any("นายศักดิ์สยาม ชิดชอบ" in s for s in got)


def test_never_splits_a_date() -> None:
    text = "การประชุมจัดขึ้นระหว่างวันที่ 13-16 พฤษภาคม 2568 ณ กรุงมอสโก สหพันธรัฐรัสเซีย"
    assert any("13-16 พฤษภาคม 2568" in s for s in sentences(text))
    text = "ในปี พ.ศ. 2568 รัฐบาลจัดสรรงบประมาณ 5 ล้านบาท เวลา 10.00 น. ของวันที่ 5 ก.ย. 63"
    got = sentences(text)
    for phrase in ("พ.ศ. 2568", "5 ล้านบาท", "10.00 น.", "วันที่ 5 ก.ย. 63"):
        assert any(phrase in s for s in got), phrase


def test_newline_always_splits() -> None:
    text = "บรรทัดแรก\nและบรรทัดที่สอง"
    assert sentences(text) == ["บรรทัดแรก", "และบรรทัดที่สอง"]


def test_empty() -> None:
    assert SentenceSplitter().split("", []) == []
    assert SentenceSplitter().split("   \n ", []) == []


@pytest.mark.parametrize("text", TEXTS)
def test_invariants(text: str) -> None:
    words = words_of(text)
    spans = SentenceSplitter().split(text, words)
    starts = {a for a, _ in words}
    ends = {b for _, b in words}
    assert all(a in starts and b in ends and a < b for a, b in spans)
    assert all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    for a, b in words:  # every word in exactly one sentence
        assert sum(s <= a and b <= e for s, e in spans) == 1
    if words:
        assert spans[0][0] == words[0][0] and spans[-1][1] == words[-1][1]


def test_pickles_small_and_still_works() -> None:
    splitter = SentenceSplitter()
    text = TEXTS[0]
    before = splitter.split(text, words_of(text))  # loads the model
    data = pickle.dumps(splitter)
    assert len(data) < 1000
    assert pickle.loads(data).split(text, words_of(text)) == before


def test_missing_model_file(tmp_path) -> None:
    path = tmp_path / "nowhere" / "sentences.json.gz"
    splitter = SentenceSplitter(path)  # nothing is loaded yet
    with pytest.raises(FileNotFoundError, match="nowhere") as err:
        splitter.split("ก ข", [(0, 1), (2, 3)])
    assert "thai_extract.training.sentences" in str(err.value)


def _line_contexts(text: str, splitter: SentenceSplitter):
    words = words_of(text)
    starts, ends = zip(*words)
    ws = [text[s:e] for s, e in words]
    model = splitter._model or _get_model(splitter.model_path)
    for first, last, gaps in candidate_lines(text, starts, ends):
        if gaps:
            yield model, gap_contexts(text, starts, ends, ws, first, last, gaps, model.lex)


def test_gap_scores_are_the_sums_of_the_weights_of_the_feature_strings(sample_text) -> None:
    checked = 0
    for model, contexts in _line_contexts(sample_text + "\n" + "\n".join(TEXTS), SentenceSplitter()):
        expected = [sum(model.weights.get(f, 0.0) for f in feature_strings(c)) for c in contexts]
        assert model.scores(contexts) == expected
        checked += len(contexts)
    assert checked > 100


def test_viterbi_finds_the_best_labels_and_never_splits_a_blocked_gap() -> None:
    rng = random.Random(7)
    t = (0.7, -0.2, -0.2, -0.6)
    for _ in range(200):
        n = rng.randint(1, 7)
        scores = [rng.uniform(-3, 3) for _ in range(n)]
        blocked = [rng.random() < 0.2 for _ in range(n)]

        def total(labels):
            moves = sum(t[2 * a + b] for a, b in zip(labels, labels[1:]))
            return moves + sum(s for s, lab in zip(scores, labels) if lab)

        allowed = [ls for ls in itertools.product([False, True], repeat=n) if not any(map(and_, ls, blocked))]
        assert viterbi(scores, blocked, t) == list(max(allowed, key=total))


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["“ ) ", "นาย ", "ก"])  # brackets, titles, no gap at all
def test_a_5mb_line_gives_sentences_of_bounded_length(unit) -> None:
    text = unit * (5_000_000 // len(unit))
    words = words_of(text)
    spans = SentenceSplitter().split(text, words)
    starts = [s for s, _ in words]
    lengths = [bisect_left(starts, e) - bisect_left(starts, s) for s, e in spans]
    assert sum(lengths) == len(words) and max(lengths) <= MAX_LINE_WORDS
