"""Load and validate signals.csv: voice-of-customer feedback routed to committees."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from cxgov.errors import show
from cxgov.workspace.csvfile import read_rows
from cxgov.workspace.fields import Ctx, date_expected, parse_date
from cxgov.workspace.ids import ACTION_ID, ACTION_RULE
from cxgov.workspace.model import Org, Signal

SIGNAL_COLUMNS = ("date", "id", "source", "summary", "touchpoint", "departments", "committee", "action")


def read_signals(
    path: Path,
    ctx: Ctx,
    org: Org,
    actions_of: Mapping[str, Collection[str] | None],
    unborn: Collection[str] = (),
) -> list[Signal]:
    """Validate signals.csv; actions_of maps each committee id to its action ids (None if it failed to load).

    unborn: committees created after the day the workspace is read as of (load_workspace's as_of); a signal
    routed to one of them was not routed on that day and is read as unrouted (no committee, no action).
    """
    out: list[Signal] = []
    seen: set[str] = set()
    add = ctx.add
    for line, (day, sid, source, summary, touchpoint, depts, committee, action) in read_rows(path, ctx, SIGNAL_COLUMNS):
        ok = True
        if committee in unborn:
            committee = action = ""
        when = parse_date(day)
        if when is None:
            add(line, None, "date", date_expected(day), show(day), blocking=False)
            ok = False
        obj = f"signal {sid}" if sid else None
        if ACTION_ID.fullmatch(sid) is None:
            add(line, None, "id", ACTION_RULE, show(sid), blocking=False)
            ok = False
        elif sid in seen:
            add(line, obj, "id", "a unique signal id", f"'{sid}' again", blocking=False)
            ok = False
        seen.add(sid)
        for name, value in (("source", source), ("summary", summary)):
            if not value.strip():
                add(line, obj, name, "a text", "nothing", blocking=False)
                ok = False
        if touchpoint and touchpoint not in org.touchpoint:
            add(
                line,
                obj,
                "touchpoint",
                "a touchpoint id from the journey in org.yaml",
                show(touchpoint),
                blocking=False,
            )
            ok = False
        departments = tuple(d.strip() for d in depts.split(";") if d.strip())
        if not departments:
            add(line, obj, "departments", "department ids separated by ';'", "nothing", blocking=False)
            ok = False
        for d in departments:
            if d not in org.department:
                add(line, obj, "departments", "a department id from org.yaml", show(d), blocking=False)
                ok = False
        if action and not committee:
            add(line, obj, "committee", "the committee of action " + show(action)[1:-1], "nothing", blocking=False)
            ok = False
        elif committee and committee not in actions_of:
            add(line, obj, "committee", "a committee id of this workspace", show(committee), blocking=False)
            ok = False
        elif committee and action:
            known = actions_of[committee]
            if known is not None and action not in known:
                add(line, obj, "action", f"an action id from {committee}/plan.yaml", show(action), blocking=False)
                ok = False
            elif known is None:
                ok = False  # its committee failed to load; its problems are reported there
        if ok and when is not None:
            out.append(
                Signal(
                    when,
                    sid,
                    source.strip(),
                    summary.strip(),
                    touchpoint or None,
                    departments,
                    committee or None,
                    action or None,
                    line,
                )
            )
    out.sort(key=lambda s: s.date)
    return out
