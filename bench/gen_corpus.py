"""A generated news stream for the grouping scale benchmark: fingerprints, not text.

Many events, each reported by a few to a few dozen articles over a few days. Events share
entities (drawn from one skewed pool, so popular names recur across many events), topic words
(events of one kind share a vocabulary) and numbers (small numbers are everywhere; each event
also has a few specific figures). Each article keeps a random part of its event's facts and adds
noise. Articles come out in publication order, events interleaved.

Fingerprints are generated directly (in the shape :func:`factdiff.group.fingerprint` produces), so
the benchmark measures assignment alone; the analysis of real text is measured elsewhere.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from factdiff.group import Fingerprint

ENTITY_POOL = 200_000
WORD_POOL = 30_000
KINDS = 400  # kinds of event (each with its own topic vocabulary)
EVENTS_PER_DAY = 120


@dataclass(slots=True)
class Event:
    id: int
    day: int
    size: int
    words: list[str]
    entities: list[str]
    numbers: list[str]
    dates: list[str]


def _zipf_index(rng: random.Random, n: int, skew: float = 1.1) -> int:
    """A skewed index in [0, n): popular values recur, the tail is long."""
    u = rng.random()
    return min(n - 1, int(n ** (u**skew)) - 1) if u > 0 else 0


def _figure(rng: random.Random) -> str:
    return f"n:{rng.choice((rng.randint(1, 12), rng.randint(10, 999), rng.randint(1000, 99999)))}"


def _event(rng: random.Random, event_id: int, day: int) -> Event:
    kind = rng.randrange(KINDS)
    kind_rng = random.Random(kind)
    topic = [f"w:k{kind}_{kind_rng.randrange(400)}" for _ in range(25)]
    words = rng.sample(topic, 12) + [f"w:{_zipf_index(rng, WORD_POOL)}" for _ in range(20)]
    entities = [f"e:ent{_zipf_index(rng, ENTITY_POOL)}" for _ in range(rng.randint(3, 7))]
    numbers = [_figure(rng) for _ in range(6)]
    dates = [f"d:{(day // 30) % 12 + 1:02d}-{day % 28 + 1:02d}"]
    size = min(60, 1 + int(rng.expovariate(1 / 7)))
    return Event(event_id, day, size, words, entities, numbers, dates)


def _article(rng: random.Random, event: Event, n: int) -> Fingerprint:
    features: dict[str, float] = {}
    for pool, weight, keep in ((event.words, 1.0, 0.6), (event.entities, 2.0, 0.7), (event.numbers, 2.0, 0.5)):
        for f in pool:
            if rng.random() < keep:
                features[f] = round(weight * (1 + math.log(1 + rng.randrange(3))), 4)
    for f in event.dates:
        if rng.random() < 0.5:
            features[f] = 1.5
    for _ in range(40):  # the rest of the article: common words, names and numbers of other things
        features.setdefault(f"w:{_zipf_index(rng, WORD_POOL)}", 1.0)
    for _ in range(4):
        features.setdefault(f"e:ent{_zipf_index(rng, ENTITY_POOL)}", 2.0)
    for _ in range(3):
        features.setdefault(f"n:{rng.randint(1, 100)}", 2.0)
    day = event.day + min(3, int(rng.expovariate(1.0)))
    return Fingerprint(f"a{n:08d}", features, day, f"outlet{rng.randrange(500)}")


def generate(n: int, seed: int = 0) -> Iterator[tuple[Fingerprint, int]]:
    """``n`` fingerprints in publication order, each with the id of its event (the answer key)."""
    rng = random.Random(seed)
    pending: list[tuple[int, int, Fingerprint, int]] = []  # (day, tiebreak, article, event)
    made = 0
    event_id = 0
    day = 0
    emitted = 0
    while emitted < n:
        # open the events of the next day, then emit every article dated before it
        for _ in range(EVENTS_PER_DAY):
            event = _event(rng, event_id, day)
            for _ in range(event.size):
                fp = _article(rng, event, made)
                heapq.heappush(pending, (fp.day or 0, made, fp, event.id))
                made += 1
            event_id += 1
        while pending and pending[0][0] <= day and emitted < n:
            _, _, fp, eid = heapq.heappop(pending)
            yield fp, eid
            emitted += 1
        day += 1
