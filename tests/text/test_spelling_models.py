"""The pieces under the corrector: the edit model, the trigram language model, the ranker's features,
and the name lists that protect a word."""

import pytest

from thai_extract.text.spelling.edits import KINDS, EditModel
from thai_extract.text.spelling.lexicon import BOUNDARY, gazetteer_names, lm_tokens
from thai_extract.text.spelling.lm import WordLM
from thai_extract.text.spelling.ranker import FEATURES, feature_vector


@pytest.fixture(scope="module")
def lm():
    return WordLM.load()


def test_edit_model_explains_a_typo_by_the_intended_word():
    found = {e.v: e for e in EditModel().edits("หหาร")}
    assert found["ทหาร"].kind == "anticipate"  # ท typed as the next letter, ห
    assert found["หาร"].kind == "double"
    assert {e.kind for e in EditModel().edits("ระหส่าง")} <= set(KINDS)
    assert any(e.v == "ระหว่าง" and e.kind == "neighbour" for e in EditModel().edits("ระหส่าง"))


def test_edit_positions_index_the_typed_string():
    for e in EditModel().edits("กฎหาย"):
        assert e.v[:e.i] == "กฎหาย"[:e.i] and e.v[e.i + e.dv:] == "กฎหาย"[e.i + e.dq:]


def test_trigram_context_sharpens_the_bigram(lm):
    toks = lm_tokens("นายกรัฐมนตรีกล่าวว่า การประชุมในวันนี้ เป็นไปด้วยดี")
    assert toks[0] == toks[-1] == BOUNDARY and "ประชุม" in toks
    assert lm.sequence_logp(toks, -15.0, order=3) > lm.sequence_logp(toks, -15.0, order=2)
    assert lm.logp("ประชุม", "การ", -15.0, prev2=BOUNDARY) > lm.logp("ประชุม", "การ", -15.0)
    assert lm.logp("ประชุม", "การ", -15.0, prev2="ฟฟฟ") == lm.logp("ประชุม", "การ", -15.0)  # unknown context


def test_feature_vector_follows_the_feature_names():
    x = feature_vector({"gain": 2.0, "doc": True}, "neighbour")
    assert len(x) == len(FEATURES)
    assert x[FEATURES.index("gain")] == 2.0 and x[FEATURES.index("doc")] == 1.0
    assert x[FEATURES.index("kind_neighbour")] == 1.0 and sum(x[-len(KINDS):]) == 1.0


def test_gazetteer_names_are_thai_surface_forms():
    names = gazetteer_names()
    assert "มาเลเซีย" in names and "รัสเซีย" in names
    assert all(len(n) >= 2 for n in names)


@pytest.mark.parametrize("typed", ["หหาร", "ระหส่าง", "กฎหาย", "ดังนี่", "แผนดิน", "ประชทชน"])
def test_explain_finds_the_cheapest_edit_that_edits_lists(typed):
    model = EditModel()
    cheapest: dict[tuple[str, int], float] = {}
    for e in model.edits(typed):
        for j in range(e.i - 1, e.i + 2):
            key = (e.v, j)
            cheapest[key] = min(cheapest.get(key, 99.0), e.cost)
    for (v, j), cost in list(cheapest.items())[:400]:
        got = model.explain(typed, v, j)
        assert got is not None and got.v == v and got.cost <= cost


def test_ranker_file_round_trip(tmp_path):
    import json

    from thai_extract.text.spelling.ranker import Ranker

    n = len(FEATURES)
    coef = [1.0 if f == "gain" else 0.0 for f in FEATURES]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"features": list(FEATURES), "mean": [0.0] * n, "scale": [1.0] * n,
                                "coef": coef, "intercept": 0.0}), encoding="utf-8")
    ranker = Ranker.load(path)
    low, high = (ranker.probability(feature_vector({"gain": g}, "neighbour")) for g in (-2.0, 2.0))
    assert low < 0.5 < high
    path.write_text(json.dumps({"features": ["gain"], "mean": [0.0], "scale": [1.0], "coef": [1.0],
                                "intercept": 0.0}), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        Ranker.load(path)
