"""Self-training for the entity CRF: ``python -m thai_extract.training.ner_selftrain``.

    python -m thai_extract.training.ner_selftrain --train ../shared/data/thainer15_train.jsonl \\
        --dev ../shared/data/thainer15_val.jsonl --unlabeled ../shared/data/thaigov_unlabeled.jsonl.gz \\
        --crf models/entities/crf.model --spacy models/entities/spacy --docs 400 --out DIR

Sentences of unlabeled news (normalised and split by the pipeline's own stages) are tagged by the
CRF and by the spaCy model, each alone (no gazetteers or rules); a sentence whose PERSON,
ORGANIZATION, LOCATION and FACILITY mentions the two models agree on exactly becomes a silver
training line with the CRF's labels. A new CRF is trained on the gold lines plus the silver ones.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

from thai_extract._offline import set_offline_environment

set_offline_environment()  # before pythainlp is imported
from thai_extract.training.ner import read_jsonl, train
from thai_extract.training.ner_spacy import LABELS


def silver_lines(unlabeled: Path, crf: Path, spacy_dir: Path, docs: int, skip: int = 0) -> list[dict[str, Any]]:
    """Agreed sentences of the first ``docs`` unlabeled articles after ``skip``, as ThaiNER-format rows."""
    from thai_extract.document import Document
    from thai_extract.stages.normalize import NormalizeStage
    from thai_extract.stages.segment import SegmentStage
    from thai_extract.text.entities.tagger import EntityTagger

    normalize, segment = NormalizeStage(), SegmentStage()
    by_crf = EntityTagger(crf, rules=False, labels=None)
    by_spacy = EntityTagger(spacy_dir, model="spacy", rules=False, labels=None)
    rows: list[dict[str, Any]] = []
    with gzip.open(unlabeled, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(itertools.islice(fh, skip, skip + docs)):
            rec = json.loads(line)
            doc = segment(normalize(Document(str(rec.get("id", n)), rec.get("text") or "")))
            for sent in doc.sentences:
                text = sent.text
                if not 20 <= len(text) <= 400:
                    continue
                crf_found = by_crf.tag(text)
                main = {(m.start, m.end, m.label) for m in crf_found if m.label in LABELS}
                if main != {(m.start, m.end, m.label) for m in by_spacy.tag(text)}:
                    continue
                rows.append({"id": f"silver-{n}-{sent.start}", "text": text,
                             "entities": [{"start": m.start, "end": m.end, "label": m.label} for m in crf_found]})
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev")
    ap.add_argument("--unlabeled", required=True)
    ap.add_argument("--crf", required=True)
    ap.add_argument("--spacy", required=True)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--skip", type=int, default=30000, help="articles to skip (the vectors used the first ones)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    silver = silver_lines(Path(args.unlabeled), Path(args.crf), Path(args.spacy), args.docs, args.skip)
    with tempfile.TemporaryDirectory() as tmp:
        both = Path(tmp) / "train.jsonl"
        with open(both, "w", encoding="utf-8") as fh:
            for row in itertools.chain(read_jsonl(args.train), silver):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        result = train(both, args.dev, args.out)
    result["silver_lines"] = len(silver)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
