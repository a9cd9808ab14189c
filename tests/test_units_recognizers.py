"""Unit and currency forms taken from Recognizers-Text's pattern table (data/recognizers_units.tsv)."""

from __future__ import annotations

import pytest

from factdiff.analyse.quantities import find_quantities
from factdiff.analyse.text import split_sentences
from factdiff.analyse.units import CURRENCIES, CURRENCY_NAMES, unit_after, unit_before
from factdiff.model import Article


def _units(text: str) -> list[tuple[float, str | None]]:
    return [(q.number, q.unit) for q in find_quantities(Article(text=text), split_sentences(text), [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The stall sold rugs for 900 afghanis each.", [(900, "AFN")]),
        ("Fares rose to 35 zloty.", [(35, "PLN")]),
        ("The tank holds 3 hectolitres.", [(3, "hectolitre")]),
        ("The probe moved at 40 km/min.", [(40, "kilometre per minute")]),
        ("Tickets cost nz$25 at the door.", [(25, "NZD")]),
        ("The fee was 1,200 KES.", [(1200, "KES")]),
    ],
)
def test_forms_from_the_recognizers_table(text: str, expected: list) -> None:
    assert _units(text) == expected


def test_new_codes_are_currencies_with_names() -> None:
    assert {"AFN", "PLN", "KES", "NZD"} <= CURRENCIES
    assert CURRENCY_NAMES["NZD"] == "New Zealand dollar"


def test_short_letter_forms_need_upper_case() -> None:
    assert unit_after("12 kes", 2) is None  # a three-letter code is read only as written by the bank
    assert unit_after("12 KES", 2) is not None


def test_ambiguous_forms_are_left_out() -> None:
    # Recognizers-Text lists "kiwi" and "kobo" among its ambiguous currency forms; OEWN's first sense of
    # "kobo" is the monetary unit, of "kiwi" a bird.
    assert unit_after("12 kiwi", 2) is None
    assert unit_after("12 kobo", 2) is not None and unit_after("12 kobo", 2).unit == "kobo"
    assert unit_after("12 Kobo", 2) is None  # as written in lower case only
    assert unit_before("j$", 2) is not None and unit_before("j$", 2).unit == "JMD"
