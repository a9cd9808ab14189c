"""Alignment: the claims of every report of a story lined up as slots, one slot per fact.

The primary sources' claims are the skeleton: each of their quantities, dates, titled people and
direct quotes opens a slot. Every other report's claims are then matched to those slots, most
certain match first:

1. same value, same counted thing, same place (an agreement, a rounding or a hedge);
2. same value, same thing, another place (a candidate ``entity_swap``);
3. same value, same place, another counted noun in a matching sentence (a candidate ``unit_swap``);
4. another value for the same thing in the same place (a candidate ``number_changed``).

A claim that fits no slot is kept as an extra fact; it is ``unsupported`` when no other report
gives it. Matching is pure: :func:`align` takes analyses and returns slots, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from factdiff.model import Analysis, Claim, DateClaim, Duration, Person, Quantity, Quote

__all__ = [
    "Fact",
    "Match",
    "Slot",
    "align",
    "concept_tokens",
    "content_words",
    "facts_of",
    "place_key",
    "same_person",
]

#: Words that carry no content for concept and context comparison.
STOPWORDS = frozenset(
    """
    a an the of in on at to for from by with and or but as is are was were be been being has have had
    that this these those it its their there they them he she his her we our you your i me my
    who whom which what when where while than then so such not no nor into onto over under about
    after before during since until up down out off also more most less least some any all each
    other another both either neither one ones said says say according told per just only very
    will would could should may might can do does did there's it's s
    """.split()
)

#: Synonyms of counted nouns and verbs, reduced to one lemma, so "detained" meets "arrested".
SYNONYMS: dict[str, str] = {
    "detained": "arrest",
    "detain": "arrest",
    "detention": "arrest",
    "custody": "arrest",
    "apprehended": "arrest",
    "apprehend": "arrest",
    "picked": "arrest",
    "rounded": "arrest",
    "arrested": "arrest",
    "arrests": "arrest",
    "arresting": "arrest",
    "persons": "person",
    "people": "person",
    "individuals": "person",
    "individual": "person",
    "immigrants": "person",
    "immigrant": "person",
    "aliens": "person",
    "alien": "person",
    "residents": "person",
    "resident": "person",
    "nations": "country",
    "nation": "country",
    "countries": "country",
    "positions": "job",
    "position": "job",
    "jobs": "job",
    "workers": "job",
    "worker": "job",
    "employees": "job",
    "employee": "job",
    "posts": "job",
    "roles": "job",
    "killed": "death",
    "dead": "death",
    "died": "death",
    "deaths": "death",
    "fatalities": "death",
    "lives": "death",
    "houses": "home",
    "homes": "home",
    "residences": "home",
    "dwellings": "home",
    "structures": "building",
    "buildings": "building",
    "profits": "profit",
    "earnings": "profit",
    "income": "profit",
    "revenues": "revenue",
    "sales": "revenue",
    "turnover": "revenue",
    "injured": "injury",
    "wounded": "injury",
    "injuries": "injury",
    "hurt": "injury",
    "staff": "job",
    "cuts": "job",  # "the remaining 500 cuts" of a workforce: the positions cut
    "layoffs": "job",
    "layoff": "job",
    "redundancies": "job",
    "pupils": "student",
    "students": "student",
    "children": "child",
    "kids": "child",
    # A target by any name ("its 2 percent goal", "its 2 percent target").
    "goal": "target",
    "goals": "target",
    "targets": "target",
    "objective": "target",
    "objectives": "target",
    "aim": "target",
    # What is paid ("a fee of", "the price", "the sum").
    "fees": "fee",
    "price": "fee",
    "prices": "fee",
    "sum": "fee",
    "sums": "fee",
    "percent": "percent",
    "per": "percent",
    "cent": "percent",
}

#: Unit names as extractors or writers give them -> (dimension, factor to the SI base).
UNITS: dict[str, tuple[str, float]] = {
    "foot": ("length", 0.3048),
    "feet": ("length", 0.3048),
    "ft": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "inches": ("length", 0.0254),
    "yard": ("length", 0.9144),
    "mile": ("length", 1609.344),
    "miles": ("length", 1609.344),
    "metre": ("length", 1.0),
    "meter": ("length", 1.0),
    "metres": ("length", 1.0),
    "meters": ("length", 1.0),
    "m": ("length", 1.0),
    "centimetre": ("length", 0.01),
    "centimeter": ("length", 0.01),
    "cm": ("length", 0.01),
    "kilometre": ("length", 1000.0),
    "kilometer": ("length", 1000.0),
    "km": ("length", 1000.0),
    "pound": ("mass", 0.45359237),
    "lb": ("mass", 0.45359237),
    "kilogram": ("mass", 1.0),
    "kg": ("mass", 1.0),
    "ton": ("mass", 907.18474),
    "tonne": ("mass", 1000.0),
    "acre": ("area", 4046.8564224),
    "hectare": ("area", 10000.0),
    "square mile": ("area", 2589988.110336),
    "square kilometre": ("area", 1e6),
    "square kilometer": ("area", 1e6),
    "minute": ("time", 60.0),
    "hour": ("time", 3600.0),
    "day": ("time", 86400.0),
    "week": ("time", 604800.0),
    "month": ("time", 2629746.0),
    "year": ("time", 31556952.0),
    "gallon": ("volume", 3.785411784),
    "litre": ("volume", 1.0),
    "liter": ("volume", 1.0),
    "mph": ("speed", 0.44704),
    "km/h": ("speed", 1 / 3.6),
}

TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})
#: Unit words say how a number is measured, not what it measures ("four years" of what?).
UNIT_WORDS = frozenset(
    "year month week day hour minute second percent cent feet foot metre meter mile kilometre dollar euro pound "
    "million billion thousand".split()
)

#: Relative difference under which two measurements in different units are the same figure: a
#: conversion is usually printed to two or three significant digits (31.4 ft = 9.57 m, printed 9.6).
CONVERSION_TOLERANCE = 0.02

#: Sentence-context similarity (rapidfuzz token_set_ratio on content words) above which two claims
#: with the same value but different counted nouns are taken to state the same fact (unit swap).
UNIT_SWAP_CONTEXT = 55.0
#: The same, between a length of time and a count ("18 months" and "18 vehicles").
CROSS_UNIT_SWAP_CONTEXT = 60.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_LIST_DASH = re.compile(r"^[-–—]\s")
#: Counted nouns too general to tell two facts apart ("498 people", "86 cases").
GENERIC_CONCEPTS = frozenset("person one case count total number figure incident those time".split())
_PERSON = "person"
#: Words that mark a figure as computed from others ("13.4 feet above flood stage", "a net 1,250").
DERIVATION_CUES = frozenset(
    "above below net leaves leav remain remaining rest without combin combined altogether difference beyond "
    "excluding exceed".split()
)
#: Counted nouns that are people, or things only people have, so "people" may stand for them.
PERSON_NOUNS = frozenset(
    "arrest death job member fugitive victim worker student patient voter child adult family case conviction "
    "employee officer soldier passenger injury injured evacuat deport alien immigrant resident homeowner "
    "migrant refugee prisoner inmate suspect affiliate pirat hostage crew sailor tourist fan national citizen "
    "official agent".split()
)
#: Score taken off a match to a figure of the source's headline ("More Than Eight Years"), so
#: that the body's full figure ("eight years and four months") is preferred.
SOURCE_HEADLINE_PENALTY = 30.0
#: Score taken off a candidate entity swap whose place has a figure of its own in the source.
ENTITY_SWAP_KNOWN_PLACE = 15.0
#: Characters either side of a number whose words name what it counts ("a pre-tax restructuring
#: charge of $240 million").
NEAR_WIDTH = 30
#: A changed number is at most this many times larger or smaller than the source's: beyond, the
#: two numbers are more likely different facts in a similar sentence than one fact misreported.
MAX_CHANGE_RATIO = 5.0
#: Context similarity a rounded number needs when neither side names what it counts.
NEAR_CONTEXT = 60.0
#: Context similarity a different number needs to be read as the same fact changed.
CHANGED_CONTEXT = 45.0
#: ... and when both name what they count with the same word ("a profit of", "net income").
CHANGED_CONTEXT_NAMED = 35.0
#: Share of the words around two unnamed counts that must be shared for them to count the same thing.
WINDOW_OVERLAP = 0.4
_US_STATES = {
    "ore": "oregon",
    "calif": "california",
    "ill": "illinois",
    "wash": "washington",
    "mass": "massachusetts",
    "pa": "pennsylvania",
    "colo": "colorado",
    "md": "maryland",
    "n.y": "new york",
    "ny": "new york",
    "tex": "texas",
    "fla": "florida",
    "ga": "georgia",
}


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A crude lemma: lower case, synonyms folded, regular plurals and past tenses cut."""
    word = word.lower().strip("'’-")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if word in SYNONYMS:
        return SYNONYMS[word]
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ions", ""),
        ("ion", ""),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ing", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: len(word) - len(suffix)] + keep
            return SYNONYMS.get(stem, stem)
    return word


def content_words(text: str | None) -> list[str]:
    """Lemmas of the content words of ``text`` (no stop words, no numbers)."""
    if not text:
        return []
    return list(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1)


def concept_tokens(text: str | None) -> frozenset[str]:
    return frozenset(content_words(text))


@lru_cache(maxsize=16384)
def place_key(place: str) -> str:
    """'Portland, Ore.' and 'Portland, Oregon' -> 'portland|oregon'; 'the Greyfield plant' -> 'greyfield'."""
    parts = [p.strip().lower().rstrip(".") for p in place.split(",")]
    head = re.sub(r"^(the|a)\s+", "", parts[0])
    head = re.sub(r"\s+(plant|facility|area|region|metro|site)$", "", head)
    rest = [_US_STATES.get(p, p) for p in parts[1:] if p]
    return "|".join([head, *rest])


#: First words that make a new place of a name ("New York" is not "York").
_PLACE_PREFIXES = frozenset(
    "new old north south east west upper lower great little port fort mount lake saint st san santa los las el la "
    "le des du del de".split()
)


@lru_cache(maxsize=65536)
def same_place(a: str, b: str) -> bool:
    ka, kb = place_key(a).split("|"), place_key(b).split("|")
    if ka[0] != kb[0]:
        # A place cut short by the extractor ("New" for "New York") is still the place.
        wa, wb = ka[0].split(), kb[0].split()
        short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        if (
            len(short) == 1
            and len(long) == 2
            and long[1] == short[0]
            and len(short[0]) >= 4
            and long[0] not in _PLACE_PREFIXES
            and len(ka) + len(kb) == 2
        ):
            return True  # "Okoye" for "Rosalind Okoye": a candidate's figure under the surname
        return bool(short) and long[: len(short)] == short and (len(ka) < 2 or len(kb) < 2)
    # "Portland, Oregon" vs "Portland, Maine": a second part given on both sides must agree.
    return len(ka) < 2 or len(kb) < 2 or ka[1] == kb[1]


def same_person(a: str, b: str) -> bool:
    """Two names of one person: the shared name matcher when present, else surname and initial."""
    try:
        from factdiff.analyse.names import same_person as shared
    except ImportError:  # pragma: no cover - the shared matcher ships with the package
        shared = None
    if shared is not None:
        return shared(a, b)
    wa, wb = a.lower().split(), b.lower().split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0]


@dataclass(slots=True)
class Fact:
    """A claim as alignment sees it: the comparable parts, already normalised."""

    article: str
    claim: Claim
    family: str  # "number" | "percent" | "date" | "person" | "quote"
    value: float | None = None
    unit: str | None = None  # normalised unit or None for a count
    approx: str = "exact"
    concept: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    context: str = ""  # content words of the sentence, numbers and dates out
    window: frozenset[str] = frozenset()  # content words close to the claim in its sentence
    near: frozenset[str] = frozenset()  # content words right next to the claim
    sentence: str = ""
    fraction_of: float | None = None  # "more than half of the 40 beams": a share of this count
    topic: frozenset[str] = frozenset()  # a figure under a field name ("Units: 186,400"): the title's words
    field: frozenset[str] = frozenset()  # ... and the field name's own words

    @property
    def in_post(self) -> bool:
        return self.claim.in_post


@dataclass(slots=True)
class Match:
    """One report's claim placed in a slot, with the relation alignment found."""

    fact: Fact
    relation: str  # same | near | entity_swap | unit_swap | changed
    score: float


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


def facts_of(analysis: Analysis) -> list[Fact]:
    """The comparable facts of one analysed report."""
    article = analysis.article
    text = article.text
    facts: list[Fact] = []
    for claim in analysis.claims:
        sentence = text[claim.sentence_start : claim.sentence_end] if claim.sentence_start >= 0 else claim.text
        context = " ".join(w for w in content_words(sentence) if not w[0].isdigit())
        if isinstance(claim, Quantity):
            unit = _unit(claim.unit)
            is_percent = unit == "percent"
            concept = frozenset(w for w in concept_tokens(claim.concept) if w != "percent")
            # A capitalised word inside the sentence is a name or a nationality ("23 Somali",
            # "11 Yemeni suspects"): it says whose, not what is counted.
            proper = {lemma(w) for w in re.findall(r"(?<=[a-z0-9,;] )[A-Z][a-z]+", sentence)}
            concept = concept - proper if concept - proper else concept
            places = tuple(p for p in claim.places if place_key(p).split("|")[0] not in GENERIC_PLACES)
            numbered = _numbered_place(text, claim)
            if numbered and all(numbered.startswith(p) for p in places):
                places = (numbered,)  # "highest in Ward 6, at 58.3 percent": the ward, with its number
            label = _field_label(text, claim.start, claim.sentence_start)
            if label:
                # "Size: 14,860 acres", "Units: About 186,400": a notice's field name, not a place.
                places = tuple(p for p in places if p != label.group(1))
            topic = concept_tokens(article.title) if label and not concept else frozenset()
            field_words = concept_tokens(label.group(1)) if label and not concept else frozenset()
            value = claim.number
            if value < 0 and _LIST_DASH.match(claim.text):
                value = -value  # "- 498 people": a list item's dash read as a minus sign
            aged = unit is not None and "age" in unit
            whose = _age_of(text, claim) if unit is None or aged else None
            if whose:
                concept = frozenset({"age", whose.lower()})  # "Martin Keel, 54,": Keel's age
                unit = "age"
            elif aged:
                unit = "age"
            elif unit == "rank":
                ranked = _RANKED.search(text, claim.sentence_start if claim.sentence_start >= 0 else 0, claim.start)
                concept = frozenset({"rank"})
                if ranked and not places:
                    places = (ranked.group(1),)  # "Dunmoor County ranked 13th": the rank's holder
            fraction_of = None
            whole = claim.part_of
            if whole is None and unit is None and 0 < value < 1:
                of = _FRACTION_OF.match(text, claim.end)  # "a third of the bridge's 30 girders"
                whole = float(of.group(1).replace(",", "")) if of else None
            if unit is None and 0 < value < 1 and whole and _FRACTION.search(claim.text):
                # "more than half of the steel beams": a share of a count, judged like a percentage.
                is_percent, unit, value, fraction_of = True, "percent", 100 * value, whole
            facts.append(
                Fact(
                    article=article.id,
                    claim=claim,
                    fraction_of=fraction_of,
                    topic=topic,
                    field=field_words,
                    family="percent" if is_percent else "number",
                    value=value,
                    unit=unit,
                    approx=claim.approx,
                    concept=concept,
                    places=places,
                    context=context,
                    window=_window_concept(text, claim),
                    near=_phrase_words(text, claim),
                    sentence=sentence,
                )
            )
        elif isinstance(claim, Duration):
            if claim.amount is None or _is_rate(text, claim):
                continue
            facts.append(
                Fact(
                    article=article.id,
                    claim=claim,
                    family="number",
                    value=claim.amount,
                    unit=_unit(claim.unit),
                    approx=claim.approx,
                    concept=frozenset(),  # what lasts is in the words around it, not in the unit
                    context=context,
                    window=_window_concept(text, claim),
                    near=_phrase_words(text, claim),
                    sentence=sentence,
                )
            )
        elif isinstance(claim, DateClaim):
            if claim.value and not _date_in_name(text, claim):
                window = _window_concept(text, claim, 50)
                facts.append(
                    Fact(
                        article=article.id,
                        claim=claim,
                        family="date",
                        context=context,
                        window=window,
                        sentence=sentence,
                    )
                )
        elif isinstance(claim, Person):
            if claim.name:
                facts.append(Fact(article=article.id, claim=claim, family="person", context=context, sentence=sentence))
        elif isinstance(claim, Quote) and claim.quote and len(claim.quote.split()) >= 2:
            facts.append(Fact(article=article.id, claim=claim, family="quote", context=context, sentence=sentence))
    _share_elided_nouns(text, facts)
    return facts


_COORDINATED = re.compile(r"^[^.;:\d]{0,80}?(?:,\s*|\s)(?:and|or)\s+$")
_ELIDED_AFTER = re.compile(r"\s*(?:$|[,;.)]|(?:at|in|on|for|from|by)\b)")


def _share_elided_nouns(text: str, facts: list[Fact]) -> None:
    """A bare count in a coordinated clause counts what its sibling counts: in "132,900 were
    treated at Merriton General and 58,400 at Dunmore", the 58,400 were treated too."""
    previous: Fact | None = None
    for fact in facts:
        if fact.family != "number" or fact.claim.kind != "quantity":
            continue
        claim = fact.claim
        if (
            previous is not None
            and previous.claim.sentence_start == claim.sentence_start
            and previous.unit is None
            and fact.unit is None
            and previous.concept
            and not fact.concept
            and not getattr(claim, "concept", None)
            and _COORDINATED.match(text[previous.claim.end : claim.start])
            and _ELIDED_AFTER.match(text, claim.end)
        ):
            fact.concept = previous.concept
        previous = fact


_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z&'’-]*[ -]$")


def _date_in_name(text: str, claim: Claim) -> bool:
    """A capitalised "Today" right after a capitalised word ends a name ("HealthSec Today reported",
    "USA Today"), not a date."""
    if claim.text.strip() != "Today":
        return False
    found = _NAME_BEFORE.search(text[max(claim.sentence_start, claim.start - 40, 0) : claim.start])
    if not found:
        return False
    return found.group(0).strip(" -").lower() not in STOPWORDS


#: A numbered district named just before a figure: "in Ward 6, at 58.3 percent".
_NUMBERED_PLACE = re.compile(r"\bin ([A-Z][a-z]+ \d{1,3})\b(?=[^.;:\d]{0,30}$)")


def _numbered_place(text: str, claim: Claim) -> str | None:
    start = max(claim.sentence_start, claim.start - 60, 0)
    found = _NUMBERED_PLACE.search(text[start : claim.start])
    if found is None or found.group(1).split()[0].lower() in _DATE_WORDS:
        return None
    return found.group(1)


#: A field name opening a line of a notice: "Units: About 186,400".
_FIELD_LABEL = re.compile(r"([A-Z][a-z]+(?: [a-z]+)?):\s")
_LATER_FIELD = re.compile(r"(?<=[.;] )([A-Z][a-z]+(?: [a-z]+)?):\s+(?:[A-Za-z]+\s+)?$")
#: A line of a list of names and figures ("Denver: 36"): the name is the figure's owner.
_LISTED_LINE = re.compile(r"[-–—•*]?\s*[A-Z][\w.’' ,]*:\s*[\d$€£]")


def _field_label(text: str, at: int, sentence_start: int) -> re.Match[str] | None:
    """The field name that opens the line or the sentence of position ``at``, unless the lines
    around it list names with figures in the same way."""
    start = text.rfind("\n", 0, at) + 1
    label = _FIELD_LABEL.match(text, start) or (
        _FIELD_LABEL.match(text, sentence_start) if sentence_start > 0 else None
    )
    if label is None or label.end() < at - 20:
        # "Size: 14,860 acres (6,014 hectares). Containment: 35 percent.": the field right before
        label = _LATER_FIELD.search(text, start, at) or label
    if label is None:
        return None
    end = text.find("\n", at)
    before = [line for line in text[:start].split("\n")[-3:] if line.strip()][-1:]
    after = [line for line in text[end:].split("\n")[:3] if line.strip()][:1] if end >= 0 else []
    return None if any(_LISTED_LINE.match(line.strip()) for line in before + after) else label


#: "Martin Keel, 54," "Keel, 45, was": a person's age after the name; "aged 54".
_AGE_BEFORE = re.compile(r"(?:\b([A-Z][a-z’'\-]+),\s*|\b([A-Z][a-z’'\-]+)\s*\(|\baged\s+)$")
_LISTED = re.compile(r"\b([A-Z][a-z’'\-]+)(?:,\s*|\s*\()\d+\b")
_AGE_AFTER = re.compile(r"^\s*(?:[,;.)]|$)")
_RANKED = re.compile(
    r"([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*)\s+(?:ranked|finished|placed|came|was|is|ranks|finishes)\s+"
    r"(?:[a-z]+\s+){0,2}$"
)


def _age_of(text: str, claim: Claim) -> str | None:
    """The surname whose age a bare number is ("Martin Keel, 54, ..."), else None."""
    if not claim.text.isdigit() or not 0 < int(claim.text) < 120:
        return None
    before = _AGE_BEFORE.search(text, max(0, claim.start - 40), claim.start)
    if before is None or not _AGE_AFTER.match(text[claim.end : claim.end + 3]):
        return None
    name = before.group(1) or before.group(2)
    if name is not None:
        # "Martin Keel, 54" or "Mr. Keel, 54": a first name or courtesy title before the surname,
        # and no preposition before the whole ("in Los Angeles, 101" is a place in a list).
        lead = text[max(0, before.start() - 30) : before.start()].split()
        opens = before.start() == claim.sentence_start  # "Valmar, 24, completed his medical"
        if not opens and (not lead or not (lead[-1][:1].isupper() or lead[-1] in ("Mr.", "Mrs.", "Ms.", "Dr."))):
            return None
        if not opens and len(lead) > 1 and lead[-2].lower() in _PREPOSITIONS:
            return None
        listed = _LISTED.finditer(text, claim.sentence_start, claim.sentence_end)
        if len([m for m in listed if m.group(1).lower() not in _DATE_WORDS]) > 1:  # not "Sunday, 12 July"
            return None  # "Los Angeles, 101; Denver, 63": a list of places and counts
    if name is None:  # "aged 54": the name before it in the sentence
        names = re.findall(r"\b[A-Z][a-z’'\-]+\b", text[max(0, claim.start - 80) : before.start()])
        name = names[-1] if names else None
    if name is None or name.lower() in _DATE_WORDS or name.lower() in _CLOSED:
        return None
    return name


_FRACTION = re.compile(r"\b(?:half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)\b", re.I)
_FRACTION_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’']+[’']s\s+)?(\d[\d,]*)\b")
_RATE_DURATION = re.compile(r"^(?:a|an|one|per|each|every)\s+[a-z]+$", re.I)
_BEFORE_WORD = re.compile(r"([\w$%,.]+)\s*$")


def _is_rate(text: str, claim: Claim) -> bool:
    """ "4,100 more vehicles a day", "$1.37 a share", "twice a year": "a day" after a noun or a
    number is part of a rate, not a length of time ("closed for a day", "spent a day" are)."""
    if not _RATE_DURATION.match(claim.text.strip()):
        return False
    if claim.text.split()[0].lower() in ("per", "each", "every"):
        return True
    before = _BEFORE_WORD.search(text, max(0, claim.start - 40), claim.start)
    if before is None:
        return False
    word = before.group(1).lower()
    if word[0].isdigit() or word[0] in "$%" or word in ("twice", "once", "thrice", "times"):
        return True
    return word.isalpha() and word not in _CLOSED and word not in _IRREGULAR_VERBS and not word.endswith("ed")


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = unit.strip().lower()
    if unit in ("%", "pct", "per cent", "percentage", "percentage points"):
        return "percent"
    if unit in ("usd", "$", "dollar", "dollars"):
        return "USD"
    if unit.endswith("s") and unit[:-1] in UNITS:
        return unit[:-1]
    return unit


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_PHRASE_STOP = re.compile(r"[,;:.!?()\[\]\"“”—–]|\d")


def _phrase_words(text: str, claim: Claim) -> frozenset[str]:
    """Content words of a number's own phrase: from the punctuation or number before it to the
    one after it, at most NEAR_WIDTH characters each way ("restructuring charge of about")."""
    lo = claim.sentence_start if claim.sentence_start >= 0 else 0
    hi = claim.sentence_end if claim.sentence_end >= 0 else len(text)
    start = max(lo, claim.start - NEAR_WIDTH)
    while start > lo and text[start - 1].isalpha():  # whole words only
        start -= 1
    before = text[start : claim.start]
    stops = list(_PHRASE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    end = min(hi, claim.end + NEAR_WIDTH)
    while end < hi and text[end].isalpha():
        end += 1
    after = text[claim.end : end]
    stop = _PHRASE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    return concept_tokens(before + " " + after)


def _window_concept(text: str, claim: Claim, width: int = 60) -> frozenset[str]:
    """Content words right around a number whose counted noun the extractor did not name."""
    lo = claim.sentence_start if claim.sentence_start >= 0 else 0
    hi = claim.sentence_end if claim.sentence_end >= 0 else len(text)
    start, end = max(lo, claim.start - width), min(hi, claim.end + width)
    while start > lo and text[start - 1].isalpha():  # whole words only
        start -= 1
    while end < hi and text[end].isalpha():
        end += 1
    return concept_tokens(text[start:end])


def convert(value: float, unit: str | None, to_unit: str | None) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when the units measure different things."""
    if unit == to_unit:
        return value
    if unit is None or to_unit is None:
        return None
    a, b = UNITS.get(unit), UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def same_value(a: Fact, b: Fact) -> bool:
    """Equal values, allowing for a printed unit conversion."""
    if a.value is None or b.value is None:
        return False
    converted = convert(a.value, a.unit, b.unit)
    if converted is None:
        return False
    if a.unit == b.unit:
        return abs(converted - b.value) <= 1e-9 * max(1.0, abs(b.value))
    return abs(converted - b.value) <= CONVERSION_TOLERANCE * max(abs(b.value), 1e-9)


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ee", "ese", "at")


def _people(concept: frozenset[str]) -> bool:
    """Whether a counted noun names people: "person", a known people noun, or an agent noun."""
    return any(w == _PERSON or w in PERSON_NOUNS or (len(w) > 4 and w.endswith(_AGENT_SUFFIXES)) for w in concept)


def concept_relation(a: frozenset[str], b: frozenset[str]) -> str:
    """'same' (one holds the other), 'conflict' (each has a word the other lacks) or 'unknown'."""
    a, b = a - GENERIC_CONCEPTS, b - GENERIC_CONCEPTS
    if not a or not b:
        return "unknown"
    if a <= b or b <= a:
        return "same"
    return "conflict"


def fact_concepts(a: Fact, b: Fact) -> str:
    """Concept relation of two numbers, where a conflict must survive a look at the other's
    words: "104 deported" and "104 criminal aliens who had been previously deported" agree."""
    relation = concept_relation(a.concept, b.concept)
    ca, cb = a.concept - GENERIC_CONCEPTS, b.concept - GENERIC_CONCEPTS
    if relation == "conflict" and (ca <= b.window or cb <= _beside(a)):
        # One's counted noun is next to the other's number: two words for one thing, or an
        # extractor that took its noun from a neighbouring phrase. In the report (``a``), next to
        # means in the number's own phrase or after it ("104 criminal aliens who had been
        # previously deported"), not in an earlier phrase ("Across the country, officers ... came
        # from 42 businesses"): the noun the report puts at its number is what it counts.
        return "same"
    if relation == "conflict" and getattr(a.claim, "part_of", None) and cb <= a.window:
        # "312 of them ... were destroyed": a part takes its whole's noun from the extractor, so
        # the source's own words next to the number count.
        return "same"
    if relation == "unknown" and ((ca and ca <= b.window) or (cb and cb <= a.window)):
        return "same"
    if relation == "unknown" and ca and not cb and ca <= b.topic:
        return "same"  # "168,400 kettles" for "Units: About 186,400" in a notice of a kettle recall
    if relation == "unknown" and (ca or cb) and _PERSON in (a.concept | b.concept) - (ca | cb):
        # "22,000 residents" for "22,000 vehicles": people against things the source counts
        # without a word for people near them.
        named = a if ca else b
        if not _people(named.concept):
            return "conflict"
    if relation == "conflict" and _people(ca) and _people(cb):
        # "23 pirates" and "23 piracy suspects": two descriptions of the same people, where a
        # unit swap changes the kind of thing counted (countries for cities, homes damaged for
        # homes destroyed).
        return "unknown"
    if relation == "unknown" and not ca and not cb:
        # Neither names what it counts ("two people"): the words around the numbers decide.
        wa, wb = a.window - GENERIC_CONCEPTS - UNIT_WORDS, b.window - GENERIC_CONCEPTS - UNIT_WORDS
        if wa and wb and len(wa & wb) >= WINDOW_OVERLAP * min(len(wa), len(wb)):
            return "same"
    return relation


def _beside(fact: Fact) -> frozenset[str]:
    """Content words of a number's own phrase and of the words after it in its window."""
    return fact.near | _after_window(fact.sentence, fact.claim.text)


@lru_cache(maxsize=65536)
def _after_window(sentence: str, surface: str, width: int = 60) -> frozenset[str]:
    at = sentence.find(surface)
    if at < 0:
        return concept_tokens(sentence)
    end = min(len(sentence), at + len(surface) + width)
    while end < len(sentence) and sentence[end].isalpha():
        end += 1
    return concept_tokens(sentence[at + len(surface) : end])


def place_relation(a: Iterable[str], b: Iterable[str]) -> str:
    a, b = list(a), list(b)
    if not a or not b:
        return "unknown" if (a or b) else "none"
    if any(same_place(x, y) for x in a for y in b):
        return "same"
    return "conflict"


def context_similarity(a: Fact, b: Fact) -> float:
    return _context_ratio(a.context, b.context)


@lru_cache(maxsize=65536)
def _context_ratio(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(a, b))


def _money(unit: str | None) -> bool:
    from factdiff.analyse.units import CURRENCIES

    return unit is not None and (unit in CURRENCIES or unit.upper() in CURRENCIES)


def _units_comparable(a: Fact, b: Fact) -> bool:
    if a.unit == b.unit:
        return True
    return convert(1.0, a.unit, b.unit) is not None


def number_relation(
    report: Fact, source: Fact, others: frozenset[frozenset[str]] = frozenset(), sole: bool = False
) -> tuple[str, float] | None:
    """How a report's number relates to a source number, with a score; None when unrelated."""
    if not _units_comparable(report, source):
        if (
            _money(report.unit)
            and _money(source.unit)
            and report.value == source.value
            and report.approx == "exact"
            and not report.claim.in_title
            and place_relation(report.places, source.places) != "conflict"
            and fact_concepts(report, source) != "conflict"
        ):
            return "unit_swap", 62.0  # "£38m up front" for "a fee of €38 million": the sum in another currency
        # "over 18 vehicles" for "over 18 months": the same number counting another kind of thing.
        timed = {report.unit, source.unit} & {"day", "week", "month", "year", "hour", "minute"}
        if (
            timed
            and None in (report.unit, source.unit)
            and report.value == source.value
            and not report.claim.in_title
            and place_relation(report.places, source.places) != "conflict"
            and context_similarity(report, source) >= CROSS_UNIT_SWAP_CONTEXT
            and report.window - UNIT_WORDS - TIME_UNITS - {w.lower() for w in report.claim.text.split()}
            # "After three days.": a bare length of time, with no word of what it counts
        ):
            return "unit_swap", 55.0
        return None
    concept = fact_concepts(report, source)
    place = place_relation(report.places, source.places)
    context = context_similarity(report, source)
    equal = same_value(report, source)
    if (
        not equal
        and report.unit != source.unit
        and report.value == source.value
        and report.approx == "exact"
        and UNITS.get(report.unit or "", ("",))[0] not in ("", "time")
        and UNITS.get(report.unit or "", ("",))[0] == UNITS.get(source.unit or "", ("?",))[0]
        and place != "conflict"
        and concept != "conflict"
        and not report.claim.in_title
    ):
        return "unit_swap", 65.0 + context / 10  # "12 miles below the surface" for 12 kilometres
    if equal and concept == "same" and concept_relation(report.concept, source.concept) == "conflict":
        # The report's noun is the noun of another of the source's facts ("114 buildings were
        # damaged" where 114 collapsed and 1,930 were damaged): the source's sentence holding
        # both nouns does not make them one thing.
        own = report.concept - GENERIC_CONCEPTS
        if (
            own
            and own <= report.near  # the report's own words at its number, not a name lent to it
            and not _people(own)  # "people arrested" describes every count of an arrest story
            and not (source.concept - GENERIC_CONCEPTS) <= _beside(report)  # "312 were destroyed"
            and any(own == other for other in others if other != source.concept - GENERIC_CONCEPTS)
        ):
            concept = "conflict"
    if equal:
        if concept != "conflict" and place in ("same", "none"):
            return "same", 100.0 + context / 10
        if concept != "conflict" and place == "unknown":
            return "same", 90.0 + context / 10
        if concept != "conflict" and place == "conflict" and not _place_of_speaker(report):
            return "entity_swap", 70.0 + context / 10
        # "312 homes damaged" for "312 homes destroyed": the same head noun with the words of
        # another fact of the source. Other modifiers ("speed boats", "small boats") describe.
        own = report.concept - GENERIC_CONCEPTS
        common = _fuzzy_common(report.concept - GENERIC_CONCEPTS, source.concept - GENERIC_CONCEPTS)
        theirs = source.concept - GENERIC_CONCEPTS
        # The report's own words, or those it does not share with the source ("212 homes destroyed"
        # for "212 buildings destroyed"), are the noun of another of the source's facts.
        shared_head = common and any(
            own <= other or (own - theirs and own - theirs <= other) for other in others if other != theirs
        )
        if common and not shared_head:
            return None
        if report.family == "percent" and not shared_head and place in ("same", "none"):
            # "10 percent of the transfer" for "10 percent of the fee": the same share of a sum the
            # report names in its own words, unless its word is what another fact counts.
            return "same", 85.0 + context / 10
        if (
            concept == "conflict"
            and place in ("same", "none", "unknown")
            and (context >= UNIT_SWAP_CONTEXT or shared_head)
        ):
            return "unit_swap", 60.0 + context / 10
        if report.claim.in_title and place != "conflict":
            return "same", 50.0  # a headline names its numbers loosely ("$38.5 million rebuild")
        return None
    if _within_bound(report, source):
        return None  # "20 firefighters" under the source's "up to 40": consistent, not changed
    measured = (report.unit is not None and report.unit in UNITS) or _money(report.unit)
    # A measure (a crest of 31.4 feet) names its quantity by its dimension; a length of time does
    # not ("four years" may be a sentence asked for or one handed down).
    physical = report.unit is not None and report.unit in UNITS and UNITS[report.unit][0] != "time"
    named = concept == "same" or (concept == "unknown" and (context >= NEAR_CONTEXT or measured))
    named = named or _same_thing(report, source)
    if place in ("same", "none", "unknown") and named and _near(report, source):
        return "near", 80.0 + context / 10
    # Another number for the same thing needs stronger evidence than the same number does: news
    # is full of other sums of money and other counts of similar things.
    # ``sole``: the source gives one length of time in this unit, so a report's is that one.
    sole = sole and report.unit == source.unit
    if report.unit in TIME_UNITS and report.unit != source.unit:
        return None  # "two hours" against "three days": another length of time, not this one changed
    # "The 25-year-old" where the source gives one age, and no other name is near the report's.
    sole_age = sole and source.unit == "age" and "year" in report.claim.text.lower() and not _names_near(report)
    strong = concept != "conflict" and (
        _same_thing(report, source)
        or (concept == "unknown" and (place == "same" or physical or (sole and report.unit in TIME_UNITS)))
    )
    strong = strong or sole_age
    if strong and (place in ("same", "none") or (place == "unknown" and not report.places)):
        if report.claim.in_title:
            return None  # headlines compress: a different number there is rarely the same fact
        if place != "same" and _other_names(report, source):
            return None  # "Hunter's $90 million deal" and "Teixeira's $161 million deal"
        big = max(abs(report.value or 0), abs(source.value or 0))
        small = min(abs(report.value or 0), abs(source.value or 0))
        if small == 0 or big / small > MAX_CHANGE_RATIO:
            return None
        named_alike = bool((report.concept & source.concept) - GENERIC_CONCEPTS) or bool(
            (report.near & source.near) - GENERIC_CONCEPTS - STOPWORDS - UNIT_WORDS
        )
        fielded = _fielded(report, source)
        if context >= CHANGED_CONTEXT or (named_alike and context >= CHANGED_CONTEXT_NAMED) or fielded:
            return "changed", 40.0 + context / 10
        if sole_age:
            return "changed", 40.0 + context / 10
    return None


_NAME_WORD = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _names_near(fact: Fact) -> frozenset[str]:
    """Capitalised words in the number's clause, not at a sentence start: whose figure it is."""
    sentence, at = fact.sentence, fact.sentence.find(fact.claim.text)
    if at < 0:
        return frozenset()
    lo = max(sentence.rfind(",", 0, at), sentence.rfind(";", 0, at), 0)
    hi = min(i for i in (sentence.find(",", at), sentence.find(";", at), len(sentence)) if i >= 0)
    words = {w.lower() for m in _NAME_WORD.finditer(sentence[lo:hi]) for w in m.group().split()}
    return frozenset(words - _DATE_WORDS)


def _other_names(report: Fact, source: Fact) -> bool:
    """Both numbers' clauses name someone or something, and none of the names is shared: two
    figures of the same kind that belong to different people, teams or seasons."""
    a, b = _names_near(report), _names_near(source)
    return bool(a) and bool(b) and not (a & b)


def _fuzzy_common(a: frozenset[str], b: frozenset[str]) -> bool:
    """A word in common, allowing one inside the other ("quake", "earthquake") or a spelling
    variant."""
    return any(
        x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)) or fuzz.ratio(x, y) >= 85 for x in a for y in b
    )


#: Words that name a kind of place, not a place ("County damage teams have counted ...").
GENERIC_PLACES = frozenset(
    "county city state province region district country nation town village area capital state's county's "
    "city's".split()
)
_SPEECH = re.compile(r"\b(?:say|says|said|told|tell|reported|reports|according|announced|estimated?)\b", re.I)


def _place_of_speaker(fact: Fact) -> bool:
    """A place the sentence gives to whoever speaks ("Pruitt County emergency officials say 1,140
    homes ..."), which says where the statement comes from, not where the figure belongs."""
    text, start = fact.sentence, fact.sentence.find(fact.claim.text)
    if start < 0 or not fact.places:
        return False
    for place in fact.places:
        at = text.find(place.split(",")[0])
        if 0 <= at < start and _SPEECH.search(text, at, start):
            return True
    return False


def _within_bound(report: Fact, source: Fact) -> bool:
    if report.value is None or source.value is None or report.approx != "exact":
        return False
    if source.approx in ("up_to", "under"):
        return report.value < source.value
    if source.approx in ("at_least", "over"):
        return report.value > source.value
    return False


def _same_thing(report: Fact, source: Fact) -> bool:
    """Direct evidence that two numbers count the same thing: a shared counted noun, the report's
    noun right next to the source's number (or the other way), or, when neither names what it
    counts, mostly the same words around both."""
    ca, cb = report.concept - GENERIC_CONCEPTS, source.concept - GENERIC_CONCEPTS
    if ca & cb and concept_relation(report.concept, source.concept) == "same":
        return True
    if not cb and _fielded(report, source):
        return True  # the report's noun is what the notice is about, or the field's name
    if ca and cb and not ca & cb:
        return False  # each names what it counts, and the names differ
    if (ca and ca <= source.near) or (cb and cb <= report.near):
        return True
    if not ca and cb & report.near:
        return True  # "The project will cost $35.8 million" for "The $38.5 million project"
    if not ca and not cb:
        # Neither names what it counts: the words of the numbers' own phrases ("restructuring
        # charge of $240 million"), or else mostly the same words around them.
        shared = (report.near & source.near) - GENERIC_CONCEPTS - STOPWORDS - UNIT_WORDS
        return bool(shared) or fact_concepts(report, source) == "same"
    return False


def _fielded(report: Fact, source: Fact) -> bool:
    """A source figure under a field name that the report's number is named for: by what the
    notice is about ("168,400 kettles" for "Units: About 186,400" in a kettle recall) or by the
    field's own word ("53% contained" for "Containment: 35 percent")."""
    own = report.concept - GENERIC_CONCEPTS
    if own and source.topic and own <= source.topic:
        return True
    return bool(source.field) and _fuzzy_common(source.field, report.near | own)


def _near(report: Fact, source: Fact) -> bool:
    """A rounding or hedge of the source value (judged precisely in judge.py)."""
    from factdiff.judge import is_rounding

    if report.value is None or source.value is None:
        return False
    converted = convert(report.value, report.unit, source.unit)
    if converted is None:
        return False
    if report.unit != source.unit:
        # "eight years" for "eight years and four months" (100 months): a length of time told in
        # a larger unit with its remainder dropped.
        step = convert(1.0, report.unit, source.unit)
        return (
            report.unit in TIME_UNITS
            and source.unit in TIME_UNITS
            and step is not None
            and step > 1
            and float(report.value).is_integer()
            and 0 < source.value - converted < step - 1e-9
        )
    if report.approx != "exact":
        return abs(converted - source.value) <= 0.15 * abs(source.value)
    return is_rounding(converted, source.value)


def _slot_id(label: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:48] or "fact"
    slot_id, n = base, 2
    while slot_id in used:
        slot_id = f"{base}_{n}"
        n += 1
    used.add(slot_id)
    return slot_id


#: Context similarity (rapidfuzz token_set_ratio of the sentences' content words) above which a
#: report's other date is taken to date the same event as a source date.
DATE_CONTEXT = 40.0
#: How much better another source date's sentence must fit before a date equal to one source date
#: is read as a changed date of the other event.
DATE_MARGIN = 15.0
#: Plain words two date sentences must share at the least to be about one event.
DATE_SHARED_WORDS = 2
#: rapidfuzz partial_ratio above which a report's quote is a rendering of a source quote.
QUOTE_MATCH = 75.0
#: A source quote this long may be found inside a longer report quote as well as the best match;
#: shorter ones ("the first of many") match inside unrelated words too easily.
QUOTE_RUN_ON_WORDS = 6


def align(analyses: list[Analysis], primary: list[str], facts: dict[str, list[Fact]] | None = None) -> list[Slot]:
    """Slots for a story: the primary sources' facts, each with every report's matching claims."""
    by_id = {a.article.id: a for a in analyses}
    if facts is None:
        facts = {a.article.id: facts_of(a) for a in analyses}
    used: set[str] = set()
    slots: list[Slot] = []
    for source_id in primary:
        if source_id in by_id:
            _open_slots(slots, facts[source_id], source_id, used)
            _announcement_slot(slots, by_id[source_id], used)
    announced = {(by_id[i].article.published or "")[:10] for i in primary if i in by_id}
    source_places = sorted({p for s in slots if s.source is not None for p in s.source.places})
    _name_unnamed(facts, primary, slots)
    if source_places:
        for article_id, found in facts.items():
            if article_id not in primary:
                _clause_places(by_id[article_id].article.text, found, source_places)
    number_slots = [s for s in slots if s.family in ("number", "percent")]
    date_slots = [s for s in slots if s.family == "date"]
    person_slots = [s for s in slots if s.family == "person"]
    quote_slots = [s for s in slots if s.family == "quote"]
    extras: dict[tuple, Slot] = {}
    for analysis in analyses:
        article_id = analysis.article.id
        if article_id in primary:
            continue
        own = _self_computed(analysis, facts[article_id], facts, primary)
        leftover = _match_numbers([f for f in facts[article_id] if id(f) not in own], number_slots)
        for fact in facts[article_id]:
            if fact.family == "date":
                beside = {
                    getattr(f.claim, "value", None)
                    for f in facts[article_id]
                    if f.family == "date" and f is not fact and f.claim.sentence_start == fact.claim.sentence_start
                }
                _match_date(fact, date_slots, announced, beside)
            elif fact.family == "person":
                _match_person(fact, person_slots)
            elif fact.family == "quote":
                _match_quote(fact, quote_slots)
        for fact in leftover:
            if fact.family == "percent":
                continue  # judged against the source's parts (judge.percent_slots)
            key = (fact.family, round(fact.value or 0.0, 6), fact.unit, fact.concept, tuple(fact.places))
            slot = extras.get(key)
            if slot is None:
                slot = Slot(
                    id=_slot_id(_label_number(fact), used), family=fact.family, label=_label_number(fact), source=None
                )
                extras[key] = slot
            slot.matches.setdefault(article_id, []).append(Match(fact, "extra", 0.0))
    return slots + list(extras.values())


_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
#: A speech verb right before a date ("said Thursday", "announced the results on Thursday").
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announced|told|stated|reported|confirmed)\b(?:\s+[^\s.;:!?]+){0,6}\s+(?:on\s+)?$", re.I
)


def _self_computed(analysis: Analysis, found: list[Fact], facts: dict[str, list[Fact]], primary: list[str]) -> set[int]:
    """Percentages a report computes from its own counts ("1,400 positions, or 8% of its 23,500
    employees") and gets wrong: judged against those counts as ``percent_wrong``, not matched to a
    percentage of the source as another number."""
    from factdiff.judge import counted_pair, percent_slot, percent_verdict

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
            fitting = (
                {c for c in named if c <= fact.window and own < c} if own else {c for c in named if c <= fact.window}
            )
            if len(fitting) == 1 and ((name := fitting.pop()) <= _own_stretch(fact) or own):
                fact.concept = fact.concept | name


_OWN_NUMBER = re.compile(r"[^\w]{0,3}\d")
_CLAUSE_END = re.compile(r"[,;:.!?()\n]|\s(?:and|but|while|with)\s")
_DIGIT = re.compile(r"\d")


def _own_stretch(fact: Fact) -> frozenset[str]:
    """The number's window without the words after the sentence's next number, which belong to
    that one ("212 destroyed and 64 damaged, with homes accounting for 148")."""
    at = fact.sentence.find(fact.claim.text)
    after = _DIGIT.search(fact.sentence, at + len(fact.claim.text)) if at >= 0 else None
    if after is None:
        return fact.window
    return fact.window & concept_tokens(fact.sentence[: after.start()])


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
            before = re.search(rf"(?:\b(?:in|at)\s+{head},\s*|\b{head},\s+where\s+)$", lead, re.I)
            if (after and not _OWN_NUMBER.match(clause, after.end())) or before:  # "Ashby (250)": its own number
                named.append(p)
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


def _label(fact: Fact) -> str:
    label = _label_of(fact)
    if fact.claim.in_title and fact.family != "quote":
        # A headline capitalises every word: "length of the Rebuild" reads "length of the rebuild".
        keep = {w for p in fact.places for w in p.split()}
        label = " ".join(w if w in keep else w.lower() for w in label.split(" "))
    return label


def _label_of(fact: Fact) -> str:
    claim = fact.claim
    if fact.family in ("number", "percent"):
        return _label_number(fact)
    if fact.family == "date":
        return _label_date(fact)
    if fact.family == "person":
        return f"title of {claim.name}"  # type: ignore[attr-defined]
    speaker = getattr(claim, "speaker", None) or "unknown speaker"
    words = getattr(claim, "quote", "").split()
    head = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return f"quote of {speaker}: “{head}”"


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
            found = number_relation(fact, slot.source, concepts, sole)
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
    return [f for i, f in enumerate(numbers) if i not in assigned]


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
    shared = (fact.concept & source.concept) - GENERIC_CONCEPTS
    return (
        bool(shared)
        and concept_relation(fact.concept, source.concept) == "same"
        and place_relation(fact.places, source.places) in ("same", "none")
        and context_similarity(fact, source) >= RESTATED_CONTEXT
    )


def _derived(fact: Fact, values: list[tuple[float, str | None]], facts: list[Fact]) -> bool:
    """A figure the report computed from two source figures (a sum or a difference): 13.4 feet
    above flood stage from 31.4 and 18, 181 without a conviction from 498 and 317. Sums and
    differences of a story's figures cover much of the number line, so the report must also say
    that it computed: a word such as "above", "net" or "leaves" next to the number."""
    if fact.value is None or not (fact.window & DERIVATION_CUES):
        return False
    same_unit = [v for v, u in values if u == fact.unit]
    for i, a in enumerate(same_unit):
        for b in same_unit[i + 1 :]:
            for derived in (a + b, abs(a - b)):
                if abs(derived - fact.value) <= 1e-6 * max(1.0, derived):
                    return True
    return False


def _match_date(fact: Fact, slots: list[Slot], announced: set[str], beside: set[str | None] | None = None) -> None:
    """``beside``: the other dates of the same sentence. A sentence that dates two events
    ("killed by Tuesday's earthquake ... rose to 46 on Thursday") fits the source's sentences of
    both, so a date is not read as another of them that the sentence states itself."""
    beside = beside or set()
    value = getattr(fact.claim, "value", None) or ""
    if not _CALENDAR.match(value):
        return  # weeks ("this week"), clock times and seasons are not compared
    written_year = bool(re.search(r"\b(?:1[89]|20)\d\d\b", fact.claim.text))
    if len(value) == 4 and not written_year:
        return  # "the 2025-26 school year": a year read from two digits is not a date to compare
    announcement = next(
        (s for s in slots if s.source is not None and getattr(s.source.claim, "value", None) in announced), None
    )
    before = fact.sentence[: max(0, fact.sentence.find(fact.claim.text))]
    if announcement is not None and len(value) == 10 and _SPEECH_BEFORE.search(before):
        # "the agency said Wednesday": the day of the statement, whatever else the source dates.
        relation = "same" if getattr(announcement.source.claim, "value", None) == value else "changed"
        if relation == "same" or _nearest_day(value or "", [announcement]) is not None:
            announcement.matches.setdefault(fact.article, []).append(Match(fact, relation, 100.0))
            return
    equal: Slot | None = None
    best: tuple[float, Slot] | None = None
    taken = False
    for slot in slots:
        source_value = getattr(slot.source.claim, "value", None) if slot.source else None
        if source_value is None or len(value) < 7 <= len(source_value) or len(value) > len(source_value):
            continue  # years against years; a month ("in July") against the source's days and months
        coarser = len(value) < len(source_value)
        source_value = source_value[: len(value)]
        score = _date_context(fact, slot)
        # A date written without its year ("May", "June 12") is the source's date of that month
        # and day: the year the extractor gave it is a guess.
        same_day = source_value == value or (not written_year and source_value[4:] == value[4:])
        if same_day and (equal is None or _date_context(fact, slot, 1) > _date_context(fact, equal, 1)):
            equal = slot
        elif source_value in beside and score >= DATE_CONTEXT:
            taken = True  # the sentence's words belong to its other date, which the source has
        elif not same_day and not coarser and (best is None or score > best[0]) and _same_event(fact, slot):
            # A month is not read as a changed day: which of the source's days it would be is
            # too uncertain.
            best = (score, slot)
    if taken and equal is not None:
        best = None  # keep the equal date: the sentence's other date explains its words
    if equal is not None:
        # The same day as one source date, unless the sentence plainly dates another event of
        # the source ("crested early Saturday" where the crest was Sunday and Saturday a death).
        equal_score = _date_context(fact, equal, 1)  # one word in common is enough to keep an equal date
        announcement = equal.source is not None and getattr(equal.source.claim, "value", None) in announced
        if announcement or not (best and best[0] >= DATE_CONTEXT and best[0] - equal_score >= DATE_MARGIN):
            equal.matches.setdefault(fact.article, []).append(Match(fact, "same", 100.0))
            return
    if best is not None and best[0] >= DATE_CONTEXT:
        best[1].matches.setdefault(fact.article, []).append(Match(fact, "changed", best[0]))
        return
    from factdiff.judge import weekday_contradicts

    if weekday_contradicts(fact):
        # "Monday, April 7" for Monday, April 6: a weekday that contradicts its own date is a
        # changed date of the nearest source day.
        nearest = _nearest_day(value or "", slots)
        if nearest is not None:
            nearest.matches.setdefault(fact.article, []).append(Match(fact, "changed", 0.0))


#: A date that names its event in the possessive: "after Monday's derailment", "Tuesday's deadly storm".
_POSSESSIVE_EVENT = re.compile(r"['’]s\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?")


#: ... or after its noun: "after the derailment on Monday".
_EVENT_ON = re.compile(r"\b(?:after|since|before|following)\s+(?:the|a|an|last)\s+([a-z][a-z-]+)\s+(?:on\s+)?$", re.I)


def _date_event(fact: Fact) -> frozenset[str]:
    """The words of the event a date names ("Monday's derailment", "after the derailment on
    Monday"), or none."""
    text = fact.sentence
    at = text.find(fact.claim.text)
    if at < 0:
        return frozenset()
    found = _POSSESSIVE_EVENT.match(text, at + len(fact.claim.text)) or _EVENT_ON.search(text[:at])
    if not found:
        return frozenset()
    return frozenset(lemma(w) for w in found.groups() if w and w not in STOPWORDS)


def _same_event(fact: Fact, slot: Slot) -> bool:
    """Whether a report's date may be another day of the slot's event: a date that names its
    event ("after Monday's derailment") is not the date of a source sentence that does not name
    it (the statement announced on Wednesday)."""
    event = _date_event(fact)
    if not event:
        return True
    mentions = [m.fact for ms in slot.matches.values() for m in ms if m.relation == "source"] or [slot.source]
    return any(m is not None and event & _plain_words(m.sentence or m.context) for m in mentions)


def _nearest_day(value: str, slots: list[Slot], within: int = 7) -> Slot | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    best: tuple[int, Slot] | None = None
    for slot in slots:
        other = getattr(slot.source.claim, "value", None) if slot.source else None
        try:
            gap = abs((dt.date.fromisoformat(other) - day).days) if other and len(other) == 10 else None
        except ValueError:
            gap = None
        if gap is not None and gap <= within and (best is None or gap < best[0]):
            best = (gap, slot)
    return best[1] if best else None


def _date_context(fact: Fact, slot: Slot, least: int = DATE_SHARED_WORDS) -> float:
    """How well a report's date sentence fits any of the source's mentions of a slot's date: the
    share of common words (names and date words left out, since a sentence's names say who
    speaks, not what happened on the day)."""
    mentions = [m.fact for ms in slot.matches.values() for m in ms if m.relation == "source"] or [slot.source]
    mine = _plain_words(fact.sentence)
    best = 0.0
    for mention in mentions:
        if mention is None:
            continue
        theirs = _plain_words(mention.sentence) if mention.sentence else frozenset(mention.context.split())
        if mine and theirs:
            shared = len(mine & theirs)
            if shared >= least:
                best = max(best, 100.0 * shared / min(len(mine), len(theirs)))
    return best


def _plain_words(sentence: str) -> frozenset[str]:
    return frozenset(
        lemma(w)
        for w in _WORD.findall(sentence)
        if w[0].islower() and w not in STOPWORDS and w not in _DATE_WORDS and len(w) > 2
    )


def _match_person(fact: Fact, slots: list[Slot]) -> None:
    name = fact.claim.name  # type: ignore[attr-defined]
    for slot in slots:
        if slot.source is not None and same_person(name, slot.source.claim.name):  # type: ignore[attr-defined]
            slot.matches.setdefault(fact.article, []).append(Match(fact, "same", 100.0))
            return


def _quote_score(a: Fact, b: Fact) -> float:
    qa, qb = a.claim.quote.lower(), b.claim.quote.lower()  # type: ignore[attr-defined]
    return float(fuzz.partial_ratio(qa, qb)) if min(len(qa), len(qb)) >= 8 else 0.0


def _match_quote(fact: Fact, slots: list[Slot]) -> None:
    """A report's quote joins the source quote it renders; a long quote that runs on over
    several source quotes joins each of them."""
    scored: list[tuple[float, Slot]] = []
    for slot in slots:
        if slot.source is None:
            continue
        score = max(
            _quote_score(fact, slot.source),
            float(fuzz.token_set_ratio(fact.claim.quote.lower(), slot.source.claim.quote.lower())),  # type: ignore[attr-defined]
        )
        scored.append((score, slot))
    scored.sort(key=lambda pair: -pair[0])
    for rank, (score, slot) in enumerate(scored):
        long_enough = len(slot.source.claim.quote.split()) >= QUOTE_RUN_ON_WORDS  # type: ignore[union-attr]
        if score >= QUOTE_MATCH and (rank == 0 or long_enough):
            slot.matches.setdefault(fact.article, []).append(Match(fact, "same", score))


# --- labels: what a fact is, as an editor's checklist names it ---

_LABEL_TOKEN = re.compile(r"\d+(?:[,.]\d+)*(?:st|nd|rd|th)?%?|[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z\d]")
_DETERMINERS = frozenset("a an the this that these those its their his her our your my some any each every all".split())
_PREPOSITIONS = frozenset(
    "of in on at to for from by with into onto over under about after before during since until against among "
    "between through across around near than via per as like within without toward towards worth plus minus "
    "including behind beyond above below inside outside despite amid along ahead".split()
)
_AUXILIARIES = frozenset(
    "is are was were be been being am has have had do does did will would shall should can could may might must "
    "to not".split()
)
_CLOSED = (
    _DETERMINERS
    | _PREPOSITIONS
    | _AUXILIARIES
    | frozenset(
        "and or but nor so yet if then that which who whom whose what when where while because although though "
        "it they them he she we you i us him there here also only just even still more most less least fewer "
        "nearly almost about around roughly some up down out off said says say last past next previous recent "
        "first".split()
    )
)
#: Verbs that report or change a figure, in the forms news writes them without "-ed".
_IRREGULAR_VERBS = frozenset(
    "rose fell grew stood reached topped totaled totalled came went made took got saw paid spent left lost won "
    "kept brought gave sold struck found told rises grows stands reaches tops totals comes goes makes takes gets "
    "sees spends loses keeps brings gives sells finds tells".split()
)
_AMOUNT_WORDS = frozenset("million billion thousand trillion percent per cent percentage points point".split())
_OBJECT_OPENERS = frozenset("a an the its their his her our your my".split())
_COMPARATIVES = frozenset("more fewer additional extra other another further".split())
_HEDGES = frozenset("about around nearly almost roughly approximately some over under than least at up to just".split())
_RATE = re.compile(
    r"\b(?:a|an|per|each|every)\s+(day|week|month|year|hour|minute|second|share|person|resident|capita)\b", re.I
)
#: Nouns that are sums of money themselves ("revenue of $4.8 billion"); a sum before any other
#: noun is what that thing costs ("the $38.5 million project").
_MONEY_NOUNS = frozenset(
    "revenue revenues sales profit profits income earnings loss losses charge charges cost costs budget fine fines "
    "damage damages salary salaries pay wage wages bonus price prices fee fees deal settlement funding fund funds "
    "grant grants payment payments restitution bail tax taxes debt spending investment contract aid award penalty "
    "value bill package loan loans dividend dividends bid offer sum amount money cash compensation".split()
)
#: A verb whose length of time has a name of its own ("sentenced to eight years": the sentence).
_TIME_NOUNS = {
    "sentenced": "sentence",
    "jailed": "jail term",
    "imprisoned": "prison term",
    "delayed": "delay",
    "closed": "closure",
    "close": "closure",
    "banned": "ban",
    "ban": "ban",
    "suspended": "suspension",
    "extended": "extension",
    "served": "term served",
}
_CHANGE_VERBS = frozenset(
    "rose rise rises risen fell fall falls fallen grew grow grows grown increased increase increases decreased "
    "decrease decreases dropped drop drops declined decline declines jumped jump jumps climbed climb climbs slid "
    "slipped gained gain gains lost up down higher lower".split()
)
_SPEECH_VERBS = frozenset("said says announced announces told stated reported confirmed declared".split())
#: Nouns that name an event a date can be the day of ("the open meeting on March 24").
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ing", "ival", "oval")
_EVENT_NOUNS = frozenset(
    "meeting hearing trial vote election operation raid attack storm quake earthquake flood crest call conference "
    "report update sale deal visit launch release verdict sentence strike crash fire blast explosion shooting "
    "ceremony summit session rebuild opening closing closure deadline match game race protest rally debate "
    "speech interview audit review inspection accident collision outbreak eruption landslide derailment "
    "event festival funeral wedding".split()
)
_MAX_LABEL_WORDS = 4
#: Words back from a number within which a verb says what the number is ("will add up to 9").
VERB_REACH = 4


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _LABEL_TOKEN.finditer(sentence)]


def _wordlike(token: str) -> bool:
    return token[:1].isalpha()


def _verbish(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A word that is a verb by its form or its place: "-ed", a known irregular form, or after a
    modal or "to" ("will add")."""
    word = tokens[i][2].lower()
    if word in _CLOSED or not _wordlike(word) or "-" in word:
        return False  # "school-based", "long-awaited": adjectives
    if word in _IRREGULAR_VERBS or (word.endswith("ed") and len(word) > 4):
        return True
    prev = tokens[i - 1][2].lower() if i > 0 else ""
    return prev in ("will", "would", "can", "could", "may", "might", "must", "should", "to", "did", "does", "do")


def _is_object_start(token: str) -> bool:
    return token.lower() in _DETERMINERS or token[:1].isupper()


def _noun_run(tokens: list[tuple[int, int, str]], i: int) -> tuple[list[str], int]:
    """Words of a noun phrase from token ``i`` on (no determiners, no possessive owners), and the
    index after it. A word followed by a determiner is a verb ("project replaces the deck")."""
    words: list[str] = []
    while i < len(tokens) and len(words) < _MAX_LABEL_WORDS:
        word = tokens[i][2]
        lower = word.lower()
        if not _wordlike(word) or lower in _CLOSED or lower.endswith("ly"):
            break
        if words and _verbish(tokens, i):
            break
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if words and nxt and nxt.lower() in _OBJECT_OPENERS:
            break  # "vehicles cross the bridge": a verb with its object
        if lower.endswith(("'s", "’s")) or nxt in ("'", "’"):
            words = []  # "the bridge's 40 steel beams": the owner is not what is counted
            i += 2 if nxt in ("'", "’") else 1
            while i < len(tokens) and tokens[i][2][0].isdigit():
                i += 1
            continue
        if len(word) < 2:
            break
        words.append(_as_written(tokens, i))
        i += 1
    return words, i


def _as_written(tokens: list[tuple[int, int, str]], i: int) -> str:
    """A word as the label shows it: as written (a capital at a sentence start may begin a name:
    "Keel resigned"), except a word in capitals."""
    word = tokens[i][2]
    if word.isupper() and len(word) > 3:
        return word.lower()  # a headline or dateline in capitals
    return word


def _sentence_start(tokens: list[tuple[int, int, str]], i: int) -> bool:
    return i == 0 or tokens[i - 1][2] in ("“", '"', "—", ":")


_WHOLE_BEFORE = re.compile(r"\d\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’']+[’']s?\s+)?$")


def _after_concept(sentence: str, end: int, start: int = -1) -> tuple[list[str], str, bool]:
    """What a number counts, from the words after it: (noun words, a rate such as "a day",
    whether the noun follows the number directly as its modifier)."""
    tokens = [t for t in _tokens(sentence) if t[0] >= end]
    i = 0
    while i < len(tokens) and tokens[i][2].lower() in _COMPARATIVES | _AMOUNT_WORDS:
        i += 1
    direct = i < len(tokens) and tokens[i][0] - end <= 1 and tokens[i][2] not in ("-",)
    if i < len(tokens) and tokens[i][2].lower() == "of":  # "23 of the bridge's 40 steel beams"
        i += 1
        direct = False
        while i < len(tokens) and (tokens[i][2].lower() in _DETERMINERS or tokens[i][2][0].isdigit()):
            i += 1
    words, j = _noun_run(tokens, i)
    if words and words[0][0].isdigit():
        words = []
    if not words and i < len(tokens) and tokens[i][2].lower() in ("had", "have", "has", "were", "are", "was"):
        # "317 had criminal convictions", "Eighteen were gang members"
        verb = tokens[i][2].lower()
        words, j = _noun_run(tokens, i + 1)
        if words and _verbish(tokens, i + 1):
            words = []  # "37,566 had received all required vaccines": a verb, not a possession
        elif words and verb.startswith("ha"):
            words = ["with", *words]
    if words and j + 1 < len(tokens) and tokens[j][2].lower() == "of" and tokens[j + 1][2].lower() not in _CLOSED:
        more, k = _noun_run(tokens, j + 1)  # "nine counts of embezzlement"
        if more and len(more) <= 2 and not more[0][0].isdigit():
            words, j = [*words, "of", *more], k
    whole = _WHOLE_BEFORE.search(sentence[:start]) if start >= 0 else None
    if words and not whole:  # the whole of "23 of the 40 beams rated" is not what was rated
        rest = tokens[j:]
        k = 0
        while k < len(rest) and rest[k][2].lower() in ("were", "was", "are", "is", "been", "have", "had", "as"):
            k += 1
        if k < len(rest) and rest[k][2].lower().endswith("ed") and len(rest[k][2]) > 4:
            words.append(rest[k][2].lower())  # "homes were damaged", "beams as deteriorated"
    rate = ""
    at = tokens[j][0] if words and j < len(tokens) else (tokens[i][0] if i < len(tokens) else len(sentence))
    clause = re.split(r"[,;:()]|\s(?:and|but|while)\s", sentence[at:], maxsplit=1)[0]
    found = _RATE.search(clause)
    if found:
        rate = "a " + found.group(1).lower()
    return words, rate, bool(words) and direct


def _before_concept(sentence: str, start: int) -> tuple[list[str], str | None]:
    """The noun phrase a number is said of, from the words before it in its clause ("a
    restructuring charge of $240 million", "Revenue rose 11% to ..."), and the verb skipped."""
    tokens = [t for t in _tokens(sentence) if t[1] <= start]
    i = len(tokens) - 1
    verb: str | None = None
    while i >= 0:
        word = tokens[i][2]
        lower = word.lower()
        if word in (",", ";", ":", "(", "—", "–", '"', "“", "”") or lower in ("and", "but", "while", "which", "who"):
            return [], verb
        if not _wordlike(word) or lower in _CLOSED or lower in _HEDGES or lower in _DATE_WORDS:
            i -= 1
            continue
        if _verbish(tokens, i) and not (i > 0 and tokens[i - 1][2].lower() in _DETERMINERS):
            if verb is None and len(tokens) - i <= VERB_REACH:
                verb = lower  # "embezzled $2.3 million", "will add up to 9 minutes"
            i -= 1
            continue
        break
    words: list[str] = []
    while i >= 0 and len(words) < 3:
        word = tokens[i][2]
        lower = word.lower()
        if not _wordlike(word) or lower in _CLOSED or lower.endswith(("'s", "’s")) or _verbish(tokens, i):
            break
        words.insert(0, _as_written(tokens, i))
        i -= 1
    if words and all(w[:1].isupper() for w in words):
        return [], verb  # a name says who, not what
    return words, verb


def _with_place(label: str, fact: Fact) -> str:
    return f"{label} in {fact.places[0]}" if fact.places and fact.places[0] not in label else label


def _label_number(fact: Fact) -> str:
    """What a number counts, as an editor would list it: "vehicles a day", "cost of the
    project", "length of the rebuild", "share of employees", with " in PLACE" when the number is
    keyed by a place. Whole words only."""
    claim = fact.claim
    if fact.unit == "age":
        names = sorted(w for w in fact.concept if w != "age")
        return f"age of {names[0].title()}" if names else "age"
    if fact.unit == "rank":
        return f"rank of {fact.places[0]}" if fact.places else "rank"
    sentence = fact.sentence
    at = sentence.find(claim.text) if sentence else -1
    if at < 0:
        concept = claim.concept if isinstance(claim, Quantity) and claim.concept else claim.text
        return _with_place(concept, fact)
    end = at + len(claim.text)
    after, rate, direct = _after_concept(sentence, end, at)
    before, verb = _before_concept(sentence, at)
    if isinstance(claim, Duration):
        return _label_duration(after, direct, before, verb, sentence, end)
    if fact.family == "percent":
        label = _label_percent(sentence, end, after, before, verb)
        return _with_place(label, fact)
    named = claim.concept if isinstance(claim, Quantity) and claim.concept else ""
    named = "with " + named[4:] if named.startswith("had ") else named
    if named and (not after or all(_verbish([(0, 0, w)], 0) for w in after)) and len(named.split()) > 1:
        after = named.split()  # "Eighteen of those arrested were gang members": the extractor's noun
        direct = False
    if not after:
        after, rate = _gapped(sentence, at) or ([], rate)
    if after:
        noun = " ".join(after)
        if fact.unit == "USD" and direct and after[-1].lower() not in _MONEY_NOUNS:
            label = f"cost of the {noun}"
        elif fact.unit in UNITS and UNITS[fact.unit][0] != "time" and direct:
            label = f"{UNITS[fact.unit][0]} of the {noun}"
        else:
            label = noun
    elif before:
        label = " ".join(before)
    elif named:
        label = named
    elif verb:
        kind = "amount" if fact.unit == "USD" else UNITS[fact.unit][0] if fact.unit in UNITS else "number"
        label = f"{kind} {verb}"
    else:
        label = _quoted(sentence, at, end)
    if rate and rate not in label:
        label = f"{label} {rate}"
    return _with_place(label, fact)


def _quoted(sentence: str, at: int, end: int) -> str:
    """The number with the words after it up to the next punctuation, whole words only: the
    label of a figure whose counted thing has no name ("“25 a season”")."""
    rest = re.split(r"[,;:.!?](?:\s|$)|[()\"“”—–]", sentence[end:], maxsplit=1)[0].split()[:4]
    return "“" + " ".join([sentence[at:end], *rest]) + "”"


def _gapped(sentence: str, at: int) -> tuple[list[str], str] | None:
    """A number with no noun of its own after "and" counts what the number before it in the
    sentence counts ("4,100 more vehicles a day to Eastbank and 2,900 more to Southport")."""
    tokens = [t for t in _tokens(sentence) if t[1] <= at]
    if not any(t[2].lower() in ("and", "or", ",", ";") for t in tokens[-8:]):
        return None
    for _s, e, word in reversed(tokens[:-1] if tokens and tokens[-1][1] > at else tokens):
        if word[0].isdigit():
            words, rate, _direct = _after_concept(sentence, e)
            return (words, rate) if words else None
    return None


def _label_percent(sentence: str, end: int, after: list[str], before: list[str], verb: str | None) -> str:
    rest = sentence[end:].lstrip()
    if after and rest.lower().startswith("of "):
        return "share of " + " ".join(after)
    if before and verb in _CHANGE_VERBS:
        return "change in " + " ".join(before)
    if before:
        return "share: " + " ".join(before)
    if after:
        return "share of " + " ".join(after)
    lead = _LIST_LEAD.match(sentence)
    if lead:
        return f"percentage for {lead.group(1)}"  # "- Bexley County: 90.4 percent"
    return "percentage"


_LIST_LEAD = re.compile(r"^\W*([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*)\s*(?::|,?\s+(?:ranked|reached|was|had|at)\b)")


def _label_duration(
    after: list[str], direct: bool, before: list[str], verb: str | None, sentence: str, end: int
) -> str:
    if after and direct:
        return "length of the " + " ".join(after)  # "a 14-month rebuild", "a four-day operation"
    if after:
        return "length of " + " ".join(after)  # "26 weeks of base pay"
    if verb and verb in _TIME_NOUNS:
        return "length of the " + _TIME_NOUNS[verb]
    if verb:
        to = _TIME_TO.match(sentence, end)  # "add up to 9 minutes to a typical trip"
        return f"time {_participle(verb)}" + (f" {to.group(1)} {to.group(2)}" if to else "")
    return "length of time"  # the words before a length of time rarely say what lasts


_TIME_TO = re.compile(
    r"\s+(to|for|on)\s+((?:(?:a|an|the|each|every)\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=[\s,.;:]|$)"
)


_DATE_SKIP = frozenset("on in by at early late last this next since from until of the".split())


def _label_date(fact: Fact) -> str:
    """The event of a date's sentence, from its verb or event noun: "date of the announcement",
    "date of the open meeting", "date the operation ended", "date Keel was convicted"."""
    claim = fact.claim
    sentence = fact.sentence
    at = sentence.find(claim.text) if sentence else -1
    if at < 0:
        return f"date {getattr(claim, 'value', '') or claim.text}"
    if _SPEECH_BEFORE.search(sentence[:at]) and not _EVENT_BETWEEN.search(sentence[:at]):
        return "date of the announcement"
    tokens = _tokens(sentence)
    first = next((k for k, t in enumerate(tokens) if t[0] >= at), len(tokens))
    last = next((k for k, t in enumerate(tokens) if t[0] >= at + len(claim.text)), len(tokens))
    # "Tuesday's earthquake": the event the date owns.
    if last + 1 < len(tokens) and tokens[last][2] in ("'s", "’s", "'", "’"):
        words, _ = _noun_run(tokens, last + 1)
        if words:
            return "date of the " + " ".join(words)
    if last < len(tokens) and tokens[last - 1][2].endswith(("'s", "’s")):
        words, _ = _noun_run(tokens, last)
        if words:
            return "date of the " + " ".join(words)
    i = first - 1
    while i >= 0 and tokens[i][2].lower() in _DATE_SKIP:
        i -= 1
    if i >= 0 and _verbish(tokens, i) and tokens[i][2].lower() not in _SPEECH_VERBS:
        return _date_by_verb(tokens, i)
    # An event noun before the date in its clause ("an open meeting at Eastbank Library on March 24").
    k = first - 1
    while k >= 0 and first - k <= 12 and tokens[k][2] not in (",", ";", ":", "—", "(", "“", '"'):
        word = tokens[k][2].lower()
        if _wordlike(word) and _event_noun(word) and word not in _CLOSED:
            words = _noun_before(tokens, k)
            return "date of the " + " ".join(words)
        if _verbish(tokens, k) and word not in _SPEECH_VERBS:
            return _date_by_verb(tokens, k)
        k -= 1
    plain = [w for w in content_words(sentence[max(0, at - 40) : at]) if w.lower() not in _DATE_WORDS]
    words = [
        t[2]
        for t in tokens[max(0, first - 6) : first]
        if _wordlike(t[2]) and len(t[2]) > 2 and t[2].lower() not in _CLOSED | _DATE_WORDS
    ]
    return "date: " + " ".join(words[-3:]) if plain and words else f"date {getattr(claim, 'value', '')}"


_EVENT_BETWEEN = re.compile(r"\b(?:that|which|when|after|before)\b[^,;]*$", re.I)


#: Nouns with an event's ending that name no event.
_NOT_EVENTS = frozenset(
    "information population nation station position location condition situation organization organisation "
    "administration attention question section portion option department government management equipment "
    "environment apartment document treatment insurance audience science evidence experience distance "
    "presence balance nature future feature culture structure".split()
)


def _event_noun(word: str) -> bool:
    if word in _NOT_EVENTS:
        return False
    return word in _EVENT_NOUNS or (len(word) > 6 and word.endswith(_EVENT_SUFFIXES) and not word.endswith("ing"))


def _noun_before(tokens: list[tuple[int, int, str]], k: int) -> list[str]:
    words = [_as_written(tokens, k)]
    j = k - 1
    while j >= 0 and len(words) < 3:
        word = tokens[j][2]
        if not _wordlike(word) or word.lower() in _CLOSED or word.endswith(("'s", "’s")) or _verbish(tokens, j):
            break
        words.insert(0, _as_written(tokens, j))
        j -= 1
    return words


def _participle(verb: str) -> str:
    if verb.endswith("ed") or verb in _IRREGULAR_VERBS:
        return verb
    return verb + "d" if verb.endswith("e") else verb + "ed"


def _date_by_verb(tokens: list[tuple[int, int, str]], i: int) -> str:
    """The date of what verb ``i`` says happened: its object made subject ("date the bridge is
    closed") or its subject ("date the operation ended")."""
    verb = tokens[i][2].lower()
    future = i > 0 and tokens[i - 1][2].lower() in ("will", "to", "would", "may", "could", "can")
    j = i + 1
    while j < len(tokens) and tokens[j][2].lower() in _DETERMINERS:
        j += 1
    obj, _ = _noun_run(tokens, j) if j > i + 1 or (j < len(tokens) and tokens[j][2][:1].isupper()) else ([], j)
    if any(w.lower() in _DATE_WORDS for w in obj):
        obj = []  # "released Wednesday": the date, not what was released
    if obj and j > i + 1 and tokens[i + 1][2].lower() in _DETERMINERS:
        obj = [tokens[i + 1][2].lower(), *obj]
    if obj:
        return f"date {' '.join(obj)} {'is' if future else 'was'} {_participle(verb)}"
    # The subject: the noun phrase before the verb (past "was", "that", "which", "who").
    k = i - 1
    aux: list[str] = []
    while k >= 0 and tokens[k][2].lower() in _AUXILIARIES | {"that", "which", "who", ",", "also", "then"}:
        if tokens[k][2].lower() in _AUXILIARIES:
            aux.insert(0, tokens[k][2].lower())
        k -= 1
    if k >= 0 and _wordlike(tokens[k][2]) and tokens[k][2].lower() not in _CLOSED:
        subject = _noun_before(tokens, k)
        if subject:
            det = "the " if subject[0][:1].islower() else ""
            return f"date {det}{' '.join(subject)} {' '.join([*aux, verb])}"
    return f"date {'to be ' if future else ''}{_participle(verb)}"
