"""RACI: the people x actions matrix, workload per person, overload and other concerns."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from views_helpers import PROGRAMME, REVIEW, copy_fixture, delete, load, plan_yaml, write

from cxgov.views.raci import concerns, matrix, workload


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


def test_matrix_of_one_committee_has_one_letter_per_person_and_action(ws):
    got = matrix([ws.committee["care"]])
    # from care/plan.yaml: A1 R bo, A carl, C dee, I erin; A2 R bo dee, A carl; A3 R dee, A bo, C carl;
    # A4 R bo, A carl, I dee; A5 R carl, A erin; A6 R dee, A carl; A7 R eva, A carl
    expected = pd.DataFrame(
        {
            "A1": ["R", "A", "C", "I", ""],
            "A2": ["R", "A", "R", "", ""],
            "A3": ["A", "C", "R", "", ""],
            "A4": ["R", "A", "I", "", ""],
            "A5": ["", "R", "", "A", ""],
            "A6": ["", "A", "R", "", ""],
            "A7": ["", "A", "", "", "R"],
        },
        index=pd.Index(["bo", "carl", "dee", "erin", "eva"], name="person"),
    )
    assert_frame_equal(got, expected)


def test_matrix_across_the_organisation_prefixes_the_committee(ws):
    got = matrix(ws.committees, org_wide=True)
    assert list(got.columns) == [f"care/A{i}" for i in range(1, 8)] + ["growth/G1", "growth/G2", "growth/G3"]
    # finn only appears in growth (Accountable for G3)
    assert list(got.index) == ["bo", "carl", "dee", "erin", "eva", "finn"]
    assert got.loc["finn"].tolist() == [""] * 9 + ["A"]
    # eva: R on care/A7 and growth/G1, G2
    assert got.loc["eva"].tolist() == ["", "", "", "", "", "", "R", "R", "R", ""]
    assert (got.loc["dee", "growth/G3"], got.loc["dee", "growth/G1"]) == ("R", "A")


def test_workload_counts_open_actions_each_person_is_r_or_a_for(ws):
    got = workload(ws, REVIEW)
    # open on 2026-08-31: care A2 A3 A4 A5 A7, growth G2 G3 (A1, G1 done; A6 dropped)
    # R: A2 bo+dee, A3 dee, A4 bo, A5 carl, A7 eva, G2 eva, G3 dee -> bo 2, carl 1, dee 3, eva 2
    # A: A2 carl, A3 bo, A4 carl, A5 erin, A7 carl, G2 dee, G3 finn -> bo 1, carl 3, dee 1, erin 1, finn 1
    expected = pd.DataFrame(
        {
            "person": ["bo", "carl", "dee", "erin", "eva", "finn"],
            "name": ["Bo Lind", "Carl Chair", "Dee Park", "Erin Exec", "Eva Stone", "Finn Ford"],
            "responsible_open": [2, 1, 3, 0, 2, 0],
            "accountable_open": [1, 3, 1, 1, 0, 1],
            "overloaded": [False] * 6,
        }
    )
    assert_frame_equal(got, expected)


def test_workload_of_one_committee(ws):
    got = workload(ws, REVIEW, [ws.committee["growth"]]).set_index("person")
    # growth open: G2 (R eva, A dee), G3 (R dee, A finn)
    assert got[["responsible_open", "accountable_open"]].to_dict("index") == {
        "dee": {"responsible_open": 1, "accountable_open": 1},
        "eva": {"responsible_open": 1, "accountable_open": 0},
        "finn": {"responsible_open": 0, "accountable_open": 1},
    }


def test_workload_drops_actions_once_they_are_closed(ws):
    got = workload(ws, date(2026, 9, 30)).set_index("person")
    # A3 (R dee, A bo) is done on 2026-09-05
    assert (got.loc["bo", "accountable_open"], got.loc["dee", "responsible_open"]) == (0, 2)


def _open_actions_for_carl(tmp_path, in_care: int, in_growth: int = 0):
    """A copy of the programme where carl is Accountable for in_care + in_growth open actions."""
    ws_path = copy_fixture("programme", tmp_path)
    write(ws_path, "care/plan.yaml", plan_yaml([(f"A{i}", 12, "2027-06-01", "bo", "carl") for i in range(in_care)]))
    write(ws_path, "care/updates.csv", "date,action,status,by,note\n")
    delete(ws_path, "care/meetings.yaml")
    delete(ws_path, "signals.csv")
    growth = [
        ("G1", 3, "2026-06-01", "eva", "dee"),
        ("G2", 6, "2026-08-01", "eva", "dee"),
        ("G3", 12, "2027-03-01", "dee", "finn"),
    ]
    extra = [(f"X{i}", 12, "2027-03-01", "eva", "carl") for i in range(in_growth)]
    write(ws_path, "growth/plan.yaml", plan_yaml(growth + extra))
    return load(ws_path)


def test_accountable_for_nine_open_actions_is_overloaded(tmp_path):
    ws = _open_actions_for_carl(tmp_path, 9)
    carl = workload(ws, REVIEW).set_index("person").loc["carl"]
    assert (carl["accountable_open"], carl["overloaded"]) == (9, True)  # 9 > 8
    assert concerns(ws, ws.committee["care"], REVIEW) == [
        "Carl Chair is Accountable for 9 open actions across the organisation (more than 8)."
    ]


def test_accountable_for_eight_open_actions_is_not_overloaded(tmp_path):
    ws = _open_actions_for_carl(tmp_path, 8)
    carl = workload(ws, REVIEW).set_index("person").loc["carl"]
    assert (carl["accountable_open"], carl["overloaded"]) == (8, False)  # 8 is not more than 8
    assert concerns(ws, ws.committee["care"], REVIEW) == []


def test_overload_is_counted_across_committees(tmp_path):
    ws = _open_actions_for_carl(tmp_path, 5, 4)
    # 5 in care + 4 in growth = 9 > 8, though neither committee alone has more than 8
    assert workload(ws, REVIEW).set_index("person").loc["carl", "overloaded"]
    alone = workload(ws, REVIEW, [ws.committee["care"]]).set_index("person").loc["carl"]
    assert (alone["accountable_open"], alone["overloaded"]) == (5, False)
    # carl is not a member of growth, where he is Accountable for X0..X3
    assert concerns(ws, ws.committee["growth"], REVIEW) == [
        "Carl Chair is Accountable for 9 open actions across the organisation (more than 8).",
        "Carl Chair is Accountable for X0, X1, X2, X3 but is not a member of the committee.",
    ]


def test_no_concerns_when_accountables_are_members_and_not_overloaded(ws):
    assert concerns(ws, ws.committee["care"], REVIEW) == []
    assert concerns(ws, ws.committee["growth"], REVIEW) == []
