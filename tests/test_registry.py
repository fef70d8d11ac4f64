import pytest

from thai_extract.core import Pipeline
from thai_extract.errors import ConfigError
from thai_extract.registry import DEFAULT_STAGES, STAGE_FACTORIES, build_stages, load_config
from thai_extract.stages.base import SENTENCES


def test_registry_snapshot():
    assert sorted(STAGE_FACTORIES) == ["cooperation", "dates", "entities", "normalize", "segment", "spelling"]
    assert DEFAULT_STAGES == ("normalize", "spelling", "segment", "entities", "dates", "cooperation")


def test_default_config_resolves_every_setting():
    assert Pipeline.from_config().config() == {
        "pipeline": {"stages": ["normalize", "spelling", "segment", "entities", "dates", "cooperation"]},
        "stages": {
            "normalize": {"rules": ["invisible", "spaces", "sara_e", "space_before_mark", "marks", "nfc"]},
            "spelling": {"threshold": 0.5, "allow_list": None, "model": None, "report_min": 0.2,
                         "engine": "noisy-channel-bigram"},
            "segment": {"engine": "thaibreak", "sentence_bias": 2.0},
            "entities": {"model": "crf", "model_path": None, "rules": True, "coref": True,
                         "labels": ["PERSON", "ORGANIZATION", "LOCATION", "FACILITY", "EVENT"], "ner_model": None},
            "dates": {},
            "cooperation": {"taxonomy": None, "parties": None},
        },
    }


def test_every_problem_is_reported_at_once():
    with pytest.raises(ConfigError) as info:
        build_stages({"pipeline": {"stages": ["normalize", "entities"]}, "stages": {"nope": {}}})
    assert "'entities'" in str(info.value) and "'nope'" in str(info.value)


class NeedsSentences:
    """A stand-in stage that needs sentences."""

    name, needs, provides = "needs_sentences", frozenset({SENTENCES}), frozenset()

    def config(self):
        return {}


def test_a_stage_whose_needs_are_unmet_is_refused(monkeypatch):
    monkeypatch.setitem(STAGE_FACTORIES, "needs_sentences", NeedsSentences)
    with pytest.raises(ConfigError, match="needs_sentences' needs \\['sentences'\\]"):
        build_stages({"pipeline": {"stages": ["needs_sentences", "normalize", "segment"]}})
    assert len(build_stages({"pipeline": {"stages": ["normalize", "segment", "needs_sentences"]}})) == 3


def test_config_from_toml(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[pipeline]\nstages = ["normalize", "segment"]\n[stages.segment]\nengine = "nlpo3"\n')
    assert Pipeline.from_config(load_config(path)).config()["stages"]["segment"]["engine"] == "nlpo3"
    with pytest.raises(ConfigError, match="bad option"):
        build_stages({"stages": {"segment": {"bad option": 1}}})
