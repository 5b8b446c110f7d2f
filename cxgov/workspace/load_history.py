"""Load and validate the append-only histories: updates.csv and measurements.csv."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from cxgov.dates import FIRST_MONTH, LAST_MONTH, MONTH_RANGE
from cxgov.errors import show
from cxgov.workspace.csvfile import read_rows
from cxgov.workspace.fields import NUMBER_TEXT, Ctx, check_number, date_expected, parse_date
from cxgov.workspace.model import STATUSES, Measurement, Update

UPDATE_COLUMNS = ("date", "action", "status", "by", "note")
MEASUREMENT_COLUMNS = ("kpi", "period", "value", "note")
PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_STATUS_RULE = "one of " + ", ".join(STATUSES)


def _show(value: str) -> str:
    return "nothing" if value == "" else show(value)


def read_updates(path: Path, ctx: Ctx, action_ids: Collection[str] | None, people: Collection[str]) -> list[Update]:
    """Validate updates.csv into updates sorted by date (file order breaks ties).

    action_ids is None when plan.yaml could not be read: actions are then not checked.
    """
    out: list[Update] = []
    statuses = frozenset(STATUSES)
    add = ctx.add
    for line, (day, action, status, by, note) in read_rows(path, ctx, UPDATE_COLUMNS):
        when = parse_date(day)
        ok = True
        if when is None:
            add(line, None, "date", date_expected(day), _show(day), blocking=False)
            ok = False
        if action_ids is not None and action not in action_ids:
            add(line, None, "action", "an action id from plan.yaml", _show(action), blocking=False)
            ok = False
        if status not in statuses:
            add(line, None, "status", _STATUS_RULE, _show(status), blocking=False)
            ok = False
        if by not in people:
            add(line, None, "by", "a person id from org.yaml", _show(by), blocking=False)
            ok = False
        if ok:
            out.append(Update(when, action, status, by, note, line))  # type: ignore[arg-type]
    out.sort(key=lambda u: u.date)
    return out


def read_measurements(path: Path, ctx: Ctx, kpi_ids: Collection[str] | None) -> list[Measurement]:
    """Validate measurements.csv into measurements in file order."""
    out: list[Measurement] = []
    add = ctx.add
    for line, (kpi, period, text, note) in read_rows(path, ctx, MEASUREMENT_COLUMNS):
        ok = True
        if kpi_ids is not None and kpi not in kpi_ids:
            add(line, None, "kpi", "a KPI id from kpis.yaml", _show(kpi), blocking=False)
            ok = False
        if PERIOD.fullmatch(period) is None:
            add(line, None, "period", "a month YYYY-MM", _show(period), blocking=False)
            ok = False
        elif not FIRST_MONTH <= period <= LAST_MONTH:
            add(line, None, "period", MONTH_RANGE, _show(period), blocking=False)
            ok = False
        value, expected = _number(text)
        if value is None:
            add(line, None, "value", expected, _show(text), blocking=False)
            ok = False
        if ok and value is not None:
            out.append(Measurement(kpi, period, value, note, line))
    return out


def _number(text: str) -> tuple[float | None, str]:
    """A CSV value by the workspace's one number rule (cxgov.workspace.fields.check_number).

    float() alone would also take 'nan', 'inf', 'Infinity', '1_000' and non-ASCII digits.
    """
    if NUMBER_TEXT.fullmatch(text.strip()) is None:
        return None, "a number"
    return check_number(float(text))
