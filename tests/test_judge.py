"""Verdicts on hand-built claims: roundings, titles, quotes, percentages, dates, primary source."""

from __future__ import annotations

import pytest

from factdiff import lexicon
from factdiff.align import Fact, Match, Slot
from factdiff.judge import (
    choose_primary,
    described_title,
    is_rounding,
    percent_verdict,
    quote_verdict,
    title_verdict,
    verdict,
)
from factdiff.model import Analysis, Article, DateClaim, Quantity


@pytest.mark.parametrize(
    ("report", "source", "expected"),
    [(500, 498, True), (90, 86, True), (1100, 1140, True), (200, 250, False), (36, 63, False), (498, 498, False)],
)
def test_is_rounding(report: float, source: float, expected: bool) -> None:
    assert is_rounding(report, source) is expected


@pytest.mark.parametrize(
    ("report", "source", "expected"),
    [
        ("Director", "Acting Director", "title_changed"),
        ("Emergency Management Director", "Emergency Management Coordinator", "title_changed"),
        ("Chief Executive", "President and Chief Executive Officer", "agrees"),
        ("President and CEO", "President and Chief Executive Officer", "agrees"),
        ("Labor Commissioner", "Commissioner", "agrees"),
        ("Vice President and CEO", "President and Chief Executive Officer", "title_changed"),
        ("Governor", "Governor and Former Vice Presidential Candidate", "agrees"),
        ("Director", "Director of Emergency Operations", "agrees"),
        ("Minister", "Director of Emergency Operations", "title_changed"),
        ("head", "Acting Director", "agrees"),
        ("senior official", "Executive Associate Director", "agrees"),
        (None, "Acting Director", "omitted"),
        # One office in other words, by the lexicon: synonyms, or one a kind of the other.
        ("Attorney", "Lawyer", "agrees"),
        ("City Councilman", "Council Member", "agrees"),
        ("Mayor", "Governor", "title_changed"),
        # A source that only describes the post ("spokesman") is not contradicted by an office.
        ("Police Inspector", "Police Spokesman", "agrees"),
        ("Deputy Campaign Manager", "Aide", "agrees"),
        # A status towards an office is no other office: running for one, or named to it.
        ("Candidate", "Governor", "agrees"),
        ("Nominee", "Surgeon General", "agrees"),
        ("Director", "The", "agrees"),  # a source title of no words says nothing against it
    ],
)
def test_title_verdict(report: str | None, source: str, expected: str) -> None:
    assert title_verdict(report, source) == expected


SOURCE_QUOTE = "When a city refuses our detainers, it is protecting criminal aliens from removal"


def test_quote_one_word_changed_is_altered() -> None:
    altered = SOURCE_QUOTE.replace("criminal", "undocumented")
    assert quote_verdict(altered, SOURCE_QUOTE) == "quote_altered"


def test_quote_partial_and_verbatim_agree() -> None:
    assert quote_verdict("protecting criminal aliens from removal", SOURCE_QUOTE) == "agrees"
    assert quote_verdict(SOURCE_QUOTE, SOURCE_QUOTE) == "agrees"


def test_quote_back_translation_and_indirect_speech_agree() -> None:
    translated = "When the city refuses our detainers, it protects criminal foreigners from deportation"
    assert quote_verdict(translated, SOURCE_QUOTE) == "agrees"
    assert quote_verdict(SOURCE_QUOTE.replace("criminal", "all"), SOURCE_QUOTE, direct=False) == "agrees"


def test_quote_spelling_ellipsis_and_brackets_are_not_alterations() -> None:
    source = "The organisation will defend its labour policy in every court it has to"
    assert quote_verdict("The organization will defend its labor policy in every court it has to", source) == "agrees"
    assert quote_verdict("The organisation will defend its labour policy ... it has to", source) == "agrees"
    assert quote_verdict("[The union] will defend its labour policy in every court it has to", source) == "agrees"
    assert quote_verdict("The organisation will abandon its labour policy in every court it has to", source) == (
        "quote_altered"
    )


def test_percent_verdict() -> None:
    assert percent_verdict(64, 317, 498) == "agrees"
    assert percent_verdict(74, 317, 498) == "percent_wrong"


def _number(value: float, approx: str = "exact", unit: str | None = None) -> Fact:
    claim = Quantity(start=0, end=3, text=str(value), value=value, approx=approx, unit=unit)
    return Fact(article="r", claim=claim, family="number", value=value, unit=unit, approx=approx)


@pytest.mark.parametrize(
    ("relation", "report", "source", "expected"),
    [
        ("near", _number(500, "nearly"), _number(498), "rounded_hedged"),
        ("near", _number(500), _number(498), "rounded_unhedged"),
        ("same", _number(26), _number(26, "up_to"), "rounded_unhedged"),
        ("same", _number(26, "up_to"), _number(26, "up_to"), "agrees"),
        ("changed", _number(36), _number(63), "number_changed"),
        ("entity_swap", _number(33), _number(33), "entity_swap"),
        ("unit_swap", _number(42), _number(42), "unit_swap"),
    ],
)
def test_number_verdicts(relation: str, report: Fact, source: Fact, expected: str) -> None:
    slot = Slot(id="s", family="number", label="s", source=source)
    assert verdict(Match(report, relation, 0.0), slot) == expected


def _date(value: str, weekday: str | None) -> Fact:
    claim = DateClaim(start=0, end=5, text=value, value=value, weekday=weekday)
    return Fact(article="r", claim=claim, family="date")


def test_weekday_that_contradicts_the_date_is_date_changed() -> None:
    slot = Slot(id="d", family="date", label="d", source=_date("2017-09-27", "Wednesday"))
    assert verdict(Match(_date("2017-09-27", "Monday"), "same", 0.0), slot) == "date_changed"
    assert verdict(Match(_date("2017-09-27", "Wednesday"), "same", 0.0), slot) == "agrees"
    assert verdict(Match(_date("2017-09-26", None), "changed", 0.0), slot) == "date_changed"


def _analysis(text: str, kind: str = "news", outlet: str = "Daily", published: str = "2024-01-02") -> Analysis:
    return Analysis(article=Article(text=text, kind=kind, outlet=outlet, published=published))


def test_primary_is_the_press_release_then_the_earliest() -> None:
    news = _analysis("Some report.", outlet="Wire", published="2024-01-01")
    release = _analysis("Our statement.", kind="press_release", outlet="Agency", published="2024-01-03")
    chosen = choose_primary([news, release])
    assert chosen.ids == [release.article.id]
    assert chosen.rule == "own statement"
    later = _analysis("Another report.", outlet="Paper", published="2024-01-05")
    chosen = choose_primary([later, news])
    assert chosen.ids == [news.article.id]
    assert chosen.rule == "earliest, most specific"


def test_government_domain_is_an_own_statement() -> None:
    agency = Analysis(
        article=Article(text="Update.", outlet="County Office", domain="county.gov", published="2024-01-02")
    )
    news = _analysis("Report.", published="2024-01-01")
    assert choose_primary([news, agency]).ids == [agency.article.id]


def test_a_capitalised_title_for_another_role_is_changed_but_a_description_is_not() -> None:
    assert title_verdict("Fire Chief", "Incident Commander", formal=True) == "title_changed"
    assert title_verdict("Fire Chief", "Incident Commander") == "agrees"  # "a fire chief": a description
    assert title_verdict("Senior Official", "Executive Associate Director", formal=True) == "agrees"
    assert title_verdict("Fire Chief", "Fire Chief", formal=True) == "agrees"


def test_a_changed_relation_word_alters_a_quote() -> None:
    source = "She left the firm over lower pay, and that says a lot about her."
    assert quote_verdict("She left the firm for the lower pay, and that says a lot about her.", source) == (
        "quote_altered"
    )
    assert quote_verdict("She left the firm over lower pay, and that says a lot about her.", source) == "agrees"


def test_the_source_s_words_with_a_new_ending_alter_a_quote() -> None:
    source = "Drivers should stop using these chargers immediately"
    assert quote_verdict("Drivers should stop using these chargers if they notice sparks", source) == "quote_altered"
    assert quote_verdict("Drivers should stop using these chargers", source) == "agrees"  # a partial quote
    assert quote_verdict("stop using them right away, drivers are told", source) == "agrees"


def test_a_copy_that_lost_its_apostrophes_quotes_the_same_words() -> None:
    source = "'I cant speak for the first crash, but this one looks like a lack of experience"
    assert quote_verdict("I can't speak for the first crash, but this one looks like a lack of experience", source) == (
        "agrees"
    )


def test_a_number_in_words_or_digits_is_the_same_word() -> None:
    source = "By rolling back this 11th hour rule we keep seven species safe"
    assert quote_verdict("By rolling back this eleventh-hour rule we keep 7 species safe", source) == "agrees"
    assert quote_verdict("By rolling back this eleventh-hour rule we keep 17 species safe", source) == "quote_altered"


def test_a_name_and_its_initials_are_the_same_words() -> None:
    source = "We encourage all Internet Explorer customers to install this update as soon as possible"
    assert quote_verdict("We encourage all IE customers to install this update as soon as possible", source) == "agrees"


def test_small_words_of_a_clause_rewritten_alter_a_quote() -> None:
    source = "Everyone in the shop, and there were another ten people waiting outside, got away unhurt"
    rewritten = "Everyone in the shop, and a ten people waiting outside, got away unhurt"
    assert quote_verdict(rewritten, source) == "quote_altered"
    # One small word dropped is a slip of the copy, not an alteration.
    slip = "Everyone in the shop, and there another ten people waiting outside, got away unhurt"
    assert quote_verdict(slip, source) == "agrees"


def test_a_bare_weekday_read_the_other_way_in_time_is_the_source_s_day() -> None:
    slot = Slot(id="d", family="date", label="d", source=_date("2026-07-15", "Wednesday"))
    back = DateClaim(start=0, end=9, text="Wednesday", value="2026-07-08", weekday="Wednesday", relative=True)
    assert verdict(Match(Fact(article="r", claim=back, family="date"), "changed", 0.0), slot) == "agrees"
    later = DateClaim(start=0, end=9, text="Wednesday", value="2026-07-29", weekday="Wednesday", relative=True)
    assert verdict(Match(Fact(article="r", claim=later, family="date"), "changed", 0.0), slot) == "agrees"
    other = DateClaim(start=0, end=8, text="Thursday", value="2026-07-09", weekday="Thursday", relative=True)
    assert verdict(Match(Fact(article="r", claim=other, family="date"), "changed", 0.0), slot) == "date_changed"
    written = DateClaim(start=0, end=7, text="8 July", value="2026-07-08", weekday=None)
    assert verdict(Match(Fact(article="r", claim=written, family="date"), "changed", 0.0), slot) == "date_changed"


def test_a_role_described_in_lower_case_is_held_besides_an_office_of_another_domain() -> None:
    # News style capitalises a formal title before a name and lowercases an occupation or a
    # description: "former AMA trustee Dr. Benjamin" describes another role she holds.
    assert described_title("Former AMA trustee Dr. Regina Benjamin", "Trustee")
    assert not described_title("Surgeon General Regina Benjamin", "Surgeon General")
    assert title_verdict("Trustee", "Surgeon General", described=True) == "agrees"
    assert title_verdict("Fellow", "Surgeon General", described=True) == "agrees"
    # ... but a role of the same domain competes, and a capitalised title is a title.
    assert title_verdict("Physician", "Surgeon General", described=True) == "title_changed"
    assert title_verdict("Trustee", "Surgeon General") == "title_changed"
    assert title_verdict("Senator", "President", described=True) == "title_changed"


def test_roles_of_one_domain_by_the_lexicon() -> None:
    assert lexicon.same_domain_roles("senator", "president")
    assert lexicon.same_domain_roles("physician", "surgeon general")
    assert lexicon.same_domain_roles("trustee", "surgeon general") is False
    assert lexicon.same_domain_roles("qwertyuiop", "president") is None


def test_an_office_named_more_precisely_agrees() -> None:
    # An assistant district attorney is a prosecutor (the lexicon); the rank word names the post.
    assert title_verdict("Assistant District Attorney", "Prosecutor") == "agrees"
    # ... but a rank word on the same office is another rank.
    assert title_verdict("Chief Justice", "Justice") == "title_changed"
    assert title_verdict("Deputy Director", "Director") == "title_changed"
