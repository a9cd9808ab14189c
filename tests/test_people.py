"""People with titles and organisations, and same-person name matching."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdiff.analyse.names import (
    canonical_name,
    gender_of,
    given_name_key,
    given_names,
    name_parts,
    same_person,
    surname,
)
from factdiff.analyse.people import find_people, lower_same_length, normalise_title, person_name, word_alternation
from factdiff.analyse.text import split_sentences
from factdiff.model import Article, Person
from tests.shared_data import STORIES, need


def people(text: str) -> list[Person]:
    article = Article(text=text)
    return find_people(article, split_sentences(text))


def one(text: str, name: str) -> Person:
    found = [p for p in people(text) if p.name == name]
    assert found, (name, [(p.name, p.title, p.org) for p in people(text)])
    return found[0]


# --- titles before the name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        ("Agents made 12 arrests, said FWS Acting Director Dana Whitlock.", "Dana Whitlock", "Acting Director", "FWS"),
        (
            "Ostrava County Emergency Management Coordinator Jiri Novak spoke.",
            "Jiri Novak",
            "Emergency Management Coordinator",
            "Ostrava County",
        ),
        ("CEO Priya Ramanathan announced the sale.", "Priya Ramanathan", "Chief Executive Officer", None),
        ("Chief Executive Priya Ramanathan announced the sale.", "Priya Ramanathan", "Chief Executive", None),
        (
            "Tallow President and CEO Priya Ramanathan said so.",
            "Priya Ramanathan",
            "President and Chief Executive Officer",
            "Tallow",
        ),
        ("Labor Commissioner Ruth Okafor opened the hearing.", "Ruth Okafor", "Commissioner", "Labor"),
        (
            "The executive associate director Omar Haddad spoke to reporters.",
            "Omar Haddad",
            "Executive Associate Director",
            None,
        ),
    ],
)
def test_title_before_name(text: str, name: str, title: str, org: str | None) -> None:
    person = one(text, name)
    assert person.title == title
    assert person.org == org
    assert text[person.start : person.end] == person.text
    assert person.text.endswith(name)


def test_head_of_org_keeps_its_wording() -> None:
    person = one("The plan failed, said the head of FWS Dana Whitlock.", "Dana Whitlock")
    assert person.title == "head of FWS"
    assert person.org == "FWS"


# --- appositions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        (
            "Omar Haddad, an FWS executive associate director, told reporters.",
            "Omar Haddad",
            "Executive Associate Director",
            "FWS",
        ),
        (
            "Priya Ramanathan, President and Chief Executive Officer of Tallow Works, said so.",
            "Priya Ramanathan",
            "President and Chief Executive Officer",
            "Tallow Works",
        ),
        (
            "Jiri Novak, the county's emergency management coordinator, said.",
            "Jiri Novak",
            "Emergency Management Coordinator",
            "county",
        ),
        (
            "Priya Ramanathan, Tallow's president and chief executive officer, said.",
            "Priya Ramanathan",
            "President and Chief Executive Officer",
            "Tallow",
        ),
    ],
)
def test_apposition(text: str, name: str, title: str, org: str | None) -> None:
    person = one(text, name)
    assert person.title == title
    assert person.org == org


def test_apposition_gives_the_real_title() -> None:
    text = "The plan failed, declared head of FWS Daniel Whitlock, who occupies the post of acting director."
    found = people(text)
    assert len(found) == 1
    assert found[0].name == "Daniel Whitlock"
    assert found[0].title == "Acting Director"
    assert found[0].org == "FWS"


# --- titles beyond a word list ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        # role nouns known only by their ending, with the modifiers before them
        ("State Climatologist Dr. Rui Tavares said rainfall was low.", "Rui Tavares", "State Climatologist", None),
        ("The talks failed, said Regional Superintendent Ana Pires.", "Ana Pires", "Regional Superintendent", None),
        ("Chief Medical Examiner Lena Varga gave the cause.", "Lena Varga", "Chief Medical Examiner", None),
        ("Environmental Scientist Bo Lindqvist took samples.", "Bo Lindqvist", "Environmental Scientist", None),
        ("County Coroner Dale Finch named the victims.", "Dale Finch", "Coroner", "County"),  # after an organisation
        ("Head Coach Tim Vogt praised the defence.", "Tim Vogt", "Head Coach", None),
        # public services name a post, portfolios and places an organisation
        ("Incident Commander Rui Alves said the line held.", "Rui Alves", "Incident Commander", None),
        ("Tarn Police Lieutenant Rui Alves said so.", "Rui Alves", "Police Lieutenant", "Tarn"),
        ("Parole Officer Ana Lutz testified.", "Ana Lutz", "Parole Officer", None),
        # a title in lower case after an article or a possessive
        ("It rose, the state epidemiologist Rui Tavares said.", "Rui Tavares", "State Epidemiologist", None),
        ("Tarnby's sporting director, Olle Berg, said so.", "Olle Berg", "Sporting Director", "Tarnby"),
        # a given name with a role ending is the name, not the head ("Christopher")
        (
            "It closed, said communications head Christopher Paulsen.",
            "Christopher Paulsen",
            "Communications Head",
            None,
        ),
        # field words inside a title
        ("Chief Technology Officer Sara Quist resigned.", "Sara Quist", "Chief Technology Officer", None),
        ("Chief Nursing Officer Ruth Abara said beds were full.", "Ruth Abara", "Chief Nursing Officer", None),
        # words before the title that belong to it rather than to an organisation
        ("Superior Court Judge Amy Lott ruled.", "Amy Lott", "Superior Court Judge", None),
        ("Supreme Court Justice Amy Lott wrote it.", "Amy Lott", "Supreme Court Justice", None),
        ("State Health Commissioner Ida Moss said so.", "Ida Moss", "State Health Commissioner", None),
        ("Civil Protection Minister Ida Moss said so.", "Ida Moss", "Civil Protection Minister", None),
        ("Deputy Fire Chief Hal Ortiz said two crews went.", "Hal Ortiz", "Deputy Fire Chief", None),
        ("Interim Police Chief Dana Roux spoke.", "Dana Roux", "Interim Police Chief", None),
        # ... and words that are an organisation, a place or an affiliation
        ("Ostrava Mayor Ida Moss said so.", "Ida Moss", "Mayor", "Ostrava"),
        ("Ruritanian President Ivo Marek arrived.", "Ivo Marek", "President", "Ruritanian"),
        # a field after "of" is part of the title, a place is the organisation
        ("Director of Emergency Operations Ana Ruiz said.", "Ana Ruiz", "Director of Emergency Operations", None),
        ("Minister of Finance Ivo Marek resigned.", "Ivo Marek", "Minister of Finance", None),
        ("Foreign Minister of France Jean Dupont arrived.", "Jean Dupont", "Foreign Minister of France", "France"),
        ("Interior Secretary Ivo Marek flew in.", "Ivo Marek", "Secretary", "Interior"),  # a portfolio
        ("Common Pleas Court Judge Amy Lott ruled.", "Amy Lott", "Judge", "Common Pleas Court"),
        # an organisation before the words of rank
        (
            "Santa Rosa Chief Deputy City Attorney Tia Park spoke.",
            "Tia Park",
            "Chief Deputy City Attorney",
            "Santa Rosa",
        ),
        # heads of two words
        ("Acting Inspector General Paul Dorn released it.", "Paul Dorn", "Acting Inspector General", None),
        ("Lt. Gov. Ralph Ortiz presided.", "Ralph Ortiz", "Lieutenant Governor", None),
    ],
)
def test_general_titles_before_name(text: str, name: str, title: str, org: str | None) -> None:
    person = one(text, name)
    assert (person.title, person.org) == (title, org)
    assert text[person.start : person.end] == person.text
    assert person.text.endswith(name)


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        ("Dr. Mia Osei, State Epidemiologist, said it.", "Mia Osei", "State Epidemiologist", None),
        ("Ana Lutz, a county librarian, said it.", "Ana Lutz", "Librarian", "county"),
        ("Tom Lee, Chief Financial Officer, said it.", "Tom Lee", "Chief Financial Officer", None),
        # the apposition gives title and organisation; a title after the name is no part of the name
        ("Major general Ivo Marek, spokesman for the army, said so.", "Ivo Marek", "Spokesman", "army"),
        (
            "Ana Ruiz, Director of Emergency Operations at the Port Authority, said it.",
            "Ana Ruiz",
            "Director of Emergency Operations",
            "Port Authority",
        ),
        (
            "Ana Ruiz, the agency's director of emergency operations, said it.",
            "Ana Ruiz",
            "Director of Emergency Operations",
            "agency",
        ),
        (
            "Nils Berg, a professor of economics at Tarn University, said it.",
            "Nils Berg",
            "Professor of Economics",
            "Tarn University",
        ),
        ("Abe Lund, chief meteorologist at the station, said it.", "Abe Lund", "Chief Meteorologist", "station"),
        ("Ivan Petrov, a spokesperson for the ministry, said it.", "Ivan Petrov", "Spokesperson", "ministry"),
        (
            "Phil Moss, a spokesman for the Allied Mine Workers of Ruritania, said it.",
            "Phil Moss",
            "Spokesman",
            "Allied Mine Workers of Ruritania",
        ),
    ],
)
def test_general_appositions(text: str, name: str, title: str, org: str | None) -> None:
    person = one(text, name)
    assert (person.title, person.org) == (title, org)


@pytest.mark.parametrize(
    "text",
    [
        "The deal closed, said Chandler Van Voorhis.",  # a given name with the ending of a role noun
        "Jennifer L. Marsh said the deal closed.",
        "After Maria Lopez spoke, the deal closed.",  # a word with the ending of one that is no role
        "The cast: Agnes Moor, Thelma Ritter, and Laurence Olivier.",  # a list of names
        "Vellmar Flooding: Ostrava County Emergency Management Situation Update",  # a headline
        "The deal closed, Senator Hollis said. Under Maria Lopez it grew.",
        "She was a member of the San Remo Chargers, a club.",  # the name is of the organisation
    ],
)
def test_role_endings_that_are_no_title(text: str) -> None:
    found = [(p.name, p.title) for p in people(text) if p.name != "Hollis"]
    assert all(title is None for _, title in found), found


def test_later_references_and_one_claim_per_mention() -> None:
    text = "FWS Acting Director Dan Whitlock spoke first.\n\nLater, Daniel Whitlock told reporters more."
    names = [p.name for p in people(text)]
    assert names == ["Dan Whitlock", "Dan Whitlock"]  # the first full form is the canonical one


def test_not_people() -> None:
    text = "Operation Safe Harbor ended on Monday. The Department of Labor said little. Most said nothing."
    assert people(text) == []


def test_normalise_title() -> None:
    assert normalise_title("executive associate director") == "Executive Associate Director"
    assert normalise_title("President & CEO") == "President and Chief Executive Officer"
    assert normalise_title("head of FWS") == "head of FWS"
    assert normalise_title("Secretary of State") == "Secretary of State"


def test_a_title_for_someone_else_is_not_theirs() -> None:
    text = "A spokeswoman for Hillary Okafor said the trip was over. The Commission on Fair Debates says so."
    assert [(p.name, p.title) for p in people(text) if p.title] == []


def test_given_names() -> None:
    names = given_names()
    assert {"jennifer", "christopher", "tom"} <= names  # "tom": a short form from the nickname table
    assert "director" not in names


def test_gender_of() -> None:
    assert gender_of("Helen Marchetti") == "female"
    assert gender_of("Mr. Homan") == "male"
    assert gender_of("Mrs. Okafor") == "female"
    assert gender_of("Homan") is None
    assert gender_of("Zyx Homan") is None


@given(
    st.lists(st.sampled_from(["said", "says", "say", "told", "tells", "according", "sa", "s", "told off"]), min_size=1)
)
def test_word_alternation_matches_exactly_its_words(words: list[str]) -> None:
    pattern = re.compile(f"(?:{word_alternation(words)})")
    for word in [*words, "sai", "saidx", "tol", "x"]:
        assert bool(pattern.fullmatch(word)) == (word in words), word


def test_lower_same_length_keeps_offsets() -> None:
    text = "İstanbul Mayor Ekrem İmamoğlu SAID"
    lower = lower_same_length(text)
    assert len(lower) == len(text)
    assert lower.endswith("said")


def test_person_name() -> None:
    assert person_name("Tom Homan's") == "Tom Homan"
    assert person_name("The New York Times") is None
    assert person_name("During") is None


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tom Homan", "Thomas Homan"),
        ("Homan", "Tom Homan"),
        ("Mr. Homan", "Thomas D. Homan"),
        ("Bill Okafor", "William Okafor"),
        ("Bob Lintz", "Robert Lintz"),
        ("T. Homan", "Thomas Homan"),
        ("José Ortega", "Jose Ortega"),
        ("Homan Jr.", "Tom Homan"),
        ("Sen. Ruth Okafor", "Ruth Okafor"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Tom Homan", "Tom Holman"), ("Bill Clinton", "Hillary Clinton"), ("T. Homan", "Robert Homan"), ("", "Homan")],
)
def test_not_same_person(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_canonical_name() -> None:
    known = ["Tom Homan", "Matthew Albence"]
    assert canonical_name("Mr. Homan", known) == "Tom Homan"
    assert canonical_name("Homan", known) == "Tom Homan"
    assert canonical_name("Thomas Homan", known) == "Tom Homan"
    assert canonical_name("Sen. Ruth Okafor") == "Ruth Okafor"
    assert given_name_key("Bill") == "william"
    assert name_parts("Charles de Gaulle") == (["Charles"], "de Gaulle")
    assert surname("Thomas D. Homan Jr.") == "Homan"


_GIVEN = st.sampled_from(["Tom", "Thomas", "Bill", "William", "Ann", "Maria", "J."])
_LAST = st.sampled_from(["Homan", "Okafor", "Lintz", "de Gaulle", "Ortega"])


@given(_GIVEN, _LAST, _GIVEN, _LAST)
def test_same_person_is_symmetric_and_needs_the_surname(g1: str, l1: str, g2: str, l2: str) -> None:
    a, b = f"{g1} {l1}", f"{g2} {l2}"
    assert same_person(a, b) == same_person(b, a)
    assert same_person(a, a)
    if l1 != l2:
        assert not same_person(a, b)


# --- the stories' answer keys ---------------------------------------------------------------------


def _speaker_title_facts() -> list[tuple[str, dict]]:
    if not STORIES.exists():
        return []
    facts = []
    for key in sorted(STORIES.glob("*/answers.json")):
        for article in json.loads(key.read_text(encoding="utf-8"))["articles"]:
            for fact in article["facts"]:
                if fact["slot"] == "speaker_title":
                    facts.append((f"{key.parent.name}/{article['file']}", fact))
    return facts


def test_every_speaker_title_of_the_stories() -> None:
    need(STORIES)
    facts = _speaker_title_facts()
    assert len(facts) >= 20
    missed = []
    for file, fact in facts:
        found = people((STORIES / file).read_text(encoding="utf-8"))
        if not any(
            same_person(p.name, fact["person"]) and (p.title or "").lower() == fact["title"].lower() for p in found
        ):
            missed.append((file, fact["person"], fact["title"], [(p.name, p.title) for p in found]))
    assert not missed


def test_field_words_of_sport_and_the_arts_stay_in_the_title() -> None:
    text = (
        "T\n\nSporting Director Callum Reith said so. Technical director Ana Ruiz agreed, "
        "as did Artistic Director Paul Mey."
    )
    article = Article(text=text, title="T", title_end=1, body_start=3)
    found = {p.name: p.title for p in find_people(article, [(3, len(text))])}
    assert found == {
        "Callum Reith": "Sporting Director",
        "Ana Ruiz": "Technical Director",
        "Paul Mey": "Artistic Director",
    }


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        (
            "Priya Vandermeer, Director of the State Office of Environmental Response, said the spill was contained.",
            "Priya Vandermeer",
            "Director",
            "State Office of Environmental Response",
        ),
        (
            "Gareth Olsson, Vice President of Safety at Northline Freight, said the brakes were checked.",
            "Gareth Olsson",
            "Vice President of Safety",
            "Northline Freight",
        ),
        (
            "Anton Reisky, Deputy Governor for Financial Stability, said rates would hold.",
            "Anton Reisky",
            "Deputy Governor for Financial Stability",
            None,
        ),
        (
            "Anton Reisky, deputy governor for financial stability, said rates would hold.",
            "Anton Reisky",
            "Deputy Governor for Financial Stability",
            None,
        ),
        (
            "Northline's vice president of safety, Gareth Olsson, said the brakes were checked.",
            "Gareth Olsson",
            "Vice President of Safety",
            "Northline",
        ),
        (
            "Tollbridge's head of safety and compliance, Mina Ostrander, declined to comment.",
            "Mina Ostrander",
            "head of safety and compliance",
            "Tollbridge",
        ),
        (
            "Vice president of safety Gareth Olsson said the brakes were checked.",
            "Gareth Olsson",
            "Vice President of Safety",
            None,
        ),
        ("Chief executive Daniel Hartigan said the plant would close.", "Daniel Hartigan", "Chief Executive", None),
        (
            "Lena Fairbrook, Minister for Trade and Industry, said tariffs would fall.",
            "Lena Fairbrook",
            "Minister for Trade and Industry",
            None,
        ),
    ],
)
def test_titles_after_the_name_and_in_lower_case(text: str, name: str, title: str, org: str | None) -> None:
    found = people(text)
    assert [(p.name, p.title, p.org) for p in found] == [(name, title, org)]


def test_the_end_of_a_field_is_not_a_surname() -> None:
    # "Deputy Governor for Financial" + "Stability" must not read as a title before a one-word name.
    names = {p.name for p in people("Anton Reisky, Deputy Governor for Financial Stability, said rates would hold.")}
    assert names == {"Anton Reisky"}
