"""'We are here': plan month, next milestone, actions table, milestone progress, counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.views.roadmap import actions, counts, milestone_progress, milestone_standing, position


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


def test_position_of_a_committee_two_months_in(ws):
    pos = position(ws.committee["care"], REVIEW)
    # launch 2026-07-01, as_of 2026-08-31 -> month 2 (2026-08-01..2026-08-31)
    assert pos.plan_month == 2
    assert pos.label == "month 2 of 12"
    # 3-month milestone defaults to 2026-07-01 + 3 months - 1 day = 2026-09-30: 30 days after 08-31
    assert pos.next_milestone is not None
    assert (pos.next_milestone.horizon, pos.next_milestone.due) == (3, date(2026, 9, 30))
    assert pos.days_to_next == 30


def test_position_of_a_committee_launched_mid_month(ws):
    pos = position(ws.committee["growth"], REVIEW)
    # launch 2026-03-15: month 6 runs 2026-08-15..2026-09-14, so 2026-08-31 is month 6
    assert pos.plan_month == 6
    # the 3-month milestone (2026-06-14) is past; the 6-month one is 2026-09-14, 14 days on
    assert pos.next_milestone is not None
    assert (pos.next_milestone.horizon, pos.next_milestone.due, pos.days_to_next) == (6, date(2026, 9, 14), 14)


def test_on_a_milestone_due_date_that_milestone_is_next_with_zero_days(ws):
    care = ws.committee["care"]
    on_day = position(care, date(2026, 9, 30))
    assert on_day.next_milestone is not None
    assert (on_day.plan_month, on_day.next_milestone.horizon, on_day.days_to_next) == (3, 3, 0)
    after = position(care, date(2026, 10, 1))
    # the day after the 3-month milestone is month 4; the 6-month one (2026-12-31) is 30+30+31 = 91 days on
    assert after.next_milestone is not None
    assert (after.plan_month, after.next_milestone.horizon, after.days_to_next) == (4, 6, 91)


def test_position_before_launch_and_after_the_plan(ws):
    care = ws.committee["care"]
    before = position(care, date(2026, 6, 30))
    assert before.next_milestone is not None
    # 2026-06-30 -> 2026-09-30 is 31 + 31 + 30 = 92 days
    assert (before.plan_month, before.label, before.next_milestone.horizon, before.days_to_next) == (
        0,
        "not launched yet",
        3,
        92,
    )
    # the 12-month milestone is 2027-06-30; 2027-07-01 is month 13, nothing is next
    after = position(care, date(2027, 7, 1))
    assert (after.plan_month, after.label, after.next_milestone, after.days_to_next) == (
        13,
        "plan complete (month 13)",
        None,
        None,
    )


def test_actions_table_shows_status_lateness_and_raci_names(ws):
    table = actions(ws.committee["care"], REVIEW, ws.org).set_index("action")
    assert list(table.index) == ["A1", "A2", "A3", "A4", "A5", "A6", "A7"]
    # A2 due 2026-08-28, off_track: 3 days overdue
    a2 = table.loc["A2"]
    assert (a2["status"], a2["overdue"], a2["days_overdue"], a2["due_soon"]) == ("off_track", True, 3, False)
    assert (a2["last_update"], a2["note"]) == (date(2026, 8, 20), "Needs product time")
    assert (a2["responsible"], a2["accountable"]) == ("Bo Lind, Dee Park", "Carl Chair")
    assert (a2["responsible_ids"], a2["accountable_id"]) == (("bo", "dee"), "carl")
    # A3 due 2026-09-14 = as_of + 14 days: due soon; A7 due 09-15 = + 15 days: not yet
    assert (table.loc["A3", "due_soon"], table.loc["A7", "due_soon"]) == (True, False)
    # A1 (done, due 08-15) and A6 (dropped, due 08-20) are past due but closed: not overdue
    assert not table.loc["A1", "overdue"] and not table.loc["A6", "overdue"]
    # A5 has no update at all
    assert (table.loc["A5", "status"], table.loc["A5", "last_update"], table.loc["A5", "note"]) == (
        "not_started",
        None,
        "",
    )
    assert table.loc["A1", "kpis"] == "frt"
    assert table.loc["A3", "evidence"] == ""


def test_milestone_progress_counts_and_shares_by_status(ws):
    got = milestone_progress(ws.committee["care"], REVIEW)
    zero = {"not_started": 0, "on_track": 0, "at_risk": 0, "off_track": 0, "done": 0, "dropped": 0}
    rows = [
        # 3 months: A1 done, A2 off_track (overdue), A3 at_risk, A6 dropped, A7 not_started -> 1/5 each
        {"horizon": 3, "goal": "Journey agreed and first fixes shipped", "due": date(2026, 9, 30), "total": 5,
         **zero, "not_started": 1, "at_risk": 1, "off_track": 1, "done": 1, "dropped": 1, "overdue": 1,
         "share_not_started": 0.2, "share_on_track": 0.0, "share_at_risk": 0.2, "share_off_track": 0.2,
         "share_done": 0.2, "share_dropped": 0.2, "days_to_due": 30},
        # 6 months: A4 on_track; 2026-08-31 -> 2026-12-31 is 30 + 31 + 30 + 31 = 122 days
        {"horizon": 6, "goal": "Shared KPIs reviewed monthly", "due": date(2026, 12, 31), "total": 1,
         **zero, "on_track": 1, "overdue": 0,
         "share_not_started": 0.0, "share_on_track": 1.0, "share_at_risk": 0.0, "share_off_track": 0.0,
         "share_done": 0.0, "share_dropped": 0.0, "days_to_due": 122},
        # 12 months: A5 not_started; 122 days to 2026-12-31 + 181 (Jan..Jun 2027) = 303
        {"horizon": 12, "goal": "Repeat contacts halved", "due": date(2027, 6, 30), "total": 1,
         **zero, "not_started": 1, "overdue": 0,
         "share_not_started": 1.0, "share_on_track": 0.0, "share_at_risk": 0.0, "share_off_track": 0.0,
         "share_done": 0.0, "share_dropped": 0.0, "days_to_due": 303},
    ]  # fmt: skip
    assert_frame_equal(got, pd.DataFrame(rows)[list(got.columns)], check_dtype=False)


def test_milestone_progress_follows_as_of(ws):
    # 2026-09-30: A3 done (09-05), A2 on_track (09-20), A7 due 09-15 never updated -> overdue with A2
    got = milestone_progress(ws.committee["care"], date(2026, 9, 30)).set_index("horizon")
    three = got.loc[3]
    assert (three["done"], three["on_track"], three["at_risk"], three["off_track"]) == (2, 1, 0, 0)
    assert (three["not_started"], three["dropped"], three["overdue"]) == (1, 1, 2)
    assert three["share_done"] == pytest.approx(2 / 5)
    assert got.loc[6, "at_risk"] == 1  # A4 at_risk from 09-25


def test_milestone_standing_counts_each_action_once_an_overdue_one_only_as_overdue(ws):
    # 2026-09-30 (as above): 3 months: A1 A3 done, A6 dropped; A2 (due 08-28, on_track) and A7 (due 09-15,
    # not_started) are overdue, so neither counts as on track or not started. 6 months: A4 at_risk.
    # 12 months: A5 not_started (due 2027-06-01).
    got = milestone_standing(ws.committee["care"], date(2026, 9, 30)).set_index("horizon")
    standings = ["done", "on_track", "at_risk", "off_track", "not_started", "overdue", "dropped"]
    assert got[["total", *standings]].to_dict("index") == {
        3: {"total": 5, "done": 2, "on_track": 0, "at_risk": 0, "off_track": 0, "not_started": 0, "overdue": 2,
            "dropped": 1},
        6: {"total": 1, "done": 0, "on_track": 0, "at_risk": 1, "off_track": 0, "not_started": 0, "overdue": 0,
            "dropped": 0},
        12: {"total": 1, "done": 0, "on_track": 0, "at_risk": 0, "off_track": 0, "not_started": 1, "overdue": 0,
             "dropped": 0},
    }  # fmt: skip
    assert (got[standings].sum(axis=1) == got["total"]).all()
    assert got.loc[3, "done_share"] == pytest.approx(2 / 5)
    assert got.loc[3, "goal"] == "Journey agreed and first fixes shipped"


def test_counts_per_committee(ws):
    # care: done A1; dropped A6; open A2 A3 A4 A5 A7; overdue A2; at risk A2 (off_track) + A3 (at_risk)
    assert counts(ws.committee["care"], REVIEW) == {
        "actions_total": 7,
        "done": 1,
        "open": 5,
        "overdue": 1,
        "at_risk": 2,
        "dropped": 1,
    }
    # growth: G1 done; G2 on_track but due 2026-08-01, so overdue; G3 on_track
    assert counts(ws.committee["growth"], REVIEW) == {
        "actions_total": 3,
        "done": 1,
        "open": 2,
        "overdue": 1,
        "at_risk": 0,
        "dropped": 0,
    }


def test_the_position_label_speaks_the_pages_language(ws):
    from cxgov.i18n.current import speaking

    care = ws.committee["care"]  # launched 2026-07-01: 31 Aug is month 2
    with speaking("pl", "pl"):
        assert position(care, REVIEW).label == "miesiąc 2 z 12"
        assert position(care, date(2027, 7, 1)).label == "plan zakończony (miesiąc 13)"
    with speaking("zh_Hans", "zh_Hans"):
        assert position(care, date(2026, 6, 30)).label == "尚未启动"
        assert position(care, REVIEW).label == "第 2 个月（共 12 个月）"
    assert position(care, REVIEW).label == "month 2 of 12"
