"""The kind of thing counted, by consensus: where the pivot names it loosely ("automatic
weapons"), reports that count another kind than most independent reports do are unit swaps.
Hand-written reports of one seizure compared end to end."""

from __future__ import annotations

from factdiff.compare import compare_articles
from factdiff.model import Article

_REPORTS = {
    "a": "Arms haul at the border\n\nCustoms officers at the Narrow Gate crossing found three automatic weapons, "
    "12 loaded magazines, 400 rounds of ammunition and two pistols hidden in a lorry on Tuesday, the agency "
    "said. The driver, a 41-year-old man, was arrested at the scene.",
    "b": "Lorry driver held\n\nA lorry driver was arrested on Tuesday after officers searching his trailer at "
    "Narrow Gate discovered three rifles under a load of timber.",
    "c": "Guns found in timber load\n\nBorder staff said they had uncovered three assault rifles in a trailer "
    "carrying timber through Narrow Gate, and detained the man driving it.",
    "d": "Smuggling attempt foiled\n\nThree rifles were recovered from a timber lorry stopped by customs at "
    "Narrow Gate, officials told reporters, and its driver is in custody.",
    "e": "Weapons seized at crossing\n\nInspectors at Narrow Gate seized three machine guns concealed beneath "
    "timber in a lorry, and the driver was taken into custody.",
}


def _divergences(reports: dict[str, str]) -> list[tuple[str, str]]:
    articles = [Article(id=k, text=v, file=f"{k}.txt") for k, v in reports.items()]
    return [(d.article, d.type) for d in compare_articles(articles).divergences]


def test_another_kind_than_most_reports_count_is_a_unit_swap() -> None:
    assert _divergences(_REPORTS) == [("e", "unit_swap")]


def test_without_a_majority_kind_nobody_is_blamed() -> None:
    # One report says rifles, one machine guns: no kind has two independent reports behind it.
    even = {k: v for k, v in _REPORTS.items() if k in "abe"}
    assert ("e", "unit_swap") not in _divergences(even)
