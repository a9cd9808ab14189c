"""Story assignment: features, joining and opening, the time window, splits and replay."""

from __future__ import annotations

import random

import pytest

from factdiff.group import (
    Fingerprint,
    Grouper,
    day_number,
    fingerprint,
    story_label,
    text_features,
)
from factdiff.model import Article

FLOOD = (
    "River floods Corliss\n\nThe Vellmar River crested at 31.4 feet on Sunday, April 14, flooding 1,140 homes in "
    "Corliss, Pruitt County officials said. Coordinator Marisol Teague said 4,600 residents were evacuated and "
    "312 homes were destroyed. Damage was put at $86 million."
)
FLOOD_2 = (
    "Corliss flood destroys 312 homes\n\nFloodwater from the Vellmar River damaged 1,140 homes and destroyed 312 in "
    "Corliss, said Marisol Teague of Pruitt County. About 4,600 people left their homes before the crest of "
    "31.4 feet on April 14."
)
PLANT = (
    "Corvane to close Millhaven plant\n\nCorvane Industries will close its Millhaven plant, cutting 1,850 jobs over "
    "18 months, chief executive Helen Marchetti said on March 4. The company will take a $240 million charge."
)


def make(text: str, published: str | None = None, outlet: str | None = None) -> Article:
    title, _, _ = text.partition("\n\n")
    return Article(
        text=text, title=title, title_end=len(title), body_start=len(title) + 2, published=published, outlet=outlet
    )


def fp(article_id: str, features: dict[str, float], day: int | None = None) -> Fingerprint:
    return Fingerprint(article_id, features, day)


# --- features ----------------------------------------------------------------------------------


def test_text_features_find_numbers_years_days_and_entities() -> None:
    counts = text_features(
        "ICE arrested 498 people in 2017. On Sept. 27, Tom Homan said 317 had convictions.", title_end=0
    )
    assert counts["n:498"] == 1 and counts["n:317"] == 1
    assert counts["y:2017"] == 1
    assert counts["d:09-27"] == 1
    assert counts["e:tom homan"] == 1 and counts["e:homan"] == 1
    assert "n:27" not in counts  # the day of the month is a date, not a count
    assert "e:on" not in counts


def test_a_capitalised_first_word_alone_is_not_an_entity() -> None:
    counts = text_features("Officials said the river rose. Residents left.")
    assert not any(f.startswith("e:") for f in counts)


def test_clock_times_are_not_numbers() -> None:
    counts = text_features("The fire started at 7:35 in the morning.")
    assert not any(f.startswith("n:") for f in counts)


def test_title_words_count_twice() -> None:
    article = make(FLOOD)
    features = fingerprint(article).features
    assert "t:flood" in features and "w:flood" in features
    assert "t:resident" not in features  # body words are not title words


def test_fingerprint_round_trips_through_a_dict() -> None:
    original = fingerprint(make(FLOOD, "2024-04-15", "Corliss Courier"))
    assert original.day == day_number("2024-04-15")
    assert original.outlet == "Corliss Courier"
    assert Fingerprint.from_dict(original.to_dict()) == original


@pytest.mark.parametrize("value", [None, "", "2024", "not a date", "2024-13-45"])
def test_day_number_is_none_for_unknown_dates(value: str | None) -> None:
    assert day_number(value) is None


# --- assignment --------------------------------------------------------------------------------


def test_reports_of_one_event_join_and_another_event_opens_a_story() -> None:
    grouper = Grouper()
    first = grouper.assign(fingerprint(make(FLOOD)))
    second = grouper.assign(fingerprint(make(FLOOD_2)))
    third = grouper.assign(fingerprint(make(PLANT)))
    assert first.opened and first.story_id == first.article_id
    assert not second.opened and second.story_id == first.story_id
    assert third.opened and third.story_id != first.story_id
    assert grouper.stories[first.story_id].members == 2


def test_shared_numbers_alone_join_two_reports_in_different_languages() -> None:
    english = (
        "ICE arrests 498\n\nOfficers arrested 498 people, 317 with convictions, 104 deported before and 68 fugitives."
    )
    german = (
        "ICE nimmt 498 fest\n\nBeamte nahmen 498 Personen fest, 317 vorbestraft, 104 zuvor abgeschoben, 68 flüchtig."
    )
    grouper = Grouper()
    grouper.assign(fingerprint(make(PLANT)))
    a = grouper.assign(fingerprint(make(english)))
    b = grouper.assign(fingerprint(make(german)))
    assert b.story_id == a.story_id


def test_outside_the_time_window_a_report_opens_a_new_story() -> None:
    grouper = Grouper(window=7)
    a = grouper.assign(fingerprint(make(FLOOD, "2024-04-15")))
    same_week = grouper.assign(fingerprint(make(FLOOD_2, "2024-04-18")))
    months_later = grouper.assign(fingerprint(make(FLOOD_2 + " A year on.", "2024-09-01")))
    assert same_week.story_id == a.story_id
    assert months_later.opened


def test_old_stories_leave_the_index() -> None:
    grouper = Grouper(window=3)
    for day in range(0, 100, 10):
        grouper.assign(fp(f"a{day}", {"e:x": 2.0, f"n:{day}": 2.0}, day))
    assert len(grouper.stories) <= 2
    assert grouper.closed >= 8
    assert all(len(ids) <= 2 for ids in grouper.postings.values())


def test_a_feature_in_too_many_stories_stops_finding_candidates() -> None:
    grouper = Grouper(max_posting=4)
    for i in range(10):
        own = {f"e:person{i}_{k}": 2.0 for k in range(8)}
        grouper.assign(fp(f"a{i}", {"w:said": 0.1, **own}))
    assert "w:said" in grouper.common
    assert "w:said" not in grouper.postings
    assert len(grouper.stories) == 10


def test_a_story_of_two_mixed_events_is_split() -> None:
    grouper = Grouper(threshold=0.05)  # low on purpose, so the second event first joins the first
    shared = {"w:earthquake": 1.0, "w:magnitude": 1.0, "e:iran": 2.0, "w:hurt": 1.0}
    a = {"e:qeshm": 2.0, "n:5.6": 2.0, "d:11-27": 1.5}
    b = {"e:bushehr": 2.0, "n:6.1": 2.0, "d:04-09": 1.5}
    order = ["a", "b", "a", "b", "a", "b", "a", "b"]
    stories: dict[str, str] = {}
    for i, event in enumerate(order):
        features = {**shared, **(a if event == "a" else b), f"w:x{i}": 1.0}
        assignment = grouper.assign(fp(f"{event}{i}", features))
        stories[assignment.article_id] = assignment.story_id
        for moved in assignment.moved:
            stories[moved] = assignment.split_to or ""
    by_event = {event: {stories[f"{e}{i}"] for i, e in enumerate(order) if e == event} for event in "ab"}
    assert len(by_event["a"]) == 1 and len(by_event["b"]) == 1
    assert by_event["a"] != by_event["b"]


def test_replay_of_the_decisions_gives_the_same_state_and_the_same_next_decisions() -> None:
    rng = random.Random(7)
    events = [{f"e:ev{e}": 2.0, f"n:{100 + e}": 2.0, f"w:topic{e % 3}": 1.0} for e in range(12)]
    stream = []
    for i in range(120):
        e = rng.randrange(12)
        features = {f: w for f, w in events[e].items() if rng.random() < 0.8} | {f"w:noise{rng.randrange(50)}": 1.0}
        stream.append(fp(f"a{i:03d}", features or {"w:empty": 1.0}, day=i // 10))
    live = Grouper()
    decisions = []
    for item in stream[:80]:
        a = live.assign(item)
        joined = a.split_from or a.story_id
        decisions.append((item, None if joined == item.article_id else joined, a.score))
    rebuilt = Grouper()
    for item, joined, score in decisions:
        rebuilt.replay(item, joined, score)
    assert list(rebuilt.stories) == list(live.stories)
    assert rebuilt.postings == live.postings
    for item in stream[80:]:
        assert rebuilt.assign(item) == live.assign(item)


def test_assignment_is_deterministic() -> None:
    texts = [FLOOD, FLOOD_2, PLANT, FLOOD + " More.", PLANT + " Shares fell."]
    runs = []
    for _ in range(2):
        grouper = Grouper()
        runs.append([grouper.assign(fingerprint(make(t))) for t in texts])
    assert runs[0] == runs[1]
    assert len({a.story_id for a in runs[0]}) == 2


def test_label_is_built_from_the_facts_most_reports_share() -> None:
    facts = {"e:marisol teague": 3, "e:teague": 3, "n:312": 2, "d:04-14": 2, "e:rare": 1, "y:2024": 3}
    label = story_label(facts, members=3)
    assert label.startswith("Marisol Teague")
    assert label.count("Teague") == 1  # a part of a name already shown is not repeated
    assert "312" in label and "Apr 14" in label
    assert story_label({"n:1140": 2}, members=2) == "1,140"
    assert "Rare" not in label


def test_without_dates_the_least_recently_joined_story_closes_past_the_limit() -> None:
    grouper = Grouper(max_open=5)
    for i in range(20):
        grouper.assign(fp(f"a{i:02d}", {f"e:only{i}": 2.0, f"n:{5000 + i}": 2.0}))
    assert list(grouper.stories) == [f"a{i:02d}" for i in range(15, 20)]
    assert grouper.closed == 15


def test_facts_of_the_analysis_weigh_in() -> None:
    from factdiff.model import Analysis, DateClaim, Person, Quantity

    article = make(PLANT)
    claims = [
        Person(start=0, end=1, text="x", name="Helen Marchetti"),
        Quantity(start=0, end=1, text="x", value=1850.0),
        DateClaim(start=0, end=1, text="x", value="2025-03-04"),
    ]
    plain = fingerprint(article).features
    analysed = fingerprint(article, Analysis(article=article, claims=claims)).features
    assert analysed["e:helen marchetti"] > plain["e:helen marchetti"]
    assert analysed["n:1850"] > plain["n:1850"]
    assert analysed["d:03-04"] > plain["d:03-04"]


def test_a_restored_snapshot_decides_as_the_original() -> None:
    rng = random.Random(5)
    events = [{f"e:ev{e}": 2.0, f"n:{100 + e}": 2.0, f"w:topic{e % 3}": 1.0} for e in range(15)]
    stream = []
    for i in range(200):
        e = rng.randrange(15)
        features = {f: w for f, w in events[e].items() if rng.random() < 0.8} | {f"w:noise{rng.randrange(40)}": 1.0}
        stream.append(fp(f"a{i:03d}", features, day=i // 8))
    live = Grouper(max_posting=6, window=2)
    for item in stream[:120]:
        live.assign(item)
    assert live.common and live.closed  # the snapshot holds every kind of state
    restored = Grouper.restore(live.snapshot(), max_posting=6, window=2)
    assert restored.postings == live.postings
    assert list(restored.stories) == list(live.stories)
    for item in stream[120:]:
        assert restored.assign(item) == live.assign(item)
