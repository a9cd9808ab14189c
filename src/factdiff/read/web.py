"""Pages and feeds from the web to normalised articles (``factdiff add URL``, ``--feed URL``).

A page goes through the same readers as a file: HTML through trafilatura (:func:`read_html`),
plain text through :func:`read_text`. A feed (RSS or Atom, read by feedparser) gives one article
per item: the item's page when it can be fetched and holds an article, otherwise the item's own
title and summary (a title alone makes a headline record; see :func:`factdiff.normalise.normalise`).
All fetching goes through :class:`factdiff.fetch.Fetcher` and its address rules.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from factdiff.errors import Skipped
from factdiff.fetch import Fetched, Fetcher, FetchError
from factdiff.model import Article
from factdiff.normalise import Draft, domain_of, normalise
from factdiff.read.html import read_html
from factdiff.read.text import SNIFF_BYTES, binary_reason, decode, read_text

__all__ = ["is_url", "read_feed", "read_url"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"}
)


def is_url(given: str) -> bool:
    """True for an argument that names a web address rather than a file."""
    return given.lower().startswith(("http://", "https://"))


def read_url(url: str, fetcher: Fetcher) -> Article | Skipped:
    """The article of one web page, or why there is none (the reason names the address)."""
    try:
        got = fetcher.fetch(url)
    except FetchError as exc:
        return Skipped(url, "refused" if exc.refused else "not fetched", exc.reason)
    return _page(got)


def _text_of(got: Fetched) -> str:
    if got.charset:
        try:
            return got.body.decode(got.charset, errors="replace")
        except LookupError:  # a charset name Python does not know
            pass
    return decode(got.body)


def _page(got: Fetched) -> Article | Skipped:
    if not got.body.strip():
        return Skipped(got.url, "empty", "the page is empty")
    if binary_reason(got.body[:SNIFF_BYTES]):
        return Skipped(got.url, "binary", f"not a text page ({got.content_type or 'no content type'})")
    text = _text_of(got)
    if got.content_type in _HTML_TYPES or (not got.content_type and text.lstrip().startswith("<")):
        draft = read_html(text, got.url, None, url=got.final_url)
    elif got.content_type == "text/plain":
        draft = read_text(text, got.url, None)
        if isinstance(draft, Draft):
            draft.url = draft.url or got.final_url
            draft.domain = draft.domain or domain_of(got.final_url)
    else:
        return Skipped(got.url, "unsupported", f"a page of type {got.content_type!r} is not read")
    return draft if isinstance(draft, Skipped) else normalise(draft)


def read_feed(url: str, fetcher: Fetcher, *, fetch_pages: bool = True) -> Iterator[Article | Skipped]:
    """One article per feed item: its page when it has one, else its title and summary."""
    import feedparser

    try:
        got = fetcher.fetch(url)
    except FetchError as exc:
        yield Skipped(url, "refused" if exc.refused else "not fetched", exc.reason)
        return
    parsed = feedparser.parse(got.body, response_headers={"content-location": got.final_url})
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"not an RSS or Atom feed ({problem})" if problem else "the feed has no items"
        yield Skipped(url, "not a feed" if problem else "empty", detail)
        return
    feed_title = _plain(parsed.get("feed", {}).get("title")) or None
    for n, entry in enumerate(entries, 1):
        yield _item(entry, f"{url}#{n}", feed_title, fetcher, fetch_pages)


def _item(entry: Any, label: str, feed_title: str | None, fetcher: Fetcher, fetch_pages: bool) -> Article | Skipped:
    link = str(entry.get("link") or "").strip()
    link = link if is_url(link) else ""  # javascript:, data: and relative links are not addresses to keep
    if link and fetch_pages:
        page = read_url(link, fetcher)
        if isinstance(page, Article):
            return page
    title = _plain(entry.get("title"))
    summary = _plain(entry.get("summary") or entry.get("description"))
    draft = Draft(
        body=summary,
        input=link or label,
        title=title,
        url=link or None,
        outlet=feed_title or domain_of(link or None),
        domain=domain_of(link or None),
        published=_published(entry),
        source_id=str(entry.get("id") or "")[:500] or None,
    )
    return normalise(draft)


def _plain(value: Any) -> str:
    """Text of a feed field, markup removed (feeds carry HTML in titles and summaries)."""
    if not value:
        return ""
    text = str(value)
    if "<" not in text and "&" not in text:
        return text.strip()
    import lxml.html

    try:
        return " ".join(lxml.html.fragment_fromstring(text, create_parent="div").text_content().split())
    except (ValueError, TypeError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return " ".join(text.split())


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None
