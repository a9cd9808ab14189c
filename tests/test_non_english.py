"""Text that is not English is kept, said to be so, and never crashes the analysis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdiff.analyse import analyse
from factdiff.model import Article, Quantity
from factdiff.normalise import normalise
from factdiff.read.text import read_text

TEXTS = {
    "de": (
        "Polizei nimmt 498 Personen fest\n\n"
        "Die Behörde meldete am Donnerstag, dass bei dem Einsatz 498 Personen aus 42 Ländern festgenommen "
        "wurden. Das entspricht einem Anstieg von 12 % gegenüber dem Vorjahr. Die Kosten lagen bei 1,5 Mio. €."
    ),
    "ru": (
        "Иммиграционная служба задержала 498 человек\n\n"
        "Служба сообщила, что в ходе операции были задержаны 498 человек из 42 стран. Это на 12 % больше, "
        "чем годом ранее. Расходы составили $86 млн."
    ),
    "zh": (
        "移民局逮捕了498人\n\n移民局星期四表示，在为期四天的特别行动中，执法人员在多个城市逮捕了来自42个国家的498人，"
        "比去年同期增加了12%。官员说，这次行动的目标是那些拒绝与联邦移民当局合作的城市和县。行动费用约为$86万。"
    ),
    "ar": "اعتقال 498 شخصا\n\nقالت الوكالة إنها اعتقلت 498 شخصا من 42 دولة، بزيادة 12% عن العام الماضي.",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_digits_percents_and_currencies_are_found(lang: str) -> None:
    article = normalise(read_text(TEXTS[lang], lang, None))
    assert isinstance(article, Article)
    assert article.language == lang
    analysis = analyse(article)
    values = {c.value for c in analysis.claims if isinstance(c, Quantity)}
    assert 498 in values
    assert 12 in values and any(c.unit == "percent" for c in analysis.claims if isinstance(c, Quantity))
    for claim in analysis.claims:
        assert article.text[claim.start : claim.end] == claim.text


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_any_text_analyses_without_error(text: str) -> None:
    article = Article(text=text)
    analysis = analyse(article)
    for claim in analysis.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text


def test_english_fast_path_never_claims_another_language() -> None:
    from factdiff.normalise import looks_english

    for text in TEXTS.values():
        assert not looks_english(text)
    french = (
        "Le gouvernement a annoncé mardi que 498 personnes ont été arrêtées dans 42 pays. Selon le ministère, "
        "cette opération a duré quatre jours et visait les villes qui refusent de coopérer."
    )
    assert not looks_english(french)
    english = "The agency said on Thursday that it had arrested 498 people from 42 countries during the operation."
    assert looks_english(english)
