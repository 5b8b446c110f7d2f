"""Check-in: a person's open actions across committees, most urgent first, and the KPIs they own.

What a chair (or anyone named in "You are") keeps current in one sitting: every
open action they are Responsible or Accountable for, with its latest status and
note, and every KPI they own with its target and last value. Urgency reuses the
views' own rules: overdue and due soon as ``cxgov.views.escalation`` finds them,
at risk as the roll-up counts it (open, latest status ``at_risk`` or
``off_track``), then the rest of the open actions.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.views.escalation import SOON_DAYS, escalations
from cxgov.views.history import is_open, latest_updates, measurements_until, status_of
from cxgov.views.kpis import table
from cxgov.views.reminders import ROLES
from cxgov.workspace.model import Workspace

# Most urgent first; "open" is every other open action.
URGENCY = ("overdue", "due soon", "at risk", "open")
AT_RISK = frozenset({"at_risk", "off_track"})  # the roll-up's "at risk" (docs/format-decisions.md)

ACTION_COLUMNS = [
    "committee",
    "committee_name",
    "action",
    "title",
    "role",
    "due",
    "status",
    "urgency",
    "days_overdue",
    "days_left",
    "updated",
    "updated_by",
    "note",
]
KPI_COLUMNS = [
    "committee",
    "committee_name",
    "kpi",
    "name",
    "unit",
    "direction",
    "target",
    "latest",
    "period",
    "on_target",
    "month_value",
]


def actions(ws: Workspace, person: str, as_of: date, days: int = SOON_DAYS) -> pd.DataFrame:
    """Open actions where person is Responsible or Accountable, most urgent first.

    Order: overdue (most overdue first), due within `days` (soonest first), at
    risk, then the other open actions; by due date within each. ``updated``,
    ``updated_by`` and ``note`` are the latest update's (None, '' and '' with none).
    """
    state = {(e.committee, e.action): e.state for e in escalations(ws, as_of, days).itertuples(index=False)}
    rows = []
    for c in ws.committees:
        status, latest = status_of(c, as_of), latest_updates(c, as_of)
        for a in c.actions:
            letter = "A" if a.raci.accountable == person else ("R" if person in a.raci.responsible else "")
            if not letter or not is_open(status[a.id]):
                continue
            urgency = state.get((c.id, a.id)) or ("at risk" if status[a.id] in AT_RISK else "open")
            update = latest.get(a.id)
            rows.append(
                {
                    "committee": c.id,
                    "committee_name": c.name,
                    "action": a.id,
                    "title": a.title,
                    "role": ROLES[letter],
                    "due": a.due,
                    "status": status[a.id],
                    "urgency": urgency,
                    "days_overdue": max((as_of - a.due).days, 0),
                    "days_left": max((a.due - as_of).days, 0),
                    "updated": update.date if update else None,
                    "updated_by": update.by if update else "",
                    "note": update.note if update else "",
                    "_rank": URGENCY.index(urgency),
                }
            )
    frame = pd.DataFrame(rows, columns=[*ACTION_COLUMNS, "_rank"])
    frame = frame.sort_values(["_rank", "days_overdue", "due"], ascending=[True, False, True], kind="stable")
    return frame.drop(columns="_rank").reset_index(drop=True)


def kpis(ws: Workspace, person: str, as_of: date, month: str | None = None) -> pd.DataFrame:
    """The KPIs person owns, committee by committee: target, latest value and its month.

    ``month_value`` is the value already recorded for `month` (YYYY-MM, up to
    as_of's month), None when there is none: a new value for that month
    corrects it.
    """
    rows = []
    for c in ws.committees:
        mine = [k.owner == person for k in c.kpis]
        if not any(mine):
            continue
        recorded = measurements_until(c, as_of)
        for row in table(ws, c, as_of)[mine].itertuples(index=False):
            rows.append(
                {
                    "committee": c.id,
                    "committee_name": c.name,
                    "kpi": row.kpi,
                    "name": row.name,
                    "unit": row.unit,
                    "direction": row.direction,
                    "target": row.target,
                    "latest": row.latest,
                    "period": row.period,
                    "on_target": row.on_target,
                    "month_value": recorded.get(row.kpi, {}).get(month) if month else None,
                }
            )
    return pd.DataFrame(rows, columns=KPI_COLUMNS)
