"""Voice-of-customer signals: routed, open or closed, and how long the loop took.

A signal is *unrouted* until it names the committee and action that answer
it; once routed it is *open* until that action is done, then *closed*. The
closed-loop time runs from the signal's date to the day its action was done
(zero when the action was already done). Signals dated after as_of do not
exist yet.
"""

from __future__ import annotations

import statistics
from datetime import date

import pandas as pd

from cxgov.views.history import updates_until
from cxgov.workspace.model import Committee, Workspace

COLUMNS = [
    "id",
    "date",
    "source",
    "summary",
    "touchpoint",
    "departments",
    "committee",
    "action",
    "state",
    "age_days",
    "loop_days",
    "closed_on",
]


def done_since(committee: Committee, as_of: date) -> dict[str, date]:
    """Action id -> the date it became done, for actions done as of a date."""
    out: dict[str, date] = {}
    for u in updates_until(committee, as_of):
        if u.status == "done":
            out.setdefault(u.action, u.date)
        else:
            out.pop(u.action, None)
    return out


def signals(ws: Workspace, as_of: date, department: str | None = None) -> pd.DataFrame:
    """One row per signal up to as_of (optionally only those concerning a department), oldest first."""
    finished = {c.id: done_since(c, as_of) for c in ws.committees}
    rows = []
    for s in ws.signals:
        if s.date > as_of or (department is not None and department not in s.departments):
            continue
        closed_on = finished.get(s.committee or "", {}).get(s.action or "") if s.action else None
        state = "unrouted" if not s.action else ("closed" if closed_on else "open")
        rows.append(
            {
                "id": s.id,
                "date": s.date,
                "source": s.source,
                "summary": s.summary,
                "touchpoint": s.touchpoint or "",
                "departments": s.departments,
                "committee": s.committee or "",
                "action": s.action or "",
                "state": state,
                "age_days": (as_of - s.date).days,
                "loop_days": max((closed_on - s.date).days, 0) if closed_on else None,
                "closed_on": closed_on,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def open_by_department(ws: Workspace, as_of: date) -> pd.DataFrame:
    """Per department: its open signals (unrouted, or routed to an action not done) with their ages."""
    frame = signals(ws, as_of)
    rows = []
    names = {d.id: d.name for d in ws.org.departments} if ws.org else {}
    for dept, name in names.items():
        mine = frame[[dept in d for d in frame["departments"]]] if not frame.empty else frame
        still = mine[mine["state"] != "closed"] if not mine.empty else mine
        rows.append(
            {
                "department": dept,
                "name": name,
                "open": int(len(still)),
                "unrouted": int((still["state"] == "unrouted").sum()) if not still.empty else 0,
                "oldest_days": int(still["age_days"].max()) if not still.empty else None,
                "signals": ", ".join(still["id"]) if not still.empty else "",
            }
        )
    frame = pd.DataFrame(rows, columns=["department", "name", "open", "unrouted", "oldest_days", "signals"])
    frame["oldest_days"] = pd.Series([r["oldest_days"] for r in rows], dtype=object)  # None stays None
    return frame


def answered_by(ws: Workspace, committee: Committee, as_of: date) -> pd.DataFrame:
    """The signals routed to one committee's actions."""
    frame = signals(ws, as_of)
    return frame[frame["committee"] == committee.id].reset_index(drop=True)


def unrouted_for(ws: Workspace, committee: Committee, as_of: date) -> pd.DataFrame:
    """Unrouted signals that concern one of the committee's departments."""
    frame = signals(ws, as_of)
    if frame.empty:
        return frame
    mine = pd.Series([bool(set(d) & set(committee.departments)) for d in frame["departments"]], index=frame.index)
    return frame[(frame["state"] == "unrouted") & mine].reset_index(drop=True)


def median_loop_days(ws: Workspace, as_of: date) -> float | None:
    """The median closed-loop time of closed signals, in days (None when none is closed)."""
    frame = signals(ws, as_of)
    loops = [int(v) for v in frame["loop_days"].dropna()] if not frame.empty else []
    return float(statistics.median(loops)) if loops else None
