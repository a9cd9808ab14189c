"""Checks of a figure that matching and judging both apply: a rounding of a value, a
percentage against the part and base it is computed from, a weekday against its own date.

They sit below matching so that :mod:`factdiff.align` never has to import
:mod:`factdiff.judge`; the judge names them too.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from factdiff.align.facts import Fact
from factdiff.model import Analysis

#: A rounding keeps the source value within this relative distance (498 -> 500 is 0.4%, $86 million
#: -> $90 million is 4.7%); further away it is another number (250 -> 200).
ROUNDING_TOLERANCE = 0.06


#: A hedged value ("nearly", "about", "more than") may sit this far from the value it hedges;
#: "about X" reaches this far either way and "nearly X" this far below X.
HEDGE_TOLERANCE = 0.15


#: A printed percentage may differ from part/base*100 by this many points (rounding to a whole
#: percent, or "roughly").
PERCENT_POINTS = 1.0


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def is_rounding(report: float, source: float, slack: float = 0.0) -> bool:
    """True when ``report`` is ``source`` rounded to fewer significant digits (498 -> 500).
    ``slack`` widens the tolerance for a source value that is itself converted from another unit."""
    if report == source or source == 0:
        return False
    if abs(report - source) > (ROUNDING_TOLERANCE + slack) * abs(source):
        return False
    step = _rounding_step(report)
    return step > _rounding_step(source) and abs(report - source) <= step / 2 + 1e-9


def _rounding_step(value: float) -> float:
    """The place of the last significant digit: 500 -> 100, 90 -> 10, 1100 -> 100, 9.6 -> 0.1."""
    value = abs(value)
    if value == 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(value))
    while step > 1e-6 and abs(value / step - round(value / step)) > 1e-6:
        step /= 10
    return step


def two_days(value: str, other: str) -> tuple[dt.date, dt.date] | None:
    """Two ISO calendar days ("2013-03-09"), or None when either is not a whole valid day."""
    if len(value) != 10 or len(other) != 10:
        return None
    try:
        return dt.date.fromisoformat(value), dt.date.fromisoformat(other)
    except ValueError:
        return None


def weekday_contradicts(fact: Fact) -> bool:
    """A weekday written next to a calendar date that falls on another day."""
    claim = fact.claim
    weekday = (getattr(claim, "weekday", None) or "").lower()
    value = getattr(claim, "value", None) or ""
    if not weekday or getattr(claim, "relative", False) or len(value) != 10 or weekday not in _WEEKDAYS:
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return _WEEKDAYS[day.weekday()] != weekday


def percent_verdict(value: float, part: float, base: float) -> str:
    if base <= 0:
        return "agrees"
    return "agrees" if abs(value - 100 * part / base) <= PERCENT_POINTS else "percent_wrong"


def percent_slot(fact: Fact, analysis: Analysis, source_numbers: list[Fact]) -> tuple[float, float] | None:
    """The (part, base) a report's percentage is computed from, or None when it cannot be told.

    The part is the claim's own ``percent_part`` or a count in the same sentence; the base is the
    claim's ``percent_of``, a larger count in the same sentence, or a source total the part belongs
    to. When several bases are possible and one fits the printed percentage, that one is taken.
    """
    claim = fact.claim
    value = fact.value
    if value is None:
        return None
    neighbours = [
        c
        for c in analysis.claims
        if c.kind == "quantity"
        and c.sentence_start == claim.sentence_start
        and c is not claim
        and getattr(c, "unit", None) in (None, "people", "count")
    ]
    same_sentence = [c.number for c in neighbours]  # type: ignore[attr-defined]
    part = getattr(claim, "percent_part", None)
    parts = ([part] if part is not None else []) + [n for n in same_sentence if n > 0 and n != part]
    if not parts:
        return counted_pair(fact, analysis)
    base = getattr(claim, "percent_of", None)
    counts = [f.value for f in source_numbers if f.value is not None and f.unit is None]
    shared = {
        c.percent_part  # type: ignore[attr-defined]
        for c in analysis.claims
        if c is not claim and c.kind == "quantity" and getattr(c, "percent_part", None) is not None
    }
    options: list[tuple[float, list[float], bool]] = []
    for p in parts:
        # Bases the text ties to this part first; any larger count of the source only when the
        # text ties none, since among a story's many counts one fits almost any percentage.
        tied = [base] if base is not None else []
        # A larger count that carries its own percentage ("48,212 votes, or 52.6 percent, to 41,905
        # votes, or 45.7 percent") is a sibling of the part, not its base.
        tied += [n for n in same_sentence if n > p and n not in shared]
        tied += [c.part_of for c in neighbours if c.number == p and getattr(c, "part_of", None)]  # type: ignore[attr-defined]
        tied += [f.claim.part_of for f in source_numbers if f.value == p and getattr(f.claim, "part_of", None)]
        tied = [b for b in tied if b and b > p]
        bases = tied or sorted((n for n in counts if n > p), key=lambda n: -counts.count(n))
        if bases:
            options.append((p, bases, bool(tied)))
    for p, bases, _tied in options:  # a reading under which the percentage is right
        for b in bases:
            if percent_verdict(value, p, b) == "agrees":
                return p, b
    for p, bases, tied in options:  # else the part and base the text ties together
        if tied:
            # A percentage that is right for the source's own part of that base follows the
            # source; the changed part is a divergence of its own.
            for q in counts:
                if q < bases[0] and q != p and percent_verdict(value, q, bases[0]) == "agrees":
                    return q, bases[0]
            return p, bases[0]
    for p, bases, _tied in options:
        if p in counts or p == part:
            return p, _main_total(bases, source_numbers)
    return None


_PART_OF_BASE = re.compile(
    r"(\d[\d,]*)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?(\d[\d,]*)\s+([A-Za-z][\w-]+)"
)


def counted_pair(fact: Fact, analysis: Analysis) -> tuple[float, float] | None:
    """The part and base of "1,734 of 41,280 kindergartners had ..." in the sentence before a
    percentage that the report states of the same thing ("That is 6.2 percent of all
    kindergartners"): the report's own counts, which the percentage must follow."""
    claim = fact.claim
    before = [s for s in analysis.sentences if s[1] <= claim.sentence_start]
    if not before:
        return None
    text = analysis.article.text
    previous = text[before[-1][0] : before[-1][1]]
    rest = text[claim.end : claim.sentence_end].lower()
    for found in reversed(list(_PART_OF_BASE.finditer(previous))):
        noun = found.group(3).lower()
        part, base = (float(g.replace(",", "")) for g in found.group(1, 2))
        if len(noun) > 3 and re.search(rf"\b{re.escape(noun)}\b", rest) and 0 < part < base:
            return part, base
    return _derived_pair(fact, analysis, before[-2:], rest)


#: A sentence that draws a figure from what the report has just said ("That means ...").
_DERIVING = re.compile(r"\W*(?:that|this|which)\s+(?:means|is|makes)\b", re.I)


_COUNT_NOUN = re.compile(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?")


def _derived_pair(
    fact: Fact, analysis: Analysis, before: list[tuple[int, int]], rest: str
) -> tuple[float, float] | None:
    """The part and base of a percentage a report works out from two counts it gave in the
    sentences just before ("48,212 votes. The city has 203,740 registered voters. That means ...
    19 percent of the people eligible to vote"): the base is the count whose noun the percentage
    repeats, the part the one other smaller count."""
    text = analysis.article.text
    claim = fact.claim
    if not before or not _DERIVING.match(text, claim.sentence_start):
        return None
    lo, hi = before[0][0], before[-1][1]
    counts = [
        c
        for c in analysis.claims
        if c.kind == "quantity" and lo <= c.start < hi and getattr(c, "unit", None) is None and c.number > 0  # type: ignore[attr-defined]
    ]
    stems = {w[:4] for w in re.findall(r"[a-z]{4,}", rest)}
    for base in counts:
        after = _COUNT_NOUN.match(text, base.end)
        nouns = [w.lower() for w in (after.groups() if after else ()) if w and len(w) >= 4]
        if not any(w[:4] in stems for w in nouns):
            continue
        parts = [c.number for c in counts if c is not base and 0 < c.number < base.number]  # type: ignore[attr-defined]
        if len(parts) == 1:
            return parts[0], base.number  # type: ignore[attr-defined]
    return None


def _main_total(bases: list[float], source_numbers: list[Fact]) -> float:
    """Of the possible bases, the one the source states first (the lead's total)."""
    order = {}
    for f in source_numbers:
        if f.value is not None and f.value not in order:
            order[f.value] = f.claim.start
    explicit = bases[0]
    known = [b for b in bases if b in order]
    if not known:
        return explicit
    return min(known, key=lambda b: order[b])
