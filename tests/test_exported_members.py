"""The public surface of the package is a decision: pin it, so a change to it is deliberate."""

from __future__ import annotations

import factdiff

EXPECTED = [
    "Analysis",
    "Article",
    "Attribution",
    "Claim",
    "DateClaim",
    "Duration",
    "FactdiffError",
    "Finding",
    "InputError",
    "Person",
    "Post",
    "Quantity",
    "Quote",
    "Skipped",
    "StoreError",
    "__version__",
    "analyse",
]


def test_all_is_sorted_and_pinned() -> None:
    assert factdiff.__all__ == sorted(factdiff.__all__)
    assert factdiff.__all__ == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in factdiff.__all__:
        assert hasattr(factdiff, name), name
