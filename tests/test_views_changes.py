"""What changed between two dates: status changes, completions, newly overdue actions."""

from __future__ import annotations

from datetime import date

import pytest
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.views.changes import changes

COLUMNS = ["action", "from", "to", "changed", "completed", "became_overdue"]


@pytest.fixture(scope="module")
def care():
    return load(PROGRAMME).committee["care"]


def test_changes_over_september(care):
    got = changes(care, REVIEW, date(2026, 9, 30))
    # on 08-31: A2 off_track, A3 at_risk, A4 on_track, A7 not_started (due 09-15)
    # by 09-30: A2 on_track (09-20), A3 done (09-05), A4 at_risk (09-25), A7 still not_started but late
    # A2 was already overdue on 08-31 (due 08-28), so it did not *become* overdue
    assert got[COLUMNS].values.tolist() == [
        ["A2", "off_track", "on_track", True, False, False],
        ["A3", "at_risk", "done", True, True, False],
        ["A4", "on_track", "at_risk", True, False, False],
        ["A7", "not_started", "not_started", False, False, True],
    ]
    assert got.loc[3, "due"] == date(2026, 9, 15)
    assert got.loc[1, "title"] == "Send the activation code by SMS"


def test_the_window_excludes_the_start_date_and_includes_the_end_date(care):
    got = changes(care, date(2026, 8, 20), REVIEW)
    # A2 off_track on 08-20 is already the status on the start date: no change, but due 08-28 it became overdue
    # A4 on_track on 08-25 is a change from not_started
    assert got[COLUMNS].values.tolist() == [
        ["A2", "off_track", "off_track", False, False, True],
        ["A4", "not_started", "on_track", True, False, False],
    ]


def test_completion_and_drop_in_august(care):
    got = changes(care, date(2026, 7, 31), REVIEW).set_index("action")
    # A1 on_track -> done (08-10); A6 on_track -> dropped (08-05): a change but not a completion
    assert (got.loc["A1", "completed"], got.loc["A6", "completed"], got.loc["A6", "to"]) == (True, False, "dropped")
    # A6 was due 08-20 but is dropped: it never counts as overdue
    assert not got.loc["A6", "became_overdue"]
    assert list(got.index) == ["A1", "A2", "A3", "A4", "A6"]


def test_no_changes_between_a_date_and_itself(care):
    got = changes(care, REVIEW, REVIEW)
    assert got.empty
    assert list(got.columns) == [
        "action",
        "title",
        "from",
        "to",
        "changed",
        "completed",
        "became_overdue",
        "due",
        "was_overdue",
        "now_overdue",
    ]


def test_changes_say_whether_each_action_was_and_is_overdue(care):
    got = changes(care, REVIEW, date(2026, 9, 30)).set_index("action")
    # A2 due 08-28, open on both days: overdue then and now, though its owner now reports on_track.
    # A3 due 09-14: not yet due on 08-31, done by 09-30. A4 due 12-15: neither. A7 due 09-15: became overdue.
    assert got[["was_overdue", "now_overdue"]].to_dict("index") == {
        "A2": {"was_overdue": True, "now_overdue": True},
        "A3": {"was_overdue": False, "now_overdue": False},
        "A4": {"was_overdue": False, "now_overdue": False},
        "A7": {"was_overdue": False, "now_overdue": True},
    }
