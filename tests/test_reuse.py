"""Which of two reports that share their text is the copy (factdiff.reuse)."""

from __future__ import annotations

from factdiff.model import Article
from factdiff.reuse import direction, find_copies, is_wire

BODY = (
    "Crews from three towns worked through the night to reopen the coastal road after a landslide buried a "
    "section near the old lighthouse on Tuesday evening. Engineers said the slope above the road remained "
    "unstable and would be watched with sensors for at least two more weeks. The regional transport office "
    "said repairs to the retaining wall would cost about 4 million dollars and take until the end of the month. "
    "Residents of the headland villages were told to use the inland route, which adds around twenty minutes to "
    "the drive into town, until the work is finished."
)


def _article(body: str, outlet: str, published: str = "2031-03-05", title: str = "Coastal road reopens") -> Article:
    text = f"{title}\n\n{body}"
    return Article(
        text=text, title=title, title_end=len(title), body_start=len(title) + 2, outlet=outlet, published=published
    )


def _copies(*articles: Article) -> dict[str, str]:
    return {c: r.original for c, r in find_copies(list(articles)).items()}


def test_an_aggregator_that_adds_a_line_to_a_wire_story_is_the_copy() -> None:
    wire = _article(BODY, "Harbour Newswire")
    aggregator = _article(BODY + "\n\nMore local news: the week's road closures.", "ClickDaily")
    assert _copies(aggregator, wire) == {aggregator.id: wire.id}
    assert _copies(wire, aggregator) == {aggregator.id: wire.id}


def test_the_earlier_date_wins_over_every_other_sign() -> None:
    wire = _article(BODY, "Harbour Newswire", published="2031-03-06")
    early = _article(BODY + "\n\nMore local news: the week's road closures.", "ClickDaily", published="2031-03-05")
    assert _copies(wire, early) == {wire.id: early.id}


def test_the_time_of_day_decides_on_the_same_day() -> None:
    first = _article(BODY + " A second crew arrives on Friday.", "Coast Herald", published="2031-03-05T08:10:00")
    second = _article(BODY, "Inland Times", published="2031-03-05T11:45:00")
    copy, original, rule = direction(first, second, 0.9, 1.0)
    assert (copy, original, rule) == (second.id, first.id, "earlier time")


def test_a_report_naming_the_other_outlet_is_the_copy() -> None:
    original = _article(BODY + " A second crew arrives on Friday from the north.", "Coast Herald")
    copy = _article(BODY + "\n\nThis story first appeared in Coast Herald.", "Inland Times")
    assert _copies(original, copy) == {copy.id: original.id}


def test_otherwise_the_superset_is_the_copy_of_the_subset() -> None:
    short = _article(BODY, "Coast Herald")
    longer = _article(BODY + " The council meets on Monday to discuss a permanent fix for the slope.", "Inland Times")
    assert direction(short, longer, 1.0, 0.8)[:2] == (longer.id, short.id)
    assert direction(longer, short, 0.8, 1.0)[:2] == (longer.id, short.id)


def test_a_primary_source_is_never_the_copy() -> None:
    statement = _article(BODY + " The council meets on Monday.", "Coastal Transport Office", published="2031-03-06")
    wire = _article(BODY, "Harbour Newswire", published="2031-03-05")
    found = find_copies([statement, wire], protected={statement.id})
    assert {c: r.original for c, r in found.items()} == {wire.id: statement.id}


def test_wire_by_name_or_by_its_own_dateline() -> None:
    assert is_wire(_article(BODY, "Valley Press Service"))
    assert is_wire(_article(BODY, "Continental News Agency"))
    assert is_wire(_article("PORTVALE (Gullwing) — " + BODY, "Gullwing"))
    # Another outlet's dateline kept in a copy does not make the copy a wire.
    assert not is_wire(_article("PORTVALE (Gullwing) — " + BODY, "ClickDaily"))
    assert not is_wire(_article(BODY, "LocalWireless Now"))
    assert not is_wire(_article(BODY, "Coast Herald"))


def test_independent_reports_are_not_copies() -> None:
    a = _article(BODY, "Coast Herald")
    b = _article(
        "The landslide near the lighthouse closed the coast road for a night; the transport office puts the "
        "repair bill at 4 million dollars and says the slope will be monitored for two weeks.",
        "Inland Times",
    )
    assert _copies(a, b) == {}
