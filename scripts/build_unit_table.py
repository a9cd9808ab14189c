"""Build ``src/factdiff/data/recognizers_units.tsv``: unit and currency surfaces from Recognizers-Text.

Reads Microsoft Recognizers-Text's English unit patterns (``English-NumbersWithUnit.yaml`` under
``--data``, default ``../shared/data/recognizers/Patterns`` from the repository root; MIT licence,
notice in ``src/factdiff/data/RECOGNIZERS-LICENSE.txt``) and writes one row per unit:

    kind <TAB> position <TAB> name <TAB> code <TAB> forms <TAB> ambiguous forms <TAB> monetary forms

- ``kind``: the list it came from (currency, length, area, volume, weight, speed, temperature,
  information, angle, age);
- ``position``: ``after`` (written after the number, the suffix lists) or ``before`` (the currency
  prefix list: "$", "nz$", "₹");
- ``name``: the unit's name as Recognizers-Text writes it ("Kilometer per hour", "New Zealand dollar");
- ``code``: for a currency, its ISO 4217 code from ``CurrencyNameToIsoCodeMap`` (empty for units and
  for currency names without a code of their own, such as the bare "Dollar");
- ``forms`` and ``ambiguous forms``: the written forms, ``|``-separated; a form Recognizers-Text
  lists as ambiguous for its kind ("m", "yard", "kiwi") goes to the sixth column;
- ``monetary forms``: the ambiguous currency forms, in lower case, whose first (most frequent) noun
  sense in OEWN is a monetary unit (``factdiff.lexicon.is_monetary_unit``: "sen", "kobo", "taka"; not
  "kiwi", "cup" or "try"), which a number before them makes a sum.

The file is plain text and sorted as the source is, so the same pattern file gives the same bytes.
``factdiff.analyse.units`` reads it and adds the forms its own table lacks.

Usage: python scripts/build_unit_table.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from factdiff.lexicon import is_monetary_unit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "recognizers" / "Patterns"
DEFAULT_OUT = ROOT / "src" / "factdiff" / "data" / "recognizers_units.tsv"
SOURCE = "English-NumbersWithUnit.yaml"

#: The suffix and prefix lists read, with the kind each holds and its list of ambiguous forms.
LISTS = {
    "CurrencySuffixList": ("currency", "after", "AmbiguousCurrencyUnitList"),
    "CurrencyPrefixList": ("currency", "before", "AmbiguousCurrencyUnitList"),
    "LengthSuffixList": ("length", "after", "AmbiguousLengthUnitList"),
    "AreaSuffixList": ("area", "after", "AmbiguousAreaUnitList"),
    "VolumeSuffixList": ("volume", "after", "AmbiguousVolumeUnitList"),
    "WeightSuffixList": ("weight", "after", "AmbiguousWeightUnitList"),
    "SpeedSuffixList": ("speed", "after", "AmbiguousSpeedUnitList"),
    "TemperatureSuffixList": ("temperature", "after", "AmbiguousTemperatureUnitList"),
    "InformationSuffixList": ("information", "after", "AmbiguousDimensionUnitList"),
    "AngleSuffixList": ("angle", "after", "AmbiguousAngleUnitList"),
    "AgeSuffixList": ("age", "after", "AmbiguousAgeUnitList"),
}
_SECTION = re.compile(r"^(?P<name>[A-Za-z]+):\s*!(?P<kind>\w+)")
_ENTRY = re.compile(r"^    (?P<key>[^#\s][^:]*?):\s*(?P<value>.*?)\s*$")
_ITEM = re.compile(r"^    - (?P<value>.*?)\s*$")


def read_sections(path: Path) -> dict[str, list[tuple[str, str]] | list[str]]:
    """The dictionaries (key, value) and lists (values) of the pattern file, by section name."""
    sections: dict[str, list] = {}
    current: list | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        head = _SECTION.match(line)
        if head is not None:
            current = sections.setdefault(head.group("name"), [])
            continue
        if current is None or line.lstrip().startswith("#") or line.startswith("  types:"):
            continue
        item = _ITEM.match(line)
        if item is not None:
            current.append(item.group("value"))
            continue
        entry = _ENTRY.match(line)
        if entry is not None:
            current.append((entry.group("key").strip(), entry.group("value")))
    return sections


def rows(sections: dict[str, list]) -> list[tuple[str, ...]]:
    codes = {key: value for key, value in sections.get("CurrencyNameToIsoCodeMap", []) if not value.startswith("_")}
    out: list[tuple[str, ...]] = []
    for section, (kind, position, ambiguous_list) in LISTS.items():
        ambiguous = {str(v).lower() for v in sections.get(ambiguous_list, [])}
        for name, value in sections.get(section, []):
            forms = [f.strip() for f in value.split("|") if f.strip()]
            plain = [f for f in forms if f.lower() not in ambiguous]
            unsure = [f for f in forms if f.lower() in ambiguous]
            code = codes.get(name, "") if kind == "currency" else ""
            money = [f for f in unsure if kind == "currency" and f.isalpha() and f.islower() and is_monetary_unit(f)]
            out.append((kind, position, name, code, "|".join(plain), "|".join(unsure), "|".join(money)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Recognizers-Text Patterns folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    source = args.data / SOURCE
    if not source.exists():
        raise SystemExit(f"Recognizers-Text unit patterns not found: {source}")
    table = rows(read_sections(source))
    header = "# kind\tposition\tname\tcode\tforms\tambiguous forms\tmonetary forms\n"
    note = f"# derived from Recognizers-Text {SOURCE} (MIT; RECOGNIZERS-LICENSE.txt) by scripts/build_unit_table.py\n"
    args.out.write_text(note + header + "".join("\t".join(row) + "\n" for row in table), encoding="utf-8")
    print(f"{len(table)} units -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
