"""An iCalendar file of milestone and action due dates, one all-day event each.

UIDs are stable and unique (``{committee}-milestone-{horizon}@{org}.cxgov``,
``{committee}-action-{id}@{org}.cxgov``), so importing a later export updates
the events rather than duplicating them; DTSTAMP is the as-of date, so the
same workspace and date give the same bytes. A dropped action's event is
CANCELLED, which removes it from calendars that had it.

An event due on 9999-12-31 has no DTEND (the day after does not exist): an
all-day event without one lasts that one day (RFC 5545, 3.6.1). Text is
kept as written, but for the control characters iCalendar forbids.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from cxgov import __version__
from cxgov.export.safetext import xml_text
from cxgov.views.history import is_open, latest_updates, status_of
from cxgov.views.words import plural
from cxgov.workspace.model import Committee, Workspace

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def org_slug(ws: Workspace) -> str:
    """The organisation's name as a slug, the domain part of every UID ('workspace' when unnamed)."""
    slug = _NOT_SLUG.sub("-", (ws.org.name if ws.org else "").lower()).strip("-")
    return slug or "workspace"


def milestone_uid(ws: Workspace, committee: str, horizon: int) -> str:
    """The UID of a milestone's event."""
    return f"{committee}-milestone-{horizon}@{org_slug(ws)}.cxgov"


def action_uid(ws: Workspace, committee: str, action: str) -> str:
    """The UID of an action's event."""
    return f"{committee}-action-{action}@{org_slug(ws)}.cxgov"


def _event(uid: str, day: date, stamp: datetime, summary: str, description: str, committee: str) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    if day < date.max:
        ev.add("dtend", day + timedelta(days=1))
    ev.add("summary", xml_text(summary))
    ev.add("description", xml_text(description))
    ev.add("categories", [xml_text(committee)])
    ev.add("transp", "TRANSPARENT")  # a due date, not a meeting: it does not block the day
    return ev


def _events(ws: Workspace, c: Committee, as_of: date, stamp: datetime) -> list[Event]:
    person = ws.org.person if ws.org else {}

    def names(ids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(person[p].name if p in person else p for p in ids) or "-"

    status = status_of(c, as_of)
    latest = latest_updates(c, as_of)
    out = []
    for m in c.milestones:
        mine = [a for a in c.actions if a.horizon == m.horizon]
        done = sum(status[a.id] == "done" for a in mine)
        late = sum(is_open(status[a.id]) and a.due < as_of for a in mine)
        text = (
            f"{m.goal}\n\nAs of {as_of}: {done} of {len(mine)} actions done, {late} overdue.\n"
            f"Committee: {c.name}; chair {names([c.chair])}"
            + (f"; sponsor {names([c.sponsor])}" if c.sponsor else "")
            + "."
        )
        summary = f"{c.id}: {m.horizon}-month milestone: {m.goal}"
        out.append(_event(milestone_uid(ws, c.id, m.horizon), m.due, stamp, summary, text, c.id))
    for a in c.actions:
        st = status[a.id]
        up = latest.get(a.id)
        overdue = is_open(st) and a.due < as_of
        past = f"overdue by {plural((as_of - a.due).days, 'day')}"
        # An overdue action is not on track, whatever its owner last reported (cxgov.views.standing.said).
        shown = past if overdue and st == "on_track" else st.replace("_", " ") + (f", {past}" if overdue else "")
        lines = [
            f"Status as of {as_of}: {shown}",
            f"Latest update: {up.date} {up.note}".rstrip() if up else "Latest update: none",
            f"Responsible: {names(a.raci.responsible)}",
            f"Accountable: {names([a.raci.accountable])}",
            f"Consulted: {names(a.raci.consulted)}",
            f"Informed: {names(a.raci.informed)}",
            f"Milestone: {a.horizon} months, {c.milestone[a.horizon].goal}",
            f"Committee: {c.name}",
        ]
        suffix = f" [{st}]" if not is_open(st) else ""
        ev = _event(
            action_uid(ws, c.id, a.id), a.due, stamp, f"{c.id} {a.id}: {a.title}{suffix}", "\n".join(lines), c.id
        )
        ev.add("status", "CANCELLED" if st == "dropped" else "CONFIRMED")
        out.append(ev)
    return out


def calendar(ws: Workspace, as_of: date) -> Calendar:
    """The calendar of every loaded committee's milestones and actions, as known on as_of."""
    cal = Calendar()
    cal.add("prodid", f"-//cxgov//cxgov {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", xml_text(f"{ws.org.name if ws.org else ws.shown}: CX governance"))
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    for c in ws.committees:
        for ev in _events(ws, c, as_of, stamp):
            cal.add_component(ev)
    return cal


def to_ics(ws: Workspace, as_of: date) -> bytes:
    """The calendar as iCalendar bytes (CRLF line ends, folded lines)."""
    ical: bytes = calendar(ws, as_of).to_ical()  # icalendar's to_ical is unannotated
    return ical
