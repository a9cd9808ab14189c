"""Who a report credits for a figure, checked across reports.

A figure is a fact, and so is whom it comes from. "The USGS said the quake was 35 miles southwest of
Bandar Abbas" and "Iran's seismologic center said the epicenter was ... 35 miles southwest of the
port" give one distance and two sources: where independent reports agree that one named body gave
the figure, a report that hands it to another body has moved it (``entity_swap`` on the credit).

Only named bodies are compared: an agency, a ministry, a survey ("U.S. Geological Survey",
"USGS", "Iran's seismologic center"). People are left out (their names are spelled many ways, and a
spokesman speaks for the body), and so are vague sources ("officials", "police", "the report",
"state media"), which name no one a reader could check.

One named body is recognised under its several names with no list of bodies: a name and its
initials (USGS for U.S. Geological Survey), one name holding the other ("the Geological Survey"),
and names that differ only in places ("Tehran's seismologic center", "Iran's seismologic center").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from factdiff import lexicon
from factdiff.align import Fact, Match, Slot
from factdiff.align.measures import UNITS
from factdiff.align.relations import same_value
from factdiff.gazetteer import place_kind
from factdiff.judge import display_value
from factdiff.model import DIVERGENCES, Analysis, Attribution

__all__ = ["Credit", "body_key", "credit_of", "credit_slots", "credited_figure_slots", "same_body"]

#: Verdicts of a number cell that state the slot's figure (the credit is then about one figure).
_STATES_FIGURE = frozenset({"agrees", "rounded_hedged", "rounded_unhedged", "unsupported"})
#: Independent reports that must credit one body before another body's credit is called a swap.
CREDIT_SUPPORT = 2

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_STOP = frozenset("the a an of and for on in at to".split())
#: "U. S." / "U.S." / "United States": one way to write the country in a body's name.
_US = re.compile(r"\b(?:U\.\s?S\.|United States)(?=\s|$)")
#: A location after the name ("U.S. Geological Survey in Golden, Colo."): where it sits, not who.
_LOCATED = re.compile(r"\s+(?:in|at|based in)\s+[A-Z].*$")


@dataclass(frozen=True, slots=True)
class Credit:
    """A named body a report credits, as written and as compared."""

    name: str  # as the report writes it
    words: tuple[str, ...]  # the name's words, lower case, possessives and dots out
    initials: str  # the initials of its words ("usgs")


def body_key(source: str) -> Credit | None:
    """The named body behind a credited source, or None for a person or a vague source.

    A body's name is an acronym ("USGS", "IRNA") or two or more words of which one is capitalised
    and the last is a singular noun that names no person ("Iran's seismologic center"; not
    "officials", "UAE authorities", "a reporter of the news agency", "Heydar Alishbandi")."""
    name = _LOCATED.sub("", source.strip())
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    if re.search(r"\bof\b", name):
        head = name.split(" of ", 1)[0]
        if not any(w[:1].isupper() for w in head.split()):
            return None  # "head of the team", "reporter of the Iranian news agency": a person
    tokens = _WORD.findall(_US.sub("US", name))
    if not tokens:
        return None
    if len(tokens) == 1:
        word = tokens[0].replace(".", "")
        if 2 <= len(word) <= 6 and word.isupper():
            return Credit(name, (word.lower(),), word.lower())
        return None
    last = re.sub(r"['’]s?$", "", tokens[-1]).lower()
    if not last.isalpha() or not lexicon.known(last, "n") or lexicon.is_person_noun(last):
        return None  # a surname, or a person ("spokesman")
    if lexicon.lemma(last, "n") != last:
        return None  # a plural names a vague group: "authorities", "officials"
    possessor = tokens[0][:1].isupper() and tokens[0].endswith(("'s", "’s"))  # "Iran's seismologic center"
    named = any(t[:1].isupper() for t in tokens[1:]) or any(t.isupper() and len(t) > 1 for t in tokens)
    if not named and not possessor:
        return None  # "news agency", "the same agency": no name
    words = tuple(re.sub(r"['’]s?$", "", t).replace(".", "").lower() for t in tokens)
    words = tuple(w for w in words if w)
    initials = "".join(("us" if w == "us" else w[0]) for w in words if w not in _STOP)
    return Credit(name, words, initials)


def same_body(a: Credit, b: Credit) -> bool:
    """Whether two credited names are one body."""
    if a.words == b.words:
        return True
    if len(a.words) == 1 or len(b.words) == 1:
        one, other = (a, b) if len(a.words) == 1 else (b, a)
        return one.words[0] == other.initials  # "USGS" for "U.S. Geological Survey"
    sa, sb = set(a.words) - _STOP, set(b.words) - _STOP
    if sa <= sb or sb <= sa:
        return True  # "Geological Survey" within "US Geological Survey"
    if a.words[-1] != b.words[-1]:
        return False
    # Names that differ in places only: "Tehran's seismologic center", "Iran's seismologic center".
    return all(_is_place(w) for w in (sa ^ sb))


def _clusters(bodies: list[Credit]) -> dict[tuple[str, ...], int]:
    """Each distinct name's body: names that :func:`same_body` links, joined."""
    names = list({b.words: b for b in bodies}.values())
    cluster = list(range(len(names)))

    def root(i: int) -> int:
        while cluster[i] != i:
            cluster[i] = cluster[cluster[i]]
            i = cluster[i]
        return i

    for i, a in enumerate(names):
        for j in range(i):
            if same_body(a, names[j]):
                cluster[root(i)] = root(j)
    return {b.words: root(i) for i, b in enumerate(names)}


def _is_place(word: str) -> bool:
    return word == "us" or place_kind(word.title()) is not None


def credit_of(
    fact: Fact, analysis: Analysis, said: dict[int, list[Attribution]] | None = None
) -> tuple[Credit, Attribution] | None:
    """The named body a report credits for one of its figures: the source of the nearest saying
    before the figure in its sentence ("X said A, but Y said B" gives B to Y), else the first after
    it ("A, the USGS said"). ``said``: the report's sayings by sentence (:func:`sayings`), when
    many of its figures are asked about."""
    claim = fact.claim
    if claim.sentence_start < 0:
        return None
    here = (said if said is not None else sayings(analysis)).get(claim.sentence_start)
    if not here:
        return None
    before = [c for c in here if c.start < claim.start]
    chosen = before[-1] if before else here[0]
    body = body_key(chosen.source)
    return None if body is None else (body, chosen)


def sayings(analysis: Analysis) -> dict[int, list[Attribution]]:
    """A report's credited sources by the start of their sentence, in text order."""
    out: dict[int, list[Attribution]] = {}
    for c in sorted((c for c in analysis.claims if isinstance(c, Attribution) and c.source), key=lambda c: c.start):
        out.setdefault(c.sentence_start, []).append(c)
    return out


def credit_slots(
    slots: list[Slot],
    verdicts: Callable[[str], dict[str, str]],
    analyses: list[Analysis],
    family_of: Callable[[str], str],
    settled: frozenset[int] = frozenset(),
) -> list[Slot]:
    """One slot per number slot whose figure independent reports credit to named bodies: the
    credit each report gives, judged against the body at least :data:`CREDIT_SUPPORT` independent
    reports credit (``entity_swap`` for a report alone in crediting another body). Figures in
    ``settled`` (ids of facts a named body's own figure already judges) are left out: one error,
    one accusation."""
    by_id = {a.article.id: a for a in analyses}
    sayings_of = {a.article.id: sayings(a) for a in analyses}
    made: list[Slot] = []
    for slot in slots:
        if slot.family != "number" or slot.derived:
            continue
        cells = verdicts(slot.id)
        credited: dict[str, tuple[Match, Credit]] = {}  # the credit's claim stands in the match
        for article, matches in slot.matches.items():
            if cells.get(article) not in _STATES_FIGURE:
                continue
            for match in matches:
                if match.fact.in_post or match.fact.claim.in_title or id(match.fact) in settled:
                    continue
                found = credit_of(match.fact, by_id[article], sayings_of[article])
                if found is not None:
                    body, said = found
                    # The cell shows the credit; alignment's certainty that the figures are one
                    # fact carries over (the figure agrees, only its credit differs).
                    credited[article] = (Match(replace(match.fact, claim=said), match.relation, match.score), body)
                    break
        if len({family_of(a) for a in credited}) < CREDIT_SUPPORT + 1:
            continue
        groups: list[list[str]] = []  # articles crediting one body
        for article, (_, body) in credited.items():
            for group in groups:
                if same_body(credited[group[0]][1], body):
                    group.append(article)
                    break
            else:
                groups.append([article])
        support = {id(g): len({family_of(a) for a in g}) for g in groups}
        ranked = sorted(groups, key=lambda g: -support[id(g)])
        top = ranked[0]
        if support[id(top)] < CREDIT_SUPPORT or (len(ranked) > 1 and support[id(ranked[1])] == support[id(top)]):
            continue
        swapped = [g for g in ranked[1:] if support[id(g)] == 1]
        if not swapped:
            continue
        expected = credited[top[0]][1].name
        verdict = {a: "agrees" for g in groups for a in g}
        for group in swapped:
            verdict.update({a: "entity_swap" for a in group})
        made.append(
            _judged_slot(
                f"credit_of_{slot.id}",
                "credit",
                f"who gives {slot.label}",
                {a: m for a, (m, _) in credited.items()},
                expected,
                verdict,
                {a: body.name for a, (_, body) in credited.items()},
                support=support[id(top)],
                reports=len({family_of(a) for a in credited}),
                own={a: support[id(g)] for g in groups for a in g},
            )
        )
    return made


def credited_figure_slots(
    slots: list[Slot],
    verdicts: Callable[[str], dict[str, str]],
    analyses: list[Analysis],
    facts: dict[str, list[Fact]],
    family_of: Callable[[str], str],
    judge: Callable[[Fact, Fact], str | None],
) -> list[Slot]:
    """Slots for a body's own figure: a report that credits a named body with a figure, where at
    least :data:`CREDIT_SUPPORT` independent reports credit the same body with another value of the
    same fact, and none with the report's ("the USGS said 5.9" where two reports have the USGS at
    6.1 and Tehran's centre at 5.9). ``judge`` relates a report's figure to another's (a verdict,
    or None when they are not one fact). Figures already judged a divergence in their own slot are
    left to it."""
    by_id = {a.article.id: a for a in analyses}
    diverging: set[int] = set()
    for slot in slots:
        judged = verdicts(slot.id)
        diverging.update(id(m.fact) for a, ms in slot.matches.items() if judged.get(a) in DIVERGENCES for m in ms)
    entries: list[tuple[str, Fact, Credit]] = []
    for article, found in facts.items():
        said = sayings(by_id[article])
        if not said:
            continue
        for fact in found:
            if fact.family != "number" or fact.in_post or fact.claim.in_title or fact.value is None:
                continue
            credit = credit_of(fact, by_id[article], said)
            if credit is not None:
                entries.append((article, fact, credit[0]))
    # Figures are compared only within one body and one kind of measure: a story of hundreds of
    # reports credits few bodies, so this stays far from every pair of figures.
    bodies = _clusters([body for _, _, body in entries])
    buckets: dict[tuple[int, str | None], list[tuple[str, Fact, Credit]]] = {}
    for entry in entries:
        unit = entry[1].unit
        buckets.setdefault((bodies[entry[2].words], UNITS[unit][0] if unit in UNITS else unit), []).append(entry)
    made: list[Slot] = []
    used: set[int] = set()
    for article, fact, body in entries:
        if id(fact) in diverging or id(fact) in used:
            continue
        unit = fact.unit
        bucket = buckets[(bodies[body.words], UNITS[unit][0] if unit in UNITS else unit)]
        others = [
            (a, f, verdict)
            for a, f, _ in bucket
            if family_of(a) != family_of(article) and (verdict := judge(fact, f)) is not None
        ]
        if not others or any(v not in DIVERGENCES for _, _, v in others):
            continue  # another report credits the body with this figure, or none gives it
        changed = [(a, f) for a, f, v in others if v == "number_changed"]
        first = changed[0][1] if changed else None
        if first is None or not all(same_value(f, first) for _, f in changed):
            continue  # the others do not agree on the body's figure
        if len({family_of(a) for a, _ in changed}) < CREDIT_SUPPORT:
            continue
        own = [f for a, f, _ in bucket if a == article and f is not fact]
        if any(same_value(f, first) for f in own):
            continue  # the report itself gives the body's other figure too
        used.add(id(fact))
        members = {a: f for a, f in changed} | {article: fact}
        made.append(
            _judged_slot(
                f"figure_of_{'_'.join(body.words)}_{len(made) + 1}",
                "number",
                f"{body.name}'s figure",
                {a: Match(f, "credited" if a == article else "same", 50.0) for a, f in members.items()},
                f"{display_value(first, noun=False)} (per {body.name})",
                {a: "number_changed" if a == article else "agrees" for a in members},
                {a: display_value(f, noun=False) for a, f in members.items()},
                support=len({family_of(a) for a, _ in changed}),
                reports=len({family_of(a) for a in members}),
                own={article: 1},
                fact=first,
            )
        )
    return made


def _judged_slot(
    slot_id: str,
    family: str,
    label: str,
    matches: dict[str, Match],
    value: str,
    verdicts: dict[str, str],
    cells: dict[str, str],
    *,
    support: int,
    reports: int,
    own: dict[str, int],
    fact: Fact | None = None,
) -> Slot:
    """A slot judged here rather than by alignment: its reference value with the independent
    reports behind it (``support`` of ``reports``), each report's verdict and shown value, and each
    report's own support (read by :func:`factdiff.compare` as a consensus reference)."""
    return Slot(
        id=slot_id,
        family=family,
        label=label,
        source=None,
        matches={a: [m] for a, m in matches.items()},
        derived={
            "value": value,
            "verdicts": verdicts,
            "cell": cells,
            "support": support,
            "reports": reports,
            "own": own,
            "fact": fact,
        },
    )
