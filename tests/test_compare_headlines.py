"""A headline that its own body contradicts: hand-written reports of one theft compared end to
end. A headline compresses, so a figure there is rarely judged; but one whose report states the
same fact in its body, in the same currency and close by, and agrees with the others there, has
misstated that fact in the headline."""

from __future__ import annotations

from factdiff.compare import compare_articles
from factdiff.model import Article
from factdiff.normalise import normalise
from factdiff.read.text import read_text

_BODY = (
    "Four men stole watches and rings worth $4.8 million from a jeweller on Harbour Street on Monday, "
    "police said. The thieves drove a van through the shop window and fled."
)

#: A fourth report's own body, which agrees with the others on the sum.
_OWN = (
    "A gang crashed a van into a Harbour Street jeweller on Monday and escaped with watches and rings "
    "worth $4.8 million, according to police."
)

_REPORTS = {
    "a": "Jeweller raided on Harbour Street\n\n" + _BODY,
    "b": "Van driven into jeweller's window\n\nThieves took $4.8 million worth of watches and rings from a "
    "Harbour Street jeweller on Monday after ramming a van through its window, police said.",
    "c": "Ram-raid at Harbour Street jeweller\n\nPolice said the gang of four escaped with jewellery valued at "
    "$4.8 million on Monday.",
}


def _divergences(reports: dict[str, str]) -> list[tuple[str, str]]:
    articles = []
    for k, v in reports.items():
        article = normalise(read_text(v, f"{k}.txt", f"{k}.txt"))  # title, blank line, body: as a file
        assert isinstance(article, Article)
        articles.append(article)
    name = {a.id: (a.file or "").removesuffix(".txt") for a in articles}
    return [(name[d.article], d.type) for d in compare_articles(articles).divergences]


def test_a_headline_figure_its_own_body_contradicts_is_changed() -> None:
    misstated = {**_REPORTS, "d": "Thieves grab $4.5 million in jewels\n\n" + _OWN}
    assert ("d", "number_changed") in _divergences(misstated)


def test_a_headline_figure_for_another_fact_is_not_judged() -> None:
    # The headline's figure is far from the body's: it speaks of something else (an insurer's cover).
    other = {**_REPORTS, "d": "Insurer faces $9 million bill\n\n" + _OWN}
    assert not [d for d in _divergences(other) if d[0] == "d"]
    # The body gives the headline's figure too: the headline states that fact, not this one.
    both = {**_REPORTS, "d": "Thieves grab $4.5 million in jewels\n\n" + _OWN + " Rings made up $4.5 million of it."}
    assert ("d", "number_changed") not in _divergences(both)
