"""Counted nouns compared through the Open English WordNet lexicon, on hand-written reports."""

from __future__ import annotations

from factdiff.align import concept_relation, concept_tokens, lemma
from factdiff.align.words import _people, counts_members, same_noun
from factdiff.analyse import analyse
from factdiff.compare import compare_analyses
from factdiff.model import Analysis, Article


def _analysis(text: str, outlet: str, **meta: object) -> Analysis:
    article = Article(
        text=text, title=text.split("\n", 1)[0], title_end=text.index("\n"), body_start=text.index("\n") + 2
    )
    article.outlet = outlet
    article.published = "2026-04-02"
    for key, value in meta.items():
        setattr(article, key, value)
    return analyse(article)


BREACH_RELEASE = (
    "Data Breach Notice\n\n"
    "Corvane Bank said on Wednesday that the records of 4,200 people were exposed in the breach. "
    "The stolen files came from 12 countries where the bank operates, the bank said.\n"
)


def _divergences(*bodies: str) -> dict[str, set[tuple[str, str]]]:
    source = _analysis(BREACH_RELEASE, "Corvane Bank", kind="press_release", published="2026-04-01")
    reports = [_analysis(f"Bank breach\n\n{body}", f"Paper {i}") for i, body in enumerate(bodies)]
    comparison = compare_analyses([source, *reports])
    return {
        a.article.outlet or "": {(d.type, d.text) for d in comparison.divergences if d.article == a.article.id}
        for a in reports
    }


def test_inflections_are_undone_by_the_lexicon() -> None:
    assert [lemma(w) for w in ("countries", "arrested", "injuries", "people", "children", "houses")] == [
        "country",
        "arrest",
        "injury",
        "person",
        "child",
        "house",
    ]
    assert lemma("DUI") == "dui"  # an acronym is not a form of "duo"


def test_descriptions_of_one_group_of_people_are_people() -> None:
    for word in ("Americans", "consumers", "customers", "residents", "pirates"):
        assert _people(concept_tokens(word)), word
    for word in ("accounts", "countries", "counties", "days", "buildings", "crews"):
        assert not _people(concept_tokens(word)), word
    # A body of people counts its members only in the singular: "26 crew", not "498 households".
    assert counts_members("crew") and counts_members("staff")
    assert not counts_members("households") and not counts_members("businesses") and not counts_members("country")


def test_near_kinds_count_one_thing_and_wider_classes_do_not() -> None:
    assert same_noun("house", "home") and same_noun("position", "job") and same_noun("profit", "income")
    assert not same_noun("home", "structure")  # 148 of the 212 structures were homes
    assert concept_relation(concept_tokens("homes destroyed"), concept_tokens("structures destroyed")) == "conflict"
    assert concept_relation(concept_tokens("countries"), concept_tokens("counties")) == "conflict"
    assert concept_relation(concept_tokens("people"), concept_tokens("accounts")) == "unknown"  # "people" is generic
    assert concept_relation(concept_tokens("injuries"), concept_tokens("injured")) == "same"


def test_americans_consumers_and_us_customers_are_the_people_of_the_release() -> None:
    found = _divergences(
        "The bank said the records of 4,200 Americans were exposed, it said on Wednesday.",
        "The records of 4,200 consumers were exposed in the breach, the bank said on Wednesday.",
        "The records of 4,200 U.S. customers were exposed in the breach, the bank said on Wednesday.",
    )
    assert found == {"Paper 0": set(), "Paper 1": set(), "Paper 2": set()}


def test_accounts_for_people_and_counties_for_countries_are_unit_swaps() -> None:
    found = _divergences(
        "The records of 4,200 accounts were exposed in the breach, the bank said on Wednesday.",
        "The stolen files came from 12 counties where the bank operates, the bank said on Wednesday.",
    )
    assert found == {"Paper 0": {("unit_swap", "4,200")}, "Paper 1": {("unit_swap", "12")}}


SWEEP_RELEASE = (
    "Sweep Results\n\n"
    "Officers arrested 498 people from 42 countries during Operation Safe City, the agency said on Wednesday.\n"
)


def test_a_word_of_a_name_near_the_number_names_nothing_counted() -> None:
    # "City" of "Operation Safe City" is no city: "42 cities" for "42 countries" is a unit swap.
    source = _analysis(SWEEP_RELEASE, "Agency", kind="press_release", published="2026-04-01")
    report = _analysis("Sweep\n\n498 people were arrested in 42 cities, the agency said on Wednesday.", "Paper")
    comparison = compare_analyses([source, report])
    assert {(d.type, d.text) for d in comparison.divergences} == {("unit_swap", "42")}


def test_people_said_in_other_words_are_the_same_people() -> None:
    source = _analysis(SWEEP_RELEASE, "Agency", kind="press_release", published="2026-04-01")
    reports = [
        _analysis(f"Sweep\n\nOfficers detained 498 {noun} in the operation, the agency said on Wednesday.", f"P{i}")
        for i, noun in enumerate(("immigrants", "individuals", "residents"))
    ]
    comparison = compare_analyses([source, *reports])
    assert comparison.divergences == []


def test_a_length_of_time_beside_the_counted_people_is_another_fact() -> None:
    # "three days" and "3 senior executives" share a number; the report names the executives
    # apart from its days, so the days are no unit swap of them.
    source = _analysis(
        "Company statement\n\nThe company said it had dismissed 3 senior executives after the breach.\n",
        "Company",
        kind="press_release",
        published="2026-04-01",
    )
    report = _analysis(
        "Breach\n\nAfter three days, the company said, it dismissed the executives responsible.",
        "Paper",
        published="2026-04-01",
    )
    comparison = compare_analyses([source, report])
    assert [(d.type, d.text) for d in comparison.divergences] == []
