"""Text reuse: which reports copy which, so a syndicated copy and its original count once.

Two reports that share long passages outside quotation marks are one text-reuse family: the
later (or the one with more of its text shared) is a copy of the other. Shared quotes do not
count, since every report may quote the same statement word for word.

Word shingles are indexed once (shingle -> reports), so the cost grows with the number of shared
shingles, not with the square of the number of reports.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from factdiff.model import Article

__all__ = ["COPY_SHARE", "SHINGLE", "Reuse", "find_copies", "shingles"]

#: Words per shingle: eight words in a row are rarely shared by chance in independent writing.
SHINGLE = 8
#: Share of a report's shingles found in another report above which it is taken as a copy. Wire
#: copy republished with a new top keeps well above this; reports that borrow a few sentences of
#: a press release stay well below (measured on the development stories: copies 0.7+, others <0.3).
COPY_SHARE = 0.5
#: A shingle held by more reports than this is boilerplate of the story (a stock phrase), not reuse.
COMMON_SHINGLE = 50

_QUOTED = re.compile(r"[\"“][^\"“”]{0,600}[\"”]")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(slots=True)
class Reuse:
    copy: str  # article id
    original: str
    share: float  # share of the copy's shingles found in the original


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashes of the word n-grams of ``text`` outside quotation marks."""
    words = _WORD.findall(_QUOTED.sub(" ", text.lower()))
    return {hash(tuple(words[i : i + size])) for i in range(max(0, len(words) - size + 1))}


def find_copies(articles: list[Article], protected: set[str] | None = None) -> dict[str, Reuse]:
    """copy id -> Reuse, for every report that copies another. ``protected`` ids (the primary
    sources) are never called copies, but reports may copy them."""
    protected = protected or set()
    sets = {a.id: shingles(a.body or a.text) for a in articles}
    index: defaultdict[int, list[str]] = defaultdict(list)
    for article_id, found in sets.items():
        for shingle in found:
            index[shingle].append(article_id)
    shared: Counter[tuple[str, str]] = Counter()
    for holders in index.values():
        if 1 < len(holders) <= COMMON_SHINGLE:
            for i, a in enumerate(holders):
                for b in holders[i + 1 :]:
                    shared[(a, b)] += 1
    order = {a.id: (a.published or "9999", i) for i, a in enumerate(articles)}
    copies: dict[str, Reuse] = {}
    for (a, b), n in shared.most_common():
        share_a, share_b = n / max(1, len(sets[a])), n / max(1, len(sets[b]))
        if max(share_a, share_b) < COPY_SHARE:
            continue
        copy, original = _which(a, b, share_a, share_b, order, protected)
        if copy is None or copy in copies:
            continue
        share = share_a if copy == a else share_b
        copies[copy] = Reuse(copy, original, round(share, 3))
    # A copy of a copy is a copy of the original.
    for reuse in copies.values():
        seen = {reuse.copy}
        while reuse.original in copies and reuse.original not in seen:
            seen.add(reuse.original)
            reuse.original = copies[reuse.original].original
    return copies


def _which(
    a: str, b: str, share_a: float, share_b: float, order: dict[str, tuple[str, int]], protected: set[str]
) -> tuple[str | None, str]:
    if a in protected and b in protected:
        return None, a
    if a in protected:
        return b, a
    if b in protected:
        return a, b
    if order[a][0] != order[b][0]:
        return (b, a) if order[a][0] < order[b][0] else (a, b)
    if abs(share_a - share_b) > 0.05:
        return (a, b) if share_a > share_b else (b, a)
    return (b, a) if order[a][1] < order[b][1] else (a, b)
