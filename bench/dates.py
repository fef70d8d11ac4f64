"""Benchmark the date extractor against dateparser, and measure its speed.

    python bench/dates.py [--sample 40] [--seed 0] [--no-baselines] [--show-errors 0]
    python bench/dates.py --attestations    # how many articles attest each rule's wording, then exit

1. builds eval JSONL files in a temp dir: ThaiNER 1.5.1 validation DATE spans (spans only: value
   accuracy is n/a there) and the sample article's nine dates from seed_gold.json (spans and values);
   and dev-news excerpts hand-labelled with values (bench/data/dates_dev_gold.jsonl holds only the
   article id, the excerpt's offsets and the labels; the text is read from ../shared/data); and
   whole dev articles labelled blind (bench/data/dates_dev_blind*.jsonl; how they were made and
   where their annotators disagree: bench/data/README.md), scored with and without the vague mentions;
2. runs ``thai_extract.eval.dates.evaluate`` on each and prints the tables (ours vs dateparser);
3. measures the dates stage on the thaigov dev bodies (chars/s, one core);
4. prints a sample of mentions found in the dev news, with their values, to eyeball.

``--attestations`` counts, in the 1,000 dev articles and the 57,550 unlabeled ones, the articles whose
text holds the wording each rule reads (a rule must be attested in more than one article).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SHARED_DATA, article_text, dev_records, require

from thai_extract.document import Document
from thai_extract.eval.dates import evaluate, load, match_spans, ours
from thai_extract.stages.dates import DatesStage

DEV_GOLD = ROOT / "bench" / "data" / "dates_dev_gold.jsonl"
# blind sets #1 to #12, each with articles and annotators of its own (bench/data/README.md)
BLIND_SETS = [ROOT / "bench" / "data" / f"dates_dev_blind{'' if n == 1 else n}.jsonl" for n in range(1, 13)]


def dev_gold_records() -> list[dict]:
    """The hand-labelled dev-news excerpts, their text cut from thaigov_dev_1000 by id and offsets.

    Labels were drafted by the extractor and corrected by hand, so this set checks regressions more
    than it estimates accuracy.
    """
    articles = {rec["id"]: rec for rec in dev_records()}
    records = []
    with open(DEV_GOLD, encoding="utf-8") as fh:
        for line in fh:
            label = json.loads(line)
            source = articles[label["article_id"]][label["field"]]
            records.append({"doc_id": label["doc_id"], "text": source[label["start"]:label["end"]],
                            "published": label["published"], "dates": label["dates"]})
    return records


def blind_records(with_vague: bool, path: Path = BLIND_SETS[0]) -> list[dict]:
    """Whole dev articles (title + "\\n" + body) labelled blind: by an annotator who neither read nor ran
    the extractor (bench/data/dates_dev_blind*.jsonl: ids, offsets and values only).

    Vague mentions ("ปัจจุบัน", "ทุกวันนี้") carry no value; ``with_vague`` keeps them as spans to find,
    otherwise they are dropped (so finding one counts against precision).
    """
    articles = {rec["id"]: rec for rec in dev_records()}
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            label = json.loads(line)
            article = articles[label["doc_id"]]
            dates = [d for d in label["dates"] if with_vague or not d.get("vague")]
            records.append({"doc_id": label["doc_id"], "text": article_text(article),
                            "published": label["published"], "dates": dates})
    return records


def thainer_records() -> list[dict]:
    """ThaiNER validation lines as eval records: DATE spans, no values, no publication date."""
    records = []
    with open(require(SHARED_DATA / "thainer15_val.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            dates = [{"start": e["start"], "end": e["end"], "start_date": None, "end_date": None,
                      "granularity": None} for e in rec["entities"] if e["label"] == "DATE"]
            records.append({"doc_id": rec["id"], "text": rec["text"], "published": None, "dates": dates})
    return records


def seed_records() -> list[dict]:
    """The sample article with its nine gold dates (seed_gold.json's "dates")."""
    gold = json.loads(require(SHARED_DATA / "seed_gold.json").read_text(encoding="utf-8"))
    text = (ROOT / "data" / "raw" / "sample_article.txt").read_text(encoding="utf-8")
    dates = [{k: d[k] for k in ("start", "end", "start_date", "end_date", "granularity")} for d in gold["dates"]]
    return [{"doc_id": "sample_article", "text": text, "published": None, "dates": dates}]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n## {title}")
    columns = list(dict.fromkeys(k for row in rows for k in row))
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in columns))


def show_errors(path: Path, limit: int) -> None:
    """Gold spans we miss, spans we add, and wrong values: for reading, not scoring."""
    shown = 0
    for rec in load(path):
        pred = ours(rec["text"], rec["published"])
        pairs = match_spans(rec["gold"], pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        text = rec["text"]
        ctx = lambda s, e: text[max(0, s - 20):s] + "[" + text[s:e] + "]" + text[e:e + 20]  # noqa: E731
        for g in rec["gold"]:
            if id(g) not in matched_g and shown < limit:
                shown += 1
                print("  MISS ", ctx(g.start, g.end).replace("\n", " "))
        for p in pred:
            if id(p) not in matched_p and shown < limit:
                shown += 1
                print("  EXTRA", ctx(p.start, p.end).replace("\n", " "), p.start_date, p.granularity)
        for g, p in pairs:
            if g.start_date is not None and (g.start_date, g.end_date, g.granularity) != (
                    p.start_date, p.end_date, p.granularity) and shown < limit:
                shown += 1
                print("  VALUE", ctx(p.start, p.end).replace("\n", " "), "gold", g.start_date, g.end_date,
                      g.granularity, "ours", p.start_date, p.end_date, p.granularity)


def dev_articles() -> list[tuple[str, dt.date | None]]:
    return [(rec["body"], dt.date.fromisoformat(rec["date"][:10]) if rec.get("date") else None)
            for rec in dev_records()]


def measure_speed(articles: list[tuple[str, dt.date | None]], repeats: int = 3) -> tuple[float, int]:
    """Best-of-``repeats`` chars/s of the dates stage over the articles, and the mentions found."""
    stage = DatesStage()
    n_chars = sum(len(text) for text, _ in articles)
    best, found = float("inf"), 0
    for _ in range(repeats):
        docs = [Document(doc_id=str(i), text=text, published=pub) for i, (text, pub) in enumerate(articles)]
        t0 = time.perf_counter()
        for doc in docs:
            stage(doc)
        best = min(best, time.perf_counter() - t0)
        found = sum(len(d.dates) for d in docs)
    return n_chars / best, found


def print_sample(articles: list[tuple[str, dt.date | None]], n: int, seed: int) -> None:
    stage = DatesStage()
    rows = []
    for i, (text, pub) in enumerate(articles):
        doc = stage(Document(doc_id=str(i), text=text, published=pub))
        rows.extend((text, pub, d) for d in doc.dates)
    print(f"\n## {n} of {len(rows)} mentions in the dev news (published | context [mention] | value)")
    for text, pub, d in random.Random(seed).sample(rows, min(n, len(rows))):
        s, e = d.start, d.end
        context = (text[max(0, s - 15):s] + "[" + text[s:e] + "]" + text[e:e + 12]).replace("\n", " ")
        value = f"{d.start_date}..{d.end_date} {d.granularity}"
        flags = (" rel" if d.relative else "") + (f" {d.time}" if d.time else "")
        print(f"{pub} | {context} | {value}{flags}")


_MONTH = r"(?:[ก-ฮ]{1,2}\.\s?[ก-ฮ]\.?|[ก-ฮ]+(?:คม|ยน|พันธ์))"
_LUNAR = "(?:มาฆบูชา|วิสาขบูชา|อาสาฬหบูชา|เข้าพรรษา|ออกพรรษา|ลอยกระทง)"
_FIXED = ("(?:วันแม่แห่งชาติ|วันพ่อแห่งชาติ|วันสงกรานต์|วันขึ้นปีใหม่|วันปีใหม่|วันแรงงาน|วันรัฐธรรมนูญ|วันจักรี"
          "|วันปิยมหาราช)")
ATTESTATIONS = {  # rule -> the wording it reads
    "Hijri year": r"(?:ฮิจเราะห์ศักราช|ฮ\.\s?ศ\.?)\s*(?:\(ฮ\.ศ\.\)\s*)?[0-9๐-๙]{4}",
    "lunar holiday ('วัน' + name)": rf"วัน{_LUNAR}",
    "year inside a hashtag": r"#[^\s#]*(?:19[5-9]\d|20\d\d|2[45]\d\d)(?!\d)",
    "year after a capitalised name ('GP2025')": r"(?<![\w/.])[A-Z]{2,}(?:19[5-9]\d|20\d\d)(?!\d)",
    "'ที่วันนี้' + subject (nowadays)": r"(?<!พื้น)(?<!หน้า)(?<!สถาน)(?<!ขณะ)(?<!ยินดี)(?<!ดีใจ)(?<!โอกาส)ที่\s?วันนี้\s?"
                                       r"(?:ประเทศ|ไทย|เรา|ประชาชน|คน|สังคม|โลก)",
    "range with a clock time on each side": r"\d[.:]\d\d\s*(?:น\.|นาฬิกา)\s*(?:ถึง|จนถึง|[-–])\s*(?:เวลา\s*)?\d{1,2}[.:]\d\d"
                                           r"\s*(?:น\.|นาฬิกา)\s*(?:ของ)?\s*วัน\S{0,12}\s*[0-9๐-๙]",
    "relative day + stated date starting a range": r"(?:วันนี้|พรุ่งนี้)\s*\([^)\n]{4,40}\)\s*(?:ถึง|จนถึง|[-–])\s*"
                                                   r"(?:วันที่\s*)?[0-9๐-๙]",
    "relative day to 'สิ้นเดือน'": r"(?:วันนี้|บัดนี้|พรุ่งนี้)\s*(?:เป็นต้นไป)?\s*(?:ถึง|จนถึง|[-–])\s*สิ้นเดือน",
    "'วันนี้ (day month)' without a year": rf"วันนี้\s*\(\s*(?:วัน)?\S*\s*[0-9๐-๙]{{1,2}}\s*{_MONTH}\s*\)",
    "clock time before a date, no 'เวลา'": r"(?<!เวลา )(?<![\d.:])\d{1,2}[.:]\d\d\s*(?:น\.|นาฬิกา)\s*(?:ของ)?\s*"
                                          r"(?:วันนี้|วันที่)",
    "day number after a holiday's name": rf"{_FIXED}\s*[0-9๐-๙]{{1,2}}\s*(?:[-–]|{_MONTH})",
    "'ระยะเวลา/ห้วงเดียวกันของปี'": r"(?:ระยะ|ห้วง)(?:เวลา)?\s*เดียวกัน\s*(?:ของ|กับ|ใน)?\s*ปี",
    "days listed before one month ('วันที่ 8 และ 10 ก.ย.')": r"วันที่\s*\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:,|และ)\s*"
                                                         r"\d{1,2}\s*(?:[ก-ฮ]{1,2}\.\s?[ก-ฮ]\.?|[ก-์]+?(?:คม|ยน|พันธ์))",
    "a range of days ahead ('1 - 9 วันข้างหน้า')": r"\d+\s*[-–]\s*\d+\s*(?:วัน|สัปดาห์|เดือน|ปี)ข้างหน้า",
    "relative day, dash, 'จนถึง'": r"(?:วันนี้|พรุ่งนี้)\s*[-–]\s*(?:จน)?ถึง",
    "misspelling 'เมื่อวานี้'": r"เมื่อวานี้",
    "misspelling 'พฤศจิกายม'": r"พฤศจิกายม",
}


def count_attestations() -> None:
    """Articles of the dev news and of the unlabeled news whose text holds each rule's wording."""
    patterns = {rule: re.compile(p) for rule, p in ATTESTATIONS.items()}
    counts = {rule: [0, 0] for rule in patterns}
    for rec in dev_records():
        for rule, pattern in patterns.items():
            counts[rule][0] += pattern.search(article_text(rec)) is not None
    with gzip.open(require(SHARED_DATA / "thaigov_unlabeled.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = f"{rec.get('title') or ''}\n{rec.get('text') or ''}"
            for rule, pattern in patterns.items():
                counts[rule][1] += pattern.search(text) is not None
    print("rule | dev articles (of 1,000) | unlabeled articles (of 57,550)")
    for rule, (dev, unlabeled) in counts.items():
        print(f"{rule} | {dev} | {unlabeled}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0, help="print up to N misses/extras per set")
    ap.add_argument("--attestations", action="store_true", help="count the articles attesting each rule, then exit")
    args = ap.parse_args()
    if args.attestations:
        count_attestations()
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        sets = {"ThaiNER 1.5.1 val DATE (spans only)": write_jsonl(Path(tmp) / "thainer_val.jsonl", thainer_records()),
                "sample article (seed_gold dates)": write_jsonl(Path(tmp) / "seed.jsonl", seed_records())}
        sets["dev news, hand-labelled excerpts"] = write_jsonl(Path(tmp) / "dev.jsonl", dev_gold_records())
        for n, gold in enumerate(BLIND_SETS, start=1):
            if gold.exists():
                sets[f"dev news, whole articles labelled blind #{n} (vague mentions not annotated)"] = write_jsonl(
                    Path(tmp) / f"blind{n}.jsonl", blind_records(False, gold))
                sets[f"dev news, whole articles labelled blind #{n} (vague mentions as spans)"] = write_jsonl(
                    Path(tmp) / f"blind{n}_vague.jsonl", blind_records(True, gold))
        for title, path in sets.items():
            print_table(title, evaluate(path, baselines=not args.no_baselines))
            if args.show_errors:
                show_errors(path, args.show_errors)
    articles = dev_articles()
    speed, found = measure_speed(articles)
    n_chars = sum(len(t) for t, _ in articles)
    print(f"\n## speed: dates stage on {len(articles)} dev bodies ({n_chars:,} chars, one core): "
          f"{speed:,.0f} chars/s, {found} mentions")
    print_sample(articles, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
