"""The alignment of a story, step by step: the primary sources open the slots, report facts are
prepared against them (named, placed), and each report's numbers, dates, people and quotes are
matched; numbers that fit no slot become extra facts."""

from __future__ import annotations

from factdiff.align.facts import Fact, facts_of
from factdiff.align.labels import _SPEECH_BEFORE, _label_number
from factdiff.align.match_dates import _date_context, _match_date, heard_sentences
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
    dated: list[tuple[Fact, set]] = []  # report dates and the other dates of their sentences
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
                dated.append((fact, beside))
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
    _match_dates(dated, date_slots, announced)
    return slots + list(extras.values())


def _said_on(fact: Fact) -> bool:
    """Whether the date follows a speech verb in its sentence ("the agency said Thursday")."""
    return bool(_SPEECH_BEFORE.search(fact.sentence[: max(0, fact.sentence.find(fact.claim.text))]))


def _match_dates(dated: list[tuple[Fact, set]], slots: list[Slot], announced: set[str]) -> None:
    """Report dates to date slots in two passes: the second reads each slot's event in the words of
    every other report that gave its day in the first, not only in the source's."""
    for fact, beside in dated:
        _match_date(fact, slots, announced, beside)
    # Only a sentence that dates one day and shares words with the source's own mention of it
    # speaks for its event: a date equal to a bare dateline's says nothing of what happened on it,
    # and a sentence that dates two events ("crested early Sunday ... as of Monday") mixes them.
    # A day after a speech verb ("officials said Monday") dates the statement, not the sentence's
    # words.
    alone = {id(fact) for fact, beside in dated if not beside - {None} and not _said_on(fact)}
    heard = heard_sentences(
        {
            s.id: [
                m.fact
                for ms in s.matches.values()
                for m in ms
                if m.relation == "same" and id(m.fact) in alone and _date_context(m.fact, s)
            ]
            for s in slots
        }
    )
    for slot in slots:
        slot.matches = {
            article: kept
            for article, matches in slot.matches.items()
            if (kept := [m for m in matches if m.relation == "source"])
        }
    for fact, beside in dated:
        _match_date(fact, slots, announced, beside, heard)
