"""Where the models are: one resolver for every model and lexicon the stages load.

Lookup order, the first that applies:

1. a path given explicitly (a stage setting such as ``[stages.entities] model = "..."``);
2. the folder named by the ``THAI_EXTRACT_MODELS`` environment variable (a copy of ``models/``);
3. the copy installed inside the package (``thai_extract/models``, put there when the wheel is built);
4. the repository's ``models/`` folder, for a source checkout or an editable install.

Nothing is ever downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

MODELS_ENV = "THAI_EXTRACT_MODELS"
_T = TypeVar("_T")
_LOADED: dict[tuple[str, Hashable], Any] = {}
_LOCK = threading.RLock()  # a load may ask for another resource (entities load the taxonomy)
_CHECKOUT_MODELS = Path(__file__).resolve().parents[1] / "models"


def models_dir() -> Path:
    """The models folder, by the lookup order of this module (steps 2-4)."""
    configured = os.environ.get(MODELS_ENV)
    if configured:
        return Path(configured)
    return _installed_models()


@cache
def _installed_models() -> Path:
    """Steps 3-4, looked up once per process: the package does not move while it runs (the lookup
    costs ~60 us, and stages resolve their model paths per sentence)."""
    packaged = resources.files("thai_extract") / "models"
    if packaged.is_dir():
        return Path(str(packaged))
    return _CHECKOUT_MODELS


def model_path(*parts: str, configured: str | os.PathLike[str] | None = None) -> Path:
    """``configured`` when given, else ``parts`` under :func:`models_dir` (``model_path("entities", "crf.model")``)."""
    if configured:
        return Path(configured)
    return models_dir().joinpath(*parts)


def cached(kind: str, key: Hashable, load: Callable[[], _T]) -> _T:
    """The ``kind`` resource for ``key`` (a path, settings), loaded by ``load()`` once per process.

    Every model and lexicon the stages use is loaded through here, lazily, on first use: a stage
    holds only its settings, so it pickles small and each worker process loads once.
    """
    try:
        return _LOADED[(kind, key)]
    except KeyError:
        pass
    with _LOCK:  # two threads asking at once load once
        if (kind, key) not in _LOADED:
            _LOADED[(kind, key)] = load()
        return _LOADED[(kind, key)]
