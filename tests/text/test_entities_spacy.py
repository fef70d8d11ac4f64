"""The spaCy backend of the entities stage, on a tiny untrained model built here (no data, no
download): loading, errors, token alignment and pickling; training on twenty lines for twenty steps."""

import json
import pickle

import pytest

from thai_extract.errors import ResourceNotFoundError
from thai_extract.stages.entities import EntitiesStage
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.text.entities.spacy_ner import doc_words
from tests.conftest import make_doc

spacy = pytest.importorskip("spacy")
TEXT = "นายสมชาย ใจดี เดินทางไปกรุงปักกิ่ง\n\nบริษัทการบินไทยประกาศเที่ยวบินใหม่ไปญี่ปุ่น"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from thai_extract.text.entities.spacy_ner import TOKENIZER, register

    register()
    nlp = spacy.blank("th", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORGANIZATION", "LOCATION"):
        ner.add_label(label)
    nlp.initialize()
    path = tmp_path_factory.mktemp("spacy-ner") / "spacy"
    nlp.to_disk(path)
    return path


def run(stage, text=TEXT):
    doc = make_doc(text)
    for s in (NormalizeStage(), SegmentStage(), stage):
        doc = s(doc)
    return doc


def test_gaps_between_tokens_are_words_of_their_own():
    words, index = doc_words("ไป กรุงเทพ", [(0, 2), (3, 10)])
    assert words == ["ไป", " ", "กรุงเทพ"] and index == [0, -1, 1]


def test_spacy_model_tags_on_token_boundaries_inside_sentences(tiny_model):
    stage = EntitiesStage(model="spacy", model_path=str(tiny_model))
    doc = run(stage)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    for e in doc.entities:
        assert e.start in starts and e.end in ends, e
        assert any(s.start <= e.start and e.end <= s.end for s in doc.sentences), e
    assert ("กรุงปักกิ่ง", "Beijing") in {(e.text, e.canonical) for e in doc.entities}  # the gazetteer still applies
    assert stage.config()["model"] == "spacy" and json.dumps(stage.config())
    again = pickle.loads(pickle.dumps(stage))
    assert len(pickle.dumps(stage)) < 2000 and run(again).entities == doc.entities


def test_missing_or_corrupt_spacy_model_names_the_folder_and_the_rebuild(tmp_path):
    with pytest.raises(ResourceNotFoundError, match="nowhere.*train ner --model spacy"):
        run(EntitiesStage(model="spacy", model_path=str(tmp_path / "nowhere")))
    broken = tmp_path / "broken"
    (broken / "ner").mkdir(parents=True)
    (broken / "config.cfg").write_text("[nlp\nnot a config", encoding="utf-8")
    (broken / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ResourceNotFoundError, match="broken"):
        run(EntitiesStage(model="spacy", model_path=str(broken)))


def test_training_on_a_few_lines_writes_a_loadable_model(tmp_path):
    from thai_extract.training.ner_spacy import train

    rows = [{"id": str(i), "text": "นายสมชาย ใจดี เดินทางไปเชียงใหม่", "entities": [
        {"start": 0, "end": 13, "label": "PERSON", "text": "นายสมชาย ใจดี"},
        {"start": 23, "end": 32, "label": "LOCATION", "text": "เชียงใหม่"}]} for i in range(20)]
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = train(data, data, tmp_path / "out", overrides={"training.max_steps": 20, "training.eval_frequency": 10,
                                                            "components.tok2vec.model.embed.include_static_vectors": False})
    assert (tmp_path / "out" / "spacy" / "config.cfg").exists() and 0.0 <= result["dev"]["f1"] <= 1.0
