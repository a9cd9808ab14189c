"""Rendering helpers of ``factdiff serve``: the Jinja2 environment, addresses, marked text, a page LRU.

Autoescaping is on for every template; the only markup built in Python (the marked article text
here, the chart in :mod:`factdiff.serve.chart`) escapes every piece of text it holds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any
from urllib.parse import quote, quote_plus, urlencode, urlsplit

import jinja2
from markupsafe import Markup, escape

from factdiff import __version__
from factdiff.serve.cache import outlet_name
from factdiff.serve.chart import outlet_chart

__all__ = [
    "RENDERED_PAGES",
    "Rendered",
    "article_url",
    "environment",
    "highlight",
    "matrix_cells",
    "outlet_url",
    "page_url",
    "safe_href",
    "story_rows",
    "story_url",
]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factdiff.serve", "templates"),
        autoescape=True,  # every {{ value }} is escaped; nothing is marked safe but the chart
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are package files: no stat of each one on every render
    )
    env.globals.update(
        story_url=story_url,
        article_url=article_url,
        outlet_url=outlet_url,
        safe_href=safe_href,
        percent=lambda x: f"{x * 100:.1f}%",
        highlight=highlight,
        outlet_chart=outlet_chart,
        name_of=outlet_name,
        version=__version__,
        page_url=page_url,
        matrix_cells=matrix_cells,
        story_rows=story_rows,
    )
    return env


def story_url(story_id: str, cell: str | None = None) -> str:
    url = f"/stories/{quote(story_id, safe='')}"
    return f"{url}?{urlencode({'cell': cell})}#evidence" if cell else url


def matrix_cells(
    index: int, slot: dict[str, Any], articles: list[dict[str, Any]], story_id: str, chosen: str | None
) -> Markup:
    """The cells of one row of a story's claim matrix, one ``<td>`` a line, every value escaped.

    Built here rather than in the template: a large story has thousands of cells, and the
    template's per-cell attribute look-ups and calls made a page take tens of milliseconds.
    """
    by_article = {cell["article"]: cell for cell in slot["cells"]}
    base = f"/stories/{quote(story_id, safe='')}?cell="
    out: list[str] = []
    for article in articles:
        article_id = article["id"]
        cell = by_article.get(article_id)
        if not cell:
            out.append("<td></td>\n")
            continue
        key = f"{index}.{article_id}"
        verdict = escape(cell["verdict"])
        in_post = cell.get("in_post")
        confidence = cell.get("confidence")
        title = verdict if confidence is None else f"{verdict} (confidence {escape(f'{confidence:.2f}')})"
        if cell["verdict"] == "omitted":
            text = "·"
        else:
            text = str(escape(cell.get("value") or "")) + (" [post]" if in_post else "")
        out.append(
            f'<td class="cell v-{verdict}{" post" if in_post else ""}{" chosen" if key == chosen else ""}" '
            f'data-verdict="{verdict}" data-article="{escape(article_id)}" title="{title}">'
            f'<a href="{escape(base + quote_plus(key) + "#evidence")}">{text}</a></td>\n'
        )
    return Markup("".join(out))  # every value above is escaped


def story_rows(stories: list[dict[str, Any]]) -> Markup:
    """The rows of the stories table (``stories_data``), one ``<tr>`` each, every value escaped.

    Built here rather than in the template, which spent more time on its per-row look-ups and
    calls than the page's own query.
    """
    if not stories:
        return Markup('<tr><td colspan="5" class="note">No story matches.</td></tr>\n')
    out: list[str] = []
    for story in stories:
        first, last = story["first_date"], story["last_date"]
        dates = str(escape(first or "")) + (f" – {escape(last)}" if last and last != first else "")
        outlets = story["outlets"]
        links = ", ".join(f'<a href="{escape(outlet_url(o))}">{escape(o)}</a>' for o in outlets[:4])
        if len(outlets) > 4:
            links += f" and {len(outlets) - 4} more"
        counts = story["divergences"]
        if counts is None:
            divergences = '<span class="note">not compared yet</span>'
        elif not counts:
            divergences = "none"
        else:
            divergences = "".join(
                f'<span class="chip v-{escape(kind)}">{escape(n)} {escape(kind)}</span> ' for kind, n in counts.items()
            )
        out.append(
            '<tr class="story-row">\n'
            f'  <td><a class="story-link" href="{escape(story_url(story["id"]))}">'
            f"{escape(story['label'] or story['id'])}</a></td>\n"
            f'  <td class="num">{escape(story["size"])}</td>\n'
            f'  <td class="dates">{dates}</td>\n'
            f"  <td>{links}</td>\n"
            f"  <td>{divergences}</td>\n"
            "</tr>\n"
        )
    return Markup("".join(out))  # every value above is escaped


def article_url(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def outlet_url(name: str) -> str:
    return f"/outlets/{quote(name, safe='')}"


def page_url(filters: dict[str, Any], page: int) -> str:
    values = {k: v for k, v in filters.items() if v not in (None, "") and k not in ("page", "per_page")}
    values["page"] = page
    return "/?" + urlencode(values)


def safe_href(url: str | None) -> str | None:
    """The address if it is an http(s) link to show; None for javascript:, data: and the like."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def highlight(text: str, claims: list[dict[str, Any]]) -> Markup:
    """The text with every claim marked (``<mark>``), nested claims inside their outer claim.

    A claim that crosses another's edge without nesting in it is left unmarked in the text (it is
    still listed in the claims table). Every run of text is escaped here; the markup is ours.
    """
    out: list[str] = []
    stack: list[int] = []  # ends of the open marks
    at = 0
    for claim in sorted(claims, key=lambda c: (c["start"], -c["end"])):
        start, end = claim["start"], claim["end"]
        while stack and stack[-1] <= start:
            out.append(str(escape(text[at : stack[-1]])) + "</mark>")
            at = stack.pop()
        if start < at or end <= start or end > len(text) or (stack and end > stack[-1]):
            continue
        out.append(str(escape(text[at:start])))
        verdict = f" v-{claim['verdict']}" if claim.get("verdict") else ""
        title = f"{claim['kind']}: {claim['verdict']}" if claim.get("verdict") else claim["kind"]
        out.append(
            f'<mark class="claim k-{escape(claim["kind"])}{escape(verdict)}" id="c-{int(claim["n"])}" '
            f'title="{escape(title)}">'
        )
        stack.append(end)
        at = start
    while stack:
        out.append(str(escape(text[at : stack[-1]])) + "</mark>")
        at = stack.pop()
    out.append(str(escape(text[at:])))
    return Markup("".join(out))  # every piece of text above is escaped


#: Story pages kept rendered per server process (keyed by story, member set and chosen cell).
RENDERED_PAGES = 512


class Rendered:
    """A small thread-safe LRU of rendered pages."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._pages: OrderedDict[tuple[Any, ...], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> str | None:
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
            return body

    def put(self, key: tuple[Any, ...], body: str) -> None:
        with self._lock:
            self._pages[key] = body
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
