"""How two facts relate: the features matching weighs.

Value (the same, a rounding, another figure), counted noun (:func:`concept_relation`,
:func:`fact_concepts`), place (:func:`~factdiff.align.places.place_relation`), sentence context
(:func:`context_similarity`), and the verdict-shaped summary of them all for two numbers,
:func:`number_relation`.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from rapidfuzz import fuzz

from factdiff import lexicon
from factdiff.align.checks import HEDGE_TOLERANCE, is_rounding
from factdiff.align.facts import Fact, _as_in, _head_noun, at_in_sentence
from factdiff.align.measures import CONVERSION_TOLERANCE, TIME_UNITS, UNIT_WORDS, UNITS, _money, convert
from factdiff.align.places import place_relation
from factdiff.align.words import (
    _DATE_WORDS,
    _PERSON,
    GENERIC_CONCEPTS,
    STOPWORDS,
    _kind_of_word,
    _of_people,
    _people,
    concept_tokens,
    covered,
    lemma,
    same_noun,
    shared,
)
from factdiff.analyse.names import HONORIFICS, given_names
from factdiff.analyse.numbers import parse_number

#: Sentence-context similarity (rapidfuzz token_set_ratio on content words) above which two claims
#: with the same value but different counted nouns are taken to state the same fact (unit swap).
UNIT_SWAP_CONTEXT = 55.0


#: The same, between a length of time and a count ("18 months" and "18 vehicles").
CROSS_UNIT_SWAP_CONTEXT = 60.0


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


def concept_relation(a: frozenset[str], b: frozenset[str]) -> str:
    """'same' (one holds the other), 'conflict' (each has a word the other lacks) or 'unknown'."""
    a, b = a - GENERIC_CONCEPTS, b - GENERIC_CONCEPTS
    if not a or not b:
        return "unknown"
    if covered(a, b) or covered(b, a):
        return "same"
    return "conflict"


def _counted_elsewhere(report: Fact, source: Fact) -> bool:
    """The report names what the source's count counts apart from its own length of time ("after
    three days ... dismissed the executives" for "dismissed 3 senior executives"): two facts that
    share a number, not the count told in another unit."""
    count = source if source.unit is None else report
    duration = report if count is source else source
    own = count.concept - GENERIC_CONCEPTS
    return bool(shared(own, concept_tokens(duration.sentence)))


def _people_for_things(a: Fact, b: Fact) -> bool:
    """One counts people and the other things, with what was done to them in common: "4,200
    accounts exposed" for "4,200 people exposed"."""
    if (_PERSON in a.concept) == (_PERSON in b.concept) or a.unit is not None or b.unit is not None:
        return False  # counts only: an age ("Johnson, 66") is no count of things
    ca, cb = a.concept - GENERIC_CONCEPTS, b.concept - GENERIC_CONCEPTS
    extra = ca - cb if _PERSON in b.concept else cb - ca
    if not extra or not all(lexicon.known(w) for w in extra):
        return False  # a word the lexicon does not know may be the people ("schoolchildren")
    return not _of_people(extra) and any(_kind_of_word(w) == "thing" for w in extra)


_VAGUE_AMOUNT = re.compile(r"\b(?:few|couple|several|dozens|hundreds|thousands|millions|tens)\b", re.IGNORECASE)


def _vague(fact: Fact) -> bool:
    """A figure given by a word of vague amount ("a few hours", "dozens of", "a couple of days")."""
    return bool(_VAGUE_AMOUNT.search(fact.claim.text))


def _known_words(report: Fact, source: Fact) -> bool:
    """Whether the lexicon knows the words the report counts by and the source does not: only
    then can it say the report counts another kind ("2 grandkids", "three-and-out" are words it
    cannot place, not another thing counted)."""
    own = report.concept - source.concept - GENERIC_CONCEPTS - {_PERSON}
    return all(lexicon.known(w) for w in own)


def _named_model(ca: frozenset[str], cb: frozenset[str]) -> bool:
    """Both counted phrases hold a word the lexicon does not know (a make or model: "AK-47",
    "F-16"), the same in both."""
    return any(not lexicon.known(w) and len(w) > 1 for w in ca & cb)


def fact_concepts(a: Fact, b: Fact) -> str:
    """Concept relation of two numbers, where a conflict must survive a look at the other's
    words: "104 deported" and "104 criminal aliens who had been previously deported" agree."""
    relation = concept_relation(a.concept, b.concept)
    ca, cb = a.concept - GENERIC_CONCEPTS, b.concept - GENERIC_CONCEPTS
    if relation == "same" and _people_for_things(a, b):
        return "conflict"
    if relation == "conflict" and (
        covered(ca, _common(b.window, b), strict=True) or covered(cb, _common(_beside(a), a), strict=True)
    ):
        # One's counted noun is next to the other's number: two words for one thing, or an
        # extractor that took its noun from a neighbouring phrase. In the report (``a``), next to
        # means in the number's own phrase or after it ("104 criminal aliens who had been
        # previously deported"), not in an earlier phrase ("Across the country, officers ... came
        # from 42 businesses"): the noun the report puts at its number is what it counts.
        return "same"
    if relation == "conflict" and _named_model(ca, cb) and _kinds_of_one_another(a, b):
        # "12 AK 47 guns" and "seven AK-47 assault rifles": one named model, told by a wider or
        # narrower kind of thing.
        return "same"
    if relation == "conflict" and getattr(a.claim, "part_of", None) and covered(cb, _common(a.window, a), strict=True):
        # "312 of them ... were destroyed": a part takes its whole's noun from the extractor, so
        # the source's own words next to the number count.
        return "same"
    if relation == "unknown" and (
        (ca and covered(ca, _common(b.window, b), strict=True))
        or (cb and covered(cb, _common(a.window, a), strict=True))
    ):
        return "same"
    if relation == "unknown" and ca and not cb and covered(ca, b.topic):
        return "same"  # "168,400 kettles" for "Units: About 186,400" in a notice of a kettle recall
    if relation == "unknown" and (ca or cb) and _PERSON in (a.concept | b.concept) - (ca | cb):
        # "22,000 residents" for "22,000 vehicles": people against things the source counts
        # without a word for people near them.
        named = a if ca else b
        if not _of_people(named.concept):
            return "conflict"
    if relation == "conflict" and _verbal(a) != _verbal(b) and _people(cb if _verbal(a) else ca):
        # "58,400 (were treated) at Dunmore" for "Dunmore: 58,400 patients": a count named only by
        # what was done to it says nothing against the people the other names.
        return "unknown"
    if relation == "conflict" and ((_people(ca) and _people(cb)) or _PERSON in a.concept & b.concept):
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


#: A capitalised word inside a sentence: part of a name ("Operation Safe City", "Lakeview Medical
#: Center"), which says whose or which, not what is counted.
_INNER_NAME = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z]+")


@lru_cache(maxsize=16384)
def _name_words(sentence: str) -> frozenset[str]:
    return frozenset(lemma(w) for w in _INNER_NAME.findall(sentence))


def _common(words: frozenset[str], fact: Fact) -> frozenset[str]:
    """``words`` without the words of names in the fact's sentence: where a counted noun is
    looked for next to a number, "city" of "Operation Safe City" names no cities."""
    names = _name_words(fact.sentence)
    return words - names if names else words


_PARTICIPLE = re.compile(r"\b[a-z]+(?:ed|en)\b")


def _verbal(fact: Fact) -> bool:
    """Whether a number's counted words are only participles of its sentence ("were treated",
    "were destroyed"): what happened to the things counted, not what they are."""
    own = fact.concept - GENERIC_CONCEPTS
    return bool(own) and own <= _participles(fact.sentence)


@lru_cache(maxsize=16384)
def _participles(sentence: str) -> frozenset[str]:
    return frozenset(lemma(w) for w in _PARTICIPLE.findall(sentence))


def _beside(fact: Fact) -> frozenset[str]:
    """Content words of a number's own phrase and of the words after it in its window."""
    return fact.near | _after_window(fact.sentence, fact.claim.text, at_in_sentence(fact))


@lru_cache(maxsize=65536)
def _after_window(sentence: str, surface: str, at: int, width: int = 60) -> frozenset[str]:
    if at < 0:
        return concept_tokens(sentence)
    end = min(len(sentence), at + len(surface) + width)
    while end < len(sentence) and sentence[end].isalpha():
        end += 1
    return concept_tokens(sentence[at + len(surface) : end])


def context_similarity(a: Fact, b: Fact) -> float:
    return _context_ratio(a.context, b.context)


@lru_cache(maxsize=65536)
def _context_ratio(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(a, b))


def _units_comparable(a: Fact, b: Fact) -> bool:
    if a.unit == b.unit:
        return True
    return convert(1.0, a.unit, b.unit) is not None


def number_relation(
    report: Fact,
    source: Fact,
    others: frozenset[frozenset[str]] = frozenset(),
    sole: bool = False,
    crowded: bool = False,
) -> tuple[str, float] | None:
    """How a report's number relates to a source number, with a score; None when unrelated.
    ``crowded``: the source gives many figures in this unit (a game's yards, a race's seconds), so
    a measure that names nothing is not taken for one of them by its dimension alone."""
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
            and report.approx == source.approx  # "more than three years" for "three jurors"
            and not _vague(report)  # "a few hours"
            and not report.claim.in_title
            and place_relation(report.places, source.places) != "conflict"
            and context_similarity(report, source) >= CROSS_UNIT_SWAP_CONTEXT
            and report.window - UNIT_WORDS - TIME_UNITS - {w.lower() for w in report.claim.text.split()}
            # "After three days.": a bare length of time, with no word of what it counts
            and not _counted_elsewhere(report, source)
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
            and not _of_people(own)  # "people arrested" describes every count of an arrest story
            and not covered(source.concept - GENERIC_CONCEPTS, _beside(report), strict=True)  # "312 were destroyed"
            and any(
                covered(own, other) and covered(other, own)
                for other in others
                if other != source.concept - GENERIC_CONCEPTS
            )
        ):
            concept = "conflict"
    if equal:
        if concept != "conflict" and place in ("same", "none"):
            return "same", 100.0 + context / 10
        if concept != "conflict" and place == "unknown":
            return "same", 90.0 + context / 10
        if (
            concept != "conflict"
            and place == "conflict"
            and not _place_of_speaker(report)
            and _same_kind_of_place(report.places, source.places)
        ):
            return "entity_swap", 70.0 + context / 10
        if (
            concept == "conflict"
            and place in ("same", "none", "unknown")
            and context >= UNIT_SWAP_CONTEXT
            and _people_for_things(report, source)
        ):
            return "unit_swap", 60.0 + context / 10
        if concept == "conflict" and report.unit == source.unit == "age":
            return None  # "a 66-year-old woman" and "Johnson, 66": words for whose age, not another unit
        # "312 homes damaged" for "312 homes destroyed": the same head noun with the words of
        # another fact of the source. Other modifiers ("speed boats", "small boats") describe.
        own = report.concept - GENERIC_CONCEPTS
        common = _fuzzy_common(report.concept - GENERIC_CONCEPTS, source.concept - GENERIC_CONCEPTS)
        theirs = source.concept - GENERIC_CONCEPTS
        # The report's own words, or those it does not share with the source ("212 homes destroyed"
        # for "212 buildings destroyed"), are the noun of another of the source's facts.
        shared_head = common and any(
            covered(own, other) or (own - theirs and covered(own - theirs, other))
            for other in others
            if other != theirs
        )
        kinds = concept == "conflict" and not shared_head and place in ("same", "none", "unknown")
        if kinds and _kinds_of_one_another(report, source):
            # "2 skiffs" for "2 suspicious boats": the same things told more (or less) precisely.
            return "same", 85.0 + context / 10
        if common and not shared_head:
            return None
        if kinds and _money(report.unit) and _money(source.unit):
            # "nearly $100 billion worth of trade" for "over $100 billion of trade": what a sum
            # is for, in other words, is no other unit; a sum's unit is its currency.
            return None
        if report.family == "percent" and not shared_head and place in ("same", "none"):
            # "10 percent of the transfer" for "10 percent of the fee": the same share of a sum the
            # report names in its own words, unless its word is what another fact counts.
            return "same", 85.0 + context / 10
        if (
            concept == "conflict"
            and place in ("same", "none", "unknown")
            and (context >= UNIT_SWAP_CONTEXT or shared_head)
            and not _unrelated_claims(report, source)
            and not _vague(report)  # "a few hours": a figure equal by chance
            and _known_words(report, source)
        ):
            return "unit_swap", 60.0 + context / 10
        if report.claim.in_title and place != "conflict":
            return "same", 50.0  # a headline names its numbers loosely ("$38.5 million rebuild")
        return None
    if _each(report) != _each(source):
        return None  # "two players ran for over 100 yards apiece" is no team's 352 yards changed
    if _of_a_whole(report) != _of_a_whole(source):
        return None  # "1 of 13 passes" is a share of the attempts, not a count of passes changed
    if _stretch(report) != _stretch(source):
        return None  # "his first two seasons" is a stretch of the "three-plus seasons", not them changed
    if within_bound(report, source) or _in_range(report, source):
        # "20 firefighters" under the source's "up to 40", "65 to 125 seats" for 125: consistent,
        # not changed.
        return None
    if _vague(report) != _vague(source):
        return None  # "a few minutes" against "nine minutes": a guess of the amount is no changed figure
    measured = (report.unit is not None and report.unit in UNITS) or _money(report.unit)
    # A measure (a crest of 31.4 feet) names its quantity by its dimension; a length of time does
    # not ("four years" may be a sentence asked for or one handed down).
    physical = report.unit is not None and report.unit in UNITS and UNITS[report.unit][0] != "time"
    named = concept == "same" or (concept == "unknown" and (context >= NEAR_CONTEXT or (measured and not crowded)))
    named = named or _same_thing(report, source)
    if place in ("same", "none", "unknown") and named and _near(report, source):
        return "near", 80.0 + context / 10
    if bounds_meet(report, source):
        return None  # "more than 15 years" and "nearly 20 years": two bounds that allow one value
    # Another number for the same thing needs stronger evidence than the same number does: news
    # is full of other sums of money and other counts of similar things.
    # ``sole``: the source gives one length of time in this unit, so a report's is that one.
    sole = sole and report.unit == source.unit
    if report.unit in TIME_UNITS and report.unit != source.unit:
        return None  # "two hours" against "three days": another length of time, not this one changed
    # "The 25-year-old" where the source gives one age, and no other name is near the report's.
    sole_age = (
        sole
        and source.unit == "age"
        and "year" in report.claim.text.lower()
        and not _names_near(report)
        and _same_holder(report, source)
    )
    strong = concept != "conflict" and (
        _same_thing(report, source)
        or (
            concept == "unknown"
            and (place == "same" or (physical and not crowded) or (sole and report.unit in TIME_UNITS))
        )
    )
    strong = strong or sole_age
    if strong and (place in ("same", "none") or (place == "unknown" and not report.places)):
        if report.claim.in_title:
            return None  # headlines compress: a different number there is rarely the same fact
        if place != "same" and _other_names(report, source):
            return None  # "Hunter's $90 million deal" and "Teixeira's $161 million deal"
        if (
            report.unit == source.unit == "age"
            and not sole_age
            and bool(_names_near(report)) != bool(_names_near(source))
        ):
            # "32-year-old Englishman Robert Buckley" against "a 36-year-old man": an age is a
            # person's, and a name on one side only does not say the two are one person.
            return None
        # Compared in one unit: "24km" is no changed "30-foot" length, whatever the digits.
        ours = convert(report.value or 0.0, report.unit, source.unit)
        ours = abs(report.value or 0) if ours is None else abs(ours)
        big, small = max(ours, abs(source.value or 0)), min(ours, abs(source.value or 0))
        if small == 0 or big / small > MAX_CHANGE_RATIO:
            return None
        named_alike = bool(shared(report.concept, source.concept) - GENERIC_CONCEPTS) or bool(
            shared(report.near, source.near) - GENERIC_CONCEPTS - STOPWORDS - UNIT_WORDS
        )
        fielded = _fielded(report, source)
        if _other_origins(report, source):
            return None  # "12 nautical miles from shore" and "13 nautical miles from the warship"
        if source.unit != "age" and _in_background(report) != _in_background(source):
            return None  # "last year's quake killed 26" is no changed toll of this one
        if context >= CHANGED_CONTEXT or (named_alike and context >= CHANGED_CONTEXT_NAMED) or fielded:
            return "changed", 40.0 + context / 10
        if sole_age:
            return "changed", 40.0 + context / 10
    return None


#: Words that set a sentence in another time than the story's event: its figures are background.
_BACKGROUND = re.compile(
    r"\b(?:(?:last|previous|past) (?:year|month|week|decade|season)|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:years?|months?|decades?) (?:ago|earlier|before)|"
    r"earlier this (?:year|month))\b",
    re.IGNORECASE,
)


def _same_holder(report: Fact, source: Fact) -> bool:
    """Whether a report's age may be the source's only one: the report names no holder ("the
    25-year-old"), or one the source's words for its holder cover ("a 58-year-old mother" is not
    the "23-year-old" man the source gives an age for)."""
    ours = report.concept - GENERIC_CONCEPTS - {"age", _PERSON}
    theirs = source.concept - GENERIC_CONCEPTS - {"age", _PERSON}
    return not ours or (bool(theirs) and concept_relation(ours, theirs) == "same")


def _in_background(fact: Fact) -> bool:
    """Whether the number's own clause sets it in another time ("two years ago, 26 died"; not
    "$612 million, down from $638 million a year earlier", where only the second is earlier). Not
    asked of an age, which is a person's now ("The 25-year-old scored 19 goals last season")."""
    at = at_in_sentence(fact)
    if _BACKGROUND.search(_clause_text(fact.sentence, fact.claim.text, at)):
        return True
    lead = fact.sentence.find(",")
    return 0 <= lead < at and bool(_BACKGROUND.search(fact.sentence, 0, lead))  # "Two years ago, ..."


def _kinds_of_one_another(report: Fact, source: Fact) -> bool:
    """The head nouns of the two counted phrases are one a kind of the other by the lexicon
    ("skiffs" and "boats"), and neither is the other's word for persons against things."""
    a, b = _head(report), _head(source)
    if not a or not b or a == b:
        return False
    relation = lexicon.relation(a, b)
    if relation == "hypernym":
        # The report's more general word as the lexicon knows the whole phrase: a rifle is no
        # machine gun (an "automatic rifle" is one only by its modifier), so "three machine guns"
        # for "three assault rifles" names another kind of weapon.
        compound = lexicon.counted_lemma(_as_in(getattr(report.claim, "concept", None), report.sentence) or "")
        return " " not in compound or lexicon.relation(b, compound) in ("hyponym", "same")
    return relation == "hyponym"


def _head(fact: Fact) -> str | None:
    """The lemma of the head noun of a number's counted phrase as the report wrote it."""
    written = getattr(fact.claim, "concept", None)
    head = _head_noun(_as_in(written, fact.sentence)) if written else None
    return lemma(head) if head else None


def _unrelated_claims(report: Fact, source: Fact) -> bool:
    """Two counts of things of unrelated kinds (the lexicon: no common kind within a few hypernym
    links) whose clauses say nothing alike beyond the number: "Somalia and Yemen, two countries
    on the coast" and "pirates captured two fishing boats" are two facts that share a number, not
    one fact whose counted noun was swapped. The same swap in one predicate ("22,000 residents
    cross it each day" for "22,000 vehicles cross the bridge each day") stays a unit swap."""
    ca, cb = report.concept - GENERIC_CONCEPTS - {_PERSON}, source.concept - GENERIC_CONCEPTS - {_PERSON}
    if not ca or not cb:
        return False
    for a in ca:
        for b in cb:
            if lexicon.comparable_kinds(a, b) is not False:
                return False  # one kind, or a word the lexicon cannot place
    figures = concept_tokens(report.claim.text) | concept_tokens(source.claim.text)  # "two" itself
    own_a = _clause_words(report.sentence, report.claim.text, at_in_sentence(report)) - ca - cb - figures
    own_b = _clause_words(source.sentence, source.claim.text, at_in_sentence(source)) - ca - cb - figures
    return not shared(own_a, own_b)


#: Where a clause ends: a comma, semicolon, colon or dash, or a parenthesis.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


#: A relative clause's first word: the clause belongs to the one before it.
_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|that|where)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _clause_words(sentence: str, surface: str, at: int) -> frozenset[str]:
    """Content words of the clause that holds ``surface`` (at ``at``) in ``sentence``, names left
    out (a capitalised word inside the sentence says where or whose, not what happened)."""
    if at < 0:
        return frozenset()
    return concept_tokens(_clause_text(sentence, surface, at)) - _name_words(sentence) - _DATE_WORDS


@lru_cache(maxsize=65536)
def _clause_text(sentence: str, surface: str, at: int) -> str:
    """The clause that holds ``surface`` (at ``at``) in ``sentence``; a relative clause with the
    clause it describes."""
    if at < 0:
        return sentence
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    start = starts[-1]
    if len(starts) > 1 and _RELATIVE.match(sentence, start):
        start = starts[-2]  # "officers arrested 498 people, who came from 42 countries": one clause
    stop = _CLAUSE_BREAK.search(sentence, at + len(surface))
    return sentence[start : stop.start() if stop else len(sentence)]


#: The point a distance is measured from, right after the figure and its unit ("12 nautical
#: miles from shore", "13 miles away from the warship").
_ORIGIN = re.compile(
    r"^[\w\s-]{0,30}?\b(?:from|off)\s+(?:the\s+|a\s+|an\s+|its\s+)?([A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)"
)


def _origin(fact: Fact) -> frozenset[str]:
    at = at_in_sentence(fact)
    if at < 0:
        return frozenset()
    found = _ORIGIN.match(fact.sentence[at + len(fact.claim.text) :])
    return concept_tokens(found.group(1)) if found else frozenset()


def _other_origins(report: Fact, source: Fact) -> bool:
    """Two figures measured from different points ("12 nautical miles from shore", "13 nautical
    miles from the Mysore"): two distances, not one distance changed."""
    a, b = _origin(report), _origin(source)
    return bool(a) and bool(b) and not shared(a, b)


_NAME_WORD = re.compile(r"(?<=[a-z0-9,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _names_near(fact: Fact) -> frozenset[str]:
    """Capitalised words in the number's clause, not at a sentence start: whose figure it is."""
    sentence, at = fact.sentence, at_in_sentence(fact)
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
    variant, unless the lexicon knows both as different words ("county", "country")."""
    return any(_fuzzy_same(x, y) for x in a for y in b)


@lru_cache(maxsize=65536)
def _fuzzy_same(x: str, y: str) -> bool:
    if x == y or same_noun(x, y):
        return True
    if not ((min(len(x), len(y)) >= 4 and (x in y or y in x)) or fuzz.ratio(x, y) >= 85):
        return False
    return not (lexicon.known(x) and lexicon.known(y))


_SPEECH = re.compile(r"\b(?:say|says|said|told|tell|reported|reports|according|announced|estimated?)\b", re.I)


def _place_kind(name: str) -> str:
    """'person' for a name that an honorific (:data:`factdiff.analyse.names.HONORIFICS`) or a given
    name opens, 'place' for one the gazetteer or the
    lexicon knows as a place, '' otherwise (an organisation, a team, a word)."""
    words = name.replace(".", " ").split()
    if not words:
        return ""
    if words[0].lower() in HONORIFICS:
        return "person"
    if lexicon.is_place_name(name):
        return "place"
    if len(words) >= 2 and words[0].lower() in given_names():
        return "person"
    return ""


def _same_kind_of_place(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the two sides name the same kind of thing where they differ: a figure moved from
    Portland to Seattle is a swap; "$1 million in Gov. Sarah Palin" against "in Wasilla Bible
    Church" says whose and where, two different kinds of holder, and is no swap."""
    kinds_a = {_place_kind(p) for p in a} - {""}
    kinds_b = {_place_kind(p) for p in b} - {""}
    return ("person" in kinds_a) == ("person" in kinds_b) or bool(kinds_a & kinds_b)


def _place_of_speaker(fact: Fact) -> bool:
    """A place the sentence gives to whoever speaks ("Pruitt County emergency officials say 1,140
    homes ..."), which says where the statement comes from, not where the figure belongs."""
    text, start = fact.sentence, at_in_sentence(fact)
    if start < 0 or not fact.places:
        return False
    for place in fact.places:
        at = text.find(place.split(",")[0])
        if 0 <= at < start and _SPEECH.search(text, at, start):
            return True
    return False


#: How far above its figure "more than X" reaches: a writer with 200,000 does not write "more than
#: 100,000". "At least" is a floor with no such reach (a toll "at least 10" that rose to 40).
BOUND_REACH = 1.5


#: A figure given per member of a group: "over 100 yards apiece", "$5 million each".
_EACH_AFTER = re.compile(r"\s*(?:[A-Za-z-]+\s+){0,2}?(?:apiece|each)\b(?!\s+(?:of|other)\b)")


#: Words that make a figure a stretch at one end of a run: "his first two seasons", "the last 10
#: games", "the final three laps".
_STRETCH_BEFORE = re.compile(r"\b(?:first|last|final|opening|closing)\s+\Z", re.IGNORECASE)


#: A figure that a whole right after it bounds: "1 of 13 passes", "7 of 11 wards", "three out of
#: five" (the whole a number: :func:`factdiff.analyse.numbers.parse_number`).
_OF_A_WHOLE = re.compile(r"\s+(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+)?([\w,.]+)", re.IGNORECASE)


def _of_a_whole(fact: Fact) -> bool:
    """Whether the figure is a part of a whole given right after it ("1 of 13 passes")."""
    found = _followed_by(fact, _OF_A_WHOLE)
    return found is not None and parse_number(found.group(1).rstrip(",.")) is not None


def _followed_by(fact: Fact, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """``pattern`` matched right after the figure in its sentence."""
    at = at_in_sentence(fact)
    return pattern.match(fact.sentence, at + len(fact.claim.text)) if at >= 0 else None


def _stretch(fact: Fact) -> bool:
    """Whether the figure counts a stretch at one end of a run ("his first two seasons"), not the
    whole run."""
    at = at_in_sentence(fact)
    return at > 0 and bool(_STRETCH_BEFORE.search(fact.sentence, max(0, at - 12), at))


def _each(fact: Fact) -> bool:
    """Whether the figure is given for each member of a group ("over 100 yards apiece"), not for
    the group or one member."""
    return _followed_by(fact, _EACH_AFTER) is not None


def _in_range(a: Fact, b: Fact) -> bool:
    """One figure is a range ("65 to 125") that holds the other."""
    for ranged, other in ((a, b), (b, a)):
        low, high = getattr(ranged.claim, "low", None), getattr(ranged.claim, "high", None)
        if ranged.approx == "range" and low is not None and high is not None and other.value is not None:
            value = convert(other.value, other.unit, ranged.unit)
            if value is not None and low <= value <= high:
                return True
    return False


def within_bound(report: Fact, source: Fact) -> bool:
    """Whether the report's figure is consistent with a bound the source gives ("20 firefighters"
    under "up to 40", "120,000" for "more than 100,000"), so neither contradicts the other."""
    if report.value is None or source.value is None or report.approx not in ("exact", "about"):
        return False
    if source.approx in ("up_to", "under"):
        return report.value < source.value
    if source.approx == "at_least":
        return report.value > source.value
    if source.approx == "over":
        return source.value < report.value <= source.value * BOUND_REACH
    return False


def _interval(fact: Fact) -> tuple[float, float] | None:
    """The values a hedged or bounded figure allows, or None for an exact one."""
    value = fact.value
    if value is None or value <= 0:
        return None
    approx = fact.approx
    if approx == "about":
        return value / (1 + HEDGE_TOLERANCE), value * (1 + HEDGE_TOLERANCE)
    if approx == "nearly":
        return value * (1 - HEDGE_TOLERANCE), value
    if approx == "over":
        return value, value * BOUND_REACH
    if approx == "at_least":
        return value, math.inf
    if approx in ("up_to", "under"):
        return 0.0, value
    low, high = getattr(fact.claim, "low", None), getattr(fact.claim, "high", None)
    if approx == "range" and low is not None and high is not None:
        return float(low), float(high)
    return None


def bounds_meet(report: Fact, source: Fact) -> bool:
    """Two figures that each give only a bound or an approximation, and allow a common value:
    "more than 15 years" and "nearly 20 years", "winds over 100 mph" and "gusts up to 120 mph",
    "at least 6,000 sites" and "about 10,000". Neither contradicts the other. Two approximations
    that allow no common value ("about 200,000" and "more than 100,000") still differ."""
    ours, theirs = _interval(report), _interval(source)
    if ours is None or theirs is None:
        return False
    if report.unit != source.unit:
        low, high = convert(ours[0], report.unit, source.unit), convert(ours[1], report.unit, source.unit)
        if low is None or high is None:
            return False
        ours = (low, high)
    return ours[0] <= theirs[1] and theirs[0] <= ours[1]


_AGE_WORD = frozenset({"age"})


def _same_thing(report: Fact, source: Fact) -> bool:
    """Direct evidence that two numbers count the same thing: a shared counted noun, the report's
    noun right next to the source's number (or the other way), or, when neither names what it
    counts, mostly the same words around both."""
    ca, cb = report.concept - GENERIC_CONCEPTS, source.concept - GENERIC_CONCEPTS
    if shared(ca, cb) and concept_relation(report.concept, source.concept) == "same":
        return True
    if _named_model(ca, cb) and _kinds_of_one_another(report, source):
        return True  # "AK 47 guns" and "AK-47 assault rifles"
    if not cb and _fielded(report, source):
        return True  # the report's noun is what the notice is about, or the field's name
    if ca and cb and not shared(ca, cb):
        return False  # each names what it counts, and the names differ
    if (ca and covered(ca, source.near)) or (cb and covered(cb, report.near)):
        return True
    if not ca and shared(cb - _AGE_WORD, report.near):
        # "The project will cost $35.8 million" for "The $38.5 million project"; not the word "age"
        # of "ages 16 and 6" for Orozco's age: an age is named by its holder.
        return True
    if not ca and not cb:
        # Neither names what it counts: the words of the numbers' own phrases ("restructuring
        # charge of $240 million"), or else mostly the same words around them.
        common = shared(report.near, source.near) - GENERIC_CONCEPTS - STOPWORDS - UNIT_WORDS
        return bool(common) or fact_concepts(report, source) == "same"
    return False


def _fielded(report: Fact, source: Fact) -> bool:
    """A source figure under a field name that the report's number is named for: by what the
    notice is about ("168,400 kettles" for "Units: About 186,400" in a kettle recall) or by the
    field's own word ("53% contained" for "Containment: 35 percent")."""
    own = report.concept - GENERIC_CONCEPTS
    if own and source.topic and covered(own, source.topic):
        return True
    return bool(source.field) and _fuzzy_common(source.field, report.near | own)


def _near(report: Fact, source: Fact) -> bool:
    """A rounding or hedge of the source value (judged precisely in judge.py)."""
    if report.value is None or source.value is None:
        return False
    converted = convert(report.value, report.unit, source.unit)
    if converted is None:
        return False
    if report.unit != source.unit:
        if report.unit not in TIME_UNITS and source.unit not in TIME_UNITS:
            # "60km" for "35 miles" (56.3 km): a rounding in the report's own unit.
            theirs = convert(source.value, source.unit, report.unit)
            if theirs is None:
                return False
            if report.approx != "exact":
                return abs(report.value - theirs) <= HEDGE_TOLERANCE * abs(theirs)
            return is_rounding(report.value, theirs, CONVERSION_TOLERANCE)
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
        return abs(converted - source.value) <= HEDGE_TOLERANCE * abs(source.value)
    return is_rounding(converted, source.value)


def _quote_score(a: Fact, b: Fact) -> float:
    """rapidfuzz partial_ratio of two quotes: how well the shorter renders a stretch of the
    longer. A stretch of three or four words is found in any long quote of the story ("the
    purposes of the [Endangered Species Act]" in "the scientific foundation of the Endangered
    Species Act"): the shorter needs as many words as :data:`QUOTE_STRETCH_WORDS` when the
    longer is over twice its length."""
    qa, qb = a.claim.quote.lower(), b.claim.quote.lower()  # type: ignore[attr-defined]
    if min(len(qa), len(qb)) < 8:
        return 0.0
    short, long = sorted((qa, qb), key=len)
    if len(long) > 2 * len(short) and len(short.split()) < QUOTE_STRETCH_WORDS:
        return 0.0
    return float(fuzz.partial_ratio(qa, qb))


#: Words a quote needs to be found by its wording inside a quote over twice as long.
QUOTE_STRETCH_WORDS = 8
