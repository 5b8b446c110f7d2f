"""Charts as small SVG images embedded as data URIs.

Drawn by hand rather than with matplotlib: a review has dozens of small charts
and matplotlib spent seconds importing and drawing them in every notebook,
where these take milliseconds. SVG stays crisp on screen and on paper, and an
SVG inside ``<img>`` can never run a script. Charts are built as
`cxgov.report.html.Html`, so text is XML-escaped when it is put in; user text
also has the characters XML cannot hold replaced (``_esc``), so any workspace
text gives a well-formed image; numbers are written plainly (``_num``) and
coordinates stay finite however large the values.
"""

from __future__ import annotations

import base64
import math
import sys
from collections.abc import Callable
from datetime import date

import pandas as pd
from markupsafe import Markup

from cxgov.dates import month_starts, shift
from cxgov.export.safetext import xml_text
from cxgov.report.html import Html, join
from cxgov.views.history import status_of
from cxgov.workspace.model import Committee, Kpi

COLOURS = {
    "not_started": "#9aa5b1",
    "on_track": "#2f9e5f",
    "at_risk": "#e0a800",
    "off_track": "#d64541",
    "done": "#2d6cdf",
    "dropped": "#cbd2d9",
}
INK, GRID, RED, GREEN, BLUE = "#1d2733", "#d9e2ec", "#d64541", "#2f9e5f", "#2d6cdf"
FONT = Html('font-family="Helvetica, Arial, sans-serif"')
_BIGGEST = sys.float_info.max


def _esc(text: object) -> Html:
    """User text for SVG text or an attribute: characters XML forbids replaced, then XML-escaped."""
    return Html.escape(xml_text(str(text)))


def _float(value: object) -> float:
    """A value as a float; an integer too large for one is infinite (then left out of the chart)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:
        return math.inf if int(value) > 0 else -math.inf  # type: ignore[call-overload]


def _num(value: float) -> str:
    """A number as people write it: 1250000, 12.5, 0.25 (not 1.25e+06); scientific only beyond 10^15."""
    if not math.isfinite(value):
        return str(value)
    size = abs(value)
    if size > 1e15 or 0 < size < 1e-3:
        return f"{value:.3g}"
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 1 else 3
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def to_uri(svg: str) -> str:
    """Wrap SVG markup (Html, or a str of markup) as an embeddable data URI."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode("utf-8")).decode("ascii")


def _svg(width: int, height: int, body: Markup, title: str) -> Html:
    return Html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" {font} font-size="11"><title>{title}</title>'
        '<rect width="{w}" height="{h}" fill="white"/>{body}</svg>'
    ).format(w=width, h=height, font=FONT, title=_esc(title), body=body)


def _text(
    x: float, y: float, text: str, anchor: str = "start", size: int = 11, fill: str = INK, bold: bool = False
) -> Html:
    weight = Html(' font-weight="bold"') if bold else Html()
    return Html('<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}" fill="{}"{}>{}</text>').format(
        x, y, anchor, size, fill, weight, _esc(text)
    )


def roadmap(committee: Committee, as_of: date) -> str:
    """The 12-month roadmap: a lane per milestone, actions at their due dates coloured
    by status, milestones as diamonds, and a red 'we are here' line."""
    status = status_of(committee, as_of)
    start = committee.launch
    end = max([m.due for m in committee.milestones] + [a.due for a in committee.actions] + [start])
    end = shift(end, 20)
    width, height, left, right, top = 860, 230, 80, 20, 28
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return left + (width - left - right) * min(max((day - start).days, 0), span) / span

    lanes = {3: top + 25, 6: top + 70, 12: top + 115}
    parts = [
        Html('<rect x="{}" y="{}" width="{:.1f}" height="140" fill="#e8f0fe"/>').format(
            left, top, x(min(max(as_of, start), end)) - left
        )
    ]
    months = month_starts(start, end)
    for month in months:
        parts.append(
            Html('<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="{3}"/>').format(
                x(month), top, top + 140, GRID
            )
        )
        parts.append(_text(x(month) + 2, top + 154, f"{month:%b}", size=10))
        if month.month == 1 or month == months[0]:
            parts.append(_text(x(month) + 2, top + 166, f"{month:%Y}", size=10))
    for horizon, y in lanes.items():
        parts.append(_text(left - 8, y + 4, f"{horizon}-month", anchor="end"))
        parts.append(
            Html('<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}" stroke-dasharray="3,3"/>').format(
                left, y, width - right, GRID
            )
        )
    for a in committee.actions:
        parts.append(
            Html('<circle cx="{:.1f}" cy="{}" r="5" fill="{}" stroke="white"><title>{}: {}</title></circle>').format(
                x(a.due), lanes[a.horizon], COLOURS[status[a.id]], _esc(a.id), _esc(status[a.id])
            )
        )
    for m in committee.milestones:
        cx, cy = x(m.due), lanes[m.horizon]
        parts.append(Html('<path d="M{:.1f},{} l8,8 l-8,8 l-8,-8 z" fill="{}"/>').format(cx, cy - 8, INK))
        parts.append(_text(cx + 10, cy - 8, f"{m.horizon} months · {m.due:%d %b %Y}", size=10))
    here = x(min(max(as_of, start), end))
    parts.append(
        Html('<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="{3}" stroke-width="2.5"/>').format(
            here, top - 6, top + 140, RED
        )
    )
    parts.append(_text(here + 4, top - 10, f"we are here · {as_of:%d %b %Y}", fill=RED, bold=True))
    legend_x = left
    for name, colour in COLOURS.items():
        parts.append(Html('<circle cx="{}" cy="{}" r="5" fill="{}"/>').format(legend_x, height - 12, colour))
        parts.append(_text(legend_x + 8, height - 8, name.replace("_", " "), size=10))
        legend_x += 95
    return to_uri(_svg(width, height, join(parts), f"Roadmap of {committee.name}"))


def milestone_bars(progress: pd.DataFrame) -> str:
    """Stacked bars: the share of each milestone's actions by status."""
    width, left, bar_w, row_h = 640, 80, 420, 26
    height = 16 + row_h * max(len(progress), 1)
    parts = []
    for i, row in enumerate(progress.to_dict("records")):
        y = 8 + i * row_h
        parts.append(_text(left - 8, y + 14, f"{row['horizon']}-month", anchor="end"))
        offset = 0.0
        for name, colour in COLOURS.items():
            share = float(row[f"share_{name}"])
            if share:
                parts.append(
                    Html(
                        '<rect x="{:.1f}" y="{}" width="{:.1f}" height="18" fill="{}"><title>{}: {:.0%}</title></rect>'
                    ).format(left + offset * bar_w, y, share * bar_w, colour, _esc(name), share)
                )
                offset += share
        done, total, overdue = (int(row[k]) for k in ("done", "total", "overdue"))
        label = f"{done}/{total} done" + (f", {overdue} overdue" if overdue else "")
        parts.append(_text(left + bar_w + 8, y + 14, label, size=10))
    return to_uri(_svg(width, height, join(parts), "Share of actions by status per milestone"))


def _scale(lo: float, hi: float, a: float, b: float) -> Callable[[float], float]:
    """Map lo..hi onto b..a (SVG's y grows downwards); halves, so that hi - lo cannot overflow."""
    half = (hi / 2 - lo / 2) or 0.5
    return lambda v: b - (v / 2 - lo / 2) / half * (b - a)


def kpi(kpi_: Kpi, series: pd.DataFrame) -> str:
    """One KPI over time (blue) against its target (dashed green); the last point
    is green when on target, red when not."""
    width, height, left, right, top, bottom = 300, 170, 38, 12, 30, 28
    values = [_float(v) for v in series["value"]] if not series.empty else []
    periods = list(series["period"]) if not series.empty else []
    target = _float(kpi_.target) if kpi_.target is not None else None
    if target is not None and not math.isfinite(target):
        target = None
    arrow = "↓ lower is better" if kpi_.direction == "down" else "↑ higher is better"
    parts = [
        _text(4, 14, f"{kpi_.name} ({kpi_.unit})", bold=True, size=11),
        _text(4, 26, arrow, size=9, fill="#52606d"),
    ]
    pool = [v for v in values if math.isfinite(v)] + ([target] if target is not None else [])
    if not pool:
        parts.append(_text(width / 2, height / 2, "no values yet", anchor="middle", fill="#52606d"))
        return to_uri(_svg(width, height, join(parts), kpi_.name))
    lo, hi = min(pool), max(pool)
    pad = (hi / 2 - lo / 2) * 0.2 or abs(hi) * 0.1 or 1.0
    y = _scale(max(lo - pad, -_BIGGEST), min(hi + pad, _BIGGEST), top, height - bottom)
    n = max(len(values) - 1, 1)

    def x(i: int) -> float:
        return left + (width - left - right) * i / n

    for tick in (lo, lo / 2 + hi / 2, hi):
        parts.append(
            Html('<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="{3}"/>').format(
                left, y(tick), width - right, GRID
            )
        )
        parts.append(_text(left - 4, y(tick) + 3, _num(tick), anchor="end", size=9))
    if target is not None:
        ty = y(target)
        parts.append(
            Html(
                '<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="{3}" stroke-dasharray="5,3" stroke-width="1.5"/>'
            ).format(left, ty, width - right, GREEN)
        )
        parts.append(_text(width - right, ty - 3, f"target {_num(target)}", anchor="end", size=9, fill=GREEN))
    # an infinite or NaN value (beyond what a float holds) has no place on the axis: it is left out
    shown = [(i, v) for i, v in enumerate(values) if math.isfinite(v)]
    if shown:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in shown)
        parts.append(Html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(points, BLUE))
        for i, v in shown:
            parts.append(Html('<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"/>').format(x(i), y(v), BLUE))
        at, last = shown[-1]
        good = None if target is None else (last <= target if kpi_.direction == "down" else last >= target)
        colour = INK if good is None else (GREEN if good else RED)
        parts.append(Html('<circle cx="{:.1f}" cy="{:.1f}" r="4.5" fill="{}"/>').format(x(at), y(last), colour))
    if values:
        step = max(1, len(periods) // 4)
        for i in range(0, len(periods), step):
            parts.append(_text(x(i), height - bottom + 14, str(periods[i]), anchor="middle", size=9))
    return to_uri(_svg(width, height, join(parts), f"{kpi_.name} against its target"))


def maturity(assessments: pd.DataFrame) -> str:
    """Maturity score (0-7) per assessment over the Starter / Riser / Champion bands."""
    width, height, left, right, top, bottom = 520, 170, 34, 80, 10, 24
    y = _scale(0, 7, top, height - bottom)
    parts = []
    for lo, hi, name, colour in (
        (0, 3.5, "Starter", "#f0f4f8"),
        (3.5, 5.5, "Riser", "#e3f8ff"),
        (5.5, 7, "Champion", "#e3f9e5"),
    ):
        parts.append(
            Html('<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}"/>').format(
                left, y(hi), width - left - right, y(lo) - y(hi), colour
            )
        )
        parts.append(_text(width - right + 6, (y(lo) + y(hi)) / 2 + 4, name))
    for tick in range(0, 8):
        parts.append(_text(left - 6, y(tick) + 4, str(tick), anchor="end", size=9))
    records = assessments.to_dict("records")
    n = max(len(records) - 1, 1)

    def x(i: int) -> float:
        return left + 20 + (width - left - right - 40) * i / n

    if records:
        points = " ".join(f"{x(i):.1f},{y(r['score']):.1f}" for i, r in enumerate(records))
        parts.append(Html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(points, INK))
        for i, r in enumerate(records):
            parts.append(Html('<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>').format(x(i), y(r["score"]), INK))
            parts.append(_text(x(i), height - 6, str(r["date"])[:7], anchor="middle", size=9))
    return to_uri(_svg(width, height, join(parts), "Maturity score over time"))
