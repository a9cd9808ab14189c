"""Whom a report credits for a figure: named bodies recognised under their several names, and a
report alone in handing a figure to another body (hand-written reports of one storm)."""

from __future__ import annotations

import pytest

from factdiff.analyse import analyse
from factdiff.compare import Divergence, compare_articles
from factdiff.credit import body_key, same_body
from factdiff.model import Article, Attribution


@pytest.mark.parametrize(
    "source",
    ["USGS", "US Geological Survey", "U. S. Geological Survey in Golden", "Iran's seismologic center",
     "National Weather Service", "the Interior Ministry's Natural Disasters Headquarters"],
)  # fmt: skip
def test_named_bodies(source: str) -> None:
    assert body_key(source) is not None


@pytest.mark.parametrize(
    "source",
    ["officials", "police", "UAE authorities", "news agency", "the same agency", "Heydar Alishbandi",
     "head of the team", "reporter of the Iranian news agency", "Province", "office worker in Dubai"],
)  # fmt: skip
def test_people_and_vague_sources_are_no_bodies(source: str) -> None:
    assert body_key(source) is None


def _same(a: str, b: str) -> bool:
    ka, kb = body_key(a), body_key(b)
    assert ka is not None and kb is not None
    return same_body(ka, kb)


def test_one_body_under_its_names() -> None:
    assert _same("USGS", "United States Geological Survey")
    assert _same("U. S. Geological Survey in Golden", "US Geological Survey")
    assert _same("Tehran's seismologic center", "Iran's seismologic center")  # differing in places only
    assert _same("National Weather Service", "the Weather Service")


def test_other_bodies() -> None:
    assert not _same("USGS", "Iran's seismologic center")
    assert not _same("National Weather Service", "State Climate Office")
    assert not _same("IRNA", "USGS")


def test_a_figure_put_at_is_credited() -> None:
    text = "Quake hits coast\n\nThe US Geological Survey put the epicentre at about 58km south-west of the port."
    claims = analyse(Article(id="a", text=text, file="a.txt")).claims
    assert [c.source for c in claims if isinstance(c, Attribution)] == ["US Geological Survey"]


def test_an_estimate_putting_a_figure_credits_no_one() -> None:
    text = "Flood damage\n\nA first estimate put the damage at $86 million, the highest in a decade."
    claims = analyse(Article(id="a", text=text, file="a.txt")).claims
    assert not [c for c in claims if isinstance(c, Attribution)]


_STORM = {
    "a": "Snowstorm buries the valley\n\nA snowstorm buried the valley on Tuesday. The National Weather Service "
    "said 14 inches of snow fell at the airport, closing both runways for the day.",
    "b": "Airport closed by snow\n\nBoth runways at the valley airport closed on Tuesday after the storm. "
    "According to the National Weather Service, 14 inches of snow fell at the airport overnight.",
    "c": "Valley digs out\n\nCrews cleared roads on Tuesday after a night of heavy snow. The NWS said 14 inches of "
    "snow fell at the airport, where both runways stayed closed.",
}


def _compared(story: dict[str, str], extra: str) -> list[Divergence]:
    """The divergences of the story with report ``d`` added."""
    texts = {**story, "d": extra}
    return compare_articles([Article(id=k, text=v, file=f"{k}.txt") for k, v in texts.items()]).divergences


def _divergences(extra: str) -> list[tuple[str, str, str, str]]:
    return [(d.article, d.slot, d.type, d.found) for d in _compared(_STORM, extra)]


def test_a_figure_handed_to_another_body() -> None:
    report = (
        "Runways shut\n\nThe valley airport shut its runways on Tuesday. The State Climate Office said 14 inches "
        "of snow fell at the airport overnight."
    )
    swaps = [d for d in _divergences(report) if d[1].startswith("credit_of_")]
    assert swaps == [("d", swaps[0][1], "entity_swap", "State Climate Office")]


def test_the_same_body_under_another_name_agrees() -> None:
    report = (
        "Runways shut\n\nThe valley airport shut its runways on Tuesday. The Weather Service said 14 inches of "
        "snow fell at the airport overnight."
    )
    assert not [d for d in _divergences(report) if d[1].startswith("credit_of_")]


def test_a_vague_source_is_no_swap() -> None:
    report = "Runways shut\n\nThe valley airport shut its runways on Tuesday. Officials said 14 inches of snow fell."
    assert not [d for d in _divergences(report) if d[1].startswith("credit_of_")]


_QUAKE = {
    "a": "Quake shakes the coast\n\nA strong earthquake shook the coast on Sunday, damaging homes in three "
    "villages. The national seismic institute said the quake measured magnitude 5.9, but the US Geological "
    "Survey said it was a magnitude-6.1 temblor.",
    "b": "Coast hit by earthquake\n\nAn earthquake damaged homes in three coastal villages on Sunday. The US "
    "Geological Survey puts the magnitude at 6.1; rescue teams reached the villages by evening.",
    "c": "Villages damaged in quake\n\nHomes were damaged in three villages when an earthquake struck the coast "
    "on Sunday. The USGS said the magnitude-6.1 quake was centred offshore.",
}


def _quake(extra: str) -> list[tuple[str, str, str, str | None]]:
    return [(d.article, d.slot, d.type, d.expected) for d in _compared(_QUAKE, extra)]


def test_a_body_given_another_figure() -> None:
    # Two independent reports have the USGS at 6.1; this one gives the USGS 5.9 (another body's figure).
    report = (
        "Earthquake on the coast\n\nAn earthquake damaged homes in three villages on Sunday. The US Geological "
        "Survey said the quake had a magnitude of 5.9."
    )
    found = [d for d in _quake(report) if d[0] == "d"]
    assert len(found) == 1
    assert found[0][2] == "number_changed" and found[0][1].startswith("figure_of_")
    assert "6.1" in (found[0][3] or "")


def test_the_body_s_own_figure_agrees() -> None:
    report = (
        "Earthquake on the coast\n\nAn earthquake damaged homes in three villages on Sunday. The US Geological "
        "Survey said the quake had a magnitude of 6.1."
    )
    assert [d for d in _quake(report) if d[0] == "d"] == []


def test_another_body_s_figure_credited_to_it_agrees() -> None:
    report = (
        "Earthquake on the coast\n\nAn earthquake damaged homes in three villages on Sunday. The national seismic "
        "institute put the magnitude at 5.9."
    )
    assert [d for d in _quake(report) if d[0] == "d"] == []
