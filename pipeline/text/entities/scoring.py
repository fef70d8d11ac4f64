"""Entity-level exact-match scores: a prediction counts when (start, end, label) equals a gold span."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

MAIN_LABELS = ("PERSON", "ORGANIZATION", "LOCATION")


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: Iterable[Sequence[tuple[int, int, str]]], pred: Iterable[Sequence[tuple[int, int, str]]],
          labels: Sequence[str] = MAIN_LABELS) -> dict[str, float]:
    """Micro P/R/F1 over ``labels`` and F1 per label, for parallel lists of span triples per text."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    wanted = set(labels)
    for g, p in zip(gold, pred, strict=True):
        gs = {x for x in g if x[2] in wanted}
        ps = {x for x in p if x[2] in wanted}
        for x in gs:
            n_gold[x[2]] += 1
        for x in ps:
            n_pred[x[2]] += 1
        for x in gs & ps:
            tp[x[2]] += 1
    out: dict[str, float] = {}
    P, R, F = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    out.update(precision=round(P, 4), recall=round(R, 4), f1=round(F, 4))
    for label in labels:
        out[f"f1_{label}"] = round(prf(tp[label], n_pred[label], n_gold[label])[2], 4)
    return out
