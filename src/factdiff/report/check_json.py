"""The ``factdiff.check/1`` JSON document: one per article (documented in docs/check.md)."""

from __future__ import annotations

from typing import Any

from factdiff.model import Analysis

SCHEMA = "factdiff.check/1"


def check_document(analysis: Analysis) -> dict[str, Any]:
    """The JSON twin of the terminal report: the article, its posts, claims and findings."""
    article = analysis.article
    return {
        "schema": SCHEMA,
        "article": article.meta(),
        "posts": [post.to_dict() for post in article.posts],
        "findings": [finding.to_dict() for finding in analysis.findings],
        "claims": [claim.to_dict() for claim in analysis.claims],
    }
