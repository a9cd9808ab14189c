"""A figure given as a bound by the reference and as a plain figure by a report: "at least 160"
reported as "160" is consistent with it; "up to 120" reported as "120" gives the ceiling as the
figure (hand-written sentences)."""

from __future__ import annotations

from factdiff.align import Fact, facts_of
from factdiff.analyse import analyse
from factdiff.model import Article
from factdiff.reference import judge_against


def _fact(text: str, value: float) -> Fact:
    article = Article(id=text[:8], text=f"Report\n\n{text}", file="x.txt")
    return next(f for f in facts_of(analyse(article)) if f.value == value)


def test_a_floor_reported_as_the_figure_agrees() -> None:
    source = _fact("The fire caused at least $160 million in damage to the stadium, the insurer said.", 160e6)
    report = _fact("The fire caused $160 million in damage to the stadium, the insurer said.", 160e6)
    assert judge_against(report, source) == "agrees"


def test_a_ceiling_reported_as_the_figure_is_unhedged() -> None:
    source = _fact("The storm brought winds of up to 120 mph to the coast on Tuesday.", 120)
    report = _fact("The storm brought winds of 120 mph to the coast on Tuesday.", 120)
    assert judge_against(report, source) == "rounded_unhedged"
