"""Text reuse: which reports copy which, so a syndicated copy and its original count once.

Two reports that share long passages outside quotation marks are one text-reuse family. Shared
quotes do not count, since every report may quote the same statement word for word. Which of the
two is the copy is decided by the first of these that tells them apart (:func:`direction`):

1. a primary source (``protected``) is never the copy;
2. the later publication is the copy (the date, then the time of day when both give one);
3. a wire or agency report is the original ("wire", "press", "news service", "agency" in the
   outlet's name, or an AP-style "CITY (Outlet) —" dateline naming its own outlet);
4. a report that names the other's outlet (a "first appeared in" line, the wire's dateline kept)
   is the copy;
5. the superset is the copy of the subset: a syndicator usually adds a line (a credit, a link), so
   the report with more text of its own is the copy. Containment is weak evidence and comes last;
6. else the later in the input order is the copy.

Word shingles are indexed once (shingle -> reports), so the cost grows with the number of shared
shingles, not with the square of the number of reports.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from factdiff.model import Article

__all__ = [
    "COPY_SHARE",
    "NEAR_COPY_SHARE",
    "SHINGLE",
    "Reuse",
    "direction",
    "find_copies",
    "is_wire",
    "near_copy_families",
    "shingles",
]

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
    sets, shared = _shared_shingles(articles)
    by_id = {a.id: a for a in articles}
    position = {a.id: i for i, a in enumerate(articles)}
    copies: dict[str, Reuse] = {}
    for (a, b), n in shared.most_common():
        share_a, share_b = n / max(1, len(sets[a])), n / max(1, len(sets[b]))
        if max(share_a, share_b) < COPY_SHARE:
            continue
        copy, original, _ = direction(by_id[a], by_id[b], share_a, share_b, protected, position)
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


#: Share of the smaller report's shingles another report holds, at or above which the two are not
#: independent voices in a consensus: an edited or shortened wire version ("has captured" for
#: "captured", half the story cut) keeps far fewer than half its passages word for word, but still
#: many more than two independent reports ever share.
NEAR_COPY_SHARE = 0.2


def _shared_shingles(articles: list[Article]) -> tuple[dict[str, set[int]], Counter[tuple[str, str]]]:
    """Each report's shingles, and the number shared by each pair that shares any."""
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
    return sets, shared


def near_copy_families(articles: list[Article], copies: dict[str, Reuse] | None = None) -> dict[str, str]:
    """report id -> the id of its family: reports linked by copying or by sharing at least
    :data:`NEAR_COPY_SHARE` of the smaller one's passages are one voice in a consensus."""
    parent = {a.id: a.id for a in articles}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for reuse in (copies or {}).values():
        if reuse.copy in parent and reuse.original in parent:
            join(reuse.copy, reuse.original)
    sets, shared = _shared_shingles(articles)
    for (a, b), n in shared.items():
        if n / max(1, min(len(sets[a]), len(sets[b]))) >= NEAR_COPY_SHARE:
            join(a, b)
    return {x: root(x) for x in parent}


#: Outlet names of wire services and news agencies ("Allied Newswire", "Valley Press Service").
_WIRE_NAME = re.compile(r"\b(?:news)?wire\b|\bpress\b|\bnews service\b|\bagency\b|\bagence\b", re.IGNORECASE)
#: An AP-style dateline: "WASHINGTON (AP) —", "BRENNOCK (Northgate Wire) —".
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'’-]+\s*\(([^)\n]{2,60})\)\s*[—–-]", re.MULTILINE)


def _when(article: Article) -> tuple[str, str]:
    """The publication date and time of day ("" when not given)."""
    stamp = (article.published or "").strip()
    return stamp[:10], stamp[11:19] if len(stamp) > 10 else ""


def _outlet_names(article: Article) -> list[str]:
    names = []
    if article.outlet:
        outlet = re.sub(r"^the\s+", "", article.outlet.strip(), flags=re.IGNORECASE)
        names.append(outlet)
        head = outlet.split(",")[0].strip()
        if head != outlet:
            names.append(head)
    if article.domain:
        names.append(article.domain)
    return [n for n in names if len(n) >= 3]


def _names(text: str, article: Article) -> bool:
    """``text`` names the outlet of ``article``."""
    return any(re.search(r"\b" + re.escape(n) + r"\b", text, re.IGNORECASE) for n in _outlet_names(article))


def is_wire(article: Article) -> bool:
    """A wire service or news agency, by its outlet name or an AP-style dateline naming itself."""
    if _WIRE_NAME.search(article.outlet or ""):
        return True
    found = _DATELINE.search(article.body[:400])
    if not found or not article.outlet:
        return False
    credited = found.group(1).lower()
    own = {w.lower() for w in re.findall(r"[A-Za-z]\w+", article.outlet)} - {"the", "news"}
    return bool(own & set(re.findall(r"[a-z]\w+", credited)))


def direction(
    a: Article,
    b: Article,
    share_a: float,
    share_b: float,
    protected: set[str] | None = None,
    position: dict[str, int] | None = None,
) -> tuple[str | None, str, str]:
    """(copy id, original id, the rule that decided) for two reports that share much text; the copy
    is None when both are primary sources. ``share_x`` is the share of x's shingles found in the other."""
    protected = protected or set()
    if a.id in protected and b.id in protected:
        return None, a.id, "both primary"
    if a.id in protected or b.id in protected:
        return (b.id, a.id, "primary source") if a.id in protected else (a.id, b.id, "primary source")
    (day_a, time_a), (day_b, time_b) = _when(a), _when(b)
    if day_a and day_b and day_a != day_b:
        return (b.id, a.id, "earlier date") if day_a < day_b else (a.id, b.id, "earlier date")
    if day_a == day_b and time_a and time_b and time_a != time_b:
        return (b.id, a.id, "earlier time") if time_a < time_b else (a.id, b.id, "earlier time")
    wire_a, wire_b = is_wire(a), is_wire(b)
    if wire_a != wire_b:
        return (b.id, a.id, "wire original") if wire_a else (a.id, b.id, "wire original")
    names_b, names_a = _names(a.text, b), _names(b.text, a)
    if names_b != names_a:
        return (a.id, b.id, "credits the other") if names_b else (b.id, a.id, "credits the other")
    if abs(share_a - share_b) > 0.05:
        return (b.id, a.id, "superset") if share_a > share_b else (a.id, b.id, "superset")
    position = position or {}
    if position.get(a.id, 0) <= position.get(b.id, 0):
        return b.id, a.id, "input order"
    return a.id, b.id, "input order"
