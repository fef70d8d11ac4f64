"""Train the spaCy entity model: ``python -m thai_extract.training.ner_spacy`` (``thai-extract train ner --model spacy``).

    python -m thai_extract.training.ner_spacy --train ../shared/data/thainer15_train.jsonl \\
        --dev ../shared/data/thainer15_val.jsonl --unlabeled ../shared/data/thaigov_unlabeled.jsonl.gz \\
        --out models/entities

1. Static vectors (``--unlabeled``): floret (subword hashing) vectors trained on the entity tokens
   of unlabeled news, stored in a fixed number of rows (small whatever the vocabulary);
2. ``spacy train`` with ``OUT/spacy/config.cfg`` (or ``--config``): a ``tok2vec`` (hash embeddings
   of NORM/PREFIX/SUFFIX/SHAPE plus the static vectors, CNN encoder) and a transition-based ``ner``,
   on the ThaiNER train lines; the last tenth of them picks the best checkpoint, so the validation
   file (``--dev``) is only scored, never trained or selected on;
3. the best checkpoint goes to ``OUT/spacy/`` (its ``config.cfg`` rebuilds it), and its scores on
   ``--dev`` into ``OUT/spacy/training.json``.

Documents hold our tokens (``spacy_ner.doc_words``); labels are those the stage keeps (``LABELS``).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported
from thai_extract.text.entities.spacy_ner import doc_words, register
from thai_extract.training.ner import bio, read_jsonl, score_and_save, tokens_of

CONFIG = Path(__file__).resolve().parents[1].parent / "models" / "entities" / "spacy" / "config.cfg"
# the labels the stage keeps from a model (fewer labels, fewer transitions: a faster parser)
LABELS = frozenset({"PERSON", "ORGANIZATION", "LOCATION", "FACILITY"})
VECTOR_SETTINGS: dict[str, Any] = {"dim": 64, "bucket": 50000, "minn": 2, "maxn": 5, "hashCount": 2,
                                   "epoch": 5, "minCount": 3, "model": "cbow"}


def bio_to_spans(tags: list[str], index: list[int]) -> list[tuple[int, int, str]]:
    """Word-level (start, end, label) spans of a Doc whose words map to tokens by ``index`` (-1: a gap)."""
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for w, k in enumerate(index):
        if k < 0:
            continue
        tag = tags[k]
        if tag.startswith("I-") and cur is not None and cur[2] == tag[2:]:
            cur[1] = w + 1
            continue
        if cur is not None:
            spans.append(tuple(cur))  # type: ignore[arg-type]
        cur = [w, w + 1, tag[2:]] if tag != "O" else None
    if cur is not None:
        spans.append(tuple(cur))  # type: ignore[arg-type]
    return spans


def to_docbin(records: list[dict[str, Any]], out: Path) -> int:
    """Write ``records`` (ThaiNER JSONL rows) as a spaCy DocBin of our tokens; returns the number of docs."""
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("th").vocab
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    for rec in records:
        text = rec["text"]
        spans = tokens_of(text)
        if not spans:
            continue
        words, index = doc_words(text, spans)
        doc = Doc(vocab, words=words, spaces=[False] * len(words))
        entities = [e for e in rec["entities"] if e["label"] in LABELS]
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in bio_to_spans(bio(spans, entities), index)]
        db.add(doc)
    db.to_disk(out)
    return len(db)


def vector_corpus(unlabeled: Path, out: Path, docs: int) -> int:
    """Entity tokens of the first ``docs`` unlabeled articles, one paragraph a line; returns lines."""
    n = 0
    with gzip.open(unlabeled, "rt", encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as dst:
        for line in itertools.islice(fh, docs):
            rec = json.loads(line)
            for para in f"{rec.get('title') or ''}\n{rec.get('text') or ''}".split("\n"):
                spans = tokens_of(para)
                if spans:
                    dst.write(" ".join(para[s:e] for s, e in spans) + "\n")
                    n += 1
    return n


def train_vectors(unlabeled: Path, out: Path, docs: int) -> Path:
    """floret vectors of the unlabeled news, written as a spaCy pipeline folder ``out`` (its vocab
    holds the vectors; ``[initialize] vectors`` reads it); returns ``out``."""
    import floret
    import spacy
    from spacy.training.initialize import convert_vectors

    with tempfile.TemporaryDirectory(prefix="ner-vectors-") as tmp:
        corpus = Path(tmp) / "corpus.txt"
        vector_corpus(unlabeled, corpus, docs)
        model = floret.train_unsupervised(str(corpus), mode="floret", thread=2, verbose=0, **VECTOR_SETTINGS)
        vec_file = Path(tmp) / "vectors.floret"
        model.save_floret_vectors(str(vec_file))
        nlp = spacy.blank("th")
        convert_vectors(nlp, vec_file, truncate=0, prune=-1, mode="floret")
    nlp.to_disk(out)
    return out


def finalise(model_dir: Path) -> None:
    """Clear the temporary paths from the saved config (it stays the config that rebuilds the model)
    and name the model and its data's licence in ``meta.json``."""
    from thinc.api import Config

    config = Config().from_disk(model_dir / "config.cfg", interpolate=False)
    config["paths"].update({"train": None, "dev": None, "vectors": None})
    config.to_disk(model_dir / "config.cfg")
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="thai_extract_entities", license="CC-BY-3.0 (ThaiNER, Wannaphong Phatthiyaphaibun)",
                description="thai-extract entity model: ThaiNER 1.5.1 train split, floret vectors of "
                            "thaigov-v2 news; rebuild: thai-extract train ner --model spacy")
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def train(train_path: str | Path, dev_path: str | Path | None, out_dir: str | Path,
          unlabeled: str | Path | None = None, config: str | Path | None = None,
          vector_docs: int = 20000, vectors: str | Path | None = None,
          overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train ``out_dir/spacy/`` (see the module docstring); returns its settings and dev scores.
    ``overrides``: spaCy config settings ("training.max_steps": 10, ...)."""
    from spacy.cli.train import train as spacy_train

    register()
    out = Path(out_dir) / "spacy"
    config_text = Path(config or (out / "config.cfg" if (out / "config.cfg").exists() else CONFIG)).read_text(
        encoding="utf-8")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ner-spacy-") as tmp:
        work = Path(tmp)
        records = list(read_jsonl(train_path))
        cut = len(records) * 9 // 10
        to_docbin(records[:cut], work / "train.spacy")
        to_docbin(records[cut:], work / "select.spacy")
        if unlabeled is not None and (vectors is None or not Path(vectors).exists()):
            vectors = train_vectors(Path(unlabeled), Path(vectors or work / "vectors"), vector_docs)
        (work / "config.cfg").write_text(config_text, encoding="utf-8")
        overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "select.spacy"),
                     "paths.vectors": str(vectors) if vectors else None, **(overrides or {})}
        spacy_train(work / "config.cfg", work / "output", overrides=overrides)
        best = work / "output" / "model-best"
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    finalise(out)
    result: dict[str, Any] = {"train_sequences": cut, "selection_sequences": len(records) - cut,
                              "vectors": dict(VECTOR_SETTINGS, docs=vector_docs) if vectors else None,
                              "train_seconds": round(time.perf_counter() - t0, 1),
                              "model_bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file())}
    return score_and_save(result, dev_path, out, "spacy", out / "training.json")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev")
    ap.add_argument("--unlabeled", help="gzip JSONL of unlabeled news for the static vectors")
    ap.add_argument("--vectors", help="a spaCy vectors folder: used when it exists, else built there from --unlabeled")
    ap.add_argument("--vector-docs", type=int, default=20000)
    ap.add_argument("--config", help="a spaCy config.cfg (default: OUT/spacy/config.cfg)")
    ap.add_argument("--out", default="models/entities/")
    args = ap.parse_args(argv)
    print(json.dumps(train(args.train, args.dev, args.out, args.unlabeled, args.config, args.vector_docs,
                           args.vectors), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
