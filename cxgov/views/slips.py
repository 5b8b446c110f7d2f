"""Re-planning: each action's original and current due date, its moves, and the ones that slipped.

Built from the committee's recorded changes (changes.csv, read at load into
``Committee.changes``): a *move* is a row that changes an action's ``due``
from one date to another. An action's original due date is the due date
before its first recorded move (the date it was added with); with no move it
is its due date. A move of an action that was overdue on the day of the move
(its due date was before that day and it was open by its updates up to that
day) is a *slip*: the action was late, not re-planned in time, and is counted
as slipped however the new date turns out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cxgov.views.history import latest_updates
from cxgov.views.standing import is_overdue
from cxgov.views.words import plural
from cxgov.workspace.model import Change, Committee

PLAN = "plan.yaml"
DUE = "due"
MOVE_COLUMNS = ["date", "action", "title", "from", "to", "days", "reason", "by", "overdue"]
SLIP_COLUMNS = ["action", "title", "original", "due", "moves", "days", "slipped"]
Day = date  # the type, under a name Move's own 'date' field does not hide


@dataclass(frozen=True, slots=True)
class Move:
    """One re-dating of an action: on date, by a person, from one due date to another."""

    date: date
    action: str
    title: str
    before: Day
    after: Day
    reason: str
    by: str
    overdue: bool  # the action was open and past its due date on the day it was moved

    @property
    def days(self) -> int:
        return (self.after - self.before).days


@dataclass(frozen=True, slots=True)
class Slip:
    """An action's due dates as of a day: where it started, where it is, and how it got there."""

    action: str
    title: str
    original: date
    due: date
    moves: tuple[Move, ...]

    @property
    def days(self) -> int:
        """Days moved in all, later positive (the sum of the moves)."""
        return sum(m.days for m in self.moves)

    @property
    def slipped(self) -> bool:
        """Moved at least once while it was overdue."""
        return any(m.overdue for m in self.moves)


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _action_of(ch: Change) -> str | None:
    """The action id a plan.yaml row is about ('action A10' -> 'A10'); None for other rows."""
    if ch.file != PLAN or not ch.obj.startswith("action "):
        return None
    return ch.obj.split(" ", 1)[1]


def _due_rows(c: Committee) -> list[tuple[str, Change, date, date]]:
    """(action, row, from, to) for every recorded change of an action's due date to another date, in file order."""
    out = []
    for ch in c.changes:
        action = _action_of(ch)
        if action is None or ch.field != DUE:
            continue
        before, after = _day(ch.before), _day(ch.after)
        if before is not None and after is not None and before != after:
            out.append((action, ch, before, after))
    return out


def _move(c: Committee, action: str, ch: Change, before: date, after: date) -> Move:
    latest = latest_updates(c, ch.date)
    status = latest[action].status if action in latest else "not_started"
    a = c.action.get(action)
    return Move(
        ch.date, action, a.title if a else "", before, after, ch.reason, ch.by, is_overdue(before, status, ch.date)
    )


def moves(c: Committee, since: date, until: date) -> list[Move]:
    """The moves recorded after since, up to and including until, oldest first."""
    return [_move(c, *row) for row in _due_rows(c) if since < row[1].date <= until]


def slips(c: Committee, as_of: date) -> list[Slip]:
    """Every action of the committee with its due dates and moves as of a day, in plan order."""
    rows: dict[str, list[tuple[str, Change, date, date]]] = {}
    for row in _due_rows(c):
        rows.setdefault(row[0], []).append(row)
    out = []
    for a in c.actions:
        mine = rows.get(a.id, [])
        due = a.due
        for _, ch, before, _after in reversed(mine):  # the due date on as_of: later moves undone
            if ch.date > as_of:
                due = before
        done = [_move(c, *r) for r in mine if r[1].date <= as_of]
        original = done[0].before if done else due
        out.append(Slip(a.id, a.title, original, due, tuple(done)))
    return out


def replanned(c: Committee, as_of: date) -> list[Slip]:
    """The actions moved at least once up to as_of, in plan order."""
    return [s for s in slips(c, as_of) if s.moves]


def slip_of(c: Committee, action: str, as_of: date) -> Slip | None:
    """One action's due dates and moves as of a day; None if the committee has no such action."""
    return next((s for s in slips(c, as_of) if s.action == action), None)


def moves_frame(c: Committee, since: date, until: date) -> pd.DataFrame:
    """moves() as a table: date, action, title, from, to, days, reason, by, overdue."""
    return pd.DataFrame(
        [
            {
                "date": m.date,
                "action": m.action,
                "title": m.title,
                "from": m.before,
                "to": m.after,
                "days": m.days,
                "reason": m.reason,
                "by": m.by,
                "overdue": m.overdue,
            }
            for m in moves(c, since, until)
        ],
        columns=MOVE_COLUMNS,
    )


def slips_frame(c: Committee, as_of: date, only_moved: bool = True) -> pd.DataFrame:
    """slips() as a table: action, title, original, due, moves, days, slipped (only moved actions by default)."""
    chosen = replanned(c, as_of) if only_moved else slips(c, as_of)
    return pd.DataFrame(
        [
            {
                "action": s.action,
                "title": s.title,
                "original": s.original,
                "due": s.due,
                "moves": len(s.moves),
                "days": s.days,
                "slipped": s.slipped,
            }
            for s in chosen
        ],
        columns=SLIP_COLUMNS,
    )


def times(n: int) -> str:
    """'1 time', '3 times', in English (the editor's sentences); a page says it with n_("{n} time", "{n} times", n)."""
    return plural(n, "time")
