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

The steps, one module each, every module importing only the ones above it:

- :mod:`~factdiff.align.words`: the lexical layer (stop words, lemmas, content words, counted nouns);
- :mod:`~factdiff.align.places` and :mod:`~factdiff.align.measures`: places, people's names, units;
- :mod:`~factdiff.align.facts`: the comparable facts of one report (:class:`Fact`, :func:`facts_of`);
- :mod:`~factdiff.align.checks`: a figure against itself (a rounding, a percentage of its own part
  and base, a weekday against its date), shared with :mod:`factdiff.judge`;
- :mod:`~factdiff.align.relations`: how two facts relate (value, counted noun, place, context);
- :mod:`~factdiff.align.labels`: what a fact is, as an editor's checklist names it;
- :mod:`~factdiff.align.slots`: the slots the primary sources open (:class:`Slot`, :class:`Match`);
- :mod:`~factdiff.align.match_numbers`, :mod:`~factdiff.align.match_dates`,
  :mod:`~factdiff.align.match_quotes`: each report's claims assigned to those slots;
- :mod:`~factdiff.align.pipeline`: :func:`align`, the steps in order.
"""

from __future__ import annotations

from factdiff.align.facts import Fact, facts_of
from factdiff.align.measures import TIME_UNITS, UNIT_WORDS, UNITS, convert
from factdiff.align.pipeline import align
from factdiff.align.places import GENERIC_PLACES, place_key, place_relation, same_person, same_place
from factdiff.align.relations import (
    _same_thing,
    concept_relation,
    context_similarity,
    fact_concepts,
    number_relation,
    same_value,
)
from factdiff.align.slots import Match, Slot
from factdiff.align.words import GENERIC_CONCEPTS, STOPWORDS, concept_tokens, content_words, lemma

#: The names the comparison, the judge and the reference use (``_same_thing`` among them).
__all__ = [
    "GENERIC_CONCEPTS",
    "GENERIC_PLACES",
    "STOPWORDS",
    "TIME_UNITS",
    "UNITS",
    "UNIT_WORDS",
    "Fact",
    "Match",
    "Slot",
    "_same_thing",
    "align",
    "concept_relation",
    "concept_tokens",
    "content_words",
    "context_similarity",
    "convert",
    "fact_concepts",
    "facts_of",
    "lemma",
    "number_relation",
    "place_key",
    "place_relation",
    "same_person",
    "same_place",
    "same_value",
]
