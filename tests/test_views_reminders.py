"""Reminders: who must act on which overdue or soon-due action, and which committees to chase.

Expectations are worked out by hand from tests/fixtures/views/followup (see the
comments in its plan.yaml files), as of 2026-06-30 with a 14-day window.
"""

from __future__ import annotations

from datetime import date

import pytest
from views_helpers import FIXTURES, append, copy_fixture, load

from cxgov.views.reminders import reminders, to_chase

FOLLOWUP = FIXTURES / "followup"
AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def ws():
    return load(FOLLOWUP)


def test_each_responsible_and_accountable_person_gets_their_actions_most_overdue_first(ws):
    got = reminders(ws, AS_OF)
    # open and due by 2026-07-14: O7 (-91), O2 (-30), W1 (-10), O3 (due today), O4 (due in 14 days)
    #   O7 R ana A cleo; O2 R ben, cleo A ana; W1 R ben A cleo; O3 R cleo A ben; O4 R ana A ben
    assert got[["person", "action", "role", "state"]].values.tolist() == [
        ["ana", "O7", "Responsible", "overdue"],
        ["ana", "O2", "Accountable", "overdue"],
        ["ana", "O4", "Responsible", "due soon"],
        ["ben", "O2", "Responsible", "overdue"],
        ["ben", "W1", "Responsible", "overdue"],
        ["ben", "O3", "Accountable", "due soon"],
        ["ben", "O4", "Accountable", "due soon"],
        ["cleo", "O7", "Accountable", "overdue"],
        ["cleo", "O2", "Responsible", "overdue"],
        ["cleo", "W1", "Accountable", "overdue"],
        ["cleo", "O3", "Responsible", "due soon"],
    ]


def test_sponsors_and_consulted_or_informed_people_get_no_action_reminders(ws):
    got = reminders(ws, AS_OF)
    # dan (sponsor of ops, Informed on O2) and eli (sponsor of web) are only in chains
    assert set(got["person"]) == {"ana", "ben", "cleo"}


def test_closed_actions_and_actions_beyond_the_window_are_left_out(ws):
    got = set(reminders(ws, AS_OF)["action"])
    # O1 done, O6 dropped, O5 due 2026-07-15 (15 days), W2 and W3 due later
    assert got == {"O2", "O3", "O4", "O7", "W1"}
    assert "O5" in set(reminders(ws, AS_OF, days=15)["action"])


def test_overdue_actions_carry_the_escalation_chain_and_due_soon_ones_none(ws):
    got = reminders(ws, AS_OF).set_index(["person", "action"])
    # The chain starts above the Responsible people.
    # O7: R ana (also the chair), A cleo, sponsor dan
    assert got.loc[("ana", "O7"), "chain"] == ("cleo", "dan")
    assert got.loc[("ana", "O7"), "chain_names"] == "Cleo Park → Dan Reyes"
    # O2: R ben, cleo, A ana (also the chair), sponsor dan
    assert got.loc[("cleo", "O2"), "chain"] == ("ana", "dan")
    # W1: R ben, A cleo (also the chair), sponsor eli
    assert got.loc[("ben", "W1"), "chain_names"] == "Cleo Park → Eli Stone"
    assert got.loc[("ben", "O3"), "chain"] == ()
    assert got.loc[("ben", "O3"), "chain_names"] == ""


def test_days_overdue_and_left_and_contact_details(ws):
    got = reminders(ws, AS_OF).set_index(["person", "action"])
    assert got.loc[("ana", "O7"), ["days_overdue", "days_left", "status"]].tolist() == [91, 0, "off_track"]
    assert got.loc[("ana", "O4"), ["days_overdue", "days_left", "status"]].tolist() == [0, 14, "not_started"]
    assert got.loc[("ben", "O3"), ["days_overdue", "days_left"]].tolist() == [0, 0]
    assert got.loc[("ana", "O7"), "email"] == "ana@example.com"
    assert got.loc[("cleo", "O3"), "email"] == ""  # Cleo has no e-mail in org.yaml
    assert got.loc[("cleo", "O3"), "due"] == date(2026, 6, 30)


def test_a_late_update_closing_an_action_removes_its_reminders(tmp_path):
    path = copy_fixture("followup", tmp_path)
    append(path, "ops/updates.csv", "2026-06-29,O7,done,ana,Callback live")
    got = reminders(load(path), AS_OF)
    assert "O7" not in set(got["action"])
    # and an update dated after as_of does not count yet
    append(path, "ops/updates.csv", "2026-07-02,O2,done,ben,IVR fixed")
    assert "O2" in set(reminders(load(path), AS_OF)["action"])


def test_nothing_due_gives_an_empty_table_with_the_columns(ws):
    got = reminders(ws, date(2025, 12, 1), days=0)
    assert got.empty
    assert {"person", "action", "chain"} <= set(got.columns)


def test_committees_failing_h1_or_h6_are_to_chase_with_the_reason(ws):
    got = to_chase(ws, AS_OF)
    # ops: O4 and O5 never updated (H1); web: last meeting 2026-05-20, 41 days for a biweekly cadence (H6).
    # ops H7 and web H4/H7 also fail but are not about follow-through.
    assert got[["committee", "rule", "chair", "sponsor"]].values.tolist() == [
        ["ops", "H1", "ana", "dan"],
        ["web", "H6", "cleo", "eli"],
    ]
    assert got.loc[0, "reason"] == "Open actions without an update in the last 31 days: O4 (never), O5 (never)."
    assert got.loc[1, "reason"] == "No meeting since 2026-05-20 (41 days)."
    assert got.loc[1, "chair_name"] == "Cleo Park"
    assert got.loc[1, "chair_email"] == ""
    assert got.loc[0, "sponsor_email"] == "dan@example.com"


def test_a_committee_that_catches_up_is_no_longer_to_chase(tmp_path):
    path = copy_fixture("followup", tmp_path)
    append(path, "ops/updates.csv", "2026-06-28,O4,on_track,ana,Trainer booked", "2026-06-28,O5,on_track,ben,")
    got = to_chase(load(path), AS_OF)
    assert got["committee"].tolist() == ["web"]
