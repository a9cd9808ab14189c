"""Dates, clock times and durations: hand-built cases, properties, and the stories' answer keys."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdiff.analyse.dates import WEEKDAYS, find_dates, parse_reference, weekday_index
from factdiff.analyse.text import split_sentences
from factdiff.model import Article, Claim, DateClaim, Duration
from tests.shared_data import STORIES, need


def claims(text: str, published: str | None = "2017-09-28") -> list[Claim]:
    return find_dates(Article(text=text, published=published), split_sentences(text))


def dates(text: str, published: str | None = "2017-09-28") -> list[DateClaim]:
    return [c for c in claims(text, published) if isinstance(c, DateClaim)]


def durations(text: str) -> list[Duration]:
    return [c for c in claims(text) if isinstance(c, Duration)]


def one_date(text: str, published: str | None = "2017-09-28") -> DateClaim:
    found = dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "granularity"),
    [
        (
            "The operation ended Wednesday, Sept. 27, 2017, officials said.",
            "Wednesday, Sept. 27, 2017",
            "2017-09-27",
            "day",
        ),
        ("It ended Sept. 27.", "Sept. 27", "2017-09-27", "day"),
        ("It ended on 27 September.", "27 September", "2017-09-27", "day"),
        ("Posted September 29, 2017", "September 29, 2017", "2017-09-29", "day"),
        ("Filed 2017-09-28 in court.", "2017-09-28", "2017-09-28", "day"),
        ("Updated 2017-09-28T10:05:00Z by the desk.", "2017-09-28T10:05:00Z", "2017-09-28", "day"),
        ("The company said on March 4, 2025 that it would close.", "March 4, 2025", "2025-03-04", "day"),
        ("First separations come in June 2025.", "June 2025", "2025-06", "month"),
        ("The plant opened in 1987.", "1987", "1987", "year"),
        ("It will close by September 2026.", "September 2026", "2026-09", "month"),
        ("Sessions begin March 18, 2025 at the plant.", "March 18, 2025", "2025-03-18", "day"),
        ("Prices have risen since the 1980s.", "1980s", "198", "decade"),
        ("It was the worst flood in mid-2018.", "2018", "2018", "year"),
        ("The Sept. 30 deadline passed.", "Sept. 30", "2017-09-30", "day"),
        ("He lost the 2016 election.", "2016", "2016", "year"),
        ("Trump's 2016 campaign spent more.", "2016", "2016", "year"),
    ],
)
def test_written_dates(text: str, surface: str, value: str, granularity: str) -> None:
    found = one_date(text)
    assert (found.text, found.value, found.granularity) == (surface, value, granularity)
    assert text[found.start : found.end] == surface


@pytest.mark.parametrize(
    ("text", "published", "value", "weekday"),
    [
        ("ICE said Thursday that 498 people were arrested.", "2017-09-28", "2017-09-28", "Thursday"),
        ("ICE announced Thursday that 498 people were arrested.", "2017-09-29", "2017-09-28", "Thursday"),
        ("The operation ended Wednesday.", "2017-09-28", "2017-09-27", "Wednesday"),
        ("The river peaked early Sunday.", "2024-04-15", "2024-04-14", "Sunday"),
        ("The order was issued Friday evening.", "2024-04-15", "2024-04-12", "Friday"),
        ("The board will meet Friday to vote.", "2017-09-28", "2017-09-29", "Friday"),
        ("The company said today it will close the plant.", "2025-03-04", "2025-03-04", None),
        ("Officials said yesterday the count was final.", "2017-09-28", "2017-09-27", None),
        ("The council met on Monday.", "2017-09-28", "2017-09-25", "Monday"),
        ("The vote is next Tuesday.", "2017-09-28", "2017-10-03", "Tuesday"),
        ("The vote was last Tuesday.", "2017-09-28", "2017-09-19", "Tuesday"),
    ],
)
def test_relative_days_resolve_against_the_publication_date(
    text: str, published: str, value: str, weekday: str | None
) -> None:
    found = one_date(text, published)
    assert (found.value, found.weekday, found.relative) == (value, weekday, True)


def test_a_wrong_weekday_is_kept_as_written_beside_the_calendar_date() -> None:
    found = one_date("The agency's operation ended Monday, Sept. 27.", "2017-10-02")
    assert (found.text, found.value, found.weekday) == ("Monday, Sept. 27", "2017-09-27", "Monday")
    assert weekday_index(found.weekday) != date(2017, 9, 27).weekday()


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The fire started Dec. 30.", "2018-01-02", "2017-12-30"),
        ("The hearing is set for Jan. 3.", "2017-12-28", "2018-01-03"),
        ("Layoffs will start in June.", "2025-03-05", "2025-06"),
        ("The report came out in November.", "2025-01-10", "2024-11"),
    ],
)
def test_a_missing_year_is_the_nearest_one(text: str, published: str, value: str) -> None:
    assert one_date(text, published).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It happened on September 10, nineteen zero one.", "1901-09-10"),
        ("It happened on the tenth of September, two thousand.", "2000-09-10"),
        ("It happened on Jan. 21, two thousand and eighteen.", "2018-01-21"),
        ("It happened on September the twenty-first nineteen seventy eight.", "1978-09-21"),
    ],
)
def test_spelled_out_years(text: str, value: str) -> None:
    assert one_date(text).value == value


def test_a_spelled_number_after_a_date_stays_a_count() -> None:
    found = one_date("On May 5 two thousand people marched.")
    assert (found.text, found.value) == ("May 5", "2017-05-05")


def test_nine_eleven_is_the_attacks() -> None:
    assert one_date("Security tightened after 9/11.", "2010-06-15").value == "2001-09-11"


def test_without_a_publication_date_relative_dates_have_no_value() -> None:
    assert one_date("It ended Wednesday.", None).value is None
    assert one_date("It ended Sept. 27.", None).value == "--09-27"
    assert one_date("It ended Sept. 27, 2017.", None).value == "2017-09-27"


def test_a_range_of_days_is_two_dates() -> None:
    found = dates("The operation ran Sept. 24-27, 2017 in six cities.")
    assert [(c.text, c.value) for c in found] == [("Sept. 24", "2017-09-24"), ("27, 2017", "2017-09-27")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It ran 24-27 September.", [("24", "2017-09-24"), ("27 September", "2017-09-27")]),
        ("Held 5–6 September 2019 in Spain.", [("5", "2019-09-05"), ("6 September 2019", "2019-09-06")]),
        ("It ran from March to August 2011.", [("March", "2011-03"), ("August 2011", "2011-08")]),
    ],
)
def test_ranges_written_with_one_month_or_year(text: str, found: list[tuple[str, str]]) -> None:
    assert [(c.text, c.value) for c in dates(text)] == found


def test_a_range_of_years_is_two_years() -> None:
    found = dates("The 2017-18 season was long.")
    assert [(c.text, c.value, c.granularity) for c in found] == [("2017", "2017", "year"), ("18", "2018", "year")]


def test_a_signature_date_is_a_date() -> None:
    text = "500 illegal immigrants off the streets!\n\n— Dale Example (@example) September 29, 2017"
    assert one_date(text).value == "2017-09-29"


def test_an_impossible_date_is_found_without_a_value() -> None:
    found = one_date("The filing is dated Feb. 30, 2017.")
    assert (found.text, found.value) == ("Feb. 30, 2017", None)


def test_story_relative_expressions_are_found_without_a_value() -> None:
    found = dates("Two days later, police made another arrest. The next day they left.")
    assert [(c.text, c.value) for c in found] == [("Two days later", None), ("The next day", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The company will cut 1,850 jobs.",
        "The storm damaged 2000 homes.",
        "Officials counted 2017 people in the shelters.",
        "Police arrested 498 people in 42 countries.",
        "The bill passed 7-2 and 6 1/4 percent of voters agreed.",
        "About 3/4 of the homes were damaged.",
        "He was the first person to arrive, the second prize went to her.",
        "She lives on the 27th floor.",
        "The 60 mph winds blew twice a day, at $15 an hour.",
        "A 47-year-old man was arrested.",
        "You may need more time.",
        "Bush failed to make it to the last week of the season.",
        "He led the 22, 000 crowd in song.",
        "The family made as much as $100 million a year.",
        "Police arrested a second suspect for a second time.",
        "Shots were fired in the 2000 block of Main Street.",
        "Officials thanked the 2000 volunteers.",
        "The hotline is staffed 24/7 and rates rose 7.30 points.",
        "He wore No. 12 Second baseman's gloves.",
    ],
)
def test_numbers_that_are_not_dates_or_durations(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "amount", "unit", "approx"),
    [
        ("ICE ended a four-day operation.", "four-day", "P4D", 4, "day", "exact"),
        ("The cuts are phased in over 18 months.", "18 months", "P18M", 18, "month", "exact"),
        ("Workers get up to 26 weeks of severance.", "up to 26 weeks", "P26W", 26, "week", "up_to"),
        ("Workers get as many as 26 weeks of pay.", "as many as 26 weeks", "P26W", 26, "week", "up_to"),
        ("500 illegal immigrants off the streets in 4 days", "4 days", "P4D", 4, "day", "exact"),
        ("The trial lasted two years.", "two years", "P2Y", 2, "year", "exact"),
        ("The plant ran for a decade.", "a decade", "P10Y", 10, "year", "exact"),
        ("The meeting ran an hour and a half.", "an hour and a half", "PT1.5H", 1.5, "hour", "exact"),
        ("It took nearly three weeks.", "nearly three weeks", "P3W", 3, "week", "nearly"),
        ("The 18-month plan was approved.", "18-month", "P18M", 18, "month", "exact"),
        ("He waited more than 45 minutes.", "more than 45 minutes", "PT45M", 45, "minute", "over"),
    ],
)
def test_durations(text: str, surface: str, value: str, amount: float, unit: str, approx: str) -> None:
    (found,) = durations(text)
    assert (found.text, found.value, found.amount, found.unit, found.approx) == (surface, value, amount, unit, approx)


def test_a_compound_duration_has_one_iso_value() -> None:
    (found,) = durations("He served 2 years and 3 months.")
    assert (found.text, found.value, found.amount, found.unit) == ("2 years and 3 months", "P2Y3M", 27, "month")


def test_a_compound_duration_is_one_amount_only_in_units_that_add_up() -> None:
    (found,) = durations("He was sentenced to eight years and four months in state prison.")
    assert (found.value, found.amount, found.unit) == ("P8Y4M", 100, "month")
    (found,) = durations("The trial lasted 2 weeks and 3 days.")
    assert (found.amount, found.unit) == (17, "day")
    (found,) = durations("It took 1 month and 3 days.")
    assert (found.value, found.amount, found.unit) == ("P1M3D", None, None)


def test_a_duration_range() -> None:
    (found,) = durations("Repairs take two to three weeks.")
    assert (found.text, found.approx, found.unit) == ("two to three weeks", "range", "week")


def test_an_ordinal_word_after_a_weekday_is_not_its_day() -> None:
    found = one_date("The team placed him on reserve Wednesday, the second time in as many days.")
    assert (found.text, found.value) == ("Wednesday", "2017-09-27")


def test_military_time_after_at_is_a_clock_time() -> None:
    found = one_date("Commandos boarded the dhow at 1230 hours.")
    assert (found.text, found.value, found.granularity) == ("1230 hours", "12:30", "time")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The navy in November said it had sunk the ship.", "2009-11"),
        ("The navy will patrol the gulf in November.", "2010-11"),
        ("The trial begins in January.", "2011-01"),
        ("The festival returned in July.", "2010-07"),
        ("Sales fell in May.", "2010-05"),
    ],
)
def test_a_month_alone_is_the_last_one_unless_the_sentence_speaks_of_the_future(text: str, value: str) -> None:
    assert one_date(text, "2010-07-15").value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Police were called at 7:35 am.", "7:35 am", "07:35"),
        ("The shelter opened at 6 p.m. on the day.", "6 p.m.", "18:00"),
        ("The river crested at 4 a.m. EDT.", "4 a.m. EDT", "04:00"),
        ("The count closed at 12:30.", "12:30", "12:30"),
        ("The vote was at 12 am.", "12 am", "00:00"),
        ("The match starts at 7.30pm.", "7.30pm", "19:30"),
        ("The shelter closes at noon.", "noon", "12:00"),
    ],
)
def test_clock_times(text: str, surface: str, value: str) -> None:
    found = one_date(text)
    assert (found.text, found.value, found.granularity) == (surface, value, "time")


def test_the_seed_style_paragraph() -> None:
    text = (
        "ICE arrested 498 people in a four-day operation that ended Wednesday, Sept. 27, 2017, the agency said "
        "Thursday. Officials said 1,850 jobs were not affected."
    )
    found = [(c.kind, c.text, getattr(c, "value", None)) for c in claims(text)]
    assert found == [
        ("duration", "four-day", "P4D"),
        ("date", "Wednesday, Sept. 27, 2017", "2017-09-27"),
        ("date", "Thursday", "2017-09-28"),
    ]


def test_parse_reference() -> None:
    assert parse_reference("2017-09-28T10:00:00Z") == date(2017, 9, 28)
    assert parse_reference("not a date") is None
    assert parse_reference(None) is None


# Properties ----------------------------------------------------------------------------------

_FORMATS = (
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%b}. {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.month}/{d.day}/{d.year}",
)


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    style=st.sampled_from(range(len(_FORMATS))),
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)
def test_any_written_date_reads_back(day: date, style: int, published: date) -> None:
    written = _FORMATS[style](day)
    text = f"The agency said the operation ended {written}, and 42 people were held."
    found = one_date(text, published.isoformat())
    assert found.value == day.isoformat()
    assert found.text == written


@settings(max_examples=200, deadline=None)
@given(
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    weekday=st.sampled_from(WEEKDAYS),
)
def test_a_bare_weekday_is_the_last_such_day_up_to_publication(published: date, weekday: str) -> None:
    found = one_date(f"The agency said {weekday} that the count was final.", published.isoformat())
    assert found.value is not None
    resolved = date.fromisoformat(found.value)
    assert resolved.strftime("%A") == weekday
    assert timedelta(0) <= published - resolved < timedelta(days=7)


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    gap=st.integers(min_value=-150, max_value=150),
)
def test_a_date_without_year_takes_the_year_nearest_publication(day: date, gap: int) -> None:
    if (day.month, day.day) == (2, 29):
        day = day - timedelta(days=1)
    published = day + timedelta(days=gap)
    found = one_date(f"It ended {day:%B} {day.day}.", published.isoformat())
    assert found.value == day.isoformat()


@settings(max_examples=150, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=999),
    unit=st.sampled_from([("day", "D"), ("week", "W"), ("month", "M"), ("year", "Y")]),
)
def test_any_number_of_units_is_an_iso_duration(amount: int, unit: tuple[str, str]) -> None:
    word, code = unit
    (found,) = durations(f"The program ran for {amount:,} {word}{'s' if amount != 1 else ''} in all.")
    assert (found.value, found.amount, found.unit) == (f"P{amount}{code}", amount, word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-/:aAdeiMnoSsTtuyJ")), max_size=80))
def test_any_text_gives_valid_non_overlapping_spans(text: str) -> None:
    found = claims(text)
    last_end = -1
    for claim in found:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert claim.start >= last_end
        last_end = claim.end


_SOUP = (
    "Monday Sept. 27 2017 in the of a an day days week hours at 7:35 p.m. last next this ago later up to as many "
    "2/29 13.5.2015 twenty first second on Feb 30 , . - – / ( ) half and years 1980s 's may March weds tues sun 0 "
    "99 12 31 32 1,850 $ % mid -era two thousand nineteen oh will 99999999999 business from now tomorrow fifth"
).split()


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(_SOUP), max_size=12),
    joiner=st.sampled_from([" ", "", "\n"]),
    published=st.one_of(st.none(), st.dates().map(date.isoformat)),
)
def test_date_words_in_any_order_and_any_publication_date(words: list[str], joiner: str, published: str | None) -> None:
    text = joiner.join(words)
    last_end = -1
    for claim in claims(text, published):
        assert text[claim.start : claim.end] == claim.text
        assert claim.start >= last_end
        last_end = claim.end


def test_far_offsets_have_no_value() -> None:
    assert one_date("It happened 99999999999 years ago.").value is None
    # a date that far after publication cannot be written down: the length of time stays
    assert [(c.kind, c.text) for c in claims("He will return in 5000 years.", "8000-01-01")] == [
        ("duration", "5000 years")
    ]


# The stories' answer keys ----------------------------------------------------------------------

_DURATION_UNITS = {"days": "D", "weeks": "W", "months": "M", "years": "Y"}


def _story_facts() -> list[tuple[str, dict]]:
    facts = []
    for key_path in sorted(STORIES.glob("*/answers.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        for entry in key["articles"]:
            found = list(entry["facts"]) + [f for post in entry.get("embedded_posts", []) for f in post["facts"]]
            facts += [(str(key_path.parent / entry["file"]), fact) for fact in found]
    return facts


def _wanted(fact: dict) -> tuple[str, str] | None:
    value, unit = fact.get("value"), fact.get("unit")
    if isinstance(value, str) and value[:1].isdigit():
        return "date", value
    if unit == "year" and isinstance(value, int):
        return "date", str(value)
    if unit in _DURATION_UNITS and isinstance(value, int | float):
        return "duration", f"P{value}{_DURATION_UNITS[unit]}"
    return None


def _story_article(path: str) -> Article:
    """The report as an Article: its text without the header lines, published on its header's date."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    published = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("Published:"))
    text = "\n".join(line for line in lines if not line.startswith(("Source:", "Published:")))
    return Article(text=text, published=published)


def test_every_date_and_duration_fact_of_the_stories_is_found() -> None:
    need(STORIES / "safe-city" / "answers.json")
    articles: dict[str, tuple[Article, list[Claim]]] = {}
    checked, missed = 0, []
    for path, fact in _story_facts():
        wanted = _wanted(fact)
        if wanted is None:
            continue
        if path not in articles:
            article = _story_article(path)
            articles[path] = (article, find_dates(article, split_sentences(article.text)))
        article, found = articles[path]
        at = article.text.find(fact["surface"])
        assert at >= 0, fact["surface"]
        end = at + len(fact["surface"])
        hits = [c for c in found if (c.kind, getattr(c, "value", None)) == wanted and c.start < end and at < c.end]
        checked += 1
        if not hits:
            missed.append((path, fact["surface"], wanted))
    assert checked >= 70
    assert missed == []


def test_a_part_of_a_count_is_not_a_day_of_the_month() -> None:
    text = "Inspectors said 3 of the 25 gates, or 12 percent, failed; one of the 12 jurors agreed."
    article = Article(text=text, published="2023-05-11")
    assert find_dates(article, [(0, len(text))]) == []


def test_a_report_without_a_publication_date_reads_weekdays_against_its_dateline() -> None:
    text = (
        "Navy foils attack\n\nLast updated on: March 8, 2019 19:04 IST\n\n"
        "A frigate foiled an attack on two tankers on Thursday, the navy said."
    )
    found = {d.text: d.value for d in dates(text, published=None)}
    assert found["Thursday"] == "2019-03-07"


def test_a_date_inside_the_body_is_no_dateline() -> None:
    text = (
        "Navy foils attack\n\nA frigate foiled an attack on two tankers on Thursday, weeks after the March 8, "
        "2019 review of escort duty that the navy ordered in the wake of earlier raids on the route."
    )
    found = {d.text: d.value for d in dates(text, published=None)}
    assert found["Thursday"] is None


def test_a_publication_date_wins_over_the_dateline() -> None:
    text = "Navy foils attack\n\nMarch 8, 2019\n\nA frigate foiled an attack on two tankers on Thursday."
    found = {d.text: d.value for d in dates(text, published="2019-03-16")}
    assert found["Thursday"] == "2019-03-14"
