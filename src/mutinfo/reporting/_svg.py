"""The report's heatmap as a small SVG document, written directly (no matplotlib).

A report draws one figure; rendering it through matplotlib cost more than the
estimates of a small table (importing matplotlib, laying out and rasterising
a few hundred text labels: about 2 s of CPU for the Wine data). The SVG here is
a few kilobytes of rectangles and text, scales without blur, keeps the column
names as text, and gives each cell a tooltip (``<title>``) with the pair, its
value and its q-value, without JavaScript.
"""

from __future__ import annotations

import html
import math

import numpy as np
from numpy.typing import NDArray

__all__ = ["heatmap_svg", "viridis"]

#: Viridis at 0, 0.1, ..., 1 (matplotlib's values, checked by the tests).
_VIRIDIS = np.array(
    [
        (0.267004, 0.004874, 0.329415),
        (0.282623, 0.140926, 0.457517),
        (0.253935, 0.265254, 0.529983),
        (0.206756, 0.371758, 0.553117),
        (0.163625, 0.471133, 0.558148),
        (0.127568, 0.566949, 0.550556),
        (0.134692, 0.658636, 0.517649),
        (0.266941, 0.748751, 0.440573),
        (0.477504, 0.821444, 0.318195),
        (0.741388, 0.873449, 0.149561),
        (0.993248, 0.906157, 0.143936),
    ]
)

_MISSING = "#e6e6e6"
_FONT = "font-family:sans-serif"
#: Longest column name drawn in full (longer ones end in an ellipsis).
_MAX_LABEL = 28


def viridis(t: float) -> str:
    """Return the colour of ``t`` in [0, 1] as ``#rrggbb`` (viridis, interpolated)."""
    t = min(max(float(t), 0.0), 1.0) * (len(_VIRIDIS) - 1)
    low = min(math.floor(t), len(_VIRIDIS) - 2)
    rgb = _VIRIDIS[low] + (t - low) * (_VIRIDIS[low + 1] - _VIRIDIS[low])
    return "#" + "".join(f"{round(255 * c):02x}" for c in rgb)


def _label(name: str) -> str:
    return name if len(name) <= _MAX_LABEL else name[: _MAX_LABEL - 1] + "\u2026"


def _fmt(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.3g}"


def heatmap_svg(
    values: NDArray[np.float64],
    names: list[str],
    *,
    stars: NDArray[np.bool_] | None = None,
    q_values: NDArray[np.float64] | None = None,
    q_name: str = "q",
    unit: str = "nats",
) -> str:
    """Return the heatmap of ``values`` (p x p) as an SVG document.

    Cells are coloured by value on viridis from 0 (or the least value, if
    negative) to the largest finite value; missing or infinite values are
    grey (an infinite one written ``inf`` or ``-inf`` in its cell and
    tooltip). With at most 15 columns the values are written in the cells;
    ``stars`` marks cells with a red star; each cell's tooltip gives the pair,
    the value and, with ``q_values``, the q-value.
    """
    p = len(names)
    cell = int(min(36, max(10, 640 // max(p, 1))))
    labels = [html.escape(_label(n)) for n in names]
    longest = max((len(_label(n)) for n in names), default=1)
    font = max(8, min(12, cell - 2))
    margin = int(longest * font * 0.62) + 8
    grid = cell * p
    bar_x = margin + grid + 16
    width = bar_x + 70
    height = margin + grid + 12
    finite = values[np.isfinite(values)]
    high = float(finite.max()) if finite.size else 1.0
    low = min(0.0, float(finite.min())) if finite.size else 0.0
    span = high - low if high > low else 1.0
    annotate = p <= 15
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # column names above the grid, rotated; row names on the left
    for j, lab in enumerate(labels):
        x = margin + j * cell + cell / 2 + font / 3
        out.append(
            f'<text x="{x:.1f}" y="{margin - 4}" font-size="{font}" '
            f'style="{_FONT}" transform="rotate(-90 {x:.1f} {margin - 4})">{lab}</text>'
        )
    for i, lab in enumerate(labels):
        y = margin + i * cell + cell / 2 + font / 3
        out.append(
            f'<text x="{margin - 4}" y="{y:.1f}" font-size="{font}" '
            f'style="{_FONT}" text-anchor="end">{lab}</text>'
        )
    for i in range(p):
        for j in range(p):
            v = float(values[i, j])
            ok = math.isfinite(v)
            t = (v - low) / span if ok else 0.0
            fill = viridis(t) if ok else _MISSING
            x, y = margin + j * cell, margin + i * cell
            tip = f"{html.escape(names[i])} / {html.escape(names[j])}: {_fmt(v)} {unit}"
            if q_values is not None and i != j:
                tip += f", {q_name} = {_fmt(float(q_values[i, j]))}"
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" '
                f'fill="{fill}"><title>{tip}</title></rect>'
            )
            if annotate and (ok or math.isinf(v)):
                # grey like a missing value: the text tells an infinite one apart
                colour = "#000000" if t > 0.6 or not ok else "#ffffff"
                text = f"{v:.2f}" if ok else _fmt(v)
                out.append(
                    f'<text x="{x + cell / 2:.1f}" y="{y + cell / 2 + font / 3:.1f}" '
                    f'font-size="{max(7, font - 3)}" style="{_FONT}" '
                    f'text-anchor="middle" fill="{colour}">{text}</text>'
                )
            if stars is not None and bool(stars[i, j]):
                out.append(
                    f'<text x="{x + cell - 2}" y="{y + font * 0.8:.1f}" '
                    f'font-size="{font}" style="{_FONT}" text-anchor="end" '
                    'fill="#e00000">*</text>'
                )
    # colour bar: ten steps from low to high
    steps = 10
    step_h = grid / steps
    for s in range(steps):
        t = 1.0 - (s + 0.5) / steps
        out.append(
            f'<rect x="{bar_x}" y="{margin + s * step_h:.1f}" width="14" '
            f'height="{step_h + 0.5:.1f}" fill="{viridis(t)}"/>'
        )
    for value, y in ((high, margin + font), (low, margin + grid)):
        out.append(
            f'<text x="{bar_x + 18}" y="{y:.1f}" font-size="{font}" '
            f'style="{_FONT}">{_fmt(value)}</text>'
        )
    out.append(
        f'<text x="{bar_x + 18}" y="{margin + grid / 2:.1f}" font-size="{font}" '
        f'style="{_FONT}">{html.escape(unit)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
