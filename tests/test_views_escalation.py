"""Escalation: overdue and soon-due actions, each with who to chase, in order."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.views.escalation import chain, escalations


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


def test_chain_starts_above_the_responsible_with_the_accountable_then_chair_then_sponsor(ws):
    care = ws.committee["care"]
    # A2: R bo, dee; A carl; chair carl (already named); sponsor erin
    assert chain(care, care.action["A2"]) == ("carl", "erin")
    # A3: R dee; A bo; chair carl; sponsor erin
    assert chain(care, care.action["A3"]) == ("bo", "carl", "erin")


def test_chain_names_nobody_twice_and_never_a_responsible_person(ws):
    care = ws.committee["care"]
    # A5: R carl (the chair), A erin (the sponsor) -> erin only: carl is the one being chased
    assert chain(care, care.action["A5"]) == ("erin",)
    growth = ws.committee["growth"]
    # G3: R dee (the chair), A finn (the sponsor)
    assert chain(growth, growth.action["G3"]) == ("finn",)


def test_chain_without_a_sponsor_ends_with_the_chair(ws):
    care = ws.committee["care"]
    care = dataclasses.replace(care, charter=dataclasses.replace(care.charter, sponsor=None))
    # A7: R eva, A carl (also the chair)
    assert chain(care, care.action["A7"]) == ("carl",)


def test_escalations_list_overdue_then_due_soon_with_chains(ws):
    got = escalations(ws, REVIEW)
    # open and due on or before 2026-08-31 + 14 days = 2026-09-14:
    #   growth G2 due 08-01 (30 days overdue), care A2 due 08-28 (3 days overdue), care A3 due 09-14 (14 days left)
    # not listed: A7 due 09-15 (15 days), A1 done, A6 dropped, A4/A5/G3 due later
    assert got[["committee", "action", "status", "state", "days_overdue", "days_left"]].values.tolist() == [
        ["growth", "G2", "on_track", "overdue", 30, 0],
        ["care", "A2", "off_track", "overdue", 3, 0],
        ["care", "A3", "at_risk", "due soon", 0, 14],
    ]
    # G2: R eva, A dee (also the chair), sponsor finn; A2: R bo, dee, A carl (chair); A3: R dee, A bo
    assert got["chain"].tolist() == [("dee", "finn"), ("carl", "erin"), ("bo", "carl", "erin")]
    assert got.loc[1, "chain_names"] == "Carl Chair → Erin Exec"
    assert got.loc[2, "due"] == date(2026, 9, 14)


def test_escalations_of_one_committee_and_a_custom_window(ws):
    got = escalations(ws, REVIEW, days=15, committee="care")
    # with 15 days, A7 (due 2026-09-15) is due soon too; growth is left out
    assert got["action"].tolist() == ["A2", "A3", "A7"]


def test_an_action_due_on_as_of_is_due_soon_not_overdue(ws):
    got = escalations(ws, date(2026, 8, 28), committee="care").set_index("action")
    # 2026-08-28: A2 due today; A1 was done 08-10; A3 due 09-14 is 17 days away
    assert list(got.index) == ["A2"]
    assert (got.loc["A2", "state"], got.loc["A2", "days_left"], got.loc["A2", "status"]) == ("due soon", 0, "off_track")


def test_closed_actions_are_never_escalated(ws):
    got = escalations(ws, date(2026, 9, 30), committee="care")
    # 2026-09-30: A3 done 09-05; A2 (due 08-28, on_track since 09-20) and A7 (due 09-15, never updated) are late
    assert got[["action", "days_overdue"]].values.tolist() == [["A2", 33], ["A7", 15]]
