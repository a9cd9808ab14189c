"""Internal consistency: where one article disagrees with itself.

Four checks, each a pure function of the claims:

- the headline's numbers against the body's (a hedged rounding, an unhedged rounding, or a
  contradiction);
- an embedded social post's numbers against the body's (the same three outcomes: the post is
  someone else's claim, quoted by the outlet);
- parts against their total: parts that sum past the total are overlapping categories ("317 with
  convictions, 68 fugitives, 104 deported before, 18 gang members" of 498 arrests), which is worth
  knowing but is not an error;
- a percentage against the counts it is computed from ("317 (74 percent)" of 498 is 63.7 percent).

The rounding test (:func:`rounds_to`) is shared with the cross-outlet judge, so that "500" for 498
means the same thing inside one article and across reports.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable

from factdiff.model import Analysis, Claim, Finding, Quantity

#: Hedges that make a rounding honest: "about 500", "nearly 500", "more than 1,100".
HEDGED = frozenset({"about", "nearly", "over", "under", "at_least", "up_to", "range"})

#: How far a stated percentage may sit from the one its counts give before it is wrong. One point
#: covers every honest rounding ("64 percent" for 63.7, "roughly 64 percent"), since a report that
#: rounds a percentage rounds it to a whole number.
PERCENT_TOLERANCE = 1.0

_VAGUE = re.compile(r"\b(?:dozens|hundreds|thousands|millions|billions|scores)\b", re.IGNORECASE)
_STOP = frozenset(
    "the a an of in on at to for and or with by from were was are is had has have been be who which that".split()
)


def rounds_to(exact: float, shown: float) -> bool:
    """True when ``shown`` is ``exact`` rounded to ``shown``'s own precision (498 -> 500, 86 -> 90).

    The precision of ``shown`` is the largest power of ten it is a multiple of; ``exact`` must lie
    within half of that unit. 500 for 498 passes (unit 100), 400 for 498 does not, and neither does
    a number shown with more precision than the exact one.
    """
    if shown == exact or exact == 0 or shown == 0:
        return False
    if (shown < 0) != (exact < 0):
        return False
    shown_abs, exact_abs = abs(shown), abs(exact)
    unit = _precision(shown_abs)
    if unit <= _precision(exact_abs):
        return False
    return abs(shown_abs - exact_abs) <= unit / 2 + 1e-9 * unit


def _precision(value: float) -> float:
    """The largest power of ten (down to 0.001) that ``value`` is a whole multiple of."""
    for k in range(15, -4, -1):
        unit = 10.0**k
        if unit > value * 10:
            continue
        ratio = value / unit
        if abs(ratio - round(ratio)) < 1e-9 * max(1.0, ratio):
            return unit
    return 1e-3


def is_vague(quantity: Quantity) -> bool:
    """ "hundreds of homes", "thousands of residents": an order of magnitude, not a number."""
    return bool(_VAGUE.search(quantity.text))


def consistent_vague(quantity: Quantity, exact: float) -> bool:
    """ "thousands of residents" for 4,600: the exact figure is of that order of magnitude."""
    low = quantity.number
    return low <= exact < low * 1000


def find_inconsistencies(analysis: Analysis) -> list[Finding]:
    """Every internal inconsistency of the analysed article, in text order."""
    quantities = [c for c in analysis.claims if isinstance(c, Quantity)]
    findings: list[Finding] = []
    body = [q for q in quantities if not q.in_title and not q.in_post]
    headline = [q for q in quantities if q.in_title]
    posted = [q for q in quantities if q.in_post]
    findings += _against_body(headline, body, "headline")
    findings += _against_body(posted, body, "post")
    findings += _parts_against_totals(body)
    findings += _percentages(quantities, analysis)
    findings.sort(key=lambda f: (f.start, f.type))
    return findings


def _against_body(scoped: list[Quantity], body: list[Quantity], scope: str) -> list[Finding]:
    """Compare each headline (or post) number with the body's numbers of the same kind."""
    where = "headline" if scope == "headline" else "embedded post"
    findings: list[Finding] = []
    for shown in scoped:
        peers = [b for b in body if b.unit == shown.unit]
        if not peers or any(b.number == shown.number for b in peers):
            continue
        rounded = [b for b in peers if _rounds(b, shown)]
        if rounded:
            exact = max(rounded, key=lambda b: (_overlap(b, shown), -abs(b.number - shown.number)))
            hedged = shown.approx in HEDGED or is_vague(shown)
            kind = "rounded_hedged" if hedged else "rounded_unhedged"
            hedge = f" ({shown.approx})" if hedged and shown.approx != "exact" else ""
            message = f"the {where} says {_show(shown)}{hedge} where the body says {_show(exact)}: " + (
                "a hedged rounding" if hedged else "rounded without a hedge"
            )
            findings.append(_finding(f"{scope}_{kind}", message, shown, [exact], in_post=shown.in_post))
            continue
        same = [b for b in peers if _overlap(b, shown) >= 0.5]
        if same and not is_vague(shown):
            other = max(same, key=lambda b: _overlap(b, shown))
            message = f"the {where} says {_show(shown)} where the body says {_show(other)} for {other.concept}"
            findings.append(_finding(f"{scope}_contradiction", message, shown, [other], in_post=shown.in_post))
    return findings


def _rounds(exact: Quantity, shown: Quantity) -> bool:
    if is_vague(shown):
        return consistent_vague(shown, exact.number) and _overlap(exact, shown) > 0
    return rounds_to(exact.number, shown.number)


def _parts_against_totals(body: list[Quantity]) -> list[Finding]:
    """Parts that sum past their total: overlapping categories, reported but not an error."""
    groups: dict[float, list[Quantity]] = defaultdict(list)
    for q in body:
        # A breakdown's parts are exact counts: "about 40 of the households moved" is another
        # fact about the total, not one of its categories.
        if q.part_of is not None and q.unit is None and q.number != q.part_of and q.approx == "exact":
            groups[q.part_of].append(q)
    findings: list[Finding] = []
    totals = {q.number: q for q in body if q.unit is None}
    for total, parts in groups.items():
        if len(parts) < 2:
            continue
        summed = sum(p.number for p in parts)
        if summed <= total:
            continue
        first = min(parts, key=lambda p: p.start)
        numbers = " + ".join(_fmt(p.number) for p in sorted(parts, key=lambda p: p.start))
        message = (
            f"the parts {numbers} = {_fmt(summed)} add up to more than the total {_fmt(total)}: the categories overlap"
        )
        related = sorted(parts, key=lambda p: p.start)
        if total in totals:
            related = [totals[total], *related]
        findings.append(_finding("overlapping_categories", message, first, related))
    return findings


def _percentages(quantities: list[Quantity], analysis: Analysis) -> list[Finding]:
    """A stated percentage against the one its part and base counts give."""
    findings: list[Finding] = []
    for q in quantities:
        if q.unit != "percent" or q.value is None:
            continue
        part, base = q.percent_part, q.percent_of
        if part is not None and base is None:
            base = _base_of(part, quantities)
        if part is None or base is None or base == 0:
            continue
        computed = 100.0 * part / base
        if abs(computed - q.value) <= PERCENT_TOLERANCE:
            continue
        message = f"{_fmt(q.value)} percent is stated, but {_fmt(part)} of {_fmt(base)} is {computed:.1f} percent"
        related = [c for c in quantities if c.unit is None and c.number in (part, base)]
        findings.append(_finding("percent_mismatch", message, q, related, in_post=q.in_post))
    return findings


def _base_of(part: float, quantities: list[Quantity]) -> float | None:
    for q in quantities:
        if q.unit is None and q.number == part and q.part_of is not None:
            return q.part_of
    return None


def _finding(kind: str, message: str, claim: Claim, related: Iterable[Claim], in_post: bool = False) -> Finding:
    return Finding(
        type=kind,
        message=message,
        start=claim.start,
        end=claim.end,
        text=claim.text,
        related=[(c.start, c.end) for c in related],
        in_post=in_post,
    )


def _words(q: Quantity) -> set[str]:
    text = " ".join(filter(None, [q.concept or "", q.unit or ""]))
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP}


def _overlap(a: Quantity, b: Quantity) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _show(q: Quantity) -> str:
    unit = f" {q.unit}" if q.unit else ""
    return f'"{q.text}" ({_fmt(q.number)}{unit})'


def _fmt(value: float) -> str:
    if math.isfinite(value) and float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
