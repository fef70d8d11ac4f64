"""Train the entity CRF on ThaiNER-format JSONL: ``python -m thai_extract.training.ner``.

    python -m thai_extract.training.ner --train ../shared/data/thainer15_train.jsonl \\
        --dev ../shared/data/thainer15_val.jsonl --out models/entities/

Tokens are thaibreak words (refined, see ``features.refine_tokens``); labels are BIO over every
ThaiNER label (DATE, MONEY... help the context even though the stage keeps fewer). Writes
``crf.model`` and ``training.json`` (settings and dev scores) to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported
from thai_extract.text.entities.features import FeatureExtractor, refine_tokens
from thai_extract.text.entities.resources import load_resources
from thai_extract.text.words import thaibreak_words

MODEL_FILE = "crf.model"
DEFAULT_PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.02, "max_iterations": 150,
                                  "feature.possible_transitions": True}
KNOWN_LABELS = frozenset({"PERSON", "ORGANIZATION", "LOCATION", "FACILITY", "DATE", "TIME", "MONEY", "PERCENT",
                          "LAW", "LEN", "URL", "PHONE", "EMAIL", "ZIP", "AGO"})


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def tokens_of(text: str) -> list[tuple[int, int]]:
    return refine_tokens(text, thaibreak_words(text))


def bio(spans: list[tuple[int, int]], entities: list[dict[str, Any]]) -> list[str]:
    """BIO label of each token: a token belongs to the entity that covers its first character
    (or whose first character it covers)."""
    tags = ["O"] * len(spans)
    for ent in sorted(entities, key=lambda e: (e["start"], -e["end"])):
        label = ent["label"]
        if label not in KNOWN_LABELS:
            continue
        first = True
        for i, (s, e) in enumerate(spans):
            if s < ent["end"] and (s >= ent["start"] or ent["start"] < e) and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
    return tags


def train(train_path: str | Path, dev_path: str | Path | None, out_dir: str | Path,
          params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train ``out_dir/crf.model`` on ``train_path``; return dev scores (model alone and the full tagger)."""
    import pycrfsuite

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    fx = FeatureExtractor(load_resources(str(out) if (out / "lexicon.tsv").exists() else None))
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    t0 = time.perf_counter()
    for rec in read_jsonl(train_path):
        spans = tokens_of(rec["text"])
        if not spans:
            continue
        trainer.append(fx.sequence(rec["text"], spans), bio(spans, rec["entities"]))
        n += 1
    settings = dict(DEFAULT_PARAMS, **(params or {}))
    trainer.set_params(settings)
    model_path = out / MODEL_FILE
    trainer.train(str(model_path))
    result: dict[str, Any] = {"train_sequences": n, "params": settings,
                              "train_seconds": round(time.perf_counter() - t0, 1),
                              "model_bytes": model_path.stat().st_size}
    return score_and_save(result, dev_path, model_path, "crf", out / "training.json")


def score_and_save(result: dict[str, Any], dev_path: str | Path | None, model_path: Path, kind: str,
                   out_file: Path) -> dict[str, Any]:
    """``result`` with the validation scores of the model alone and of the full tagger (gazetteers
    and rules) added when ``dev_path`` is given, written to ``out_file`` as JSON."""
    if dev_path is not None:
        from thai_extract.eval.ner import evaluate_system
        from thai_extract.text.entities.tagger import EntityTagger

        result["dev_model_only"] = evaluate_system(dev_path, EntityTagger(model_path, model=kind, rules=False))
        result["dev"] = evaluate_system(dev_path, EntityTagger(model_path, model=kind))
    out_file.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev")
    ap.add_argument("--out", default="models/entities/")
    ap.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    ap.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    args = ap.parse_args(argv)
    scores = train(args.train, args.dev, args.out,
                   {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations})
    print(json.dumps(scores, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
