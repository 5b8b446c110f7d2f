"""Dates given on the command line or in widgets: parse strictly, default to today."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from cxgov.errors import CxgovError

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def parse_as_of(text: str | None, today: date | None = None) -> date:
    """Parse --as-of YYYY-MM-DD; None means today (the only place the clock is read)."""
    if text is None:
        return today or date.today()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise CxgovError(f"--as-of: expected a date YYYY-MM-DD, found '{text}'") from None


def review_date(month: str, today: date) -> date:
    """A month is reviewed as of its last day; the month in progress as of today."""
    return min(month_end(month or f"{today:%Y-%m}"), today)


def month_end(month: str) -> date:
    """The last day of a YYYY-MM month: the as-of date of that month's review."""
    found = _MONTH.fullmatch(month)
    if not found:
        raise CxgovError(f"--month: expected a month YYYY-MM, found '{month}'")
    year, mon = int(found[1]), int(found[2])
    return date(year, mon, calendar.monthrange(year, mon)[1])


def shift(day: date, days: int) -> date:
    """day moved by a number of days, kept within 0001-01-01..9999-12-31 instead of overflowing.

    A window such as "the last 31 days" or "due within 14 days" simply ends
    at the first or last date there is.
    """
    return day + timedelta(days=max(min(days, (date.max - day).days), (date.min - day).days))
