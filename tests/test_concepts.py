"""What a quantity is said of (factdiff.analyse.concepts.said_of), on hand-written sentences."""

from __future__ import annotations

import pytest

from factdiff.analyse.concepts import _modifiers_as_adjectives, reading, said_of


def _said_of(sentence: str, number: str, measure: bool = False) -> str | None:
    start = sentence.index(number)
    return said_of(sentence, start, start + len(number), (0, len(sentence)), measure=measure)


@pytest.mark.parametrize(
    ("sentence", "number", "expected"),
    [
        ("The county budget increased by 4 percent last year.", "4 percent", "county budget"),
        ("The harbour authority said it handled 12,000 containers in May.", "12,000", "harbour authority"),
        ("Lakeside Mills, which employs 900 people, will close.", "900", "Lakeside Mills"),
        ("It will widen the main road by about 3 metres next spring.", "3 metres", "main road"),
        ("The ferry covered nine miles (14 km) before noon.", "14 km", "ferry"),
        ("They bought 30 tickets.", "30", None),
        ("The ferry, the oldest in the fleet, carried 240 passengers.", "240", "ferry"),
        ("The river flowed at a speed of 12 knots.", "12 knots", "speed"),
        # a predicate noun describes the copula's subject, which the number is said of
        ("Port Harwick is the home port for about 40 trawlers.", "40", "Port Harwick"),
        # one lower-case word between commas is an aside, not the subject
        (
            "The diesel-powered 2019 Volvo XC90, meanwhile, is oddly slow, adding 3 seconds to that time.",
            "3 seconds",
            "Volvo XC90",
        ),
        # a bracketed restatement is said of what the figure before the bracket is said of
        ("The fund had a net worth of 1.3 billion ($1.7bn) last year, the list showed.", "$1.7bn", "net worth"),
        # a head that only says how much ("a total of") is not what the number is said of
        ("Those riders paid a total of $4,000 last year.", "$4,000", "riders"),
        ("With a total of five seats free, the bus left.", "five", None),
        # a "from" phrase after the number names the whole it is taken from, not after a verb of change
        ("The guard shot 48% from the field this season.", "48%", "field"),
        ("The index rose 3% from the previous close.", "3%", "index"),
        ("The guard shot 38% from three-point range.", "38%", "three-point range"),
        # the object of a preposition before "to" is not what changes; the verb's own subject is
        ("The dollar was mixed, easing against the yen to 151.2 on Monday.", "151.2", "dollar"),
        # a gerund that opens its clause and has a finite verb after it is the subject
        ("In Leeds, testing between 2019 and 2021 came back at 4 ppb.", "4 ppb", "testing"),
        # an "of" phrase right after a count is what it counts; after the count's noun, what they belong to
        ("Two of the crew were hurt.", "Two", None),
        ("Five new seasons of the show will air.", "Five", "show"),
        ("Most of the 3.1M digital and physical sales of the film came late.", "3.1M", "film"),
        # "those" and a participle name people
        ("A third of those polled were over 35 years old.", "35 years", "polled"),
        # what a verb changes "by" the number is its object, before its subject
        ("The bakery expects to raise prices by 5 percent in May.", "5 percent", "prices"),
        ("She has worked for 20 years, like others earning $900 a week.", "$900", "others"),
        ("Last week the depot shipped 800 crates.", "800", "depot"),
        ("Ada Okafor 58 has run the depot for 30 years.", "30 years", "Ada Okafor"),
        # a unit is not what another number is said of; a hyphened number belongs to its name
        ("The beam load stayed under 9 tonnes (19,800 lb).", "19,800 lb", "beam load"),
        ("The XR-7 gained 2.5% on Friday.", "2.5%", "XR-7"),
        # a bracketed code after a name, before a relative pronoun or a verb
        ("Brightwater (BWT) which employs 700 people in Leeds, said so.", "700", "Brightwater"),
        ("Brightwater (BWT) employs 700 people in Leeds.", "700", "Brightwater"),
        ("The regional XR-40 gauge lost 0.5% on Monday.", "0.5%", "regional XR-40 gauge"),
        ("Retail, long the slowest growing sector, slipped 0.5% on Friday.", "0.5%", "Retail"),
        # a modifier whose object is a year or a pronoun is stepped over to the subject
        (
            "The harbour's traffic in 2019 grew by 2 percent after the new quay opened.",
            "2 percent",
            "harbour's traffic",
        ),
        # a verb left out after a first number ("gapping"): the phrase before the second number
        ("Gold rose 2% on Monday and silver 3%.", "3%", "silver"),
        ("Wheat is seen rising by 4% and barley and oats by 6%.", "6%", "barley and oats"),
        # a word the tagger leaves unclassed that the lexicon knows as a noun
        ("The yen also saw more gains to trade at 151.2 against the euro.", "151.2", "yen"),
        # the dependency tree: a subject that no noun phrase right before the verb names
        ("Exports in the first half of the year rose 4%.", "4%", "Exports"),
        ("Rainfall over the past two weeks reached 80 mm.", "80 mm", "Rainfall"),
        ("Profit for the three months to June fell 12%.", "12%", "Profit"),
        # the dependency tree: a prepositional phrase that belongs to the noun before it
        ("Investors backed new capacity above 40 gigawatts.", "40 gigawatts", "new capacity"),
        ("The council approved plans for over 300 homes.", "300", "plans"),
    ],
)
def test_said_of(sentence: str, number: str, expected: str | None) -> None:
    assert _said_of(sentence, number) == expected


@pytest.mark.parametrize(
    ("sentence", "number", "expected"),
    [
        ("She spent 40 percent of her savings on the roof.", "40 percent", "savings"),
        ("The crews laid 6 miles (10 km) of new cable.", "6 miles", "new cable"),
        ("The crews laid 6 miles (10 km) of new cable.", "10 km", "new cable"),
        ("The guard made 48% of his shots from the field.", "48%", "shots"),
        # a participle after a named subject's object is the subject's: Ramos averages, the game does not
        ("Ramos entered Friday's game averaging 12.4 points.", "12.4 points", "Ramos"),
        ("The program helps people earning $900 a week.", "$900", "people"),
        # a "for" phrase right after a figure says whom or what it is for, a coordination whole
        ("Jobs grew 2.2 per cent for women and 1.1 per cent for men.", "1.1 per cent", "men"),
        ("Those riders paid a total of $4,000 for tickets.", "$4,000", "tickets"),
        ("Screens are 6.1 inches for the mini, base and Plus models.", "6.1 inches", "mini, base and Plus models"),
        # a difference or a multiple is said of what it is measured against
        ("The gust reached 10mph less than the top wind speeds on the ridge.", "10mph", "top wind speeds"),
        ("Sales rose to 900 units, more than four times the number from the year before.", "four times", "number"),
        ("The founders are sitting on $2 billion in gains after the sale.", "$2 billion", "gains"),
        ("The fund gave the startup $50,000 in exchange for a stake.", "$50,000", "fund"),
    ],
)
def test_measure_said_of(sentence: str, number: str, expected: str | None) -> None:
    """Quantities with a unit, passed as the analysis passes them (``measure=True``)."""
    assert _said_of(sentence, number, measure=True) == expected


def test_a_measure_is_said_of_the_noun_it_modifies() -> None:
    assert _said_of("Engineers fitted a 40 mm steel cable to the mast.", "40 mm", measure=True) == "steel cable"


def test_a_measure_before_a_noun_is_said_of_that_noun() -> None:
    """The tagger leaves a symbol ("%") or a participle ("melting") out of a noun phrase; a measure
    that stands in front of nouns still modifies them."""
    sentence = "Analysts see a 12% drop in the region's exports."
    assert _said_of(sentence, "12%", measure=True) == "drop"
    assert _said_of("40 C boiling point.", "40 C", measure=True) == "boiling point"
    assert _said_of("Exports fell 12% last year.", "12%", measure=True) == "Exports"  # after a verb: no
    assert _said_of("The kiln reached 1,200 C last week.", "1,200 C", measure=True) == "kiln"  # a time: no


def test_a_measure_with_nothing_named_closer_is_said_of_the_first_noun_phrase() -> None:
    sentence = "The new kiln is small, but it can reach 1,200 C."
    assert _said_of(sentence, "1,200 C", measure=True) == "new kiln"
    assert _said_of("It weighs about 4 kg.", "4 kg", measure=True) is None  # nothing named at all
    assert _said_of("At 4 kg, it is light for its class.", "4 kg", measure=True) is None  # only after it
    assert _said_of("They bought 30 tickets.", "30") is None  # a count is of what it counts


def test_words_joined_by_hyphens_stay_one_word_of_the_phrase() -> None:
    sentence = "Lenders now offer 90 per cent loan-to-value mortgages."
    assert _said_of(sentence, "90 per cent", measure=True) == "loan-to-value mortgages"
    assert _said_of("The XR-7 gained 2.5% on Friday.", "2.5%") == "XR-7"  # a number stays apart


def test_an_adverb_between_a_determiner_and_a_noun_modifies_the_noun() -> None:
    tokens = [(0, 1, "a", "DET"), (2, 12, "disorderly", "ADV"), (13, 17, "exit", "NOUN")]
    assert [t[3] for t in _modifiers_as_adjectives(tokens)] == ["DET", "ADJ", "NOUN"]


def test_a_verb_the_lexicon_knows_only_as_a_noun_before_another_verb_is_a_noun() -> None:
    tokens = [(0, 3, "the", "DET"), (4, 9, "trade", "NOUN"), (10, 17, "deficit", "VERB"), (18, 21, "hit", "VERB")]
    assert [t[3] for t in _modifiers_as_adjectives(tokens)] == ["DET", "NOUN", "NOUN", "VERB"]


def test_check_reports_what_each_quantity_is_said_of() -> None:
    from factdiff.analyse import analyse
    from factdiff.model import Article, Quantity

    text = "Savings\n\nShe put 40 percent of her savings into the fund last year."
    analysis = analyse(Article(text=text, body_start=9))
    (share,) = [c for c in analysis.claims if isinstance(c, Quantity) and c.unit == "percent"]
    assert share.said_of == "savings"
    assert share.to_dict()["said_of"] == "savings"


def test_a_run_on_sentence_is_read_without_the_tree() -> None:
    """A "sentence" longer than the parser takes (a list, a run-on) is read by the tag rules alone."""
    from factdiff.analyse.heads import MAX_TOKENS

    filler = " and then the crews went on" * (MAX_TOKENS // 6)
    sentence = f"Revenue in the first half of the year rose 4%{filler}."
    assert _said_of(sentence, "4%", measure=True) == "Revenue"


@pytest.mark.parametrize(
    ("sentence", "number", "measure", "expected"),
    [
        ("The river flowed at a speed of 12 knots.", "12 knots", True, ("speed", "named_before")),
        ("Two of the crew were hurt.", "Two", False, (None, "partitive")),
        ("It handled 40 percent of her savings.", "40 percent", True, ("savings", "of_complement")),
        ("The new line will carry 9,000 riders a day.", "9,000", False, ("new line", "subject")),
        (
            "The harbour authority said it handled 12,000 containers.",
            "12,000",
            False,
            ("harbour authority", "earlier_subject"),
        ),
    ],
)
def test_reading_names_the_step_that_answered(sentence: str, number: str, measure: bool, expected: tuple) -> None:
    """``reading`` gives said_of's answer with the step of the module doc that produced it (the
    benchmark's learned chooser describes candidates by it)."""
    start = sentence.index(number)
    found = reading(sentence, start, start + len(number), (0, len(sentence)), measure=measure)
    assert found == expected
    assert found[0] == said_of(sentence, start, start + len(number), (0, len(sentence)), measure=measure)
