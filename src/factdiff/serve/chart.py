"""The outlet page's chart, drawn on the server as inline SVG (no script, no image request).

Two panels: the divergence rate of each type over all compared facts (one bar per type), and
the rate by month, one stacked column per month (one band per type). Every label is escaped;
colours come from the page's stylesheet by class (``t-<type>``), so the SVG carries no style.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

__all__ = ["outlet_chart"]

WIDTH = 720
BAR_HEIGHT = 18
MONTHS_HEIGHT = 180
LEFT = 150


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def outlet_chart(record: dict[str, Any]) -> Markup:
    """The SVG of an outlet record (``outlet_data``): rates by type, and by type over months."""
    kinds: list[str] = [k for k in record["divergence_types"] if record["verdicts"].get(k)]
    parts: list[str] = []
    y = 24
    parts.append(
        f'<text x="0" y="14" class="chart-title">Divergence rate by type ({record["checked"]} facts checked)</text>'
    )
    top = max([record["rates"].get(k, 0.0) for k in kinds] + [0.0])
    scale = (WIDTH - LEFT - 60) / top if top else 0
    if not kinds:
        parts.append(f'<text x="0" y="{y + 14}" class="chart-note">no divergences among the compared facts</text>')
        y += BAR_HEIGHT + 8
    for kind in kinds:
        rate = record["rates"].get(kind, 0.0)
        width = max(1.0, rate * scale)
        parts.append(f'<text x="{LEFT - 6}" y="{y + 13}" class="chart-label" text-anchor="end">{escape(kind)}</text>')
        parts.append(
            f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT - 4}" class="t-{escape(kind)}">'
            f"<title>{escape(kind)}: {record['verdicts'].get(kind, 0)} of {record['checked']}</title></rect>"
        )
        parts.append(f'<text x="{LEFT + width + 4:.1f}" y="{y + 13}" class="chart-label">{_percent(rate)}</text>')
        y += BAR_HEIGHT
    y += 24
    months = [m for m in record["by_month"] if m["checked"]]
    parts.append(f'<text x="0" y="{y}" class="chart-title">Divergence rate by month</text>')
    y += 10
    if months:
        highest = max(sum(m["rates"].values()) for m in months) or 0.01
        column = min(48.0, (WIDTH - LEFT) / len(months))
        base = y + MONTHS_HEIGHT
        parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH}" y2="{base}" class="chart-axis"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 10}" class="chart-label" text-anchor="end">{_percent(highest)}</text>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{base}" class="chart-label" text-anchor="end">0%</text>')
        for i, month in enumerate(months):
            x = LEFT + i * column
            stacked = 0.0
            for kind in kinds:
                rate = month["rates"].get(kind, 0.0)
                if not rate:
                    continue
                height = rate / highest * MONTHS_HEIGHT
                stacked += height
                parts.append(
                    f'<rect x="{x + 2:.1f}" y="{base - stacked:.1f}" width="{column - 4:.1f}" height="{height:.1f}" '
                    f'class="t-{escape(kind)}"><title>{escape(month["month"])} {escape(kind)}: '
                    f"{month['divergences'].get(kind, 0)} of {month['checked']} ({_percent(rate)})</title></rect>"
                )
            if len(months) <= 14 or i % max(1, len(months) // 12) == 0:
                parts.append(
                    f'<text x="{x + column / 2:.1f}" y="{base + 14}" class="chart-label" text-anchor="middle">'
                    f"{escape(month['month'][2:] if len(month['month']) == 7 else month['month'])}</text>"
                )
        y = base + 30
    else:
        parts.append(f'<text x="0" y="{y + 14}" class="chart-note">no dated, compared facts</text>')
        y += 30
    if kinds:
        x = 0.0
        for kind in kinds:
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="10" height="10" class="t-{escape(kind)}"/>')
            parts.append(f'<text x="{x + 14:.1f}" y="{y + 9}" class="chart-label">{escape(kind)}</text>')
            x += 24 + 7 * len(kind)
        y += 20
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {y}" width="{WIDTH}" height="{y}" '
        f'role="img" aria-label="divergence rates of {escape(record["outlet"])}">{"".join(parts)}</svg>'
    )
    return Markup(svg)
