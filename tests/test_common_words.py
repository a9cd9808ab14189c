"""Common words that open a sentence are not places (factdiff.analyse.lexicon), on hand-written sentences."""

from __future__ import annotations

import pytest

from factdiff.analyse.lexicon import is_common_word, opens_with_common_word
from factdiff.analyse.quantities import find_quantities
from factdiff.analyse.text import split_sentences
from factdiff.model import Article


def _places(text: str) -> dict[float, list[str]]:
    article = Article(text=text)
    return {q.number: q.places for q in find_quantities(article, split_sentences(text), [])}


@pytest.mark.parametrize("word", ["flood", "Residents", "Closer", "drunk", "Officials", "still", "Volunteers"])
def test_common_words(word: str) -> None:
    assert is_common_word(word)


@pytest.mark.parametrize("word", ["Dunmore", "Ulveno", "Okafor", "Wexford"])
def test_names_are_not_common_words(word: str) -> None:
    assert not is_common_word(word)


@pytest.mark.parametrize(
    "text",
    [
        "Rainwater, by Sunday, had reached 40 homes.",
        "Volunteers: 35 in all.",
        "Nearer the dam, 12 homes flooded.",
        "Seawater in the tunnels rose 2 metres.",
    ],
)
def test_a_common_word_opening_a_sentence_is_no_place(text: str) -> None:
    assert all(places == [] for places in _places(text).values()), _places(text)


def test_a_name_opening_a_sentence_stays_a_place() -> None:
    assert _places("Harwick County recorded 52 arrests.") == {52: ["Harwick County"]}
    assert _places("Wexford: 63 arrests") == {63: ["Wexford"]}


def test_a_name_made_of_common_words_keeps_its_first_word() -> None:
    text = "Salt Lake City reported 14 cases."
    assert not opens_with_common_word(text, 0, len(text))


def test_a_name_whose_first_word_is_common_is_kept_whole() -> None:
    assert _places("New Haven: 45 arrests") == {45: ["New Haven"]}


def test_a_heading_of_common_words_is_no_place() -> None:
    assert _places("Storm damage: 45 homes") == {45: []}
