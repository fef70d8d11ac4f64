"""Train the cooperation paragraph model (``models/cooperation/paragraphs.json``, the train extra).

    python bench/cooperation.py --export-gold DIR      # the annotated sets, texts cut from ../shared
    thai-extract train cooperation --gold 'DIR/*.jsonl' --out models/cooperation

Reads eval files of ``thai-extract eval cooperation`` (``{doc_id, text, spans: [{start, end, areas,
parties}]}``), runs the default stages up to the cooperation detector on each text, and makes one
example of every paragraph that a gold span overlaps: positive when a span with areas overlaps it
(annotators called it cooperation), negative when only domestic spans do. A logistic regression
over :func:`~thai_extract.text.cooperation.paragraphs.paragraph_features` (the same function the
detector calls) is scored by grouped cross-validation (whole documents held out), then fit on
every example and written with the detector's two thresholds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thai_extract.document import Document
from thai_extract.eval.cooperation import build_pipeline, load
from thai_extract.stages.cooperation import detector_input
from thai_extract.text.cooperation.detector import rule_rows
from thai_extract.text.cooperation.paragraphs import MODEL_FILE, ParagraphModel, paragraph_features, paragraphs

Example = tuple[str, dict[str, float], int]   # document id, features, label


def examples(records: Sequence[dict[str, Any]]) -> list[Example]:
    """One example per paragraph that a gold span overlaps (see the module docstring)."""
    pipe, coop = build_pipeline(learned=False)
    tax = coop.tax
    out: list[Example] = []
    for rec in records:
        doc = pipe(Document(doc_id=str(rec["doc_id"]), text=rec["text"]))
        inp = detector_input(doc)
        if not inp.work.strip():
            continue
        sents, rows = rule_rows(inp, tax)
        paras = paragraphs(sents)
        token_starts = [s for s, _ in inp.tokens]
        for k, para in enumerate(paras):
            start, end = inp.to_original(para.start, para.end)
            gold = [s for s in rec["spans"] if s["start"] < end and s["end"] > start]
            if gold:
                label = int(any(s.get("areas") for s in gold))
                out.append((doc.doc_id, paragraph_features(inp, sents, paras, k, rows, tax.home, token_starts), label))
    return out


def _fit(features: list[dict[str, float]], labels: list[int], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    clf = LogisticRegression(C=c, max_iter=5000).fit(vec.fit_transform(features), labels)
    return dict(zip(vec.get_feature_names_out(), clf.coef_[0].tolist())), float(clf.intercept_[0])


def cross_validate(data: list[Example], c: float, rescue: float, veto: float, folds: int = 5) -> dict[str, Any]:
    """Grouped k-fold scores: AUC, and what the two thresholds do on held-out documents."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    groups = [d for d, _, _ in data]
    probs = [0.0] * len(data)
    for train, test in GroupKFold(folds).split(data, groups=groups):
        weights, intercept = _fit([data[i][1] for i in train], [data[i][2] for i in train], c)
        model = ParagraphModel(weights, intercept, rescue, veto)
        for i in test:
            probs[i] = model.probability(data[i][1])
    labels = [y for _, _, y in data]
    with_rows = [(p, y) for (_, f, y), p in zip(data, probs) if "rule" in f]
    without = [(p, y) for (_, f, y), p in zip(data, probs) if "rule" not in f]
    rescued = [y for p, y in without if p >= rescue]
    vetoed = [y for p, y in with_rows if p < veto]
    return {"folds": folds, "auc": round(roc_auc_score(labels, probs), 4),
            "rescued": len(rescued), "rescued_right": sum(rescued),
            "missed_by_rules": sum(y for _, y in without),
            "vetoed": len(vetoed), "vetoed_right": len(vetoed) - sum(vetoed),
            "kept_by_rules_wrongly": sum(1 - y for _, y in with_rows)}


def train(gold: Sequence[Path], out: Path, c: float = 0.3, rescue: float = 0.6, veto: float = 0.1,
          min_weight: float = 1e-3) -> dict[str, Any]:
    """Train on the eval files ``gold``, write ``out/paragraphs.json``, and return the report."""
    t0 = time.time()
    records = [rec for path in gold for rec in load(path)]
    data = examples(records)
    report = {"files": [Path(p).name for p in gold], "documents": len({d for d, _, _ in data}),
              "paragraphs": len(data), "positive": sum(y for _, _, y in data), "C": c,
              "cross_validation": cross_validate(data, c, rescue, veto)}
    weights, intercept = _fit([f for _, f, _ in data], [y for _, _, y in data], c)
    weights = {k: round(w, 4) for k, w in weights.items() if abs(w) >= min_weight}
    report["features"] = len(weights)
    out.mkdir(parents=True, exist_ok=True)
    ParagraphModel(weights, round(intercept, 4), rescue, veto,
                   {k: report[k] for k in ("files", "documents", "paragraphs", "positive", "C", "cross_validation")}
                   ).save(out / MODEL_FILE)
    report["seconds"] = round(time.time() - t0, 1)
    return report
