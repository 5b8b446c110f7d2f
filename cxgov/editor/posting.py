"""Post a status update once, and withdraw one: both only ever append to updates.csv.

A second press of the same post is recognised: when the action's latest row
in updates.csv (read afresh, so another editor's post counts too) is the same
day, person, status and note, nothing is written and the message says when it
was posted. Such a row would change no view: a status is its action's latest
row and updates are dated by the day. The time is the one this editor posted
it at; a row posted elsewhere has none, and is "already posted today".

A mistaken update is withdrawn by appending a row that puts the status the
action had before it back, its note saying what it withdraws
(``withdrawn: 2026-12-02 at_risk: wrong action``); see docs/format-decisions.md.
Corrected means posted again: the latest row wins.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from cxgov.errors import CxgovError
from cxgov.workspace.store import read_file

if TYPE_CHECKING:
    from cxgov.editor.session import Session

WITHDRAWN = "withdrawn: "

# When this kernel posted each (committee, action)'s latest row, by session: "already posted at 09:30".
_POSTED: WeakKeyDictionary[Session, dict[tuple[str, str], datetime]] = WeakKeyDictionary()


def rows_of(session: Session, committee: str, action: str) -> list[dict[str, str]]:
    """The action's rows of updates.csv as the file holds them now, oldest first (by date, then file order)."""
    _, data = read_file(session.path(committee, "updates.csv"), session.root)
    if data is None:
        return []
    reader = csv.reader(io.StringIO(data.decode("utf-8", errors="replace").removeprefix("\ufeff"), newline=""))
    header = next(reader, [])
    if "action" not in header:
        return []
    at = header.index("action")
    rows = [dict(zip(header, r, strict=False)) for r in reader if len(r) > at and r[at] == action]
    return sorted(rows, key=lambda r: r.get("date") or "")


def _latest_today(session: Session, committee: str, action: str, today: date) -> dict[str, str] | None:
    """The action's last row dated today, if any, found without parsing the whole history.

    Posting must stay fast on a long history (benchmarks/run.py: 10,000 rows): a row dated today
    starts a line with ``DATE,ACTION,``, so the file is searched for the last such line and only it
    is parsed. A file whose columns do not start with date and action is parsed whole.
    """
    _, data = read_file(session.path(committee, "updates.csv"), session.root)
    if data is None:
        return None
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    header = next(csv.reader([first]), [])
    if header[:2] != ["date", "action"]:
        rows = [r for r in rows_of(session, committee, action) if r.get("date") == today.isoformat()]
        return rows[-1] if rows else None
    at = text.rfind(f"\n{today.isoformat()},{action},")
    if at < 0:
        return None
    end = text.find("\n", at + 1)
    line = text[at + 1 : end if end >= 0 else len(text)].rstrip("\r")
    return dict(zip(header, next(csv.reader([line]), []), strict=False))


def repeated(session: Session, committee: str, action: str, status: str, note: str, today: date) -> str | None:
    """'at 09:30' or 'today' when this post is the action's latest row already; None when it is new.

    Only a row dated today can be one (a later-dated row, written by hand, is not looked for: a row
    for today would change nothing then either).
    """
    last = _latest_today(session, committee, action, today)
    mine = (today.isoformat(), session.person or "", status, note.strip())
    if last is None or (last.get("date"), last.get("by"), last.get("status"), (last.get("note") or "").strip()) != mine:
        return None
    at = _POSTED.get(session, {}).get((committee, action))
    return f"at {at:%H:%M}" if at is not None and at.date() == today else "today"


def post_once(session: Session, committee: str | None, action: str | None, status: str, note: str, today: date) -> str:
    """Append the update unless it is the action's latest row already; say which happened."""
    if committee and action:
        when = repeated(session, committee, action, status, note, today)
        if when is not None:
            return f"Not posted again: {action} {status} by {session.person or ''} was already posted {when}"
    done = session.post_update(committee, action, status, session.person, note, today)
    if committee and action:
        _POSTED.setdefault(session, {})[(committee, action)] = datetime.combine(today, session.clock().time())
    return done


def withdrawal(rows: list[dict[str, str]], reason: str) -> tuple[str, str]:
    """The status and note of the row that withdraws the latest of rows: the status before it comes back."""
    if not rows:
        raise CxgovError("update: expected an update to withdraw, found none for this action")
    last = rows[-1]
    before = (rows[-2].get("status") or "not_started") if len(rows) > 1 else "not_started"
    why = " ".join(reason.split())
    return before, f"{WITHDRAWN}{last.get('date')} {last.get('status')}" + (f": {why}" if why else "")


def withdraw(session: Session, committee: str | None, action: str | None, reason: str, today: date) -> str:
    """Append a row that withdraws the action's latest update (nothing is rewritten)."""
    if not committee or not action:
        raise CxgovError("action: expected an action, found nothing")
    status, note = withdrawal(rows_of(session, committee, action), reason)
    return post_once(session, committee, action, status, note, today)
