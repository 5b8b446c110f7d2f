"""Re-planning is explicit: original and current due dates, moves, slips, 'Moved this month' and H3.

Every expected number is worked out by hand from committees/cx-steering
(plan.yaml, updates.csv) or tests/fixtures/valid/minimal, as the comments say.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from editor_helpers import action_values
from workspaces import MINIMAL, REPO

from cxgov.editor.edits import ActionValues
from cxgov.editor.session import Session
from cxgov.errors import CxgovError
from cxgov.report import committee as csec
from cxgov.views import slips
from cxgov.views.health import check
from cxgov.workspace.asof import workspace_as_of
from cxgov.workspace.load import load_workspace

CX = "cx-steering"
OCT14, OCT15, OCT31 = date(2026, 10, 14), date(2026, 10, 15), date(2026, 10, 31)
NOV30, DEC1, DEC31 = date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 31)


values = action_values  # the form's values of an action, with some changed


def move(root: Path, committee: str, action: str, day: date, to: date, reason: str, person: str = "ana") -> None:
    """Re-date an action through the editor's session, as a chair does on day."""
    s = Session(root)
    s.today = lambda: day
    s.person = person
    s.save_action(committee, values(s.committee(committee).action[action], due=to, reason=reason), action)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "committees"
    shutil.copytree(REPO / "committees", root)
    return root


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.fixture
def a10_moved_twice(example: Path) -> Path:
    # cx-steering A10 is due 2026-09-30 and off_track since 2026-10-07 (open): overdue at both moves.
    move(example, CX, "A10", OCT15, NOV30, "Temporary agents start 19 October")
    move(example, CX, "A10", DEC1, date(2026, 12, 20), "Remaining sessions booked into December", person="tom")
    return example


# --- the view ---------------------------------------------------------------------------


def test_an_action_moved_twice_while_overdue_is_slipped_by_81_days(a10_moved_twice: Path) -> None:
    c = load_workspace(a10_moved_twice).committee[CX]
    s = slips.slip_of(c, "A10", DEC1)
    assert s is not None
    # 09-30 -> 11-30: 61 days (Oct 31 + Nov 30); 11-30 -> 12-20: 20 days; 81 in all.
    assert (s.original, s.due, len(s.moves), s.days, s.slipped) == (date(2026, 9, 30), date(2026, 12, 20), 2, 81, True)
    first, second = s.moves
    assert (first.date, first.before, first.after, first.days, first.by, first.overdue) == (
        OCT15,
        date(2026, 9, 30),
        NOV30,
        61,
        "ana",
        True,
    )
    assert first.reason == "Temporary agents start 19 October"
    assert (second.date, second.before, second.after, second.days, second.by, second.overdue) == (
        DEC1,
        NOV30,
        date(2026, 12, 20),
        20,
        "tom",
        True,
    )


def test_as_of_a_day_between_the_moves_only_the_first_counts(a10_moved_twice: Path) -> None:
    ws = load_workspace(a10_moved_twice)
    now = slips.slip_of(ws.committee[CX], "A10", NOV30)  # today's plan, asked about 30 November
    then = slips.slip_of(workspace_as_of(ws, NOV30).committee[CX], "A10", NOV30)  # the plan as it stood
    for s in (now, then):
        assert s is not None
        assert (s.original, s.due, len(s.moves), s.days, s.slipped) == (date(2026, 9, 30), NOV30, 1, 61, True)


def test_before_the_first_move_the_action_has_its_original_date_and_no_moves(a10_moved_twice: Path) -> None:
    s = slips.slip_of(load_workspace(a10_moved_twice).committee[CX], "A10", OCT14)
    assert s is not None
    assert (s.original, s.due, s.moves, s.slipped) == (date(2026, 9, 30), date(2026, 9, 30), (), False)


def test_moves_in_a_period_are_those_after_its_start_up_to_its_end(a10_moved_twice: Path) -> None:
    c = load_workspace(a10_moved_twice).committee[CX]
    assert [(m.action, m.date) for m in slips.moves(c, date(2026, 9, 30), OCT31)] == [("A10", OCT15)]
    assert slips.moves(c, OCT31, NOV30) == []
    frame = slips.moves_frame(c, NOV30, DEC31)
    assert frame.to_dict("records") == [
        {
            "date": DEC1,
            "action": "A10",
            "title": c.action["A10"].title,
            "from": NOV30,
            "to": date(2026, 12, 20),
            "days": 20,
            "reason": "Remaining sessions booked into December",
            "by": "tom",
            "overdue": True,
        }
    ]


def test_a_move_in_time_or_of_a_closed_action_is_not_a_slip(minimal: Path) -> None:
    # minimal/cx: A2 due 11-30, on_track: moved on 10-01, before its due date. A1 due 08-31, done on 08-29:
    # moved on 10-01 (after its due date, but closed) to 09-15, within its 3-month milestone (09-30).
    move(minimal, "cx", "A2", date(2026, 10, 1), date(2026, 12, 15), "Writer on leave")
    move(minimal, "cx", "A1", date(2026, 10, 1), date(2026, 9, 15), "Record the real date")
    c = load_workspace(minimal).committee["cx"]
    got = {s.action: (len(s.moves), s.days, s.slipped) for s in slips.slips(c, DEC1)}
    # A2: 11-30 -> 12-15 = +15; A1: 08-31 -> 09-15 = +15; A3, A4 never moved.
    assert got == {"A1": (1, 15, False), "A2": (1, 15, False), "A3": (0, 0, False), "A4": (0, 0, False)}
    assert slips.slips_frame(c, DEC1)["action"].tolist() == ["A1", "A2"]  # plan order, moved ones only


def test_without_changes_csv_every_action_keeps_its_date_and_nothing_moved() -> None:
    c = load_workspace(REPO / "committees").committee[CX]
    assert c.changes == ()
    assert all(s.original == s.due == c.action[s.action].due and not s.moves for s in slips.slips(c, DEC31))
    assert slips.slips_frame(c, DEC31).empty
    assert slips.moves_frame(c, date(2026, 1, 1), DEC31).empty


# --- the editor: a moved due date needs a reason -------------------------------------------


def test_moving_a_due_date_without_a_reason_is_refused_and_nothing_is_saved(minimal: Path) -> None:
    plan = (minimal / "cx" / "plan.yaml").read_bytes()
    with pytest.raises(CxgovError) as refused:
        move(minimal, "cx", "A2", date(2026, 10, 1), date(2026, 12, 15), "   ")
    assert str(refused.value) == "reason: expected a reason for moving A2 from 2026-11-30 to 2026-12-15, found nothing"
    assert (minimal / "cx" / "plan.yaml").read_bytes() == plan
    assert not (minimal / "cx" / "changes.csv").exists()


def test_the_reason_is_written_on_the_due_row_only(minimal: Path) -> None:
    s = Session(minimal)
    s.today, s.person = (lambda: date(2026, 10, 1)), "bo"
    a2 = s.committee("cx").action["A2"]
    s.save_action(
        "cx", values(a2, title="Rewrite the help centre", due=date(2026, 12, 15), reason="Writer on leave"), "A2"
    )
    rows = (minimal / "cx" / "changes.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert rows == [
        '2026-10-01,bo,plan.yaml,action A2,title,"""Rewrite the activation help centre""","""Rewrite the help centre""",',
        '2026-10-01,bo,plan.yaml,action A2,due,"""2026-11-30""","""2026-12-15""",Writer on leave',
    ]


def test_other_changes_and_new_actions_need_no_reason(minimal: Path) -> None:
    s = Session(minimal)
    s.today = lambda: date(2026, 10, 1)
    s.save_action("cx", values(s.committee("cx").action["A2"], title="Rewrite the help centre"), "A2")
    s.save_action("cx", ActionValues("A5", "Publish the activation FAQ", 6, date(2026, 12, 15), ("dee",), "bo"), None)
    assert [a.id for a in load_workspace(minimal).committee["cx"].actions] == ["A1", "A2", "A3", "A4", "A5"]


# --- the review: 'Moved this month' and the re-planned actions -----------------------------


def test_the_review_shows_moved_this_month_in_the_month_of_the_move_only(a10_moved_twice: Path) -> None:
    ws = load_workspace(a10_moved_twice)

    def changes_of(as_of: date) -> str:
        return str(csec.changes_section(ws, workspace_as_of(ws, as_of).committee[CX], as_of))

    october, november, december = changes_of(OCT31), changes_of(NOV30), changes_of(DEC31)
    assert "Moved this month" in october and "Temporary agents start 19 October" in october
    assert "Moved this month" not in november  # nothing moved in November
    assert "Moved this month" in december and "Remaining sessions booked into December" in december
    assert "Temporary agents start 19 October" not in december  # October's move is not this month's
    # The roll-up: 1 of 13 actions (cx-steering's plan) re-planned, and it slipped.
    assert "1 of 13 actions re-planned so far; 1 slipped (overdue when re-planned)" in november
    assert "Re-planned actions" in november and "slipped" in november
    assert "<td>+61</td>" in november and "<td>+81</td>" in december


def test_user_text_in_a_reason_is_escaped(minimal: Path) -> None:
    move(minimal, "cx", "A2", date(2026, 10, 1), date(2026, 12, 15), "<script>alert(1)</script> & more")
    ws = load_workspace(minimal)
    page = str(csec.changes_section(ws, ws.committee["cx"], OCT31))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_without_moves_the_section_is_as_it_was(example: Path) -> None:
    ws = load_workspace(example)
    page = str(csec.changes_section(ws, ws.committee[CX], NOV30))
    assert "Moved this month" not in page and "Re-planned" not in page and 'class="lead"' not in page


# --- health: H3 warns about an action re-dated more than twice -------------------------------


def test_h3_warns_about_an_action_re_dated_three_times_and_names_it(minimal: Path) -> None:
    # minimal/cx A3 (12-month milestone, due 2027-05-31), moved on 1, 2 and 3 October: -31, -30, -31 days.
    for day, to in ((1, date(2027, 4, 30)), (2, date(2027, 3, 31)), (3, date(2027, 2, 28))):
        move(minimal, "cx", "A3", date(2026, 10, day), to, "Pulled forward")
    ws = load_workspace(minimal)
    c = ws.committee["cx"]

    def h3(day: date) -> tuple[str, str]:
        v = next(v for v in check(ws, c, day) if v.rule == "H3")
        return v.verdict, v.reason

    assert h3(date(2026, 10, 2))[0] == "pass"  # moved twice: not yet "over and over"
    assert h3(date(2026, 10, 3)) == (
        "warn",
        "Actions re-dated more than 2 times: A3 (3 times, originally due 2027-05-31, now 2027-02-28).",
    )
    s = slips.slip_of(c, "A3", date(2026, 10, 3))
    assert s is not None and s.days == -92 and not s.slipped


# --- the dashboard: the action list shows the original date, the moves and the slip --------


def test_the_dashboards_action_list_shows_original_due_moves_and_slipped(a10_moved_twice: Path) -> None:
    from cxgov.dashboard.sections import ActionFilter, actions_section

    ws = load_workspace(a10_moved_twice)
    page = str(actions_section(ws, ws.committee[CX], DEC1, ActionFilter()))
    assert "Originally due" in page and "2 times, +81 days" in page
    row = next(r for r in page.split("<tr>") if "<td>A10</td>" in r)
    assert "2026-09-30" in row and "2026-12-20" in row and ">slipped<" in row
    bundled = load_workspace(REPO / "committees")
    unmoved = str(actions_section(bundled, bundled.committee[CX], DEC1, ActionFilter()))
    assert "Originally due" not in unmoved and "slipped" not in unmoved


def test_a_committee_with_its_record_survives_the_review_snapshots_pickle(minimal: Path) -> None:
    import pickle

    from cxgov.workspace.changes import absent

    move(minimal, "cx", "A2", date(2026, 10, 1), date(2026, 12, 15), "Writer on leave")
    s = Session(minimal)
    s.today = lambda: date(2026, 10, 2)
    s.save_action("cx", ActionValues("A5", "Publish the activation FAQ", 6, date(2026, 12, 15), ("dee",), "bo"), None)
    c = load_workspace(minimal).committee["cx"]
    copy = pickle.loads(pickle.dumps(c))
    added = copy.changes[-1]
    assert (added.obj, added.field, absent(added.before)) == ("action A5", "*", True)  # "nothing" is still nothing
    assert slips.slips(copy, DEC1) == slips.slips(c, DEC1)
