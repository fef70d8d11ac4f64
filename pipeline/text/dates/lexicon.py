"""The date lexicon: month, weekday, holiday and relative words, and the cue words around numbers.

Read once from ``models/dates/lexicon.toml`` (found through :func:`thai_extract.resources.model_path`);
the grammar (``grammar.py``) is built from it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from typing import Any

from thai_extract.resources import cached, model_path

__all__ = ["Lexicon", "LunarDay", "load_lexicon", "LEXICON_FILE"]

LEXICON_FILE = ("dates", "lexicon.toml")


@dataclass(frozen=True, slots=True)
class LunarDay:
    """A day of the Thai lunar calendar: the full moon of lunar ``month`` (``leap_year_month`` in a
    year with a leap month), plus ``days_after``."""

    month: int
    leap_year_month: int
    days_after: int = 0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words of the date grammar (what each field holds: ``models/dates/lexicon.toml``)."""

    months_full: tuple[str, ...]
    months_abbr: tuple[str, ...]
    months_short: tuple[str, ...]
    months_english: tuple[str, ...]
    month_variants: dict[str, int]
    weekdays: dict[str, int]
    period_units: dict[str, str]
    number_words: dict[str, int]
    fixed_holidays: dict[str, tuple[int, int, int, int]]
    lunar_holidays: dict[str, LunarDay]
    relative_days: dict[str, int]
    anaphoric_days: dict[str, int]
    relative_steps: dict[str, int]
    units: tuple[str, ...]
    quantity_before: tuple[str, ...]
    period_before: tuple[str, ...]
    nowadays_subjects: tuple[str, ...]
    today_that_after: tuple[str, ...]

    @property
    def month_number(self) -> dict[str, int]:
        """Every month name (abbreviations without dots, English in lower case) -> 1..12."""
        numbers: dict[str, int] = {}
        for i, (full, abbr, short, english) in enumerate(
                zip(self.months_full, self.months_abbr, self.months_short, self.months_english), start=1):
            numbers.update({full: i, abbr.replace(".", ""): i, short: i, english: i, english[:3]: i})
        numbers.update(self.month_variants)
        numbers["sept"] = 9
        return numbers

    @property
    def english_abbreviations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([m[:3] for m in self.months_english] + ["sept"]))


def _twelve(table: dict[str, Any], key: str) -> tuple[str, ...]:
    names = tuple(table[key])
    if len(names) != 12:
        raise ValueError(f"date lexicon: months.{key} needs 12 names, has {len(names)}")
    return names


def _months_of(table: dict[str, int], where: str) -> dict[str, int]:
    for word, month in table.items():
        if not 1 <= month <= 12:
            raise ValueError(f"date lexicon: {where}.{word} = {month} is not a month")
    return dict(table)


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """A :class:`Lexicon` from the parsed TOML, checked."""
    months, relative, cues = data["months"], data["relative"], data["cues"]
    weekdays = dict(data["weekdays"])
    if not set(weekdays.values()) <= set(range(7)):
        raise ValueError("date lexicon: weekdays take 0 (Monday) to 6 (Sunday)")
    period_units = dict(data["period_units"])
    if not set(period_units.values()) <= {"day", "week", "month", "year"}:
        raise ValueError("date lexicon: period_units take day, week, month or year")
    fixed = {name: tuple(days) for name, days in data["holidays"]["fixed"].items()}
    if any(len(days) != 4 for days in fixed.values()):
        raise ValueError("date lexicon: holidays.fixed takes [first month, first day, last month, last day]")
    lunar = {name: LunarDay(rule["month"], rule.get("leap_year_month", rule["month"]), rule.get("days_after", 0))
             for name, rule in data["holidays"].get("lunar", {}).items()}
    if any(not 1 <= day.month <= 12 or not 1 <= day.leap_year_month <= 12 for day in lunar.values()):
        raise ValueError("date lexicon: holidays.lunar months are 1 to 12")
    return Lexicon(
        months_full=_twelve(months, "full"), months_abbr=_twelve(months, "abbr"),
        months_short=_twelve(months, "short"), months_english=tuple(m.lower() for m in _twelve(months, "english")),
        month_variants=_months_of(months.get("variants", {}), "months.variants"),
        weekdays=weekdays, period_units=period_units, number_words=dict(data["number_words"]),
        fixed_holidays=fixed, lunar_holidays=lunar,  # type: ignore[arg-type]
        relative_days=dict(relative["days"]), anaphoric_days=dict(relative["anaphoric_days"]),
        relative_steps=dict(relative["steps"]),
        units=tuple(cues["units"]), quantity_before=tuple(cues["quantity_before"]),
        period_before=tuple(cues["period_before"]), nowadays_subjects=tuple(cues["nowadays_subjects"]),
        today_that_after=tuple(cues["today_that_after"]),
    )


def load_lexicon(path: str | os.PathLike[str] | None = None) -> Lexicon:
    """The lexicon at ``path``, by default the packaged ``models/dates/lexicon.toml`` (read once)."""
    return cached("dates lexicon", str(path) if path else None, lambda: _read_lexicon(path))


def _read_lexicon(path: str | os.PathLike[str] | None) -> Lexicon:
    with open(model_path(*LEXICON_FILE, configured=path), "rb") as fh:
        return parse_lexicon(tomllib.load(fh))
