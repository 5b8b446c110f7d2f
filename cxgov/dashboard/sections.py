"""Dashboard-only sections: the filterable action list and the meetings record.

Like ``cxgov.report.committee``, every function returns `Html` built with
``cxgov.report.html``, which escapes every plain string put into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

import pandas as pd

from cxgov.i18n import numbers
from cxgov.i18n.collate import sort_key
from cxgov.i18n.current import N_, _, english_figures, locale, n_
from cxgov.report.committee import standing_cell
from cxgov.report.html import STATUS_LABEL, Html, join, section, table
from cxgov.views import roadmap, slips
from cxgov.views.standing import OVERDUE, said
from cxgov.views.words import one_stop
from cxgov.workspace.model import CLOSED, STATUSES, Committee, Decision, Workspace

ALL = ""  # the value of a filter that keeps every action


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Which actions to list: by where they stand (a status, or 'overdue'), by a person holding any RACI letter,
    by milestone (horizon; 0: all)."""

    status: str = ALL
    person: str = ALL
    horizon: int = 0


OVERDUE_WORD = N_("overdue")  # the Status filter's choice beside the statuses


def day(when: date) -> str:
    """A date in a picker's option or a pane's sentence: as always (2027-01-01) with English figures, else as the
    locale writes it (pl: 1 sty 2027; zh_Hans: 2027年1月1日)."""
    return str(when) if english_figures() else numbers.day(when, locale())


def status_options() -> list[tuple[str, str]]:
    """(label, value) pairs for the Status filter: every status, and 'overdue'.

    An action is listed under what its Status cell says (cxgov.views.standing.said): an overdue one under
    'overdue', and under its owner's status too unless that is 'on track' (an overdue action is not).
    """
    order = [s for s in STATUSES if s not in CLOSED] + [OVERDUE] + [s for s in STATUSES if s in CLOSED]
    return [(_("All statuses"), ALL)] + [
        (_(STATUS_LABEL.get(s, OVERDUE_WORD if s == OVERDUE else s)), s) for s in order
    ]


def person_options(ws: Workspace, c: Committee) -> list[tuple[str, str]]:
    """(label, value) pairs for the Person filter: everyone with a RACI letter in the committee, by name."""
    people = {p for a in c.actions for p in a.raci.letters()}
    person = ws.org.person if ws.org else {}
    named = sorted(((person[p].name if p in person else p, p) for p in people), key=lambda n: (sort_key(n[0]), n[1]))
    return [(_("Everyone"), ALL)] + named


def milestone_options(c: Committee) -> list[tuple[str, int]]:
    """(label, value) pairs for the Milestone filter (0 keeps every milestone; a widget's None means no choice)."""
    return [(_("All milestones"), 0)] + [
        (_("{n} months (due {due})").format(n=m.horizon, due=day(m.due)), m.horizon) for m in c.milestones
    ]


def action_rows(ws: Workspace, c: Committee, as_of: date, keep: ActionFilter) -> pd.DataFrame:
    """The committee's actions as of a date, narrowed by the filter."""
    frame = roadmap.actions(c, as_of, ws.org)
    if keep.status:
        words = [said(st, od) for st, od in zip(frame["status"], frame["overdue"], strict=True)]
        frame = frame.loc[[keep.status in w for w in words]]
    if keep.person:
        frame = frame.loc[[keep.person in c.action[a].raci.letters() for a in frame["action"]]]
    if keep.horizon:
        frame = frame[frame["horizon"] == keep.horizon]
    return frame


def actions_section(ws: Workspace, c: Committee, as_of: date, keep: ActionFilter) -> Html:
    """The filtered action list with status, owners and the latest note."""
    total = len(c.actions)
    frame = action_rows(ws, c, as_of, keep)
    frame = frame.assign(
        milestone=[_months(int(h)) for h in frame["horizon"]],  # int: a table's numbers are numpy's
        late=[_days(int(d)) if od else "" for d, od in zip(frame["days_overdue"], frame["overdue"], strict=True)],
    )
    columns = [
        ("action", _("Action")),
        ("title", _("Title")),
        ("milestone", _("Milestone")),
        ("due", _("Due")),
        ("status", _("Status")),
        ("late", _("Overdue by")),
        ("responsible", _("Responsible")),
        ("accountable", _("Accountable")),
        ("last_update", _("Last update")),
        ("note", _("Latest note")),
    ]
    moved = {s.action: s for s in slips.replanned(c, as_of)}
    frame = frame.assign(
        status=[
            (st, od, a in moved and moved[a].slipped)
            for a, st, od in zip(frame["action"], frame["status"], frame["overdue"], strict=True)
        ]
    )
    if moved:  # re-planning shown only where the plan was re-planned: the original date, the moves, slipped
        frame = frame.assign(
            original=[moved[a].original if a in moved else None for a in frame["action"]],
            moves=[_moves(moved[a]) if a in moved else "" for a in frame["action"]],
        )
        columns[4:4] = [("original", _("Originally due")), ("moves", _("Moved"))]
    body = table(frame, columns, cells={"status": standing_cell}, empty=_("No action matches these filters."))
    shown = n_("{shown} of {n} action shown, as of {date}.", "{shown} of {n} actions shown, as of {date}.", total)
    return section(_("Actions"), body, "actions", one_stop(shown.format(shown=len(frame), n=total, date=day(as_of))))


def _months(n: int) -> str:
    return n_("{n} month", "{n} months", n).format(n=n)


def _days(n: int) -> str:
    return n_("{n} day", "{n} days", n).format(n=n)


def _moves(slip: slips.Slip) -> str:
    """How often and how far an action was re-planned: '2 times, +45 days' (slips.times is the editor's English)."""
    times = n_("{n} time", "{n} times", len(slip.moves)).format(n=len(slip.moves))
    return _("{times}, {days}").format(times=times, days=("+" if slip.days >= 0 else "-") + _days(abs(slip.days)))


def _decisions(value: object) -> Html:
    decisions = cast(tuple[Decision, ...], value)
    if not decisions:
        return Html('<span class="meta">{}</span>').format(_("none recorded"))
    actions = Html(' <span class="meta">({})</span>')
    items = join(
        Html("<li>{}{}").format(d.text, actions.format(", ".join(d.actions)) if d.actions else Html())
        for d in decisions
    )
    return Html("<ul>{}</ul>").format(items)


def meetings_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Every meeting held up to as_of, newest first: attendance, decisions and notes."""
    person = ws.org.person if ws.org else {}
    held = sorted((m for m in c.meetings if m.date <= as_of), key=lambda m: m.date, reverse=True)
    frame = pd.DataFrame(
        [
            {
                "date": m.date,
                "attendees": ", ".join(person[p].name if p in person else p for p in m.attendees),
                "decisions": m.decisions,
                "notes": m.notes or "",
            }
            for m in held
        ],
        columns=["date", "attendees", "decisions", "notes"],
    )
    body = table(
        frame,
        [
            ("date", _("Date")),
            ("attendees", _("Attendees")),
            ("decisions", _("Decisions (actions)")),
            ("notes", _("Notes")),
        ],
        cells={"decisions": _decisions},
        empty=one_stop(_("No meeting held up to {date}.").format(date=day(as_of))),
    )
    decided = sum(len(m.decisions) for m in held)
    # One form for every count, as the English has always said it ("1 meetings"): the translations name
    # the counts ("meetings: 1") so that no plural form is needed.
    lead = _("{n} meetings and {decisions} decisions up to {date}; {cadence} cadence.")
    said = lead.format(n=len(held), decisions=decided, date=day(as_of), cadence=_(c.cadence)) if held else None
    return section(_("Meetings and decisions"), body, "meetings", said and one_stop(said))
