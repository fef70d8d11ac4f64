"""Word lists and gazetteers for entity tagging, loaded once per process.

Sources: ``models/entities/countries_th.tsv`` and ``models/entities/lexicon.tsv`` (hand-written for
this project), and lists that ship in the pythainlp wheel (``pythainlp/corpus``: Thai provinces,
given and family names, the Thai word list), read from the installed package, never downloaded.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from thai_extract.resources import model_path


# Honorifics and ranks: inside a PERSON span (ThaiNER convention).
HONORIFICS = frozenset("""
นาย นาง นางสาว น.ส. ด.ช. ด.ญ. เด็กชาย เด็กหญิง ดร. ศ. รศ. ผศ. ศ.ดร. รศ.ดร. ผศ.ดร. นพ. น.พ. พญ. พ.ญ. ทพ.
พล.อ. พล.ท. พล.ต. พ.อ. พ.ท. พ.ต. ร.อ. ร.ท. ร.ต. จ.ส.อ. ส.อ. พล.ต.อ. พล.ต.ท. พล.ต.ต. พ.ต.อ. พ.ต.ท. พ.ต.ต.
ร.ต.อ. ร.ต.ท. ร.ต.ต. ด.ต. จ.ส.ต. ส.ต.อ. ส.ต.ท. ส.ต.ต. พล.ร.อ. พล.อ.อ. น.อ. น.ท. น.ต. คุณ ท่าน หม่อม ม.ร.ว.
ม.ล. ม.จ. พระ หลวงพ่อ หลวงปู่ พระครู พระมหา สมเด็จ เจ้าอาวาส Mr. Mrs. Ms. Dr. ว่าที่ ร.ต. ส.ส. ส.ว.
""".split())
# Position titles: outside the PERSON span, but a strong cue that a name follows.
POSITION_TITLES = frozenset("""
นายก
นายกรัฐมนตรี ประธานาธิบดี รองประธานาธิบดี รัฐมนตรี รมว. รมต. รมช. รองนายกรัฐมนตรี นายกฯ ผู้ว่าราชการจังหวัด
ผู้ว่าฯ ผวจ. โฆษก ประธาน รองประธาน เลขาธิการ ผู้อำนวยการ ผอ. อธิบดี ปลัด ปลัดกระทรวง ผู้บัญชาการ ผบ. ผบ.ตร.
เอกอัครราชทูต ทูต กษัตริย์ สมเด็จพระราชินี เจ้าชาย เจ้าหญิง นายอำเภอ กำนัน ผู้ใหญ่บ้าน อธิการบดี คณบดี
ผู้กำกับ ผกก. ผบก. ผบช. หัวหน้า ผู้จัดการ กรรมการผู้จัดการ ประธานกรรมการ ซีอีโอ ศาสตราจารย์ นักร้อง นักแสดง
นักข่าว นักการเมือง แกนนำ ส.ส. ส.ว. นายแพทย์ แพทย์ ทนาย ทนายความ อัยการ ผู้พิพากษา
""".split())
# Head words of organisation names.
ORG_HEADS = frozenset("""
กระทรวง กรม สำนักงาน สำนัก บริษัท บจก. บมจ. ธนาคาร มหาวิทยาลัย ม. โรงพยาบาล รพ. โรงเรียน สถาบัน สมาคม มูลนิธิ
ศูนย์ กอง กองทัพ กองบัญชาการ คณะ คณะกรรมการ พรรค องค์การ องค์กร การไฟฟ้า การประปา การท่าเรือ สภา ศาล สหภาพ
สหกรณ์ ชมรม กลุ่ม สถานี สถานีตำรวจ สภ. สน. ตำรวจ กรมตำรวจ สายการบิน หนังสือพิมพ์ สำนักข่าว ทีม สโมสร
ห้างหุ้นส่วน ห้าง อบต. อบจ. เทศบาล สถานเอกอัครราชทูต สถานทูต
""".split())
# Words that stand before a place name and belong to its LOCATION span (OUTPUT_CONTRACT).
LOCATION_PREFIXES = ("ประเทศ", "จังหวัด", "จ.", "อ.", "อำเภอ", "กรุง", "เมือง")
LOCATION_HEADS = frozenset("""
ประเทศ จังหวัด จ. อำเภอ อ. ตำบล ต. กรุง เมือง เขต แขวง หมู่บ้าน บ้าน ถนน ถ. ซอย แม่น้ำ เกาะ ภาค รัฐ
ทะเล อ่าว ภูเขา ดอย เทือกเขา หมู่ ม.
""".split())
# Words that, right before a Latin-script name, say what it names.
LATIN_CUES = {
    "PERSON": POSITION_TITLES | HONORIFICS,
    "ORGANIZATION": frozenset({"สายการบิน", "บริษัท", "ธนาคาร", "องค์กร", "องค์การ", "กลุ่ม", "สำนักข่าว",
                                "หนังสือพิมพ์", "ค่าย", "แบรนด์", "พรรค", "มหาวิทยาลัย", "สถาบัน", "ทีม"}),
    "LOCATION": frozenset({"เมือง", "กรุง", "รัฐ", "ประเทศ", "เกาะ", "แคว้น", "มณฑล"}),
}
EVENT_WORDS = frozenset({"Forum", "Summit", "Conference", "Expo", "Festival", "Games", "Congress", "Dialogue",
                         "Meeting", "Week", "Olympics", "Cup", "Fair", "Symposium", "Convention"})


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer name: its label, canonical name and kind (country, province, city, org, ...)."""

    label: str
    canonical: str
    kind: str


def _pythainlp_corpus() -> Path:
    spec = importlib.util.find_spec("pythainlp")
    if spec is None or spec.origin is None:  # pragma: no cover - pythainlp is a dependency
        raise ModuleNotFoundError("pythainlp is needed for its word lists")
    return Path(spec.origin).parent / "corpus"


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


@dataclass
class Resources:
    """Every list the tagger uses."""

    entries: dict[str, Entry]          # surface form -> gazetteer entry
    prefixes: frozenset[str]           # every character prefix of every surface form
    country_english: dict[str, str]    # ISO alpha-2 -> short English name
    given_names: frozenset[str]
    family_names: frozenset[str]
    dictionary: frozenset[str]
    max_len: int
    clusters: dict[str, tuple[str, str]]  # word -> (coarse, fine) cluster ids; empty without the file

    def longest_matches(self, text: str, spans: Sequence[tuple[int, int]],
                        max_tokens: int = 8) -> Iterator[tuple[int, int, Entry]]:
        """(first token, last token, entry) of each longest gazetteer match over whole tokens, left to right."""
        n = len(spans)
        i = 0
        while i < n:
            start = spans[i][0]
            best: tuple[int, Entry] | None = None
            for j in range(i, min(n, i + max_tokens)):
                cand = text[start:spans[j][1]]
                if cand not in self.prefixes:
                    break
                e = self.entries.get(cand)
                if e is not None:
                    best = (j, e)
            if best is None:
                i += 1
                continue
            yield i, best[0], best[1]
            i = best[0] + 1


@cache
def load_resources(model_dir: str | None = None) -> Resources:
    """The gazetteers (hand lists under ``models/entities`` + pythainlp's lists)."""
    base = model_path("entities", configured=model_dir)
    corpus = _pythainlp_corpus()
    entries: dict[str, Entry] = {}
    country_english: dict[str, str] = {}
    # provinces first: a country or hand entry of the same spelling wins
    with open(corpus / "thailand_provinces_th.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) >= 3 and row[0].strip():
                th, en = row[0].strip(), row[2].strip()
                entries[th] = Entry("LOCATION", en, "province")
    for alias in ("กรุงเทพฯ", "กทม.", "กรุงเทพ", "กรุงเทพมหานคร"):
        entries[alias] = Entry("LOCATION", "Bangkok", "province")
    for line in _lines(base / "lexicon.tsv"):
        surface, label, canonical, kind = line.split("\t")
        entries[surface] = Entry(label, canonical, kind)
    for line in _lines(base / "countries_th.tsv"):
        th, code, en = line.split("\t")
        entries[th] = Entry("LOCATION", code, "country")
        country_english.setdefault(code, en)
    prefixes = frozenset(s[:i] for s in entries for i in range(1, len(s) + 1))
    given = frozenset(_lines(corpus / "person_names_male_th.txt")) | frozenset(
        _lines(corpus / "person_names_female_th.txt"))
    family = frozenset(_lines(corpus / "family_names_th.txt"))
    dictionary = frozenset(_lines(corpus / "words_th.txt"))
    clusters: dict[str, tuple[str, str]] = {}
    if (base / "clusters.tsv").exists():
        for line in _lines(base / "clusters.tsv"):
            word, coarse, fine = line.split("\t")
            clusters[word] = (coarse, fine)
    return Resources(entries, prefixes, country_english, given, family, dictionary,
                     max(map(len, entries)), clusters)
