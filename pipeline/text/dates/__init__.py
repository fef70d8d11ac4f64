"""Thai date expressions found in running text, normalised to Gregorian date ranges.

``find_dates(text, published)`` returns every date or period mention with its value as an inclusive
``[start_date, end_date]`` range (proleptic Gregorian) and a granularity. It reads Buddhist-era years
(a 4-digit year >= 2400 is BE; a 2-digit year after a month is a short BE year: "68" -> 2568 -> 2025),
"ค.ศ." years, Thai digits, full, abbreviated and colloquial month names, weekday and "วันที่" words,
numeric and ISO dates, day/month/year ranges, fiscal years, quarters, decades, and relative words
resolved against ``published``. Durations ("3 ปี", "18 เดือน"), ages and amounts are not dates.

The package, in the order a text goes through it:

- ``lexicon.py``: the words (``models/dates/lexicon.toml``: months, weekdays, holidays, relative
  words, the cue words around numbers);
- ``grammar.py``: one regex alternative per kind of expression, built from the lexicon, and the
  prefilter its scanner searches first (``triggers.py``, derived from the grammar itself);
- ``atoms.py``: each match turned into the parts of a date, year possibly missing;
- ``years.py``: ranges joined ("A - B", "A ถึง B"), budget tables read, missing years filled from the
  passage or the publication date;
- ``mentions.py``: values given, relative days anchored to the dates stated with them, the day the
  text calls today found; ``find_dates``;
- ``calendars.py``: era conversion and calendar arithmetic.
"""

from thai_extract.text.dates.mentions import GRANULARITIES, DateMention, find_dates

__all__ = ["DateMention", "find_dates", "GRANULARITIES"]
