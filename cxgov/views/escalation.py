"""Escalation: overdue and soon-due actions with who to chase, in order."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.dates import shift
from cxgov.views.history import is_open, latest_updates, status_of
from cxgov.workspace.model import Action, Committee, Workspace

SOON_DAYS = 14


def chain(committee: Committee, action: Action) -> tuple[str, ...]:
    """Responsible people, then the Accountable, the chair and the sponsor; no one twice."""
    people = [*action.raci.responsible, action.raci.accountable, committee.chair]
    if committee.sponsor:
        people.append(committee.sponsor)
    return tuple(dict.fromkeys(people))


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
    horizon = shift(as_of, days)
    rows = []
    for c in ws.committees:
        if committee is not None and c.id != committee:
            continue
        status = status_of(c, as_of)
        latest = latest_updates(c, as_of)
        for a in c.actions:
            st = status[a.id]
            if not is_open(st) or a.due > horizon:
                continue
            people = chain(c, a)
            overdue = a.due < as_of
            rows.append(
                {
                    "committee": c.id,
                    "action": a.id,
                    "title": a.title,
                    "due": a.due,
                    "status": st,
                    "state": "overdue" if overdue else "due soon",
                    "days_overdue": (as_of - a.due).days if overdue else 0,
                    "days_left": (a.due - as_of).days if not overdue else 0,
                    "note": latest[a.id].note if a.id in latest else "",
                    "chain": people,
                    "chain_names": " → ".join(person[p].name if p in person else p for p in people),
                }
            )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["days_overdue", "due"], ascending=[False, True], kind="stable").reset_index(drop=True)
