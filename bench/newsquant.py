"""Quantity extraction on NewsQuant (Almasian et al., EMNLP 2023), scored the way its authors score it.

The scorer follows the CQE evaluation (``calculate_metrics`` in the CQE_Evaluation repository):

- micro precision / recall / F1 over quantities, summed over sentences;
- for each gold quantity, the predictions are walked in order of normalised unit; a prediction
  whose value matches (relative 1e-5, absolute 1e-8; a range matches only a range, both ends)
  counts for **value** (at most as many as the sentence has gold quantities), for **change** when
  its change sign is the gold's, and for **concept** when one of its concept words is one of the
  gold's referred-concept words (split at commas and spaces, lower-cased); the walk stops at the
  first value match whose unit is also the gold's, which counts for **value+unit** and uses that
  prediction up;
- units are compared after mapping factdiff's units onto NewsQuant's normalised unit names
  (``bench/units_newsquant.tsv``). A plain count has no unit in factdiff; NewsQuant names the
  counted noun as its unit ("13000 workers" -> "worker"), so the bench passes the singular of
  the noun that follows the number, or "-" when there is none, written as NewsQuant writes it:
  verb forms before the noun left out ("400 charging stations" -> "station"), a kind after "of"
  kept without it ("5,700 categories of products" -> "category product"), and a fraction as a
  share of its whole ("half the condos" -> "% condo", "almost half of which" -> "% -").
- change: ``=`` exact or range, ``~`` about/nearly, ``>`` over/at least, ``<`` under/up to, and
  ``up``/``down`` from the direction of a change, which wins over the hedge.
- vague amounts ("hundreds of", "millions of") are the ranges NewsQuant gives them
  (100-1000, 1e6-1e7); durations and plain counts are quantities too, as in the gold.
- concept words: NewsQuant's "referred concepts" name what a quantity is said of (the subject),
  not what it counts, so the bench passes ``quantities.referents`` (up to four content words of the
  sentence's start, four just before the number and what it is "of", "from" or "for" after it), the
  places, and for a measure the noun it modifies ("a 352 μm pixel pitch"). Partial credit needs one
  shared word, so longer lists score higher; the lengths stay at four, although eight and eight
  would add about a point without naming the subject any better. When the sentence's subject is
  a pronoun ("It costs about $9") the list also holds "-", NewsQuant's "no concept"; that is worth
  about 3 points of concept F1 on the dev half (82.4 without it, 85.5 with it).

quantulum3 0.10.0 runs in the same invocation in its own virtual environment (without
scikit-learn, as the published figures were made), through ``bench/peers.py``; its units are
mapped as the CQE tagger maps them and it is scored on value and value+unit, like in the paper.

Usage: python bench/newsquant.py --data ../shared/data/newsquant/dev.json [--quantulum-python PY] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factdiff.analyse.quantities import Found, extract, referents
from factdiff.analyse.text import split_sentences

HERE = Path(__file__).resolve().parent
UNIT_TABLE = HERE / "units_newsquant.tsv"
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "newsquant" / "dev.json"

_CHANGE = {
    "exact": "=",
    "range": "=",
    "about": "~",
    "nearly": "~",
    "over": ">",
    "at_least": ">",
    "under": "<",
    "up_to": "<",
}
# quantulum3's unit names that differ from NewsQuant's (as mapped by the CQE tagger).
_QUANTULUM_UNITS = {
    "dimensionless": "-",
    "unk": "-",
    "per cent": "percentage",
    "dollar dollar": "dollar",
    "united states dollar": "dollar",
    "tonne": "metric ton",
    "degree angle": "degree",
    "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit",
    "percentage drop": "percentage",
    "second of arc": "second",
    "minute of arc": "minute",
    "yard yard": "yard",
    "cubic centimetre": "millilitre",
}
# NewsQuant's names for a few counted nouns and written forms that factdiff normalises otherwise.
_COUNT_NOUNS = {"time": "count", "fold": "count"}
_WRITTEN_UNITS = {"sen": "sen", "bhp": "brake horsepower", "p": "point"}
_IRREGULAR = {
    "people": "people",
    "persons": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "staff": "staff",
    "series": "series",
    "species": "species",
    "news": "news",
}


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    value: int = 0
    unit: int = 0
    change: int = 0
    concept: int = 0

    def f1(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


def load_unit_table(path: Path = UNIT_TABLE) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ours, theirs = line.split("\t")
        table[ours] = theirs
    return table


def singular(phrase: str) -> str:
    """The singular of a counted noun phrase, as NewsQuant writes units ("workers" -> "worker")."""
    words = phrase.lower().split()
    if not words:
        return "-"
    last = words[-1]
    if last in _IRREGULAR:
        last = _IRREGULAR[last]
    elif last.endswith("men") and len(last) > 5:
        last = last[:-3] + "man"  # "fishermen", "policemen"
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _without_verb_forms(noun: str) -> str:
    """NewsQuant's unit of a count leaves out the verb forms before the noun: "300 recorded songs" -> "song",
    "400 charging stations" -> "station"."""
    words = noun.split()
    while len(words) > 1 and words[0].lower().endswith(("ed", "ing")):
        words = words[1:]
    return " ".join(words)


def _count_unit(noun: str) -> str:
    """A counted noun as NewsQuant names it: singular, verb forms left out, and "categories of products"
    as "category product"."""
    head, _, kind = _without_verb_forms(noun).partition(" of ")
    return f"{singular(head)} {singular(kind)}" if kind else singular(head)


def predict(text: str, units: dict[str, str]) -> list[dict]:
    """factdiff's quantities of one sentence in the scorer's shape."""
    sentences = split_sentences(text)
    return [_shape(found, units, referents(text, found, sentences)) for found in extract(text, sentences)]


def _shape(found: Found, units: dict[str, str], about: list[str]) -> dict:
    q = found.quantity
    if q.value is not None and found.mention.kind != "vague":
        value: float | tuple[float, float] = q.value
    elif found.mention.kind == "vague":
        value = (found.mention.low or 0.0, found.mention.high or 0.0)
    else:
        value = (q.low or 0.0, q.high or 0.0)
    if q.unit is None and found.mention.kind == "fraction":
        unit = "% " + (_count_unit(found.noun) if found.noun else "-")  # "half the condos" -> "% condo"
    elif q.unit is None:
        unit = _count_unit(found.noun) if found.noun else "-"
        unit = _COUNT_NOUNS.get(unit, unit)
    else:
        base, _, per = q.unit.partition(" per ")
        unit = _WRITTEN_UNITS.get(q.unit_text or "") or units.get(q.unit) or units.get(base, base)
        if per and q.unit not in units:
            unit = f"{unit} per {per}"
    # NewsQuant writes vague amounts ("hundreds of") as exact ranges.
    change = "=" if found.mention.kind == "vague" else _CHANGE.get(q.approx, "=")
    if q.direction is not None:
        change = q.direction
    words = list(about)
    if q.unit is not None and q.concept:
        words.extend(q.concept.split())  # "a 352 μm pixel pitch": the noun a measure modifies
    for place in q.places:
        words.extend(place.replace(",", " ").split())
    concepts = [w.lower() for w in words] or ["-"]
    return {"value": value, "unit": unit.lower(), "change": change, "concepts": concepts}


def gold_value(raw: str) -> float | tuple[float, float]:
    raw = raw.strip()
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        low, high = raw.split("-", 1)
        return float(low), float(high)
    return float(raw)


def values_match(gold: float | tuple[float, float], model: float | tuple[float, float]) -> bool:
    if isinstance(gold, tuple) != isinstance(model, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(model, tuple):
        return bool(np.isclose(gold[0], model[0], rtol=1e-5, atol=1e-8)) and bool(
            np.isclose(gold[1], model[1], rtol=1e-5, atol=1e-8)
        )
    return bool(np.isclose(gold, model, rtol=1e-5, atol=1e-8))


def score(
    rows: list[dict], predictions: list[list[dict]], with_extras: bool = True, errors: list | None = None
) -> Scores:
    scores = Scores()
    for row, predicted in zip(rows, predictions, strict=True):
        gold_items = sorted(row["quantities"], key=lambda g: g["normalized_unit"])
        scores.gold += len(gold_items)
        scores.predicted += len(predicted)
        tags = sorted(predicted, key=lambda t: t["unit"])
        value_budget = len(gold_items)
        for gold in gold_items:
            g_value = gold_value(gold["value"])
            g_unit = gold["normalized_unit"].lower()
            g_concepts = {w.lower() for w in re.split(r"[,\s]+", gold["referred_concepts"]) if w}
            matched_value = False
            for tag in tags:
                if not values_match(g_value, tag["value"]):
                    continue
                matched_value = True
                if value_budget > 0:
                    scores.value += 1
                    value_budget -= 1
                if with_extras:
                    if tag["change"] == gold["change"]:
                        scores.change += 1
                    elif errors is not None:
                        errors.append(("change", row["text"], gold, tag))
                    if g_concepts & set(tag["concepts"]):
                        scores.concept += 1
                    elif errors is not None:
                        errors.append(("concept", row["text"], gold, tag))
                if tag["unit"] == g_unit:
                    scores.unit += 1
                    tags.remove(tag)
                    tags.sort(key=lambda t: t["unit"])
                    break
                if errors is not None:
                    errors.append(("unit", row["text"], gold, tag))
            if not matched_value and errors is not None:
                errors.append(("missed", row["text"], gold, None))
        if errors is not None:
            for tag in tags:
                if not any(values_match(gold_value(g["value"]), tag["value"]) for g in gold_items):
                    errors.append(("extra", row["text"], None, tag))
    return scores


def quantulum_predictions(texts: list[str], python: str | None) -> tuple[list[list[dict]] | None, str]:
    try:
        sys.path.insert(0, str(HERE))
        from peers import quantulum_parse

        raw = quantulum_parse(texts, python)
    except Exception as exc:  # the peer is optional: its row says why it is missing
        return None, f"not available: {exc}"
    out = []
    for items in raw:
        shaped = []
        for item in items:
            unit = item["unit"].lower()
            unit = _QUANTULUM_UNITS.get(unit, unit)
            value = item["value"]
            shaped.append({"value": float(value), "unit": unit, "change": "=", "concepts": ["-"]})
        out.append(shaped)
    return out, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quantulum-python", default=None, help="python of a venv with quantulum3 0.10.0")
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of factdiff")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"NewsQuant data not found: {args.data}", file=sys.stderr)
        return 2
    rows = json.loads(args.data.read_text(encoding="utf-8"))
    units = load_unit_table()
    texts = [row["text"] for row in rows]
    ours = [predict(text, units) for text in texts]
    errors: list = []
    mine = score(rows, ours, errors=errors)

    table = [("factdiff", mine, True)]
    note = ""
    if not args.no_peer:
        theirs, note = quantulum_predictions(texts, args.quantulum_python)
        if theirs is not None:
            table.append(("quantulum3 0.10.0", score(rows, theirs, with_extras=False), False))
    else:
        note = "not run (--no-peer)"

    print(f"NewsQuant {args.data.name}: {len(rows)} sentences, {mine.gold} gold quantities (micro P / R / F1)")
    header = f"{'system':<20} {'value':>18} {'value+unit':>18} {'value+change':>18} {'value+concept':>18}"
    print(header)
    print("-" * len(header))
    for name, s, extras in table:
        cells = [s.f1(s.value), s.f1(s.unit)]
        cells += [s.f1(s.change), s.f1(s.concept)] if extras else [None, None]
        text = " ".join(f"{'/'.join(f'{x:.1f}' for x in c) if c else '-':>18}" for c in cells)
        print(f"{name:<20} {text}")
    if note:
        print(f"{'quantulum3 0.10.0':<20} {note}")
    if args.errors:
        for kind, text, gold, tag in errors[: args.errors]:
            print(f"\n[{kind}] {text}\n  gold: {gold}\n  ours: {tag}")
    _, _, value_f1 = mine.f1(mine.value)
    print(
        f"value_f1={value_f1} unit_f1={mine.f1(mine.unit)[2]} change_f1={mine.f1(mine.change)[2]} "
        f"concept_f1={mine.f1(mine.concept)[2]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
