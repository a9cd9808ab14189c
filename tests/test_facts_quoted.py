"""A title inside a quotation is the speaker's word, not the report's claim of a post."""

from __future__ import annotations

from factdiff.align import facts_of
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
