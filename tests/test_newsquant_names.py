"""The NewsQuant bench's names for counted nouns, which follow how NewsQuant's units were normalised."""

from __future__ import annotations

import pytest

from bench.newsquant import _count_unit


@pytest.mark.parametrize(
    ("noun", "name"),
    [
        ("workers", "worker"),
        ("times", "time"),  # how often: named as factdiff reads it, not mapped to NewsQuant's "count"
        ("previous years", "year"),  # a unit of time factdiff reads as a duration is named alone
        ("new seasons", "new season"),  # a season is not one: its modifier stays
        ("Johnson’s deputies", "johnson deputy"),  # the possessive's "'s" is left off, as in concepts
        ("largest cities", "large city"),  # a superlative modifier by its base
        ("biggest banks", "big bank"),
        ("rider groups", "rider group"),  # a noun in "-er" is no comparative
    ],
)
def test_count_names(noun: str, name: str) -> None:
    assert _count_unit(noun) == name
