"""Pronoun speakers resolve to the person the article names (factdiff.analyse.speakers), on hand-written text."""

from __future__ import annotations

import pytest

from factdiff.analyse.people import find_people
from factdiff.analyse.quotes import match_quotes
from factdiff.analyse.text import split_sentences
from factdiff.model import Article


def _speakers(text: str) -> list[str | None]:
    article = Article(text=text)
    sentences = split_sentences(text)
    return [m.speaker for m in match_quotes(article, sentences, find_people(article, sentences)) if m.direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A surname alone names the person again, after someone else was named in full.
        (
            "Port director Tom Reed met Mayor John Ash on Monday.\n\nReed said the plan was late.\n\n"
            '"We need more time," he said.',
            ["Tom Reed"],
        ),
        # A name inside the quoted words is not who speaks.
        (
            'Port director Tom Reed spoke first.\n\n"Nobody listens to John Ash any more," he said. '
            '"We need more time," he added.',
            ["Tom Reed", "Tom Reed"],
        ),
        # The object of a preposition is not the subject a later "he" goes back to.
        (
            'Port director Tom Reed served under Governor John Ash for a decade.\n\n"It was hard," he said.',
            ["Tom Reed"],
        ),
        # A no-break space inside a name (web copy) still names the person.
        (
            "The reply came from harbour chief Tom\u00a0Reed on Monday.\n\n"
            'Tom\u00a0Reed spoke first.\n\n"We need more time," he said.',
            ["Tom Reed"],
        ),
        # A person named in full long before gives way to a surname that opens a recent clause.
        (
            "Governor John Ash opened the session. "
            + "The committee then read the long list of amendments, one by one, without a break. " * 8
            + '\n\nAt the hearing on Friday, Reedman rejected the plan.\n\n"We will not wait," he said then.',
            ["Reedman"],
        ),
        # An honorific and a surname name a person whom the article never names in full.
        (
            "Port director Tom Reed spoke first.\n\nMr. Okafor, however, disagreed with the plan.\n\n"
            '"We need more time," he said.',
            ["Mr. Okafor"],
        ),
        # The honorific gives the gender, and a surname may have a capital inside it.
        (
            "Port director Tom Reed spoke first.\n\nMs. McArdle then disagreed with the plan.\n\n"
            '"We need more time," she said.',
            ["Ms. McArdle"],
        ),
        # A surname alone opening a sentence with an apposition, after the text gave it with a given name.
        (
            "Mayor John Ash met the press on Monday.\n\nThe talks had been called by Martin Reed.\n\n"
            'Reed, a retired doctor, then took the floor.\n\n"We need more time," he said.',
            ["Martin Reed"],
        ),
        # A sentence that opens with a name and an apposition introduces its subject.
        (
            'Marta Quell, a Leeds-based builder and mother of two, disagreed.\n\n"The wall will hold," she said.',
            ["Marta Quell"],
        ),
        # A person named with no title at all, by a common given name, is someone a "he" can be.
        (
            'Tom Okafor and two engineers met the board on Monday.\n\n"We need more time," he said.',
            ["Tom Okafor"],
        ),
        # A surname that is also an English word names the person when the text never uses it as a word.
        (
            'Tom Baker and two engineers met the board on Monday.\n\n"We need more time," he said.',
            ["Tom Baker"],
        ),
        # So does a surname alone that opens a clause, when the text never uses it as a word.
        ('Baker took the floor after the vote.\n\n"We need more time," he said.', ["Baker"]),
        # A capitalised opening phrase before a comma ("For Ann Lee, the ...") names no one.
        (
            "Port director Tom Reed met the board.\n\nFor Paul Nadler, the vote was a surprise.\n\n"
            '"We need more time," he said.',
            ["Tom Reed"],
        ),
        # A "he" that spoke names its person again: the next "he" goes back to that speaker, not to a
        # man named between them as an object.
        (
            "Port director Tom Reed spoke to the board on Monday about the harbour and its long history, "
            "which goes back to the years when the town was a fishing village of a few hundred people.\n\n"
            "The board had asked for a full account of the delays, of the costs so far and of the work left "
            "to do, and for a date by which the new pier would be open to the ferries and the fishing boats "
            "that have used the old one for more than sixty years, through storms, floods and two fires.\n\n"
            "The plan was late, he said, because the money came from three places at once, and each of "
            "them wanted a say in how it was spent.\n\n"
            "The port hired a firm led by Jim Okafor to replace Paul Nadler as the builder of the new pier.\n\n"
            '"We need more time," he said.',
            ["Tom Reed"],
        ),
    ],
)
def test_pronoun_takes_the_named_person(text: str, expected: list[str]) -> None:
    assert _speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A description by a title word goes back to the person who holds that title.
        (
            'Foreign Minister Ana Ruiz met Port director Tom Reed on Monday.\n\n"We will not wait," the minister said.',
            ["Ana Ruiz"],
        ),
        # A description by age goes back to the last person named.
        ('Port director Tom Reed, 52, retired on Friday.\n\n"It was time," the 52-year-old said.', ["Tom Reed"]),
    ],
)
def test_description_takes_the_named_person(text: str, expected: list[str]) -> None:
    assert _speakers(text) == expected


def test_description_of_a_body_is_not_a_person() -> None:
    text = 'Port director Tom Reed left early.\n\n"No comment," the agency said.'
    assert _speakers(text) == ["agency"]


def test_it_and_they_take_the_body_that_spoke_last() -> None:
    text = (
        'The harbour agency said the wall was sound.\n\n"Repairs can wait," it said.\n\n'
        'The fishermen said the cracks in the wall were new.\n\n"They are wider every week," they said.'
    )
    assert _speakers(text) == ["harbour agency", "fishermen"]


def test_he_prefers_the_subject_to_an_object_named_later() -> None:
    text = (
        "Port director Tom Reed opened the hearing.\n\n"
        "Looking back on the storm, Reed said he admired Mayor John Ash for his calm.\n\n"
        '"We were lucky," he said.'
    )
    assert _speakers(text) == ["Tom Reed"]


def test_she_finds_a_surname_never_named_in_full() -> None:
    text = 'On Monday night, Okafor leaned in early and often.\n\n"Why will he not answer?" she said.'
    assert _speakers(text) == ["Okafor"]


@pytest.mark.parametrize("apposition", ["of Harwick", "45,"])
def test_an_apposition_of_origin_or_age_introduces_the_subject(apposition: str) -> None:
    text = (
        f"Port director Tom Reed opened the hearing.\n\nMarta Quell, {apposition} said she had lived by the "
        'quay for years.\n\n"The wall has always leaked," she said.'
    )
    assert _speakers(text)[-1] == "Marta Quell"


def test_a_cue_after_an_apposition_and_an_adverb_credits_the_clause_subject() -> None:
    text = 'As Ada Okafor, a harbour engineer, recently put it, "Did the port lower its fees by law, or not at all?"'
    assert _speakers(text) == ["Ada Okafor"]


def test_a_place_after_in_is_not_the_subject_that_speaks() -> None:
    text = (
        "In a panel discussion this weekend in Washington, Dana Brill, the head of the Tenants Union, "
        'told a student who asked about turnout that "this is not the first generation to be frustrated."'
    )
    assert _speakers(text) == ["Dana Brill"]
