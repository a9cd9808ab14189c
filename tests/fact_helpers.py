"""One comparable fact of a hand-written sentence, for the tests of how two facts relate."""

from __future__ import annotations

from factdiff.align import Fact, facts_of
from factdiff.analyse import analyse
from factdiff.model import Article


def fact_of(text: str, value: float, title: str = "Report") -> Fact:
    """The fact of ``value`` in ``text``, read as the body of a report titled ``title``."""
    article = Article(id=text[:8], text=f"{title}\n\n{text}", file="x.txt")
    return next(f for f in facts_of(analyse(article)) if f.value == value)
