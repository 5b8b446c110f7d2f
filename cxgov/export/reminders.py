"""Reminders as a message: plain text or Markdown to paste into an e-mail or a chat, or JSON.

``digest`` turns the reminder views into plain data (the JSON shape, see
``cxgov remind --help``); the renderers only format it. User text is put on
one line (newlines and control characters become spaces) and, in Markdown,
backslash-escaped so that a title like ``<script>`` or ``*urgent*`` shows as
written instead of being rendered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from cxgov.workspace.model import Workspace

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")


def digest(ws: Workspace, as_of: date, days: int, people: Collection[str] = ()) -> dict[str, Any]:
    """The reminders as plain data: who must act on what, and which committees to chase.

    With `people`, only those people's reminders, and only the committees they
    chair or sponsor.
    """
    from cxgov.views.reminders import reminders, to_chase

    person = ws.org.person if ws.org else {}

    def who(pid: str) -> dict[str, Any]:
        p = person.get(pid)
        return {"person": pid, "name": p.name if p else pid, "email": p.email if p else None}

    due = reminders(ws, as_of, days)
    out_people: list[dict[str, Any]] = []
    for pid, rows in due.groupby("person", sort=False):
        if people and pid not in people:
            continue
        entry = who(str(pid))
        entry["actions"] = [
            {
                "committee": r.committee,
                "action": r.action,
                "title": r.title,
                "role": r.role,
                "due": r.due.isoformat(),
                "status": r.status,
                "state": r.state,
                "days_overdue": int(r.days_overdue),
                "days_left": int(r.days_left),
                "escalation": [who(p) for p in r.chain],
            }
            for r in rows.itertuples(index=False)
        ]
        out_people.append(entry)
    committees = []
    for r in to_chase(ws, as_of).itertuples(index=False):
        if people and r.chair not in people and r.sponsor not in people:
            continue
        committees.append(
            {
                "committee": r.committee,
                "name": r.committee_name,
                "chair": who(r.chair),
                "sponsor": who(r.sponsor) if r.sponsor else None,
                "rule": r.rule,
                "inhibitor": r.inhibitor,
                "reason": r.reason,
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "days": days,
        "people": out_people,
        "committees": committees,
        "left_out": list(ws.failed),
    }


def plain(text: object) -> str:
    """User text on one line: control characters and runs of whitespace become one space."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def md(text: object) -> str:
    """User text on one line, with Markdown's special characters backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", plain(text))


def when(item: dict[str, Any]) -> str:
    """'overdue by 3 days (due 2026-06-27)', 'due today (2026-06-30)', 'due in 14 days (2026-07-14)'."""
    if item["state"] == "overdue":
        n = item["days_overdue"]
        return f"overdue by {n} day{'s' if n != 1 else ''} (due {item['due']})"
    n = item["days_left"]
    if n == 0:
        return f"due today ({item['due']})"
    if n == 1:
        return f"due tomorrow ({item['due']})"
    return f"due in {n} days ({item['due']})"


def _status(item: dict[str, Any]) -> str:
    """The owner's status before when it is due, left out for an overdue action reported on track (it is not)."""
    if item["state"] == "overdue" and item["status"] == "on_track":
        return ""
    return str(item["status"]).replace("_", " ") + ", "


def _count(n: int) -> str:
    return f"{n} action needs you" if n == 1 else f"{n} actions need you"


def _contact(who: dict[str, Any], esc: Callable[[object], str]) -> str:
    return esc(who["name"]) + (f" ({esc(who['email'])})" if who["email"] else "")


def _intro(data: dict[str, Any]) -> str:
    return f"as of {data['as_of']}: open actions overdue or due within {data['days']} days."


def _nothing(data: dict[str, Any]) -> str:
    return f"Nothing is overdue or due within {data['days']} days."


def _no_committee() -> str:
    return "No committee fails H1 (action plan and status updates) or H6 (meetings)."


def render_text(data: dict[str, Any]) -> str:
    """The reminders as a plain-text message."""
    lines = [f"Reminders {_intro(data)}", ""]
    for p in data["people"]:
        lines.append(f"{_contact(p, plain)}: {_count(len(p['actions']))}")
        for a in p["actions"]:
            line = (
                f"  - {plain(a['action'])} {plain(a['title'])} ({a['committee']}), you are {a['role']}; "
                f"{_status(a)}{when(a)}"
            )
            if a["escalation"]:
                line += "; escalation: " + " → ".join(plain(w["name"]) for w in a["escalation"])
            lines.append(line)
        lines.append("")
    if not data["people"]:
        lines += [_nothing(data), ""]
    if data["committees"]:
        lines.append("Committees to chase:")
        for c in data["committees"]:
            lines.append(
                f"  - {c['committee']} {plain(c['name'])}, chair {_contact(c['chair'], plain)}: "
                f"fails {c['rule']} ({c['inhibitor']}): {plain(c['reason'])}"
            )
    else:
        lines.append(_no_committee())
    return "\n".join(lines) + "\n"


def render_markdown(data: dict[str, Any]) -> str:
    """The reminders as a Markdown message (user text escaped)."""
    lines = [f"**Reminders** {_intro(data)}", ""]
    for p in data["people"]:
        lines += [
            f"**{md(p['name'])}**" + (f" ({md(p['email'])})" if p["email"] else "") + f": {_count(len(p['actions']))}",
            "",
        ]
        for a in p["actions"]:
            state = f"**{when(a)}**" if a["state"] == "overdue" else when(a)
            line = (
                f"- **{md(a['action'])}** {md(a['title'])} ({md(a['committee'])}), you are {a['role']}; "
                f"{_status(a)}{state}"
            )
            if a["escalation"]:
                line += "; escalation: " + " → ".join(md(w["name"]) for w in a["escalation"])
            lines.append(line)
        lines.append("")
    if not data["people"]:
        lines += [_nothing(data), ""]
    if data["committees"]:
        lines += ["**Committees to chase**", ""]
        for c in data["committees"]:
            lines.append(
                f"- **{md(c['committee'])}** {md(c['name'])}, chair {_contact(c['chair'], md)}: "
                f"fails {c['rule']} ({c['inhibitor']}): {md(c['reason'])}"
            )
    else:
        lines.append(_no_committee())
    return "\n".join(lines) + "\n"


def render_json(data: dict[str, Any]) -> str:
    """The reminders as indented JSON."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
