"""Thai organisations' abbreviations, mined from news: ``python -m thai_extract.training.ner_abbreviations``.

Thai government news introduces an organisation by its full name with its abbreviation in brackets
("กองทุนการออมแห่งชาติ (กอช.)"). This counts every such pair in a corpus (a full name starting
with an organisation head word: กระทรวง, กรม, สำนักงาน, กองทุน...) and keeps, for each
abbreviation seen at least ``min_count`` times, its most frequent full name when that name has at
least ``min_share`` of its uses. Abbreviations of position titles ("รมว.พม.") are left out: they
name people. Writes ``abbreviation<TAB>full name<TAB>count`` lines, which the entity stage reads
(after the hand-written ``org_abbreviations_th.tsv``, which wins) for organisations' canonical names.

    python -m thai_extract.training.ner_abbreviations --corpus ../shared/data/thaigov_unlabeled.jsonl.gz \\
        --out models/entities/org_abbreviations_corpus.tsv
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ORGANISATION_HEADS = ("กระทรวง", "กรม", "สำนักงาน", "สำนัก", "สถาบัน", "กองทุน", "ธนาคาร", "องค์การ", "ศูนย์",
                      "การไฟฟ้า", "การประปา", "การท่าเรือ", "การรถไฟ", "การท่องเที่ยว", "บริษัท", "มหาวิทยาลัย",
                      "คณะกรรมการ", "กอง", "สภา", "สมาคม", "สหพันธ์", "หน่วย", "ตลาดหลักทรัพย์", "โรงพยาบาล",
                      "วิทยาลัย")
POSITION_PREFIXES = ("รมว.", "รมช.", "รมต.", "ปกท.", "รปกท.", "ผอ.", "ผวจ.", "อธิบดี", "ผบ.", "นายก")
_PAIR = re.compile(
    "((?:" + "|".join(ORGANISATION_HEADS) + r")[\u0e01-\u0e4e]{2,60}?(?: [\u0e01-\u0e4e]{2,30}){0,3}) ?"
    r"\(([\u0e01-\u0e2e](?:[\u0e01-\u0e4e]{0,3}\.){1,5}|[\u0e01-\u0e2e]{2,6}\.?)\)")
HEADER = ("# Thai organisations' abbreviations -> full names, mined from PyThaiNLP/thaigov-v2-corpus (public domain)\n"
          "# by thai_extract.training.ner_abbreviations (\"FULL NAME (ABBR.)\" pairs; settings below).\n")


def pairs(texts: Iterable[str]) -> Counter[tuple[str, str]]:
    """(abbreviation, full name) pairs written as "FULL NAME (ABBR.)", counted."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for m in _PAIR.finditer(text):
            counts[(m.group(2), m.group(1).strip())] += 1
    return counts


def abbreviations(counts: Counter[tuple[str, str]], min_count: int = 3,
                  min_share: float = 0.6) -> list[tuple[str, str, int]]:
    """The kept (abbreviation, full name, count), most used first (see the module docstring)."""
    by_abbreviation: dict[str, Counter[str]] = defaultdict(Counter)
    for (short, full), n in counts.items():
        by_abbreviation[short][full] += n
    kept = []
    for short, fulls in by_abbreviation.items():
        full, n = fulls.most_common(1)[0]
        if (n >= min_count and n / sum(fulls.values()) >= min_share and len(full) > len(short) + 3
                and not short.startswith(POSITION_PREFIXES)):
            kept.append((short, full, n))
    return sorted(kept, key=lambda k: (-k[2], k[0]))


def _corpus(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            yield f"{record.get('title') or ''}\n{record.get('text') or record.get('body') or ''}"


def build(corpus: str | Path, out: str | Path, min_count: int = 3, min_share: float = 0.6) -> int:
    """Mine ``corpus`` (JSONL, gzipped or not) and write ``out``; returns the number of abbreviations."""
    kept = abbreviations(pairs(_corpus(Path(corpus))), min_count, min_share)
    lines = [HEADER, f"# min_count={min_count} min_share={min_share}\n"]
    lines += [f"{short}\t{full}\t{n}\n" for short, full, n in kept]
    Path(out).write_text("".join(lines), encoding="utf-8")
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--out", default=Path("models/entities/org_abbreviations_corpus.tsv"), type=Path)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.6)
    args = parser.parse_args()
    print(build(args.corpus, args.out, args.min_count, args.min_share), "abbreviations written to", args.out)


if __name__ == "__main__":
    main()
