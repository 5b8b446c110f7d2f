"""Load and validate meetings.yaml and maturity.yaml."""

from __future__ import annotations

from collections.abc import Collection

from cxgov.workspace.fields import Ctx
from cxgov.workspace.model import MATURITY_TRAITS, Assessment, Decision, Meeting, Org


def read_meetings(ctx: Ctx, data: object, org: Org, action_ids: Collection[str] | None) -> list[Meeting]:
    """Validate meetings.yaml's data into meetings, oldest first."""
    out: list[Meeting] = []
    if data is None:
        return out
    top = ctx.mapping(data, 1, None, "")
    if top is None:
        return out
    top.allowed(("meetings",))
    for _, line, item in top.items("meetings", required=True):
        f = ctx.mapping(item, line, "meeting", "meetings", nested=False)
        if f is None:
            continue
        when = f.date("date")
        f.obj = f"meeting {when}" if when else "meeting"
        f.allowed(("date", "attendees", "decisions", "notes"))
        attendees = f.ids("attendees", org.person, "person", required=True)
        notes = f.text("notes", required=False)
        decisions: list[Decision] = []
        for i, dline, ditem in f.items("decisions"):
            d = ctx.mapping(ditem, dline, f.obj, f"decisions[{i + 1}]")
            if d is None:
                continue
            d.allowed(("text", "actions"))
            text = d.text("text")
            actions = d.ids("actions", action_ids, "action", action=True)
            if text and actions is not None:
                decisions.append(Decision(text, actions))
        if when and attendees:
            out.append(Meeting(when, attendees, tuple(decisions), notes))
    out.sort(key=lambda m: m.date)
    return out


def read_maturity(ctx: Ctx, data: object) -> list[Assessment]:
    """Validate maturity.yaml's data into assessments, oldest first."""
    out: list[Assessment] = []
    if data is None:
        return out
    top = ctx.mapping(data, 1, None, "")
    if top is None:
        return out
    top.allowed(("assessments",))
    seen: set[object] = set()
    for _, line, item in top.items("assessments", required=True):
        f = ctx.mapping(item, line, "assessment", "assessments", nested=False)
        if f is None:
            continue
        when = f.date("date")
        f.obj = f"assessment {when}" if when else "assessment"
        f.allowed(("date",) + MATURITY_TRAITS)
        traits = [f.flag(t, required=True) for t in MATURITY_TRAITS]
        if when in seen:
            f.bad("date", "one assessment per date", f"'{when}' again")
            continue
        seen.add(when)
        if when and None not in traits:
            out.append(Assessment(when, tuple(bool(t) for t in traits)))
    out.sort(key=lambda a: a.date)
    return out
