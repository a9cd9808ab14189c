"""Slots: one per fact of the primary sources, and the report facts prepared against them.

:class:`Slot` holds the source's fact and, per report, the :class:`Match` of each claim that
states it. The primary sources open the slots (repeats join theirs); report numbers that name
nothing take the source's noun or place when exactly one fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdiff.align.facts import Fact, at_in_sentence
from factdiff.align.labels import _label
from factdiff.align.places import place_key, place_relation, same_person, same_place
from factdiff.align.relations import _quote_score, fact_concepts, same_value
from factdiff.align.words import GENERIC_CONCEPTS, concept_tokens, covered
from factdiff.model import Analysis, DateClaim


@dataclass(slots=True)
class Match:
    """One report's claim placed in a slot, with the relation alignment found."""

    fact: Fact
    relation: str  # same | near | entity_swap | unit_swap | changed
    score: float
    #: A headline figure the report's own body contradicts (the body states the fact in agreement).
    against_body: bool = False


@dataclass(slots=True)
class Slot:
    """One fact of the story: the source's claim and, per report, the claims that state it."""

    id: str
    family: str
    label: str
    source: Fact | None  # the primary source's claim (None for a fact only reports give)
    source_article: str | None = None
    matches: dict[str, list[Match]] = field(default_factory=dict)  # article id -> matches
    derived: dict[str, object] = field(default_factory=dict)  # for percentage slots: part, base


def _slot_id(label: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:48] or "fact"
    slot_id, n = base, 2
    while slot_id in used:
        slot_id = f"{base}_{n}"
        n += 1
    used.add(slot_id)
    return slot_id


def _name_unnamed(facts: dict[str, list[Fact]], primary: list[str], slots: list[Slot]) -> None:
    """A report number that counts only "people", or a part of what the source names, takes the
    source's name for what it counts when exactly one of the source's counted things is named
    right next to it ("86 people as immigration fugitives")."""
    named = {s.source.concept - GENERIC_CONCEPTS for s in slots if s.source is not None and s.family == "number"}
    named.discard(frozenset())
    for article_id, found in facts.items():
        if article_id in primary:
            continue
        for fact in found:
            own = fact.concept - GENERIC_CONCEPTS
            if fact.family != "number" or fact.unit is not None:
                continue  # counts only: a sum of money or a measure is not named by nearby nouns
            # Also a noun the extractor cut short: "312 homes were damaged" counts damaged homes
            # when the source names "homes damaged" and "homes destroyed".
            # A number that names nothing itself takes a name only from its own stretch: "86 people
            # as immigration fugitives and 18 as gang members" names the 86 fugitives, not members.
            fitting = (
                {c for c in named if covered(c, fact.window, strict=True) and own < c}
                if own
                else {c for c in named if covered(c, _own_stretch(fact), strict=True)}
            )
            if len(fitting) == 1:
                fact.concept = fact.concept | fitting.pop()


_OWN_NUMBER = re.compile(r"[^\w]{0,3}\d")


_CLAUSE_END = re.compile(r"[,;:.!?()\n]|\s(?:and|but|while|with)\s")


_DIGIT = re.compile(r"\d")


def _own_stretch(fact: Fact) -> frozenset[str]:
    """The number's window up to the end of its clause or the sentence's next number, whichever
    comes first: the words after belong to another figure ("212 destroyed and 64 damaged, with
    homes accounting for 148": the homes are the 148, not the 64)."""
    at = at_in_sentence(fact)
    if at < 0:
        return fact.window
    end = at + len(fact.claim.text)
    stops = [m.start() for m in (_DIGIT.search(fact.sentence, end), _CLAUSE_END.search(fact.sentence, end)) if m]
    if not stops:
        return fact.window
    return fact.window & concept_tokens(fact.sentence[: min(stops)])


#: Up to three lower-case words between "where" and its number ("where approximately 50,000").
_HEDGE_WORDS = r"(?:[a-z]+\s+){0,3}"
#: A capitalised name after a preposition in the rest of the clause, or before "where" (with or
#: without its comma) or after "in"/"at" just before the number.
_NAME_AFTER = re.compile(r"\b(?:in|into|to|at|from|for)\s+(?:[a-z]+\s+){0,3}([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_NAME_BEFORE = re.compile(
    rf"(?:\b(?:in|at)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),\s*|\b([A-Z][\w'’-]+),?\s+where\s+{_HEDGE_WORDS})$"
)


def _names_at(clause: str, lead: str) -> list[str]:
    """Capitalised names the clause puts its number in: after a preposition in the rest of the
    clause (not one with its own number), or just before the number ("in Salonika where ...")."""
    names = [m.group(1) for m in _NAME_AFTER.finditer(clause) if not _OWN_NUMBER.match(clause, m.end())]
    before = _NAME_BEFORE.search(lead)
    if before is not None:
        names.append(before.group(1) or before.group(2))
    return names


def _clause_places(text: str, facts: list[Fact], places: list[str]) -> None:
    """A place of the source named in the rest of a number's clause ("4,100 more vehicles a day
    will pour into Southport"), for numbers the extractor attached to no place. Only one: a clause
    that names two places says nothing certain about either."""
    for fact in facts:
        if fact.family != "number" or fact.places or fact.unit is not None:
            continue  # counts only: money and measures name places as owners ("the Millhaven closure")
        end = fact.claim.end
        stop = _CLAUSE_END.search(text, end, min(len(text), end + 120))
        clause = text[end : stop.start() if stop else min(len(text), end + 120)]
        # Or just before: "Ulveno, where 24 people died", "In Korlac, 24 people died".
        lead = text[max(fact.claim.sentence_start, fact.claim.start - 60) : fact.claim.start]
        named = []
        for p in places:
            head = re.escape(place_key(p).split("|")[0])
            after = re.search(rf"\b(?:in|into|to|at|from|for)\s+(?:[\w'’]+\s+){{0,3}}{head}\b", clause, re.I)
            before = re.search(rf"(?:\b(?:in|at)\s+{head},\s*|\b{head},?\s+where\s+{_HEDGE_WORDS})$", lead, re.I)
            if (after and not _OWN_NUMBER.match(clause, after.end())) or before:  # "Ashby (250)": its own number
                named.append(p)
        if not named:
            # The place under another of its names ("in Salonika where 50,000 marched" where the
            # source says Thessaloniki): the names the gazetteer gives one place.
            for name in _names_at(clause, lead):
                named.extend(p for p in places if same_place(name, p))
        if len({place_key(p) for p in named}) == 1:
            fact.places = (named[0],)


def _open_slots(slots: list[Slot], facts: list[Fact], article_id: str, used: set[str]) -> None:
    """One slot per distinct fact of a primary source; repeats (headline, summary) join their slot."""
    for fact in facts:
        if fact.in_post:
            continue
        if fact.family == "quote" and (fact.claim.in_title or not getattr(fact.claim, "direct", True)):
            continue
        slot = _existing(slots, fact)
        if slot is None:
            if fact.family == "person" and not getattr(fact.claim, "title", None):
                continue
            label = _label(fact)
            slot = Slot(
                id=_slot_id(label, used), family=fact.family, label=label, source=fact, source_article=article_id
            )
            slots.append(slot)
        elif slot.family == "person" and slot.source is not None and not getattr(slot.source.claim, "title", None):
            slot.source = fact
        slot.matches.setdefault(article_id, []).append(Match(fact, "source", 100.0))


def _existing(slots: list[Slot], fact: Fact) -> Slot | None:
    for slot in slots:
        if slot.family != fact.family or slot.source is None:
            continue
        source = slot.source
        if fact.family in ("number", "percent"):
            if (
                same_value(fact, source)
                and fact_concepts(fact, source) != "conflict"
                and place_relation(fact.places, source.places) in ("same", "none")
            ):
                return slot
        elif fact.family == "date":
            if getattr(fact.claim, "value", None) == getattr(source.claim, "value", None):
                return slot
        elif fact.family == "person":
            if same_person(fact.claim.name, source.claim.name):  # type: ignore[attr-defined]
                return slot
        elif fact.family == "quote" and _quote_score(fact, source) >= 95:
            return slot
    return None


def _announcement_slot(slots: list[Slot], analysis: Analysis, used: set[str]) -> None:
    """The primary source's own date, which reports give as "said Thursday"."""
    published = (analysis.article.published or "")[:10]
    if len(published) != 10 or any(
        s.family == "date" and s.source and getattr(s.source.claim, "value", None) == published for s in slots
    ):
        return
    claim = DateClaim(start=0, end=0, text=published, value=published)
    fact = Fact(article=analysis.article.id, claim=claim, family="date", context="announce said statement release")
    slots.append(
        Slot(
            id=_slot_id("date of the announcement", used),
            family="date",
            label="date of the announcement",
            source=fact,
            source_article=analysis.article.id,
        )
    )
