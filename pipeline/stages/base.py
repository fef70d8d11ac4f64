"""The stage protocol, the base of the built-in stages, the stage registry, and the names of what
stages need and provide."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from thai_extract.document import Document

# What a stage can need or provide: names of Document fields and derived facts.
TEXT = "text"
WORKING_TEXT = "working_text"
SENTENCES = "sentences"
TOKENS = "tokens"
CORRECTIONS = "corrections"
ENTITIES = "entities"
DATES = "dates"
COOPERATION = "cooperation"


@runtime_checkable
class Stage(Protocol):
    """A named step: reads what earlier stages added to a Document and adds its own annotations.

    A stage does no I/O, loads its resources lazily once per process, and pickles small.
    """

    name: ClassVar[str]
    needs: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, doc: Document) -> Document: ...

    def config(self) -> dict[str, object]:
        """The stage's settings, as JSON-able values (stored with the output)."""
        ...


STAGES: dict[str, type] = {}
"""Stage classes by name: the built-in ones (registered when ``thai_extract.stages`` is imported) and
those of other packages (entry-point group ``thai_extract.stages``, loaded by the registry)."""
_S = TypeVar("_S", bound=type)


def register_stage(cls: _S) -> _S:
    """Class decorator: make a stage buildable by its ``name`` from a pipeline config."""
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not name:
        raise TypeError(f"{cls.__name__} has no stage name")
    if name in STAGES and STAGES[name] is not cls:
        raise ValueError(f"stage {name!r} is registered twice ({STAGES[name].__name__}, {cls.__name__})")
    STAGES[name] = cls
    return cls


def _jsonable(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


class ConfiguredStage:
    """The base of the built-in stages: their settings are one frozen dataclass, ``Config``.

    ``Stage(**settings)`` or ``Stage(settings=Stage.Config(...))``; the Config checks its values
    when it is made, so a bad setting fails when the pipeline is built. ``config()`` is the
    settings as a dict (stored with every run's output, and buildable again), and the stage
    pickles as its settings alone: ``_setup()`` rebuilds what they imply (models load lazily).
    """

    Config: ClassVar[type]

    def __init__(self, settings: Any = None, **values: Any) -> None:
        if settings is not None and values:
            raise TypeError("give settings or keyword values, not both")
        self.settings = settings if settings is not None else self.Config(**values)
        self._setup()

    def _setup(self) -> None:
        """Build what the settings imply (cheap: no model is loaded here)."""

    def config(self) -> dict[str, object]:
        return _jsonable(asdict(self.settings))

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._setup()
