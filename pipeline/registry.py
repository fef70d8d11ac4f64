"""Stages by name, and building a pipeline from a config.

A config is a plain dict (or a TOML file of the same shape)::

    [pipeline]
    stages = ["normalize", "segment"]

    [stages.segment]
    engine = "nlpo3"

Settings not given keep the stage's defaults; the resolved config is stored with the output.
"""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from thai_extract.errors import ConfigError
from thai_extract.stages.base import TEXT, Stage
from thai_extract.stages.cooperation import CooperationStage
from thai_extract.stages.dates import DatesStage
from thai_extract.stages.entities import EntitiesStage
from thai_extract.stages.normalize import NormalizeStage
from thai_extract.stages.segment import SegmentStage
from thai_extract.stages.spelling import SpellingStage

STAGE_FACTORIES: dict[str, Callable[..., Stage]] = {
    "normalize": NormalizeStage,
    "spelling": SpellingStage,
    "segment": SegmentStage,
    "entities": EntitiesStage,
    "dates": DatesStage,
    "cooperation": CooperationStage,
}
# spelling runs before segment: the words, sentences and every later stage see the corrected text
DEFAULT_STAGES: tuple[str, ...] = ("normalize", "spelling", "segment", "entities", "dates", "cooperation")


def stage_defaults(name: str) -> dict[str, Any]:
    """The default settings of stage ``name``, read from its constructor."""
    params = inspect.signature(STAGE_FACTORIES[name]).parameters.values()
    return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}


def load_config(path: str | Path | None) -> dict[str, Any]:
    """A config dict from a TOML file (an empty config for ``None``)."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc


def build_stages(config: Mapping[str, Any] | None = None) -> list[Stage]:
    """The stages the config names, in its order, checked: every problem is reported at once."""
    config = config or {}
    names = list(config.get("pipeline", {}).get("stages", DEFAULT_STAGES))
    settings = config.get("stages", {})
    problems: list[str] = []
    for name in list(names) + [n for n in settings if n not in names]:
        if name not in STAGE_FACTORIES:
            problems.append(f"unknown stage {name!r}; choose from {sorted(STAGE_FACTORIES)}")
    stages: list[Stage] = []
    available = {TEXT}
    if not problems:
        for name in names:
            factory = STAGE_FACTORIES[name]
            try:
                stage = factory(**settings.get(name, {}))
            except (TypeError, ValueError) as exc:
                problems.append(f"stage {name!r}: {exc} (defaults: {stage_defaults(name)})")
                continue
            missing = stage.needs - available
            if missing:
                problems.append(
                    f"stage {name!r} needs {sorted(missing)}, which no earlier stage provides "
                    f"(available: {sorted(available)})"
                )
            available |= stage.provides
            stages.append(stage)
    if problems:
        raise ConfigError("invalid pipeline config:\n  - " + "\n  - ".join(problems))
    return stages
