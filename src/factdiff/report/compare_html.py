"""The HTML report of ``factdiff compare``: one self-contained page (no external assets).

The page holds the ``factdiff.compare/1`` document plus the texts of the reports as JSON inside a
``<script type="application/json">`` element, and builds the matrix with DOM calls that only ever
set text (``textContent``), never markup, so a report whose words contain ``<script>`` or
``onerror=`` shows them as words. A Content-Security-Policy forbids loading anything.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from factdiff.compare import Comparison, evidence_span

__all__ = ["page_data", "render_html"]

_TOKEN = "__FACTDIFF_DATA__"


def page_data(comparison: Comparison) -> dict[str, Any]:
    """The JSON document, with each report's text and the evidence spans the page highlights."""
    data = comparison.to_dict()
    texts = {a.id: a.text for a in comparison.articles}
    for article in data["articles"]:
        article["text"] = texts[article["id"]]
    by_slot = {s.id: s for s in comparison.slots}
    confidence = {(d.slot, d.article): d.confidence for d in comparison.all_divergences}
    for slot_data in data["slots"]:
        slot = by_slot[slot_data["id"]]
        cells = comparison.cells.get(slot.id, {})
        for cell_data in slot_data["cells"]:
            sentence = cells[cell_data["article"]].sentence
            cell_data["sentence_start"], cell_data["sentence_end"] = sentence if sentence else (-1, -1)
            cell_data["confidence"] = confidence.get((slot.id, cell_data["article"]))
        # The evidence shown beside a cell is the reference's own statement: the official
        # statement's, or that of a report of the consensus value.
        reference = comparison.references.get(slot.id)
        source, source_article = slot.source, slot.source_article
        if reference is not None and reference.fact is not None and reference.article:
            source, source_article = reference.fact, reference.article
        if source is not None and source_article:
            claim = source.claim
            start, end = evidence_span(claim)
            slot_data["source"] = {
                "article": source_article,
                "start": start,
                "end": end,
                "sentence_start": claim.sentence_start,
                "sentence_end": claim.sentence_end,
            }
            if claim.start == claim.end:  # the source's publication date: nothing to highlight
                slot_data["source"] = None
        else:
            slot_data["source"] = None
    notes = [s.line() for s in comparison.skipped]
    notes += [f"{given}: a duplicate of report {of}, compared once" for given, of in comparison.duplicates]
    notes += [
        f"{a.file or a.url or a.id}: a report of another event, left out ({a.title})" for a in comparison.outliers
    ]
    data["notes"] = notes
    return data


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its script element or open a comment, whatever the reports say."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def render_html(comparison: Comparison) -> str:
    template = resources.files("factdiff.report").joinpath("compare.html").read_text(encoding="utf-8")
    return template.replace(_TOKEN, _script_json(page_data(comparison)))
