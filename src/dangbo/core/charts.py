"""Server-rendered charts (no JavaScript, no CDN). Each chart is shown with its table.

Every text of a chart (title, legend, labels, numbers, axes) is HTML, laid out by the
stylesheet; SVG draws only the shapes, and no SVG holds text. An SVG scales its text with its
width, so a 720-unit chart on a 390 px phone wrote 6 px labels; HTML text keeps the page's size
at any width (issue 7, item 5). The CSP allows no inline style: sizes are SVG attributes
(``viewBox``, ``width``, ``fill``), never ``style``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Width of the coordinate system of a bar or of the line plot, which stretches to the space
# the page gives it (``preserveAspectRatio="none"``; strokes keep their width).
SPAN = 1000


@dataclass(frozen=True)
class Series:
    label: str
    color: str


def _swatch(color: str) -> str:
    return (
        '<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect width="10" height="10" fill="{escape(color)}"/></svg>'
    )


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *, title: str
) -> SafeString:
    """Horizontal stacked bars: one row per label, one segment per series (counts).

    Each row is its label (HTML, wrapped, never cut), its bar (an SVG of rectangles, as long
    as the row's total against the biggest total) and its total. Where the label and the bar
    do not fit side by side (a phone), the bar goes under its label."""
    biggest = max((sum(v) for _, v in rows), default=0) or 1
    parts = [
        f'<figure class="chart-figure bars"><figcaption>{escape(title)}</figcaption>',
        '<ul class="chart-legend">',
        *(f"<li>{_swatch(s.color)}{escape(s.label)}</li>" for s in series),
        '</ul><ol class="bar-rows">',
    ]
    for label, values in rows:
        said = ", ".join(f"{s.label}: {v}" for v, s in zip(values, series, strict=True) if v)
        segments, offset = [], 0.0
        for value, s in zip(values, series, strict=True):
            w = SPAN * value / biggest
            if value:
                segments.append(
                    f'<rect x="{offset:.1f}" width="{w:.1f}" height="10" '
                    f'fill="{escape(s.color)}"><title>{escape(s.label)}: {value}</title></rect>'
                )
            offset += w
        parts.append(
            f'<li class="bar-row"><span class="bar-label">{escape(label)}</span>'
            '<span class="bar-track">'
            f'<svg class="chart bar" viewBox="0 0 {SPAN} 10" preserveAspectRatio="none" '
            f'role="img" aria-label="{escape(label)}: {escape(said) or 0}">'
            f"{''.join(segments)}</svg>"
            f'<span class="bar-total">{sum(values)}</span></span></li>'
        )
    parts.append("</ol></figure>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def line_percent(points: Sequence[tuple[str, int | None]], *, title: str) -> SafeString:
    """A percentage (0–100) over labelled points, e.g. years; gaps where a value is None.

    The plot is an SVG with no text; the 0/50/100 % marks and the labels under the points
    are HTML. The points are evenly spaced from the left edge to the right edge, as the
    labels are (``justify-content: space-between`` on equal, zero-width boxes)."""
    height = 100
    n = max(len(points) - 1, 1)
    said = ", ".join(f"{label}: {value}%" for label, value in points if value is not None)
    parts = [
        f'<figure class="chart-figure line"><figcaption>{escape(title)}</figcaption>',
        '<div class="line-body"><div class="line-y" aria-hidden="true">'
        "<span>100%</span><span>50%</span><span>0%</span></div>",
        f'<svg class="chart line" viewBox="0 0 {SPAN} {height}" preserveAspectRatio="none" '
        f'role="img" aria-label="{escape(title)}: {escape(said)}">',
    ]
    for pct in (0, 50, 100):
        y = height - pct
        parts.append(
            f'<line x1="0" y1="{y}" x2="{SPAN}" y2="{y}" stroke="{"#888" if pct == 0 else "#ddd"}"'
            ' vector-effect="non-scaling-stroke"/>'
        )
    coords, dots = [], []
    for i, (label, value) in enumerate(points):
        x = SPAN * i / n
        if value is None:
            continue
        y = height - min(max(value, 0), 100)
        coords.append(f"{x:.1f},{y:.1f}")
        # A zero-length path with round caps is a dot that stays round when the plot stretches.
        dots.append(
            f'<path d="M{x:.1f} {y:.1f}h0" stroke="#b3121b" stroke-width="9" '
            'stroke-linecap="round" vector-effect="non-scaling-stroke">'
            f"<title>{escape(label)}: {value}%</title></path>"
        )
    if len(coords) > 1:
        parts.append(
            f'<polyline points="{" ".join(coords)}" fill="none" stroke="#b3121b" '
            'stroke-width="2" vector-effect="non-scaling-stroke"/>'
        )
    parts.extend(dots)
    parts.append('</svg><div class="line-x" aria-hidden="true">')
    parts.extend(f"<span><span>{escape(label)}</span></span>" for label, _ in points)
    parts.append("</div></div></figure>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
