"""Server-rendered SVG charts (no JavaScript, no CDN). Each chart is shown with its table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Series:
    label: str
    color: str


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *, title: str,
    width: int = 720, bar: int = 22, label_width: int = 260,
) -> SafeString:  # fmt: skip
    """Horizontal stacked bars: one row per label, one segment per series (counts)."""
    gap = 8
    legend_h = 28
    height = legend_h + len(rows) * (bar + gap) + gap
    plot = width - label_width - 50
    biggest = max((sum(v) for _, v in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    x = 0
    for s in series:
        parts.append(
            f'<rect x="{x}" y="4" width="14" height="14" fill="{s.color}"/>'
            f'<text x="{x + 18}" y="16" font-size="13">{escape(s.label)}</text>'
        )
        x += 30 + 8 * len(s.label)
    for i, (label, values) in enumerate(rows):
        y = legend_h + gap + i * (bar + gap)
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(
            f'<text x="0" y="{y + bar - 6}" font-size="13"><title>{escape(label)}</title>'
            f"{escape(short)}</text>"
        )
        offset = label_width
        for value, s in zip(values, series, strict=True):
            w = plot * value / biggest
            if value:
                parts.append(
                    f'<rect x="{offset:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                    f'fill="{s.color}"><title>{escape(s.label)}: {value}</title></rect>'
                )
            offset += w
        parts.append(
            f'<text x="{offset + 6:.1f}" y="{y + bar - 6}" font-size="13">{sum(values)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def line_percent(points: Sequence[tuple[str, int | None]], *, title: str,
                 width: int = 480, height: int = 200) -> SafeString:  # fmt: skip
    """A percentage (0–100) over labelled points, e.g. years; gaps where a value is None."""
    left, bottom, top = 40, 30, 12
    plot_w, plot_h = width - left - 20, height - bottom - top
    n = max(len(points) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#888"/>',
    ]
    for pct in (0, 50, 100):
        y = top + plot_h - plot_h * pct / 100
        parts.append(f'<text x="0" y="{y + 4:.1f}" font-size="12">{pct}%</text>')
    coords = []
    for i, (label, value) in enumerate(points):
        x = left + plot_w * i / n
        parts.append(
            f'<text x="{x:.1f}" y="{height - 8}" font-size="12" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
        if value is not None:
            y = top + plot_h - plot_h * value / 100
            coords.append(f"{x:.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#b3121b">'
                f"<title>{escape(label)}: {value}%</title></circle>"
            )
    if len(coords) > 1:
        parts.append(
            f'<polyline points="{" ".join(coords)}" fill="none" stroke="#b3121b" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
