"""Who changed what: every recorded change of the committees, from every file that records one, newest first.

- ``changes.csv``: plan, charter and KPI definitions, field by field (date, by, before -> after, reason).
- ``updates.csv``: status changes of actions; before is the action's previous status (``not_started``
  before its first update), the note is the reason.
- ``measurements.csv``: KPI values per month; a correction (a later row for the same KPI and month)
  shows the value it replaced as before. The file has no date or author: an ``audit.csv`` row the
  editor wrote for the same KPI, month and value gives them; a value entered by hand is undated.
- ``audit.csv``: meetings and maturity assessments the editor added (``*``: a whole object added).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from cxgov.workspace.audit import Saved, read_audit
from cxgov.workspace.changes import WHOLE, absent, decode
from cxgov.workspace.model import Committee, Workspace

ABSENT: Any = decode("")  # "nothing": before an object or key was added, after it was removed


@dataclass(frozen=True, slots=True)
class Entry:
    """One change: on which day (None: unknown), by whom, of which object and field, from what to what, why."""

    date: date | None
    time: str  # an ISO timestamp when audit.csv recorded one, else ''
    by: str  # a person id, or '' when unknown
    committee: str
    file: str
    obj: str
    field: str
    before: Any  # ABSENT when there was nothing before
    after: Any
    reason: str


def history(ws: Workspace, committee: str | None = None, since: date | None = None) -> list[Entry]:
    """The changes of every committee that loaded (or of one), newest first; since: only those on or after it.

    Undated entries (KPI values entered by hand) come last, and are left out when since is given.
    Changes of one day keep the order of committees (by id) and of their files.
    """
    entries: list[Entry] = []
    for c in sorted(ws.committees, key=lambda c: c.id):
        if committee is None or c.id == committee:
            entries += _of_committee(ws, c)
    if since is not None:
        entries = [e for e in entries if e.date is not None and e.date >= since]
    return sorted(entries, key=lambda e: e.date or date.min, reverse=True)


def _of_committee(ws: Workspace, c: Committee) -> Iterator[Entry]:
    folder = ws.root / c.id
    for ch in c.changes:
        yield Entry(ch.date, "", ch.by, c.id, ch.file, ch.obj, ch.field, ch.before, ch.after, ch.reason)
    status: dict[str, str] = {}
    for u in c.updates:
        before = status.get(u.action, "not_started")
        status[u.action] = u.status
        yield Entry(u.date, "", u.by, c.id, "updates.csv", f"action {u.action}", "status", before, u.status, u.note)
    audit = read_audit(folder, ws.root)
    used: set[int] = set()
    value: dict[tuple[str, str], float | int] = {}
    for m in c.measurements:
        obj = f"kpi {m.kpi} {m.period}"
        before = value.get((m.kpi, m.period), ABSENT)
        value[(m.kpi, m.period)] = _number(m.value)
        saved = _saved(audit, used, obj, m.value)
        day, time, by = (saved.time.date(), saved.time.isoformat(), saved.by) if saved else (None, "", "")
        yield Entry(day, time, by, c.id, "measurements.csv", obj, "value", before, _number(m.value), m.note)
    for s in audit:
        if s.file != "measurements.csv":
            yield Entry(s.time.date(), s.time.isoformat(), s.by, c.id, s.file, s.obj, WHOLE, ABSENT, s.value, "")


def _saved(audit: list[Saved], used: set[int], obj: str, value: float) -> Saved | None:
    """The first audit row not used yet that recorded this KPI value; None for a value entered by hand."""
    for i, s in enumerate(audit):
        if i in used or s.file != "measurements.csv" or s.obj != obj:
            continue
        try:
            same = float(s.value) == value
        except ValueError:
            same = False
        if same:
            used.add(i)
            return s
    return None


def _number(value: float) -> float | int:
    """A KPI value as written: 78 rather than 78.0."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def is_absent(value: Any) -> bool:
    """Whether before/after is 'nothing' (an object or key added, or removed)."""
    return absent(value)
