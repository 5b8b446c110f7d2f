"""The as-of cut: status of actions, latest updates, measurements, plan months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pandas.testing import assert_frame_equal
from views_helpers import PROGRAMME, REVIEW, append, committee, copy_fixture, load, write

from cxgov.dates import add_months, shift_period
from cxgov.views import escalation, health, kpis, maturity, raci, roadmap, rollup
from cxgov.views.history import (
    latest_updates,
    measurements_until,
    month_index,
    status_of,
    updates_until,
)
from cxgov.workspace.load_plan import default_due
from cxgov.workspace.model import MATURITY_TRAITS


@pytest.fixture(scope="module")
def care():
    return committee(PROGRAMME, "care")[1]


def test_status_is_the_latest_update_up_to_as_of(care):
    # care/updates.csv up to 2026-08-31: A1 done 08-10, A2 off_track 08-20, A3 at_risk 08-12,
    # A4 on_track 08-25, A5 and A7 have no row, A6 dropped 08-05.
    assert status_of(care, REVIEW) == {
        "A1": "done",
        "A2": "off_track",
        "A3": "at_risk",
        "A4": "on_track",
        "A5": "not_started",
        "A6": "dropped",
        "A7": "not_started",
    }


def test_rows_dated_after_as_of_are_ignored(care):
    # 2026-09-05 A3 done, 09-20 A2 on_track, 09-25 A4 at_risk only count from those dates on.
    assert status_of(care, date(2026, 9, 30))["A3"] == "done"
    assert status_of(care, date(2026, 9, 4))["A3"] == "at_risk"
    # The first row is dated 2026-07-10: the day before, nothing has started.
    assert set(status_of(care, date(2026, 7, 9)).values()) == {"not_started"}


def test_an_update_dated_on_as_of_counts(care):
    # A1 done on 2026-08-10: it is done as of that very day, on_track the day before.
    assert status_of(care, date(2026, 8, 10))["A1"] == "done"
    assert status_of(care, date(2026, 8, 9))["A1"] == "on_track"


def test_updates_until_keeps_rows_on_or_before_as_of(care):
    # 8 of the 11 rows are dated up to 2026-08-31 (the last is 08-25 A4).
    rows = updates_until(care, REVIEW)
    assert len(rows) == 8
    assert (rows[-1].date, rows[-1].action) == (date(2026, 8, 25), "A4")


def test_latest_updates_carry_the_note_and_author(care):
    latest = latest_updates(care, REVIEW)
    assert (latest["A2"].date, latest["A2"].status, latest["A2"].by, latest["A2"].note) == (
        date(2026, 8, 20),
        "off_track",
        "bo",
        "Needs product time",
    )
    assert "A5" not in latest


def test_latest_row_by_date_wins_and_file_order_breaks_ties(tmp_path):
    ws_path = copy_fixture("programme", tmp_path)
    write(
        ws_path,
        "care/updates.csv",
        """
        date,action,status,by,note
        2026-08-10,A1,done,bo,written first but dated later
        2026-08-05,A1,at_risk,bo,written second but dated earlier
        2026-08-12,A3,on_track,dee,same day and first row
        2026-08-12,A3,at_risk,dee,same day and second row
        """,
    )
    c = load(ws_path).committee["care"]
    status = status_of(c, REVIEW)
    assert status["A1"] == "done"  # 08-10 is later than 08-05, whatever the file order
    assert status["A3"] == "at_risk"  # two rows on 08-12: the later row in the file wins


def test_measurements_apply_corrections_and_cut_at_as_of_month(care):
    values = measurements_until(care, REVIEW)
    # frt 2026-08 was recorded as 2.5 and corrected to 1.8 by a later row: the last row wins.
    assert values["frt"] == {"2026-05": 5.0, "2026-06": 4.0, "2026-07": 3.0, "2026-08": 1.8}
    # csat 2026-09 is after the month of 2026-08-31, so it is left out.
    assert values["csat"] == {"2026-05": 70.0, "2026-06": 72.0, "2026-07": 74.0, "2026-08": 81.0}
    assert values["fcr"] == {"2026-07": 60.0, "2026-08": 65.0}
    assert "nps" not in values


def test_a_measurement_counts_from_the_first_day_of_its_month(care):
    # period 2026-09 <= month of 2026-09-01
    assert measurements_until(care, date(2026, 9, 1))["csat"]["2026-09"] == 83.0
    assert "2026-09" not in measurements_until(care, date(2026, 8, 31))["csat"]


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (date(2026, 1, 14), 0),  # before launch 2026-01-15
        (date(2026, 1, 15), 1),  # launch day
        (date(2026, 2, 14), 1),  # the day before launch + 1 month
        (date(2026, 2, 15), 2),  # launch + 1 month
        (date(2026, 3, 14), 2),  # launch 2026-01-15, as_of 2026-03-14 -> month 2
        (date(2026, 12, 31), 12),  # launch + 11 months 16 days
        (date(2027, 1, 14), 12),  # last day of the plan
        (date(2027, 1, 15), 13),  # plan over
    ],
)
def test_month_index_counts_plan_months_from_launch(day, month):
    assert month_index(date(2026, 1, 15), day) == month


def test_month_index_at_a_launch_on_the_31st_follows_short_months():
    launch = date(2026, 1, 31)
    # launch + 1 month is 2026-02-28 (February has no 31st): month 2 starts there.
    assert month_index(launch, date(2026, 2, 27)) == 1
    assert month_index(launch, date(2026, 2, 28)) == 2
    # the 3-month milestone defaults to 2026-04-30 - 1 day = 2026-04-29, the last day of month 3
    assert month_index(launch, date(2026, 4, 29)) == 3
    assert month_index(launch, date(2026, 4, 30)) == 4


@pytest.mark.parametrize("launch", [date(2026, 1, 1), date(2026, 1, 15), date(2026, 1, 29), date(2026, 8, 31)])
@pytest.mark.parametrize("horizon", [3, 6, 12])
def test_a_milestone_default_due_date_is_the_last_day_of_its_month(launch, horizon):
    due = default_due(launch, horizon)
    assert month_index(launch, due) == horizon
    assert month_index(launch, due + timedelta(days=1)) == horizon + 1


def test_add_months_keeps_the_day_within_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_shift_period_crosses_years():
    assert shift_period("2026-01", -3) == "2025-10"
    assert shift_period("2026-11", 3) == "2027-02"
    assert shift_period("2026-08", 0) == "2026-08"


def _views(ws, as_of):
    """Every view of the programme fixture for one date, as DataFrames."""
    care, growth = ws.committee["care"], ws.committee["growth"]
    return {
        "rollup": rollup.rollup(ws, as_of),
        "kpis care": kpis.table(ws, care, as_of),
        "kpis growth": kpis.table(ws, growth, as_of),
        "kpi series care": kpis.series(care, as_of),
        "milestones care": roadmap.milestone_progress(care, as_of),
        "milestones growth": roadmap.milestone_progress(growth, as_of),
        "actions care": roadmap.actions(care, as_of, ws.org),
        "escalations": escalation.escalations(ws, as_of),
        "health care": health.table(ws, care, as_of),
        "health growth": health.table(ws, growth, as_of),
        "workload": raci.workload(ws, as_of),
        "maturity care": maturity.assessments(care, as_of),
    }


def _add_september_rows(ws_path):
    append(ws_path, "care/updates.csv", "2026-09-01,A5,on_track,carl,", "2026-09-02,A7,done,eva,")
    append(ws_path, "growth/updates.csv", "2026-09-03,G2,done,eva,")
    append(ws_path, "care/measurements.csv", "fcr,2026-09,75,", "nps,2026-09,40,")
    append(ws_path, "growth/measurements.csv", "retention,2026-09,95,")
    append(ws_path, "signals.csv", "2026-09-05,S9,survey,The new article helped,activation-help,cx,care,A7")
    append(
        ws_path,
        "growth/meetings.yaml",
        "  - date: 2026-09-10",
        "    attendees: [dee, finn, eva]",
        "    decisions: [{text: Close the save desk project, actions: [G2]}]",
    )
    append(
        ws_path,
        "care/maturity.yaml",
        "  - date: 2026-09-29",
        *(f"    {trait}: true" for trait in MATURITY_TRAITS),
    )


def test_views_for_2026_08_31_are_unchanged_by_rows_dated_later(tmp_path):
    ws_path = copy_fixture("programme", tmp_path)
    before = _views(load(ws_path), REVIEW)
    _add_september_rows(ws_path)
    patched = load(ws_path)
    assert patched.problems == ()
    after = _views(patched, REVIEW)
    for name, frame in before.items():
        assert_frame_equal(after[name], frame, obj=name)


def test_the_rows_added_later_do_change_a_later_review(tmp_path):
    # Guards the test above: the appended rows load and matter from September on.
    ws_path = copy_fixture("programme", tmp_path)
    original = _views(load(ws_path), date(2026, 9, 30))
    _add_september_rows(ws_path)
    later = _views(load(ws_path), date(2026, 9, 30))
    for name in (
        "rollup",
        "kpis care",
        "kpis growth",
        "milestones care",
        "escalations",
        "health care",
        "maturity care",
    ):
        with pytest.raises(AssertionError):
            assert_frame_equal(later[name], original[name])
    # the September signal S9 makes A7 evidenced: 5 of 7 care actions (A1, A2, A4, A5, A7) from 4 of 7
    assert "5 of 7" in later["health care"].set_index("rule").loc["H7", "reason"]
