"""A figure given as a bound by the reference and as a plain figure by a report: "at least 160"
reported as "160" is consistent with it; "up to 120" reported as "120" gives the ceiling as the
figure (hand-written sentences)."""

from __future__ import annotations

from factdiff.align.relations import bounds_meet
from factdiff.reference import judge_against
from tests.fact_helpers import fact_of


def test_a_floor_reported_as_the_figure_agrees() -> None:
    source = fact_of("The fire caused at least $160 million in damage to the stadium, the insurer said.", 160e6)
    report = fact_of("The fire caused $160 million in damage to the stadium, the insurer said.", 160e6)
    assert judge_against(report, source) == "agrees"


def test_a_ceiling_reported_as_the_figure_is_unhedged() -> None:
    source = fact_of("The storm brought winds of up to 120 mph to the coast on Tuesday.", 120)
    report = fact_of("The storm brought winds of 120 mph to the coast on Tuesday.", 120)
    assert judge_against(report, source) == "rounded_unhedged"


def test_two_bounds_that_allow_a_common_value_agree() -> None:
    over = fact_of("He has known her for more than 15 years, the colleague said.", 15)
    nearly = fact_of("She has worked at the clinic for nearly 20 years, the colleague said.", 20)
    assert bounds_meet(over, nearly) and judge_against(over, nearly) == "agrees"
    least = fact_of("By Saturday at least 6,000 web sites had been infected by the attack.", 6000)
    about = fact_of("By Saturday about 10,000 web sites had been infected by the attack.", 10000)
    assert bounds_meet(least, about)


def test_two_approximations_apart_still_differ() -> None:
    about = fact_of("The island, which has about 200,000 residents, lies off the coast.", 200000)
    over = fact_of("The island, which has more than 100,000 residents, lies off the coast.", 100000)
    assert not bounds_meet(about, over)
    assert not bounds_meet(fact_of("The quake killed 10 people on the island.", 10), over)  # exact: other rules
