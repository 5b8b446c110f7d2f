"""cxgov.dates: the one clock and the one copy of month arithmetic."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from cxgov import dates
from cxgov.dates import (
    FIRST_DATE,
    LAST_DATE,
    add_months,
    last_complete_month,
    month_end,
    month_start,
    month_starts,
    months_between,
    next_month_start,
    parse_as_of,
    parse_month,
    period_of,
    review_date,
    shift_period,
)
from cxgov.errors import CxgovError
from cxgov.workspace.load_plan import default_due

PACKAGE = Path(__file__).resolve().parents[1] / "cxgov"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # the day is kept within the shorter month
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # December -> January
        (date(2027, 1, 15), -1, date(2026, 12, 15)),  # and back
        (date(2026, 5, 31), 12, date(2027, 5, 31)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
        (FIRST_DATE, -1, date(1899, 12, 1)),
        (LAST_DATE, 12, date(2200, 12, 31)),  # the supported range's end + a 12-month horizon stays in Python's
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_months_between_ignores_days_and_crosses_years() -> None:
    assert months_between(date(2026, 1, 31), date(2026, 2, 1)) == 1
    assert months_between(date(2026, 12, 1), date(2027, 1, 31)) == 1
    assert months_between(date(2027, 1, 1), date(2026, 12, 31)) == -1
    assert months_between(FIRST_DATE, LAST_DATE) == 300 * 12 - 1


def test_month_start_next_month_start_and_period() -> None:
    assert month_start(date(2026, 2, 28)) == date(2026, 2, 1)
    assert next_month_start(date(2026, 1, 31)) == date(2026, 2, 1)
    assert next_month_start(date(2026, 12, 31)) == date(2027, 1, 1)
    assert next_month_start(LAST_DATE) == date(2200, 1, 1)
    assert period_of(date(2026, 3, 9)) == "2026-03"
    assert period_of(FIRST_DATE) == "1900-01"


def test_shift_period_crosses_years_both_ways() -> None:
    assert shift_period("2026-01", -1) == "2025-12"
    assert shift_period("2025-12", 1) == "2026-01"
    assert shift_period("1900-01", -3) == "1899-10"
    assert shift_period("2199-12", 3) == "2200-03"


def test_month_starts_lists_every_month_to_the_end_and_stops_at_the_last_month_there_is() -> None:
    assert month_starts(date(2026, 11, 20), date(2027, 2, 1)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert month_starts(date(2026, 11, 20), date(2026, 10, 31)) == []
    assert month_starts(date(9999, 11, 5), date.max) == [date(9999, 11, 1), date(9999, 12, 1)]


def test_month_end_and_review_date() -> None:
    assert month_end("2028-02") == date(2028, 2, 29)
    assert month_end("2026-12") == date(2026, 12, 31)
    assert month_end("2199-12") == LAST_DATE
    assert review_date("2026-11", date(2027, 1, 5)) == date(2026, 11, 30)
    assert review_date("2026-11", date(2026, 11, 12)) == date(2026, 11, 12)  # the month in progress
    assert review_date("", date(2026, 11, 12)) == date(2026, 10, 31)  # '': the last complete month
    assert last_complete_month(date(2026, 1, 3)) == "2025-12"


def test_default_due_is_launch_plus_the_horizon_less_a_day() -> None:
    assert default_due(date(2026, 7, 1), 3) == date(2026, 9, 30)
    assert default_due(date(2026, 1, 31), 1) == date(2026, 2, 27)
    assert default_due(date(2026, 11, 1), 12) == date(2027, 10, 31)
    assert default_due(LAST_DATE, 12) == date(2200, 12, 30)


@pytest.mark.parametrize("month", ["1899-12", "2200-01"])
def test_months_outside_the_range_are_refused_naming_the_flag(month: str) -> None:
    with pytest.raises(CxgovError, match=r"^--month: expected a month between 1900-01 and 2199-12"):
        parse_month(month)
    with pytest.raises(CxgovError, match=r"^--since: "):
        month_end(month, flag="--since")


def test_dates_outside_the_range_are_refused_naming_the_flag() -> None:
    assert parse_as_of("1900-01-01") == FIRST_DATE
    assert parse_as_of("2199-12-31") == LAST_DATE
    with pytest.raises(CxgovError, match=r"^--launch: expected a date between 1900-01-01 and 2199-12-31"):
        parse_as_of("2200-01-01", flag="--launch")
    with pytest.raises(CxgovError, match=r"^--launch: expected a date YYYY-MM-DD"):
        parse_as_of("2026-02-30", flag="--launch")
    with pytest.raises(CxgovError, match=r"^--as-of: "):
        parse_as_of("1899-12-31")


def test_no_date_means_today_from_the_one_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_as_of(None, today=date(2026, 3, 4)) == date(2026, 3, 4)
    monkeypatch.setattr(dates, "_today", lambda: date(2030, 1, 2))
    assert parse_as_of(None) == date(2030, 1, 2)
    assert abs(dates.today() - date.today()) <= timedelta(days=1)


def test_only_cxgov_dates_reads_the_clock() -> None:
    clock = re.compile(r"\b(?:date|datetime)\.(?:today|now|utcnow)\b|\btime\.(?:time|localtime|gmtime)\(")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "dates.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if clock.search(line):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert found == []
