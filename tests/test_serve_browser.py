"""factdiff serve in headless Chromium, against a server started on a free loopback port:
stories -> story -> article -> outlet, the matrix and its evidence, filters and search, the add
form with a hostile feed, and script/CSS payloads everywhere executing nothing.

Screenshots of each page are kept in tests/.artifacts/serve/ (ignored by git).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factdiff.fetch import Fetcher
from factdiff.serve.app import create_app
from tests.browser import chromium
from tests.serve_helpers import (
    ARTICLE_HTML,
    CSS_PAYLOAD,
    HOSTILE_OUTLET,
    PAYLOAD,
    TEST_HOST,
    Site,
    allow_test_server,
    build_store,
    serve_site,
)

ARTIFACTS = Path(__file__).resolve().parent / ".artifacts" / "serve"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def feed_site() -> Iterator[Site]:
    """A site with a feed whose every field is hostile, and a page it links to."""
    with serve_site(Site()) as site:
        hostile_link = f"{site.base}/news/hostile"
        site.page(
            "/feed.xml",
            f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed &lt;script&gt;window.__pwned=5&lt;/script&gt;</title>
<item><title>Ferry &lt;img src=x onerror="window.__pwned=6"&gt; adds a sailing</title>
<link>javascript:window.__pwned=7</link>
<description>&lt;script&gt;window.__pwned=8&lt;/script&gt;The harbour ferry will add a 23:40 sailing,
the operator said, after 1,200 passengers signed a petition &lt;a href="javascript:x()"&gt;here&lt;/a&gt;.</description>
</item>
<item><title>Kessler bridge page</title><link>{hostile_link}</link></item>
</channel></rss>""",
            content_type="application/rss+xml",
        )
        site.page(
            "/news/hostile",
            ARTICLE_HTML.format(title=f"Bridge {PAYLOAD}", site=f"Site {PAYLOAD}", extra=f"Extra {CSS_PAYLOAD}"),
        )
        yield site


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, feed_site: Site) -> Iterator[str]:
    import uvicorn

    db = tmp_path_factory.mktemp("browser") / "store.db"
    build_store(db)
    app = create_app(
        db,
        fetcher_factory=lambda: Fetcher(allow=allow_test_server),
        allowed_hosts={"127.0.0.1", "localhost"},
    )
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


class Watch:
    """A page that records script errors, dialogs and every request that leaves the server."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: None if r.url.startswith(base) else self.foreign.append(r.url))

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def assert_inert(self) -> None:
        assert self.page.evaluate("window.__pwned") is None
        assert self.dialogs == [] and self.errors == [] and self.foreign == []
        assert self.page.locator("img").count() == 0
        # the document's own elements (the locator would also count the browser's form-control internals)
        styled = self.page.evaluate(  # style="" is what the browser leaves on a field it typed into
            "Array.from(document.querySelectorAll(\"main style, main [style]:not([style=''])\"))"
            ".map(e => e.outerHTML.slice(0, 120))"
        )
        assert styled == []
        background = self.page.evaluate("getComputedStyle(document.body).backgroundImage")
        assert background == "none"


def test_navigate_stories_story_article_outlet(browser: Any, server: str) -> None:
    watch = Watch(browser, server)
    page = watch.page
    page.goto(server + "/")
    assert page.locator("tr.story-row").count() == 2
    watch.shot("1-stories")
    page.locator("a.story-link", has_text="Kessler").first.click()
    page.wait_for_selector("table.matrix")
    assert page.locator("table.matrix tbody tr").count() >= 5
    assert page.locator("table.matrix thead th.report").count() == 7
    watch.shot("2-story")

    changed = page.locator("td.cell.v-number_changed a").first
    changed.click()
    page.wait_for_selector("section#evidence mark")
    assert page.locator("td.cell.chosen").count() == 1
    assert page.locator("td.cell.chosen").get_attribute("data-verdict") == "number_changed"
    marks = page.locator("section#evidence mark").all_text_contents()
    assert len(marks) == 2 and marks[0] != marks[1]  # the report's words and the source's
    assert "number_changed" in page.locator("section#evidence").inner_text()
    watch.shot("3-story-evidence")

    page.locator("section#evidence a", has_text="read it").click()
    page.wait_for_selector("#text mark.claim")
    assert page.locator("#text mark.claim.v-number_changed").count() >= 1
    assert page.locator("table#claims tbody tr").count() >= 5
    watch.shot("4-article")

    page.locator("main p.note a").first.click()  # the outlet of the article
    page.wait_for_selector("svg.chart")
    assert page.locator("svg.chart rect").count() >= 1
    assert page.locator("#verdicts tbody tr").count() >= 2
    watch.shot("5-outlet")
    evidence = page.locator("#evidence-list a.chip").first
    if evidence.count():
        evidence.click()
        page.wait_for_selector("td.cell.chosen")
    watch.assert_inert()
    page.close()


def test_filters_and_search_narrow_the_list(browser: Any, server: str) -> None:
    watch = Watch(browser, server)
    page = watch.page
    page.goto(server + "/")
    assert page.locator("tr.story-row").count() == 2
    page.fill("form#filters input[name=q]", "ferry")
    page.click("form#filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("tr.story-row").count() == 1
    assert "Bay Courier" in page.locator("tr.story-row").inner_text()  # the ferry story's outlet
    page.fill("form#filters input[name=q]", "")
    page.fill("form#filters input[name=min_size]", "2")
    page.click("form#filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("tr.story-row").count() == 1 and "Kessler" in page.locator("tr.story-row").inner_text()
    page.fill("form#filters input[name=min_size]", "1")
    page.fill("form#filters input[name=date_to]", "2025-12-31")
    page.click("form#filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("tr.story-row").count() == 1 and "Kessler" not in page.locator("tr.story-row").inner_text()
    watch.shot("6-stories-filtered")
    watch.assert_inert()
    page.close()


def test_hostile_content_executes_nothing(browser: Any, server: str) -> None:
    watch = Watch(browser, server)
    page = watch.page
    page.goto(server + "/")
    page.locator("a.story-link", has_text="Kessler").first.click()
    page.wait_for_selector("table.matrix")
    header = page.locator("table.matrix thead").inner_text()
    assert "<script>" in header  # the outlet's name shown as words
    hostile = page.locator("table.matrix thead th.report", has_text="Hostile").locator("a.small").get_attribute("href")
    cells = page.locator(f"td.cell[data-article='{str(hostile).rsplit('/', 1)[-1]}'] a")
    assert cells.count() >= 5
    for n in range(cells.count()):  # every cell of the hostile report: its words shown in the evidence
        cells.nth(n).click()
        page.wait_for_selector("section#evidence")
        watch.assert_inert()
    watch.shot("7-hostile-story")
    page.locator("table.matrix thead a", has_text="Hostile").first.click()
    page.wait_for_selector("h1#outlet-name")
    assert page.locator("h1#outlet-name").inner_text() == HOSTILE_OUTLET
    watch.assert_inert()
    page.locator("#evidence-list a").nth(1).click()  # the hostile report itself
    page.wait_for_selector("h1#article-title")
    assert "<script>" in page.locator("h1#article-title").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "<style>" in page.locator("#text").inner_text()
    watch.shot("8-hostile-article")
    watch.assert_inert()
    page.close()


def test_add_form_with_a_hostile_feed(browser: Any, server: str, feed_site: Site) -> None:
    watch = Watch(browser, server)
    page = watch.page
    page.goto(server + "/")
    page.fill("form#add input[name=feed]", f"{feed_site.base}/feed.xml")
    page.click("form#add button[type=submit]")
    page.wait_for_selector("main h1")
    assert re.search(r"Add: added 2\b", page.locator("main h1").inner_text()), page.locator("main").inner_text()
    watch.shot("9-added")
    page.goto(server + "/?order=recent&q=harbour+ferry+petition")
    assert page.locator("tr.story-row").count() >= 1
    page.goto(server + "/?q=Southport+inspectors")
    page.locator("a.story-link").first.click()
    page.wait_for_selector("main h1")
    watch.assert_inert()
    hrefs = page.eval_on_selector_all("a[href^='/articles/']", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    for href in sorted(set(hrefs)):
        page.goto(server + href)
        page.wait_for_selector("h1#article-title")
        watch.assert_inert()
    assert ("/feed.xml", f"{TEST_HOST}:{feed_site.port}") in feed_site.seen
    page.close()
