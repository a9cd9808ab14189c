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


# --- articles with text, for the benchmarks that run the whole pipeline ------------------------

_SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vel", "dor", "an", "is", "ol", "bra", "ne", "sto", "qui", "mar", "zen")
_VERBS = ("said", "reported", "confirmed", "announced", "told reporters", "wrote in a statement")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")  # fmt: skip


def _word(index: int, parts: int = 3) -> str:
    """A made-up but stable word for an index: ``_word(5) == 'kamiren'``-like."""
    out = []
    for _ in range(parts):
        out.append(_SYLLABLES[index % len(_SYLLABLES)])
        index //= len(_SYLLABLES)
    return "".join(out)


def _name(feature: str) -> str:
    index = int(feature.split("ent", 1)[1])
    return f"{_word(index, 2).capitalize()} {_word(index * 7 + 3, 3).capitalize()}"


def _topic_word(feature: str) -> str:
    value = feature[2:]
    if value.startswith("k"):
        kind, _, n = value[1:].partition("_")
        return _word(int(kind) * 401 + int(n) + 5000, 3)
    return _word(int(value) + 100, 3)


def article_rows(n: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``n`` JSON Lines rows (id, title, text, source, published, event) in publication order.

    The text is built from the same events as :func:`generate`: each report names a part of its
    event's people, figures and topic words in sentences of its own, with filler about other
    things, so grouping and analysis both have real text to work on.
    """
    rng = random.Random(seed)
    for _number, (fp, event) in enumerate(generate(n, seed)):
        names = [_name(f) for f in fp.features if f.startswith("e:ent")]
        words = [_topic_word(f) for f in fp.features if f.startswith("w:")]
        figures = [f[2:] for f in fp.features if f.startswith("n:")]
        day = fp.day or 0
        month, dom = (day // 30) % 12, day % 28 + 1
        sentences = []
        for i, figure in enumerate(figures):
            who = names[i % len(names)] if names else "Officials"
            topic = " ".join(words[(3 * i) % max(len(words), 1) : (3 * i) % max(len(words), 1) + 3]) or "the matter"
            when = f"{_MONTH_NAMES[month]} {dom}"
            sentences.append(f"{who} {rng.choice(_VERBS)} that {figure} {topic} were counted on {when}.")
        rest = words[:30]
        for i in range(0, len(rest), 6):
            source = rng.choice(names or ["the agency"])
            sentences.append(f"The {' '.join(rest[i : i + 6])} continued, according to {source}.")
        rng.shuffle(sentences)
        title_words = " ".join(words[:4]).capitalize()
        yield {
            "id": fp.article_id,
            "title": f"{title_words}: {figures[0] if figures else 'new'} {words[4] if len(words) > 4 else 'reports'}",
            "text": " ".join(sentences),
            "source": f"Outlet {_word(int(fp.outlet[6:]) if fp.outlet else 0, 2).capitalize()}",
            "published": f"2024-{month + 1:02d}-{dom:02d}",
            "event": str(event),
        }
