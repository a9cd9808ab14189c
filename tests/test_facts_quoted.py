"""A title inside a quotation is the speaker's word, not the report's claim of a post."""

from __future__ import annotations

from factdiff.align import Fact, facts_of
from factdiff.align.match_quotes import _shared_words_score
from factdiff.align.relations import _quote_score
from factdiff.analyse import analyse
from factdiff.model import Article


def _titles(text: str) -> list[str]:
    article = Article(id="a", text=f"Species rules\n\n{text}", file="a.txt")
    return [getattr(f.claim, "title", "") for f in facts_of(analyse(article)) if f.family == "person"]


def test_a_title_in_a_quotation_is_no_fact() -> None:
    quoted = 'A spokesman said: "As president, Senator Barack Obama will fight to keep the protections."'
    assert "Senator" not in _titles(quoted)


def test_a_title_in_the_report_s_own_words_is_a_fact() -> None:
    assert "Senator" in _titles("Senator Barack Obama opposed the rule changes during the campaign.")


def _quote(text: str) -> Fact:
    article = Article(id=text[:6], text=f"Species rules\n\n{text}", file="q.txt")
    return next(f for f in facts_of(analyse(article)) if f.family == "quote")


def test_a_short_quote_is_not_found_in_any_long_one_by_a_name() -> None:
    short = _quote('The order asks whether the rule promotes "the purposes of the [Endangered Species Act]."')
    long = _quote(
        '"Several last-minute regulatory changes have undermined the scientific foundation of the '
        'Endangered Species Act, and today we have begun to repair the damage," she said.'
    )
    assert _quote_score(short, long) == 0.0
    assert _shared_words_score(short, long) == 0.0


def test_a_rendering_of_a_long_quote_is_still_found() -> None:
    source = _quote(
        '"Several last-minute regulatory changes have undermined the scientific foundation of the '
        'Endangered Species Act, and today we have begun to repair the damage," she said.'
    )
    report = _quote('"Last-minute regulatory changes undermined the scientific foundation of the act," she said.')
    assert max(_quote_score(report, source), _shared_words_score(report, source)) >= 75
