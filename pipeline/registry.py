"""Stages by name, and building a pipeline from a config.

A config is a plain dict (or a TOML file of the same shape)::

    [pipeline]
    stages = ["normalize", "segment"]

    [stages.segment]
    engine = "nlpo3"

Settings not given keep the stage's defaults; the resolved config is stored with the output.

Stages are found by name in ``thai_extract.stages.base.STAGES``: the built-in ones register with
``@register_stage``, and another package adds its own through the entry-point group
``thai_extract.stages`` (``[project.entry-points."thai_extract.stages"] mystage =
"mypackage.stages:MyStage"``), with no change here. A stage class with a ``Config`` dataclass has
its settings checked against that class (names, types); any other class takes its settings as
keyword arguments.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib.metadata
import inspect
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import thai_extract.stages  # noqa: F401  (registers the built-in stages)
from thai_extract.errors import ConfigError
from thai_extract.stages.base import STAGES, TEXT, Stage

ENTRY_POINT_GROUP = "thai_extract.stages"


def _with_plugins() -> dict[str, Callable[..., Stage]]:
    """The registered stages, plus those other installed packages declare as entry points."""
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in STAGES:
            STAGES[entry.name] = entry.load()
    return STAGES


STAGE_FACTORIES: dict[str, Callable[..., Stage]] = _with_plugins()
"""Stage classes by name (the same dict as ``thai_extract.stages.base.STAGES``)."""
# spelling runs before segment: the words, sentences and every later stage see the corrected text
DEFAULT_STAGES: tuple[str, ...] = ("normalize", "spelling", "segment", "entities", "dates", "cooperation")


def load_config(path: str | Path | None) -> dict[str, Any]:
    """A config dict from a TOML file (an empty config for ``None``), checked (see ``check_config``)."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            config = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from None
    problems = check_config(config)
    if problems:
        raise ConfigError(f"invalid config {path}:\n  - " + "\n  - ".join(problems))
    return config


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f"; choose from {sorted(choices)}"


def _type_problem(value: Any, hint: Any) -> str | None:
    """Why ``value`` does not fit the type ``hint`` (simple types, optionals, sequences), or None."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        problems = [_type_problem(value, a) for a in args]
        return None if any(p is None for p in problems) else " or ".join(p for p in problems if p)
    if hint is type(None):
        return None if value is None else "nothing"
    if hint is bool:
        return None if isinstance(value, bool) else "true or false"
    if hint is int:
        return None if isinstance(value, int) and not isinstance(value, bool) else "a whole number"
    if hint is float:
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else "a number"
    if hint in (str, Path):
        return None if isinstance(value, str) else "a string"
    if origin in (list, tuple, Sequence, Iterable, typing.Sequence) or hint in (list, tuple):
        if not isinstance(value, (list, tuple)):
            return "a list"
        item = args[0] if args else Any
        if item is not Any and any(_type_problem(v, item) for v in value):
            return f"a list of {getattr(item, '__name__', item)} values"
        return None
    return None


def _setting_problems(name: str, settings: Any) -> list[str]:
    """Unknown keys and wrong types in the settings of stage ``name``."""
    if not isinstance(settings, Mapping):
        return [f"[stages.{name}] must be a table of settings, not {settings!r}"]
    factory = STAGE_FACTORIES[name]
    config_class = getattr(factory, "Config", None)
    if config_class is not None and dataclasses.is_dataclass(config_class):
        params = {f.name: f for f in dataclasses.fields(config_class)}
        target: Any = config_class
    else:
        params = {p.name: p for p in inspect.signature(factory).parameters.values() if p.name != "self"}
        target = factory.__init__
    try:
        hints = typing.get_type_hints(target)
    except Exception:  # an annotation that does not resolve: check names only
        hints = {}
    problems = []
    for key, value in settings.items():
        if key not in params:
            problems.append(f"unknown setting {key!r} of stage {name!r}{_did_you_mean(key, params)}")
        elif key in hints and (why := _type_problem(value, hints[key])):
            problems.append(f"[stages.{name}] {key} = {value!r}: expected {why}")
    return problems


def check_config(config: Any) -> list[str]:
    """Every problem of a config's shape: unknown tables and keys (with a "did you mean"), wrong
    types, unknown stages. Empty when the config is fit to build a pipeline from."""
    if not isinstance(config, Mapping):
        return [f"a config is a table, not {config!r}"]
    problems = []
    for key in config:
        if key not in ("pipeline", "stages"):
            problems.append(f"unknown top-level key {key!r}{_did_you_mean(key, ['pipeline', 'stages'])}")
    pipeline = config.get("pipeline", {})
    if not isinstance(pipeline, Mapping):
        problems.append(f"'pipeline' must be a table ([pipeline] stages = [...]), not {pipeline!r}")
        pipeline = {}
    for key in pipeline:
        if key != "stages":
            problems.append(f"unknown key {key!r} in [pipeline]{_did_you_mean(key, ['stages'])}")
    names = pipeline.get("stages", DEFAULT_STAGES)
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        problems.append(f"[pipeline] stages must be a list of stage names, not {names!r}")
        names = []
    settings = config.get("stages", {})
    if not isinstance(settings, Mapping):
        problems.append(f"'stages' must be a table of stage settings ([stages.NAME]), not {settings!r}")
        settings = {}
    for name in dict.fromkeys([*names, *settings]):
        if name not in STAGE_FACTORIES:
            problems.append(f"unknown stage {name!r}{_did_you_mean(name, STAGE_FACTORIES)}")
        elif name in settings:
            problems.extend(_setting_problems(name, settings[name]))
    return problems


def build_stages(config: Mapping[str, Any] | None = None) -> list[Stage]:
    """The stages the config names, in its order, checked: every problem is reported at once."""
    config = config or {}
    problems = check_config(config)
    if problems:  # the shape is wrong: building the stages would only add follow-on errors
        raise ConfigError("invalid pipeline config:\n  - " + "\n  - ".join(problems))
    names = list(config.get("pipeline", {}).get("stages", DEFAULT_STAGES))
    settings = config.get("stages", {})
    stages: list[Stage] = []
    available = {TEXT}
    for name in names:
        factory = STAGE_FACTORIES[name]
        try:
            stage = factory(**settings.get(name, {}))
        except (TypeError, ValueError, OSError) as exc:
            problems.append(f"stage {name!r}: {exc}")
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
