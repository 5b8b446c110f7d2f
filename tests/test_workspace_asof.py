"""Plans as they stood on a day: edits recorded in changes.csv never rewrite the past.

The edits go through the editor's Session (as a chair saves) or through
cxgov.workspace.record (as a command saves); the views are then asked about
days before, between and after the edits. Every expected number is worked
out by hand from committees/cx-steering (plan.yaml, updates.csv) or
tests/fixtures/valid/minimal, as the comments say.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from editor_helpers import action_values
from workspaces import MINIMAL, REPO

from cxgov.editor.edits import ActionValues, CharterValues
from cxgov.editor.session import Session
from cxgov.views import roadmap
from cxgov.views.health import check
from cxgov.workspace.asof import workspace_as_of
from cxgov.workspace.changes import CHANGE_COLUMNS
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace
from cxgov.workspace.record import replace_recorded

NOV30, DEC1 = date(2026, 11, 30), date(2026, 12, 1)
CX = "cx-steering"


values = action_values  # the form's values of an action, with some changed


def session_on(root: Path, day: date, person: str | None = "ana") -> Session:
    s = Session(root)
    s.today = lambda: day
    s.person = person
    return s


def counts(ws: Workspace, committee: str, day: date) -> dict[str, int]:
    return roadmap.counts(workspace_as_of(ws, day).committee[committee], day)


def changes_text(root: Path, committee: str) -> list[str]:
    return (root / committee / "changes.csv").read_text(encoding="utf-8").splitlines()


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


# --- the example: A10, 62 days overdue, re-dated on 1 December ---------


def redate_a10_and_add_a14(root: Path) -> None:
    s = session_on(root, DEC1)
    a10 = s.committee(CX).action["A10"]
    s.save_action(CX, values(a10, due=date(2026, 12, 20), reason="Vendor contract signed late"), "A10")
    s.save_action(
        CX,
        ActionValues("A14", "Brief the new agents", 12, date(2026, 12, 31), ("ana",), "sofia"),
        None,
    )


def test_redating_an_overdue_action_does_not_rewrite_the_past(example: Path) -> None:
    before = load_workspace(example)
    # As of 30 November, open in cx-steering: A9 at_risk (due 09-30), A10 off_track (due 09-30),
    # A11 on_track (due 11-30, not yet overdue), A12 on_track (12-15), A13 at_risk (12-31):
    # 5 open, 2 overdue (A9, A10); 13 actions, 7 done (A1-A6, A8), 1 dropped (A7).
    expected_nov = {"actions_total": 13, "done": 7, "open": 5, "overdue": 2, "at_risk": 3, "dropped": 1}
    assert counts(before, CX, NOV30) == expected_nov

    redate_a10_and_add_a14(example)
    after = load_workspace(example)
    assert [str(p) for p in after.problems] == []
    assert counts(after, CX, NOV30) == expected_nov
    # On 1 December, as now: A10 is due 12-20 (not overdue); A9 (09-30) and A11 (11-30) are overdue;
    # A14 exists and is open: 14 actions, 6 open (A9-A14), 2 overdue.
    assert counts(after, CX, DEC1) == {
        "actions_total": 14,
        "done": 7,
        "open": 6,
        "overdue": 2,
        "at_risk": 3,
        "dropped": 1,
    }
    past = workspace_as_of(after, NOV30).committee[CX]
    assert past.action["A10"].due == date(2026, 9, 30)
    assert "A14" not in past.action


def test_an_action_added_later_does_not_fail_h1_in_the_past(example: Path) -> None:
    redate_a10_and_add_a14(example)
    ws = load_workspace(example)
    # Today's plan on 30 November: A14 is open with no update -> H1 would warn or fail about it.
    now = {v.rule: v for v in check(ws, ws.committee[CX], NOV30)}
    assert "A14" in now["H1"].reason
    # As it stood on 30 November (cx-steering passed everything then): A14 did not exist.
    past_ws = workspace_as_of(ws, NOV30)
    past = {v.rule: v.verdict for v in check(past_ws, past_ws.committee[CX], NOV30)}
    assert past == {f"H{i}": "pass" for i in range(1, 8)}


def test_the_record_is_one_row_per_changed_field_dated_and_signed(example: Path) -> None:
    redate_a10_and_add_a14(example)
    rows = changes_text(example, CX)
    assert rows[0] == ",".join(CHANGE_COLUMNS)
    assert rows[1] == (
        '2026-12-01,ana,plan.yaml,action A10,due,"""2026-09-30""","""2026-12-20""",Vendor contract signed late'
    )
    assert rows[2].startswith(
        '2026-12-01,ana,plan.yaml,action A14,*,,"{""id"":""A14"",""title"":""Brief the new agents""'
    )
    assert len(rows) == 3


def test_status_command_as_of_a_past_day_shows_what_it_showed_then(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxgov.commands.status import status

    status(str(example), as_of="2026-11-30")
    shown = capsys.readouterr().out
    redate_a10_and_add_a14(example)
    status(str(example), as_of="2026-11-30")
    assert capsys.readouterr().out == shown
    status(str(example), as_of="2026-12-01")
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(CX))
    assert line.split()[3:6] == ["7/14", "6", "2"]  # done/total, open, overdue as of 1 December


def test_remind_signals_and_exports_as_of_a_past_day_are_unchanged_by_later_edits(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxgov.commands.export import export
    from cxgov.commands.remind import remind
    from cxgov.commands.signals import signals

    def outputs(tag: str) -> tuple[str, str, bytes]:
        remind(str(example), as_of="2026-11-30", format="json")
        reminded = capsys.readouterr().out
        signals(str(example), as_of="2026-11-30", json=True)
        signalled = capsys.readouterr().out
        export("ics", str(example), out=str(tmp_path / f"{tag}.ics"), as_of="2026-11-30")
        capsys.readouterr()
        return reminded, signalled, (tmp_path / f"{tag}.ics").read_bytes()

    before = outputs("before")
    assert '"action": "A10"' in before[0]  # A10 overdue on 30 November: it is in the reminders
    redate_a10_and_add_a14(example)
    assert outputs("after") == before
    remind(str(example), as_of="2026-12-01", format="json")
    now = capsys.readouterr().out
    # as of 1 December A10 is due 12-20, 19 days ahead: neither overdue nor due within 14 days
    assert '"action": "A10"' not in now


def test_a_past_review_page_is_the_same_before_and_after_later_edits(example: Path) -> None:
    from cxgov.review.render import render

    def page() -> Any:
        return render(str(example), CX, "2026-11", today=date(2026, 12, 10)).to_json()

    first = page()
    redate_a10_and_add_a14(example)
    s = session_on(example, date(2026, 12, 5))
    c = s.committee(CX)
    s.save_action(CX, values(c.action["A12"], title="Win back customers at renewal"), "A12")
    assert page() == first


# --- sequences on the minimal workspace: re-date, add, rename, RACI, remove ------------


def remove_action(root: Path, action: str, day: date, by: str = "") -> None:
    """Remove an action from plan.yaml as a command would (through cxgov.workspace.record)."""

    def edit(data: Any) -> Any:
        data["actions"] = [a for a in data["actions"] if a["id"] != action]
        return data

    replace_recorded(root / "cx" / "plan.yaml", edit, by=by, day=day)


def test_a_sequence_of_edits_seen_before_between_and_after(minimal: Path) -> None:
    # minimal/cx: A1 (due 08-31, done 08-29), A2 (due 11-30, on_track since 09-01),
    # A3 (due 2027-05-31, no update), A4 (due 09-30, no update); A2 accountable bo, A3 title "Halve ...".
    s = session_on(minimal, date(2026, 10, 1), person="bo")
    a4 = s.committee("cx").action["A4"]
    # 1 Oct: A4 re-dated 09-30 -> 10-31, so it moves to the 6-month milestone (due 12-31)
    s.save_action("cx", values(a4, horizon=6, due=date(2026, 10, 31), reason="moved to 6 months"), "A4")
    s.today = lambda: date(2026, 10, 10)
    s.save_action(  # 10 Oct: A5 added, due 12-15
        "cx", ActionValues("A5", "Publish the activation FAQ", 6, date(2026, 12, 15), ("dee",), "bo"), None
    )
    s.today = lambda: date(2026, 10, 20)
    a3 = s.committee("cx").action["A3"]
    s.save_action("cx", values(a3, title="Cut repeat activation contacts by half"), "A3")  # 20 Oct: renamed
    a2 = s.committee("cx").action["A2"]
    s.save_action("cx", values(a2, accountable="ana", responsible=("dee", "eli")), "A2")  # 20 Oct: A ana
    remove_action(minimal, "A4", date(2026, 11, 2))  # 2 Nov: A4 removed from the plan
    ws = load_workspace(minimal)
    assert [str(p) for p in ws.problems] == []

    def state(day: date) -> tuple[list[str], date | None, str, str, int]:
        c = workspace_as_of(ws, day).committee["cx"]
        a4_due = c.action["A4"].due if "A4" in c.action else None
        overdue = roadmap.counts(c, day)["overdue"]
        return [a.id for a in c.actions], a4_due, c.action["A3"].title, c.action["A2"].raci.accountable, overdue

    old_title, new_title = "Halve repeat contacts about activation", "Cut repeat activation contacts by half"
    # 30 Sep, before every edit: A4 due 09-30 (not yet overdue on its day); nothing overdue.
    assert state(date(2026, 9, 30)) == (["A1", "A2", "A3", "A4"], date(2026, 9, 30), old_title, "bo", 0)
    # 1 Oct: A4 re-dated to 10-31, so not overdue (it would have been with the old date).
    assert state(date(2026, 10, 1)) == (["A1", "A2", "A3", "A4"], date(2026, 10, 31), old_title, "bo", 0)
    # 10 Oct: A5 exists.
    assert state(date(2026, 10, 10))[0] == ["A1", "A2", "A3", "A4", "A5"]
    # 19 Oct: not yet renamed; 20 Oct: renamed and A2's accountable is ana.
    assert state(date(2026, 10, 19))[2:4] == (old_title, "bo")
    assert state(date(2026, 10, 20))[2:4] == (new_title, "ana")
    # 1 Nov: A4 (due 10-31, no update) is overdue: 1. 2 Nov: A4 removed; A2 due 11-30 not yet: 0.
    assert state(date(2026, 11, 1)) == (["A1", "A2", "A3", "A4", "A5"], date(2026, 10, 31), new_title, "ana", 1)
    assert state(date(2026, 11, 2)) == (["A1", "A2", "A3", "A5"], None, new_title, "ana", 0)
    # Today (1 Dec): A2 (11-30, on_track) overdue; A5 due 12-15 not: 1.
    assert state(DEC1)[4] == 1
    # The record: 2 rows (horizon, due) + 1 (A5) + 1 (title) + 1 (raci: one top-level key) + 2 for A4's
    # removal: A5 follows it, so undoing alone would put it back after A5; an order row keeps its place.
    rows = changes_text(minimal, "cx")[1:]
    assert [r.split(",")[:5] for r in rows] == [
        ["2026-10-01", "bo", "plan.yaml", "action A4", "horizon"],
        ["2026-10-01", "bo", "plan.yaml", "action A4", "due"],
        ["2026-10-10", "bo", "plan.yaml", "action A5", "*"],
        ["2026-10-20", "bo", "plan.yaml", "action A3", "title"],
        ["2026-10-20", "bo", "plan.yaml", "action A2", "raci"],
        ["2026-11-02", "", "plan.yaml", "actions", "order"],
        ["2026-11-02", "", "plan.yaml", "action A4", "*"],
    ]


def test_a_removed_action_comes_back_at_its_place(minimal: Path) -> None:
    # A4 is the only action nothing refers to: move it first (by hand, as a command would), then remove it.
    def move_a4_first(data: Any) -> Any:
        actions = data["actions"]
        a4 = actions.pop(3)
        actions.insert(0, a4)
        return data

    replace_recorded(minimal / "cx" / "plan.yaml", move_a4_first, day=date(2026, 10, 1))
    remove_action(minimal, "A4", date(2026, 10, 5))
    ws = load_workspace(minimal)
    ids = {d: [a.id for a in workspace_as_of(ws, d).committee["cx"].actions] for d in (date(2026, 9, 30),)}
    ids[date(2026, 10, 4)] = [a.id for a in workspace_as_of(ws, date(2026, 10, 4)).committee["cx"].actions]
    ids[date(2026, 10, 5)] = [a.id for a in workspace_as_of(ws, date(2026, 10, 5)).committee["cx"].actions]
    assert ids == {
        date(2026, 9, 30): ["A1", "A2", "A3", "A4"],  # as written at first
        date(2026, 10, 4): ["A4", "A1", "A2", "A3"],  # moved first on 1 Oct
        date(2026, 10, 5): ["A1", "A2", "A3"],  # removed on 5 Oct
    }
    # The move is one order row; the removal of the first action another order row plus the object.
    assert [r.split(",")[3:5] for r in changes_text(minimal, "cx")[1:]] == [
        ["actions", "order"],
        ["actions", "order"],
        ["action A4", "*"],
    ]


def test_charter_and_kpi_changes_are_undone_too(minimal: Path) -> None:
    s = session_on(minimal, date(2026, 10, 1))
    c = s.committee("cx")
    s.save_charter(
        "cx",
        CharterValues("CX Council", c.purpose, c.chair, c.sponsor, c.members, c.departments, "biweekly", c.launch),
    )

    def new_target(data: Any) -> Any:
        data["kpis"][0]["target"] = 0.5
        return data

    replace_recorded(minimal / "cx" / "kpis.yaml", new_target, by="bo", day=date(2026, 10, 3))
    ws = load_workspace(minimal)
    before = workspace_as_of(ws, date(2026, 9, 30)).committee["cx"]
    between = workspace_as_of(ws, date(2026, 10, 2)).committee["cx"]
    now = ws.committee["cx"]
    assert (before.name, before.cadence, before.kpi["frt"].target) == ("CX Steering Committee", "monthly", 1.0)
    assert (between.name, between.cadence, between.kpi["frt"].target) == ("CX Council", "biweekly", 1.0)
    assert (now.name, now.cadence, now.kpi["frt"].target) == ("CX Council", "biweekly", 0.5)


def test_no_record_or_nothing_later_gives_the_same_workspace_object(minimal: Path) -> None:
    ws = load_workspace(minimal)
    assert workspace_as_of(ws, date(2026, 1, 1)) is ws  # no changes.csv at all
    s = session_on(minimal, date(2026, 10, 1))
    s.save_action("cx", values(s.committee("cx").action["A4"], due=date(2026, 9, 15), reason="sooner"), "A4")
    ws = load_workspace(minimal)
    assert workspace_as_of(ws, date(2026, 10, 1)) is ws  # the change took effect that day
    assert workspace_as_of(ws, date(2026, 9, 30)) is not ws


def test_a_save_that_changes_nothing_records_nothing(minimal: Path) -> None:
    s = session_on(minimal, date(2026, 10, 1))
    s.save_action("cx", values(s.committee("cx").action["A4"]), "A4")
    assert not (minimal / "cx" / "changes.csv").exists()


def test_meetings_are_not_recorded(minimal: Path) -> None:
    from cxgov.editor.edits import DecisionValues, MeetingValues

    s = session_on(minimal, date(2026, 10, 1))
    s.record_meeting("cx", MeetingValues(date(2026, 9, 2), ("ana", "bo"), (DecisionValues("Go"),), ""))
    assert not (minimal / "cx" / "changes.csv").exists()


def test_the_dashboard_shows_the_plan_as_of_its_date(example: Path) -> None:
    from cxgov.dashboard.app import Dashboard

    redate_a10_and_add_a14(example)
    dash = Dashboard(str(example), NOV30)
    assert dash.ws is not None and "A14" not in dash.ws.committee[CX].action
    assert dash.ws.committee[CX].action["A10"].due == date(2026, 9, 30)
    dash.as_of_picker.value = DEC1
    assert "A14" in dash.ws.committee[CX].action


# --- hand edits committed in git -----------------------------------------------------


def git_in(root: Path, *args: str) -> None:
    import subprocess

    env = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": str(root), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-c", "core.hooksPath=/dev/null", *args], cwd=root, env=env, check=True, capture_output=True)


def test_a_hand_edit_is_recorded_from_git_once_and_signed_by_email(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxgov.commands.history import record

    git_in(minimal, "init", "-q")
    git_in(minimal, "config", "user.email", "bo@example.com")  # bo's email in org.yaml
    git_in(minimal, "config", "user.name", "Bo")
    git_in(minimal, "add", "-A")
    git_in(minimal, "commit", "-q", "-m", "start")
    # The editor re-dates A2 (recorded with its save), then someone edits A3's due date by hand.
    s = session_on(minimal, date(2026, 10, 1), person="ana")
    s.save_action("cx", values(s.committee("cx").action["A2"], due=date(2026, 12, 15), reason="later"), "A2")
    plan = minimal / "cx" / "plan.yaml"
    plan.write_text(plan.read_text().replace("due: 2027-05-31", "due: 2027-04-30"))
    assert record(str(minimal), day="2026-10-02") == 0
    assert record(str(minimal), day="2026-10-03") == 0  # nothing new: nothing appended twice
    assert capsys.readouterr().out.splitlines()[-1].endswith("nothing to record")
    rows = changes_text(minimal, "cx")[1:]
    assert rows == [
        '2026-10-01,ana,plan.yaml,action A2,due,"""2026-11-30""","""2026-12-15""",later',
        '2026-10-02,bo,plan.yaml,action A3,due,"""2027-05-31""","""2027-04-30""",',
    ]
    ws = load_workspace(minimal)
    due = {d: workspace_as_of(ws, d).committee["cx"].action["A3"].due for d in (date(2026, 10, 1), date(2026, 10, 2))}
    assert due == {date(2026, 10, 1): date(2027, 5, 31), date(2026, 10, 2): date(2027, 4, 30)}


# --- a committee created later does not exist before it was created -------------------

NEW = "billing-council"


def create_by_command(root: Path, monkeypatch: pytest.MonkeyPatch, day: date, by: str | None = "ana") -> None:
    """`cxgov new committee billing-council --by ana` run on day."""
    import cxgov.commands.new as new

    monkeypatch.setattr(new, "today", lambda: day)
    assert new.new_committee(NEW, str(root), name="Billing Council", chair="ana", by=by) == 0


def test_a_committee_created_later_leaves_a_past_organisation_review_and_status_unchanged(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxgov.commands.status import status
    from cxgov.review.render import render

    def page() -> Any:
        return render(str(example), "", "2026-11", today=date(2026, 12, 10)).to_json()

    first = page()
    status(str(example), as_of="2026-11-30")
    shown = capsys.readouterr().out
    create_by_command(example, monkeypatch, DEC1)
    created = capsys.readouterr().out
    assert f"created {example}/{NEW}/ (" in created and "changes.csv" in created
    rows = changes_text(example, NEW)
    assert rows[0] == ",".join(CHANGE_COLUMNS)
    assert rows[1].startswith('2026-12-01,ana,committee.yaml,charter,*,,"{""id"":""billing-council"",""name"":')
    assert len(rows) == 2
    assert page() == first
    status(str(example), as_of="2026-11-30")
    assert capsys.readouterr().out == shown
    status(str(example), as_of="2026-12-01")
    assert any(line.startswith(NEW) for line in capsys.readouterr().out.splitlines())
    assert NEW in {c.id for c in load_workspace(example).committees}


def test_before_its_creation_a_committee_is_not_listed_not_failed_and_its_signals_are_unrouted(
    example: Path,
) -> None:
    s = session_on(example, DEC1, person="tom")
    s.create_committee(NEW, "Billing Council", "ana", None, date(2027, 1, 1))
    assert changes_text(example, NEW)[1].startswith("2026-12-01,tom,committee.yaml,charter,*,,")
    # A signal of 20 November routed to it afterwards (signals.csv is not recorded).
    signals = example / "signals.csv"
    with signals.open("a", encoding="utf-8") as fh:
        fh.write(f"2026-11-20,S999,survey,Invoices are unclear,,support,{NEW},\n")
    now = load_workspace(example)
    assert now.problems == ()
    assert next(x for x in now.signals if x.id == "S999").committee == NEW
    past = workspace_as_of(now, NOV30)
    assert NEW not in past.committee and NEW not in past.failed
    assert past.problems == ()
    assert next(x for x in past.signals if x.id == "S999").committee is None
    assert NEW in workspace_as_of(now, DEC1).committee
    assert NEW not in {c.id for c in load_workspace(example, as_of=NOV30).committees}


def test_creation_rows_that_cannot_be_a_creation_are_reported(minimal: Path) -> None:
    header = ",".join(CHANGE_COLUMNS)
    path = minimal / "cx" / "changes.csv"
    path.write_text(
        header + "\n"
        '2026-06-01,,committee.yaml,charter,*,"{""id"":""cx""}","{""id"":""cx""}",\n'
        '2026-06-02,,committee.yaml,charter,cadence,"""weekly""","""monthly""",\n'
        '2026-06-03,,committee.yaml,charter,*,,"{""id"":""cx""}",\n',
        encoding="utf-8",
    )
    found = [str(p) for p in load_workspace(minimal, "ws").problems]
    assert found == [
        "ws/cx/changes.csv:2: charter: before: expected nothing (the charter's '*' row records the committee's "
        """creation), found '{"id":"cx"}'""",
        "ws/cx/changes.csv:4: charter: field: expected a key of committee.yaml ('*', the committee's creation, "
        "only in the first row); found '*'",
    ]
