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
from importlib import resources
from pathlib import Path

MODELS_ENV = "THAI_EXTRACT_MODELS"
_CHECKOUT_MODELS = Path(__file__).resolve().parents[1] / "models"


def models_dir() -> Path:
    """The models folder, by the lookup order of this module (steps 2-4)."""
    configured = os.environ.get(MODELS_ENV)
    if configured:
        return Path(configured)
    packaged = resources.files("thai_extract") / "models"
    if packaged.is_dir():
        return Path(str(packaged))
    return _CHECKOUT_MODELS


def model_path(*parts: str, configured: str | os.PathLike[str] | None = None) -> Path:
    """``configured`` when given, else ``parts`` under :func:`models_dir` (``model_path("entities", "crf.model")``)."""
    if configured:
        return Path(configured)
    return models_dir().joinpath(*parts)
