"""Entity linking benchmark: canonical names on the blind set of dev-news mentions.

    .venv/bin/python bench/linking.py [--show-errors 30]

``bench/data/entities_linking_blind.jsonl`` (``--set 1``) and ``entities_linking_blind2.jsonl``
(``--set 2``, labelled later, with a written guide) hold entity mentions of 24 dev articles each,
labelled with canonical names by annotators who neither read nor ran the code (ids, offsets, label, canonical;
the text is cut from ../shared/data at run time). Their rule, the one the README states: countries
as ISO alpha-2 codes, Thai provinces and foreign places in English, Thai places below a province
in Thai without the generic prefix, foreign persons by their usual English name, Thai persons as
given + family name in Thai without titles, international organisations by their English acronym,
Thai organisations by their full Thai name. Every occurrence of a labelled string counts as that
entity, so the gold holds some mentions nested in longer ones: only our mentions with exactly a
gold span and label are scored ("correctly found"), and canonical accuracy is the share of those
whose canonical equals the gold's (spacing normalised). Also printed: how many gold mentions we
find that way, by label.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict

from _common import ROOT, article_text, dev_records

from thai_extract.core import Pipeline
from thai_extract.document import Document
from thai_extract.io.readers import parse_published

GOLD = {1: ROOT / "bench" / "data" / "entities_linking_blind.jsonl",
        2: ROOT / "bench" / "data" / "entities_linking_blind2.jsonl"}
_SPACES = re.compile(r"\s+")


def norm(name: str | None) -> str:
    return _SPACES.sub(" ", (name or "").strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--set", type=int, choices=sorted(GOLD), default=1,
                        help="which blind set: 1 (24 articles) or 2 (24 other articles)")
    args = parser.parse_args()
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in GOLD[args.set].read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold[g["doc_id"]].append(g)
    articles = {r["id"]: r for r in dev_records() if r["id"] in gold}
    pipe = Pipeline.from_config({"pipeline": {"stages": ["normalize", "spelling", "segment", "entities"]}})
    found, correct, gold_n = Counter(), Counter(), Counter()
    errors = []
    for doc_id, mentions in gold.items():
        rec = articles[doc_id]
        doc = pipe(Document(doc_id, article_text(rec), published=parse_published(rec.get("date"))))
        ours = {(e.start, e.end, e.label): e for e in doc.entities}
        for g in mentions:
            gold_n[g["label"]] += 1
            e = ours.get((g["start"], g["end"], g["label"]))
            if e is None:
                continue
            found[g["label"]] += 1
            if norm(e.canonical or e.text) == norm(g["canonical"]):
                correct[g["label"]] += 1
            else:
                errors.append((doc_id, g["label"], e.text, e.canonical, g["canonical"]))
    print(f"== linking on {len(gold)} blind dev articles ({sum(gold_n.values())} gold mentions)")
    print(f"{'label':14} {'gold':>6} {'found':>6} {'canonical ok':>13} {'accuracy':>9}")
    for label in sorted(gold_n) + ["all"]:
        g = sum(gold_n.values()) if label == "all" else gold_n[label]
        f = sum(found.values()) if label == "all" else found[label]
        c = sum(correct.values()) if label == "all" else correct[label]
        print(f"{label:14} {g:>6} {f:>6} {c:>13} {c / f if f else 0:>9.3f}")
    for doc_id, label, text, ours_c, gold_c in errors[:args.show_errors]:
        print(f"  {doc_id} {label} {text!r}: ours {ours_c!r}, gold {gold_c!r}")


if __name__ == "__main__":
    main()
