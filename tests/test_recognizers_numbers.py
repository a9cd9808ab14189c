"""A representative subset of the Microsoft Recognizers-Text English number specs, as regression tests.

The cases are copied from the Recognizers-Text specification files (Copyright (c) Microsoft
Corporation, MIT licence). Each case is the input and the (value, unit) results the spec lists;
factdiff must find the same values, and units once mapped onto factdiff's names. The whole spec
suite is measured by bench/recognizers.py; these cases keep the passing behaviour from sliding.
"""

from __future__ import annotations

import pytest

from factdiff.analyse.numbers import scan_numbers
from factdiff.analyse.quantities import extract

NUMBER_CASES = [
    ("192.", [192]),
    (".08", [0.08]),
    ("4.800", [4.8]),
    ("sixteen", [16]),
    ("two thirds", [2 / 3]),
    ("one hundred and sixty-one", [161]),
    ("one hundred and three and two thirds", [103 + 2 / 3]),
    (" half a  dozen", [6]),
    (" 3 dozens", [36]),
    ("1,234,567", [1_234_567]),
    (" -9.2321312", [-9.2321312]),
    ("-4/5", [-0.8]),
    ("10k", [10_000]),
    ("2 million", [2_000_000]),
    ("twenty-one trillion and three hundred", [21_000_000_000_300]),
    ("fifty - two", [52]),
    ("two  thousand  and  two hundred", [2200]),
    (" two hundred point zero three", [200.03]),
    ("1e10", [1e10]),
    ("2  1/4", [2.25]),
    ("five eighths", [0.625]),
    ("one and a half", [1.5]),
    ("a trillionth", [1e-12]),
    ("The answer is minus one", [-1]),
    ("The one you mentioned is invalid", []),
    ("zero is 0", [0, 0]),
    # spoken fractions with compound denominators
    ("a twenty-first", [1 / 21]),
    ("three twenty-firsts", [3 / 21]),
    ("twenty twenty fifths", [0.8]),
    ("one hundred and thirty fifths", [26]),
    ("one hundred thirty fifths", [100 / 35]),
    ("one hundred and thirty-two fifths", [26.4]),
    ("one one hundred and fifth", [1 / 105]),
    ("one hundred one thousand fifths", [100 / 1005]),
    ("The answer is minus one hundred thirty fifths", [-100 / 35]),
    ("one hundred and three quarters", [100.75]),
    ("two hundred and fifty-four hundredths", [200.54]),
    ("ninety - five hundred fifths", [1900]),
    ("I counted six million and two thirds", [6_000_000 + 2_000_000 / 3]),
    ("The measurement has a value of two hundred thirty two and a thirtieth", [232 + 1 / 30]),
    # grouping, scales, digit-by-digit words
    ("1 234 567", [1_234_567]),
    ("40 000 is the same as 40\u202f000", [40_000, 40_000]),
    (" three hundred and two dozens", [324]),
    (" 3 dzs", [36]),
    (" five dozs", [60]),
    ("The total is three lakh crore", [3e12]),
    ("1.3x10^6", [1.3e6]),
    ("6.23x10^-4", [6.23e-4]),
    ("they were playing three-nought-four", [3, 0, 4]),
    ("3 hundred and one is a valid numbers.", [301]),
    ("I count 6 crore and two hundred", [60_000_200]),
    (" two thirds of a million", [2_000_000 / 3]),
    ("two out of five hundreds tvs", [0.004]),
]


@pytest.mark.parametrize(("text", "values"), NUMBER_CASES)
def test_number_model(text: str, values: list[float]) -> None:
    found = [m.value for m in scan_numbers(text, ranges=False, hedges=False) if m.kind in ("cardinal", "fraction")]
    assert found == pytest.approx(values)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11th", 11),
        ("21st", 21),
        ("2nd", 2),
        ("eleventh", 11),
        ("twentieth", 20),
        ("Book a first class seat", 1),
        ("twenty-fifth", 25),
        ("one hundred twenty-fifth", 125),
        ("two hundredth", 200),
        ("trillionth", 1e12),
    ],
)
def test_ordinal_model(text: str, value: float) -> None:
    assert [m.value for m in scan_numbers(text) if m.kind == "ordinal"] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("100%", 100),
        (" 100 percent", 100),
        (" 100 percentage", 100),
        ("240 percent", 240),
        ("twenty percent", 20),
        ("one hundred percent", 100),
    ],
)
def test_percent_model(text: str, value: float) -> None:
    assert [f.quantity.number for f in extract(text) if f.quantity.unit == "percent"] == [value]


UNIT_CASES = [
    ("national paid siegel and shuster $94,000 to drop all claims .", [(94_000, "USD")]),
    ("the december contract rose 1.20 cents ", [(1.2, "cent")]),
    (
        "the terms of the offer put a value of 528 million francs on the 32 . 99 % shareholding .",
        [(528_000_000, "CHF")],
    ),
    ("rangers got to keep an estimated £ 50 million saved by baxendale - walker ' s advice .", [(50_000_000, "GBP")]),
    ("10 $ is not much, nor is 10 €", [(10, "USD"), (10, "EUR")]),
    ("It costs a quarter million us dollars.", [(250_000, "USD")]),
    ("You weight 200lbs.", [(200, "pound")]),
    ("nearby , six dolphins will frolic in a 1.5 million gallon saltwater aquarium.", [(1_500_000, "gallon")]),
    ("the jiotto caspita can run at over 188 miles an hour , a company spokesman said.", [(188, "mile per hour")]),
    ("florida panthers live in home ranges between 190 km2.", [(190, "square kilometre")]),
    ("its 90 fahrenheit in texas", [(90, "fahrenheit")]),
    ("-5 degree fahrenheit", [(-5, "fahrenheit")]),
    ("set the temperature to 30 degrees celsius", [(30, "celsius")]),
    ("the temperature outside is 98 degrees", [(98, "degree")]),
    ("set the thermostat to 85°", [(85, "degree")]),
    ("When she was five years old, she learned to ride a bike.", [(5, "year of age")]),
    (
        "The Great Wall of China is more than 500 years old and extends for more than 5,000 miles.",
        [(500, "year of age"), (5000, "mile")],
    ),
    ("It happened when the baby was only ten months old.", [(10, "month of age")]),
    ("A 90 day old utilities bill is quite late.", [(90, "day of age")]),
    ("it only cost 3 dollars 50 cents.", [(3.5, "USD")]),
    ("it only cost thirteen dollars and forty-five cents", [(13.45, "USD")]),
    ("Am I eligible for a lone of 35 lakh rupees", [(3_500_000, "INR")]),
    ("It costs half million usd.", [(500_000, "USD")]),
    ("the temperature outside is 40 deg celsius", [(40, "celsius")]),
    ("98.6 degrees f is normal temperature", [(98.6, "fahrenheit")]),
    ("10.5 celcius", [(10.5, "celsius")]),
    ("he is 5 feet 2 inches", [(5 + 2 / 12, "foot")]),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_CASES)
def test_number_with_unit_models(text: str, expected: list[tuple[float, str]]) -> None:
    # The spec's currency and dimension models list only their own kind: percentages are another model's.
    units = {u for _, u in expected}
    found = [(f.quantity.number, f.quantity.unit) for f in extract(text) if f.quantity.unit in units]
    assert found == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("He is more than thirty years old.", 30, None),
        ("His height is below 170.", None, 170),
        ("Can you show me records more than 30000 in 2009", 30000, None),
        ("The number is above 1000 and below 1500", 1000, 1500),
        ("His score is more than 5000 or equal to it", 5000, None),
        ("There're about five hundred or less in these products.", None, 500),
        ("The number range is 5k-20k", 5000, 20000),
    ],
)
def test_number_range_model(text: str, low: float | None, high: float | None) -> None:
    (mention,) = [m for m in scan_numbers(text) if m.approx != "exact"]
    if mention.kind == "range":
        bounds = (mention.low, mention.high)
    else:
        bounds = (mention.value, None) if mention.approx in ("over", "at_least") else (None, mention.value)
    assert bounds == (low, high)
