"""Internal consistency findings, on claims built by hand (no extractor involved)."""

from __future__ import annotations

import pytest

from factdiff.analyse.consistency import find_inconsistencies, rounds_to
from factdiff.model import Analysis, Article, Quantity


@pytest.mark.parametrize(
    ("exact", "shown", "expected"),
    [
        (498, 500, True),
        (480, 500, True),
        (449, 500, False),
        (498, 400, False),
        (86e6, 90e6, True),
        (240e6, 204e6, False),
        (63, 36, False),
        (498, 498, False),
        (500, 498, False),  # the shown figure is more precise than the exact one
        (31.4, 31, True),
        (1140, 1100, True),
        (1140, 1000, True),
        (1850, 2000, True),
        (0, 10, False),
    ],
)
def test_rounds_to(exact: float, shown: float, expected: bool) -> None:
    assert rounds_to(exact, shown) is expected


TITLE = "Agency arrests about 500"
BODY = "The agency arrested 498 people. Of them, 317 had records, 68 fled, 104 returned and 18 were gang members."


def _q(article: Article, words: str, value: float, **kw: object) -> Quantity:
    start = article.text.index(words)
    return Quantity(start=start, end=start + len(words), text=words, value=value, **kw)  # type: ignore[arg-type]


def _article() -> Article:
    text = f"{TITLE}\n\n{BODY}\n\n500 arrested in 4 days!"
    return Article(text=text, title=TITLE, title_end=len(TITLE), body_start=len(TITLE) + 2)


def test_headline_post_and_overlapping_parts() -> None:
    article = _article()
    head = _q(article, "about 500", 500, approx="about", concept="people arrested", in_title=True)
    total = _q(article, "498 people", 498, concept="people")
    parts = [
        _q(article, "317", 317, concept="had records", part_of=498),
        _q(article, "68", 68, concept="fled", part_of=498),
        _q(article, "104", 104, concept="returned", part_of=498),
        _q(article, "18", 18, concept="gang members", part_of=498),
    ]
    post_start = article.text.index("500 arrested in")
    post = Quantity(start=post_start, end=post_start + 3, text="500", value=500, concept="arrested", in_post=True)
    analysis = Analysis(article=article, claims=[head, total, *parts, post])
    kinds = [f.type for f in find_inconsistencies(analysis)]
    assert kinds == ["headline_rounded_hedged", "overlapping_categories", "post_rounded_unhedged"]


def test_parts_within_total_and_exact_headline_are_clean() -> None:
    article = _article()
    head = _q(article, "about 500", 498, approx="exact", in_title=True)
    total = _q(article, "498 people", 498, concept="people")
    parts = [_q(article, "317", 317, part_of=498), _q(article, "68", 68, part_of=498)]
    assert find_inconsistencies(Analysis(article=article, claims=[head, total, *parts])) == []


def test_percent_against_its_counts() -> None:
    text = "T\n\nOf 498 people arrested, 317 (74 percent) had convictions; 104 (21 percent) were deported."
    article = Article(text=text, title="T", title_end=1, body_start=3)
    claims = [
        _q(article, "498 people", 498),
        _q(article, "317", 317, part_of=498),
        _q(article, "74 percent", 74, unit="percent", percent_part=317),
        _q(article, "104", 104, part_of=498),
        _q(article, "21 percent", 21, unit="percent", percent_part=104, percent_of=498),
    ]
    findings = find_inconsistencies(Analysis(article=article, claims=claims))
    assert [(f.type, f.text) for f in findings] == [("percent_mismatch", "74 percent")]
    assert "63.7 percent" in findings[0].message


def test_headline_contradiction_needs_the_same_concept() -> None:
    text = "Storm kills 3\n\nThe storm killed 2 people and damaged 3 bridges."
    article = Article(text=text, title="Storm kills 3", title_end=13, body_start=15)
    head = _q(article, "3", 3, concept="people killed", in_title=True)
    dead = _q(article, "2 people", 2, concept="people killed")
    findings = find_inconsistencies(Analysis(article=article, claims=[head, dead]))
    assert [f.type for f in findings] == ["headline_contradiction"]


def test_hedged_part_is_not_a_category() -> None:
    article = _article()
    total = _q(article, "498 people", 498, concept="people")
    parts = [
        _q(article, "317", 317, concept="had records", part_of=498),
        _q(article, "104", 104, concept="returned", part_of=498),
        _q(article, "68", 100, concept="fled", part_of=498, approx="about"),  # 317 + 104 + 100 > 498
    ]
    assert find_inconsistencies(Analysis(article=article, claims=[total, *parts])) == []
    parts[2].approx = "exact"
    assert [f.type for f in find_inconsistencies(Analysis(article=article, claims=[total, *parts]))] == [
        "overlapping_categories"
    ]
