import pytest

from thai_extract.core import Pipeline
from thai_extract.errors import ConfigError
from thai_extract.registry import DEFAULT_STAGES, STAGE_FACTORIES, build_stages, load_config
from thai_extract.stages.base import SENTENCES, TEXT


def test_registry_snapshot():
    assert sorted(STAGE_FACTORIES) == ["cooperation", "dates", "entities", "normalize", "segment", "spelling"]
    assert DEFAULT_STAGES == ("normalize", "spelling", "segment", "entities", "dates", "cooperation")


def test_the_resolved_config_stored_with_a_run_builds_the_same_pipeline_again():
    resolved = Pipeline.from_config().config()
    assert resolved["pipeline"]["stages"] == list(DEFAULT_STAGES)
    assert Pipeline.from_config(resolved).config() == resolved


@pytest.mark.parametrize("config, message", [
    ({"pipline": {}}, "unknown top-level key 'pipline' (did you mean 'pipeline'?)"),
    ({"stages": 5}, "'stages' must be a table"),
    ({"pipeline": {"stages": "normalize"}}, "[pipeline] stages must be a list"),
    ({"stages": {"spelling": {"threshhold": 0.3}}}, "unknown setting 'threshhold' of stage 'spelling' (did you mean 'threshold'?)"),
    ({"stages": {"segmnt": {}}}, "unknown stage 'segmnt' (did you mean 'segment'?)"),
    ({"stages": {"spelling": {"threshold": "high"}}}, "[stages.spelling] threshold = 'high': expected a number"),
    ({"stages": {"normalize": {"rules": "nfc"}}}, "[stages.normalize] rules = 'nfc': expected a list"),
    ({"stages": {"spelling": {"allow_list": "/no/such/file.txt"}}}, "allow_list: no such file /no/such/file.txt"),
])
def test_a_config_mistake_is_one_clear_message(config, message):
    with pytest.raises(ConfigError) as info:
        build_stages(config)
    assert message in str(info.value)
    assert str(info.value).count("\n  - ") == 1  # one mistake, one message: no follow-on errors


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


class Shout:
    """A stand-in for another package's stage: upper-cases the working text."""

    name, needs, provides = "shout", frozenset({TEXT}), frozenset()

    def __init__(self, times: int = 1) -> None:
        self.times = times

    def config(self):
        return {"times": self.times}

    def __call__(self, doc):
        return doc


def test_another_package_adds_a_stage_through_an_entry_point(monkeypatch):
    import importlib.metadata

    from thai_extract import registry

    entry = importlib.metadata.EntryPoint("shout", "tests.test_registry:Shout", registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [entry] if group == registry.ENTRY_POINT_GROUP else [])
    monkeypatch.delitem(STAGE_FACTORIES, "shout", raising=False)
    registry._with_plugins()
    try:
        [stage] = build_stages({"pipeline": {"stages": ["shout"]}, "stages": {"shout": {"times": 2}}})
        assert stage.config() == {"times": 2}
        with pytest.raises(ConfigError, match="did you mean 'times'"):
            build_stages({"pipeline": {"stages": ["shout"]}, "stages": {"shout": {"tims": 2}}})
    finally:
        STAGE_FACTORIES.pop("shout", None)


def test_a_stage_pickles_as_its_settings():
    import pickle

    from thai_extract.stages.spelling import SpellingStage

    stage = SpellingStage(threshold=0.7)
    again = pickle.loads(pickle.dumps(stage))
    assert again.settings == stage.settings == SpellingStage.Config(threshold=0.7)
    assert len(pickle.dumps(stage)) < 1000  # no model travels with it
