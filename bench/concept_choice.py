"""A learned choice of what a quantity is said of, trained on NewsQuant's tune part and scored on its
check part against the rules of ``factdiff.analyse.concepts``.

The rules give one answer per quantity. Here every answer the sentence offers is a candidate -- each
noun phrase of the sentence (as the rules cut them) and "nothing named" (``-``) -- described by
general features: which rule step gave it, if any ("rule", "rule&subject"; left out in the variants
*without the rules*); its side of the number, its rank among the phrases on that side and its
distance in tokens; whether a clause mark or a verb stands between; the preposition that opens it;
its head's part-of-speech tag (the shipped GUM tagger) and the Open English WordNet class of its head
noun; its relation to the number in the shipped GUM head scorer's tree (it governs the number, hangs
from it, shares its governor, or hangs from the governor's head); whether it is the subject of the
verb before the number or the "of" phrase after it; whether the quantity has a unit, and whether a
verb of change stands before the number.

Two models score the candidates, each with and without the rule features: a scikit-learn logistic
regression (every candidate an example, right or wrong) and a conditional logit (a softmax over one
quantity's candidates, fitted with L-BFGS, maximising the probability of its right candidates). Each
model's regularisation is chosen by five-fold cross-validation over the tune part's sentences (the
fold of a sentence from its position in the file), scored as the share of quantities whose top
candidate is right. The final model is fitted on the whole tune part; the check part is only scored.

Examples: each gold quantity of the tune part is paired with factdiff's quantity as
``bench/newsquant.py`` pairs them (same value, the same unit first); a candidate is right when its
words share a word with the gold concept (``-`` for the "nothing named" candidate). Quantities none
of whose candidates is right are left out of training. The figures are ``bench/newsquant.py``'s
strict one-to-one scores with the chosen candidate as the concept; value, unit and change do not
depend on the choice.

Nothing here is shipped: NewsQuant is evaluation data that may not be redistributed, and no variant
raised the check part (docs/benchmarks.md, sixth round).

Usage: python bench/concept_choice.py [--data ../shared/data/newsquant/dev.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import PARTS
from factdiff.analyse.concepts import (
    _CLAUSE_MARKS,
    _VERBAL,
    _clause_start,
    _of_complement,
    _sentence,
    _subject,
    _verb_before,
    _words,
    reading,
)
from factdiff.analyse.heads import MAX_TOKENS, heads_of
from factdiff.analyse.quantities import _DIRECTION_VERBS, Found, extract
from factdiff.analyse.text import sentence_of, split_sentences
from factdiff.lexicon import primary_class
from newsquant import DEFAULT_DATA, _shape, concept_words, gold_value, load_unit_table, score, split_rows, values_match

_PREPS = frozenset("of from in for to by at on with over under than as after before into since per".split())
FOLDS = 5
LR_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)  # C of the logistic regression
CLOGIT_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)  # L2 weight of the conditional logit


@dataclass
class Candidate:
    """One answer the sentence offers: its words (None: nothing named) and its features."""

    words: str | None
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Quantity:
    """One of factdiff's quantities: how the scorer sees it, and its candidates (the rules' first)."""

    found: Found
    candidates: list[Candidate]


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-10" if n <= 10 else "11+"


def candidates(text: str, start: int, end: int, sentence: tuple[int, int], measure: bool) -> list[Candidate]:
    """Every answer for the quantity at ``text[start:end]``, the rules' answer first."""
    answer, step = reading(text, start, end, sentence, measure)
    tokens, chunks = _sentence(text, sentence[0], sentence[1])
    first = next((k for k, t in enumerate(tokens) if t[1] > start), None)
    kind = "measure" if measure else "count"
    none = Candidate(None, {"none": 1.0, f"none&{kind}": 1.0})
    if answer is None:
        none.features.update({"rule": 1.0, f"rule&{step}": 1.0})
    if first is None:
        return [none]
    last = max((k for k, t in enumerate(tokens) if t[0] < end), default=first)
    clause = _clause_start(tokens, first)
    verb = _verb_before(tokens, clause, first)
    subject = _subject(tokens, chunks, verb) if verb is not None else None
    whole = _of_complement(tokens, chunks, last)
    change = _change_before(tokens, first)
    none.features[f"none&verb:{verb is not None}"] = 1.0
    none.features[f"none&change:{change}"] = 1.0
    tree = heads_of(tuple(tokens)) if len(tokens) <= MAX_TOKENS else None
    span = range(first, last + 1)
    gov = gov2 = -1
    if tree is not None:
        node = next((j for j in span if tree.head(j) not in span), last)
        gov = tree.head(node)
        gov2 = tree.head(gov) if gov >= 0 else -1
    before = [c for c in chunks if c[3] < first]
    after = [c for c in chunks if c[2] > last]
    out: list[Candidate] = []
    seen: set[str] = set()
    for chunk in chunks:
        if first <= chunk[2] <= last or first <= chunk[3] <= last:
            continue
        words = _words(text, tokens, chunk)
        if words is None or words in seen:
            continue
        seen.add(words)
        side = "before" if chunk[3] < first else "after"
        rank = len(before) - before.index(chunk) if side == "before" else after.index(chunk) + 1
        gap = range(chunk[3] + 1, first) if side == "before" else range(last + 1, chunk[2])
        opener = tokens[chunk[2] - 1][2].lower() if chunk[2] > 0 else ""
        adp = chunk[2] > 0 and tokens[chunk[2] - 1][3] == "ADP"
        prep = opener if opener in _PREPS else ("other" if adp else "none")
        head = tokens[chunk[3]]
        f = {
            f"side:{side}": 1.0,
            f"side:{side}&{kind}": 1.0,
            f"rank:{side}:{_bucket(rank)}": 1.0,
            f"rank:{side}:{_bucket(rank)}&{kind}": 1.0,
            f"dist:{side}:{_bucket(len(gap))}": 1.0,
            f"prep:{prep}": 1.0,
            f"prep:{side}:{prep}": 1.0,
            f"tag:{head[3]}": 1.0,
            f"class:{primary_class(head[2]) if head[3] == 'NOUN' else head[3]}": 1.0,
            f"change:{change}&{side}": 1.0,
        }
        if any(tokens[j][2] in _CLAUSE_MARKS for j in gap):
            f[f"mark_between:{side}"] = 1.0
        if any(tokens[j][3] in _VERBAL for j in gap):
            f[f"verb_between:{side}"] = 1.0
        if tree is not None:
            up = tree.head(chunk[3])
            for name, holds in (
                ("governs_number", chunk[3] == gov),
                ("under_number", up in span),
                ("sibling", gov >= 0 and up == gov),
                ("under_governor_head", gov2 >= 0 and up == gov2),
                ("governs_governor", gov2 >= 0 and chunk[3] == gov2),
            ):
                if holds:
                    f[f"tree:{name}"] = 1.0
                    f[f"tree:{name}&{side}"] = 1.0
        if before and chunk == before[0]:
            f["first_phrase"] = 1.0
        if chunk == subject:
            f["subject_of_verb"] = 1.0
        if chunk == whole:
            f["of_after"] = 1.0
        if words == answer:
            f.update({"rule": 1.0, f"rule&{step}": 1.0})
        out.append(Candidate(words, f))
    if answer is not None and answer not in seen:
        out.append(Candidate(answer, {"rule": 1.0, f"rule&{step}": 1.0, "rule_only": 1.0}))
    out.append(none)
    out.sort(key=lambda c: -c.features.get("rule", 0.0))  # stable: the rules' answer first
    return out


def _change_before(tokens: list, first: int) -> bool:
    j = first - 1
    while j >= 0 and tokens[j][3] not in _VERBAL and tokens[j][2] not in _CLAUSE_MARKS:
        j -= 1
    return j >= 0 and tokens[j][2].lower() in _DIRECTION_VERBS


def quantities(rows: list[dict]) -> dict[int, list[Quantity]]:
    """factdiff's quantities of every row, with their candidates."""
    out: dict[int, list[Quantity]] = {}
    for row in rows:
        text = row["text"]
        sentences = split_sentences(text)
        found = extract(text, sentences)
        out[id(row)] = [
            Quantity(
                f,
                candidates(
                    text,
                    f.quantity.start,
                    f.quantity.end,
                    sentence_of(sentences, f.quantity.start),
                    f.quantity.unit is not None,
                ),
            )
            for f in found
        ]
    return out


Example = tuple[int, list[dict[str, float]], list[bool]]  # sentence index, candidates' features, rightness


def examples(rows: list[dict], found: dict[int, list[Quantity]], units: dict[str, str], rules: bool) -> list[Example]:
    """The candidates of every gold quantity of ``rows``, paired as the benchmark pairs them."""
    out: list[Example] = []
    for index, row in enumerate(rows):
        shaped = [(_shape(q.found, units, None), q) for q in found[id(row)]]
        free = sorted(shaped, key=lambda t: t[0]["unit"])
        for gold in sorted(row["quantities"], key=lambda g: g["normalized_unit"]):
            g_value, g_unit = gold_value(gold["value"]), gold["normalized_unit"].lower()
            matching = [t for t in free if values_match(g_value, t[0]["value"])]
            if not matching:
                continue
            pair = next((t for t in matching if t[0]["unit"] == g_unit), matching[0])
            free.remove(pair)
            g_words = concept_words(gold["referred_concepts"])
            right = [bool(g_words & concept_words(c.words)) for c in pair[1].candidates]
            if any(right):
                out.append((index, [_kept(c.features, rules) for c in pair[1].candidates], right))
    return out


def _kept(features: dict[str, float], rules: bool) -> dict[str, float]:
    return features if rules else {k: v for k, v in features.items() if not k.startswith("rule")}


def fit_lr(train: list[Example], c: float) -> dict[str, float]:
    """Logistic-regression weights: every candidate an example."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=False)  # small; liblinear refuses 64-bit sparse indices
    x = vectorizer.fit_transform([f for _, cands, _ in train for f in cands])
    y = [label for _, _, right in train for label in right]
    model = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000).fit(x, y)
    return dict(zip(vectorizer.get_feature_names_out(), model.coef_[0].tolist(), strict=True))


def fit_clogit(train: list[Example], l2: float) -> dict[str, float]:
    """Conditional-logit weights: a softmax over each quantity's candidates, the log-probability of
    its right candidates maximised under an L2 penalty."""
    from scipy.optimize import minimize

    names = sorted({k for _, cands, _ in train for f in cands for k in f})
    index = {n: i for i, n in enumerate(names)}
    groups = []
    for _, cands, right in train:
        x = np.zeros((len(cands), len(names)))
        for i, f in enumerate(cands):
            for k, v in f.items():
                x[i, index[k]] = v
        groups.append((x, np.array(right, dtype=float)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad = l2 * float(w @ w), 2 * l2 * w
        for x, right in groups:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mass = float(p @ right)
            value -= np.log(mass)
            grad -= x.T @ (p * right / mass - p)
        return value, grad

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return {n: float(w[i]) for i, n in enumerate(names)}


def top(cands: list[dict[str, float]], weights: dict[str, float] | None) -> int:
    """The index of the highest-scoring candidate (the first of equals; the rules' answer without weights)."""
    if weights is None:
        return 0
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in cands]
    return int(np.argmax(scores))


def accuracy(test: list[Example], weights: dict[str, float] | None) -> float:
    return sum(right[top(cands, weights)] for _, cands, right in test) / len(test)


def cross_validated(data: list[Example], fit, grid: tuple[float, ...]) -> tuple[float, float]:
    """The grid value with the best mean held-out accuracy over FOLDS folds, and that accuracy."""
    best = (grid[0], -1.0)
    for value in grid:
        held = [
            accuracy([e for e in data if e[0] % FOLDS == k], fit([e for e in data if e[0] % FOLDS != k], value))
            for k in range(FOLDS)
        ]
        mean = sum(held) / FOLDS
        if mean > best[1]:
            best = (value, mean)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"NewsQuant data not found: {args.data}", file=sys.stderr)
        return 2
    rows = json.loads(args.data.read_text(encoding="utf-8"))
    units = load_unit_table()
    parts = split_rows(rows)
    found = quantities(rows)
    tune = parts["tune"]
    variants: list[tuple[str, bool, dict[str, float] | None, str]] = [("rules (shipped)", True, None, "-")]
    rules_cv = accuracy(examples(tune, found, units, True), None)
    for rules in (True, False):
        data = examples(tune, found, units, rules)
        suffix = "with the rules" if rules else "without the rules"
        models = (("logistic regression", fit_lr, LR_GRID, "C"), ("conditional logit", fit_clogit, CLOGIT_GRID, "L2"))
        for name, fit, grid, knob in models:
            value, cv = cross_validated(data, fit, grid)
            variants.append((f"{name}, {suffix}", rules, fit(data, value), f"{knob}={value}, cv {100 * cv:.1f}"))
    header = f"{'chooser':<42} {'fitted':<18} {'part':<6} {'concept partial':>16} {'concept complete':>16}"
    print(f"NewsQuant {args.data.name}: the concept chosen among each quantity's candidates; trained on the tune part")
    print(
        f"(tune quantities with a right candidate: the rules' answer is right for {100 * rules_cv:.1f}%; cv = "
        "cross-validated share on the tune part)"
    )
    print(header)
    print("-" * len(header))
    for name, rules, weights, note in variants:
        for part in [*PARTS, "all"]:
            predicted = []
            for row in parts[part]:
                shaped = []
                for q in found[id(row)]:
                    k = top([_kept(c.features, rules) for c in q.candidates], weights)
                    shaped.append(_shape(q.found, units, q.candidates[k].words))
                predicted.append(shaped)
            s = score(parts[part], predicted)
            cells = " ".join(f"{'/'.join(f'{x:.1f}' for x in s.f1(h)):>16}" for h in (s.concept, s.complete))
            print(f"{name:<42} {note:<18} {part:<6} {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
