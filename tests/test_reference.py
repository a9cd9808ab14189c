"""The reference of each slot: official statement, consensus of independent reports, or disputed.

Reports are written here by hand; each test builds a small story and compares it end to end.
"""

from __future__ import annotations

from factdiff.analyse import analyse
from factdiff.compare import compare_analyses
from factdiff.model import DIVERGENCES, Article
from factdiff.reference import Reference, confidence

#: A closing sentence of each outlet's own, so that independent reports do not read as copies.
FILLERS = {
    "Harlow Herald": "Schools stayed open.",
    "Valley Times": "Power was back by nightfall in most streets.",
    "Ridge Gazette": "A shelter opened at the high school gym.",
    "Lake Courier": "Insurers sent adjusters the next morning.",
}


def _report(title: str, body: str, outlet: str, published: str, **meta: str) -> Article:
    text = f"{title}\n\n{body} {FILLERS.get(outlet, '')}"
    return Article(text=text, body_start=len(title) + 2, outlet=outlet, published=published, **meta)  # type: ignore[arg-type]


def _story(*bodies: tuple[str, str], **meta: str):
    articles = [
        _report(f"Storm damages homes in Harlow County ({i})", body, outlet, f"2024-03-0{i + 1}", **meta)
        for i, (outlet, body) in enumerate(bodies)
    ]
    return compare_analyses([analyse(a) for a in articles], threshold=0.0)


def _divergent(comparison) -> dict[str, list[str]]:
    outlets = {a.id: a.outlet for a in comparison.articles}
    found: dict[str, list[str]] = {}
    for d in comparison.all_divergences:
        found.setdefault(outlets[d.article], []).append(d.type)
    return found


def test_consensus_overrules_the_earliest_report() -> None:
    # The earliest report (the pivot) is the odd one out: three independent reports agree on 212.
    comparison = _story(
        ("Harlow Herald", "The storm destroyed 312 homes in Harlow County, the fire chief said."),
        ("Valley Times", "The storm destroyed 212 homes in Harlow County, the fire chief said."),
        ("Ridge Gazette", "In all, 212 homes were destroyed in Harlow County by the storm."),
        ("Lake Courier", "Crews counted 212 homes destroyed across Harlow County after the storm."),
    )
    assert comparison.reference_kind == "consensus"
    divergent = _divergent(comparison)
    assert divergent == {"Harlow Herald": ["number_changed"]}
    (slot,) = [s for s in comparison.slots if comparison.references[s.id].support >= 3]
    reference = comparison.references[slot.id]
    assert reference.kind == "consensus"
    assert reference.value is not None and reference.value.startswith("212")


def test_one_report_against_one_is_disputed_and_blames_nobody() -> None:
    comparison = _story(
        ("Harlow Herald", "The storm destroyed 312 homes in Harlow County, the fire chief said."),
        ("Valley Times", "The storm destroyed 212 homes in Harlow County, the fire chief said."),
    )
    assert not [d for d in comparison.all_divergences if d.type in DIVERGENCES]
    disputed = [r for r in comparison.references.values() if r.kind == "disputed"]
    assert disputed and {len(c["articles"]) for c in disputed[0].classes} == {1}
    verdicts = {cell.verdict for cells in comparison.cells.values() for cell in cells.values()}
    assert "disputed" in verdicts


def test_a_copy_counts_once_in_the_consensus() -> None:
    wire = "The storm destroyed 212 homes in Harlow County, the fire chief said on Sunday evening at a briefing."
    comparison = _story(
        ("Harlow Herald", "The storm destroyed 312 homes in Harlow County, the fire chief said."),
        ("Valley Times", wire),
        ("Ridge Gazette", wire),
    )
    # Two outlets printing one wire text are one voice: one against one, so disputed.
    assert comparison.copies
    assert not [d for d in comparison.all_divergences if d.type in DIVERGENCES]


def test_an_official_statement_stays_the_reference() -> None:
    statement = _report(
        "Harlow County Emergency Management: storm update",
        "The storm destroyed 312 homes in Harlow County, Emergency Management Director Ana Ruiz said.",
        "Harlow County Emergency Management",
        "2024-03-01",
        domain="harlowcounty.gov",
    )
    others = [
        _report(f"Storm damages homes ({i})", body, outlet, "2024-03-02")
        for i, (outlet, body) in enumerate(
            [
                ("Valley Times", "The storm destroyed 212 homes in Harlow County, officials said."),
                ("Ridge Gazette", "In all, 212 homes were destroyed in Harlow County by the storm."),
            ]
        )
    ]
    comparison = compare_analyses([analyse(a) for a in [statement, *others]], threshold=0.0)
    assert comparison.primary is not None and comparison.primary.official
    assert comparison.reference_kind == "primary"
    divergent = _divergent(comparison)
    assert set(divergent) == {"Valley Times", "Ridge Gazette"}
    assert all(d.reference == "primary" for d in comparison.all_divergences)


def test_the_json_names_each_slots_reference_and_each_divergence_confidence() -> None:
    comparison = _story(
        ("Harlow Herald", "The storm destroyed 312 homes in Harlow County, the fire chief said."),
        ("Valley Times", "The storm destroyed 212 homes in Harlow County, the fire chief said."),
        ("Ridge Gazette", "In all, 212 homes were destroyed in Harlow County by the storm."),
    )
    document = comparison.to_dict()
    assert document["reference"] == "consensus"
    assert all(slot["reference"]["kind"] in ("primary", "consensus", "disputed") for slot in document["slots"])
    for d in document["divergences"]:
        assert 0.0 <= d["confidence"] <= 1.0 and d["reference"] == "consensus"


def test_confidence_grows_with_the_consensus_and_is_zero_when_disputed() -> None:
    from factdiff.align import Fact, Match
    from factdiff.model import Quantity

    claim = Quantity(kind="quantity", start=0, end=3, text="212", value=212.0)
    match = Match(Fact(article="a", claim=claim, family="number", value=212.0), "changed", 45.0)
    weak = confidence(Reference("consensus", support=2, own={"a": 1}), match, "number_changed")
    strong = confidence(Reference("consensus", support=5, own={"a": 1}), match, "number_changed")
    assert 0.0 < weak < strong <= 1.0
    assert confidence(Reference("disputed"), match, "number_changed") == 0.0


def test_a_text_others_quote_is_found_as_the_official_statement() -> None:
    words = (
        "The warship immediately altered course towards the suspicious vessels and challenged them "
        "before the boarding party went across"
    )
    release = _report(
        "Naval ship stops pirate attack",
        f"{words}. The ship was escorting five merchant vessels through the corridor when it detected "
        "the boats at dawn. All crew members are safe and the vessels continued their passage.",
        "Coastal Patrol Review",
        "2024-03-03",
    )
    first = _report(
        "Navy foils pirates",
        f'"{words}," the navy said. Five merchant vessels were under escort.',
        "Valley Times",
        "2024-03-01",
    )
    second = _report(
        "Pirates stopped at sea",
        f'The navy said: "{words}." The merchant ships went on.',
        "Ridge Gazette",
        "2024-03-02",
    )
    comparison = compare_analyses([analyse(a) for a in [first, second, release]], threshold=0.0)
    assert comparison.primary is not None
    assert comparison.primary.official and comparison.primary.rule == "official statement"
    assert comparison.primary.ids == [release.id]


def test_a_report_that_credits_the_words_others_quote_is_not_the_statement() -> None:
    # The words are in a sentence that credits the speaker, their quotation marks lost in copying:
    # the report passes on what someone said; it is not that person's statement.
    words = "I cannot speak for the first crash, but this one looks like a lack of experience on the ice"
    relay = _report(
        "Climber dies on glacier",
        f"A climber died on the glacier on Sunday, the second death this month. {words}, police "
        "spokesman Dale Harker told the Ridge Gazette. Rescue teams recovered the body by helicopter "
        "and the track was closed to walkers for the rest of the week while rangers checked it.",
        "Lake Courier",
        "2024-03-03",
    )
    first = _report("Glacier death", f'"{words}," Harker said. The track is closed.', "Valley Times", "2024-03-01")
    second = _report(
        "Second death", f'Harker said: "{words}." Rangers are checking the track.', "Ridge Gazette", "2024-03-02"
    )
    comparison = compare_analyses([analyse(a) for a in [first, second, relay]], threshold=0.0)
    assert comparison.primary is not None
    assert not comparison.primary.official


def test_the_html_page_carries_references_and_confidences() -> None:
    from factdiff.report.compare_html import page_data

    comparison = _story(
        ("Harlow Herald", "The storm destroyed 312 homes in Harlow County, the fire chief said."),
        ("Valley Times", "The storm destroyed 212 homes in Harlow County, the fire chief said."),
        ("Ridge Gazette", "In all, 212 homes were destroyed in Harlow County by the storm."),
        ("Lake Courier", "Crews counted 212 homes destroyed across Harlow County after the storm."),
    )
    data = page_data(comparison)
    (slot,) = [s for s in data["slots"] if s["reference"] and s["reference"]["support"] >= 3]
    herald = next(a["id"] for a in data["articles"] if a["outlet"] == "Harlow Herald")
    cell = next(c for c in slot["cells"] if c["article"] == herald)
    assert cell["verdict"] == "number_changed" and 0 < cell["confidence"] <= 1
    # The evidence beside the cell is a report of the consensus value, not the pivot's own words.
    assert slot["source"]["article"] != herald


def test_a_quotation_joining_two_sentences_of_the_statement_is_checked_sentence_by_sentence() -> None:
    statement = _report(
        "Harlow County Emergency Management: storm update",
        "Crews reached the flooded valley road before dawn and opened two shelters at the school. "
        "The county will publish the damage survey on Friday. "
        "While two of the bridges held, the storm washed away the footbridge near the old mill.",
        "Harlow County Emergency Management",
        "2024-03-01",
        domain="harlowcounty.gov",
    )
    quoting = _report(
        "Footbridge lost in storm",
        '"Crews reached the flooded valley road before dawn and opened two shelters at the school. '
        'While two of the bridges held, the storm swept off the footbridge near the mill," the county said.',
        "Valley Times",
        "2024-03-02",
    )
    comparison = compare_analyses([analyse(a) for a in [statement, quoting]], threshold=0.0)
    assert comparison.primary is not None and comparison.primary.official
    statements = [s for s in comparison.slots if s.id.startswith("statement_")]
    # The whole quotation renders no one passage (the statement has a sentence between the two);
    # each of its sentences renders one: the first word for word, the second altered.
    verdicts = sorted(comparison.cells[s.id][quoting.id].verdict for s in statements)
    assert verdicts == ["agrees", "quote_altered"]


def test_a_figure_within_a_bound_agrees_and_one_far_beyond_it_does_not() -> None:
    # "More than 4,000" is consistent with 4,600 but not with 9,000: a writer with 9,000 homes does
    # not write "more than 4,000".
    comparison = _story(
        ("Harlow Herald", "The storm left 4,600 homes in Harlow County without power, the utility said."),
        ("Valley Times", "More than 4,000 homes in Harlow County lost power in the storm, the utility said."),
        ("Ridge Gazette", "Over 4,000 homes in Harlow County were left without power by the storm."),
        ("Lake Courier", "Some 9,000 homes in Harlow County were left without power by the storm."),
    )
    found = _divergent(comparison)
    assert "Harlow Herald" not in found
    assert found.get("Lake Courier") == ["number_changed"]


def test_a_title_two_independent_reports_give_is_a_post_held_too() -> None:
    comparison = _story(
        ("Harlow Herald", "Mayor Ellen Drake said the storm destroyed 212 homes in Harlow County."),
        ("Valley Times", "Mayor Ellen Drake toured the 212 homes destroyed in Harlow County by the storm."),
        ("Ridge Gazette", "Senate candidate Ellen Drake counted 212 homes destroyed in Harlow County."),
        ("Lake Courier", "After the storm, Senate candidate Ellen Drake said 212 homes in Harlow County were lost."),
        ("Bay Observer", "Crews and Mayor Ellen Drake surveyed Harlow County, where 212 homes were destroyed."),
    )
    found = _divergent(comparison)
    assert "title_changed" not in [t for types in found.values() for t in types]
