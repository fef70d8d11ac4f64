"""Countries and territories by their Thai names: ``country_table()`` maps a Thai name or short form
to ``Country(code, english)`` (ISO 3166-1 alpha-2 and a usual English name).

Sources, in order (a later one never overrides an earlier name):

1. CLDR's Thai territory names (the ``babel`` package: ``Locale("th").territories``), the part
   before a parenthesis kept as a name of its own ("เมียนมา (พม่า)" gives เมียนมา and พม่า); CLDR
   codes that are not ISO 3166-1 countries (EU, UN, regions such as AC or EA) left out;
2. ``models/entities/country_aliases_th.tsv``: short forms and other spellings of Thai news
   (สหรัฐฯ, อเมริกา, ญี่ปุ่น's older spellings...), each attested in more than one text.

English names are CLDR's (``Locale("en").territories``), with the parenthesised part and "SAR
China" left out ("Myanmar (Burma)" -> "Myanmar"). Loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from thai_extract.resources import model_path

ALIASES_FILE = "country_aliases_th.tsv"
# CLDR territory codes that are not ISO 3166-1 alpha-2 country codes
NOT_ISO = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


@dataclass(frozen=True, slots=True)
class Country:
    """A country or territory: ISO 3166-1 alpha-2 code and usual English name."""

    code: str
    english: str


def _english_names() -> dict[str, str]:
    from babel import Locale

    out = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and code not in NOT_ISO:
            name = _PAREN.sub(" ", name).replace(" SAR China", "").replace(" & ", " and ").strip()
            out[code] = name
    return out


def _cldr_thai_names() -> dict[str, str]:
    """Thai name -> code from CLDR (the name before a parenthesis, and the one inside it, too)."""
    from babel import Locale

    out: dict[str, str] = {}
    for code, name in Locale("th").territories.items():
        if len(code) != 2 or not code.isalpha() or code in NOT_ISO:
            continue
        names = [name]
        inner = _PAREN.search(name)
        if inner:
            names = [_PAREN.sub(" ", name).strip(), inner.group(1).strip()]
        for n in names:
            if n and not n.isascii():
                out.setdefault(n, code)
                if " - " in n:  # "คองโก - กินชาซา" is also written without the spaces
                    out.setdefault(n.replace(" - ", "-"), code)
    return out


def _aliases(model_dir: str | None) -> dict[str, str]:
    path = model_path("entities", ALIASES_FILE)
    if model_dir and (Path(model_dir) / ALIASES_FILE).exists():
        path = Path(model_dir) / ALIASES_FILE
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                thai, code = line.rstrip("\n").split("\t")[:2]
                out[thai] = code
    return out


@cache
def country_table(model_dir: str | None = None) -> dict[str, Country]:
    """Thai name or short form -> Country (see the module docstring); ``model_dir``: where the
    aliases file is (default ``models/entities``)."""
    english = _english_names()
    table: dict[str, Country] = {}
    for source in (_cldr_thai_names(), _aliases(model_dir)):
        for thai, code in source.items():
            if code in english:
                table.setdefault(thai, Country(code, english[code]))
    return table


@cache
def english_name(code: str) -> str | None:
    """The usual English name of an ISO 3166-1 alpha-2 code ("RU" -> "Russia"), None if unknown."""
    return _english_names().get(code)
