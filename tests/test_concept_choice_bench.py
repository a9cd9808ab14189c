"""The candidates and the choice of bench/concept_choice.py, on hand-written sentences (no data needed)."""

from __future__ import annotations

from bench.concept_choice import Example, accuracy, candidates, fit_clogit, top


def _candidates(sentence: str, number: str, measure: bool = False) -> list:
    start = sentence.index(number)
    return candidates(sentence, start, start + len(number), (0, len(sentence)), measure)


def test_the_rules_answer_comes_first_and_nothing_named_is_a_candidate() -> None:
    found = _candidates("The harbour authority said the port handled 12,000 containers in May.", "12,000")
    assert found[0].words == "port"
    assert found[0].features["rule&subject"] == 1.0
    assert [c.words for c in found].count(None) == 1
    assert "harbour authority" in [c.words for c in found]
    assert all(c.features.get("rule", 0.0) == 0.0 for c in found[1:])


def test_features_say_side_preposition_and_rank() -> None:
    found = _candidates("The river flowed at 12 knots through the old gorge.", "12 knots", measure=True)
    gorge = next(c for c in found if c.words == "old gorge")
    assert gorge.features["side:after"] == 1.0
    assert "prep:through" not in gorge.features  # a preposition outside the list is "other"
    assert gorge.features["prep:other"] == 1.0
    assert gorge.features["rank:after:1"] == 1.0
    river = next(c for c in found if c.words == "river")
    assert river.features["side:before&measure"] == 1.0


def test_a_fitted_chooser_learns_to_prefer_the_right_candidate() -> None:
    # two features; the right candidate always has "b": the conditional logit must learn to pick it
    train: list[Example] = [(k, [{"a": 1.0}, {"b": 1.0}], [False, True]) for k in range(6)]
    weights = fit_clogit(train, 0.1)
    assert weights["b"] > weights["a"]
    assert top([{"a": 1.0}, {"b": 1.0}], weights) == 1
    assert top([{"a": 1.0}, {"b": 1.0}], None) == 0  # without weights: the rules' answer
    assert accuracy(train, weights) == 1.0
