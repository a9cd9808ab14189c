"""The number grammar: values, spans, hedges, ranges, and a round trip through formatted numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdiff.analyse.numbers import parse_number, scan_numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,140", 1140),
        ("31.4", 31.4),
        (".5", 0.5),
        ("Eighteen", 18),
        ("Sixty-eight", 68),
        ("sixty eight", 68),
        ("three hundred and two", 302),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("1.2 million", 1_200_000),
        ("86 million", 86_000_000),
        ("1.7bn", 1_700_000_000),
        ("25k", 25_000),
        ("two-thirds", 2 / 3),
        ("a third", 1 / 3),
        ("one and a half", 1.5),
        ("3/4", 0.75),
        ("2 1/4", 2.25),
        ("twenty-one trillion and three hundred", 21_000_000_000_300),
        ("two hundred point zero three", 200.03),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "the", "people", "1,140 homes", "one two three four five six 7 8"])
def test_parse_number_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def test_scan_gives_spans_into_the_text() -> None:
    text = "Officers arrested 498 people from 42 countries."
    found = scan_numbers(text)
    assert [(text[m.start : m.end], m.value) for m in found] == [("498", 498), ("42", 42)]


@pytest.mark.parametrize(
    ("text", "approx", "hedge"),
    [
        ("about 500 immigrants", "about", "about"),
        ("nearly 500 arrests", "nearly", "nearly"),
        ("almost 500 people", "nearly", "almost"),
        ("more than 1,100 homes", "over", "more than"),
        ("at least 12 people", "at_least", "at least"),
        ("up to 26 weeks", "up_to", "up to"),
        ("as many as 26 weeks", "up_to", "as many as"),
        ("fewer than 10 cases", "under", "fewer than"),
        ("roughly 64 percent", "about", "roughly"),
        ("some 300 songs", "about", "some"),
    ],
)
def test_hedges(text: str, approx: str, hedge: str) -> None:
    (mention,) = scan_numbers(text)
    assert mention.approx == approx
    assert mention.hedge is not None and mention.hedge.lower() == hedge
    assert text[mention.hedge_start :].startswith(hedge)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 4 and 6", 4, 6),
        ("4-6", 4, 6),
        ("from 10 to 20", 10, 20),
        ("5 to 10 million", 5_000_000, 10_000_000),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    (mention,) = scan_numbers(text)
    assert mention.kind == "range" and mention.approx == "range"
    assert (mention.low, mention.high) == (low, high)


@pytest.mark.parametrize("text", ["drew with Rovers 3-3 away", "in 2021 to 6.2 million", "H5N1 samples"])
def test_not_ranges(text: str) -> None:
    assert all(m.kind != "range" for m in scan_numbers(text))


def test_vague_amounts() -> None:
    (mention,) = scan_numbers("hundreds of homes")
    assert (mention.kind, mention.value, mention.low, mention.high) == ("vague", 100, 100, 1000)
    (mention,) = scan_numbers("tens of thousands of visitors")
    assert (mention.low, mention.high) == (10_000, 100_000)
    (mention,) = scan_numbers("hundreds of millions of dollars")
    assert (mention.value, mention.low, mention.high) == (1e8, 1e8, 1e9)
    (mention,) = scan_numbers("hundreds of thousands of euros")
    assert (mention.low, mention.high) == (100_000, 1_000_000)


def test_ordinals_are_marked() -> None:
    kinds = {m.text: m.kind for m in scan_numbers("the 27th and the second")}
    assert kinds == {"27th": "ordinal", "second": "ordinal"}


def test_pronoun_one_is_not_a_number() -> None:
    assert scan_numbers("The one you mentioned is invalid") == []
    assert [m.value for m in scan_numbers("one solution")] == [1]


def test_negative_numbers() -> None:
    assert [m.value for m in scan_numbers("It fell to -5 and then minus 7")] == [-5, -7]


_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # noqa: E501
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _say(n: int) -> str:
    """An English spelling of 0 <= n < 10**12, hyphenated tens and "and" after hundreds."""
    if n < 20:
        return _WORDS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_WORDS[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_WORDS[hundreds]} hundred" + (f" and {_say(rest)}" if rest else "")
    for scale, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= scale:
            head, rest = divmod(n, scale)
            return f"{_say(head)} {name}" + (f" {_say(rest)}" if rest else "")
    raise AssertionError(n)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_round_trip_decimals(whole: int, cents: int) -> None:
    text = f"{whole:,}.{cents:02d}"
    assert parse_number(text) == pytest.approx(whole + cents / 100)


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_round_trip_words(n: int) -> None:
    assert parse_number(_say(n)) == n


@given(
    st.integers(min_value=1, max_value=999), st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9)])
)
def test_round_trip_scale_words(n: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    assert parse_number(f"{n} {word}") == n * factor


@given(st.text(alphabet="abcdefghij ,.-", max_size=40))
def test_scan_never_fails_on_letters(text: str) -> None:
    for mention in scan_numbers(text):
        assert 0 <= mention.start < mention.end <= len(text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("one in five", 0.2, "fraction"),
        ("two out of five hundred", 0.004, "fraction"),
        ("twenty-fifth", 25, "ordinal"),
        ("one hundred twenty fifth", 125, "ordinal"),
        ("two hundredth", 200, "ordinal"),
        ("one twenty-fifth", 0.04, "fraction"),
        ("five and a half million", 5_500_000, "fraction"),
        ("one billion and a half million", 1_000_500_000, "fraction"),
        ("¾", 0.75, "fraction"),
        ("35 lakh", 3_500_000, "cardinal"),
        ("12,34,567.89", 1_234_567.89, "cardinal"),
    ],
)
def test_ratios_ordinals_and_other_spellings(text: str, value: float, kind: str) -> None:
    (mention,) = scan_numbers(text)
    assert (mention.value, mention.kind) == (pytest.approx(value), kind)


def test_ratio_needs_a_smaller_part() -> None:
    assert [m.value for m in scan_numbers("there are 12 out of 10")] == [12, 10]
    assert [m.value for m in scan_numbers("a loan of 10000 over 3 years")] == [10000, 3]


@pytest.mark.parametrize(
    ("text", "approx", "low", "high"),
    [
        ("500 or more", "at_least", None, None),
        ("5,000 or fewer", "up_to", None, None),
        ("three-plus seasons", "over", None, None),
        ("400+ yards", "over", None, None),
        ("more than 10 and less than 20", "range", 10, 20),
        ("at most 100 and at least 20", "range", 20, 100),
    ],
)
def test_open_and_closed_bounds(text: str, approx: str, low: float | None, high: float | None) -> None:
    (mention,) = scan_numbers(text)
    assert mention.approx == approx
    if approx == "range":
        assert (mention.low, mention.high) == (low, high)


def test_plus_as_a_sum_is_no_bound() -> None:
    assert [m.approx for m in scan_numbers("3 plus 4")] == ["exact", "exact"]


def test_digits_next_to_cjk_characters() -> None:
    assert [m.value for m in scan_numbers("移民局逮捕了498人，来自42个国家")] == [498, 42]


def test_and_joins_words_only_after_a_scale_or_before_a_fraction() -> None:
    assert [m.value for m in scan_numbers("ten and fifteen and twenty")] == [10, 15, 20]
    assert [m.value for m in scan_numbers("one hundred and two")] == [102]
    (mention,) = scan_numbers("between negative ten and fifteen")
    assert (mention.low, mention.high) == (-10, 15)


def test_scores_are_not_numbers() -> None:
    assert scan_numbers("Harlow beat Wexford 4-2 away") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("An M7.4 quake", 7.4),
        ("the magnitude-6.4 quake", 6.4),
        ("between $US85 million", 85_000_000),
        ("worth PS6.3m", 6_300_000),
        ("fell to $-7.4bn", -7_400_000_000),
    ],
)
def test_numbers_glued_to_a_magnitude_or_a_currency(text: str, value: float) -> None:
    (mention,) = scan_numbers(text)
    assert mention.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["the M4 motorway", "a Boeing 737MAX", "the A380"])
def test_a_letter_glued_to_a_whole_number_is_no_number(text: str) -> None:
    assert [m.value for m in scan_numbers(text) if m.start > 0 and text[m.start - 1].isalpha()] == []


def test_a_hedge_at_the_start_of_a_paragraph_counts() -> None:
    text = "Headline\n\nNearly 92,000 people voted.\nAbout 40 homes burned."
    found = {m.value: m.approx for m in scan_numbers(text, 0, len(text))}
    assert found[92000] == "nearly" and found[40] == "about"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a twenty-first century problem", [(21, "ordinal")]),
        ("the one hundred twenty fifth day", [(125, "ordinal")]),
        ("two seconds later", [(2, "cardinal")]),
        ("it took twenty seconds", [(20, "cardinal")]),
        ("three and a half", [(3.5, "fraction")]),
        ("a quarter of voters", [(0.25, "fraction")]),
        ("two thousand and eighteen", [(2018, "cardinal")]),
        ("twenty-one", [(21, "cardinal")]),
        ("1,234,567.89", [(1_234_567.89, "cardinal")]),
        ("1.5k", [(1500, "cardinal")]),
        ("2 dozen", [(24, "cardinal")]),
        ("nineteen ninety", [(19, "cardinal"), (90, "cardinal")]),
        ("4 dz eggs", [(48, "cardinal")]),
        ("two second-half goals", [(2, "cardinal"), (2, "ordinal")]),
        ("one million first-time buyers", [(1_000_000, "cardinal"), (1, "ordinal")]),
        ("one twenty", [(1, "cardinal"), (20, "cardinal")]),
    ],
)
def test_spoken_forms(text: str, values: list[tuple[float, str]]) -> None:
    found = [(m.value, m.kind) for m in scan_numbers(text, ranges=False, hedges=False)]
    assert [kind for _, kind in found] == [kind for _, kind in values]
    assert [value for value, _ in found] == pytest.approx([value for value, _ in values])


@pytest.mark.parametrize("text", ["won 3 1234 games", "rule 12 3456", "page 1 23"])
def test_plain_spaces_group_only_three_digits(text: str) -> None:
    assert all(m.value is not None and m.value < 10_000 for m in scan_numbers(text))


@given(st.integers(min_value=1000, max_value=999_999_999))
def test_space_grouped_thousands_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}".replace(",", " ")) == n


_WORD_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_WORD_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_PLURALS = ["firsts", "seconds", "thirds", "fourths", "fifths", "sixths", "sevenths", "eighths", "ninths"]


@given(
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=2, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_numerator_and_compound_denominator_round_trip(numerator: int, tens: int, unit: int) -> None:
    text = f"{_WORD_UNITS[numerator - 1]} {_WORD_TENS[tens - 2]}-{_ORDINAL_PLURALS[unit - 1]}"
    assert parse_number(text) == pytest.approx(numerator / (tens * 10 + unit))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("$5 million and two new hospitals", [5_000_000, 2]),
        ("6 crore and two people", [60_000_000, 2]),
        ("-3 million and a half", [-3_500_000]),
        ("two thirds of a million people", [2_000_000 / 3]),
    ],
)
def test_words_after_a_scaled_number(text: str, values: list[float]) -> None:
    assert [m.value for m in scan_numbers(text)] == pytest.approx(values)
