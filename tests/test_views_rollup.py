"""Organisation roll-up: one row per committee."""

from __future__ import annotations

from datetime import date

import pytest
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.views.rollup import rollup, rows

# Hand-computed for 2026-08-31 (see the other view tests for each number's arithmetic).
CARE = {
    "committee": "care",
    "name": "Customer Care Council",
    "plan_month": 2,  # launch 2026-07-01
    "next_milestone": 3,  # due 2026-09-30
    "days_to_next": 30,
    "actions_total": 7,
    "done": 1,  # A1
    "open": 5,  # A2 A3 A4 A5 A7
    "overdue": 1,  # A2, due 2026-08-28
    "at_risk": 2,  # A2 off_track, A3 at_risk
    "dropped": 1,  # A6
    "replanned": 0,  # no changes.csv
    "slipped": 0,
    "progress": 0.1667,  # 1 done / (7 - 1 dropped)
    "kpis_on_target": 2,  # csat 81 >= 80, frt 1.8 <= 2
    "kpis_total": 4,
    "kpis_judged": 3,  # nps has no value
    "kpi_attainment": 0.75,  # (1 + 2) / (1 + 2 + 1)
    "kpis_improving": 2,  # csat 81 (08) vs 70 (05), frt 1.8 vs 5.0 (down): both better
    "kpis_worsening": 0,  # fcr and nps have no value three months before their latest
    "maturity_level": "Riser",  # 5 of 7 on 2026-08-20
    "maturity_score": 5,
    "maturity_trend": "up",  # 3 -> 5
    "health": {
        "H1": "fail",  # A5 and A7 never updated, 61 days after launch
        "H2": "pass",  # agreed 2026-07-20, deadline 2026-09-29
        "H3": "pass",
        "H4": "pass",  # csat <- frt, fcr, growth/churn-calls; nps <- fcr
        "H5": "pass",  # erin attended 2026-08-04
        "H6": "pass",  # 2026-07-02, 2026-08-04: 33 days apart; 27 days since
        "H7": "fail",  # A1, A2 evidence + A4 answers S1 (08-10): 3 of 7; S3 (09-10) is later
    },
}
GROWTH = {
    "committee": "growth",
    "name": "Growth and Retention Board",
    "plan_month": 6,  # launch 2026-03-15: month 6 is 2026-08-15..09-14
    "next_milestone": 6,  # due 2026-09-14
    "days_to_next": 14,
    "actions_total": 3,
    "done": 1,  # G1
    "open": 2,
    "overdue": 1,  # G2, due 2026-08-01
    "at_risk": 0,
    "dropped": 0,
    "replanned": 0,
    "slipped": 0,
    "progress": 0.3333,  # 1 / 3
    "kpis_on_target": 1,  # churn-calls 95 <= 100; retention 88 < 90
    "kpis_total": 2,
    "kpis_judged": 2,
    "kpi_attainment": 0.5,
    "kpis_improving": 0,  # August values only
    "kpis_worsening": 0,
    "maturity_level": "Champion",  # 6 of 7 on 2026-07-01
    "maturity_score": 6,
    "maturity_trend": "down",  # 7 -> 6
    "health": {
        "H1": "pass",  # G2 updated 08-10, G3 08-30
        "H2": "fail",  # agreed 2026-07-20, after the deadline 2026-06-13 (launch + 90 days)
        "H3": "pass",
        "H4": "pass",
        "H5": "fail",  # finn last attended 2026-03-20, before 2026-06-02
        "H6": "pass",  # quarterly: at most 136.5 days; 90 days between meetings, 74 since
        "H7": "pass",  # G1 and G3: 2 of 3
    },
}


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


def test_rows_one_per_committee_computed_by_hand(ws):
    assert rows(ws, REVIEW) == [CARE, GROWTH]


def test_rollup_frame_has_one_column_per_health_rule(ws):
    frame = rollup(ws, REVIEW)
    assert frame["committee"].tolist() == ["care", "growth"]
    assert "health" not in frame.columns
    assert frame[["H1", "H2", "H5", "H7"]].values.tolist() == [
        ["fail", "pass", "pass", "fail"],
        ["pass", "fail", "fail", "pass"],
    ]
    assert frame["progress"].tolist() == [0.1667, 0.3333]


def test_rollup_follows_as_of(ws):
    later = {r["committee"]: r for r in rows(ws, date(2026, 9, 30))}
    care = later["care"]
    # 2026-09-30: A1 A3 done; A2 (08-28) and A7 (09-15) overdue; A4 at_risk; month 3; 3-month milestone today
    assert (care["plan_month"], care["next_milestone"], care["days_to_next"]) == (3, 3, 0)
    assert (care["done"], care["open"], care["overdue"], care["at_risk"]) == (2, 4, 2, 1)
    assert care["progress"] == round(2 / 6, 4)
    # csat 83 on, frt 1.8 on (no 09 row), fcr 65 off -> still 0.75; Champion after 2026-09-20
    assert (care["kpi_attainment"], care["maturity_level"]) == (0.75, "Champion")
    # S3 (2026-09-10) answers A5: 4 of 7 actions evidenced -> H7 passes
    assert care["health"]["H7"] == "pass"


def test_a_committee_before_launch(ws):
    growth = {r["committee"]: r for r in rows(ws, date(2026, 3, 1))}["growth"]
    # launch 2026-03-15: not launched; 2026-03-01 -> 2026-06-14 (3-month milestone) is 30 + 30 + 31 + 14 = 105 days
    assert (growth["plan_month"], growth["next_milestone"], growth["days_to_next"]) == (0, 3, 105)
    assert (growth["done"], growth["overdue"], growth["kpi_attainment"], growth["maturity_level"]) == (0, 0, None, None)
    assert growth["maturity_trend"] == ""


def test_re_planned_and_slipped_actions_are_counted(tmp_path):
    import shutil

    from editor_helpers import action_values
    from workspaces import MINIMAL

    from cxgov.editor.session import Session
    from cxgov.workspace.asof import workspace_as_of
    from cxgov.workspace.load import load_workspace

    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    s = Session(root)
    s.person = "bo"
    # minimal/cx: A4 due 2026-09-30, never updated: overdue on 5 October, re-dated then (slipped);
    # A3 due 2027-05-31 moved earlier on 6 October (re-planned, not overdue: not slipped).
    s.today = lambda: date(2026, 10, 5)
    a4 = s.committee("cx").action["A4"]
    s.save_action("cx", action_values(a4, horizon=6, due=date(2026, 10, 31), reason="late"), "A4")
    s.today = lambda: date(2026, 10, 6)
    a3 = s.committee("cx").action["A3"]
    s.save_action("cx", action_values(a3, due=date(2027, 4, 30), reason="sooner"), "A3")
    ws = load_workspace(root)

    def counted(day):
        [row] = rows(workspace_as_of(ws, day), day)
        return row["replanned"], row["slipped"]

    assert counted(date(2026, 10, 4)) == (0, 0)
    assert counted(date(2026, 10, 5)) == (1, 1)
    assert counted(date(2026, 10, 6)) == (2, 1)
