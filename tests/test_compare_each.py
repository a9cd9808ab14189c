"""A figure given for each member of a group is not the group's figure (hand-written sentences)."""

from __future__ import annotations

from factdiff.align.relations import _each, _of_a_whole, _stretch, number_relation
from tests.fact_helpers import fact_of


def test_a_figure_apiece_is_no_total() -> None:
    each = fact_of("The Chiefs had two players rush for over 100 yards apiece in the loss.", 100)
    total = fact_of("The Chiefs rushed for 352 yards in the loss, a club record.", 352)
    assert _each(each) and not _each(total)
    assert number_relation(total, each) is None


def test_each_of_names_no_share() -> None:
    assert not _each(fact_of("Police said 12 people were hurt and each of them was taken to hospital.", 12))
    assert _each(fact_of("The two donors gave $5 million each to the hospital.", 5e6))


def test_a_stretch_at_one_end_is_no_whole_run() -> None:
    first = fact_of("Cheeks guided the team to the playoffs in his first two seasons in Portland.", 2)
    whole = fact_of("Cheeks spent three seasons as head coach in Portland before he was fired.", 3)
    assert _stretch(first) and not _stretch(whole)
    assert number_relation(first, whole) is None


def test_a_part_of_a_whole_is_no_count_of_the_kind() -> None:
    part = fact_of("After a stretch in which he connected on 1 of 13 passes, he led the winning drive.", 1)
    count = fact_of("After a stretch in which he threw 3 passes, he led the winning drive.", 3)
    assert _of_a_whole(part) and not _of_a_whole(count)
    assert number_relation(part, count) is None
