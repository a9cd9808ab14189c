"""Quantities: what is a quantity, what it counts, where, and what it belongs to."""

from __future__ import annotations

import json
import re

import pytest

from factdiff.analyse.quantities import extract, find_quantities
from factdiff.analyse.text import split_sentences
from factdiff.analyse.units import unit_after
from factdiff.model import Article, Quantity
from tests.shared_data import SEED, STORIES, need


def _article(text: str) -> Article:
    title = text.split("\n", 1)[0]
    return Article(text=text, title=title, title_end=len(title), body_start=min(len(text), len(title) + 2))


def quantities(text: str, taken: list[tuple[int, int]] | None = None) -> list[Quantity]:
    article = _article(text)
    return find_quantities(article, split_sentences(text), taken or [])


def one(text: str, value: float) -> Quantity:
    found = [q for q in quantities(text) if q.number == value]
    assert len(found) == 1, (text, found)
    return found[0]


def _normalised(raw: str) -> str:
    """A story file as the reader leaves it: header lines gone, the doubled title once."""
    lines = raw.split("\n")
    kept = [line for line in lines if not re.match(r"(?:Source|Published):", line)]
    if len(kept) > 2 and kept[0] == kept[2]:
        kept = kept[2:]
    return "\n".join(kept)


# --- what is not a quantity ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The plant opened in 1987 and closed in 2017.",
        "The operation ended on Wednesday, Sept. 27, 2017.",
        "The river crested on 14 April after midnight.",
        "The update will be issued at 6 p.m. Monday, or at 10:30.",
        "Report damage to the county hotline at 555-0142.",
        "Residents can also call 211.",
        "— EAGLE WINGS (@NIVIsa4031) September 29, 2017",
        "A pickup was carried off County Road 14 and Route 9.",
        "The Pixel 9 Pro and H5N1 samples.",
        "Published: 2017-09-28",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_durations_are_left_to_the_date_extractor() -> None:
    text = "ICE arrested 500 illegal immigrants in 4 days during a four-day operation over 18 months and 26 weeks."
    assert [q.number for q in quantities(text)] == [500]
    durations = [f for f in extract(text) if f.duration]
    assert [(f.quantity.number, f.quantity.unit) for f in durations] == [
        (4, "day"),
        (4, "day"),
        (18, "month"),
        (26, "week"),
    ]


def test_taken_spans_are_never_emitted() -> None:
    text = "Officers arrested 498 people from 42 countries."
    start = text.index("42")
    assert [q.number for q in quantities(text, taken=[(start, start + 2)])] == [498]


# --- values, hedges, units -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "approx", "unit"),
    [
        ("The service arrested about 500 immigrants.", 500, "about", None),
        ("Damage is put at $86 million so far.", 86_000_000, "exact", "USD"),
        ("It took a $240 million charge.", 240_000_000, "exact", "USD"),
        ("The river crested at 31.4 feet on Sunday.", 31.4, "exact", "foot"),
        ("It peaked at 12.4 metres on Sunday.", 12.4, "exact", "metre"),
        ("That is 27 percent of the total.", 27, "exact", "percent"),
        ("That is 27% of the total.", 27, "exact", "percent"),
        ("That is 27 per cent of the total.", 27, "exact", "percent"),
        ("Eighteen of those arrested were gang members.", 18, "exact", None),
        ("Sixty-eight were fugitives.", 68, "exact", None),
        ("It cost 1.2 million euros.", 1_200_000, "exact", "EUR"),
        ("More than 1,100 homes were damaged.", 1100, "over", None),
        ("Nearly 500 arrests were made.", 500, "nearly", None),
        ("Workers get up to 26 severance payments.", 26, "up_to", None),
        ("It weighs 5 kg.", 5, "exact", "kilogram"),
    ],
)
def test_values_hedges_units(text: str, value: float, approx: str, unit: str | None) -> None:
    q = one(text, value)
    assert (q.approx, q.unit) == (approx, unit)


def test_hundreds_of_is_a_flagged_approximation() -> None:
    (q,) = quantities("Hundreds of homes were flooded.")
    assert (q.value, q.approx, q.unit_text, q.concept) == (100, "about", "hundreds of", "homes flooded")


def test_ranges() -> None:
    (q,) = quantities("Rents climbed between 3% and 7% over the winter.")
    assert (q.low, q.high, q.approx, q.unit) == (3, 7, "range", "percent")
    (q,) = quantities("Each site will take from 10 to 20 workers.")
    assert (q.low, q.high, q.value) == (10, 20, None)


def test_direction_of_a_change() -> None:
    assert one("Shares rose 5 percent on Monday.", 5).direction == "up"
    assert one("The index fell by 3 points.", 3).direction == "down"
    assert one("The company will cut 1,850 jobs.", 1850).direction is None


def test_a_number_inside_a_noun_phrase_after_a_verb_of_change_is_no_change() -> None:
    assert one("Hosmer added a 30 degree homer in the sixth.", 30).direction is None
    assert one("Exports rose a further 2% in May.", 2).direction == "up"


def test_more_verbs_of_change_give_a_direction() -> None:
    assert one("Shares spiked 12% on Monday.", 12).direction == "up"
    assert one("Output dived 4.5 percent in May.", 4.5).direction == "down"
    assert one("The firm slashed prices by 10%.", 10).direction == "down"
    assert one("The firm slashed 300 jobs.", 300).direction is None  # jobs cut, not a figure that fell


def test_progressive_and_other_verbs_of_change_give_a_direction() -> None:
    assert one("Shares were losing 3% by noon.", 3).direction == "down"
    assert one("The index was gaining 40 points.", 40).direction == "up"
    assert one("Output collapsed 12% in May.", 12).direction == "down"
    assert one("The firm is losing $5 million a year.", 5e6).direction is None  # an amount lost, not a fall


def test_a_level_reached_with_no_change_told_takes_the_direction() -> None:
    assert one("The reservoir level fell to 41 metres in August.", 41).direction == "down"
    assert one("Turnout climbed to 68 percent.", 68).direction == "up"
    assert one("The stock rose 4% to $12.50 on Friday.", 12.5).direction is None  # the change is told


# --- concepts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "concept"),
    [
        ("Officers arrested 498 people from 42 countries.", 498, "people"),
        ("Officers arrested 498 people from 42 countries.", 42, "countries"),
        ("ICE arrested 500 illegal immigrants in 4 days.", 500, "illegal immigrants"),
        ("Of the 498 people arrested, 317 had criminal convictions.", 317, "had criminal convictions"),
        ("Of the 498 people arrested, 317 had criminal convictions.", 498, "people arrested"),
        ("In all, 86 of those arrested had DUI convictions.", 86, "had dui convictions"),
        ("Eighteen of those arrested were gang members or affiliates.", 18, "gang members"),
        ("Teams counted 1,140 homes damaged, 312 of them destroyed.", 1140, "homes damaged"),
        ("Teams counted 1,140 homes damaged, 312 of them destroyed.", 312, "homes destroyed"),
    ],
)
def test_concepts(text: str, value: float, concept: str) -> None:
    assert one(text, value).concept == concept


def test_list_items_take_the_heading() -> None:
    text = "Title\n\nArrests by area:\n\nBaltimore: 28\nDenver: 63\nPortland, Oregon: 33\n"
    found = {q.number: q for q in quantities(text)}
    assert {n: (q.concept, q.places) for n, q in found.items()} == {
        28: ("arrests", ["Baltimore"]),
        63: ("arrests", ["Denver"]),
        33: ("arrests", ["Portland, Oregon"]),
    }


def test_list_in_a_sentence_inherits_the_noun() -> None:
    q = one("ICE reported 28 arrests in Baltimore and 14 in Washington, D.C.", 14)
    assert (q.concept, q.places) == ("arrests", ["Washington, D.C."])


# --- places -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "place"),
    [
        ("Officials counted 33 in Seattle.", 33, "Seattle"),
        ("The busiest was Philadelphia — 107 persons.", 107, "Philadelphia"),
        ("Philadelphia led the way with 107.", 107, "Philadelphia"),
        ("Denver: 63", 63, "Denver"),
        ("Then Portland (State Oregon) — 33 people.", 33, "Portland, Oregon"),
        ("The company will move 250 positions to Ashby.", 250, "Ashby"),
        ("Los Angeles, naturally, came in right behind with 101.", 101, "Los Angeles"),
        ("Denver (63) and Philadelphia (107 arrests).", 63, "Denver"),
    ],
)
def test_places(text: str, value: float, place: str) -> None:
    assert one(text, value).places == [place]


@pytest.mark.parametrize(
    ("text", "value", "place"),
    [
        ("In Harwick, where 31 homes flooded, crews worked overnight.", 31, "Harwick"),
        ("Bellmoor County ranked last, at 71.2 percent.", 71.2, "Bellmoor County"),
        ("Ostery Province had the highest rate, at 9.5 percent.", 9.5, "Ostery Province"),
        ("In Tallow, 12 schools stayed closed.", 12, "Tallow"),
        ("About 300 will be at the company's Fenwick campus.", 300, "Fenwick"),
        ("Ohio reported 410 new cases on Monday.", 410, "Ohio"),
    ],
)
def test_places_before_the_number(text: str, value: float, place: str) -> None:
    assert one(text, value).places == [place]


def test_a_subject_is_a_place_only_when_named_as_one() -> None:
    assert one("Marlow said 24 people were hurt.", 24).places == []
    assert one("Bellmoor County said Marlow owned 5 horses.", 5).places == []
    assert one("Harwick Bank reported 410 new accounts.", 410).places == []


def test_no_place_from_a_sentence_start_or_an_organisation() -> None:
    assert one("Nine shelters are housing 730 people.", 730).places == []
    assert one("The Pruitt County Office of Emergency Management counted 4,600 residents.", 4600).places == []


# --- relations ----------------------------------------------------------------------------------


def test_part_of_the_total_in_its_paragraph() -> None:
    text = (
        "Of the 498 people arrested, 317 had criminal convictions. In addition, 68 were immigration "
        "fugitives, and 104 were criminal aliens. Eighteen of those arrested were gang members."
    )
    found = {q.number: q.part_of for q in quantities(text)}
    assert found == {498: None, 317: 498, 68: 498, 104: 498, 18: 498}


def test_percent_part_and_base() -> None:
    text = "Of the 498 people arrested, 317 (74 percent) had criminal convictions."
    assert (one(text, 74).percent_part, one(text, 74).percent_of) == (317, 498)
    text = "Teams counted 1,140 homes damaged; 312 of them, or 27 percent, were destroyed."
    pct = one(text, 27)
    assert (pct.percent_part, pct.percent_of) == (312, 1140)


def test_spans_point_at_the_words() -> None:
    text = "The service arrested about 500 immigrants and spent $86 million in 27 percent of cases."
    for q in quantities(text):
        assert text[q.start : q.end] == q.text
    assert [q.text for q in quantities(text)] == ["500", "$86 million", "27 percent"]


# --- the seed and the stories ------------------------------------------------------------------------


def test_seed() -> None:
    text = _normalised(need(SEED).read_text(encoding="utf-8"))
    found = quantities(text)
    values = [q.number for q in found]
    assert values == [500, 498, 42, 500, 498, 317, 68, 104, 18]
    headline = found[0]
    assert (headline.approx, headline.concept) == ("about", "immigrants")
    post = found[3]
    assert post.concept == "illegal immigrants"
    assert all(q.concept for q in found), [(q.number, q.concept) for q in found]
    assert not any(v in (29, 2017, 4031) for v in values)


def _story_places() -> list[tuple[str, str, str, float]]:
    if not STORIES.exists():
        return []
    cases = []
    for answers in sorted(STORIES.glob("*/answers.json")):
        key = json.loads(answers.read_text(encoding="utf-8"))
        for article in key["articles"]:
            facts = list(article["facts"])
            for post in article.get("embedded_posts", []):
                facts.extend(post["facts"])
            for fact in facts:
                if "place" in fact and isinstance(fact.get("value"), int | float):
                    file = f"{answers.parent.name}/{article['file']}"
                    cases.append((file, fact["place"], fact["surface"], fact["value"]))
    return cases


@pytest.mark.parametrize(("file", "place", "surface", "value"), _story_places() or [("-", "-", "-", 0)])
def test_story_places(file: str, place: str, surface: str, value: float) -> None:
    if file == "-":
        pytest.skip("shared stories not present")
    text = _normalised((need(STORIES) / file).read_text(encoding="utf-8"))
    found = [q for q in quantities(text) if q.number == value and place in q.places]
    assert found, (surface, [(q.text, q.places) for q in quantities(text) if q.number == value])


def test_stories_emit_no_years_phones_or_roads() -> None:
    need(STORIES)
    for path in sorted(STORIES.glob("*/*.txt")):
        text = _normalised(path.read_text(encoding="utf-8"))
        for q in quantities(text):
            assert not (1900 <= q.number <= 2100 and q.unit is None and "," not in q.text), (path.name, q.text)
            assert not re.search(r"(?:Road|Route|Highway|call) $", text[max(0, q.start - 8) : q.start]), q.text
            assert "555" not in q.text and q.text != "211", (path.name, q.text)


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("It only cost 3 dollars 50 cents.", 3.5, "USD", "exact"),
        ("He is 5 feet 2 inches tall.", 5 + 2 / 12, "foot", "exact"),
        ("The council said Okafor, 58, now leads the review.", 58, "year of age", "exact"),
        ("The interim dividend rose to 17c a share.", 17, "cent per share", "exact"),
        ("It has 35m of its devices in homes.", 35_000_000, None, "exact"),
        ("The tower is 5.5m tall.", 5.5, "metre", "exact"),
        ("The swifts can glide more than 300 kilometers (186 miles).", 186, "mile", "over"),
        ("Profit improved to 361 million pounds this year.", 361_000_000, "GBP", "exact"),
    ],
)
def test_more_units(text: str, value: float, unit: str | None, approx: str) -> None:
    q = one(text, value)
    assert (q.unit, q.approx) == (unit, approx)


def test_ranges_with_units_and_scales() -> None:
    (q,) = quantities("Bids ranged from $300 to $2 million.")
    assert (q.low, q.high, q.unit) == (300, 2_000_000, "USD")
    (q,) = quantities("The port hopes to raise from $3 to $5 billion.")
    assert (q.low, q.high) == (3_000_000_000, 5_000_000_000)
    (q,) = quantities("Women aged 25 to 40 took part.")
    assert (q.low, q.high, q.unit) == (25, 40, "year of age")
    found = quantities("The shortfall widened by $2.1 billion to $17.8 billion.")
    assert [q.value for q in found] == [2_100_000_000, 17_800_000_000]


def test_a_negative_level_reached_takes_the_direction() -> None:
    assert one("Night temperatures can dip down to minus-40 degrees Celsius.", -40).direction == "down"
    assert one("The index fell to minus 12 points in May.", -12).direction == "down"


def test_an_average_and_over_than_hedge_the_number() -> None:
    assert one("The striker has averaged 1.8 goals a game.", 1.8).approx == "about"
    assert one("Drivers were averaging 72 miles per hour.", 72).approx == "about"
    assert one("It serves over than 300 clinics.", 300).approx == "over"


def test_a_number_hyphened_to_a_noun_counts_that_noun() -> None:
    text = "He shot 32% from three-point range and they own a two-car garage."
    found = {f.quantity.number: f for f in extract(text, split_sentences(text))}
    assert "point" in (found[3].noun, found[3].quantity.unit)  # a count of points, not of ranges
    assert found[2].noun == "car"
    assert one("It rose three point five percent.", 3.5).unit == "percent"


def test_a_fraction_of_a_counted_whole_counts_its_noun() -> None:
    text = "Nearly two-thirds of the combined 4.3M digital and physical sales came from CDs."
    fraction = next(f for f in extract(text, split_sentences(text)) if f.mention.kind == "fraction")
    assert fraction.noun == "digital physical sales"
    text = "A third of the 1,200 homes burned."
    assert next(f for f in extract(text, split_sentences(text)) if f.mention.kind == "fraction").noun == "homes"


def test_currency_forms_recognizers_text_calls_ambiguous_when_the_lexicon_says_money() -> None:
    assert one("Lagos fares rose by 20 kobo on Monday.", 20).unit == "kobo"
    assert one("The taxi cost 150 taka.", 150).unit == "BDT"
    assert one("Add 2 cups of flour.", 2).unit == "cup"  # a measure of volume, not a Cuban peso
    assert one("The dinar fell to 3 dinars.", 3).unit == "dinar"


def test_hyphened_unit_words_and_a_two_letter_currency_before_a_space() -> None:
    assert one("They bought a 5,000-square-foot house.", 5000).unit == "square foot"
    assert one("Trains reach 300 miles-per-hour there.", 300).unit == "mile per hour"
    assert one("A ticket costs Rs 500 now.", 500).unit == "INR"


def test_si_prefixed_symbols_outside_the_tables_are_named_by_pint() -> None:
    assert one("Germany used 40 TWh of it.", 40).unit == "terawatt hour"
    assert one("Pressure fell to 980 hPa.", 980).unit == "hectopascal"
    assert one("Doses reached 2.4 mSv there.", 2.4).unit == "millisievert"
    assert unit_after("by 2019 at 10:27 PM", 7) is None  # "at" is no technical atmosphere
    assert one("The plant sits in 3 MA towns.", 3).unit is None  # an upper-case pair may be a place


def _quantities(text: str) -> list[Quantity]:
    return [f.quantity for f in extract(text, split_sentences(text))]


def test_numbers_joined_before_a_unit_share_it() -> None:
    text = "Rates were 2.5, 3.1 and 4.0 percent, and the rooms 5 by 10 feet."
    assert [(q.number, q.unit) for q in _quantities(text)] == [
        (2.5, "percent"), (3.1, "percent"), (4.0, "percent"), (5, "foot"), (10, "foot"),
    ]  # fmt: skip
    assert one("Of the 300, 45 percent left.", 300).unit is None  # a comma alone joins no list
    assert [q.number for q in _quantities("It will cost $2 or $3 billion.")] == [2e9, 3e9]
    assert [q.number for q in _quantities("It employs 400 and plans 2 million more.")] == [400, 2e6]


def test_a_count_per_period_says_so() -> None:
    assert one("The lab runs 500 tests per day.", 500).qualifiers == ["per day"]
    assert one("They sold 2,000 new tickets a week.", 2000).qualifiers == ["per week"]
    assert one("There were 20 people a year ago.", 20).qualifiers == []
    assert one("Some 40 homes burned in a day.", 40).qualifiers == []
    assert one("He played 3 games for a week.", 3).qualifiers == []


def test_restatements_keep_the_direction() -> None:
    text = "The harbour index shed 42 points, or 1.3%, on Tuesday."
    assert one(text, 1.3).direction == "down"
    assert one("Cooper Mills was up 2.2 per cent to $17.", 17).direction is None


def test_one_as_a_pronoun_is_not_a_count() -> None:
    assert quantities("One of the victims was a driver from a one-story house.") == []


def test_numbers_in_urls_are_skipped() -> None:
    assert quantities("See https://example.org/shelters/2024/list-15 for 9 shelters.")[0].number == 9
    assert len(quantities("See https://example.org/shelters/2024/list-15 for 9 shelters.")) == 1


def test_percent_after_a_predicate_and_a_hedge() -> None:
    text = "Crews recorded 1,140 damaged homes. Of those, 312 were destroyed outright, or 27 percent of the total."
    pct = one(text, 27)
    assert (pct.percent_part, pct.percent_of) == (312, 1140)
    text = "In all, 317 of those arrested had a criminal conviction of some kind — roughly 64 percent."
    pct = one(text, 64)
    assert (pct.percent_part, pct.approx) == (317, "about")


def test_partitive_with_a_noun_finds_its_whole() -> None:
    text = "ICE arrested 498 people. Of them, 104 had been deported. The most common conviction was held by 86 of the people arrested."  # noqa: E501
    assert one(text, 86).part_of == 498


def test_the_after_a_comparative_is_no_hedge() -> None:
    assert one("The river crested far above the 18-foot flood stage.", 18).approx == "exact"


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("Half the condos have sold.", 0.5, None, "exact"),
        ("The lab etches sub-5 nanometer tracks.", 5, "nanometre", "under"),
        ("The ice core was kept at minus-80 degrees Fahrenheit.", -80, "fahrenheit", "exact"),
    ],
)
def test_half_sub_and_minus(text: str, value: float, unit: str | None, approx: str) -> None:
    q = one(text, value)
    assert (q.unit, q.approx) == (unit, approx)


def test_half_of_a_period_is_not_a_quantity() -> None:
    assert quantities("Sales rose in the first half of the year.") == []


@pytest.mark.parametrize(
    ("text", "value", "concept"),
    [
        ("Officials said 212 houses were destroyed.", 212, "houses destroyed"),
        ("Officials said 212 houses collapsed.", 212, "houses collapsed"),
        ("The survey found 1,408 pupils had a religious exemption.", 1408, "pupils religious exemption"),
        ("The survey found 1,408 pupils had a non-religious exemption.", 1408, "pupils non-religious exemption"),
        ("The 9 firms have seen profits fall.", 9, "firms"),
    ],
)
def test_the_predicate_tells_counts_of_one_noun_apart(text: str, value: float, concept: str) -> None:
    assert one(text, value).concept == concept


@pytest.mark.parametrize(
    "text",
    [
        "A 5.8 quake hit the coast.",
        "A 5.8 earthquake struck the coast.",
        "An M5.8 tremor shook the coast.",
        "The magnitude-5.8 quake shook the coast.",
        "A 5.8-magnitude temblor rattled the coast.",
        "It measured 5.8 on the Richter scale.",
        "Aftershocks followed the quake, the strongest measuring 5.8.",
    ],
)
def test_the_size_of_an_earthquake_is_a_magnitude(text: str) -> None:
    q = one(text, 5.8)
    assert (q.unit, q.concept) == ("magnitude", "earthquake")


def test_earthquakes_counted_and_road_names_are_no_magnitude() -> None:
    assert one("Two earthquakes hit the coast.", 2).unit is None
    assert [q.number for q in quantities("The M4 carried 4.5 million cars.")] == [4_500_000]
    assert one("The room measuring 4.5 by 3 was flooded.", 4.5).unit is None


@pytest.mark.parametrize(
    ("text", "value", "concept", "place"),
    [
        ("Harlow County ranked 9th of 11 counties.", 9, "counties", "Harlow County"),
        ("She finished third in the race.", 3, None, None),
        ("Ohio was 12th among the states.", 12, None, "Ohio"),
        ("The club slipped to 40th in the standings.", 40, None, None),
    ],
)
def test_a_place_in_a_ranking_is_a_rank(text: str, value: float, concept: str | None, place: str | None) -> None:
    q = next(q for q in quantities(text) if q.unit == "rank")
    assert (q.number, q.concept, q.places) == (value, concept, [place] if place else [])


@pytest.mark.parametrize(
    "text",
    [
        "It was held on the 12th of March.",
        "The abbey dates from the 12th century.",
        "The second suspect was held.",
        "It was the 5th time this year.",
        "The 12th of those was fine.",
    ],
)
def test_other_ordinals_are_no_quantities(text: str) -> None:
    assert quantities(text) == []


def test_a_number_after_a_possessive_is_a_count() -> None:
    q = one("Across Harlow's 14 counties, 90 percent were vaccinated.", 14)
    assert q.concept == "counties"


def test_a_gapped_clause_is_a_place_and_a_count() -> None:
    found = quantities("Harwick will lose 310 jobs and Tallow 140, with the other 50 abroad.")
    gapped = next(q for q in found if q.number == 140)
    assert (gapped.places, gapped.concept, gapped.direction) == (["Tallow"], "jobs", None)
    assert next(q for q in found if q.number == 310).direction is None  # jobs lost, not a figure that fell
    assert quantities("He played for Arsenal and Chelsea 11 times.") == []


@pytest.mark.parametrize(
    ("text", "value", "concept"),
    [
        ("Thieves took 460 Ford and Nissan vans.", 460, "ford nissan vans"),
        ("The atlas sold 1.4m boxed paper and audio editions.", 1_400_000, "boxed paper audio editions"),
        ("Half the flats have sold.", 0.5, "flats"),
        ("One fifth of the city fleet is electric.", 0.2, "city fleet"),
    ],
)
def test_coordinated_modifiers_and_the_whole_of_a_fraction(text: str, value: float, concept: str) -> None:
    assert one(text, value).concept == concept


def test_and_between_two_nouns_ends_the_first() -> None:
    assert one("He keeps 3 cats and dogs.", 3).concept == "cats"


def test_a_bare_number_takes_its_neighbours_unit() -> None:
    assert one("The index rose 12.5 points to 3,410.2.", 3410.2).unit == "point"
    assert one("A seat costs about 6 or $7.", 6).unit == "USD"
    assert one("The car went 80 miles and then 20 to the coast.", 20).unit is None
    assert one("Sales rose 5% to 84.", 84).unit is None
    # a unit of another clause is not the level's, unless it is index points
    assert one("The beam held 61.4 MPa, while the index climbed to 1,333.18.", 1333.18).unit is None
    assert one("It closed at 1,980.12 points on Monday, then lost 0.8% to end at 2,104.50.", 2104.5).unit == "point"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The utility paid $4.25 per mmBtu.", 4.25, "USD per mega british thermal unit"),
        ("Beef sold for $9 per kg.", 9, "USD per kilogram"),
        ("The line carries 400 kV.", 400, "kilovolt"),
        ("The gap withstood 30 kV/cm.", 30, "kilovolt per centimetre"),
        ("The weld held 7.5 ksi.", 7.5, "kilopound per square inch"),
        ("The panel failed at 52 MPa.", 52, "megapascal"),
        ("Tyres need 32 psi.", 32, "pound per square inch"),
    ],
)
def test_engineering_units_and_rates_by_their_names(text: str, value: float, unit: str) -> None:
    assert one(text, value).unit == unit


def test_of_and_a_bare_noun_says_what_kind() -> None:
    assert one("It sold 12 bottles of wine.", 12).concept == "bottles of wine"
    assert one("Two members of the board quit.", 2).concept == "members"


def test_from_to_ranges_money_codes_and_signs() -> None:
    (q,) = [q for q in quantities("Gold slid from $1,900 on Monday morning to $1,850.") if q.unit == "USD"]
    assert (q.low, q.high, q.approx) == (1900, 1850, "range")
    (q,) = quantities("Studios run from 320 sq ft up to 610 sq ft.")
    assert (q.low, q.high, q.unit) == (320, 610, "square foot")
    (q,) = quantities("The current density dropped from 2.4 A/cm2 to 0.6 A/cm2.")
    assert (q.low, q.high, q.unit) == (2.4, 0.6, "ampere per square centimetre")
    (q,) = quantities("The forecast sits between $US62 million and $US71 million.")
    assert (q.low, q.high, q.unit) == (62e6, 71e6, "USD")
    assert one("The grant was worth up to PS4.1m.", 4.1e6).unit == "GBP"
    assert one("The fund's position fell to $-3.2bn.", -3.2e9).unit == "USD"
    assert all(q.unit != "GBP" for q in quantities("Pupils of PS 5 won."))


def test_a_part_counts_what_its_whole_counts_and_takes_the_predicate() -> None:
    found = quantities("This year 512 of 9,340 pupils had a religious exemption.")
    assert [(q.number, q.concept) for q in found] == [(512, "pupils religious exemption"), (9340, "pupils")]


def test_a_restatement_between_a_count_and_its_predicate() -> None:
    text = "Inspections: 940 pupils, or 3.1 percent, had a religious exemption, and 75, or 0.2 percent, had one."
    found = quantities(text)
    assert found[0].concept == "pupils religious exemption"
    assert found[0].places == []  # "Inspections:" heads a list of a kind, not a place
    assert one(text, 75).concept is not None


def test_a_relative_clause_is_a_predicate_and_a_bare_count_keeps_its_own() -> None:
    found = quantities("Crews counted 52 houses that collapsed and 610 that were damaged.")
    assert [(q.number, q.concept) for q in found] == [(52, "houses collapsed"), (610, "houses damaged")]


def test_a_count_with_its_own_share_is_not_the_base_of_the_next() -> None:
    text = "Okoye received 48,212 votes, or 52.6 percent, to 41,905 votes, or 45.7 percent, for Vance."
    article = Article(text=text)
    shares = {q.value: q for q in find_quantities(article, [(0, len(text))], []) if q.unit == "percent"}
    assert shares[52.6].percent_part == 48212 and shares[52.6].percent_of is None
    assert shares[45.7].percent_part == 41905 and shares[45.7].percent_of is None


def test_places_with_accented_letters_are_read_whole() -> None:
    text = "The club will pay £38m up front to Almerón. Flooding forced 40 people from their homes in Zürich."
    article = Article(text=text)
    places = {q.text: q.places for q in find_quantities(article, split_sentences(text), [])}
    assert places["£38m"] == ["Almerón"]
    assert places["40"] == ["Zürich"]


def test_the_wire_yen_sign() -> None:
    assert one("Nintendo fell to Y=28,030 in Tokyo.", 28030).unit == "JPY"


def test_the_wire_yen_sign_needs_the_number_glued() -> None:
    assert [q.unit for q in quantities("The index XY=5 closed and Y= 12 opened.")] == [None, None]


def test_a_possessive_stays_with_the_noun_it_owns() -> None:
    found = extract("Two of Johnson’s deputies were fired. Three of the company's plants closed.")
    assert [f.noun for f in found] == ["Johnson’s deputies", "company's plants"]
    # a number after the possessive is a count of its own
    found = extract("Inspectors rated 23 of the bridge's 40 steel beams as deteriorated.")
    assert [f.noun for f in found] == ["bridge's", "steel beams"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Holders were offered $70-a-share.", 70, "USD per share"),
        ("It will pay a 12-cent-a-share dividend.", 12, "cent per share"),
        ("Egg prices averaged 64.2 cents a dozen.", 64.2, "cent per dozen"),
        ("Revenue has grown at about 15% per annum since 1990.", 15, "percent per year"),
        ("The airline buys some 2.4 billion gallons of jet fuel a year.", 2.4e9, "gallon per year"),
        ("The bid is 470 pence a share.", 470, "penny per share"),
        ("The shares closed at 118.5p on Friday.", 118.5, "penny"),
        ("Water boils at 100° Celsius.", 100, "celsius"),
        ("Maybank rose 18 sen to RM9.10 on Monday.", 18, "sen"),
        ("The stamp costs 45 cents.", 45, "cent"),
    ],
)
def test_rates_pence_and_degrees_named(text: str, value: float, unit: str) -> None:
    assert one(text, value).unit == unit


def test_a_measure_of_a_stuff_without_a_period_is_no_rate() -> None:
    assert one("The ship carried 5 tons of rice in a year.", 5).unit == "ton"


def test_an_amount_noun_before_a_four_digit_number_is_no_year() -> None:
    assert one("Car prices will go up by an average of 1500.", 1500).unit is None
    assert one("A total of 2000 votes were cast.", 2000).number == 2000
    assert quantities("In the spring of 2019 prices rose.") == []


def test_any_unit_of_the_table_after_per() -> None:
    assert one("Samples averaged 37.8 microgrammes per gramme.", 37.8).unit == "microgram per gram"
    assert one("The river carried 20 mg per litre.", 20).unit == "milligram per litre"
    assert one("Prices rose 5 per cent.", 5).unit == "percent"


def test_a_bare_f_or_c_among_electrical_words_is_a_farad_or_a_coulomb() -> None:
    found = quantities("The charge stored in the capacitor was 2.5 F and the voltage across it was 5 volts.")
    assert [(q.number, q.unit) for q in found] == [(2.5, "farad"), (5, "volt")]
    assert one("A charge of 3 C flowed through the circuit.", 3).unit == "coulomb"
    assert quantities("The battery maker filed its 13F report.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Tickets cost $100 AUD each.", 100, "AUD"),
        ("The euro was flat at $1.1396 EUR= on Friday.", 1.1396, "EUR"),
        ("A $5 USD fee applies.", 5, "USD"),
    ],
)
def test_a_code_after_a_dollar_amount_names_its_currency(text: str, value: float, unit: str) -> None:
    assert one(text, value).unit == unit


def test_a_number_with_its_code_does_not_take_the_next_ones_scale() -> None:
    found = quantities("It costs $25 CAD and $1.5 million CAD.")
    assert [(q.number, q.unit) for q in found] == [(25, "CAD"), (1_500_000, "CAD")]


def test_the_same_measure_at_another_time_shares_its_unit() -> None:
    found = quantities("Unemployment was 5.1 percent in May and 5.3 in June.")
    assert [(q.number, q.unit, q.unit_shared) for q in found] == [(5.1, "percent", False), (5.3, "percent", True)]
    found = quantities("The angle was 1.4 degrees in 2018 and 2.1 last year.")
    assert [(q.number, q.unit) for q in found] == [(1.4, "degree"), (2.1, "degree")]
    # money is not shared so: "$5 million in 2017 and 7 in 2018" leaves the scale unsaid
    assert [q.unit for q in quantities("Sales were $5 million in 2017 and 7 in 2018.")] == ["USD", None]
    assert [q.unit for q in quantities("He hit 30 home runs and 12 last year.")] == [None, None]


def test_a_coordinated_count_reaches_its_head_noun() -> None:
    found = extract("Tesla delivered 27000 Model S and Model X vehicles.")
    assert [f.noun for f in found] == ["Model S Model X vehicles"]


def test_a_thousands_group_after_a_comma_and_a_space() -> None:
    # text rebuilt from tokens: "200, 000"; a group led by a zero is never a number of its own
    assert one("The island is home to about 200, 000 residents.", 200_000).concept == "residents"
    assert [q.number for q in quantities("The scores were 3, 4 and 5.")] == [3, 4, 5]


@pytest.mark.parametrize(
    "text",
    [
        "Life expectancy for men in the city is around 73 raising the prospect of a late pension.",
        "That makes the coupe about 40k cheaper than its rivals.",
    ],
)
def test_a_verb_or_a_comparative_after_a_number_is_not_what_it_counts(text: str) -> None:
    found = [f for f in extract(text, split_sentences(text)) if f.quantity.number in (73, 40000)]
    assert len(found) == 1
    assert found[0].noun is None


def test_a_noun_before_than_is_still_counted() -> None:
    text = "The firm hired 40 workers than planned."
    found = [f for f in extract(text, split_sentences(text)) if f.quantity.number == 40]
    assert found[0].noun == "workers"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("He will be 35 by the end of the year.", 35, "year of age"),
        ("She turned 40 in May.", 40, "year of age"),
        ("I am 27.", 27, "year of age"),
        ("He was 35 points behind.", 35, "point"),
        ("It was 35 by noon.", 35, None),
        ("He scored 35 in the game.", 35, None),
    ],
)
def test_a_number_a_person_is_or_turns_is_an_age(text: str, value: float, unit: str | None) -> None:
    assert one(text, value).unit == unit


def test_a_magnitude_a_source_puts_at() -> None:
    # The magnitude a source gives: "puts the magnitude at", "revised the magnitude to".
    assert one("Quake\n\nThe USGS puts the magnitude at 6.1.", 6.1).unit == "magnitude"
    assert one("Quake\n\nSeismologists revised the magnitude to 6.0 on Monday.", 6.0).unit == "magnitude"
    assert one("Quake\n\nThe agency put the quake's magnitude at 5.9.", 5.9).unit == "magnitude"
