"""Analysis: one article in, its claims and its internal inconsistencies out.

Each extractor is a pure function of the article (and of what earlier extractors found), so the
same code runs in the command line, the store and a Spark partition. Order matters: dates and
durations go first so that the quantity extractor never reads a year or a day of the month as a
count; people go before quotes so that a quote can take its speaker's title.
"""

from __future__ import annotations

from factdiff.analyse.consistency import find_inconsistencies
from factdiff.analyse.dates import find_dates
from factdiff.analyse.people import find_people
from factdiff.analyse.quantities import find_quantities
from factdiff.analyse.quotes import find_attributions, find_quotes
from factdiff.analyse.text import split_sentences
from factdiff.model import Analysis, Article, Claim, Quantity

__all__ = ["analyse"]


def analyse(article: Article) -> Analysis:
    """Find the checkable facts of ``article`` and where it disagrees with itself."""
    sentences = split_sentences(article.text)
    dates = find_dates(article, sentences)
    quantities = find_quantities(article, sentences, taken=[(c.start, c.end) for c in dates])
    people = find_people(article, sentences)
    quotes = find_quotes(article, sentences, people)
    attributions = find_attributions(article, sentences, people)
    claims: list[Claim] = [*dates, *quantities, *people, *quotes, *attributions]
    _mark(article, claims, sentences)
    _said_of(article, quantities)
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    analysis = Analysis(article=article, claims=claims, sentences=sentences)
    analysis.findings = find_inconsistencies(analysis)
    return analysis


def _said_of(article: Article, quantities: list[Quantity]) -> None:
    """What each quantity is said of, from its sentence's syntax (the tagger)."""
    from factdiff.analyse.concepts import said_of

    for q in quantities:
        measure = q.unit is not None and not q.unit_shared  # a unit written at the number
        q.said_of = said_of(article.text, q.start, q.end, (q.sentence_start, q.sentence_end), measure=measure) or None


def _mark(article: Article, claims: list[Claim], sentences: list[tuple[int, int]]) -> None:
    """Fill the fields every claim has: its sentence, and whether it is in the title or a post."""
    from factdiff.analyse.text import sentence_of

    for claim in claims:
        if claim.sentence_start < 0:
            claim.sentence_start, claim.sentence_end = sentence_of(sentences, claim.start)
        claim.in_title = claim.start < article.title_end
        claim.in_post = article.post_at(claim.start, claim.end) is not None
