"""The data of every page of ``factdiff serve``: one function per page, JSON-ready dictionaries.

The HTML page and its JSON twin (``/api/...``) are both built from the same call, so what a
browser shows and what a script reads cannot drift apart. Each function takes an open
:class:`~factdiff.store.Store` and plain arguments, and raises :class:`NotFound` for an id or name
the store does not hold.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, MutableMapping
from dataclasses import dataclass
from typing import Any

from factdiff.errors import FactdiffError
from factdiff.group_store import get_story, resolve_story_id, story_articles
from factdiff.serve.cache import members_key, outlet_name, story_comparison, story_members
from factdiff.store import Store
from factdiff.story_search import has_words, search_clause, search_terms

__all__ = [
    "PER_PAGE",
    "NotFound",
    "StoryFilters",
    "article_data",
    "divergence_types",
    "outlet_data",
    "stories_data",
    "story_data",
    "story_version",
]

PER_PAGE = 25
#: Divergences listed as evidence per page of an outlet record (newest first; ``page`` for more).
OUTLET_EVIDENCE = 50
_NOT_CHECKED = ("omitted", "unsupported")


class NotFound(FactdiffError):
    """A story, article or outlet the store does not hold."""


def divergence_types() -> list[str]:
    """The verdicts counted against an outlet, in the order of the verdict vocabulary."""
    from factdiff.model import DIVERGENCES, VERDICTS

    return [v for v in VERDICTS if v in DIVERGENCES] + sorted(set(DIVERGENCES) - set(VERDICTS))


# --- stories -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """What the stories page is asked for: a search, filters, an order and a page."""

    q: str = ""
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    divergence: str | None = None
    min_size: int = 1
    max_size: int | None = None
    order: str = "size"  # "size" (largest first) or "recent" (latest report first)
    page: int = 1
    per_page: int = PER_PAGE

    def to_dict(self) -> dict[str, Any]:
        return {
            "q": self.q,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "outlet": self.outlet,
            "divergence": self.divergence,
            "min_size": self.min_size,
            "max_size": self.max_size,
            "order": self.order,
            "page": self.page,
            "per_page": self.per_page,
        }


def stories_data(
    store: Store, filters: StoryFilters, memo: MutableMapping[Hashable, Any] | None = None
) -> dict[str, Any]:
    """Stories matching the filters, one page of them, with their divergence counts when compared.

    A search (``q``) finds the stories with every word in the title or text of some report of
    theirs, through the story-level index of :mod:`factdiff.story_search`.
    ``memo``: values that hold until the store is next written (the server passes those of the
    current generation, :mod:`factdiff.serve.generation`): the number of stories per search term,
    each story's divergence counts and the number of articles are read from it when there, and
    added to it when read from the store.
    """
    db = store.connection
    memo = {} if memo is None else memo
    source, where, params = "story_summaries s", [], []
    searching = has_words(filters.q)  # punctuation alone is no search
    if searching:
        source, matched, params = search_clause(db, search_terms(filters.q), memo)
        where.append(matched)
    where.append("s.size >= ?")
    params.append(filters.min_size)
    if filters.max_size is not None:
        where.append("s.size <= ?")
        params.append(filters.max_size)
    if filters.date_from:
        where.append("coalesce(s.last_date, s.first_date) >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("coalesce(s.first_date, s.last_date) <= ?")
        params.append(filters.date_to)
    if filters.outlet:  # the outlets a story's summary lists (an article's outlet, else its domain)
        where.append("EXISTS (SELECT 1 FROM story_outlets o WHERE o.outlet = ? AND o.story_id = s.id)")
        params.append(filters.outlet)
    if filters.divergence:
        where.append(
            "EXISTS (SELECT 1 FROM story_verdicts v WHERE v.verdict = ? AND v.story_id = s.id AND v.in_post = 0)"
        )
        params.append(filters.divergence)
    clause = " AND ".join(where)
    order = (
        "s.last_date DESC, s.size DESC, s.id" if filters.order == "recent" else "s.size DESC, s.last_date DESC, s.id"
    )
    offset = (filters.page - 1) * filters.per_page
    if searching:
        # the matches are found and filtered once, into a temporary table: the total is counted
        # there and the page taken from it (ORDER BY ... LIMIT keeps only the page's rows in the
        # sorter; a window count over every match would make SQLite sort them all)
        found_rows = db.execute(
            f"WITH m AS MATERIALIZED (SELECT s.id, s.size, s.last_date FROM {source} WHERE {clause}) "
            f"SELECT s.id, (SELECT count(*) FROM m) FROM m s ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, filters.per_page, offset],
        ).fetchall()
        found = [r[0] for r in found_rows]
        total = int(found_rows[0][1]) if found_rows else _count(db, source, clause, params)
    else:  # the list in its stored order (an index gives the page at once), and the total
        found = [
            r[0]
            for r in db.execute(
                f"SELECT s.id FROM {source} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, filters.per_page, offset],
            )
        ]
        total = _count(db, source, clause, params)
    rows = []
    if found:
        marks = ", ".join("?" * len(found))
        by_id = {
            r[0]: r
            for r in db.execute(
                f"SELECT s.id, s.label, s.size, s.first_date, s.last_date, s.outlets, s.facts "
                f"FROM story_summaries s WHERE s.id IN ({marks})",
                found,
            )
        }
        rows = [by_id[i] for i in found if i in by_id]
    pages = max(1, math.ceil(total / filters.per_page))
    stories = [_story_row(r) for r in rows]
    wanted = [s["id"] for s in stories if ("divergences", s["id"]) not in memo]
    counts = _divergence_counts(store, wanted)
    for sid in wanted:
        memo[("divergences", sid)] = counts.get(sid)
    for story in stories:
        story["divergences"] = memo[("divergences", story["id"])]
    articles = memo.get(("articles",))
    if articles is None:
        articles = memo[("articles",)] = store.count()
    return {
        "filters": filters.to_dict(),
        "total": total,
        "page": filters.page,
        "pages": pages,
        "stories": stories,
        "divergence_types": divergence_types(),
        "articles": articles,
    }


def _count(db: Any, source: str, clause: str, params: list[Any]) -> int:
    return int(db.execute(f"SELECT count(*) FROM {source} WHERE {clause}", params).fetchone()[0])


def _story_row(row: tuple[Any, ...]) -> dict[str, Any]:
    sid, label, size, first, last, outlets, facts = row
    return {
        "id": sid,
        "label": label,
        "size": size,
        "first_date": first,
        "last_date": last,
        "outlets": json.loads(outlets),
        "facts": json.loads(facts),
    }


def _divergence_counts(store: Store, story_ids: list[str]) -> dict[str, dict[str, int]]:
    """Divergences by type of the compared stories among ``story_ids`` (uncompared ones absent)."""
    if not story_ids:
        return {}
    marks = ", ".join("?" * len(story_ids))
    db = store.connection
    compared = {
        r[0] for r in db.execute(f"SELECT story_id FROM story_comparisons WHERE story_id IN ({marks})", story_ids)
    }
    counts: dict[str, dict[str, int]] = {sid: {} for sid in compared}
    kinds = divergence_types()
    rows = db.execute(
        f"SELECT story_id, verdict, count(*) FROM story_verdicts WHERE story_id IN ({marks}) AND in_post = 0 "
        f"AND verdict IN ({', '.join('?' * len(kinds))}) GROUP BY story_id, verdict",
        [*story_ids, *kinds],
    )
    for sid, verdict, n in rows:
        counts.setdefault(sid, {})[verdict] = n
    return counts


# --- one story -----------------------------------------------------------------------------------


def _story_id(store: Store, given: str) -> str:
    if get_story(store, given) is not None:
        return given
    try:
        return resolve_story_id(store, given)
    except FactdiffError as exc:
        raise NotFound(str(exc)) from exc


def story_version(store: Store, story_id: str) -> tuple[str, str, str | None]:
    """What a story page depends on, read without comparing: (full story id, key of its member
    set, key of the member set its cached comparison covers, None when it has none).

    The two keys differ while a grown story waits for its comparison to be redone.
    """
    full = _story_id(store, story_id)
    row = store.connection.execute("SELECT members FROM story_comparisons WHERE story_id = ?", (full,)).fetchone()
    return full, members_key(story_members(store, full)), row[0] if row else None


def story_data(
    store: Store, story_id: str, cell: str | None = None, on_stale: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """A story: its comparison (cached), per-outlet counts, copies, timeline, and one cell's evidence.

    ``cell`` is ``"SLOT.ARTICLE"`` (a slot's index in the matrix and an article id): the evidence
    of that cell, the report's sentence and the source's with the compared words marked.
    ``on_stale``: see :func:`factdiff.serve.cache.story_comparison`; reports of the story that the
    comparison shown does not cover yet are listed in ``pending`` (empty when it is fresh).
    """
    story_id = _story_id(store, story_id)
    row = get_story(store, story_id)
    if row is None:
        raise NotFound(f"no story {story_id} in the store")
    members = story_members(store, story_id)
    stale: list[str] = []

    def note_stale(sid: str) -> None:
        stale.append(sid)
        if on_stale is not None:
            on_stale(sid)

    comparison = story_comparison(store, story_id, members, on_stale=note_stale if on_stale else None)
    covered = {a.get("id") for a in comparison.get("articles", [])} | {
        a.get("id") for a in comparison.get("outlier_articles", [])
    }
    metas = story_articles(store, story_id)
    by_id = {a["id"]: a for a in comparison.get("articles", [])}
    outlets = []
    for article_id, counts in comparison.get("outlets", {}).items():
        article = by_id.get(article_id, {})
        outlets.append({"article": article_id, "outlet": outlet_name(article), **counts})
    timeline = sorted(
        (
            {"article": a["id"], "outlet": outlet_name(a), "published": a["published"], "title": a["title"]}
            for a in metas
        ),
        key=lambda t: (t["published"] is None, t["published"] or "", t["outlet"]),
    )
    return {
        "story": row.to_dict(),
        "comparison": comparison,
        "outlets": outlets,
        "timeline": timeline,
        "pending": [m for m in members if m not in covered] if stale else [],
        "evidence": _evidence(store, comparison, cell) if cell else None,
    }


def _evidence(store: Store, comparison: dict[str, Any], cell: str) -> dict[str, Any] | None:
    slot_text, _, article_id = cell.partition(".")
    slots = comparison.get("slots", [])
    if not slot_text.isdigit() or int(slot_text) >= len(slots):
        return None
    slot = slots[int(slot_text)]
    found = next((c for c in slot.get("cells", []) if c.get("article") == article_id), None)
    if found is None:
        return None
    names = {a["id"]: outlet_name(a) for a in comparison.get("articles", [])}
    evidence: dict[str, Any] = {
        "slot": int(slot_text),
        "label": slot.get("label"),
        "article": article_id,
        "outlet": names.get(article_id),
        "verdict": found.get("verdict"),
        "confidence": found.get("confidence"),
        "value": found.get("value"),
        "source_value": slot.get("source_value"),
        "reference": slot.get("reference"),
        "in_post": bool(found.get("in_post")),
        "report": None,
        "source": None,
    }
    if found.get("start") is not None:
        evidence["report"] = _passage(store, article_id, found)
    source = slot.get("source")
    if source and source.get("article") != article_id:
        evidence["source"] = _passage(store, source["article"], source)
        evidence["source"]["outlet"] = names.get(source["article"])
    return evidence


def _passage(store: Store, article_id: str, span: dict[str, Any]) -> dict[str, Any]:
    """The sentence around a span, split into the words before, the span itself and after."""
    article = store.get_article(article_id)
    text = article.text if article else ""
    start, end = int(span.get("start") or 0), int(span.get("end") or 0)
    s0 = span.get("sentence_start", -1)
    s1 = span.get("sentence_end", -1)
    s0 = s0 if isinstance(s0, int) and 0 <= s0 <= start else max(0, start - 120)
    s1 = s1 if isinstance(s1, int) and s1 >= end else min(len(text), end + 120)
    return {
        "article": article_id,
        "before": text[s0:start],
        "mark": text[start:end],
        "after": text[end:s1],
        "start": start,
        "end": end,
    }


# --- one article ---------------------------------------------------------------------------------


def article_data(store: Store, article_id: str) -> dict[str, Any]:
    """An article: its text, every claim with its verdict in its story, embedded posts, findings."""
    article = store.get_article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id} in the store")
    analysis = store.get_analysis_dict(article_id) or {"claims": [], "findings": []}
    found = store.connection.execute(
        "SELECT m.story_id, s.label FROM story_members m LEFT JOIN story_summaries s ON s.id = m.story_id "
        "WHERE m.article_id = ?",
        (article_id,),
    ).fetchone()
    cells: list[dict[str, Any]] = []
    story = None
    if found is not None:
        story = {"id": found[0], "label": found[1] or ""}
        comparison = story_comparison(store, found[0])
        for index, slot in enumerate(comparison.get("slots", [])):
            for cell in slot.get("cells", []):
                if cell.get("article") == article_id:
                    cells.append(
                        {
                            "slot": index,
                            "label": slot.get("label"),
                            "kind": slot.get("kind"),
                            "verdict": cell.get("verdict"),
                            "confidence": cell.get("confidence"),
                            "value": cell.get("value"),
                            "source_value": slot.get("source_value"),
                            "reference": slot.get("reference"),
                            "start": cell.get("start"),
                            "end": cell.get("end"),
                            "in_post": bool(cell.get("in_post")),
                        }
                    )
    spans = {(c["start"], c["end"]): c for c in cells if c["start"] is not None}
    claims = []
    for n, claim in enumerate(analysis["claims"]):
        verdict = _verdict_at(spans, claim["kind"], claim["start"], claim["end"])
        claims.append(
            {
                "n": n,
                "kind": claim["kind"],
                "start": claim["start"],
                "end": claim["end"],
                "text": claim.get("text", ""),
                "in_title": bool(claim.get("in_title")),
                "in_post": bool(claim.get("in_post")),
                "verdict": verdict.get("verdict") if verdict else None,
                "slot": verdict.get("slot") if verdict else None,
            }
        )
    meta = article.meta()
    meta.update({"text": article.text, "title_end": article.title_end, "body_start": article.body_start})
    meta["outlet_name"] = outlet_name(meta)
    return {
        "article": meta,
        "story": story,
        "claims": claims,
        "cells": cells,
        "posts": [p.to_dict() for p in article.posts],
        "findings": analysis["findings"],
    }


def _verdict_at(spans: dict[tuple[int, int], dict[str, Any]], kind: str, start: int, end: int) -> dict[str, Any] | None:
    """The cell whose evidence is this claim: the same span, or for a quote, its quoted words."""
    if (start, end) in spans:
        return spans[(start, end)]
    if kind == "quote":
        for (s, e), cell in spans.items():
            if start <= s and e <= end and cell.get("kind") == "quote":
                return cell
    return None


# --- one outlet ----------------------------------------------------------------------------------


def outlet_data(store: Store, name: str, page: int = 1) -> dict[str, Any]:
    """An outlet's record over every compared story: facts checked, verdicts, rates, months, evidence.

    The evidence (every divergence, newest first) comes a page of :data:`OUTLET_EVIDENCE` at a time.
    """
    db = store.connection
    articles = int(db.execute("SELECT count(*) FROM articles WHERE outlet = ?", (name,)).fetchone()[0])
    verdict_rows = db.execute(  # counts kept by triggers as comparisons are cached
        "SELECT month, verdict, n FROM outlet_verdicts WHERE outlet = ? AND n > 0", (name,)
    ).fetchall()
    if not articles and not verdict_rows:
        raise NotFound(f"no outlet {name!r} in the store")
    stories = int(
        db.execute(
            "SELECT count(*) FROM story_outlets WHERE outlet = ?",
            (name,),
        ).fetchone()[0]
    )
    compared = int(
        db.execute(
            "SELECT count(*) FROM story_outlets o JOIN story_comparisons c ON c.story_id = o.story_id "
            "WHERE o.outlet = ?",
            (name,),
        ).fetchone()[0]
    )
    kinds = divergence_types()
    verdicts: Counter[str] = Counter()
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for month, verdict, n in verdict_rows:
        verdicts[verdict] += n
        months[month or "undated"][verdict] += n
    checked = sum(n for v, n in verdicts.items() if v not in _NOT_CHECKED)
    by_month = []
    for month in sorted(months):
        counts = months[month]
        month_checked = sum(n for v, n in counts.items() if v not in _NOT_CHECKED)
        by_month.append(
            {
                "month": month,
                "checked": month_checked,
                "divergences": {k: counts[k] for k in kinds if counts[k]},
                "rates": {k: counts[k] / month_checked for k in kinds if counts[k] and month_checked},
            }
        )
    evidence_total = sum(verdicts[k] for k in kinds)
    evidence = [
        {
            "story": sid,
            "article": aid,
            "slot": slot_index,
            "label": label,
            "verdict": verdict,
            "found": found,
            "expected": expected,
            "published": published,
            "title": title,
        }
        for sid, aid, slot_index, label, verdict, found, expected, published, title in db.execute(
            "SELECT v.story_id, v.article_id, v.slot_index, v.label, v.verdict, v.found, v.expected, v.published, "
            "a.title FROM story_verdicts v JOIN articles a ON a.id = v.article_id "
            "WHERE v.outlet = ? AND v.divergence = 1 AND v.in_post = 0 "
            "ORDER BY v.published DESC, v.story_id, v.slot_index LIMIT ? OFFSET ?",
            (name, OUTLET_EVIDENCE, (page - 1) * OUTLET_EVIDENCE),
        )
    ]
    return {
        "outlet": name,
        "articles": articles,
        "stories": stories,
        "compared_stories": compared,
        "checked": checked,
        "verdicts": dict(sorted(verdicts.items())),
        "divergences": evidence_total,
        "rates": {k: verdicts[k] / checked for k in kinds if checked},
        "divergence_types": kinds,
        "by_month": by_month,
        "evidence": evidence,
        "evidence_total": evidence_total,
        "evidence_page": page,
        "evidence_pages": max(1, math.ceil(evidence_total / OUTLET_EVIDENCE)),
    }
