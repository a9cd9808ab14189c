"""factdiff's number grammar against the Microsoft Recognizers-Text English specs (MIT licence).

One row per spec file: the cases factdiff passes, of those it is measured on. A case passes when
factdiff finds exactly the results the spec lists, in text order, each with the same value
(relative 1e-6) and, for the unit models, the same unit after mapping Recognizers' unit names
onto factdiff's (``_RECOGNIZERS_UNITS``). Spans are not compared: factdiff's span of "$75
million" and Recognizers' span of "$ 75 million" differ only in whitespace conventions.

What each model is read from:

- Number: every cardinal and fraction of ``scan_numbers`` (ranges split, no hedges), no ordinals;
- Ordinal: the ordinals of ``scan_numbers``;
- Percent: the quantities with unit "percent";
- NumberRange: ranges and hedged numbers as intervals, compared on their bounds;
- Currency, Dimension, Temperature, Age: the quantities of ``extract`` with a unit of that kind.

Results that are a unit without a number ("... to fahrenheit", "a small percent") are dropped from
the expected list: factdiff reads quantities, and a bare unit is none. Cases that describe
behaviour factdiff rejects on purpose (relative ordinals like "next" and "last", numbers inside
identifiers and dates) are not measured; they are counted and the reasons printed under the
table. DateTime rows come from ``bench/recognizers_datetime.py`` when that module is present.

Usage: python bench/recognizers.py [--data ../shared/data/recognizers] [--failures N] [--misses NumberModel]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path

from factdiff.analyse.numbers import scan_numbers
from factdiff.analyse.quantities import extract
from factdiff.analyse.units import CURRENCIES

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "recognizers"

#: Recognizers' unit names -> factdiff's normalised units.
_RECOGNIZERS_UNITS = {
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "chinese yuan": "CNY",
    "pound": "GBP",
    "british pound": "GBP",
    "cent": "cent",
    "pence": "penny",
    "penny": "penny",
    "sen": "cent",
    "canadian dollar": "CAD",
    "japanese yen": "JPY",
    "franc": "CHF",
    "swiss franc": "CHF",
    "australian dollar": "AUD",
    "bitcoin": "BTC",
    "turkish lira": "TRY",
    "rupee": "INR",
    "mexican peso": "MXN",
    "finnish markka": "FIM",
    "hong kong dollar": "HKD",
    "new zealand dollar": "NZD",
    "peseta": "ESP",
    "netherlands guilder": "NLG",
    "costa rican colón": "CRC",
    "georgian lari": "GEL",
    "lao kip": "LAK",
    "satoshi": "satoshi",
    "bit": "bit",
    "megabit": "megabit",
    "tablespoon": "tablespoon",
    "teaspoon": "teaspoon",
    "cup": "cup",
    "foot": "foot",
    "meter": "metre",
    "mile": "mile",
    "gallon": "gallon",
    "ton": "ton",
    "metric ton": "tonne",
    "kilometer per hour": "kilometre per hour",
    "kilogram": "kilogram",
    "microgram": "microgram",
    "inch": "inch",
    "square meter": "square metre",
    "kilometer": "kilometre",
    "millimeter": "millimetre",
    "decimeter": "decimetre",
    "picometer": "picometre",
    "degree": "degree",
    "milliliter": "millilitre",
    "barrel": "barrel",
    "ounce": "ounce",
    "acre": "acre",
    "cubic foot": "cubic foot",
    "mile per hour": "mile per hour",
    "square kilometer": "square kilometre",
    "megabyte": "megabyte",
    "gram": "gram",
    "dram": "dram",
    "radian": "radian",
    "c": "celsius",
    "f": "fahrenheit",
    "year": "year of age",
    "age": "year of age",
    "month": "month of age",
    "week": "week of age",
    "day": "day of age",
}
_LENGTH_ETC = frozenset(
    """
    foot metre mile gallon ton tonne kilogram microgram inch kilometre millimetre centimetre millilitre litre
    barrel ounce acre pound gram dram yard decimetre picometre megabyte gigabyte kilobyte terabyte degree bit
    megabit tablespoon teaspoon radian
    cup
    """.split()
)
_UNIT_KINDS: dict[str, Callable[[str], bool]] = {
    "CurrencyModel": lambda u: u.split(" per ")[0] in CURRENCIES or u.split(" per ")[0] in ("cent", "penny"),
    "DimensionModel": lambda u: (
        u.split(" per ")[0] in _LENGTH_ETC or u.startswith(("square", "cubic")) or " per hour" in u
    ),
    "TemperatureModel": lambda u: u in ("celsius", "fahrenheit", "degree"),
    "AgeModel": lambda u: u.endswith("of age"),
}

_MIXED_FRACTION = "the Number spec reads the same text as a mixed fraction (42 1/3); factdiff follows that spec"

#: Spec cases factdiff does not follow on purpose, by spec file and input: the reason is printed.
REJECTED: dict[tuple[str, str], str] = {
    ("NumberModel", "192.168.1.2"): "an IP address is an identifier, not four numbers",
    ("NumberModel", "Any time to meet on 5/17/2018?"): "a date belongs to the date extractor",
    ("NumberModel", "My phone number is +1-222-2222/2222"): "phone numbers are never numbers for factdiff",
    ("NumberModel", "10G"): "a glued G after digits is a generation or a gigabyte in news, not a billion",
    ("NumberModel", "1.1^23"): "powers written with ^ do not occur in news",
    ("NumberModel", "1.1^+23"): "powers written with ^ do not occur in news",
    ("NumberModel", "2.5^-1"): "powers written with ^ do not occur in news",
    ("NumberModel", "-2500^-1"): "powers written with ^ do not occur in news",
    ("NumberModel", "-1.1^+23"): "powers written with ^ do not occur in news",
    ("NumberModel", "-2.5^-1"): "powers written with ^ do not occur in news",
    ("NumberModel", "-1.1^--23"): "powers written with ^ do not occur in news",
    ("NumberModel", "I can give you 10M."): "kept: 10M is 10 million (passes)",
    ("PercentModel", "percents of twenty"): "'percent of N' names no percentage in news prose",
    ("PercentModel", "percent of 10"): "'percent of N' names no percentage in news prose",
    ("PercentModel", "per cent of twenty-two"): "'percent of N' names no percentage in news prose",
    ("PercentModel", "per cent of 210"): "'percent of N' names no percentage in news prose",
    ("DimensionModel", "He said: 2 pm is 2 picometer"): "'2 pm' is a clock time",
    ("DimensionModel", "The size of this file is 100 mb"): "'mb' is read as megabytes, the usual sense in news",
    (
        "DimensionModel",
        "then , to make these gardenettes quite literally rooms , ms . bartlett had thrown up windowless walls "
        "(brick, lattice, hedge ) eight to 10 feet tall, casting her interiors into day - long stygian shade.",
    ): "'eight to 10 feet' is read as one range",
    ("NumberModel", "SCP-173"): "a number after a letter and a hyphen is part of a name (COVID-19, F-150)",
    ("NumberModel", "1.111,11, 1,111.11"): "decimal commas are not read in English text",
    ("NumberModel", "The number is 1,3."): "decimal commas are not read in English text",
    ("NumberModel", "- 1 4/5"): "a dash and a space before a number open a list item in news, not a minus",
    ("NumberModel", "- 10  k"): "a dash and a space before a number open a list item in news, not a minus",
    ("NumberModel", " two millionth"): "'two millionth' is the 2,000,000th; the spec's bare 'two' drops the word",
    ("NumberModel", "2000 over 3"): "'N over M' with N above 10 is a comparison in news ('2000 over 3 years')",
    ("OrdinalModel", "The measurement has a value of forty two and a third"): _MIXED_FRACTION,
    ("OrdinalModel", "The measurement has a value of two hundred thirty two and a thirtieth"): _MIXED_FRACTION,
}
_RELATIVE_ORDINAL = "relative ordinals (next, last, previous, antepenultimate) are positions, not numbers"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _expected_value(result: dict) -> float | None:
    value = result.get("Resolution", {}).get("value")
    if value is None:
        return None
    try:
        return float(str(value).rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _numbers(text: str) -> list[tuple[float, str | None]]:
    # The Number model leaves out numbers glued to a unit ("180ml", "29km"): those are dimensions.
    return [
        (m.value, None)
        for m in scan_numbers(text, ranges=False, hedges=False)
        if m.kind in ("cardinal", "fraction") and m.value is not None and not _GLUED.match(text, m.end)
    ]


_GLUED = re.compile(r"[A-Za-z]")


def _ordinals(text: str) -> list[tuple[float, str | None]]:
    return [(m.value, None) for m in scan_numbers(text) if m.kind == "ordinal" and m.value is not None]


def _percents(text: str) -> list[tuple[float, str | None]]:
    return [(f.quantity.number, None) for f in extract(text) if f.quantity.unit == "percent"]


def _units(model: str) -> Callable[[str], list[tuple[float, str | None]]]:
    keep = _UNIT_KINDS[model]

    def read(text: str) -> list[tuple[float, str | None]]:
        out = []
        for found in extract(text):
            q = found.quantity
            if q.unit is not None and keep(q.unit):
                out.append((q.number, q.unit))
        return out

    return read


def _ranges(text: str) -> list[tuple[tuple[float | None, float | None], str | None]]:
    out: list[tuple[tuple[float | None, float | None], str | None]] = []
    for m in scan_numbers(text):
        if m.kind == "range":
            out.append(((m.low, m.high), None))
        elif m.approx in ("over", "at_least") and m.value is not None:
            out.append(((m.value, None), None))
        elif m.approx in ("under", "up_to") and m.value is not None:
            out.append(((None, m.value), None))
        elif m.hedge is not None and m.hedge.lower().startswith("equal") and m.value is not None:
            out.append(((m.value, m.value), None))  # "equal to 20" is the interval [20, 20]
    return out


def _interval(value: str) -> tuple[float | None, float | None] | None:
    match = re.fullmatch(r"[\[(]\s*([^,]*)\s*,\s*([^\])]*)\s*[\])]", value.strip())
    if match is None:
        return None
    low = float(match.group(1)) if match.group(1).strip() else None
    high = float(match.group(2)) if match.group(2).strip() else None
    return low, high


def _same_range(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    pairs = zip(a, b, strict=True)
    return all((x is None and y is None) or (x is not None and y is not None and _close(x, y)) for x, y in pairs)


def run_model(path: Path, failures: list | None = None) -> tuple[int, int, dict[str, int]]:
    """(passed, measured, {reason: cases not measured}) for one spec file."""
    model = path.stem
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    passed = measured = 0
    rejected: dict[str, int] = {}
    for case in cases:
        text = case["Input"]
        results = case.get("Results", [])
        reason = _rejected(model, text, results)
        if reason is not None:
            rejected[reason] = rejected.get(reason, 0) + 1
            continue
        measured += 1
        ok = _passes(model, text, results)
        passed += ok
        if not ok and failures is not None:
            failures.append((model, text, results))
    return passed, measured, rejected


def _rejected(model: str, text: str, results: list[dict]) -> str | None:
    reason = REJECTED.get((model, text))
    if reason is not None and not reason.startswith("kept"):
        return reason
    if model == "OrdinalModel" and any(r.get("TypeName") == "ordinal.relative" for r in results):
        return _RELATIVE_ORDINAL
    return None


def _passes(model: str, text: str, results: list[dict]) -> bool:
    if model == "NumberRangeModel":
        got = [value for value, _ in _ranges(text)]
        want = [_interval(str(r["Resolution"].get("value", ""))) for r in results]
        if len(got) != len(want):
            return False
        return all(w is not None and _same_range(g, w) for g, w in zip(got, want, strict=True))
    reader = {
        "NumberModel": _numbers,
        "OrdinalModel": _ordinals,
        "PercentModel": _percents,
    }.get(model) or _units(model)
    got_items = reader(text)
    # A unit named without a number ("convert 10 celsius to fahrenheit") is not a quantity.
    results = [r for r in results if _expected_value(r) is not None]
    if len(got_items) != len(results):
        return False
    for (value, unit), result in zip(got_items, results, strict=True):
        want = _expected_value(result)
        if want is None or not _close(value, want):
            return False
        if unit is not None:
            name = str(result["Resolution"].get("unit", "")).lower()
            want_unit = "pound" if (model, name) == ("DimensionModel", "pound") else _RECOGNIZERS_UNITS.get(name, name)
            # A rate ("$98 a share", "500,000 barrels a day") is compared on its base unit.
            if want_unit == "ton" and unit == "tonne":
                continue  # Recognizers reads "t" and "tonnes" as Ton, factdiff as the metric tonne
            if want_unit != unit and want_unit != unit.split(" per ")[0]:
                return False
    return True


def run(data_dir: Path, failures: list | None = None) -> list[tuple[str, int, int, dict[str, int]]]:
    rows = []
    for group in ("Number", "NumberWithUnit"):
        for path in sorted((data_dir / group / "English").glob("*.json")):
            passed, measured, rejected = run_model(path, failures)
            rows.append((f"{group}/{path.stem}", passed, measured, rejected))
    return rows


def _datetime_rows(data_dir: Path) -> list[tuple[str, int, int]] | str:
    sys.path.insert(0, str(HERE))
    try:
        from recognizers_datetime import run_datetime  # type: ignore[import-not-found]
    except ImportError:
        return "DateTime: bench/recognizers_datetime.py not present"
    return [(f"DateTime/{name}", passed, total) for name, passed, total in run_datetime(data_dir)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--failures", type=int, default=0, help="print this many failed cases")
    parser.add_argument("--misses", metavar="MODEL", help="print every failed case of one model, e.g. NumberModel")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"Recognizers-Text specs not found: {args.data}", file=sys.stderr)
        return 2
    failures: list = []
    rows = run(args.data, failures)
    header = f"{'spec file':<34} {'passed':>7} {'measured':>9} {'pass %':>7} {'not measured':>13}"
    print("Recognizers-Text English specs: factdiff")
    print(header)
    print("-" * len(header))
    reasons: dict[str, int] = {}
    for name, passed, measured, rejected in rows:
        pct = 100 * passed / measured if measured else 0.0
        print(f"{name:<34} {passed:>7} {measured:>9} {pct:>7.1f} {sum(rejected.values()):>13}")
        for reason, n in rejected.items():
            reasons[reason] = reasons.get(reason, 0) + n
    dt = _datetime_rows(args.data)
    if isinstance(dt, str):
        print(dt)
    else:
        for name, passed, total in dt:
            pct = 100 * passed / total if total else 0.0
            print(f"{name:<34} {passed:>7} {total:>9} {pct:>7.1f} {'':>13}")
    if reasons:
        print("\nnot measured, on purpose:")
        for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            print(f"  {n:>3}  {reason}")
    shown = [f for f in failures if f[0] == args.misses] if args.misses else failures[: args.failures]
    for model, text, results in shown:
        want = [
            (r.get("Text"), r.get("Resolution", {}).get("value"), r.get("Resolution", {}).get("unit")) for r in results
        ]
        print(f"\n[{model}] {text!r}\n  want: {want}")
        if args.misses:
            got = [(m.text, m.value, m.kind) for m in scan_numbers(text, ranges=False, hedges=False)]
            print(f"  got:  {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
