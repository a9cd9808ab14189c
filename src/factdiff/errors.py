"""Errors and outcomes.

The tree::

    FactdiffError                 anything factdiff itself reports as one plain line
    ├── InputError                an input that cannot be read at all (missing, unreadable)
    ├── StoreError                the SQLite store cannot be opened or written
    └── UsageError                options that do not fit together

An input that is read but not kept is not an exception but a :class:`Skipped` outcome with a
reason, so a batch can say "added 41, skipped 3: 2 too short, 1 duplicate" and lose nothing
silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


class FactdiffError(Exception):
    """Base of every error factdiff reports to a user."""


class InputError(FactdiffError):
    """An input (file, dataset row, URL) that cannot be read."""


class StoreError(FactdiffError):
    """The store cannot be opened, migrated or written."""


class UsageError(FactdiffError):
    """Options or arguments that do not fit together."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was looked at and not kept, with the reason in a few plain words."""

    input: str  # the file, "file:line" or "file#id" that was skipped
    reason: str  # short category: "empty", "binary", "too large", "duplicate", ...
    detail: str = ""  # one plain sentence for the user
    error: bool = True  # False for what is not a failure: a duplicate, an article already stored

    def line(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.input}: skipped, {self.reason}{detail}"


def summarise_skips(skipped: list[Skipped]) -> str:
    """'3: 2 too short, 1 duplicate' for a batch summary; '' when nothing was skipped."""
    if not skipped:
        return ""
    counts = Counter(s.reason for s in skipped)
    parts = ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
    return f"{len(skipped)}: {parts}"
