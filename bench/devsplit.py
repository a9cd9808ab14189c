"""The fixed split of a development half into a part to tune on and a part to check on.

Rule: a sentence (NewsQuant) or a document (PolNeAR) belongs to the **tune** part when the first byte
of the SHA-256 of its key (the sentence text as stored, stripped; the document's file stem) is even,
and to the **check** part when it is odd. The rule needs no stored list, never changes when items are
added, and splits any set about in half.

Work on the extractors looks at errors on the tune part only; the check part is scored, never read,
before a figure is claimed.

Once the tune part was worked out (its errors left were the gold's own names, one sentence each), the
check part was split once more by the same rule on the second byte: **check-a** (even), whose errors
may be read, and **check-b** (odd), scored only. A change is kept when it does not lower check-b.
"""

from __future__ import annotations

import hashlib

PARTS = ("tune", "check")
#: The two halves of the check part (:func:`subpart_of`).
SUBPARTS = ("check-a", "check-b")


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.strip().encode("utf-8")).digest()


def part_of(key: str) -> str:
    """``"tune"`` or ``"check"`` for one item, from the SHA-256 of its key."""
    return "tune" if _digest(key)[0] % 2 == 0 else "check"


def subpart_of(key: str) -> str | None:
    """``"check-a"`` or ``"check-b"`` for an item of the check part (the second byte of the same
    digest, even or odd); None for an item of the tune part."""
    digest = _digest(key)
    if digest[0] % 2 == 0:
        return None
    return "check-a" if digest[1] % 2 == 0 else "check-b"
