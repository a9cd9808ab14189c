"""How two figures relate when they share a number or a unit but perhaps not a fact: hand-written
sentences, each pair read by the analyser and compared by :func:`factdiff.align.number_relation`."""

from __future__ import annotations

from factdiff.align import Fact, facts_of, number_relation
from factdiff.analyse import analyse
from factdiff.model import Article


def _number(text: str, value: float) -> Fact:
    found = [f for f in facts_of(analyse(Article(id="x", text=text))) if f.family == "number" and f.value == value]
    assert found, (text, value)
    return found[0]


def _relation(report: str, source: str, value: float, other: float | None = None) -> str | None:
    found = number_relation(_number(report, value), _number(source, value if other is None else other))
    return found[0] if found else None


def test_counts_of_unrelated_kinds_in_unrelated_clauses_are_two_facts() -> None:
    # Two countries of origin and two trucks seized share a number, not a fact.
    source = "On Monday the rebels seized two cargo trucks and 14 drivers near the border, officials said."
    report = "The rebels came from Chad and Niger, two countries north of the lake."
    assert _relation(report, source, 2) is None


def test_counts_of_unrelated_kinds_in_one_predicate_are_a_unit_swap() -> None:
    source = "About 9,000 cars use the tunnel each day, the agency said."
    report = "About 9,000 commuters use the tunnel each day."
    assert _relation(report, source, 9000) == "unit_swap"


def test_distances_from_different_points_are_two_facts() -> None:
    source = "The tanker was 14 nautical miles from the frigate when the alarm was raised."
    report = "The sea lanes there run 12 nautical miles from shore."
    assert _relation(report, source, 12, 14) is None
    # The same point, another figure: one distance changed.
    nearer = "The tanker was 12 nautical miles from the frigate when the alarm was raised."
    assert _relation(nearer, source, 12, 14) == "changed"
