"""The sentence splitter: line ends, sentence punctuation, abbreviations and initials."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factdiff.analyse.text import sentence_of, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_initials_and_line_ends() -> None:
    text = (
        'ICE arrested 498 people on Wednesday, Sept. 27, in U.S. cities. "We will go on," said J. Smith. '
        "He left for Portland, Ore. on Monday.\nDenver: 63\nThe club paid £38m to Almerón. Flooding followed."
    )
    assert _sentences(text) == [
        "ICE arrested 498 people on Wednesday, Sept. 27, in U.S. cities.",
        '"We will go on," said J. Smith.',
        "He left for Portland, Ore. on Monday.",
        "Denver: 63",
        "The club paid £38m to Almerón.",
        "Flooding followed.",
    ]


def test_sentence_of_finds_the_holding_span() -> None:
    text = "One. Two three. Four."
    spans = split_sentences(text)
    assert text[slice(*sentence_of(spans, text.index("three")))] == "Two three."


@given(st.text(max_size=300))
def test_spans_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    last = 0
    for start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        last = end
