"""The as-of cut of the append-only histories: status of actions, latest KPI values."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

from cxgov.dates import add_months, months_between, period_of
from cxgov.workspace.model import CLOSED, Committee, Measurement, Update


@lru_cache(maxsize=512)
def _update_dates(committee: Committee) -> tuple[date, ...]:
    return tuple(u.date for u in committee.updates)


def updates_until(committee: Committee, as_of: date) -> tuple[Update, ...]:
    """Updates dated on or before as_of, oldest first."""
    return committee.updates[: bisect_right(_update_dates(committee), as_of)]


@lru_cache(maxsize=512)
def latest_updates(committee: Committee, as_of: date) -> dict[str, Update]:
    """The latest update of each action as of a date (later rows supersede earlier ones)."""
    return {u.action: u for u in updates_until(committee, as_of)}


def status_of(committee: Committee, as_of: date) -> dict[str, str]:
    """The status of every action as of a date; 'not_started' when it has no update."""
    latest = latest_updates(committee, as_of)
    return {a.id: (latest[a.id].status if a.id in latest else "not_started") for a in committee.actions}


def is_open(status: str) -> bool:
    """Tell whether a status leaves the action open (not done, not dropped)."""
    return status not in CLOSED


@lru_cache(maxsize=512)
def measurements_until(committee: Committee, as_of: date) -> dict[str, dict[str, float]]:
    """KPI id -> {period: value} for periods up to as_of's month; a later row for the same key wins."""
    cutoff = period_of(as_of)
    out: dict[str, dict[str, float]] = {}
    m: Measurement
    for m in committee.measurements:
        if m.period <= cutoff:
            out.setdefault(m.kpi, {})[m.period] = m.value
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def month_index(launch: date, day: date) -> int:
    """Month k of the plan that day falls in: 1 from launch, 0 before it, 13+ after the 12th.

    Month k runs from launch + (k - 1) months to the day before launch + k
    months, so a horizon milestone's default due date is the last day of its
    month even for a launch on the 29th-31st.
    """
    if day < launch:
        return 0
    months = months_between(launch, day)
    if day < add_months(launch, months):
        months -= 1
    return months + 1
