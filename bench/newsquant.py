"""Quantity extraction on NewsQuant (Almasian et al., EMNLP 2023), scored strictly.

The scorer is the CQE evaluation's (``calculate_metrics`` in the CQE_Evaluation repository) made
one-to-one and strict:

- micro precision / recall / F1 over quantities, summed over sentences;
- pairing: gold quantities are taken in order of normalised unit; each takes one prediction not yet
  used whose value matches (relative 1e-5, absolute 1e-8; a range matches only a range, both ends),
  preferring one whose unit is also the gold's. A pair counts once for **value**, for **value+unit**
  when the units are equal, for **value+change** when the change signs are equal, and for
  **value+concept** as below. A prediction is used by one gold quantity at most.
- concept: a prediction names **one** concept (``factdiff.analyse.concepts.said_of``: the noun
  phrase the quantity is said of, as a reader would say it; ``factdiff check`` reports the same
  phrase as each quantity's ``said_of``; a quantity whose unit was shared from a neighbouring number,
  ``Quantity.unit_shared``, is read as a count there, as in ``factdiff check``), or NewsQuant's "no
  concept" ``-`` when
  the sentence names none. Gold
  "referred concepts" are split at commas and spaces and lower-cased, and a possessive "'s" is left
  off words on both sides. **Partial**: the two share a
  word. **Complete** (CQE's second concept measure): the predicted words are exactly the gold's.
- units: factdiff's normalised unit names are mapped onto NewsQuant's (``bench/units_newsquant.tsv``,
  a name-for-name table; a currency code it lacks is passed as Recognizers-Text names the currency,
  lower-cased: "NZD" -> "new zealand dollar"); a plain count has no unit in factdiff, and NewsQuant
  names the counted noun as its unit ("13000 workers" -> "worker"), so the bench passes the singular of the counted noun
  ("-" when there is none; a capitalised noun is a name and keeps its form, "Americans"), without verb
  forms before it ("400 charging stations" -> "station"; a gerund OEWN has as a noun is no verb form,
  "shipping containers"), a unit of measurement alone ("517 rushing yards" -> "yard"; of the units of
  time only those factdiff reads as durations: "50 previous years" -> "year", "five new seasons" ->
  "new season"), a comparative or superlative modifier by its base ("largest city" -> "large city"),
  a possessive's "'s" left off as in concepts ("two of Johnson's deputies" -> "johnson deputy"), a kind after
  "of" kept ("5,700 categories of products" -> "category product"), a period the count is told per
  ("20 per week" -> "... per week"), and a fraction as a share of its whole ("half the condos" ->
  "% condo"). These follow how NewsQuant's units were normalised (lemmas of the annotated unit words;
  proper nouns as written), not single sentences. No other rewriting of factdiff's output.
- change: ``=`` exact or range, ``~`` about/nearly, ``>`` over/at least, ``<`` under/up to, and
  ``up``/``down`` from the direction of a change, which wins over a hedge ("rose about 2%" is up) but
  not over a bound of the number ("lost more than 60%" is ``>``).
- vague amounts ("hundreds of", "millions of") are the ranges NewsQuant gives them
  (100-1000, 1e6-1e7); durations and plain counts are quantities too, as in the gold.

The development half is split into a **tune** and a **check** part by ``bench/devsplit.py`` (the
parity of the first byte of the SHA-256 of the sentence text); the table reports both parts and the
whole half.

quantulum3 0.10.0 runs in the same invocation in its own virtual environment (without
scikit-learn, as the published figures were made), through ``bench/peers.py``; its units are
mapped as the CQE tagger maps them and it is scored on value and value+unit, like in the paper.

The same command scores CQE's two unit sets (``--data ../shared/data/newsquant/currency-model.json``,
``dimension-model.json``: sentences with values and NewsQuant-style unit names only) on value and
value+unit; they are a second source for which unit names are NewsQuant's conventions.

Usage: python bench/newsquant.py --data ../shared/data/newsquant/dev.json [--part tune|check|all]
       [--quantulum-python PY] [--no-peer] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import PARTS, SUBPARTS, part_of, subpart_of
from factdiff.analyse.concepts import said_of
from factdiff.analyse.quantities import Found, extract
from factdiff.analyse.text import sentence_of, split_sentences
from factdiff.analyse.units import CURRENCY_NAMES, TIME_UNITS
from factdiff.lexicon import is_time_unit, is_unit, known, lemma

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
    concept: int = 0  # partial: the predicted concept shares a word with the gold's
    complete: int = 0  # complete: the predicted concept's words are the gold's

    def add(self, other: Scores) -> None:
        for name in ("gold", "predicted", "value", "unit", "change", "concept", "complete"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

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
    """The singular of a counted noun phrase, as NewsQuant writes units ("workers" -> "worker"); a
    capitalised noun is a name and stays as written ("millions of Americans" -> "americans"), as the
    lemmatiser NewsQuant's units were normalised with leaves proper nouns."""
    written = phrase.split()
    words = phrase.lower().split()
    if not words:
        return "-"
    if written[-1][:1].isupper():
        return " ".join(words)
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
    "400 charging stations" -> "station"; a word in "-ing" that OEWN has as a noun is no verb form."""
    words = noun.split()
    while len(words) > 1 and words[0].lower().endswith(("ed", "ing")) and not known(words[0], "n"):
        words = words[1:]  # a gerund the lexicon knows as a noun stays: "9.3 million shipping containers"
    return " ".join(words)


def _adjective_base(word: str) -> str:
    """The base of a comparative or superlative modifier, as a lemmatiser gives it ("earliest" -> "early",
    "largest" -> "large", "biggest" -> "big"); any other word as it is. A noun in "-er" stays ("rider")."""
    lower = word.lower()
    if not lower.endswith(("est", "er")) or known(lower, "n"):
        return word
    base = lemma(lower, "a")
    if base != lower:
        return base
    stem = lower[:-3] if lower.endswith("est") else lower[:-2]
    tries = [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "", stem[:-1] + "y"]
    return next((t for t in tries if t and t[-1:] != "i" and known(t, "a")), word)


def _measure_noun(word: str) -> bool:
    """A counted unit of measurement that is named alone: any but a unit of time, and of those the ones
    factdiff reads as durations ("years", not "seasons", whose modifiers NewsQuant keeps: "new season")."""
    return not is_time_unit(word) or singular(word) in TIME_UNITS


def _count_unit(noun: str) -> str:
    """A counted noun as NewsQuant names it: singular, verb forms left out, and "categories of products"
    as "category product"."""
    noun = " ".join(_POSSESSIVE.sub("", word) for word in noun.split())  # "Johnson's deputies" -> "johnson deputy"
    head, _, kind = _without_verb_forms(noun).partition(" of ")
    words = head.split()
    words = [*(w if w[:1].isupper() else _adjective_base(w) for w in words[:-1]), *words[-1:]]
    head = " ".join(words)
    if len(words) > 1 and words[-1].islower() and is_unit(words[-1]) and _measure_noun(words[-1]):
        head = words[-1]  # "517 rushing yards", "50 previous years": a unit of measurement is named alone
    return f"{singular(head)} {singular(kind)}" if kind else singular(head)


def predict(text: str, units: dict[str, str]) -> list[dict]:
    """factdiff's quantities of one sentence in the scorer's shape."""
    sentences = split_sentences(text)
    shaped = []
    for found in extract(text, sentences):
        q = found.quantity
        measure = q.unit is not None and not q.unit_shared  # a unit written at the number, as factdiff check
        concept = said_of(text, q.start, q.end, sentence_of(sentences, q.start), measure=measure)
        shaped.append(_shape(found, units, concept))
    return shaped


def _shape(found: Found, units: dict[str, str], concept: str | None) -> dict:
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
        rate = next((x for x in q.qualifiers if x.startswith("per ")), None)
        if rate is not None:  # "an average of 20 per week" -> "residential burglary per week"
            unit = f"{unit} {rate}"
    else:
        base, _, per = q.unit.partition(" per ")
        unit = units.get(q.unit) or units.get(base) or CURRENCY_NAMES.get(base, base)
        if per and q.unit not in units:
            unit = f"{unit} per {per}"
    # NewsQuant writes vague amounts ("hundreds of") as exact ranges.
    change = "=" if found.mention.kind == "vague" else _CHANGE.get(q.approx, "=")
    if q.direction is not None and change not in (">", "<"):
        change = q.direction  # the number's own hedge or bound is the cue nearest it and decides
    return {"value": value, "unit": unit.lower(), "change": change, "concept": concept_words(concept)}


def concept_words(concept: str | None) -> frozenset[str]:
    """The words of one concept, lower-cased, split as the gold is (at commas and spaces), a possessive
    "'s" left off ("Stanley's" -> "stanley", on both sides alike); ``{"-"}`` for none."""
    words = frozenset(_POSSESSIVE.sub("", w.lower()) for w in re.split(r"[,\s]+", concept or "") if w)
    return (words - {""}) or frozenset({"-"})


_POSSESSIVE = re.compile(r"['’]s?$")


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


def score(rows: list[dict], predictions: list[list[dict]], errors: list | None = None) -> Scores:
    """Strict one-to-one scores of ``predictions`` against the gold of ``rows`` (see the module doc)."""
    scores = Scores()
    for row, predicted in zip(rows, predictions, strict=True):
        gold_items = sorted(row["quantities"], key=lambda g: g["normalized_unit"])
        scores.gold += len(gold_items)
        scores.predicted += len(predicted)
        free = sorted(predicted, key=lambda t: t["unit"])
        for gold in gold_items:
            g_value = gold_value(gold["value"])
            g_unit = gold["normalized_unit"].lower()
            candidates = [t for t in free if values_match(g_value, t["value"])]
            if not candidates:
                if errors is not None:
                    errors.append(("missed", row["text"], gold, None))
                continue
            tag = next((t for t in candidates if t["unit"] == g_unit), candidates[0])
            free.remove(tag)
            scores.value += 1
            if tag["unit"] == g_unit:
                scores.unit += 1
            elif errors is not None:
                errors.append(("unit", row["text"], gold, tag))
            if "change" not in gold:
                continue  # CQE's unit sets give value and unit only
            if tag["change"] == gold["change"]:
                scores.change += 1
            elif errors is not None:
                errors.append(("change", row["text"], gold, tag))
            g_concept = concept_words(gold["referred_concepts"])
            if g_concept & tag["concept"]:
                scores.concept += 1
                scores.complete += g_concept == tag["concept"]
            elif errors is not None:
                errors.append(("concept", row["text"], gold, tag))
        if errors is not None:
            errors.extend(("extra", row["text"], None, tag) for tag in free)
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
            shaped.append({"value": float(value), "unit": unit, "change": "=", "concept": frozenset()})
        out.append(shaped)
    return out, ""


def measured(s: Scores) -> dict[str, float]:
    """The F1 figures of one score, by the names the quality floors use."""
    return {
        "value_f1": s.f1(s.value)[2],
        "unit_f1": s.f1(s.unit)[2],
        "change_f1": s.f1(s.change)[2],
        "concept_f1": s.f1(s.concept)[2],
        "concept_complete_f1": s.f1(s.complete)[2],
    }


def split_rows(rows: list[dict]) -> dict[str, list[dict]]:
    """The rows of each part of the development half (``bench/devsplit.py``), and all of them."""
    parts: dict[str, list[dict]] = {name: [] for name in (*PARTS, *SUBPARTS)}
    for row in rows:
        parts[part_of(row["text"])].append(row)
        sub = subpart_of(row["text"])
        if sub is not None:
            parts[sub].append(row)
    return {**parts, "all": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--part", choices=[*PARTS, *SUBPARTS, "all"], default=None, help="score one part only (default: each)"
    )
    parser.add_argument("--quantulum-python", default=None, help="python of a venv with quantulum3 0.10.0")
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of factdiff (on --part)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"NewsQuant data not found: {args.data}", file=sys.stderr)
        return 2
    rows = json.loads(args.data.read_text(encoding="utf-8"))
    units = load_unit_table()
    parts = split_rows(rows)
    names = [args.part] if args.part else [*PARTS, "all"]
    ours = {id(row): predict(row["text"], units) for row in rows}
    theirs: dict[int, list[dict]] | None = None
    note = ""
    if not args.no_peer:
        shaped, note = quantulum_predictions([row["text"] for row in rows], args.quantulum_python)
        if shaped is not None:
            theirs = {id(row): items for row, items in zip(rows, shaped, strict=True)}
    else:
        note = "not run (--no-peer)"

    header = (
        f"{'part':<7} {'system':<17} {'gold':>5} {'value':>16} {'value+unit':>16} {'value+change':>16} "
        f"{'concept partial':>16} {'concept complete':>16}"
    )
    print(f"NewsQuant {args.data.name}, strict one-to-one scoring (micro P/R/F1); parts by bench/devsplit.py")
    print(header)
    print("-" * len(header))
    errors: list = []
    for name in names:
        part = parts[name]
        mine = score(part, [ours[id(row)] for row in part], errors=errors if name == names[0] else None)
        table = [("factdiff", mine, True)]
        if theirs is not None:
            table.append(("quantulum3 0.10.0", score(part, [theirs[id(row)] for row in part]), False))
        labelled = all("change" in q for row in part for q in row["quantities"])
        for system, s, extras in table:
            extras = extras and labelled
            cells = [s.f1(s.value), s.f1(s.unit)]
            cells += [s.f1(s.change), s.f1(s.concept), s.f1(s.complete)] if extras else [None] * 3
            text = " ".join(f"{'/'.join(f'{x:.1f}' for x in c) if c else '-':>16}" for c in cells)
            print(f"{name:<7} {system:<17} {s.gold:>5} {text}")
    print(f"{'CQE (published, full set)':<25} {'':>5} {92.0:>16} {85.6:>16} {88.1:>16} {76.1:>16} {57.0:>16}")
    if note:
        print(f"quantulum3 0.10.0: {note}")
    if args.errors:
        for kind, text, gold, tag in errors[: args.errors]:
            print(f"\n[{kind}] {text}\n  gold: {gold}\n  ours: {tag}")
    final = measured(score(parts[names[-1]], [ours[id(row)] for row in parts[names[-1]]]))
    print(" ".join(f"{key}={value}" for key, value in final.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
