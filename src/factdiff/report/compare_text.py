"""The terminal report of ``factdiff compare``: the story, its primary source, the claim matrix,
per-outlet counts, the divergences with their words, and which reports copy which."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factdiff.compare import Comparison
from factdiff.model import DIVERGENCES, VERDICTS, Article
from factdiff.reference import Reference

__all__ = ["MATRIX_COLUMNS", "VERDICT_MARKS", "render_compare", "short_name"]

#: Reports shown as matrix columns in a terminal; the JSON and HTML reports hold all of them.
MATRIX_COLUMNS = 12
#: A cell's value is cut to this many characters in a terminal (quotes are long; the list of
#: divergences below the matrix gives them whole).
CELL_CHARS = 44

#: One short mark and one colour per verdict, in model.VERDICTS order.
VERDICT_MARKS: dict[str, tuple[str, str]] = {
    "agrees": ("=", "green"),
    "rounded_hedged": ("≈", "green"),
    "rounded_unhedged": ("~!", "yellow"),
    "number_changed": ("≠", "red"),
    "unit_swap": ("unit", "red"),
    "entity_swap": ("swap", "red"),
    "title_changed": ("title", "red"),
    "date_changed": ("date", "red"),
    "percent_wrong": ("%!", "red"),
    "quote_altered": ("quote", "red"),
    "omitted": ("·", "dim"),
    "unsupported": ("?", "magenta"),
    "disputed": ("⇄", "cyan"),
}
#: How each slot's reference is named in the matrix: the official statement, a consensus of
#: independent reports (with its support), or disputed.
REFERENCE_MARKS = {"primary": "primary", "consensus": "consensus", "disputed": "disputed"}
assert tuple(VERDICT_MARKS) == VERDICTS


def short_name(article: Article, width: int = 14) -> str:
    name = article.outlet or article.domain or article.source_id or Path(article.file or article.url or article.id).name
    return name if len(name) <= width else name[: width - 1] + "…"


def render_compare(comparison: Comparison, *, color: bool = False, width: int = 160) -> str:
    """The whole terminal report as one string."""
    out = io.StringIO()
    # Report words may hold square brackets ("[the agency]"): never read them as markup.
    console = Console(file=out, width=width, color_system="standard" if color else None, highlight=False, markup=False)
    articles = comparison.articles
    primary = set(comparison.primary.ids) if comparison.primary else set()
    console.print(Text(f"Story: {comparison.story}", style="bold"))
    if comparison.primary:
        names = ", ".join(short_name(comparison.article(i), 60) for i in comparison.primary.ids)
        console.print(f"Primary source: {names}  (rule: {comparison.primary.rule}; {comparison.primary.reason})")
        if comparison.reference_kind == "primary":
            console.print("Reference: the official statement, for every fact")
        else:
            console.print(
                "Reference: no official statement in the set, so each fact's reference is the consensus of "
                "independent reports (copies count once); a report diverges only where at least two agree against it"
            )
    for skipped in comparison.skipped:
        console.print(f"Skipped: {skipped.line()}")
    for given, of in comparison.duplicates:
        console.print(f"Duplicate: {given} repeats report {of}; compared once")
    if comparison.outliers:
        named = ", ".join(_where(a) for a in comparison.outliers)
        console.print(
            Text(f"Warning: {len(comparison.outliers)} report(s) of another event left out: {named}", style="yellow")
        )
    if len(articles) < 2:
        _single(console, comparison)
        return out.getvalue()
    shown = articles[:MATRIX_COLUMNS]
    table = Table(title="Claim matrix", show_lines=False, header_style="bold", title_justify="left")
    table.add_column("fact", overflow="fold", max_width=34)
    table.add_column("reference", overflow="fold", max_width=12)
    for art in shown:
        mark = "*" if art.id in primary else ("copy" if art.id in comparison.copies else "")
        table.add_column(short_name(art) + (f" ({mark})" if mark else ""), overflow="fold", max_width=16)
    for slot in comparison.slots:
        cells = comparison.cells.get(slot.id, {})
        ref = comparison.references.get(slot.id)
        row: list[Text | str] = [slot.label, _reference_cell(ref)]
        for art in shown:
            cell = cells.get(art.id)
            if cell is None:
                row.append("")
                continue
            symbol, style = VERDICT_MARKS[cell.verdict]
            value = cell.value if cell.verdict != "omitted" else ""
            if value and len(value) > CELL_CHARS:
                value = value[: CELL_CHARS - 1] + "…"
            post = " [post]" if cell.in_post else ""
            row.append(Text(f"{symbol} {value or ''}{post}".strip(), style=style if color else ""))
        table.add_row(*row)
    console.print(table)
    if len(articles) > len(shown):
        console.print(f"({len(articles) - len(shown)} more reports: see --json or --html for all of them)")
    legend = "  ".join(f"{symbol} {name}" for name, (symbol, _style) in VERDICT_MARKS.items())
    console.print(f"Verdicts: {legend}   * primary source")
    console.print("Reference: primary (the official statement), consensus N/M (N of M independent reports), disputed")
    console.print()
    console.print(Text("Per outlet", style="bold"))
    counts = comparison.outlet_counts()
    for art in articles:
        c = counts[art.id]
        kinds = ", ".join(f"{n} {t}" for t, n in c["divergences"].items()) or "no divergences"
        role = " (primary source)" if art.id in primary else ""
        post_divs = sum(1 for d in comparison.divergences if d.article == art.id and d.in_post)
        post = f"; {post_divs} in an embedded post, not counted" if post_divs else ""
        console.print(f"  {_where(art)}{role}: {c['checked']} facts checked, {kinds}{post}")
    if comparison.divergences:
        console.print()
        console.print(Text("Divergences", style="bold"))
        labels = {s.id: s.label for s in comparison.slots}
        for d in comparison.divergences:
            whose = " [embedded post: the post author's claim]" if d.in_post else ""
            against = {"consensus": "consensus", "derived": "from the counts"}.get(d.reference, "source")
            expected = f" ({against}: {d.expected})" if d.expected else ""
            console.print(
                f"  {short_name(comparison.article(d.article), 30)}: {d.type} in {labels.get(d.slot, d.slot)}: "
                f"{d.found}{expected} — “{d.text}” [confidence {d.confidence:.2f}]{whose}"
            )
    hidden = len(comparison.all_divergences) - len(comparison.divergences)
    if hidden:
        console.print(f"  ({hidden} more below the confidence threshold {comparison.threshold:.2f}: see --all)")
    references = comparison.references
    disputed = [(slot, ref) for slot in comparison.slots if (ref := references.get(slot.id)) and ref.kind == "disputed"]
    if disputed:
        console.print()
        console.print(Text("Disputed (independent reports disagree, no majority: nobody is blamed)", style="bold"))
        for slot, ref in disputed:
            values = "; ".join(
                f"{c['value']}: " + ", ".join(short_name(comparison.article(a), 24) for a in c["articles"])
                for c in ref.classes
            )
            console.print(f"  {slot.label}: {values}")
    console.print()
    console.print(Text("Copies", style="bold"))
    if not comparison.copies:
        console.print("  none: no report shares long passages with another outside quotes")
    for reuse in comparison.copies.values():
        console.print(
            f"  {_where(comparison.article(reuse.copy))} copies {_where(comparison.article(reuse.original))} "
            f"({reuse.share:.0%} of its text); counted once in any consensus"
        )
    totals = Counter(d.type for d in comparison.divergences if not d.in_post and d.type in DIVERGENCES)
    summary = ", ".join(f"{n} {t}" for t, n in totals.most_common()) or "none"
    console.print()
    console.print(f"{len(comparison.slots)} facts, {len(articles)} reports, divergences: {summary}")
    return out.getvalue()


def _reference_cell(ref: Reference | None) -> str:
    if ref is None:
        return ""
    if ref.kind == "consensus" and ref.reports:
        return f"consensus {ref.support}/{ref.reports}"
    return REFERENCE_MARKS.get(ref.kind, ref.kind)


def _where(article: Article) -> str:
    name = article.outlet or article.domain or ""
    place = Path(article.file).name if article.file else (article.url or article.source_id or article.id)
    if article.file and article.source_id:
        place = f"{place}#{article.source_id}"  # a row of a dataset
    return f"{name} ({place})" if name else place


def _single(console: Console, comparison: Comparison) -> None:
    """One report: nothing to compare; show its own check instead."""
    if not comparison.analyses:
        console.print("Nothing to compare: no readable report.")
        return
    analysis = comparison.analyses[0]
    console.print(f"Nothing to compare: only one report ({_where(analysis.article)}). Its own check:")
    console.print()
    try:
        from factdiff.report.check_text import render_check
    except ImportError:  # pragma: no cover - the check report ships with the package
        console.print(f"{len(analysis.claims)} claims")
        return
    console.print(render_check(analysis), markup=False, highlight=False)
