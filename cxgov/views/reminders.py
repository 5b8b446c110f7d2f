"""Reminders: per person, the actions they are Responsible or Accountable for that need them now.

An action needs its Responsible people and its Accountable person when it is
open and overdue or due within the window (the rows of
``cxgov.views.escalation.escalations``). Overdue ones carry the escalation
chain, which starts above the Responsible people (Accountable -> chair ->
sponsor, leaving out any of them who is Responsible). Committees whose
status updates are stale (H1) or whose meetings are late (H6) are listed
separately, to be chased with their chair and sponsor.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.i18n.collate import sort_key
from cxgov.views import escalation
from cxgov.views.escalation import SOON_DAYS, escalations
from cxgov.views.health import RULES, h1, h6
from cxgov.workspace.model import Workspace

ROLES = {"R": "Responsible", "A": "Accountable"}
CHASE_RULES = (h1, h6)

# Who, then the escalation view's columns for the action (its latest note is left to the committee).
REMINDER_COLUMNS = ["person", "name", "email", "role", *(c for c in escalation.COLUMNS if c != "note")]
CHASE_COLUMNS = [
    "committee",
    "committee_name",
    "chair",
    "chair_name",
    "chair_email",
    "sponsor",
    "sponsor_name",
    "sponsor_email",
    "rule",
    "inhibitor",
    "reason",
]


def reminders(ws: Workspace, as_of: date, days: int = SOON_DAYS) -> pd.DataFrame:
    """One row per (person, action) for the R and A people of open actions overdue or due within `days`.

    People are ordered by name; each person's actions most overdue first, then
    by due date. ``chain`` and ``chain_names`` are set only for overdue
    actions (empty for those merely due soon); ``email`` is '' when org.yaml has none.
    """
    person = ws.org.person if ws.org else {}
    due = escalations(ws, as_of, days)
    rows = []
    for order, esc in enumerate(due.itertuples(index=False)):
        action = ws.committee[esc.committee].action[esc.action]
        overdue = esc.state == "overdue"
        holders = [(p, "R") for p in action.raci.responsible] + [(action.raci.accountable, "A")]
        for pid, letter in holders:
            who = person.get(pid)
            rows.append(
                {
                    "person": pid,
                    "name": who.name if who else pid,
                    "email": (who.email if who else None) or "",
                    "role": ROLES[letter],
                    "committee": esc.committee,
                    "action": esc.action,
                    "title": esc.title,
                    "due": esc.due,
                    "status": esc.status,
                    "state": esc.state,
                    "days_overdue": esc.days_overdue,
                    "days_left": esc.days_left,
                    "chain": esc.chain if overdue else (),
                    "chain_names": esc.chain_names if overdue else "",
                    "_order": order,
                }
            )
    frame = pd.DataFrame(rows, columns=[*REMINDER_COLUMNS, "_order"])
    frame = frame.sort_values(
        ["name", "person", "_order"], key=lambda col: col.map(sort_key) if col.name == "name" else col, kind="stable"
    )
    return frame.drop(columns="_order").reset_index(drop=True)


def to_chase(ws: Workspace, as_of: date) -> pd.DataFrame:
    """Committees failing H1 (action plan, stale status updates) or H6 (late meetings), with the reason.

    Names and e-mails of the chair and sponsor are '' where there are none.
    """
    person = ws.org.person if ws.org else {}

    def name(pid: str | None) -> str:
        return (person[pid].name if pid in person else pid) if pid else ""

    def email(pid: str | None) -> str:
        return (person[pid].email if pid and pid in person else None) or ""

    rows = []
    for c in ws.committees:
        for rule in CHASE_RULES:
            verdict = rule(ws, c, as_of)
            if verdict.verdict != "fail":
                continue
            rows.append(
                {
                    "committee": c.id,
                    "committee_name": c.name,
                    "chair": c.chair,
                    "chair_name": name(c.chair),
                    "chair_email": email(c.chair),
                    "sponsor": c.sponsor or "",
                    "sponsor_name": name(c.sponsor),
                    "sponsor_email": email(c.sponsor),
                    "rule": verdict.rule,
                    "inhibitor": RULES[verdict.rule],
                    "reason": verdict.reason,
                }
            )
    return pd.DataFrame(rows, columns=CHASE_COLUMNS)
