"""HTML pages to drafts, through trafilatura (main text, title, date, site name, URL)."""

from __future__ import annotations

from typing import Any

from factdiff.errors import Skipped
from factdiff.normalise import Draft, domain_of

__all__ = ["read_html"]

#: A page whose longest paragraph has fewer words than this holds navigation, not an article:
#: menu items and link lists run to a few words each, while a news sentence runs to 15-25.
MIN_PARAGRAPH_WORDS = 6


def read_html(html: str, label: str, file: str | None, url: str | None = None) -> Draft | Skipped:
    """The article of an HTML page, or Skipped("no article text") when the page has none."""
    try:
        document = _extract(html, url)
    except ImportError as exc:  # trafilatura or one of its parts (lxml_html_clean) is not installed
        return Skipped(label, "no HTML reader", f"HTML extraction is not available: {exc}")
    text = (getattr(document, "text", None) or "") if document is not None else ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if not paragraphs or max(len(p.split()) for p in paragraphs) < MIN_PARAGRAPH_WORDS:
        return Skipped(label, "no article text", "no article found in the page")
    page_url = url or getattr(document, "url", None) or None
    outlet = getattr(document, "sitename", None) or None
    domain = getattr(document, "hostname", None) or domain_of(page_url)
    if domain:
        domain = domain.lower().removeprefix("www.")
    return Draft(
        body="\n\n".join(paragraphs),  # trafilatura gives one paragraph a line
        input=label,
        title=getattr(document, "title", None) or "",
        file=file,
        url=page_url,
        outlet=outlet or domain,
        domain=domain,
        published=getattr(document, "date", None) or None,
        language=None,
    )


def _extract(html: str, url: str | None) -> Any:
    import trafilatura  # imported here: it takes a second to load and plain text does not need it

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the outlet's report
            include_images=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError):  # malformed markup that lxml cannot build a tree of
        return None
