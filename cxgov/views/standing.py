"""Where an open action stands on a day: overdue, due soon, or as its owner reports it.

The one place these words are decided. An action that is neither done nor
dropped and was due before the day is overdue, whatever its owner last
reported: an overdue action is not "on track". One due on the day or within
SOON_DAYS after it is due soon (never "overdue by 0 days").
"""

from __future__ import annotations

from datetime import date

from cxgov.dates import shift
from cxgov.i18n.current import _, n_
from cxgov.views.history import is_open

SOON_DAYS = 14
OVERDUE = "overdue"
DUE_SOON = "due soon"
# Where an action stands, each action in exactly one: the statuses, with "overdue" taking open actions past due.
STANDINGS = ("done", "on_track", "at_risk", "off_track", "not_started", OVERDUE, "dropped")


def is_overdue(due: date, status: str, as_of: date) -> bool:
    """Due before as_of and neither done nor dropped."""
    return due < as_of and is_open(status)


def is_due_soon(due: date, status: str, as_of: date, days: int = SOON_DAYS) -> bool:
    """Open and due on as_of or within `days` after it."""
    return is_open(status) and as_of <= due <= shift(as_of, days)


def state(due: date, status: str, as_of: date, days: int = SOON_DAYS) -> str:
    """'overdue', 'due soon' (within `days`), or '' for an action that is neither (or closed)."""
    if is_overdue(due, status, as_of):
        return OVERDUE
    return DUE_SOON if is_due_soon(due, status, as_of, days) else ""


def standing(status: str, overdue: bool) -> str:
    """The one word for where an action stands: 'overdue' when it is, otherwise its status."""
    return OVERDUE if overdue else status


def said(status: str, overdue: bool) -> tuple[str, ...]:
    """What a page says of an action: its standing, and for an overdue one also its owner's status, unless
    that is 'on_track' (an overdue action is not on track): ('overdue', 'off_track'), ('overdue',), ('at_risk',)."""
    if standing(status, overdue) != OVERDUE:
        return (status,)
    return (OVERDUE,) if status == "on_track" else (OVERDUE, status)


def when(due: date, as_of: date) -> str:
    """Due relative to as_of, in the page's language: '3 days overdue', '1 day overdue', 'due today', 'due in 5 days'."""
    days = (due - as_of).days
    if days < 0:
        return n_("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    return _("due today") if days == 0 else n_("due in {n} day", "due in {n} days", days).format(n=days)
