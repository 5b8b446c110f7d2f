"""Check-in view: a person's open actions across committees, most urgent first, and the KPIs they own."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from checkin_helpers import TODAY, chair_week
from views_helpers import append, load

from cxgov.views.checkin import ACTION_COLUMNS, KPI_COLUMNS, actions, kpis


def test_a_persons_open_actions_come_most_urgent_first_with_their_role_and_latest_update(tmp_path: Path) -> None:
    ws = load(chair_week(tmp_path / "ws"))
    got = actions(ws, "ana", TODAY)
    assert list(got.columns) == ACTION_COLUMNS
    assert got[["action", "role", "urgency", "days_overdue", "days_left"]].values.tolist() == [
        ["A4", "Accountable", "overdue", 54, 0],
        ["A5", "Responsible", "due soon", 0, 8],
        ["A6", "Accountable", "at risk", 0, 38],
        ["A7", "Responsible", "open", 0, 22],
        ["A3", "Accountable", "open", 0, 189],
    ]
    a6 = got[got.action == "A6"].iloc[0]
    assert (a6.status, a6.updated, a6.updated_by, a6.note) == (
        "at_risk",
        date(2026, 11, 10),
        "eli",
        "Waiting for the data team",
    )
    a4 = got[got.action == "A4"].iloc[0]
    assert (a4.status, a4.updated, a4.note, a4.committee_name) == ("not_started", None, "", "CX Steering Committee")


def test_done_actions_and_other_peoples_actions_are_left_out(tmp_path: Path) -> None:
    ws = load(chair_week(tmp_path / "ws"))
    assert "A1" not in set(actions(ws, "ana", TODAY).action)  # Ana is accountable, but it is done
    assert actions(ws, "bo", TODAY).action.tolist() == ["A2", "A5", "A7"]  # due soon first, then by due date
    assert actions(ws, "nobody", TODAY).empty


def test_the_check_in_is_as_of_its_date(tmp_path: Path) -> None:
    ws = load(append(chair_week(tmp_path / "ws"), "cx/updates.csv", "2026-11-24,A4,done,ana,Signed off"))
    assert "A4" in set(actions(ws, "ana", TODAY).action)  # done the day after
    assert "A4" not in set(actions(ws, "ana", date(2026, 11, 24)).action)
    before = actions(ws, "ana", date(2026, 11, 9))
    assert before[before.action == "A6"].urgency.tolist() == ["open"]  # at risk only from 2026-11-10


def test_the_kpis_a_person_owns_with_target_last_value_and_the_months_value(tmp_path: Path) -> None:
    ws = load(chair_week(tmp_path / "ws"))
    got = kpis(ws, "ana", TODAY, "2026-08")
    assert list(got.columns) == KPI_COLUMNS
    assert got[["kpi", "target", "latest", "period", "month_value"]].values.tolist() == [
        ["frt", 1.0, 3.1, "2026-08", 3.1],
        ["csat", 85.0, 78.0, "2026-08", 78.0],
    ]
    october = kpis(ws, "ana", TODAY, "2026-10")
    assert all(v is None or math.isnan(v) for v in october.month_value)  # nothing to correct in October
    assert kpis(ws, "bo", TODAY).empty  # frt moved to Ana
