"""The reference of each slot: what a report is checked against, and how sure that is.

Alignment puts every report's statement of a fact in one slot, judged against one report (the
pivot: the primary source when the set holds the official statement, otherwise the earliest, most
specific report). That report is the truth only when it is the official statement itself. In any
other set the reference of a slot is the **consensus of independent reports**, the way truth
discovery settles conflicting sources (Dong, Berti-Equille and Srivastava, VLDB 2009):

1. The statements of a slot are grouped into **value classes**: two statements are in one class
   when one, judged against the other, agrees or is a hedged rounding of it.
2. Each class is **supported** by the independent reports in it: a syndicated copy and its original
   count once (``copy_of``), so a wire story printed by ten outlets is one voice.
3. The reference is the class with the most support, when at least two independent reports give it
   and no other class has as many. A report diverges only from such a clear reference: at least
   two independent reports agree against it.
4. When no class has that majority (two reports against two, or one against one), the slot is
   **disputed**: every differing statement gets the verdict ``disputed``, which names the reports
   and their values and blames none.

When the pivot is the official statement (``official=True``), it stays the reference of every slot
(kind ``primary``) and nothing here changes its verdicts.

Every divergence gets a **confidence** in [0, 1] (:func:`confidence`): how strong the reference is
(its support against the report's own), times how sure alignment is that the two statements are one
fact (the relation it found and its score). ``factdiff compare`` shows the divergences at or above
a threshold chosen for precision (:data:`DEFAULT_THRESHOLD`); ``--all`` shows every one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from factdiff.align import Fact, Match, Slot, concept_relation, number_relation, place_relation
from factdiff.align.relations import bounds_meet, fact_concepts, within_bound
from factdiff.judge import (
    _number_verdict,
    _same_weekday_either_way,
    described_title,
    display_value,
    quote_verdict,
    title_verdict,
)
from factdiff.model import DIVERGENCES, VERDICTS

__all__ = [
    "DEFAULT_THRESHOLD",
    "Reference",
    "confidence",
    "corroborated_elsewhere",
    "default_threshold",
    "features",
    "prior",
    "settle",
]

#: Verdicts that put two statements in one value class.
_AGREEING = frozenset({"agrees", "rounded_hedged"})


@dataclass(slots=True)
class Reference:
    """What one slot's statements were checked against."""

    kind: str  # "primary" | "consensus" | "disputed" | "derived" (a report's percentage against its own counts)
    value: str | None = None  # the reference value as shown (None for a disputed slot)
    support: int = 0  # independent reports behind the reference value
    reports: int = 0  # independent reports that state the slot at all
    article: str | None = None  # the report whose statement stands for the reference
    classes: list[dict[str, Any]] = field(default_factory=list)  # per value: its reports and support
    own: dict[str, int] = field(default_factory=dict)  # report -> support of its own value class
    fact: Fact | None = None  # the statement that stands for the reference (evidence to show)
    #: report -> the value its statement was judged against when that is not ``value``: a report
    #: set apart by the place or kind most independent reports give (that statement's value)
    against: dict[str, str] = field(default_factory=dict)

    def own_support(self, article: str) -> int:
        """The support of the report's own value (1 when it is alone or not in a class)."""
        return self.own.get(article, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "support": self.support,
            "reports": self.reports,
            "values": self.classes,
        }


@dataclass(slots=True)
class _Member:
    article: str
    match: Match
    verdict: str  # against the pivot's statement


def judge_against(fact: Fact, source: Fact) -> str | None:
    """The verdict of ``fact`` taken against ``source`` as the reference, or None when alignment
    would not call them one fact."""
    family = source.family
    if family in ("number", "percent"):
        found = number_relation(fact, source)
        if found is None:
            # "120,000" against "more than 100,000": consistent with the bound, so it agrees.
            if (within_bound(fact, source) or bounds_meet(fact, source)) and fact_concepts(fact, source) != "conflict":
                return "agrees"
            return None
        return _number_verdict(found[0], fact, source)
    if family == "date":
        ours, theirs = getattr(fact.claim, "value", None), getattr(source.claim, "value", None)
        if ours == theirs or _same_weekday_either_way(fact, source) or _same_weekday_either_way(source, fact):
            return "agrees"  # also "Thursday" read into another week than the Thursday it names
        return "date_changed"
    if family == "person":
        title = getattr(fact.claim, "title", None)
        described = described_title(fact.claim.text, title)
        return title_verdict(title, getattr(source.claim, "title", None), described=described)
    if family == "quote":
        return quote_verdict(fact.claim.quote, source.claim.quote, direct=fact.claim.direct)  # type: ignore[attr-defined]
    return "agrees"


def _representative(matches: list[tuple[Match, str]]) -> tuple[Match, str] | None:
    """A report's own statement of a slot: the body before the headline, never an embedded post."""
    own = [mv for mv in matches if not mv[0].fact.in_post]
    if not own:
        return None
    own.sort(key=lambda mv: (mv[0].fact.claim.in_title, mv[1] in DIVERGENCES))
    return own[0]


def settle(
    slot: Slot,
    judged: dict[str, list[tuple[Match, str]]],
    family_of: Callable[[str], str],
    pivot: str | None,
    pivot_weight: int = 1,
) -> tuple[Reference, dict[str, list[tuple[Match, str]]]]:
    """The consensus reference of one slot, and every statement judged against it.

    ``judged`` holds, per report, its matches with their verdicts against the pivot's statement;
    ``family_of`` maps a report to its text-reuse family (a copy to its original).
    """
    members: list[_Member] = []
    for article, matches in judged.items():
        chosen = _representative(matches)
        if chosen is not None:
            members.append(_Member(article, chosen[0], chosen[1]))
    members.sort(key=lambda m: m.article != pivot)
    classes: list[list[_Member]] = []
    anchored = bool(members) and members[0].article == pivot
    for member in members:
        if anchored and member.article == pivot:
            classes.append([member])
            continue
        if anchored and member.verdict in _AGREEING:
            classes[0].append(member)
            continue
        for group in classes[1 if anchored else 0 :]:
            if judge_against(member.match.fact, group[0].match.fact) in _AGREEING:
                group.append(member)
                break
        else:
            classes.append([member])
    apart: list[_Member] = []
    placed_head: _Member | None = None
    if anchored and not classes[0][0].match.fact.places:
        apart, placed_head = _placed_apart(classes[0], family_of)
    if anchored and not apart and slot.family == "number":
        apart, placed_head = _kinds_apart(classes[0], family_of)
    if apart:
        classes[0] = [m for m in classes[0] if m not in apart]
        classes.extend([m] for m in apart)
    pivot_family = family_of(pivot) if pivot is not None else None
    support = [
        len(families) + (pivot_weight - 1 if pivot_family in families else 0)
        for families in ({family_of(m.article) for m in group} for group in classes)
    ]
    reports = len({family_of(m.article) for m in members})
    described = [
        {
            "value": display_value(group[0].match.fact),
            "articles": [m.article for m in group],
            "support": n,
        }
        for group, n in zip(classes, support, strict=True)
    ]
    own = {m.article: n for group, n in zip(classes, support, strict=True) for m in group}
    if not classes:
        return Reference("disputed", reports=0), judged
    best = max(support)
    leaders = [i for i, n in enumerate(support) if n == best]
    if len(classes) > 1 and (best < 2 or len(leaders) > 1):
        settled = {
            article: [(m, "disputed" if v in DIVERGENCES else v) for m, v in matches]
            for article, matches in judged.items()
        }
        return Reference("disputed", reports=reports, classes=described, own=own), settled
    winner = classes[leaders[0]]
    head = winner[0]
    # A title that at least two independent reports give is a post the person holds too ("Gov."
    # and "the vice-presidential candidate"): not a promotion by one outlet, whatever most say.
    also_held = (
        {m.article for group, n in zip(classes, support, strict=True) if group is not winner and n >= 2 for m in group}
        if slot.family == "person"
        else set()
    )
    reference = Reference(
        "consensus",
        value=display_value(head.match.fact),
        support=best,
        reports=reports,
        article=head.article,
        classes=described,
        own=own,
        fact=head.match.fact,
    )
    if len(classes) == 1:
        if not anchored and best < 2:
            # One voice, not the pivot's: no clear reference to blame anyone against.
            judged = {
                article: [(m, "disputed" if v in DIVERGENCES else v) for m, v in matches]
                for article, matches in judged.items()
            }
        return reference, judged  # one value: nothing to judge again
    if head.article == pivot:
        if apart and placed_head is not None:
            # The figure is the pivot's, its place (or kind) the one most independent reports give.
            moved = {m.article for m in apart}
            reference.against = {article: display_value(placed_head.match.fact) for article in moved}
            judged = {
                article: [
                    (m, (judge_against(m.fact, placed_head.match.fact) or v) if article in moved else v)
                    for m, v in matches
                ]
                for article, matches in judged.items()
            }
        return reference, _another_post(judged, also_held)  # the pivot's verdicts already judge against this value
    in_winner = {m.article for m in winner}
    settled = {}
    for article, matches in judged.items():
        out = []
        for match, old in matches:
            if match.fact.in_post:
                new = judge_against(match.fact, head.match.fact)
            elif article in in_winner:
                new = "agrees"
            else:
                new = _against_class(match.fact, winner)
            out.append((match, new if new is not None else ("disputed" if old in DIVERGENCES else old)))
        settled[article] = out
    return reference, _another_post(settled, also_held)


def _another_post(
    judged: dict[str, list[tuple[Match, str]]], also_held: set[str]
) -> dict[str, list[tuple[Match, str]]]:
    """The verdicts with ``title_changed`` taken back for reports that give a post the person
    holds too (see :func:`settle`)."""
    if not also_held:
        return judged
    return {
        article: [(m, "agrees" if article in also_held and v == "title_changed" else v) for m, v in matches]
        for article, matches in judged.items()
    }


def _against_class(fact: Fact, winner: list[_Member]) -> str | None:
    """The verdict of ``fact`` against the reference value: against the statement that stands
    for it, or, where alignment would not call those two one fact, against the first other
    statement of the same value that it would ("three speedboats" in a list of seized arms, set
    against another list's "three outboard motors")."""
    for member in winner:
        verdict = judge_against(fact, member.match.fact)
        if verdict is not None:
            return verdict
    return None


def _kinds_apart(agreeing: list[_Member], family_of: Callable[[str], str]) -> tuple[list[_Member], _Member | None]:
    """Among reports that agree with a pivot which names the counted thing loosely ("three other
    automatic weapons"), those that count another kind than most independent reports do ("three
    machine guns" where most say rifles, a rifle being no machine gun) are set apart, with a
    statement of the majority's kind: the same number of another kind is a unit swap. Nothing is
    set apart without a kind that at least two independent reports give and no other kind as
    many. Two reports count one kind when each, judged against the other, agrees (a report that
    says "rifles" agrees with "automatic weapons" one way only); a kind is every report linked
    to it so."""
    # Reports that name the thing in the same words are one kind without asking: a story of
    # hundreds of reports has few wordings, and only those are compared pairwise.
    wordings: dict[frozenset[str], list[_Member]] = {}
    for member in agreeing[1:]:
        if not member.match.fact.in_post and member.match.fact.concept:
            wordings.setdefault(member.match.fact.concept, []).append(member)
    kinds: list[tuple[list[Fact], list[_Member]]] = []  # (one statement per wording, members)
    for members in wordings.values():
        fact = members[0].match.fact
        linked = [k for k in kinds if any(_one_kind(fact, other) for other in k[0])]
        merged = ([fact] + [f for k in linked for f in k[0]], members + [m for k in linked for m in k[1]])
        kinds = [k for k in kinds if not any(k is h for h in linked)] + [merged]
    groups = [members for _, members in kinds]
    winner = _majority(groups, family_of)
    if winner is None:
        return [], None
    apart = [
        m
        for group in groups
        if group is not winner
        for m in group
        if judge_against(m.match.fact, winner[0].match.fact) == "unit_swap"
    ]
    return apart, winner[0]


def _majority(groups: list[list[_Member]], family_of: Callable[[str], str]) -> list[_Member] | None:
    """The group that the most independent reports (families) are in, when there are two groups or
    more, it has at least two families and no other group has as many; else None."""
    if len(groups) < 2:
        return None
    support = [len({family_of(m.article) for m in group}) for group in groups]
    best = max(support)
    if best < 2 or support.count(best) > 1:
        return None
    return groups[support.index(best)]


def _one_kind(a: Fact, b: Fact) -> bool:
    return judge_against(a, b) in _AGREEING and judge_against(b, a) in _AGREEING


def _placed_apart(agreeing: list[_Member], family_of: Callable[[str], str]) -> tuple[list[_Member], _Member | None]:
    """Among reports that agree with a pivot which gives no place, those that place the fact
    elsewhere than most independent reports do ("LaSalle, 36, of Minneapolis" where two others
    say "of Bloomington"): they are set apart, with a statement of the majority's place. Nothing
    is set apart without a place that at least two independent reports give and no other place
    as many."""
    groups: list[list[_Member]] = []
    for member in agreeing[1:]:
        places = member.match.fact.places
        if not places or member.match.fact.in_post:
            continue
        for group in groups:
            if place_relation(places, group[0].match.fact.places) == "same":
                group.append(member)
                break
        else:
            groups.append([member])
    winner = _majority(groups, family_of)
    if winner is None:
        return [], None
    return [m for group in groups if group is not winner for m in group], winner[0]


#: How sure a changed figure is one fact with its reference when both name the same place and
#: the same counted thing ("50,000 people marched" in Salonika for "20,000 people marched" in
#: Thessaloniki): the evidence the rules ask of another number, given twice over.
NAMED_CHANGE_CERTAINTY = 0.85


#: How sure alignment is that two statements are one fact, by the relation it found.
_RELATION_CERTAINTY = {
    "same": 0.95,
    "near": 0.9,
    "source": 1.0,
    "unit_swap": 0.7,
    "entity_swap": 0.7,
    "changed": 0.75,
    # Both credit the figure to one named body and measure one thing ("the USGS said 5.9" where
    # others have the USGS at 6.1): the body stands where the place stood.
    "credited": NAMED_CHANGE_CERTAINTY,
}


def _same_named_fact(fact: Fact, reference: Fact | None) -> bool:
    """Both statements name one place and one counted thing (neither left unnamed)."""
    if reference is None or not fact.places or not reference.places:
        return False
    if place_relation(fact.places, reference.places) != "same":
        return False
    return concept_relation(fact.concept, reference.concept) == "same"


#: How much a changed figure's confidence keeps when other independent reports give the same
#: figure elsewhere in the story: then it is more likely another fact than this one misreported.
CORROBORATED_ELSEWHERE = 0.5


def corroborated_elsewhere(fact: Fact, slot: Slot, slots: list[Slot], family: dict[str, str]) -> bool:
    """Whether another independent report states ``fact``'s figure as another fact of the story (in
    another slot): "six members voted for the cut" is not the committee's nine changed when others
    give six as the number who voted."""
    if fact.family != "number" or fact.value is None:
        return False
    mine = family.get(fact.article, fact.article)
    for other_slot in slots:
        if other_slot is slot:
            continue
        for article, matches in other_slot.matches.items():
            if family.get(article, article) == mine:
                continue
            for match in matches:
                other = match.fact
                if (
                    other.value == fact.value
                    and other.unit == fact.unit
                    and not other.in_post
                    and concept_relation(other.concept, fact.concept) == "same"
                ):
                    return True
    return False


def prior(reference: Reference, match: Match, verdict: str, corroborated: bool = False) -> float:
    """The confidence reasoned out before any data: the strength of the reference against the
    report's own value, times how sure alignment is that both statements are one fact (less when
    the report's figure is given by other reports for another fact: ``corroborated``). It is one
    feature of the learned score (:func:`confidence`)."""
    if reference.kind == "primary":
        strength = 0.9
    elif reference.kind == "derived":
        strength = 0.8  # a report's percentage against its own counts: no other report needed
    elif reference.kind == "consensus":
        margin = _margin(reference, match)
        strength = 1.0 - 0.5 ** (margin + 1) if margin > 0 else 0.0
    else:
        return 0.0
    certainty = _RELATION_CERTAINTY.get(match.relation, 0.8)
    if match.relation == "changed" and _same_named_fact(match.fact, reference.fact):
        certainty = max(certainty, NAMED_CHANGE_CERTAINTY)
    if match.fact.claim.in_title and not match.against_body:
        certainty *= 0.8  # headlines compress; one that its own body contradicts misstates
    if verdict in ("quote_altered", "title_changed", "date_changed"):
        certainty = max(certainty, 0.85)
    if corroborated and verdict in ("number_changed", "rounded_unhedged"):
        certainty *= CORROBORATED_ELSEWHERE
    return round(max(0.0, min(1.0, strength * certainty)), 3)


def _margin(reference: Reference, match: Match) -> int:
    own = reference.own_support(match.fact.article)
    if reference.article is not None and own == reference.support:
        own = 1  # a second statement of a report whose first one agrees
    return reference.support - own


#: The verdicts and alignment relations the learned score tells apart.
_VERDICT_FEATURES = tuple(v for v in VERDICTS if v in DIVERGENCES)
_RELATION_FEATURES = ("same", "near", "changed", "unit_swap", "entity_swap")


def features(reference: Reference, match: Match, verdict: str, corroborated: bool = False) -> dict[str, float]:
    """What the learned confidence looks at: the reference (its kind and its support against the
    report's own value), the verdict, how alignment related the two statements (relation, score,
    context), where the claim stands (headline), and whether other reports give its figure for
    another fact."""
    from factdiff.align import context_similarity

    margin = _margin(reference, match) if reference.kind == "consensus" else 0
    context = 0.0
    if reference.fact is not None and reference.fact is not match.fact:
        context = context_similarity(match.fact, reference.fact) / 100.0
    out = {
        "prior": prior(reference, match, verdict, corroborated),
        "primary": float(reference.kind == "primary"),
        "derived": float(reference.kind == "derived"),
        "margin": float(min(margin, 6)),
        "support": float(min(reference.support, 10)),
        "score": min(match.score, 120.0) / 100.0,
        "context": context,
        "in_title": float(match.fact.claim.in_title),
        "corroborated": float(corroborated),
    }
    out.update({f"verdict={v}": float(verdict == v) for v in _VERDICT_FEATURES})
    out.update({f"relation={r}": float(match.relation == r) for r in _RELATION_FEATURES})
    return out


@lru_cache(maxsize=1)
def _model() -> dict[str, Any] | None:
    """The logistic model trained by scripts/train_confidence.py (None when it is not shipped)."""
    path = resources.files("factdiff").joinpath("data", "confidence_model.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def confidence(reference: Reference, match: Match, verdict: str, corroborated: bool = False) -> float:
    """How sure a divergence is, in [0, 1]: a logistic score over :func:`features`, learned from
    the labelled divergences of the constructed stories and part of the real coverage
    (scripts/train_confidence.py); the reasoned :func:`prior` when no model is shipped."""
    if reference.kind == "disputed":
        return 0.0
    model = _model()
    found = features(reference, match, verdict, corroborated)
    if model is None:
        return found["prior"]
    z = model["intercept"] + sum(w * found.get(name, 0.0) for name, w in model["weights"].items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def default_threshold() -> float:
    """The operating point shipped with the model (chosen for precision), else the prior's."""
    model = _model()
    return float(model["threshold"]) if model is not None else 0.6


#: The confidence at or above which ``factdiff compare`` shows a divergence by default: the
#: operating point stored with the learned model, chosen for precision (docs/compare.md).
DEFAULT_THRESHOLD = default_threshold()
