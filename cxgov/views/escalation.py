"""Escalation: overdue and soon-due actions with who to chase, in order."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.views.history import latest_updates, status_of
from cxgov.views.standing import OVERDUE, state
from cxgov.views.standing import SOON_DAYS as SOON_DAYS  # the window's default, for the views that use this one
from cxgov.workspace.model import Action, Committee, Workspace


def chain(committee: Committee, action: Action) -> tuple[str, ...]:
    """Who to escalate to, in order: the Accountable, the chair, the sponsor; no one twice.

    The chain starts above the Responsible people (they are the ones being chased), so any of them
    who is also the chair or the sponsor is left out. It is never empty: the loader keeps the
    Accountable from also being Responsible.
    """
    people = [action.raci.accountable, committee.chair]
    if committee.sponsor:
        people.append(committee.sponsor)
    return tuple(p for p in dict.fromkeys(people) if p not in action.raci.responsible)


COLUMNS = [
    "committee",
    "action",
    "title",
    "due",
    "status",
    "state",
    "days_overdue",
    "days_left",
    "note",
    "chain",
    "chain_names",
]


def escalations(ws: Workspace, as_of: date, days: int = SOON_DAYS, committee: str | None = None) -> pd.DataFrame:
    """Open actions overdue or due within `days`, most overdue first, each with its escalation chain."""
    person = ws.org.person if ws.org else {}
    rows = []
    for c in ws.committees:
        if committee is not None and c.id != committee:
            continue
        status = status_of(c, as_of)
        latest = latest_updates(c, as_of)
        for a in c.actions:
            st = status[a.id]
            when = state(a.due, st, as_of, days)
            if not when:
                continue
            people = chain(c, a)
            overdue = when == OVERDUE
            rows.append(
                {
                    "committee": c.id,
                    "action": a.id,
                    "title": a.title,
                    "due": a.due,
                    "status": st,
                    "state": when,
                    "days_overdue": (as_of - a.due).days if overdue else 0,
                    "days_left": (a.due - as_of).days if not overdue else 0,
                    "note": latest[a.id].note if a.id in latest else "",
                    "chain": people,
                    "chain_names": " → ".join(person[p].name if p in person else p for p in people),
                }
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["days_overdue", "due"], ascending=[False, True], kind="stable").reset_index(drop=True)
