"""The alignment of a story, step by step: the primary sources open the slots, report facts are
prepared against them (named, placed), and each report's numbers, dates, people and quotes are
matched; numbers that fit no slot become extra facts."""

from __future__ import annotations

from factdiff.align.facts import Fact, facts_of
from factdiff.align.labels import _label_number
from factdiff.align.match_dates import _match_date
from factdiff.align.match_numbers import _match_numbers, _self_computed
from factdiff.align.match_quotes import _match_person, _match_quote
from factdiff.align.slots import Match, Slot, _announcement_slot, _clause_places, _name_unnamed, _open_slots, _slot_id
from factdiff.model import Analysis


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
