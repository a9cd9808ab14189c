"""Report people and quotes assigned to their slots: a person by name, a quote by how much of
the source quote it renders."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from factdiff.align.facts import Fact
from factdiff.align.places import same_person
from factdiff.align.relations import _quote_score
from factdiff.align.slots import Match, Slot
from factdiff.align.words import STOPWORDS

#: rapidfuzz partial_ratio above which a report's quote is a rendering of a source quote.
QUOTE_MATCH = 75.0


#: A source quote this long may be found inside a longer report quote as well as the best match;
#: shorter ones ("the first of many") match inside unrelated words too easily.
QUOTE_RUN_ON_WORDS = 6


#: Content words two quotes must share before their word sets are compared: "There was at least
#: a dozen other people on the scene" shares "dozen" and "people" with a longer statement that
#: says something else.
SHARED_QUOTE_WORDS = 3


def _shared_words_score(fact: Fact, source: Fact) -> float:
    """rapidfuzz token_set_ratio of the two quotes' content words (a rendering that reorders or
    drops words), 0 when they share fewer than :data:`SHARED_QUOTE_WORDS` of them."""
    ours, theirs = _content(fact.claim.quote), _content(source.claim.quote)  # type: ignore[attr-defined]
    # Words of a name ("the [Endangered Species Act]") are the story's subject in every quote, not
    # a sign that two quotes say one thing: only plain words count towards the share.
    plain = _plain_words(fact.claim.quote) & _plain_words(source.claim.quote)  # type: ignore[attr-defined]
    if len(plain) < SHARED_QUOTE_WORDS:
        return 0.0
    return float(fuzz.token_set_ratio(" ".join(ours), " ".join(theirs)))


def _plain_words(quote: str) -> set[str]:
    """The quote's content words written in lower case (not names)."""
    return {w for w in re.findall(r"[\w'’-]+", quote) if w.islower() and w not in STOPWORDS}


def _content(quote: str) -> list[str]:
    """The quote's words without stop words."""
    return [w for w in re.findall(r"[\w'’-]+", quote.lower()) if w not in STOPWORDS]


def _match_person(fact: Fact, slots: list[Slot]) -> None:
    name = fact.claim.name  # type: ignore[attr-defined]
    for slot in slots:
        if slot.source is not None and same_person(name, slot.source.claim.name):  # type: ignore[attr-defined]
            slot.matches.setdefault(fact.article, []).append(Match(fact, "same", 100.0))
            return


def _match_quote(fact: Fact, slots: list[Slot]) -> None:
    """A report's quote joins the source quote it renders; a long quote that runs on over
    several source quotes joins each of them."""
    scored: list[tuple[float, Slot]] = []
    for slot in slots:
        if slot.source is None:
            continue
        score = max(_quote_score(fact, slot.source), _shared_words_score(fact, slot.source))
        scored.append((score, slot))
    scored.sort(key=lambda pair: -pair[0])
    for rank, (score, slot) in enumerate(scored):
        long_enough = len(slot.source.claim.quote.split()) >= QUOTE_RUN_ON_WORDS  # type: ignore[union-attr]
        if score >= QUOTE_MATCH and (rank == 0 or long_enough):
            slot.matches.setdefault(fact.article, []).append(Match(fact, "same", score))
