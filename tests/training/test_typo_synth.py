"""The bench's typo generator: how people mistype Thai, apart from the corrector's channel model."""

import random

import pytest

from thai_extract.training.typo_synth import BENCH, adjacent_keys, generate, lookalikes, mistype, other_level


def test_kedmanee_keys_and_lookalikes():
    assert "ก" in adjacent_keys("ห") and "ด" in adjacent_keys("ก")  # a s d f: ฟ ห ก ด
    assert "ฟ" not in adjacent_keys("ด")
    assert other_level("ด") == "โ" and other_level("โ") == "ด"
    assert "ภ" in lookalikes("ถ") and "ป" in lookalikes("บ")


@pytest.mark.parametrize("kind", [k for k, _ in BENCH.kinds])
def test_each_kind_makes_a_different_string(kind):
    rng = random.Random(0)
    typed = [mistype(w, kind, rng) for w in ("ระหว่าง", "ประชาชน", "แผ่นดิน", "ที่ได้")]
    assert any(typed) and all(t != w for t, w in zip(typed, ("ระหว่าง", "ประชาชน", "แผ่นดิน", "ที่ได้")) if t)


def test_sign_dropped_and_vowel_doubled():
    rng = random.Random(1)
    assert mistype("แผ่นดิน", "sign_dropped", rng) in {"แผนดิน", "แผ่นดน"}
    assert mistype("ระหว่าง", "vowel_doubled", rng) in {"ระะหว่าง", "ระหว่าาง"}


def test_generated_bench_is_deterministic_and_well_formed(shared_data):
    corpus = shared_data / "thaigov_unlabeled.jsonl.gz"
    small = BENCH.__class__(typo_lines=20, clean_lines=20)
    lines = generate(corpus, small)
    assert lines == generate(corpus, small)
    assert sum(1 for r in lines if r["typo"]) == 20 and len(lines) == 40
    for r in lines:
        t = r["typo"]
        if t:
            assert r["text"][t["start"]:t["end"]] == t["wrong"]
            assert r["text"][:t["start"]] + t["right"] + r["text"][t["end"]:] == r["clean"]
        else:
            assert r["text"] == r["clean"]
