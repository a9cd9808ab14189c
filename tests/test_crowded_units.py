"""A measure that names nothing is not taken for one of the source's measures by its dimension
alone when the source gives many in that unit (a game's yards): hand-written reports of one game."""

from __future__ import annotations

from factdiff.compare import compare_articles
from factdiff.model import Article

_GAME = {
    "a": "Chiefs rally past Colts\n\nThe Chiefs beat the Colts 20-13 on Sunday. Jamaal Charles ran for 226 yards "
    "and Peyton Hillis added 101 yards as Kansas City gained 352 yards on the ground. Andrew Luck threw for "
    "205 yards for the Colts.",
    "b": "Charles runs wild\n\nJamaal Charles ran for 226 yards on Sunday as the Chiefs beat the Colts 20-13. "
    "Peyton Hillis added 101 yards and the Chiefs finished with 352 rushing yards; Andrew Luck passed for "
    "205 yards.",
    "c": "Colts fall in Kansas City\n\nAndrew Luck threw for 205 yards, but the Colts lost 20-13 to the Chiefs on "
    "Sunday. Jamaal Charles had 226 rushing yards, Peyton Hillis 101, and the Chiefs 352 yards on the ground.",
}


def _of_d(sentence: str) -> list[tuple[str, str]]:
    report = f"Chiefs win\n\nThe Chiefs beat the Colts 20-13 on Sunday. {sentence}"
    texts = {**_GAME, "d": report}
    comparison = compare_articles([Article(id=k, text=v, file=f"{k}.txt") for k, v in texts.items()], threshold=0.0)
    return [(d.slot, d.type) for d in comparison.all_divergences if d.article == "d"]


def test_a_200_yard_game_is_none_of_the_game_s_totals() -> None:
    # The source gives four figures in yards; "200-yard game" names none of them (without the rule it
    # was an unhedged rounding of Luck's 205 passing yards).
    assert _of_d("It was his second 200-yard game of the season, and the crowd stayed on its feet.") == []


def test_a_length_named_alike_is_still_compared() -> None:
    # Named as the source names it, a figure is compared however many yards the source gives.
    assert ("jamaal_charles_ran", "number_changed") in _of_d("Jamaal Charles ran for 262 yards.")
