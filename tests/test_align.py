"""Alignment on hand-built reports: slots from the source, swaps, changes, copies, posts."""

from __future__ import annotations

import re

from factdiff.align import concept_relation, place_key, same_place
from factdiff.compare import Comparison, compare_analyses
from factdiff.model import Analysis, Article, Post, Quantity
from factdiff.reuse import find_copies


def _report(text: str, numbers: list[tuple[str, float, str | None, list[str]]], **meta: object) -> Analysis:
    """An analysis with one quantity claim per (surface, value, concept, places), found in ``text``."""
    article = Article(text=text, **meta)  # type: ignore[arg-type]
    claims = []
    for surface, value, concept, places in numbers:
        start = text.index(surface)
        claims.append(
            Quantity(
                start=start,
                end=start + len(surface),
                text=surface,
                value=value,
                concept=concept,
                places=places,
                sentence_start=0,
                sentence_end=len(text),
                in_post=article.post_at(start, start + len(surface)) is not None,
            )
        )
    return Analysis(article=article, claims=claims)


SOURCE = _report(
    "Officers arrested 498 people from 42 countries. Arrests: 33 in Portland and 63 in Denver.",
    [
        ("498", 498, "people arrested", []),
        ("42", 42, "countries", []),
        ("33", 33, "arrests", ["Portland"]),
        ("63", 63, "arrests", ["Denver"]),
    ],
    kind="press_release",
    outlet="Agency",
    published="2024-05-01",
)


def _types(analyses: list[Analysis]) -> dict[str, set[str]]:
    comparison = compare_analyses(analyses)
    found: dict[str, set[str]] = {}
    for d in comparison.divergences:
        found.setdefault(d.article, set()).add(d.type)
    return found


def test_clean_report_gets_no_divergence() -> None:
    clean = _report(
        "Officers arrested 498 people from 42 countries, with 33 in Portland and 63 in Denver.",
        [
            ("498", 498, "people", []),
            ("42", 42, "countries", []),
            ("33", 33, None, ["Portland"]),
            ("63", 63, None, ["Denver"]),
        ],
        outlet="Paper",
        published="2024-05-02",
    )
    assert _types([SOURCE, clean]) == {}


def test_swaps_and_changes_are_labelled() -> None:
    wrong = _report(
        "Officers arrested 498 people from 42 cities, with 33 in Seattle and 36 in Denver.",
        [
            ("498", 498, "people", []),
            ("42", 42, "cities", []),
            ("33", 33, None, ["Seattle"]),
            ("36", 36, None, ["Denver"]),
        ],
        outlet="Paper",
        published="2024-05-02",
    )
    assert _types([SOURCE, wrong])[wrong.article.id] == {"unit_swap", "entity_swap", "number_changed"}


def test_rounding_hedged_is_not_a_divergence_but_unhedged_is() -> None:
    hedged = _report("Officers arrested nearly 500 people.", [("500", 500, "people arrested", [])], outlet="A")
    hedged.claims[0].approx = "nearly"  # type: ignore[attr-defined]
    bare = _report("Officers made 500 arrests in all.", [("500", 500, "arrests", [])], outlet="B")
    found = _types([SOURCE, hedged, bare])
    assert hedged.article.id not in found
    assert found[bare.article.id] == {"rounded_unhedged"}


def test_claim_in_an_embedded_post_is_marked_and_not_counted() -> None:
    text = "Officers arrested 498 people.\n\nOfficers arrested 500 people!\n\n— Someone (@someone) May 2, 2024"
    post_start = text.index("Officers arrested 500")
    post = Post(
        platform="twitter",
        author="Someone",
        handle="@someone",
        date="2024-05-02",
        text="Officers arrested 500 people!",
        start=post_start,
        end=post_start + 28,
    )
    report = _report(text, [("498", 498, "people", []), ("500", 500, "people arrested", [])], outlet="C", posts=[post])
    comparison = compare_analyses([SOURCE, report])
    posted = [d for d in comparison.divergences if d.article == report.article.id]
    assert [(d.type, d.in_post) for d in posted] == [("rounded_unhedged", True)]
    assert comparison.outlet_counts()[report.article.id]["divergences"] == {}


def test_copy_found_and_original_kept() -> None:
    body = " ".join(f"word{i}" for i in range(80))
    first = Article(text="Title\n\n" + body, body_start=7, published="2024-05-01")
    copy = Article(text="Other title\n\n" + body + " and a line added", body_start=13, published="2024-05-02")
    other = Article(text="Title\n\n" + " ".join(f"other{i}" for i in range(80)), body_start=7, published="2024-05-01")
    copies = find_copies([first, copy, other])
    assert list(copies) == [copy.id]
    assert copies[copy.id].original == first.id


def test_quoted_passages_are_not_reuse() -> None:
    quote = '"' + " ".join(f"said{i}" for i in range(60)) + '"'
    a = Article(text="A\n\nOne outlet writes its own words here. " + quote, published="2024-05-01")
    b = Article(text="B\n\nAnother outlet has different prose entirely. " + quote, published="2024-05-01")
    assert find_copies([a, b]) == {}


def test_place_and_concept_helpers() -> None:
    assert place_key("Portland, Ore.") == place_key("Portland, Oregon")
    assert same_place("New", "New York")
    assert not same_place("Portland, Oregon", "Portland, Maine")
    assert same_place("Okoye", "Rosalind Okoye")  # a candidate's votes under the surname
    assert not same_place("York", "New York")
    assert not same_place("Okoye", "Gareth Vance")
    # Other names of one large city (GeoNames), accents aside; two main names stay two places.
    assert same_place("Salonika", "Thessaloniki") and same_place("Thessaloníki", "Thessaloniki")
    assert same_place("Bombay", "Mumbai") and same_place("Kiev, Ukraine", "Kyiv, Ukraine")
    assert not same_place("Athens", "Salonika") and not same_place("Portland", "Seattle")
    assert concept_relation(frozenset({"home", "destroy"}), frozenset({"home", "damag"})) == "conflict"
    assert concept_relation(frozenset({"person"}), frozenset({"country"})) == "unknown"


def test_a_copy_and_its_original_vote_once_in_the_consensus() -> None:
    shared = " ".join(f"filler{i}" for i in range(60))
    wrong = "Officers arrested 498 people, with 33 in Seattle. "
    first = _report(wrong + shared, [("33", 33, None, ["Seattle"])], outlet="Wire", published="2024-05-02")
    copy = _report(wrong + shared + " More.", [("33", 33, None, ["Seattle"])], outlet="Reprint", published="2024-05-03")
    again = _report(wrong + shared + " Again.", [("33", 33, None, ["Seattle"])], outlet="Other", published="2024-05-04")
    right = _report("Police made 33 arrests in Portland.", [("33", 33, "arrests", ["Portland"])], outlet="Local")
    comparison = compare_analyses([SOURCE, first, copy, again, right])
    assert comparison.copies[copy.article.id].original == first.article.id
    slot = next(s for s in comparison.slots if s.source is not None and s.source.value == 33)
    # three reports say Seattle, but as one family they are outvoted by the source and one report
    assert comparison.consensus[slot.id] is not None and "Portland" in comparison.consensus[slot.id]


def test_other_events_are_set_apart_but_never_the_organisations_statement() -> None:
    from factdiff.compare import split_outliers

    story = "flood river crest county shelters evacuated homes damaged destroyed residents water levels"
    reports = [Article(text=f"Report {i}\n\n{story} {story} extra{i} words{i}", outlet=f"Paper {i}") for i in range(6)]
    release = Article(text="Update\n\nriver crest gauge county statement officials emergency", kind="press_release")
    other = Article(text="Harvest\n\napples orchards growers bushels cider season record", outlet="Farm Journal")
    kept, outliers = split_outliers([release, *reports, other])
    assert release in kept
    assert outliers == [other]


# --- labels, rates, fractions, ages: through the real extractors ---

from factdiff.analyse import analyse  # noqa: E402

BRIDGE_SOURCE = (
    "Elm Street Bridge to Close for Repairs\n\n"
    "The city will close the Elm Street Bridge on Monday, May 4, 2026, for a 9-month rebuild, the "
    "public works department announced Tuesday. The $12.4 million project replaces the deck. Engineers "
    "rated 17 of the bridge's 30 steel girders as corroded. About 9,000 vehicles cross the bridge each "
    "day. The detours will bring 3,100 more vehicles a day to Westfield and 1,200 more to Northgate. "
    "Residents can attend an open meeting at the central library on April 2. Tom Brandt, 52, the city "
    "engineer, will lead the work."
)


def _bridge(text: str, outlet: str, **meta: object) -> Analysis:
    article = Article(
        text=text, title=text.split("\n", 1)[0], title_end=text.index("\n"), body_start=text.index("\n") + 2
    )
    article.outlet = outlet
    article.published = "2026-03-11"
    for key, value in meta.items():
        setattr(article, key, value)
    return analyse(article)


def _bridge_comparison(*reports: str) -> Comparison:
    source = _bridge(BRIDGE_SOURCE, "City", kind="press_release", published="2026-03-10")
    return compare_analyses([source, *(_bridge(r, f"Paper {i}") for i, r in enumerate(reports))])


def test_labels_name_the_fact_in_whole_words() -> None:
    comparison = _bridge_comparison(BRIDGE_SOURCE.replace("Tuesday", "on Tuesday"))
    labels = {s.label for s in comparison.slots}
    for expected in (
        "cost of the project",
        "vehicles a day",
        "vehicles a day in Westfield",
        "vehicles a day in Northgate",
        "length of the rebuild",
        "date of the announcement",
        "date of the open meeting",
        "age of Brandt",
    ):
        assert expected in labels, (expected, sorted(labels))
    assert any(label.startswith("steel girders") for label in labels), sorted(labels)
    words = set(re.findall(r"[A-Za-z]+", BRIDGE_SOURCE.lower())) | {"a", "of", "the", "in", "is", "was", "cost"}
    words |= {
        "announcement",
        "date",
        "length",
        "age",
        "share",
        "quote",
        "title",
        "closed",
        "with",
        "number",
        "amount",
        "time",
    }
    for label in labels:
        for word in re.findall(r"[A-Za-z]+", label.split("“")[0].lower()):
            assert word in words, (word, label)  # no word cut short, none made up


def test_a_day_after_a_count_is_a_rate_not_a_length_of_time() -> None:
    comparison = _bridge_comparison(BRIDGE_SOURCE)
    assert not [s for s in comparison.slots if s.source is not None and s.source.unit == "day"]


def test_a_fraction_of_a_source_count_is_judged_as_its_share() -> None:
    right = BRIDGE_SOURCE.replace("rated 17 of the bridge's 30", "rated more than half of the bridge's 30")
    wrong = BRIDGE_SOURCE.replace("rated 17 of the bridge's 30", "rated a third of the bridge's 30")
    comparison = _bridge_comparison(right, wrong)
    verdicts = {
        a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id}
        for a in comparison.analyses
    }
    assert verdicts["Paper 0"] == set()
    assert verdicts["Paper 1"] == {"percent_wrong"}
    assert not [s for s in comparison.slots if s.source is None and s.family == "number"]


def test_an_age_is_compared_and_only_with_the_same_person() -> None:
    changed = BRIDGE_SOURCE.replace("Tom Brandt, 52,", "Tom Brandt, 25,")
    other = BRIDGE_SOURCE.replace("Tom Brandt, 52,", "Tom Brandt, 52, and Ann Cole, 25,")
    comparison = _bridge_comparison(changed, other)
    found = {
        (a.article.outlet, d.type)
        for a in comparison.analyses
        for d in comparison.divergences
        if d.article == a.article.id
    }
    assert found == {("Paper 0", "number_changed")}


def _deal_story(*bodies: str) -> dict[str, set[str]]:
    source = _bridge(
        "Club Signs Teixeira\n\nThe club signed Mark Teixeira to a $180 million deal, the club said.",
        "Club",
        kind="press_release",
        published="2026-01-05",
    )
    reports = [_bridge(f"Teixeira Signs\n\n{body}", f"Paper {i}") for i, body in enumerate(bodies)]
    comparison = compare_analyses([source, *reports])
    return {
        a.article.outlet or "": {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports
    }


def test_a_figure_of_someone_else_is_not_a_changed_figure() -> None:
    found = _deal_story(
        "The club signed Mark Teixeira to a $160 million deal.",
        "Torii Hunter got a $90 million deal from the club last summer.",
    )
    assert found == {"Paper 0": {"number_changed"}, "Paper 1": set()}


def test_a_figure_stated_right_and_then_wrongly_is_judged_twice() -> None:
    found = _deal_story(
        "The club signed Mark Teixeira to a $180 million deal. Fans cheered. Later the club said it "
        "signed Mark Teixeira to a $160 million deal.",
        "The club signed Mark Teixeira to a $180 million deal. Torii Hunter got a $150 million deal.",
    )
    assert found == {"Paper 0": {"number_changed"}, "Paper 1": set()}


def test_a_percentage_of_counts_the_report_gave_just_before_is_checked_against_them() -> None:
    source = _bridge(
        "Exemptions Report\n\nThis year 1,734 of 41,280 kindergartners had an exemption, or 4.2 percent, the "
        "department said.",
        "Department",
        kind="press_release",
    )
    bodies = ("That is 6.2 percent of all kindergartners.", "That is 4.2 percent of all kindergartners.")
    reports = [
        _bridge(f"Exemptions\n\nThis year 1,734 of 41,280 kindergartners had an exemption. {b}", f"Paper {i}")
        for i, b in enumerate(bodies)
    ]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"percent_wrong"}, "Paper 1": set()}


def test_the_noun_at_a_report_number_is_what_it_counts() -> None:
    source = _bridge(
        "Operation Results\n\nOfficers arrested 498 people from 42 countries in the operation, the agency said.",
        "Agency",
        kind="press_release",
    )
    report = _bridge(
        "Operation\n\nAcross the country, officers arrested 498 people, who came from 42 businesses.", "Paper"
    )
    comparison = compare_analyses([source, report])
    assert {(d.type, d.text) for d in comparison.divergences} == {("unit_swap", "42")}


def test_a_length_of_time_with_its_remainder_dropped_is_a_rounding() -> None:
    source = _bridge(
        "Man Gets More Than Eight Years\n\nA judge sentenced Tom Brandt to eight years and four months in state "
        "prison, the court said.",
        "Court",
        kind="press_release",
    )
    bodies = ("A judge sentenced Brandt to eight years in state prison.", "Brandt got more than eight years in prison.")
    reports = [_bridge(f"Sentenced\n\n{b}", f"Paper {i}") for i, b in enumerate(bodies)]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"rounded_unhedged"}, "Paper 1": set()}


def test_a_count_named_with_another_source_fact_noun_is_a_unit_swap() -> None:
    source = _bridge(
        "Storm Damage\n\nThe storm left 114 buildings collapsed and 1,930 buildings damaged, the agency said.",
        "Agency",
        kind="press_release",
    )
    bodies = ("Officials said 114 buildings were damaged in the storm.", "In all, 114 buildings collapsed.")
    reports = [_bridge(f"Storm\n\n{b}", f"Paper {i}") for i, b in enumerate(bodies)]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"unit_swap"}, "Paper 1": set()}


FIRE_NOTICE = (
    "Brush Fire Update\n\nFIRE UPDATE, Monday, June 1, 2026\n\n"
    "Area: 8,420 acres (3,407 hectares). Containment: 20 percent.\n\n"
    "Crews have confirmed 96 buildings destroyed and 30 damaged. Of the destroyed buildings, 51 were homes.\n\n"
    "Two firefighters have suffered minor injuries, the fire service said.\n"
)


def _fire_story(*bodies: str) -> dict[str, set[tuple[str, str]]]:
    source = _bridge(FIRE_NOTICE, "Fire Service", kind="press_release", published="2026-06-01")
    reports = [_bridge(f"Brush fire burns on\n\n{body}", f"Paper {i}") for i, body in enumerate(bodies)]
    comparison = compare_analyses([source, *reports])
    return {
        a.article.outlet or "": {(d.type, d.text) for d in comparison.divergences if d.article == a.article.id}
        for a in reports
    }


def test_a_figure_under_a_field_name_is_compared_in_its_own_unit() -> None:
    # "Area:" names a field of the notice, not a place; the report's acres are judged against the
    # source's acres, not passed as equal to the hectares printed beside them.
    found = _fire_story(
        "The fire has now burned 8,400 acres, officials said on Monday.",
        "The fire has burned 8,420 acres, officials said on Monday.",
    )
    assert found == {"Paper 0": {("rounded_unhedged", "8,400 acres")}, "Paper 1": set()}


def test_another_fact_s_noun_is_a_unit_swap_and_a_bare_duration_counts_nothing() -> None:
    found = _fire_story("There are 96 homes destroyed, the fire service said on Monday. After two days.")
    assert found == {"Paper 0": {("unit_swap", "96")}}


def test_a_noun_that_belongs_to_the_next_number_does_not_name_this_one() -> None:
    found = _fire_story(
        "Structural losses stand at 96 destroyed and 30 damaged, with homes accounting for 51 of the destroyed, "
        "the fire service said on Monday."
    )
    assert found == {"Paper 0": set()}


def test_an_unnamed_age_is_the_one_age_the_source_gives() -> None:
    source = _bridge(
        "Club Signs Teixeira\n\nThe club signed Mark Teixeira on Monday. Teixeira, 28, completed his medical on "
        "Sunday, 4 January, the club said.",
        "Club",
        kind="press_release",
        published="2026-01-05",
    )
    reports = [
        _bridge("Teixeira Signs\n\nThe 29-year-old scored 20 goals in the league last season.", "Paper 0"),
        _bridge("Teixeira Signs\n\nThe 28-year-old scored 20 goals in the league last season.", "Paper 1"),
    ]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"number_changed"}, "Paper 1": set()}


def test_a_share_of_a_sum_named_in_other_words_is_the_same_share() -> None:
    source = _bridge(
        "Club Sells Teixeira\n\nThe club sold Mark Teixeira to Porto for $40 million on Monday. Under the terms of "
        "his earlier move, his first club Ferrol will receive 10 percent of the fee.",
        "Club",
        kind="press_release",
        published="2026-01-05",
    )
    report = _bridge(
        "Teixeira Sold\n\nMark Teixeira was sold to Porto for $40 million on Monday. Under the terms of his earlier "
        "move, his first club Ferrol keeps 10 percent of the transfer.",
        "Paper 0",
        published="2026-01-05",
    )
    comparison = compare_analyses([source, report])
    assert [d.type for d in comparison.divergences] == []


def test_a_figure_under_a_field_name_is_what_the_notice_is_about() -> None:
    source = _bridge(
        "Norrow recalls electric heaters due to fire hazard\n\nRECALL NOTICE, Monday, January 5, 2026\n\n"
        "Hazard: The heater can overheat during use.\n\nUnits: About 54,300\n\n"
        "Remedy: Consumers should stop using the heaters.\n",
        "Agency",
        kind="press_release",
        published="2026-01-05",
    )
    reports = [
        _bridge(f"Heaters recalled\n\nNorrow is recalling {n} heaters, the agency said.", f"Paper {i}")
        for i, n in enumerate(("45,300", "about 54,000"))
    ]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"number_changed"}, "Paper 1": set()}
    assert not [s for s in comparison.slots if s.source is None and s.family == "number"]


def test_a_percentage_worked_out_from_the_report_s_own_counts_is_checked_against_them() -> None:
    source = _bridge(
        "Lind elected mayor\n\nMaria Lind won the election with 5,200 votes on Tuesday. The town has 21,000 "
        "registered voters, the clerk said.",
        "Clerk",
        kind="press_release",
        published="2026-01-05",
    )
    reports = [
        _bridge(
            f"Lind wins\n\nMaria Lind got 5,200 votes on Tuesday. The town has 21,000 registered voters. That means "
            f"she was chosen by just {share} percent of the people eligible to vote.",
            f"Paper {i}",
            published="2026-01-05",
        )
        for i, share in enumerate((19, 25))
    ]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"percent_wrong"}, "Paper 1": set()}


def test_a_numbered_district_is_the_place_of_the_figure_after_it() -> None:
    source = _bridge(
        "Turnout by ward\n\nTurnout on Tuesday was highest in Ward 6, at 58.3 percent, and lowest in Ward 2, at "
        "31.9 percent, the clerk said.",
        "Clerk",
        kind="press_release",
        published="2026-01-05",
    )
    reports = [
        _bridge(f"Turnout\n\n{body}", f"Paper {i}", published="2026-01-05")
        for i, body in enumerate(
            (
                "Turnout on Tuesday was highest in Ward 2, at 58.3 percent, the clerk said.",
                "Turnout on Tuesday ran highest in Ward 6, where 58.3 percent of voters cast a ballot.",
            )
        )
    ]
    comparison = compare_analyses([source, *reports])
    found = {a.article.outlet: {d.type for d in comparison.divergences if d.article == a.article.id} for a in reports}
    assert found == {"Paper 0": {"entity_swap"}, "Paper 1": set()}


def test_a_figure_named_by_the_word_of_its_field_is_that_field() -> None:
    found = _fire_story(
        "The fire was only 30 percent contained on Monday, officials said.",
        "The fire was 20 percent contained on Monday, officials said.",
    )
    assert found == {"Paper 0": {("number_changed", "30 percent")}, "Paper 1": set()}


def test_a_post_that_changes_a_figure_the_report_states_right_is_judged() -> None:
    text = (
        "Officers arrested 498 people from 42 countries.\n\nSo they arrested 489 people, what a joke\n\n"
        "— Someone (@someone) May 2, 2024"
    )
    post_start = text.index("So they arrested 489")
    post = Post(
        platform="twitter",
        author="Someone",
        handle="@someone",
        date="2024-05-02",
        text="So they arrested 489 people, what a joke",
        start=post_start,
        end=post_start + 40,
    )
    report = _report(
        text,
        [("498", 498, "people arrested", []), ("489", 489, "people arrested", [])],
        outlet="C",
        posts=[post],
    )
    posted = [d for d in compare_analyses([SOURCE, report]).divergences if d.article == report.article.id]
    assert [(d.type, d.in_post) for d in posted] == [("number_changed", True)]


def test_the_same_sum_in_another_currency_is_a_unit_swap() -> None:
    found = _deal_story(
        "The club signed Mark Teixeira to a €180 million deal.",
        "The club signed Mark Teixeira to a $180 million deal.",
    )
    assert found == {"Paper 0": {"unit_swap"}, "Paper 1": set()}


def test_a_rounded_sum_in_any_currency_is_a_rounding() -> None:
    source = _bridge(
        "Club Signs Teixeira\n\nThe club has agreed a fee of €38 million with Porto, the club said on Monday.",
        "Club",
        kind="press_release",
        published="2026-01-05",
    )
    report = _bridge(
        "Rovers land Teixeira\n\nWhat a week: Teixeira is ours for €40m and I can't stop smiling.", "Paper 0"
    )
    comparison = compare_analyses([source, report])
    assert {d.type for d in comparison.divergences} == {"rounded_unhedged"}


def _counted(text: str) -> list[tuple[float | None, frozenset[str]]]:
    from factdiff.align import facts_of
    from factdiff.analyse import analyse

    return [(f.value, f.concept) for f in facts_of(analyse(Article(id="x", text=text))) if f.family == "number"]


def test_a_bare_number_in_a_coordinated_clause_counts_what_its_sibling_counts() -> None:
    facts = _counted("Last year 132,900 were treated at Merriton General and 58,400 at Dunmore Community Hospital.")
    assert facts[0][1] and facts[1] == (58400.0, facts[0][1])
    # A number in a sentence of its own keeps no noun.
    assert _counted("It treated 12 patients in May. And 5 at home.")[1] == (5.0, frozenset())


def test_near_synonyms_of_a_counted_noun_are_one_thing() -> None:
    from factdiff.align import concept_tokens

    # Near synonyms by the lexicon (one synset, or one a near kind of the other).
    for a, b in [("goal", "target"), ("objective", "goals"), ("net income", "profit"), ("houses", "homes")]:
        assert concept_relation(concept_tokens(a), concept_tokens(b)) == "same", (a, b)
    assert concept_relation(concept_tokens("goal"), concept_tokens("fee")) == "conflict"


def test_a_short_quote_sharing_two_words_with_a_statement_is_another_quote() -> None:
    from factdiff.align import Fact
    from factdiff.align.match_quotes import _shared_words_score
    from factdiff.model import Quote

    long = Fact(
        article="s",
        claim=Quote(
            start=0,
            end=1,
            text="",
            quote="The flood took everything we had in the shop, and a dozen other families lost their homes too",
        ),
        family="quote",
    )
    short = Fact(
        article="r",
        claim=Quote(start=0, end=1, text="", quote="There were a dozen other families at the meeting"),
        family="quote",
    )
    assert _shared_words_score(short, long) == 0.0
    reordered = Fact(
        article="r",
        claim=Quote(
            start=0, end=1, text="", quote="a dozen other families lost their homes too, and the flood took everything"
        ),
        family="quote",
    )
    assert _shared_words_score(reordered, long) >= 75
