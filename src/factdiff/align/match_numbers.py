"""Report numbers assigned to number and percentage slots: greedy, most certain first, one
divergence per slot and report, and no match for percentages a report computes wrongly from its
own counts (those are judged as ``percent_wrong`` on their own)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from factdiff.align.checks import counted_pair, percent_slot, percent_verdict
from factdiff.align.facts import Fact, at_in_sentence
from factdiff.align.measures import TIME_UNITS, UNITS
from factdiff.align.places import place_relation, same_place
from factdiff.align.relations import concept_relation, context_similarity, fact_concepts, number_relation, same_value
from factdiff.align.slots import Match, Slot
from factdiff.align.words import GENERIC_CONCEPTS, lemma, shared
from factdiff.model import Analysis

#: Words that mark a figure as computed from others ("13.4 feet above flood stage", "a net 1,250").
DERIVATION_CUES = frozenset(
    "above below net leaves left remain remaining rest without combined altogether difference beyond excluding "
    "exceeds".split()
)


@lru_cache(maxsize=1)
def _derivation_cues() -> frozenset[str]:
    """:data:`DERIVATION_CUES` as windows hold them: lemmas ("leaves" is read "leaf" there too)."""
    return frozenset(lemma(w) for w in DERIVATION_CUES)


#: Score taken off a match to a figure of the source's headline ("More Than Eight Years"), so
#: that the body's full figure ("eight years and four months") is preferred.
SOURCE_HEADLINE_PENALTY = 30.0


#: Score taken off a candidate entity swap whose place has a figure of its own in the source.
ENTITY_SWAP_KNOWN_PLACE = 15.0


def _self_computed(analysis: Analysis, found: list[Fact], facts: dict[str, list[Fact]], primary: list[str]) -> set[int]:
    """Percentages a report computes from its own counts ("1,400 positions, or 8% of its 23,500
    employees") and gets wrong: judged against those counts as ``percent_wrong``, not matched to a
    percentage of the source as another number."""
    source_numbers = [f for i in primary for f in facts.get(i, []) if f.family == "number"]
    wrong: set[int] = set()
    for fact in found:
        if fact.family != "percent" or fact.fraction_of is not None:
            continue
        if getattr(fact.claim, "percent_part", None) is not None:
            pair = percent_slot(fact, analysis, source_numbers)
        else:
            pair = counted_pair(fact, analysis)  # "1,734 of 41,280 ... That is 6.2 percent of all ..."
        if pair is not None and percent_verdict(fact.value or 0.0, *pair) == "percent_wrong":
            wrong.add(id(fact))
    return wrong


#: Figures in one unit of measure (yards, metres, not money or time) that make the source's measures
#: too many to tell apart by dimension alone: a game's yards, a race's splits.
CROWDED_UNIT = 3


def _match_numbers(facts: list[Fact], slots: list[Slot]) -> list[Fact]:
    """Greedy assignment, most certain first; returns the facts that fit no slot."""
    candidates: list[tuple[float, int, str, Fact, Slot]] = []
    numbers = [f for f in facts if f.family in ("number", "percent")]
    places = {p for s in slots if s.source is not None for p in s.source.places}
    concepts = frozenset(s.source.concept - GENERIC_CONCEPTS for s in slots if s.source is not None)
    units = Counter(s.source.unit for s in slots if s.source is not None)
    twins = _twins(slots)
    for i, fact in enumerate(numbers):
        for slot in slots:
            if slot.source is None or slot.family != fact.family:
                continue
            if fact.unit != slot.source.unit and fact.unit in twins.get(slot.id, ()):
                continue  # the source also gives this figure in the report's own unit: that row is the one
            sole = slot.source.unit in (*TIME_UNITS, "age") and units[slot.source.unit] == 1
            unit = slot.source.unit
            crowded = unit in UNITS and UNITS[unit][0] != "time" and units[unit] >= CROWDED_UNIT
            found = number_relation(fact, slot.source, concepts, sole, crowded)
            if found is not None:
                relation, score = found
                if slot.source.claim.in_title:
                    score -= SOURCE_HEADLINE_PENALTY  # the source's body states its facts fully
                if relation == "entity_swap" and any(same_place(p, q) for p in fact.places for q in places):
                    # The place is one the source gives another figure for: more likely a place the
                    # extractor took from a neighbouring phrase than a swap.
                    score -= ENTITY_SWAP_KNOWN_PLACE
                candidates.append((score, i, relation, fact, slot))
    values = sorted(
        {(s.source.value, s.source.unit) for s in slots if s.source is not None and s.source.value},
        key=lambda pair: (pair[0], pair[1] or ""),  # a count (no unit) and a sum of the same value
    )
    candidates = [
        c for c in candidates if not (c[2] == "changed" and not c[3].places and _derived(c[3], values, facts))
    ]
    candidates = [_running_total(c, slots) for c in candidates]
    candidates = _placed_first(candidates)
    candidates.sort(key=lambda c: (-c[0], c[1]))
    known = {s.source.value for s in slots if s.source is not None}
    assigned: set[int] = set()
    settled: set[str] = set()  # slots this report states in agreement
    diverged: set[str] = set()
    for _score, i, relation, fact, slot in candidates:
        if i in assigned:
            continue
        # An embedded post is another voice: what the report's own text settles, it does not.
        key = f"{slot.id}|post" if fact.in_post else slot.id
        if relation in ("same", "near"):
            if not fact.claim.in_title:  # a headline compresses: its agreement settles nothing
                settled.add(key)
        elif key in diverged or (key in settled and not _restated(relation, fact, slot, known)):
            continue
        else:
            diverged.add(key)
        assigned.add(i)
        slot.matches.setdefault(fact.article, []).append(Match(fact, relation, _score))
    assigned |= _headline_against_body(numbers, assigned, slots)
    return [f for i, f in enumerate(numbers) if i not in assigned]


#: How far a headline's figure may be from the body's for one fact misstated ("$2.5 million" in
#: the headline, "$2.6 million" in the body): further apart, the headline speaks of another fact.
HEADLINE_RATIO = 1.2


#: Alignment score of a headline figure that its own body contradicts.
HEADLINE_SCORE = 50.0


def _headline_against_body(numbers: list[Fact], assigned: set[int], slots: list[Slot]) -> set[int]:
    """A headline figure that contradicts the report's own body: no slot took it, the body states
    one slot's fact in agreement, in the same unit (a sum in the same currency) and with a figure
    close to the headline's, and the body gives the headline's figure nowhere. The headline
    misstates that fact ("Thieves nab $2.5 million worth of jewellery" over a body that says $2.6
    million with every other report): judged against the slot as a changed figure."""
    body_values = {(f.value, f.unit) for f in numbers if not f.claim.in_title}
    taken: set[int] = set()
    for i, fact in enumerate(numbers):
        if i in assigned or not fact.claim.in_title or fact.family != "number" or not fact.value:
            continue
        if (fact.value, fact.unit) in body_values:
            continue
        fits = []
        for slot in slots:
            body = [
                m.fact
                for m in slot.matches.get(fact.article, [])
                if m.relation in ("same", "near") and not m.fact.claim.in_title and not m.fact.in_post
            ]
            if not body or slot.source is None:
                continue
            stated = body[0]
            small, big = sorted((abs(fact.value), abs(stated.value or 0.0)))
            if (
                stated.unit == fact.unit
                and small > 0
                and big / small <= HEADLINE_RATIO
                and fact_concepts(fact, stated) != "conflict"
                and place_relation(fact.places, stated.places) in ("same", "none")
            ):
                fits.append(slot)
        if len(fits) == 1:
            match = Match(fact, "changed", HEADLINE_SCORE, against_body=True)
            fits[0].matches.setdefault(fact.article, []).append(match)
            taken.add(i)
    return taken


def _placed_first(candidates: list[tuple[float, int, str, Fact, Slot]]) -> list[tuple[float, int, str, Fact, Slot]]:
    """A count the report gives for a place, of the thing a source's count of that place counts,
    is that fact of the source, not an equal figure the source gives for no place: "50,000
    people marched" in Salonika is the changed count of the march in Thessaloniki, not the "more
    than 50,000" witnesses saw in a sentence that names no place; and the report's statement of
    the Thessaloniki march is that figure, not an equal "20,000" it gives elsewhere for no place,
    nor the 20,000 it gives for Patras."""
    placed: set[tuple[int, str]] = set()  # (figure, slot): given for the place the slot's source names
    for _score, i, _relation, fact, slot in candidates:
        source = slot.source
        if (
            fact.places
            and fact.unit is None  # counts: a measure names a place as where it is taken ("at the gauge")
            and source is not None
            and place_relation(fact.places, source.places) == "same"
            and concept_relation(fact.concept, source.concept) == "same"  # the same thing counted, both named
        ):
            placed.add((i, slot.id))
    figures = {i for i, _ in placed}
    kept = [
        c
        for c in candidates
        if not (
            c[2] == "same"
            and c[4].source is not None
            and not c[4].source.places
            and c[1] in figures
            # ... unless the equal figure counts the same named thing ("600 jobs will move to
            # plants in Ashby (205), ..." is the 600 positions transferred, wherever it is put)
            and concept_relation(c[3].concept, c[4].source.concept) != "same"
        )
    ]
    # ... and where that is the figure's best place in the source (not the figure of another place
    # there, "Pine Flat: 2,300" for Harlow's 2,300: an entity swap), the report's other figures (of
    # no place, or of another) are not its statement of that place's fact
    best: dict[int, tuple[float, str]] = {}
    for score, i, _relation, _fact, slot in kept:
        if i not in best or score > best[i][0]:
            best[i] = (score, slot.id)
    slots = {slot_id for i, (_score, slot_id) in best.items() if (i, slot_id) in placed}
    return [c for c in kept if not (c[4].id in slots and (c[1], c[4].id) not in placed)]


#: Words that make a figure a running total ("has so far seized a total of 14 rifles") rather
#: than the count of the event the story is about. "A total of" alone is not one: it sums the
#: parts of one event as often ("a total of 91,680 ballots were cast").
_CUMULATIVE = re.compile(
    r"\b(?:so far|thus far|to date|till date|until now|up to now|cumulative(?:ly)?|running total)\b",
    re.IGNORECASE,
)


def _running_total(
    candidate: tuple[float, int, str, Fact, Slot], slots: list[Slot]
) -> tuple[float, int, str, Fact, Slot]:
    """A report's figure equal to a source's running total ("has thus far confiscated a total of
    14 rifles"), told without any word of a total ("The Navy confiscated 14 rifles from the
    boat"), where the source also counts the same things for the event itself ("six rifles were
    found"): the total given as the event's count, a ``unit_swap`` against the event's figure."""
    score, i, relation, fact, slot = candidate
    source = slot.source
    if relation != "same" or source is None or fact.claim.in_title:
        return candidate
    if not _a_total(source) or _CUMULATIVE.search(fact.sentence) or _ANY_TOTAL.search(fact.sentence):
        return candidate  # a report with any word of a total may well mean the total
    for other in slots:
        theirs = other.source
        if (
            theirs is None
            or other is slot
            or theirs.family != fact.family
            or theirs.unit != fact.unit
            or theirs.value == fact.value
            or theirs.claim.in_title
            or _a_total(theirs)
            or concept_relation(fact.concept, theirs.concept) != "same"
        ):
            continue
        return (score - RUNNING_TOTAL_PENALTY, i, "unit_swap", fact, other)
    return candidate


#: Wider words of a total: a report that uses any of them is not read as giving the total for the
#: event ("has seized 14 rifles since 2009", "a total of 14 rifles").
_ANY_TOTAL = re.compile(
    r"\b(?:a total of|in total|in all|altogether|overall|combined|since|over the (?:past|last)|"
    r"(?:this|last|past) (?:year|season|decade))\b",
    re.IGNORECASE,
)


#: Words between a total's marker and a number that make the number a part of that total ("a
#: total of 91,680 ballots were cast, of which 23,118 ...").
_PART_OF = re.compile(r"\b(?:which|whom|of them|including|among)\b|;", re.IGNORECASE)


def _a_total(fact: Fact) -> bool:
    """Whether a running-total marker before the number governs it: "has thus far confiscated
    14 rifles, 31 magazines", not "so far 91,680 ballots were cast, of which 23,118"."""
    at = at_in_sentence(fact)
    if at < 0:
        return False
    for marker in _CUMULATIVE.finditer(fact.sentence, 0, at):
        if not _PART_OF.search(fact.sentence, marker.end(), at):
            return True
    return False


#: Score taken off a running total read as the event's count: less sure than the figure itself.
RUNNING_TOTAL_PENALTY = 35.0


def _twins(slots: list[Slot]) -> dict[str, set[str]]:
    """For each slot, the other units the source states the same figure in ("14,860 acres (6,014
    hectares)"): a report's figure in one of those units belongs to that row, not to this one."""
    measures = [s for s in slots if s.source is not None and s.source.unit in UNITS and s.source.value]
    twins: dict[str, set[str]] = {}
    for a in measures:
        for b in measures:
            if a is not b and a.source.unit != b.source.unit and same_value(a.source, b.source):  # type: ignore[union-attr]
                twins.setdefault(a.id, set()).add(b.source.unit)  # type: ignore[union-attr,arg-type]
    return twins


#: Sentence similarity a second, different figure for a fact the report already states right
#: needs to be judged too ("41 people died" in the lead, "40 people are dead" further down).
RESTATED_CONTEXT = 60.0


#: ... and a figure at most this many times the source's.
RESTATED_RATIO = 1.5


def _restated(relation: str, fact: Fact, slot: Slot, known: set[float | None]) -> bool:
    """A report that states a fact right once may state it wrongly elsewhere; the second figure
    is judged only with direct evidence that it is the same fact: a figure close to the source's
    that is none of the source's other figures, the same counted noun (not a generic one), the
    same place or none on both sides, and a sentence much like the source's."""
    source = slot.source
    if source is None or relation not in ("changed", "near") or fact.claim.in_title or fact.value in known:
        return False
    small, big = sorted((abs(fact.value or 0.0), abs(source.value or 0.0)))
    if small == 0 or big / small > RESTATED_RATIO:
        return False
    common = shared(fact.concept, source.concept) - GENERIC_CONCEPTS
    return (
        bool(common)
        and concept_relation(fact.concept, source.concept) == "same"
        and place_relation(fact.places, source.places) in ("same", "none")
        and context_similarity(fact, source) >= RESTATED_CONTEXT
    )


def _derived(fact: Fact, values: list[tuple[float, str | None]], facts: list[Fact]) -> bool:
    """A figure the report computed from two source figures (a sum or a difference): 13.4 feet
    above flood stage from 31.4 and 18, 181 without a conviction from 498 and 317. Sums and
    differences of a story's figures cover much of the number line, so the report must also say
    that it computed: a word such as "above", "net" or "leaves" next to the number."""
    if fact.value is None or not (fact.window & _derivation_cues()):
        return False
    if fact.approx != "exact" and fact.near & _derivation_cues():
        return True  # "That leaves about 3,700 children": the report's own rounded arithmetic
    same_unit = [v for v, u in values if u == fact.unit]
    for i, a in enumerate(same_unit):
        for b in same_unit[i + 1 :]:
            for derived in (a + b, abs(a - b)):
                if abs(derived - fact.value) <= 1e-6 * max(1.0, derived):
                    return True
    return False
