import json
import pickle

import pytest

from thai_extract.stages.base import ENTITIES, SENTENCES, TOKENS
from thai_extract.stages.entities import EntitiesStage
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from tests.conftest import make_doc


@pytest.fixture(scope="module")
def stages():
    return NormalizeStage(), SegmentStage(), EntitiesStage()


def run(stages, text):
    doc = make_doc(text)
    for stage in stages:
        doc = stage(doc)
    return doc


def test_sample_article_every_seed_entity_with_label_and_canonical(stages, shared_data):
    text = (shared_data / "sample_article.txt").read_text(encoding="utf-8")
    gold = json.loads((shared_data / "seed_gold.json").read_text(encoding="utf-8"))["entities"]
    doc = run(stages, text)
    got = {(e.start, e.end): e for e in doc.entities}
    for g in gold:
        e = got.get((g["start"], g["end"]))
        assert e is not None, g["text"]
        assert (e.label, e.canonical) == (g["label"], g["canonical"]), g["text"]
        assert text[e.start:e.end] == g["text"]


def test_no_entity_crosses_a_sentence_and_rows_are_well_formed(stages, shared_data):
    text = (shared_data / "sample_article.txt").read_text(encoding="utf-8")
    doc = run(stages, text)
    assert doc.entities
    for e in doc.entities:
        assert any(s.start <= e.start and e.end <= s.end for s in doc.sentences), e
        assert doc.work[e.work_start:e.work_end] == e.text  # both offsets point at the mention
        assert 0.0 <= e.score <= 1.0 and e.label in {"PERSON", "ORGANIZATION", "LOCATION", "FACILITY", "EVENT"}


def test_countries_get_iso_codes_and_offsets_are_original(stages):
    text = "ผู้นำ\u200bญี่ปุ่นและเวียดนามหารือกับสหรัฐฯ"
    doc = run(stages, text)
    codes = {(text[e.start:e.end].replace("\u200b", ""), e.canonical) for e in doc.entities
             if e.label == "LOCATION"}
    assert {("ญี่ปุ่น", "JP"), ("เวียดนาม", "VN"), ("สหรัฐฯ", "US")} <= codes


def test_protocol_pickle_round_trip_and_empty_text(stages):
    stage = pickle.loads(pickle.dumps(EntitiesStage()))
    assert len(pickle.dumps(stage)) < 2000
    assert stage.name == "entities" and stage.needs == {TOKENS, SENTENCES} and stage.provides == {ENTITIES}
    assert json.dumps(stage.config())
    assert run(stages[:2] + (stage,), "").entities == []
    assert run(stages[:2] + (stage,), "   \n ").entities == []


def test_config_names_the_model_kind_and_path():
    from thai_extract.errors import ConfigError

    config = EntitiesStage().config()
    assert config["model"] == "crf" and config["model_path"] is None
    assert EntitiesStage(model_path="elsewhere/crf.model").config()["model_path"] == "elsewhere/crf.model"
    with pytest.raises(ConfigError, match="unknown entity model"):
        EntitiesStage(model="models/entities/crf.model")  # a path belongs in model_path now


@pytest.mark.slow
def test_text_without_any_break_stays_bounded(stages):
    text = "ก" * 200_000  # one "sentence" of 100,000 tokens: the model sees it in windows
    doc = run(stages, text)
    assert all(0 <= e.start < e.end <= len(text) for e in doc.entities)
