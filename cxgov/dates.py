"""Dates: the clock, parsing dates given on the command line or in widgets, and month arithmetic.

``today()`` is the only place cxgov reads the clock; everything else calls it
or is given a date. Month arithmetic (a date plus whole months, the months
between two dates, a YYYY-MM period moved by months) is defined here once.

The supported range of every date cxgov reads (workspace files, --as-of,
--month, --launch, editor forms) is FIRST_DATE..LAST_DATE. It is checked once,
where a date enters, so that views can add months and days to any date they
are given (a 12-month milestone, a 90-day window) without overflowing
Python's 0001-01-01..9999-12-31.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from cxgov.errors import CxgovError

# A governance plan of this century or the next; wide enough for any real
# history, narrow enough that launch + 12 months or as-of +/- a few years never leaves Python's range.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)
FIRST_MONTH = f"{FIRST_DATE:%Y-%m}"
LAST_MONTH = f"{LAST_DATE:%Y-%m}"
# The "expected ..." text of a date outside the range, the same in every message.
DATE_RANGE = f"a date between {FIRST_DATE} and {LAST_DATE}"
MONTH_RANGE = f"a month between {FIRST_MONTH} and {LAST_MONTH}"

# ASCII digits only: int() and re's \d also take Arabic-Indic or full-width digits.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])", re.ASCII)


def today() -> date:
    """Today's date: with now(), the only place cxgov reads the clock."""
    return date.today()


def now() -> datetime:
    """The time now, with this machine's time zone (for audit timestamps); the clock's other reader."""
    return datetime.now().astimezone()


_today = today  # for functions whose argument named today shadows it


def in_range(day: date) -> bool:
    """Whether day is within the supported FIRST_DATE..LAST_DATE."""
    return FIRST_DATE <= day <= LAST_DATE


def parse_day(text: str) -> date | None:
    """A strict ISO YYYY-MM-DD date of ASCII digits that exists, or None (the range is not checked)."""
    if _DAY.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_as_of(text: str | None, today: date | None = None, flag: str = "--as-of") -> date:
    """Parse a YYYY-MM-DD argument within the supported range; None means today (the only place the clock is read).

    flag names the argument in the message (--as-of, --launch).
    """
    if text is None:
        return today or _today()
    day = parse_day(text)
    if day is None:
        raise CxgovError(f"{flag}: expected a date YYYY-MM-DD, found {_quoted(text)}")
    if not in_range(day):
        raise CxgovError(f"{flag}: expected {DATE_RANGE}, found '{text}'")
    return day


def parse_month(text: str, flag: str = "--month") -> tuple[int, int]:
    """Parse a YYYY-MM argument within the supported range into (year, month)."""
    found = _MONTH.fullmatch(text)
    if not found:
        raise CxgovError(f"{flag}: expected a month YYYY-MM, found {_quoted(text)}")
    if not FIRST_MONTH <= text <= LAST_MONTH:
        raise CxgovError(f"{flag}: expected {MONTH_RANGE}, found '{text}'")
    return int(found[1]), int(found[2])


def review_date(month: str, today: date) -> date:
    """A month is reviewed as of its last day; the month in progress as of today; '': the last complete month."""
    return min(month_end(month or last_complete_month(today)), today)


def last_complete_month(today: date) -> str:
    """The month a review defaults to: the last one that has ended (on 2 December 2026, 2026-11)."""
    return shift_period(period_of(today), -1)


def month_end(month: str, flag: str = "--month") -> date:
    """The last day of a YYYY-MM month: the as-of date of that month's review.

    flag names the argument in the message when month is not a supported month.
    """
    year, mon = parse_month(month, flag)
    return date(year, mon, _days_in(year, mon))


# --- month arithmetic: the one copy -------------------------------------------------------


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _number(year: int, month: int) -> int:
    """Months since year 0: consecutive months have consecutive numbers."""
    return year * 12 + month - 1


def period_of(day: date) -> str:
    """The YYYY-MM period a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def month_start(day: date) -> date:
    """The first day of day's month."""
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """Move a date by whole months, keeping the day within the month (2026-01-31 + 1 -> 2026-02-28)."""
    year, month = divmod(_number(day.year, day.month) + months, 12)
    return date(year, month + 1, min(day.day, _days_in(year, month + 1)))


def next_month_start(day: date) -> date:
    """The first day of the month after day's (2026-12-15 -> 2027-01-01)."""
    return add_months(month_start(day), 1)


def months_between(start: date, end: date) -> int:
    """Calendar months from start's month to end's month, days ignored (2026-01-31 -> 2026-02-01 is 1)."""
    return _number(end.year, end.month) - _number(start.year, start.month)


def shift_period(period: str, months: int) -> str:
    """Move a YYYY-MM period by a number of months."""
    year, month = divmod(_number(int(period[:4]), int(period[5:7])) + months, 12)
    return f"{year:04d}-{month + 1:02d}"


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from start's month until end, ending at the last month there is."""
    first = month_start(start)
    out = []
    while first <= end:
        out.append(first)
        if (first.year, first.month) == (date.max.year, date.max.month):
            break  # there is no later month
        first = next_month_start(first)
    return out


def shift(day: date, days: int) -> date:
    """day moved by a number of days, kept within 0001-01-01..9999-12-31 instead of overflowing.

    A window such as "the last 31 days" or "due within 14 days" simply ends
    at the first or last date there is.
    """
    return day + timedelta(days=max(min(days, (date.max - day).days), (date.min - day).days))


def _quoted(text: str) -> str:
    """A user's argument in a message: quoted, long ones shortened, control characters made visible."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return repr(shown) if not shown.isprintable() else f"'{shown}'"
