"""``compare``: the reports of one story, fact by fact, against their primary source.

The stages, each a pure function of the previous one's result:

1. read the inputs (skipped and duplicate reports are named, never lost);
2. drop reports of other events (named as outliers);
3. analyse each report; find text-reuse families (:mod:`factdiff.reuse`);
4. choose the primary source(s) (:func:`factdiff.judge.choose_primary`);
5. align the claims to slots (:mod:`factdiff.align`) and judge each cell (:mod:`factdiff.judge`).

:func:`compare_articles` does 2-5 on articles already read; :func:`compare_paths` adds the reading.
The result is a :class:`Comparison`, whose :meth:`Comparison.to_dict` is the ``factdiff.compare/1``
JSON document (see docs/compare.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from factdiff.align import Fact, Match, Slot, align, content_words, facts_of, place_relation
from factdiff.credit import credit_slots, credited_figure_slots
from factdiff.errors import Skipped
from factdiff.judge import (
    PrimaryChoice,
    choose_primary,
    consensus,
    display_value,
    fraction_slot,
    fraction_verdict,
    own_statement,
    percent_slot,
    percent_verdict,
    verdict,
)
from factdiff.model import DIVERGENCES, VERDICTS, Analysis, Article, Claim, Quote
from factdiff.reference import (
    DEFAULT_THRESHOLD,
    Reference,
    confidence,
    corroborated_elsewhere,
    features,
    judge_against,
    settle,
)
from factdiff.reuse import Reuse, find_copies, near_copy_families

__all__ = [
    "SCHEMA",
    "Cell",
    "Comparison",
    "Divergence",
    "compare_analyses",
    "compare_articles",
    "compare_paths",
    "evidence_span",
]

SCHEMA = "factdiff.compare/1"
#: Cosine similarity (TF-IDF of content words) a report needs with at least one other report to
#: belong to the story; reports of another event share names and numbers with none of them. On
#: the development stories same-story pairs score 0.2-0.9 and cross-story pairs under 0.08.
STORY_LINK = 0.12
#: Cosine similarity to the centroid of the story's reports that each report needs: reports of
#: one event score 0.33-0.8 on the development stories and ECB+ events; reports of a mixed batch of
#: political news 0.13-0.44.
STORY_CORE = 0.28
#: A report far from the centroid still belongs when it is this close to one report of the group:
#: a press release among hundreds of rewrites of one news report sits off their centroid.
STORY_PAIR = 0.3


@dataclass(slots=True)
class Cell:
    """One report's statement of one slot (or its absence)."""

    article: str
    verdict: str
    value: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    in_post: bool = False
    sentence: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "in_post": self.in_post,
        }


@dataclass(slots=True)
class Divergence:
    article: str
    slot: str
    type: str
    found: str
    expected: str | None
    text: str
    start: int
    end: int
    in_post: bool
    confidence: float = 1.0  # in [0, 1]: see factdiff.reference.confidence
    reference: str = "primary"  # the kind of reference it departs from: primary | consensus
    features: dict[str, float] = field(default_factory=dict, repr=False)  # what the confidence saw

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "slot": self.slot,
            "type": self.type,
            "found": self.found,
            "expected": self.expected,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "in_post": self.in_post,
            "confidence": self.confidence,
            "reference": self.reference,
        }


@dataclass(slots=True)
class Comparison:
    """The result of comparing the reports of one story."""

    analyses: list[Analysis]
    primary: PrimaryChoice | None
    slots: list[Slot] = field(default_factory=list)
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)  # slot id -> article id -> cell
    divergences: list[Divergence] = field(default_factory=list)  # those at or above ``threshold``
    all_divergences: list[Divergence] = field(default_factory=list)  # every one, with its confidence
    references: dict[str, Reference] = field(default_factory=dict)  # slot id -> its reference
    threshold: float = DEFAULT_THRESHOLD
    copies: dict[str, Reuse] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, id of the report it repeats)
    outliers: list[Article] = field(default_factory=list)
    consensus: dict[str, str | None] = field(default_factory=dict)
    story: str = ""

    @property
    def reference_kind(self) -> str:
        """``primary`` when the official statement is the reference of every slot, else ``consensus``."""
        return "primary" if self.primary is not None and self.primary.official else "consensus"

    @property
    def articles(self) -> list[Article]:
        """Reports in matrix order: primary sources first, then by publication date."""
        primary = self.primary.ids if self.primary else []
        rank = {a: i for i, a in enumerate(primary)}
        ordered = sorted(
            (a.article for a in self.analyses),
            key=lambda art: (rank.get(art.id, len(rank)), art.published or "9999", art.file or art.url or ""),
        )
        return ordered

    def article(self, article_id: str) -> Article:
        return next(a.article for a in self.analyses if a.article.id == article_id)

    def outlet_counts(self) -> dict[str, dict[str, Any]]:
        """Per report: facts checked and its own divergences by type (embedded posts left out)."""
        counts: dict[str, dict[str, Any]] = {}
        for art in self.articles:
            checked = sum(
                1
                for slot_cells in self.cells.values()
                if (cell := slot_cells.get(art.id)) is not None
                and not cell.in_post
                and cell.verdict not in ("omitted", "unsupported")
            )
            by_type = Counter(d.type for d in self.divergences if d.article == art.id and not d.in_post)
            counts[art.id] = {"checked": checked, "divergences": dict(sorted(by_type.items()))}
        return counts

    def to_dict(self) -> dict[str, Any]:
        articles = []
        for art in self.articles:
            reuse = self.copies.get(art.id)
            articles.append(
                {
                    "id": art.id,
                    "file": art.file,
                    "url": art.url,
                    "source_id": art.source_id,
                    "outlet": art.outlet,
                    "domain": art.domain,
                    "title": art.title,
                    "published": art.published,
                    "kind": art.kind,
                    "copy_of": reuse.original if reuse else None,
                }
            )
        slots = []
        order = [a.id for a in self.articles]
        for slot in self.slots:
            cells = self.cells.get(slot.id, {})
            source = slot.source
            slots.append(
                {
                    "id": slot.id,
                    "label": slot.label,
                    "kind": slot.family,
                    "source_value": display_value(source) if source is not None else slot.derived.get("value"),
                    "consensus": self.consensus.get(slot.id),
                    "reference": ref.to_dict() if (ref := self.references.get(slot.id)) else None,
                    "cells": [cells[a].to_dict() for a in order if a in cells],
                }
            )
        return {
            "schema": SCHEMA,
            "story": self.story,
            "primary_sources": list(self.primary.ids) if self.primary else [],
            "primary_rule": self.primary.rule if self.primary else None,
            "primary_reason": self.primary.reason if self.primary else None,
            "reference": self.reference_kind,
            "threshold": self.threshold,
            "verdicts": list(VERDICTS),
            "articles": articles,
            "slots": slots,
            "divergences": [d.to_dict() for d in self.divergences],
            "below_threshold": len(self.all_divergences) - len(self.divergences),
            "outlets": self.outlet_counts(),
            "copies": [{"copy": r.copy, "original": r.original, "share": r.share} for r in self.copies.values()],
            "skipped": [{"input": s.input, "reason": s.reason, "detail": s.detail} for s in self.skipped],
            "duplicates": [{"input": i, "of": of} for i, of in self.duplicates],
            "outliers": [a.id for a in self.outliers],
        }


def compare_paths(
    inputs: Sequence[str],
    *,
    analyse: Callable[[Article], Analysis] | None = None,
    fetch: Callable[[Sequence[str]], Iterable[Article | Skipped]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Comparison:
    """Read ``inputs`` (files, folders, datasets) and compare the reports found."""
    if fetch is None:
        from factdiff.read import read_inputs

        fetch = read_inputs
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in fetch(inputs):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles.append(item)
    comparison = compare_articles(articles, analyse=analyse, threshold=threshold)
    comparison.skipped = [s for s in skipped if s.reason != "duplicate"] + comparison.skipped
    comparison.duplicates += [(s.input, s.detail) for s in skipped if s.reason == "duplicate"]
    return comparison


def compare_articles(
    articles: list[Article],
    *,
    analyse: Callable[[Article], Analysis] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Comparison:
    """Compare articles already read: duplicates and outliers set aside, the rest analysed."""
    if analyse is None:
        from factdiff.analyse import analyse as default_analyse

        analyse = default_analyse
    unique: list[Article] = []
    seen: dict[str, Article] = {}
    duplicates: list[tuple[str, str]] = []
    for art in articles:
        if art.id in seen:
            duplicates.append((art.file or art.url or art.source_id or art.id, art.id))
            continue
        seen[art.id] = art
        unique.append(art)
    kept, outliers = split_outliers(unique)
    comparison = compare_analyses([analyse(a) for a in kept], threshold=threshold)
    comparison.duplicates = duplicates
    comparison.outliers = outliers
    return comparison


def compare_analyses(analyses: list[Analysis], *, threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """The pure core: analysed reports of one story in, the comparison out. Divergences whose
    confidence is under ``threshold`` are kept in ``all_divergences`` only."""
    if not analyses:
        return Comparison(analyses=[], primary=None, story="no reports")
    articles = [a.article for a in analyses]
    releases = {a.id for a in articles if a.kind == "press_release"}
    copies = find_copies(articles, protected=releases)
    primary = choose_primary(analyses, {c: r.original for c, r in copies.items()})
    comparison = Comparison(analyses=analyses, primary=primary, copies=copies, threshold=threshold)
    comparison.story = story_line(analyses, primary)
    if len(analyses) < 2:
        return comparison
    facts = {a.article.id: facts_of(a) for a in analyses}
    if primary.official:
        slots = align(analyses, primary.ids, facts)
    else:
        slots = _align_pivots(analyses, primary.ids, facts, {c: r.original for c, r in copies.items()})
    slots += _percent_slots(analyses, primary.ids, slots, facts)
    if primary.official:
        slots += _statement_quote_slots(analyses, primary.ids, slots, facts)
    comparison.slots = [s for s in slots if s.source is not None or len(s.matches) > 0]
    copy_of = {c: r.original for c, r in copies.items()}
    families = near_copy_families(articles, copies)
    for slot in comparison.slots:
        comparison.consensus[slot.id] = consensus(slot, copy_of)
        comparison.cells[slot.id] = _cells(slot, analyses, comparison, families)
    if not primary.official:
        # Whom each report credits for a figure: a named body's own figure first (a report that
        # has it wrong), then the body a figure is credited to.
        verdicts_of = lambda slot_id: {a: c.verdict for a, c in comparison.cells[slot_id].items()}  # noqa: E731
        family_of = lambda a: families.get(a, a)  # noqa: E731
        credits = credited_figure_slots(comparison.slots, verdicts_of, analyses, facts, family_of, judge_against)
        settled = frozenset(
            id(ms[0].fact)
            for s in credits
            for a, ms in s.matches.items()
            if s.derived["verdicts"][a] in DIVERGENCES  # type: ignore[index]
        )
        credits += credit_slots(comparison.slots, verdicts_of, analyses, family_of, settled)
        for slot in credits:
            comparison.consensus[slot.id] = str(slot.derived["value"])
            comparison.cells[slot.id] = _cells(slot, analyses, comparison, families)
        comparison.slots += credits
    comparison.divergences = [d for d in comparison.all_divergences if d.confidence >= threshold]
    _order_slots(comparison)
    return comparison


#: Further reports that lay out number slots when no official statement is in the set: the figures
#: the first pivot does not give are lined up around the next most specific independent reports.
EXTRA_PIVOTS = 3


def _align_pivots(
    analyses: list[Analysis], primary: list[str], facts: dict[str, list[Fact]], copy_of: dict[str, str]
) -> list[Slot]:
    """Slots around the pivot, then number slots around up to :data:`EXTRA_PIVOTS` more
    independent reports (most claims first) for the figures no earlier slot holds."""
    ranked = sorted(
        (a for a in analyses if a.article.id not in primary and a.article.id not in copy_of),
        key=lambda a: (-len(facts[a.article.id]), a.article.id),
    )
    slots = align(analyses, primary, facts)
    used = {s.id for s in slots}
    extras = [s for s in slots if s.source is None]
    kept = [s for s in slots if s.source is not None]
    taken = {id(m.fact) for s in kept for ms in s.matches.values() for m in ms}
    for pivot in ranked[:EXTRA_PIVOTS]:
        remaining = {
            aid: [f for f in found if id(f) not in taken and f.family == "number"] for aid, found in facts.items()
        }
        for slot in align(analyses, [pivot.article.id], remaining):
            if slot.source is None or len(slot.matches) < 2:
                continue  # a figure only this pivot gives stays an extra of the first pass
            slot.id = _unique_id(slot.id, used)
            kept.append(slot)
            taken.update(id(m.fact) for ms in slot.matches.values() for m in ms)
    for slot in extras:
        for article, matches in list(slot.matches.items()):
            left = [m for m in matches if id(m.fact) not in taken]
            if left:
                slot.matches[article] = left
            else:
                del slot.matches[article]
        if slot.matches:
            kept.append(slot)
    return kept


def _cells(slot: Slot, analyses: list[Analysis], comparison: Comparison, family: dict[str, str]) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    judged_all: dict[str, list[tuple[Match, str]]] = {}
    for analysis in analyses:
        matches = slot.matches.get(analysis.article.id, [])
        if matches:
            judged_all[analysis.article.id] = [(m, _verdict(m, slot, analysis)) for m in matches]
    official = comparison.primary is not None and comparison.primary.official
    if "support" in slot.derived:  # whom a figure is credited to, or a named body's own figure
        reference = Reference(
            "consensus",
            value=str(slot.derived["value"]),
            support=int(slot.derived["support"]),  # type: ignore[call-overload]
            reports=int(slot.derived["reports"]),  # type: ignore[call-overload]
            own=dict(slot.derived["own"]),  # type: ignore[call-overload]
            fact=slot.derived.get("fact"),  # type: ignore[arg-type]
        )
    elif slot.derived:
        reference = Reference("derived")
    elif slot.source is None:
        reference = Reference("primary" if official else "consensus")
    elif official:
        reference = Reference(
            "primary",
            value=display_value(slot.source),
            support=1,
            reports=len({family.get(a, a) for a in judged_all}),
            article=slot.source_article,
            fact=slot.source,
        )
    else:
        pivot = slot.source_article
        weight = comparison.primary.weight if comparison.primary is not None else 1
        reference, judged_all = settle(slot, judged_all, lambda a: family.get(a, a), pivot, weight)
    comparison.references[slot.id] = reference
    for analysis in analyses:
        art = analysis.article
        judged = judged_all.get(art.id, [])
        if not judged:
            if slot.source is not None:
                cells[art.id] = Cell(art.id, "omitted")
            continue
        _record(judged, slot, art, comparison, reference, family)
        # The cell shows the outlet's own claim, a divergence before an agreement, the body
        # before the headline.
        judged.sort(key=lambda mv: (mv[0].fact.in_post, mv[1] not in DIVERGENCES, mv[0].fact.claim.in_title))
        match, name = judged[0]
        claim = match.fact.claim
        if slot.derived:
            value = slot.derived.get("cell", {}).get(art.id)
        else:
            # The row names what is counted and where: a cell adds them only where they differ.
            source = slot.source
            moved = bool(match.fact.places) and (
                source is None or place_relation(match.fact.places, source.places) != "same"
            )
            value = display_value(match.fact, noun=name == "unit_swap" or source is None, place=moved)
        start, end = evidence_span(claim)
        cells[art.id] = Cell(
            art.id,
            name,
            value=value,
            text=art.text[start:end],
            start=start,
            end=end,
            in_post=claim.in_post,
            sentence=(claim.sentence_start, claim.sentence_end) if claim.sentence_start >= 0 else None,
        )
    # "unsupported" only when no other report gives the fact: a fact several reports share is
    # confirmed by them, though not by the source.
    if slot.source is None and not slot.derived:
        families = {comparison.copies[a].original if a in comparison.copies else a for a in slot.matches}
        if len(families) > 1:
            for cell in cells.values():
                cell.verdict = "agrees"
    return cells


def _verdict(match: Match, slot: Slot, analysis: Analysis) -> str:
    if slot.derived:
        return str(slot.derived["verdicts"][analysis.article.id])  # type: ignore[index]
    return verdict(match, slot)


def _record(
    judged: list[tuple[Match, str]],
    slot: Slot,
    art: Article,
    comparison: Comparison,
    reference: Reference,
    copy_of: dict[str, str],
) -> None:
    """Divergences of one report on one slot: one per type, from the body rather than the headline,
    and apart for an embedded post."""
    chosen: dict[tuple[str, bool], Match] = {}
    for match, name in judged:
        if name not in DIVERGENCES:
            continue
        key = (name, match.fact.in_post)
        if key not in chosen or (chosen[key].fact.claim.in_title and not match.fact.claim.in_title):
            chosen[key] = match
    for (name, in_post), match in chosen.items():
        claim = match.fact.claim
        start, end = evidence_span(claim)
        expected = slot.derived.get("value") if slot.derived else None
        if expected is None and reference.kind == "consensus" and reference.value is not None:
            expected = reference.against.get(art.id, reference.value)
        elif expected is None and slot.source is not None:
            expected = display_value(slot.source)
        # A named body's own figure is by its nature given elsewhere for another body's fact.
        corroborated = "support" not in slot.derived and corroborated_elsewhere(
            match.fact, slot, comparison.slots, copy_of
        )
        comparison.all_divergences.append(
            Divergence(
                article=art.id,
                slot=slot.id,
                type=name,
                found=str(slot.derived.get("cell", {}).get(art.id)) if slot.derived else display_value(match.fact),
                expected=str(expected) if expected is not None else None,
                text=art.text[start:end],
                start=start,
                end=end,
                in_post=in_post,
                confidence=confidence(reference, match, name, corroborated),
                features=features(reference, match, name, corroborated),
                reference=reference.kind,
            )
        )


#: Words a report's quotation needs before it is looked for in the statement's own text.
STATEMENT_QUOTE_WORDS = 6
#: rapidfuzz partial_ratio at or above which a quotation renders a passage of the statement.
STATEMENT_QUOTE_MATCH = 80.0


def _statement_quote_slots(
    analyses: list[Analysis], primary: list[str], slots: list[Slot], facts: dict[str, list[Fact]]
) -> list[Slot]:
    """Quote slots for the official statement's own words: a release speaks without quotation
    marks, and reports that quote it are checked against the passage they render."""
    sources = [a for a in analyses if a.article.id in primary]
    if not sources:
        return []
    source = sources[0].article
    body_start = source.body_start
    body = source.text[body_start:]
    lowered = body.lower()
    matched = {id(m.fact) for slot in slots if slot.family == "quote" for ms in slot.matches.values() for m in ms}
    used = {s.id for s in slots}
    found: list[Slot] = []
    for analysis in analyses:
        if analysis.article.id in primary:
            continue
        for fact in facts[analysis.article.id]:
            claim = fact.claim
            if fact.family != "quote" or fact.in_post or id(fact) in matched or not getattr(claim, "direct", False):
                continue
            for part, words, hit in _statement_passages(fact, lowered):
                start, end = _trim_to(body, words, *_whole_words(body, hit.dest_start, hit.dest_end))
                slot = next(
                    (
                        s
                        for s in found
                        if s.source is not None
                        and s.source.claim.start < body_start + end
                        and body_start + start < s.source.claim.end
                    ),
                    None,
                )
                if slot is None:
                    passage = body[start:end]
                    quote = Quote(
                        kind="quote",
                        start=body_start + start,
                        end=body_start + end,
                        text=passage,
                        quote=passage,
                        quote_start=body_start + start,
                        quote_end=body_start + end,
                        direct=True,
                    )
                    label = "statement: “" + " ".join(passage.split()[:6]) + "…”"
                    slot = Slot(
                        id=_unique_id("statement_" + "_".join(w.lower() for w in passage.split()[:4]), used),
                        family="quote",
                        label=label,
                        source=Fact(article=source.id, claim=quote, family="quote"),
                        source_article=source.id,
                    )
                    slot.matches[source.id] = [Match(slot.source, "source", 100.0)]  # type: ignore[arg-type]
                    found.append(slot)
                slot.matches.setdefault(analysis.article.id, []).append(Match(part, "same", hit.score))
    return found


#: Sentence ends inside a quotation: a quote of several sentences may render passages of the
#: statement that are apart in it.
_QUOTE_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")


def _statement_passages(fact: Fact, lowered_body: str) -> list[tuple[Fact, str, Any]]:
    """(fact, its words, alignment) for each passage of the statement that a quotation renders.

    The whole quotation first; when it does not render one passage and holds several sentences,
    each sentence on its own, as a quotation of its own span (a report joins two sentences of a
    release that have another between them, or quotes one and paraphrases the next)."""
    from rapidfuzz import fuzz

    claim = fact.claim
    words = getattr(claim, "quote", "")
    if len(words.split()) < STATEMENT_QUOTE_WORDS:
        return []
    hit = fuzz.partial_ratio_alignment(words.lower(), lowered_body, score_cutoff=STATEMENT_QUOTE_MATCH)
    if hit is not None:
        return [(fact, words, hit)]
    if not isinstance(claim, Quote) or claim.quote_start < 0:
        return []
    out: list[tuple[Fact, str, Any]] = []
    at = 0
    for piece in _QUOTE_SENTENCE_END.split(words):
        offset = words.find(piece, at)
        at = offset + len(piece)
        piece = piece.strip(" \"“”'‘’")
        if len(piece.split()) < STATEMENT_QUOTE_WORDS or piece == words:
            continue
        hit = fuzz.partial_ratio_alignment(piece.lower(), lowered_body, score_cutoff=STATEMENT_QUOTE_MATCH)
        if hit is None:
            continue
        start = claim.quote_start + words.find(piece, offset)
        part = replace(claim, quote=piece, quote_start=start, quote_end=start + len(piece))
        out.append((replace(fact, claim=part), piece, hit))
    return out


def _trim_to(body: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """The aligned passage cut to begin at the quotation's first words and end at its last ones,
    where the statement has them close to the alignment's edges."""
    first, last = quote.split()[:2], quote.split()[-2:]
    head = " ".join(first).lower().strip("“”\"'.,;:")
    tail = " ".join(last).lower().strip("“”\"'.,;:")
    lowered = body.lower()
    at = lowered.find(head, max(0, start - 30), end)
    if at >= 0:
        start = at
    back = lowered.rfind(tail, start, min(len(body), end + 30))
    if back >= 0:
        end = back + len(tail)
    return start, end


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _unique_id(base: str, used: set[str]) -> str:
    base = "".join(c if c.isalnum() else "_" for c in base)[:48]
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name)
    return name


def evidence_span(claim: Claim) -> tuple[int, int]:
    """The words to highlight for a claim: a quote's quoted words, else the claim's span."""
    if isinstance(claim, Quote) and 0 <= claim.quote_start < claim.quote_end:
        return claim.quote_start, claim.quote_end
    return claim.start, claim.end


def _percent_slots(
    analyses: list[Analysis], primary: list[str], slots: list[Slot], facts: dict[str, list[Fact]]
) -> list[Slot]:
    """Slots for percentages that no source states: each judged against the source's parts."""
    matched = {id(m.fact.claim) for s in slots for ms in s.matches.values() for m in ms}
    source_numbers = [
        f for a in analyses if a.article.id in primary for f in facts[a.article.id] if f.family == "number"
    ]
    made: dict[tuple[float, float], Slot] = {}
    for analysis in analyses:
        if analysis.article.id in primary:
            continue
        for fact in facts[analysis.article.id]:
            if fact.family != "percent" or id(fact.claim) in matched:
                continue
            found = (
                fraction_slot(fact, facts, primary)
                if fact.fraction_of is not None
                else percent_slot(fact, analysis, source_numbers)
            )
            if found is None:
                continue
            part, base = found
            slot = made.get(found)
            if slot is None:
                share = 100 * part / base
                named = next(
                    (
                        s.label
                        for s in slots
                        if s.source is not None and s.family == "number" and s.source.value == part
                    ),
                    None,
                )
                joined = "" if named is None else " " if named.startswith("with ") else " of "
                counts = f"{_n(part)} of {_n(base)}"
                label = f"share{joined}{named} ({counts})" if named else f"share: {counts}"
                slot = Slot(
                    id="share_" + f"{_n(part)}_of_{_n(base)}".replace(",", ""),
                    family="percent",
                    label=label,
                    source=None,
                    derived={"part": part, "base": base, "value": f"{share:.1f}%", "verdicts": {}, "cell": {}},
                )
                made[found] = slot
            name = (
                fraction_verdict(fact, part, base)
                if fact.fraction_of is not None
                else percent_verdict(fact.value or 0.0, part, base)
            )
            verdicts: dict[str, str] = slot.derived["verdicts"]  # type: ignore[assignment]
            cell_values: dict[str, str] = slot.derived["cell"]  # type: ignore[assignment]
            if analysis.article.id not in verdicts or name in DIVERGENCES:
                verdicts[analysis.article.id] = name
                cell_values[analysis.article.id] = display_value(fact)
            slot.matches.setdefault(analysis.article.id, []).append(Match(fact, "derived", 0.0))
    return list(made.values())


def _n(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _order_slots(comparison: Comparison) -> None:
    """Slots in the order the primary source states them; other facts after, most reported first."""

    def key(slot: Slot) -> tuple[int, int, int]:
        if slot.source is not None:
            return (0, slot.source.claim.start, 0)
        return (1, -len(slot.matches), 0)

    comparison.slots.sort(key=key)


def story_line(analyses: list[Analysis], primary: PrimaryChoice) -> str:
    """The story in one line: the primary source's title and date."""
    first = next((a.article for a in analyses if a.article.id in primary.ids), analyses[0].article)
    title = first.title or first.text[:100]
    when = f" ({first.published[:10]})" if first.published else ""
    return f"{title}{when}, {len(analyses)} report{'s' if len(analyses) != 1 else ''}"


def split_outliers(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """(the reports of the main story, reports of other events): a report belongs when it shares
    enough of its vocabulary with at least one report of the largest connected group."""
    if len(articles) < 3:
        return articles, []
    if len(articles) <= SMALL_STORY:
        return _split_outliers_small(articles)
    import numpy as np

    counts = [Counter(content_words(a.text)) for a in articles]
    vocabulary: dict[str, int] = {}
    for c in counts:
        for word in c:
            vocabulary.setdefault(word, len(vocabulary))
    n = len(articles)
    matrix = np.zeros((n, len(vocabulary)), dtype=np.float32)
    for i, c in enumerate(counts):
        for word, k in c.items():
            matrix[i, vocabulary[word]] = 1.0 + np.log(k)  # sublinear term frequency
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + n) / (1 + df)) + 1.0  # smoothed idf, as scikit-learn computes it
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1.0, norms)
    sims = matrix @ matrix.T
    members = _largest_linked_group(n, lambda i, j: sims[i, j] >= STORY_LINK)
    # An organisation's own statement is never trimmed: it may be a possible primary source,
    # and hundreds of rewrites of one news report can leave it far from their centroid.
    statements = {i for i in members if own_statement(articles[i], articles)}
    # Single links chain one event to the next through shared names ("Trump", "the county"): a
    # member must also be close to the group as a whole, so the group is trimmed to its core.
    while len(members) > 2:
        centroid = matrix[members].mean(axis=0)
        closeness = matrix[members] @ (centroid / max(float(np.linalg.norm(centroid)), 1e-9))
        best_pair = sims[np.ix_(members, members)] - np.eye(len(members))
        far = [
            m
            for m, c, pair in zip(members, closeness, best_pair.max(axis=1), strict=True)
            if c < STORY_CORE and pair < STORY_PAIR and m not in statements
        ]
        if not far:
            break
        members = [m for m in members if m not in far]
    return _split(articles, set(members))


def _largest_linked_group(n: int, linked: Callable[[int, int], bool]) -> list[int]:
    """The largest group of reports joined by chains of links (union-find over every pair)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if linked(i, j):
                parent[find(i)] = find(j)
    main = Counter(find(i) for i in range(n)).most_common(1)[0][0]
    return [i for i in range(n) if find(i) == main]


def _split(articles: list[Article], keep: set[int]) -> tuple[list[Article], list[Article]]:
    return [a for i, a in enumerate(articles) if i in keep], [a for i, a in enumerate(articles) if i not in keep]


#: Up to this many reports the outlier split runs on plain dictionaries: importing numpy costs
#: more than the whole computation for a story of a few dozen reports.
SMALL_STORY = 40


def _split_outliers_small(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """:func:`split_outliers` on sparse vectors (same weights, same rules), for small stories."""
    import math

    counts = [Counter(content_words(a.text)) for a in articles]
    n = len(articles)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vectors: list[dict[str, float]] = []
    for c in counts:
        vector = {w: (1.0 + math.log(k)) * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})

    def dot(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(w, 0.0) for w, v in a.items())

    sims = [[dot(vectors[i], vectors[j]) if i != j else 1.0 for j in range(n)] for i in range(n)]
    members = _largest_linked_group(n, lambda i, j: sims[i][j] >= STORY_LINK)
    statements = {i for i in members if own_statement(articles[i], articles)}
    while len(members) > 2:
        centroid: dict[str, float] = {}
        for m in members:
            for w, v in vectors[m].items():
                centroid[w] = centroid.get(w, 0.0) + v / len(members)
        length = max(math.sqrt(sum(v * v for v in centroid.values())), 1e-9)
        far = [
            m
            for m in members
            if dot(vectors[m], centroid) / length < STORY_CORE
            and max(sims[m][o] for o in members if o != m) < STORY_PAIR
            and m not in statements
        ]
        if not far:
            break
        members = [m for m in members if m not in far]
    return _split(articles, set(members))
