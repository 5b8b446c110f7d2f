"""'We are here': plan month, next milestone, progress per milestone, the action list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pandas as pd

from cxgov.i18n.current import _
from cxgov.views.history import latest_updates, month_index, status_of
from cxgov.views.standing import STANDINGS, is_due_soon, is_overdue, standing
from cxgov.workspace.model import STATUSES, Committee, Milestone, Org


@dataclass(frozen=True, slots=True)
class Position:
    """Where a committee stands in its 12-month plan on a date."""

    committee: str
    as_of: date
    plan_month: int  # 0 before launch, 1..12 in the plan, 13+ after it
    next_milestone: Milestone | None
    days_to_next: int | None

    @property
    def label(self) -> str:
        """A short phrase in the page's language: 'month 11 of 12'."""
        if self.plan_month == 0:
            return _("not launched yet")
        if self.plan_month > 12:
            return _("plan complete (month {n})").format(n=self.plan_month)
        return _("month {n} of 12").format(n=self.plan_month)


def position(committee: Committee, as_of: date) -> Position:
    """The plan month as_of falls in, and the next milestone with the days to it."""
    upcoming = [m for m in committee.milestones if m.due >= as_of]
    nxt = min(upcoming, key=lambda m: m.due) if upcoming else None
    days = (nxt.due - as_of).days if nxt else None
    return Position(committee.id, as_of, month_index(committee.launch, as_of), nxt, days)


def actions(committee: Committee, as_of: date, org: Org | None = None) -> pd.DataFrame:
    """One row per action: milestone, due, RACI, current status and the latest note."""
    status = status_of(committee, as_of)
    latest = latest_updates(committee, as_of)

    def names(pid: str) -> str:
        return org.person[pid].name if org and pid in org.person else pid

    rows = []
    for a in committee.actions:
        st = status[a.id]
        up = latest.get(a.id)
        overdue = is_overdue(a.due, st, as_of)
        rows.append(
            {
                "committee": committee.id,
                "action": a.id,
                "title": a.title,
                "horizon": a.horizon,
                "due": a.due,
                "status": st,
                "overdue": overdue,
                "days_overdue": (as_of - a.due).days if overdue else 0,
                "due_soon": is_due_soon(a.due, st, as_of),
                "last_update": up.date if up else None,
                "note": up.note if up else "",
                "responsible": ", ".join(names(p) for p in a.raci.responsible),
                "accountable": names(a.raci.accountable),
                "responsible_ids": a.raci.responsible,
                "accountable_id": a.raci.accountable,
                "kpis": ", ".join(a.kpis),
                "evidence": a.evidence or "",
            }
        )
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


ACTION_COLUMNS = [
    "committee",
    "action",
    "title",
    "horizon",
    "due",
    "status",
    "overdue",
    "days_overdue",
    "due_soon",
    "last_update",
    "note",
    "responsible",
    "accountable",
    "responsible_ids",
    "accountable_id",
    "kpis",
    "evidence",
]


def milestone_progress(committee: Committee, as_of: date) -> pd.DataFrame:
    """Per milestone: action counts and shares by status, with overdue counted separately."""
    status = status_of(committee, as_of)
    rows = []
    for m in committee.milestones:
        mine = [a for a in committee.actions if a.horizon == m.horizon]
        counts = {s: 0 for s in STATUSES}
        for a in mine:
            counts[status[a.id]] += 1
        total = len(mine)
        row: dict[str, object] = {"horizon": m.horizon, "goal": m.goal, "due": m.due, "total": total}
        row.update(counts)
        row["overdue"] = sum(is_overdue(a.due, status[a.id], as_of) for a in mine)
        for s in STATUSES:
            row[f"share_{s}"] = counts[s] / total if total else 0.0
        row["days_to_due"] = (m.due - as_of).days
        rows.append(row)
    return pd.DataFrame(rows)


def milestone_standing(committee: Committee, as_of: date) -> pd.DataFrame:
    """Per milestone: how many actions stand where (STANDINGS), each action counted once.

    An open action past its due date counts as overdue only, so that no action is both on track and
    overdue; the columns add up to the milestone's total.
    """
    status = status_of(committee, as_of)
    rows = []
    for m in committee.milestones:
        mine = [a for a in committee.actions if a.horizon == m.horizon]
        counted = Counter(standing(status[a.id], is_overdue(a.due, status[a.id], as_of)) for a in mine)
        rows.append(
            {
                "horizon": m.horizon,
                "goal": m.goal,
                "due": m.due,
                "total": len(mine),
                **{s: counted[s] for s in STANDINGS},
                "done_share": counted["done"] / len(mine) if mine else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=["horizon", "goal", "due", "total", *STANDINGS, "done_share"])


def counts(committee: Committee, as_of: date) -> dict[str, int]:
    """Committee totals: actions, done, open, overdue, at risk (status at_risk or off_track), dropped."""
    status = status_of(committee, as_of)
    out = {"actions_total": len(committee.actions), "done": 0, "open": 0, "overdue": 0, "at_risk": 0, "dropped": 0}
    for a in committee.actions:
        st = status[a.id]
        if st == "done":
            out["done"] += 1
        elif st == "dropped":
            out["dropped"] += 1
        else:
            out["open"] += 1
            out["overdue"] += is_overdue(a.due, st, as_of)
            out["at_risk"] += st in ("at_risk", "off_track")
    return out
