"""Values over time: a KPI against its target, and the maturity score over its bands.

Every text is placed from its measured width (`textsize`), so none runs off
the image: a long KPI name wraps onto a second line and is then shortened,
its whole text kept in a tooltip and in the image's title; tick labels get
the margin they need; period labels are thinned until none overlaps.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

import pandas as pd

from cxgov.export.safetext import xml_text
from cxgov.i18n.current import N_, _
from cxgov.report.charts import axis, svg, textsize
from cxgov.report.charts.svg import BLUE, GREEN, GRID, INK, MARGIN, MUTED, RED, document, num, text, titled, to_uri
from cxgov.report.charts.words import figure
from cxgov.report.html import Html, join, text_of
from cxgov.workspace.model import Kpi

_BIGGEST = sys.float_info.max
TITLE_SIZE, TITLE_LINES, PITCH, SMALL = 11, 2, 14, 9
# The maturity bands: score range, name, colour.
BANDS = ((0, 3.5, N_("Starter"), "#f0f4f8"), (3.5, 5.5, N_("Riser"), "#e3f8ff"), (5.5, 7, N_("Champion"), "#e3f9e5"))


def _float(value: object) -> float:
    """A value as a float; an integer too large for one is infinite (then left out of the chart)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:
        return math.inf if int(value) > 0 else -math.inf  # type: ignore[call-overload]


def _scale(lo: float, hi: float, a: float, b: float) -> Callable[[float], float]:
    """Map lo..hi onto b..a (SVG's y grows downwards); halves, so that hi - lo cannot overflow."""
    half = (hi / 2 - lo / 2) or 0.5
    return lambda v: b - (v / 2 - lo / 2) / half * (b - a)


def heading(title: str, x: float, baseline: float, room: float) -> tuple[Html, float]:
    """A chart's title in bold, wrapped to two lines and then shortened (the whole title in a
    tooltip); returns it and the baseline of its last line."""
    shown = xml_text(title)  # what the image can hold, wrapped as it will be drawn
    lines = textsize.wrap(shown, TITLE_SIZE, room, TITLE_LINES, bold=True) or [textsize.ELLIPSIS]
    drawn = [text(x, baseline + PITCH * i, line, size=TITLE_SIZE, bold=True) for i, line in enumerate(lines)]
    last = baseline + PITCH * (len(lines) - 1)
    if " ".join(lines) == " ".join(shown.split()):
        return join(drawn), last
    return titled(title, *drawn), last


def kpi(kpi_: Kpi, series: pd.DataFrame) -> str:
    """One KPI over time (blue) against its target (dashed green, named in the legend under the
    title, where the line cannot cover it); the last point is green when on target, red when not."""
    width, right, plot_height = 300, 12, 112
    values = [_float(v) for v in series["value"]] if not series.empty else []
    periods = [str(p) for p in series["period"]] if not series.empty else []
    target = _float(kpi_.target) if kpi_.target is not None else None
    if target is not None and not math.isfinite(target):
        target = None
    parts: list[Html] = []
    head, baseline = heading(f"{kpi_.name} ({kpi_.unit})", 4, 14, width - 4 - MARGIN)
    parts.append(head)
    arrow = _("↓ lower is better") if kpi_.direction == "down" else _("↑ higher is better")
    arrow = textsize.shorten(arrow, SMALL, width - 4 - MARGIN)
    baseline += 12
    parts.append(text(4, baseline, arrow, size=SMALL, fill=MUTED))
    if target is not None:
        label = _("target {value}").format(value=figure(num(target)))
        at = 4 + textsize.width(arrow, SMALL) + 12
        if at + 18 + textsize.width(label, SMALL) > width - MARGIN:
            at, baseline = 4, baseline + 12
        parts.append(
            Html(
                '<line x1="{0:.1f}" y1="{1:.1f}" x2="{2:.1f}" y2="{1:.1f}" stroke="{3}" stroke-dasharray="4,2" stroke-width="1.5"/>'
            ).format(at, baseline - 3, at + 14, GREEN)
        )
        parts.append(text(at + 18, baseline, label, size=SMALL, fill=GREEN))
    top = baseline + textsize.descent(SMALL) + textsize.ascent(SMALL) + 4
    bottom = top + plot_height
    height = bottom + 14 + textsize.descent(SMALL) + MARGIN

    pool = [v for v in values if math.isfinite(v)] + ([target] if target is not None else [])
    if not pool:
        empty = textsize.shorten(_("no values yet"), svg.SIZE, width - 2 * MARGIN)
        parts.append(text(width / 2, (top + bottom) / 2, empty, anchor="middle", fill=MUTED))
        return to_uri(document(width, height, join(parts), _("{name} against its target").format(name=kpi_.name)))
    whole = all(v.is_integer() for v in pool)  # a count: no tick between two whole numbers
    marks, step = axis.ticks(min(pool), max(pool), whole)
    words = [figure(w) for w in axis.labels(marks, step)]
    left = max(38.0, MARGIN + max(textsize.width(w, SMALL) for w in words) + 6)
    y = _scale(max(min(marks[0], *pool), -_BIGGEST), min(max(marks[-1], *pool), _BIGGEST), top, bottom)
    n = max(len(values) - 1, 1)

    def x(i: int) -> float:
        return left + (width - left - right) * i / n

    for mark, word in zip(marks, words, strict=True):
        parts.append(
            Html('<line x1="{0:.1f}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="{3}"/>').format(
                left, y(mark), width - right, GRID
            )
        )
        parts.append(text(left - 4, y(mark) + 3, word, anchor="end", size=SMALL))
    if target is not None:
        parts.append(
            Html(
                '<line x1="{0:.1f}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="{3}" stroke-dasharray="5,3" stroke-width="1.5"/>'
            ).format(left, y(target), width - right, GREEN)
        )
    # an infinite or NaN value (beyond what a float holds) has no place on the axis: it is left out
    shown = [(i, v) for i, v in enumerate(values) if math.isfinite(v)]
    if shown:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in shown)
        parts.append(Html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(points, BLUE))
        # One piece for all the dots (a series' many points), built as text as svg.text is.
        fill = text_of(BLUE)
        parts.append(
            Html("".join(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{fill}"/>' for i, v in shown))
        )
        at, last = shown[-1]
        good = None if target is None else (last <= target if kpi_.direction == "down" else last >= target)
        colour = INK if good is None else (GREEN if good else RED)
        parts.append(Html('<circle cx="{:.1f}" cy="{:.1f}" r="4.5" fill="{}"/>').format(x(at), y(last), colour))
    for centre, period in axis.spaced([x(i) for i in range(len(periods))], periods, SMALL, (MARGIN, width - MARGIN)):
        parts.append(text(centre, bottom + 14, period, anchor="middle", size=SMALL))
    return to_uri(document(width, height, join(parts), _("{name} against its target").format(name=kpi_.name)))


def maturity(assessments: pd.DataFrame) -> str:
    """Maturity score (0-7) per assessment over the Starter / Riser / Champion bands; the image
    widens where a band's name needs more room beside the plot."""
    left, plot_right, height, top, bottom = 34, 440, 170, 10, 24
    names = [_(name) for _lo, _hi, name, _colour in BANDS]
    width = max(520.0, plot_right + 6 + max(textsize.width(name, svg.SIZE) for name in names) + MARGIN)
    y = _scale(0, 7, top, height - bottom)
    parts = []
    for (lo, hi, _name, colour), name in zip(BANDS, names, strict=True):
        parts.append(
            Html('<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}"/>').format(
                left, y(hi), plot_right - left, y(lo) - y(hi), colour
            )
        )
        parts.append(text(plot_right + 6, (y(lo) + y(hi)) / 2 + 4, name))
    for tick in range(0, 8):
        parts.append(text(left - 6, y(tick) + 4, str(tick), anchor="end", size=SMALL))
    records = assessments.to_dict("records")
    n = max(len(records) - 1, 1)

    def x(i: int) -> float:
        return left + 20 + (plot_right - left - 40) * i / n

    if records:
        points = " ".join(f"{x(i):.1f},{y(r['score']):.1f}" for i, r in enumerate(records))
        parts.append(Html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(points, INK))
        for i, r in enumerate(records):
            parts.append(Html('<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>').format(x(i), y(r["score"]), INK))
        dates = [str(r["date"])[:7] for r in records]
        for centre, day in axis.spaced([x(i) for i in range(len(records))], dates, SMALL, (MARGIN, width - MARGIN)):
            parts.append(text(centre, height - 6, day, anchor="middle", size=SMALL))
    return to_uri(document(width, height, join(parts), _("Maturity score over time")))
