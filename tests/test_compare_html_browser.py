"""The compare HTML report in headless Chromium: the matrix renders, a chosen cell shows the
highlighted evidence, and script payloads in a report execute nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdiff.compare import compare_analyses
from factdiff.model import Analysis, Article, Quantity, Quote
from factdiff.report.compare_html import render_html
from tests.browser import chromium

PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


pytestmark = pytest.mark.slow


def _analysis(
    text: str, numbers: list[tuple[str, float, list[str]]], quote: str | None = None, **meta: object
) -> Analysis:
    article = Article(text=text, title=text.split("\n", 1)[0], title_end=text.index("\n"), **meta)  # type: ignore[arg-type]
    claims: list = []
    for surface, value, places in numbers:
        start = text.index(surface)
        claims.append(
            Quantity(start=start, end=start + len(surface), text=surface, value=value, concept="arrests", places=places)
        )
    if quote:
        start = text.index(quote)
        claims.append(
            Quote(
                start=start,
                end=start + len(quote),
                text=quote,
                quote=quote,
                quote_start=start,
                quote_end=start + len(quote),
                speaker="Jo Day",
            )
        )
    for claim in claims:
        claim.sentence_start = text.rfind("\n", 0, claim.start) + 1
        end = text.find("\n", claim.end)
        claim.sentence_end = len(text) if end < 0 else end
    return Analysis(article=article, claims=claims)


def _page(tmp_path: Path) -> Path:
    source = _analysis(
        "Agency update\n\nOfficers made 33 arrests in Portland."
        ' "We keep the streets safe for everyone here", Jo Day said.',
        [("33", 33, ["Portland"])],
        quote="We keep the streets safe for everyone here",
        kind="press_release",
        outlet="Agency",
        published="2024-05-01",
    )
    hostile_quote = f"We keep the streets safe {PAYLOAD} for everyone here"
    hostile = _analysis(
        f'Headline {PAYLOAD}\n\nOfficers made 33 arrests in Seattle {PAYLOAD}. "{hostile_quote}", Jo Day said.',
        [("33", 33, ["Seattle"])],
        quote=hostile_quote,
        outlet=f"Outlet {PAYLOAD}",
        published="2024-05-02",
    )
    page = tmp_path / "compare.html"
    page.write_text(render_html(compare_analyses([source, hostile])), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    yield from chromium()


def test_matrix_renders_and_cell_shows_evidence(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(_page(tmp_path).as_uri())
    assert page.locator("table.matrix tbody tr").count() >= 2
    swap = page.locator("td.v-entity_swap")
    assert swap.count() == 1
    swap.click()
    marks = page.locator("#evidence mark").all_text_contents()
    assert marks == ["33", "33"]  # the report's number and the source's
    assert "Seattle" in page.locator("#evidence").inner_text()
    assert "Portland" in page.locator("#evidence").inner_text()
    assert errors == []
    page.close()


def test_script_payloads_execute_nothing(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(_page(tmp_path).as_uri())
    for cell in page.locator("td.cell").all():
        cell.click()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert dialogs == []
    assert [u for u in requests if not u.startswith("file:")] == []
    assert "<script>" in page.locator("table.matrix thead").inner_text()  # shown as words
    page.close()
