"""How two figures relate when they share a number or a unit but perhaps not a fact: hand-written
sentences, each pair read by the analyser and compared by :func:`factdiff.align.number_relation`."""

from __future__ import annotations

from factdiff.align import Fact, facts_of, number_relation
from factdiff.analyse import analyse
from factdiff.model import Article


def _number(text: str, value: float) -> Fact:
    found = [f for f in facts_of(analyse(Article(id="x", text=text))) if f.family == "number" and f.value == value]
    assert found, (text, value)
    return found[0]


def _relation(report: str, source: str, value: float, other: float | None = None) -> str | None:
    found = number_relation(_number(report, value), _number(source, value if other is None else other))
    return found[0] if found else None


def test_counts_of_unrelated_kinds_in_unrelated_clauses_are_two_facts() -> None:
    # Two countries of origin and two trucks seized share a number, not a fact.
    source = "On Monday the rebels seized two cargo trucks and 14 drivers near the border, officials said."
    report = "The rebels came from Chad and Niger, two countries north of the lake."
    assert _relation(report, source, 2) is None


def test_counts_of_unrelated_kinds_in_one_predicate_are_a_unit_swap() -> None:
    source = "About 9,000 cars use the tunnel each day, the agency said."
    report = "About 9,000 commuters use the tunnel each day."
    assert _relation(report, source, 9000) == "unit_swap"


def test_distances_from_different_points_are_two_facts() -> None:
    source = "The tanker was 14 nautical miles from the frigate when the alarm was raised."
    report = "The sea lanes there run 12 nautical miles from shore."
    assert _relation(report, source, 12, 14) is None
    # The same point, another figure: one distance changed.
    nearer = "The tanker was 12 nautical miles from the frigate when the alarm was raised."
    assert _relation(nearer, source, 12, 14) == "changed"


def test_a_count_told_by_a_kind_of_the_other_s_noun_agrees() -> None:
    # A dinghy is a kind of boat: the same two boats, told more precisely.
    source = "Two boats carrying smugglers were stopped near the harbour on Sunday."
    report = "Two dinghies carrying smugglers were stopped near the harbour on Sunday."
    assert _relation(report, source, 2) == "same"


def test_a_sum_named_in_other_words_is_no_unit_swap() -> None:
    source = "Over $40 billion of the region's exports pass through the canal each year."
    report = "Nearly $40 billion worth of goods pass through the canal each year."
    assert _relation(report, source, 40e9) != "unit_swap"


def test_the_plural_of_a_people_s_language_word_counts_persons() -> None:
    from factdiff import lexicon

    assert lexicon.is_person_noun("Greeks")
    assert not lexicon.is_person_noun("Greek")  # first the language
    source = "Tens of thousands of people marched through the capital on Friday."
    report = "Tens of thousands of Greeks marched through the capital on Friday."
    assert _relation(report, source, 10000) != "unit_swap"


def test_a_running_total_given_as_the_event_s_count_is_a_unit_swap() -> None:
    from factdiff.compare import compare_analyses

    release = Article(
        id="release",
        kind="press_release",
        outlet="Coast Guard",
        published="2024-03-02",
        text=(
            "Patrol boat seizes drugs\n\nDuring the search, nine bales of cocaine were found on the trawler. "
            "The patrol boat has thus far seized 40 bales of cocaine in its eight patrols this year."
        ),
    )
    report = Article(
        id="report",
        outlet="Harbour Times",
        published="2024-03-02",
        text="Coast guard finds cocaine\n\nThe crew seized 40 bales of cocaine from the trawler, an officer said.",
    )
    faithful = Article(
        id="faithful",
        outlet="Bay Post",
        published="2024-03-02",
        text=(
            "Cocaine found\n\nNine bales of cocaine were found on the trawler. It has seized 40 bales so far this year."
        ),
    )
    dated = Article(
        id="dated",
        outlet="Coast Weekly",
        published="2024-03-02",
        text="Patrol record\n\nThe patrol boat has seized 40 bales of cocaine since January, its captain said.",
    )
    comparison = compare_analyses([analyse(a) for a in (release, report, faithful, dated)])
    found = {(d.article, d.type) for d in comparison.divergences}
    assert ("report", "unit_swap") in found
    assert not [d for d in comparison.divergences if d.article in ("faithful", "dated")]


def test_figures_are_compared_in_one_unit_before_a_change_is_read() -> None:
    source = "The larger of the two boats was a 30-foot dhow, the navy said."
    assert _relation("The larger of the two boats was a 10-metre dhow, the navy said.", source, 10, 30) == "changed"
    # 24 kilometres are no changed 30 feet, though 24 and 30 are close.
    assert _relation("The larger of the two boats was 24km away, the navy said.", source, 24, 30) is None


def test_a_number_written_twice_in_a_sentence_is_read_where_it_stands() -> None:
    from factdiff.align.relations import _beside

    text = "The crew found three rifles, two radios and three outboard motors on the deck."
    threes = [f for f in facts_of(analyse(Article(id="x", text=text))) if f.value == 3]
    assert len(threes) == 2
    assert "rifle" in _beside(threes[0]) and "rifle" not in _beside(threes[1])
    assert "motor" in _beside(threes[1])


def test_a_relative_clause_belongs_to_the_clause_it_describes() -> None:
    source = "Inspectors detained 310 workers from 27 provinces during the raid, the ministry said."
    report = "Across the region, inspectors detained 310 workers, who came from 27 factories."
    assert _relation(report, source, 27) == "unit_swap"


def test_an_adverb_before_a_noun_names_nothing_counted() -> None:
    from factdiff.align.facts import _adverb

    assert _adverb("heavily") and _adverb("reportedly")
    assert not _adverb("assembly") and not _adverb("family")


def test_a_person_s_home_after_the_age_is_where_the_age_belongs() -> None:
    text = "The driver, Dana Hollis, 41, of Lenton, was arrested on Friday."
    ages = [f for f in facts_of(analyse(Article(id="x", text=text))) if f.unit == "age"]
    assert ages and ages[0].places == ("Lenton",)


def test_a_home_most_independent_reports_give_is_the_reference_s() -> None:
    from factdiff.compare import compare_analyses

    texts = {
        "a": "Driver held\n\nThe driver, Dana Hollis, 41, was arrested after the crash, police said.",
        "b": "Crash arrest\n\nOfficers detained Dana Hollis, 41, of Lenton, at the scene of the collision.",
        "c": "Van hit\n\nA parked van was struck on Main Street. Dana Hollis, 41, of Lenton, faces charges.",
        "d": "Driver arrested\n\nThe driver, Dana Hollis, 41, of Marbury, was taken into custody late on Friday.",
    }
    articles = [Article(id=k, outlet=f"Paper {k}", published="2024-05-03", text=t) for k, t in texts.items()]
    comparison = compare_analyses([analyse(a) for a in articles])
    found = {(d.article, d.type) for d in comparison.all_divergences}
    assert ("d", "entity_swap") in found
    assert not {a for a, _ in found} & {"a", "b", "c"}


def test_a_statement_is_judged_against_any_statement_of_the_reference_value() -> None:
    from factdiff.align import Match
    from factdiff.reference import _against_class, _Member, judge_against

    plain = _number("There were also four outboard motors and a radio receiver.", 4)
    listed = _number("They also confiscated seven rifles, a grenade launcher, four outboard motors and phones.", 4)
    report = _number("The navy recovered seven rifles, rocket launchers, four speedboats, grenades and ammunition.", 4)
    winner = [_Member("b", Match(plain, "same", 100.0), "agrees"), _Member("c", Match(listed, "same", 100.0), "agrees")]
    assert judge_against(report, plain) is None  # too little in common with the first statement
    assert _against_class(report, winner) == "unit_swap"  # but one fact with the second


def test_a_figure_of_another_time_is_no_changed_figure_of_the_event() -> None:
    source = "The storm destroyed 40 homes in the valley on Tuesday, officials said."
    assert _relation("The storm destroyed 45 homes in the valley on Tuesday, officials said.", source, 45, 40) == (
        "changed"
    )
    # The clause sets the figure in another year: background, not this storm's toll changed.
    background = "Two years ago, a storm destroyed 45 homes in the valley, officials said."
    assert _relation(background, source, 45, 40) is None
    # A comparison with an earlier figure leaves the current one in the present.
    compared = "The storm destroyed 45 homes in the valley, up from 30 homes a year earlier, officials said."
    assert _relation(compared, source, 45, 40) == "changed"


def test_a_more_general_word_that_names_another_kind_is_a_unit_swap() -> None:
    # OEWN has an automatic rifle as a kind of machine gun, but a rifle is none: "machine guns"
    # is another kind of weapon only the modifier of "assault rifles" reaches.
    source = "Customs officers seized three assault rifles and a crate of grenades from the lorry."
    report = "Customs officers seized three machine guns and a crate of grenades from the lorry."
    assert _relation(report, source, 3) == "unit_swap"
    # A word above the head noun itself tells the same things loosely.
    loosely = "Customs officers seized three weapons and a crate of grenades from the lorry."
    assert _relation(loosely, source, 3) == "same"


def test_a_kind_of_a_loose_word_agrees() -> None:
    source = "Customs officers seized three automatic weapons and a crate of grenades from the lorry."
    report = "Customs officers seized three assault rifles and a crate of grenades from the lorry."
    assert _relation(report, source, 3) == "same"


def test_a_population_and_its_residents_are_one_count() -> None:
    # "a population of 90,000" counts the people of the town, as "residents" do.
    source = "Harlow, a market town on the estuary, has a population of 90,000."
    report = "The town, which has about 150,000 residents, lies on the estuary."
    assert _number(source, 90000).concept >= {"population", "person"}
    assert _relation(report, source, 150000, 90000) == "changed"
    home = "The quake struck near Harlow, home to 150,000 people, on Monday."
    assert _number(home, 150000).concept >= {"population", "person"}
    assert _relation(home, source, 150000, 90000) == "changed"
    # A noun that is no body of people names nothing the number counts.
    fee = _number("The club agreed a fee of 38,000 for the striker.", 38000)
    assert "fee" not in fee.concept


def test_a_distance_rounded_in_another_unit_is_near() -> None:
    # 35 miles is 56.3 km: "60km" rounds it in the report's own unit; "south west" is "southwest".
    source = "The epicentre was 35 miles southwest of the port, the survey said."
    report = "The quake struck 60km south west of the port."
    assert _relation(report, source, 60, 35) == "near"
    # 90 km is no rounding of 56.3 km.
    farther = "The quake struck 90km south-west of the port."
    assert _relation(farther, source, 90, 35) != "near"


def test_compass_directions_are_one_word_however_written() -> None:
    from factdiff.align.words import concept_tokens

    assert concept_tokens("south west") == concept_tokens("south-west") == concept_tokens("southwest")
    assert concept_tokens("north-eastern") == concept_tokens("northeastern")


def test_one_named_model_told_by_a_wider_kind_is_one_count() -> None:
    # "AK-47" is a model the lexicon does not know; guns are a wider kind than rifles.
    source = "Among the seized weapons were nine AK-47 assault rifles and two pistols, the army said."
    report = "Soldiers recovered 14 AK 47 guns and two pistols from the camp."
    assert _relation(report, source, 14, 9) == "changed"
    # Without the shared model, guns and rifles may be two counts.
    plain = "Soldiers recovered 14 guns and two pistols from the camp."
    assert _relation(plain, source, 14, 9) is None


def test_a_vague_or_unknown_word_makes_no_unit_swap() -> None:
    source = "The gunman held three former co-workers in the office until police arrived."
    # "a few hours" is three only by a guess: an equal figure by chance, not a swapped count.
    vague = "The gunman held his former co-workers in the office for a few hours until police arrived."
    assert _relation(vague, source, 3) != "unit_swap"
    # A word the lexicon cannot place ("grandkids") says nothing of another kind counted.
    family = "She leaves her husband and two grandkids, the family said."
    kin = "She leaves her husband and two grandchildren, the family said."
    assert _relation(family, kin, 2) != "unit_swap"
    # The pair above is kept apart by its people words too; the rule itself, on the words:
    from factdiff.align.relations import _known_words

    assert not _known_words(_number(family, 2), _number(kin, 2))
    assert _known_words(_number(kin, 2), _number(family, 2))


def test_a_guess_of_the_amount_is_no_changed_figure() -> None:
    source = "The fire crews reached the school nine minutes after the alarm, the chief said."
    report = "The fire crews reached the school a few minutes after the alarm."
    assert _relation(report, source, 3, 9) is None


def test_an_age_of_another_holder_is_not_the_source_s_only_age() -> None:
    from factdiff.align.relations import number_relation

    source = _number("Police said a 23-year-old was arrested at the scene on Sunday.", 23)
    mother = _number("The victim's 58-year-old mother said she had warned him.", 58)
    unnamed = _number("The 25-year-old was arrested at the scene on Sunday.", 25)
    assert number_relation(mother, source, sole=True) is None
    assert number_relation(unnamed, source, sole=True) is not None


def test_a_person_against_a_building_is_no_moved_place() -> None:
    from factdiff.align.relations import _same_kind_of_place

    assert not _same_kind_of_place(("Gov. Ellen Drake",), ("Harlow Chapel",))
    assert _same_kind_of_place(("Seattle",), ("Portland",))
    assert _same_kind_of_place(("Ward 6",), ("Ward 4",))


def test_a_range_that_holds_the_figure_is_no_changed_figure() -> None:
    source = "The party won 125 seats in the new parliament, officials said."
    report = "The party was expected to win 65 to 125 seats in the new parliament."
    report_fact = _number(report, 95)  # a range is carried by its middle
    from factdiff.align.relations import number_relation

    assert number_relation(report_fact, _number(source, 125)) is None
