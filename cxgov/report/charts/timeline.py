"""The 12-month roadmap: a lane per milestone, every action visible at its due date, and 'we are here'.

Actions sharing a date, or a date and their milestone's, are stacked in rows
above and below their lane (`stacking`); a lane grows to hold its rows, and
its milestone's label sits above them, where no dot can cover it. Month labels
are thinned to a regular stride at which they cannot overlap, and the 'we are
here' label turns to the left of its line where it would run off the image.
The legend gives each word the room it measures (a language's longer words
take a second row), and a lane's name is shortened to the margin left of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from cxgov.dates import month_starts, shift
from cxgov.i18n.current import _, n_
from cxgov.report.charts import textsize
from cxgov.report.charts.stacking import Marker, stack
from cxgov.report.charts.svg import COLOURS, GRID, INK, MARGIN, RED, SIZE, document, esc, text, to_uri
from cxgov.report.charts.words import listed, month_abbr, status_word
from cxgov.report.figures import day
from cxgov.report.html import Html, join
from cxgov.views.history import status_of
from cxgov.views.standing import is_overdue, said
from cxgov.workspace.model import Action, Committee, Milestone

WIDTH, LEFT, RIGHT, TOP = 860, 80, 20, 28
RADIUS, DIAMOND, ROW = 5.0, 8.0, 12.0  # an action's dot, a milestone's half-diagonal, the rows' pitch
LABEL = 10  # font size of milestone and month labels
LANE = 45.0  # the least height of a lane
LEGEND_ROW = 18.0  # the pitch of the legend's rows, when its words need more than one
HORIZONS = (3, 6, 12)
# Strides between labelled months: every month, every other, quarters, halves, then years.
STRIDES = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000, 60000, 120000)


class _Place:
    """Where a day lies on the x axis (a day outside start..end at its nearer end)."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.span = start, max((end - start).days, 1)

    def __call__(self, day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * min(max((day - self.start).days, 0), self.span) / self.span


@dataclass(frozen=True)
class Lane:
    """One milestone's lane: its line, how far its rows reach above it, and what is drawn in it."""

    horizon: int
    y: float
    above: float
    milestones: tuple[Milestone, ...]
    actions: tuple[tuple[Action, float], ...]  # each action and the y of its dot


def _lanes(committee: Committee, place: _Place) -> tuple[list[Lane], float]:
    """The lanes from TOP down, each as tall as its stacked dots need, and where the last one ends."""
    lanes: list[Lane] = []
    y = float(TOP)
    for horizon in HORIZONS:
        actions = [a for a in committee.actions if a.horizon == horizon]
        milestones = tuple(m for m in committee.milestones if m.horizon == horizon)
        rows = stack(
            [Marker(place(a.due), RADIUS) for a in actions], [Marker(place(m.due), DIAMOND) for m in milestones], ROW
        )
        middle = DIAMOND if milestones else RADIUS
        above = max(middle, -min(rows, default=0) * ROW + RADIUS)
        below = max(middle, max(rows, default=0) * ROW + RADIUS)
        label = textsize.ascent(LABEL) + 5 if milestones else 0.0
        extra = max(0.0, LANE - (label + above + below + 8)) / 2
        line = y + extra + 4 + label + above
        dots = tuple((a, line + r * ROW) for a, r in zip(actions, rows, strict=True))
        lanes.append(Lane(horizon, line, above, milestones, dots))
        y = line + below + 4 + extra
    return lanes, y


def _months(start: date, end: date, place: _Place, bottom: float) -> list[Html]:
    """Grid lines and labels of the months at a stride at which labels cannot overlap, with the
    year under the first labelled month (when the next January leaves room) and each January."""
    month_px = (WIDTH - LEFT - RIGHT) * 28 / place.span  # the shortest month
    names = max(textsize.width(month_abbr(date(2001, m, 1)), LABEL) for m in range(1, 13))
    year = textsize.width("0000", LABEL)
    stride = next((s for s in STRIDES if s * month_px >= max(names, year) + 6), STRIDES[-1])
    marked = [m for m in month_starts(start, end) if (m.year * 12 + m.month - 1) % stride == 0]
    right = WIDTH - MARGIN
    parts: list[Html] = []
    for i, month in enumerate(marked):
        at = place(month)
        parts.append(
            Html('<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}"/>').format(at, TOP, bottom, GRID)
        )
        name = f"{month:%Y}" if stride >= 12 else month_abbr(month)
        if at + 2 + textsize.width(name, LABEL) <= right:
            parts.append(text(at + 2, bottom + 14, name, size=LABEL))
        if stride < 12 and (month.month == 1 or i == 0):
            january = next((m for m in marked[i + 1 :] if m.month == 1), None)
            room = month.month == 1 or january is None or place(january) - at >= year + 6
            if room and at + 2 + year <= right:
                parts.append(text(at + 2, bottom + 26, f"{month:%Y}", size=LABEL))
    return parts


def _legend(y: float) -> tuple[list[Html], float]:
    """The statuses' colours and the overdue ring, in rows from LEFT at y: each item as wide as its
    words need (95 px at least), a new row where the next would leave the image; and the last row's y."""
    items = [(Html('fill="{}"').format(colour), status_word(name)) for name, colour in COLOURS.items()]
    items.append((Html('fill="white" stroke="{}" stroke-width="2.5"').format(RED), _("overdue (ring)")))
    parts: list[Html] = []
    x = LEFT
    for look, words in items:
        wide = textsize.width(words, LABEL)
        if x > LEFT and x + 8 + wide > WIDTH - MARGIN:
            x, y = LEFT, y + LEGEND_ROW
        parts.append(Html('<circle cx="{}" cy="{:.1f}" r="5" {}/>').format(x, y, look))
        parts.append(text(x + 8, y + 4, textsize.shorten(words, LABEL, WIDTH - MARGIN - x - 8), size=LABEL))
        x += max(95, math.ceil(8 + wide + 12))
    return parts, y


def roadmap(committee: Committee, as_of: date) -> str:
    """The 12-month roadmap: a lane per milestone, actions at their due dates coloured by status
    (stacked where they share a date), milestones as diamonds, and a red 'we are here' line."""
    status = status_of(committee, as_of)
    start = committee.launch
    end = shift(max([m.due for m in committee.milestones] + [a.due for a in committee.actions] + [start]), 20)
    place = _Place(start, end)
    lanes, bottom = _lanes(committee, place)
    here = place(min(max(as_of, start), end))
    parts = [
        Html('<rect x="{}" y="{}" width="{:.1f}" height="{:.1f}" fill="#e8f0fe"/>').format(
            LEFT, TOP, here - LEFT, bottom - TOP
        ),
        *_months(start, end, place, bottom),
    ]
    for lane in lanes:
        name = textsize.shorten(_("{n}-month").format(n=lane.horizon), SIZE, LEFT - 8 - MARGIN)
        parts.append(text(LEFT - 8, lane.y + 4, name, anchor="end"))
        parts.append(
            Html('<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="{3}" stroke-dasharray="3,3"/>').format(
                LEFT, lane.y, WIDTH - RIGHT, GRID
            )
        )
    # the line before the dots: a dot on today's date stays whole
    parts.append(
        Html('<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" stroke-width="2.5"/>').format(
            here, TOP - 6, bottom, RED
        )
    )
    for lane in lanes:
        for m in lane.milestones:
            cx = place(m.due)
            tip = _("{n}-month milestone, due {due}: {goal}").format(n=m.horizon, due=m.due, goal=m.goal)
            parts.append(
                Html('<path d="M{:.1f},{:.1f} l8,8 l-8,8 l-8,-8 z" fill="{}"><title>{}</title></path>').format(
                    cx, lane.y - DIAMOND, INK, esc(tip)
                )
            )
            label = n_("{n} month · {due}", "{n} months · {due}", m.horizon).format(n=m.horizon, due=day(m.due))
            label = textsize.shorten(label, LABEL, WIDTH - 2 * MARGIN)
            at = max(MARGIN, min(cx - DIAMOND, WIDTH - MARGIN - textsize.width(label, LABEL)))
            parts.append(text(at, lane.y - lane.above - 5, label, size=LABEL))
        for a, y in lane.actions:
            # An overdue action is not on track whatever was reported: a red ring says so (views.standing.said).
            late = is_overdue(a.due, status[a.id], as_of)
            words = listed([status_word(w) for w in said(status[a.id], late)])
            tip = _("{id} ({status}, due {due}): {title}").format(id=a.id, status=words, due=a.due, title=a.title)
            ring = Html('stroke="{}" stroke-width="2.5"').format(RED) if late else Html('stroke="white"')
            parts.append(
                Html('<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}" {}><title>{}</title></circle>').format(
                    place(a.due), y, RADIUS, COLOURS[status[a.id]], ring, esc(tip)
                )
            )
    label = textsize.shorten(_("we are here · {date}").format(date=day(as_of)), SIZE, WIDTH - 2 * MARGIN, bold=True)
    wide = textsize.width(label, SIZE, bold=True)
    if here + 4 + wide <= WIDTH - MARGIN:
        parts.append(text(here + 4, TOP - 10, label, fill=RED, bold=True))
    else:
        parts.append(text(max(here - 4, MARGIN + wide), TOP - 10, label, anchor="end", fill=RED, bold=True))
    legend, last = _legend(bottom + 50)
    parts += legend
    title = _("Roadmap of {name}").format(name=committee.name)
    return to_uri(document(WIDTH, last + 12, join(parts), title))
