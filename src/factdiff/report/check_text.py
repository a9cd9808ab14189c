"""The terminal report of ``factdiff check``: findings first, then the claims with their words."""

from __future__ import annotations

from factdiff.model import Analysis, Attribution, Claim, DateClaim, Duration, Person, Quantity, Quote

_ORDER = ("quantity", "date", "duration", "person", "quote", "attribution")
_HEADINGS = {
    "quantity": "Quantities",
    "date": "Dates",
    "duration": "Durations",
    "person": "People",
    "quote": "Quotes",
    "attribution": "Attributions",
}


def render_check(analysis: Analysis, *, color: bool = False) -> str:
    """A readable report of one analysed article."""
    article = analysis.article
    lines: list[str] = []
    head = article.title or "(untitled)"
    lines.append(_bold(head, color))
    meta = [
        f"id {article.id}",
        f"source_id {article.source_id}" if article.source_id else "",
        article.outlet or article.domain or "",
        article.published or "",
        f"language {article.language}" if article.language else "",
        article.file or article.url or "",
    ]
    lines.append("  " + " · ".join(m for m in meta if m))
    if article.language and article.language != "en":
        lines.append(f"  not English ({article.language}): only numbers, percents and currencies are read reliably")
    if article.posts:
        for post in article.posts:
            who = " ".join(p for p in [post.author or "", post.handle or ""] if p)
            line = f"  embedded {post.platform or 'social'} post by {who or 'unknown'} {post.date or ''}"
            lines.append(line.rstrip())
    lines.append("")
    lines.append(_bold(f"Findings ({len(analysis.findings)})", color))
    if not analysis.findings:
        lines.append("  none: the article agrees with itself")
    for finding in analysis.findings:
        where = " [post]" if finding.in_post else ""
        lines.append(f"  {finding.type}{where}: {finding.message}")
    for kind in _ORDER:
        claims = [c for c in analysis.claims if c.kind == kind]
        if not claims:
            continue
        lines.append("")
        lines.append(_bold(f"{_HEADINGS[kind]} ({len(claims)})", color))
        for claim in claims:
            lines.append("  " + _describe(claim))
    return "\n".join(lines)


def _describe(claim: Claim) -> str:
    marks = "".join([" [headline]" if claim.in_title else "", " [post]" if claim.in_post else ""])
    words = _quote(claim.text)
    if isinstance(claim, Quantity):
        if claim.value is not None:
            number = _fmt(claim.value)
        else:
            number = f"{_fmt(claim.low)}–{_fmt(claim.high)}"
        approx = f"{claim.approx} " if claim.approx != "exact" else ""
        unit = f" {claim.unit}" if claim.unit else ""
        concept = f" · counts: {claim.concept}" if claim.concept else ""
        quals = f" · {', '.join(claim.qualifiers)}" if claim.qualifiers else ""
        part = f" · part of {_fmt(claim.part_of)}" if claim.part_of is not None else ""
        return f"{approx}{number}{unit}{concept}{quals}{part}  {words}{marks}"
    if isinstance(claim, DateClaim):
        weekday = f" ({claim.weekday})" if claim.weekday else ""
        relative = " resolved from the publication date" if claim.relative else ""
        return f"{claim.value}{weekday}{relative}  {words}{marks}"
    if isinstance(claim, Duration):
        approx = f"{claim.approx} " if claim.approx != "exact" else ""
        return f"{approx}{claim.value}  {words}{marks}"
    if isinstance(claim, Person):
        role = ", ".join(p for p in [claim.title or "", claim.org or ""] if p)
        return f"{claim.name}{' · ' + role if role else ''}  {words}{marks}"
    if isinstance(claim, Quote):
        who = claim.speaker or "unknown speaker"
        if claim.speaker_title:
            who += f" ({claim.speaker_title})"
        style = "direct" if claim.direct else "indirect"
        return f"{who}, {style}: {_quote(_clip(claim.quote, 100))}{marks}"
    if isinstance(claim, Attribution):
        return f"credits {claim.source}  {words}{marks}"
    return f"{words}{marks}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _quote(text: str) -> str:
    return "“" + _clip(" ".join(text.split()), 90) + "”"


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def _bold(text: str, color: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if color else text
