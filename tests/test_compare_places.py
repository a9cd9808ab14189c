"""A count given for a place, where the place is named as the other reports do not name it, is that
place's fact: hand-written reports of one strike compared end to end."""

from __future__ import annotations

from factdiff.compare import compare_articles
from factdiff.model import Article

_STORY = {
    "a": "Dock workers strike across Greece\n\nDock workers struck across Greece on Wednesday against the new "
    "pension law. Violence broke out in the northern city of Thessaloniki, where another 8,000 people marched "
    "through the port district and youths smashed shop windows. Witnesses said more than 30,000 joined the main "
    "rally in the capital.",
    "b": "Greek dockers walk out\n\nGreek dock workers walked out on Wednesday over the pension law. In the "
    "capital, witnesses counted more than 30,000 at the main rally. In Thessaloniki, where 8,000 people marched "
    "through the port district, police fired tear gas at youths.",
    "c": "Strike shuts Greek ports\n\nA strike by dock workers shut Greek ports on Wednesday. Violence was also "
    "reported in Thessaloniki, where a further 8,000 people marched through the port district, the union said. "
    "Witnesses said more than 30,000 people joined the rally in the capital.",
}


def _compare(extra: str) -> list[tuple[str, str, str]]:
    texts = {**_STORY, "d": extra}
    comparison = compare_articles([Article(id=k, text=v, file=f"{k}.txt") for k, v in texts.items()])
    return [(d.article, d.slot, d.type) for d in comparison.divergences]


def test_a_place_under_another_name_keeps_its_count() -> None:
    # "Salonika" is Thessaloniki (GeoNames), linked to its count by "where" without a comma: the
    # 30,000 is the march there changed, not the capital's "more than 30,000" that names no place.
    report = (
        "Ports idle as dockers strike\n\nDock workers struck on Wednesday against the pension law, and clashes "
        "broke out in Salonika where approximately 30,000 people marched through the port district."
    )
    found = _compare(report)
    assert ("d", "people_marched_in_thessaloniki", "number_changed") in found


def test_the_same_count_for_the_place_agrees() -> None:
    report = (
        "Ports idle as dockers strike\n\nDock workers struck on Wednesday against the pension law, and clashes "
        "broke out in Salonika where approximately 8,000 people marched through the port district."
    )
    assert [d for d in _compare(report) if d[0] == "d"] == []
