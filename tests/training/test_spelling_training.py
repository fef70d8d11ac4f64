"""Building the spelling language model and training the ranker, on a few articles."""

import json
import random

import numpy as np
import pytest

from thai_extract.text.spelling.lm import WordLM
from thai_extract.training.spelling_lm import HOLDOUT_EVERY, build, split_of
from thai_extract.training.spelling_ranker import channel_typo


def test_every_heldout_split_gets_articles_and_the_bench_is_never_trained_on():
    splits = [split_of(i) for i in range(HOLDOUT_EVERY * 8)]
    assert splits.count("lm") == HOLDOUT_EVERY * 8 - 8
    assert {"bench", "calibration", "ranker"} <= set(splits)


def test_build_a_small_model_and_load_it(tmp_path):
    corpus = tmp_path / "c.jsonl"
    texts = ["รัฐมนตรีว่าการกระทรวงการคลัง กล่าวว่า", "รัฐมนตรีว่าการกระทรวงมหาดไทย กล่าวว่า"] * 30
    corpus.write_text("\n".join(json.dumps({"title": "", "text": t}, ensure_ascii=False) for t in texts),
                      encoding="utf-8")
    meta = build(corpus, tmp_path / "lm.npz", min_trigram=2)
    assert meta["documents"] == len([i for i in range(len(texts)) if split_of(i) == "lm"])
    lm = WordLM.load(tmp_path / "lm.npz")
    assert lm.count("รัฐมนตรี") > 0 and meta["trigrams"] > 0
    assert np.all(np.diff(lm.trigram_keys.astype(np.float64)) > 0)  # sorted, as stored differences
    assert lm.logp("การ", "ว่า", -15.0, prev2="รัฐมนตรี") > lm.logp("การ", "ว่า", -15.0, prev2="กล่าว")


@pytest.mark.parametrize("kind", ["neighbour", "near", "similar", "delete", "insert", "anticipate", "transpose"])
def test_channel_typos_change_the_word(kind):
    rng = random.Random(3)
    got = {channel_typo("ประชาชน", kind, rng) for _ in range(10)} - {None}
    assert got and "ประชาชน" not in got


@pytest.mark.slow
def test_train_a_ranker_on_a_few_lines_and_correct_with_it(shared_data, tmp_path):
    pytest.importorskip("sklearn")
    from thai_extract.text.spelling.corrector import SpellingCorrector
    from thai_extract.training.spelling_ranker import train

    meta = train(shared_data / "thaigov_unlabeled.jsonl.gz", tmp_path / "ranker.json", lines=30, precision=0.0,
                 false_alarms=1000.0)
    assert meta["trained_on"]["right"] > 0 and 0.2 <= meta["calibration"]["threshold"] < 1
    corrector = SpellingCorrector.load(ranker=tmp_path / "ranker.json")
    got = [(s.original, s.text) for s in corrector.suggest("ความร่วมมือด้านการหหาร") if s.score >= 0.2]
    assert got == [("หหาร", "ทหาร")]
