"""An age is a person's: compared only where both statements may be of one person (hand-written
reports of one climbing accident and of one shooting)."""

from __future__ import annotations

from factdiff.align import Fact, facts_of
from factdiff.align.relations import _same_thing
from factdiff.analyse import analyse
from factdiff.compare import compare_articles
from factdiff.model import Article

_CLIMB = {
    "a": "Second climber dies in park\n\nA 36-year-old man died on Friday after he slipped and fell about 200 "
    "metres down an icy gully in the national park, police said. His companion, a 41-year-old woman, was "
    "flown to hospital with a broken leg.",
    "b": "Climber killed in fall\n\nA 36-year-old man died on Friday when he fell about 200 metres down an icy "
    "gully, police said. A 41-year-old woman climbing with him was flown to hospital.",
    "c": "Park deaths\n\nPolice said a 36-year-old man fell about 200 metres down an icy gully on Friday and died. "
    "The 41-year-old woman with him survived with a broken leg.",
}

_SHOOTING = {
    "a": "Deputy shot dead\n\nA sheriff's deputy was shot dead on Friday while questioning a man in Hawaiian "
    "Gardens. Deputies later arrested Jose Luis Orozco, 27, a parolee, the sheriff said.",
    "b": "Suspect held in deputy's killing\n\nJose Luis Orozco, 27, was arrested hours after a sheriff's deputy "
    "was shot dead on Friday in Hawaiian Gardens, the sheriff said.",
    "c": "Gang member arrested\n\nThe sheriff said Orozco, 27, a known gang member, shot the deputy on Friday in "
    "Hawaiian Gardens and was arrested hours later.",
}


def _ages(story: dict[str, str], report: str) -> list[tuple[str, str]]:
    texts = {**story, "d": report}
    comparison = compare_articles([Article(id=k, text=v, file=f"{k}.txt") for k, v in texts.items()], threshold=0.0)
    return [(d.type, d.found) for d in comparison.all_divergences if d.article == "d" and "age" in d.found]


def test_a_named_person_s_age_is_not_an_unnamed_one_s() -> None:
    report = (
        "Climber falls\n\nOn Saturday, 32-year-old Englishman Robert Buckley fell about 600 metres while climbing "
        "to a hut in the national park, police said."
    )
    assert _ages(_CLIMB, report) == []


def _age(text: str, value: float) -> Fact:
    article = Article(id=text[:8], text=f"Shooting\n\n{text}", file="x.txt")
    return next(f for f in facts_of(analyse(article)) if f.value == value and f.unit == "age")


def test_the_word_age_names_no_holder() -> None:
    # "ages 16 and 6" shares only the word "age" with "Orozco, 27": an age is named by its holder.
    sons = _age("The deputy, who was wed three weeks ago, is survived by his wife and two sons, ages 16 and 6.", 16)
    orozco = _age("Orozco, 27, a known gang member, was also suspected of violating parole, the sheriff said.", 27)
    assert not _same_thing(sons, orozco)


def test_the_same_person_s_other_age_is_changed() -> None:
    report = "Deputy killed\n\nJose Luis Orozco, 31, was arrested after a deputy was shot dead on Friday."
    assert ("number_changed", "31 ages") in _ages(_SHOOTING, report)
