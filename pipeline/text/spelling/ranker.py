"""The learned ranker: the probability that a candidate correction is right, from its features.

A logistic regression trained by ``thai_extract.training.spelling_ranker`` (scikit-learn) on
synthetic typos in articles the language model never saw; here it is only a dot product. Its
intercept is shifted so that probability 0.5 sits at the operating threshold chosen on a separate
calibration split: the stage's ``threshold = 0.5`` applies exactly what calibration chose.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from thai_extract.errors import require_resource
from thai_extract.resources import model_path
from thai_extract.text.spelling.edits import KINDS

FEATURES = (
    "gain", "lm_gain", "lm3_gain", "cost", "gap", "rank", "doc", "log_count_new", "log_count_orig",
    "len_new", "len_orig", "split", "piece_edit", "glued", "orig_by_lm", "after_title",
) + tuple(f"kind_{k}" for k in KINDS)
REBUILD = "rebuild it with: python -m thai_extract.training.spelling_ranker --corpus ../shared/data/thaigov_unlabeled.jsonl.gz"


def feature_vector(values: dict[str, float], kind: str) -> list[float]:
    """The features in ``FEATURES`` order (missing ones are 0; the kind as one-hot)."""
    out = [float(values.get(f, 0.0)) for f in FEATURES[:-len(KINDS)]]
    out.extend(1.0 if kind == k else 0.0 for k in KINDS)
    return out


@dataclass(frozen=True)
class Ranker:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    meta: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Ranker":
        path = model_path("spelling", "ranker.json", configured=path)
        data = json.loads(require_resource(path, "spelling ranker", REBUILD).read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: trained on other features; {REBUILD}")
        return cls(tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]), float(data["intercept"]),
                   data.get("meta", {}))

    def probability(self, x: list[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
