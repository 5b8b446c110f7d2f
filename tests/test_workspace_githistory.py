"""A git workspace's hand edits, committed without their record, still leave the past as it was.

Each test makes a workspace its own git repository (the workspace folder is the
top of the work tree), commits it on a day, edits files by hand (no editor, no
hook, no `cxgov history record`) and commits them on a later day; the views
are then asked about days before, on and after the commit. Every expected
value is read off tests/fixtures/valid/minimal or committees/cx-steering by
hand, as the comments say.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from editor_helpers import action_values
from workspaces import MINIMAL, REPO

from cxgov.editor.session import Session
from cxgov.views import roadmap
from cxgov.workspace.asof import workspace_as_of
from cxgov.workspace.changes import RECORDED_FILES
from cxgov.workspace.githistory import GitHistory, is_git_workspace
from cxgov.workspace.load import load_workspace
from cxgov.workspace.log import Entry, history

OCT1, NOV30, DEC1 = date(2026, 10, 1), date(2026, 11, 30), date(2026, 12, 1)
CX = "cx-steering"


def git_in(root: Path, *args: str, day: date | None = None, email: str = "bo@example.com") -> None:
    """git in root with no user config; commits dated day (author and committer) by email."""
    env = {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "HOME": str(root),
        "PATH": "/usr/bin:/bin",
        "GIT_AUTHOR_NAME": "Someone",
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": "Someone",
        "GIT_COMMITTER_EMAIL": email,
    }
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day.isoformat()}T12:00:00+00:00"
    subprocess.run(["git", "-c", "core.hooksPath=/dev/null", *args], cwd=root, env=env, check=True, capture_output=True)


def commit_all(root: Path, day: date, email: str = "bo@example.com") -> None:
    git_in(root, "add", "-A")
    git_in(root, "commit", "-q", "-m", f"edit on {day}", day=day, email=email)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    git_in(root, "init", "-q")
    commit_all(root, OCT1)
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "committees"
    shutil.copytree(REPO / "committees", root)
    git_in(root, "init", "-q")
    commit_all(root, OCT1)
    return root


def recorded(root: Path, committee: str | None = None) -> list[Entry]:
    """The history's entries of plans, charters and KPI definitions (not status updates or KPI values)."""
    return [e for e in history(load_workspace(root, git_history=True), committee) if e.file in RECORDED_FILES]


def due(root: Path, committee: str, action: str, day: date) -> date | None:
    found = workspace_as_of(load_workspace(root), day).committee[committee].action.get(action)
    return found.due if found else None


def test_a_due_date_moved_by_hand_and_committed_was_the_old_date_before_the_commit(minimal: Path) -> None:
    # minimal/cx/plan.yaml: A3 is due 2027-05-31; moved by hand to 2027-04-30, committed on 1 December by bo.
    edit(minimal / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")
    commit_all(minimal, DEC1)
    assert due(minimal, "cx", "A3", NOV30) == date(2027, 5, 31)
    assert due(minimal, "cx", "A3", DEC1) == date(2027, 4, 30)
    assert load_workspace(minimal).committee["cx"].action["A3"].due == date(2027, 4, 30)
    [entry] = recorded(minimal, "cx")
    assert (entry.date, entry.by, entry.obj, entry.field) == (DEC1, "bo", "action A3", "due")
    assert (entry.before, entry.after) == ("2027-05-31", "2027-04-30")
    assert entry.reason.startswith("edited by hand (git commit ")


def test_the_author_is_the_person_whose_email_made_the_commit_or_nobody(minimal: Path) -> None:
    edit(minimal / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")
    commit_all(minimal, DEC1, email="stranger@example.com")  # in no person's org.yaml email
    [entry] = recorded(minimal, "cx")
    assert entry.by == ""


def test_an_action_added_and_one_dropped_by_hand_exist_only_on_their_side_of_the_commit(minimal: Path) -> None:
    plan = minimal / "cx" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    # Drop A4 (the last action of minimal/cx) and add A9 in its place.
    start = text.index("  - id: A4")
    plan.write_text(
        text[:start]
        + "  - id: A9\n    title: Added by hand\n    horizon: 6\n    due: 2026-12-20\n"
        + "    raci:\n      responsible: [bo]\n      accountable: ana\n",
        encoding="utf-8",
    )
    commit_all(minimal, DEC1)
    assert load_workspace(minimal).problems == ()
    before = workspace_as_of(load_workspace(minimal), NOV30).committee["cx"]
    after = workspace_as_of(load_workspace(minimal), DEC1).committee["cx"]
    assert [a.id for a in before.actions] == ["A1", "A2", "A3", "A4"]
    assert [a.id for a in after.actions] == ["A1", "A2", "A3", "A9"]


def test_a_re_dating_through_the_editor_and_a_hand_edit_in_one_commit_are_each_recorded_once(
    minimal: Path,
) -> None:
    s = Session(minimal)
    s.today = lambda: date(2026, 11, 10)
    s.person = "ana"
    a2 = s.committee("cx").action["A2"]
    s.save_action("cx", action_values(a2, due=date(2026, 12, 15), reason="later"), "A2")  # 2026-11-30 -> 12-15
    edit(minimal / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")  # A3 by hand
    commit_all(minimal, date(2026, 11, 20))
    entries = recorded(minimal, "cx")
    assert [(e.date, e.by, e.obj, e.after) for e in entries] == [
        (date(2026, 11, 20), "bo", "action A3", "2027-04-30"),
        (date(2026, 11, 10), "ana", "action A2", "2026-12-15"),
    ]
    assert due(minimal, "cx", "A2", date(2026, 11, 9)) == date(2026, 11, 30)
    assert due(minimal, "cx", "A3", date(2026, 11, 19)) == date(2027, 5, 31)
    assert due(minimal, "cx", "A3", date(2026, 11, 20)) == date(2027, 4, 30)


def test_a_hand_edit_not_committed_yet_is_dated_today_and_leaves_yesterday_alone(minimal: Path) -> None:
    from cxgov.dates import today

    edit(minimal / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")
    [entry] = recorded(minimal, "cx")
    assert (entry.date, entry.by, entry.reason) == (today(), "", "edited by hand (not committed yet)")
    assert due(minimal, "cx", "A3", date.fromordinal(today().toordinal() - 1)) == date(2027, 5, 31)


def test_several_commits_give_each_day_its_own_plan(minimal: Path) -> None:
    plan = minimal / "cx" / "plan.yaml"
    edit(plan, "due: 2027-05-31", "due: 2027-04-30")
    commit_all(minimal, date(2026, 10, 15))
    edit(plan, "due: 2027-04-30", "due: 2027-03-31")
    commit_all(minimal, date(2026, 11, 15))
    edit(plan, "title: Halve repeat contacts about activation", "title: Halve repeat contacts")
    commit_all(minimal, DEC1)  # a commit that moves nothing: no slip
    expected = {
        date(2026, 10, 14): date(2027, 5, 31),
        date(2026, 10, 15): date(2027, 4, 30),
        date(2026, 11, 14): date(2027, 4, 30),
        date(2026, 11, 15): date(2027, 3, 31),
        DEC1: date(2027, 3, 31),
    }
    assert {d: due(minimal, "cx", "A3", d) for d in expected} == expected
    ws = load_workspace(minimal)
    assert workspace_as_of(ws, NOV30).committee["cx"].action["A3"].title == "Halve repeat contacts about activation"
    assert ws.committee["cx"].action["A3"].title == "Halve repeat contacts"


def test_a_committee_folder_added_by_hand_does_not_exist_before_its_commit(minimal: Path) -> None:
    shutil.copytree(minimal / "cx", minimal / "cx2")
    edit(minimal / "cx2" / "committee.yaml", "id: cx", "id: cx2")
    commit_all(minimal, DEC1)
    ws = load_workspace(minimal)
    assert ws.problems == ()
    assert {c.id for c in workspace_as_of(ws, NOV30).committees} == {"cx"}
    assert {c.id for c in workspace_as_of(ws, DEC1).committees} == {"cx", "cx2"}


def test_the_first_commit_is_not_a_creation_a_committee_exists_before_it(minimal: Path) -> None:
    # minimal was committed on 1 October: on 30 September its committee existed all the same.
    ws = load_workspace(minimal)
    assert {c.id for c in workspace_as_of(ws, date(2026, 9, 30)).committees} == {"cx"}
    assert recorded(minimal) == []


def test_the_issues_example_a_past_review_page_is_byte_identical_after_a_committed_hand_edit(example: Path) -> None:
    from cxgov.review.render import render

    def page() -> str:
        return str(render(str(example), CX, "2026-11", today=date(2026, 12, 10)).to_json())

    first = page()
    counted = roadmap.counts(load_workspace(example).committee[CX], NOV30)
    # A10 (cx-steering, due 2026-09-30, overdue on 30 November) re-dated by hand and A14 added, committed 1 Dec.
    plan = example / CX / "plan.yaml"
    a10 = "one-touch resolution\n    horizon: 12\n    due: "
    edit(plan, a10 + "2026-09-30", a10 + "2026-12-20")
    commit_all(example, DEC1, email="nobody@example.com")
    assert page() == first
    assert roadmap.counts(workspace_as_of(load_workspace(example), NOV30).committee[CX], NOV30) == counted


def test_a_workspace_inside_a_larger_repository_keeps_to_changes_csv(tmp_path: Path) -> None:
    # The bundled example lives in the code's repository: its development history is not the plan's history.
    outer = tmp_path / "repo"
    shutil.copytree(MINIMAL, outer / "ws")
    git_in(outer, "init", "-q")
    commit_all(outer, OCT1)
    edit(outer / "ws" / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")
    commit_all(outer, DEC1)
    assert not is_git_workspace(outer / "ws")
    assert recorded(outer / "ws", "cx") == []


def test_a_dot_git_file_or_link_is_not_followed(tmp_path: Path, minimal: Path) -> None:
    moved = tmp_path / "elsewhere.git"
    shutil.move(minimal / ".git", moved)
    os.symlink(moved, minimal / ".git")
    assert not is_git_workspace(minimal) and GitHistory.open(minimal) is None
    os.unlink(minimal / ".git")
    (minimal / ".git").write_text(f"gitdir: {moved}\n")
    assert not is_git_workspace(minimal) and GitHistory.open(minimal) is None


def test_a_committed_link_is_never_read(tmp_path: Path, minimal: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("actions: []\n")
    plan = minimal / "cx" / "plan.yaml"
    kept = plan.read_text(encoding="utf-8")
    plan.unlink()
    os.symlink(secret, plan)
    commit_all(minimal, date(2026, 11, 1))  # git stores the link itself (mode 120000)
    plan.unlink()
    plan.write_text(kept, encoding="utf-8")
    commit_all(minimal, DEC1)
    # The link's target is never read: no "all actions removed" on 1 November, nothing at all is recorded.
    assert recorded(minimal, "cx") == []
    assert due(minimal, "cx", "A3", date(2026, 11, 15)) == date(2027, 5, 31)


def test_without_git_or_with_a_broken_repository_the_history_is_changes_csv(minimal: Path) -> None:
    edit(minimal / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")
    commit_all(minimal, DEC1)
    shutil.rmtree(minimal / ".git" / "objects")
    (minimal / ".git" / "objects").mkdir()
    assert GitHistory.open(minimal) is None
    assert load_workspace(minimal).problems == ()
    assert recorded(minimal, "cx") == []


def test_cxgov_history_lists_a_committed_hand_edit_and_a_plain_load_runs_no_git(minimal: Path) -> None:
    from cli_run import cxgov

    edit(minimal / "cx" / "plan.yaml", "due: 2027-05-31", "due: 2027-04-30")
    commit_all(minimal, DEC1)
    ran = cxgov("history", str(minimal), "--committee", "cx", "--json")
    assert ran.returncode == 0, ran.stderr
    import json

    [row] = [r for r in json.loads(ran.stdout) if r["file"] == "plan.yaml"]
    assert (row["date"], row["by"], row["object"], row["field"]) == ("2026-12-01", "bo", "action A3", "due")
    # Validation alone does not read git: the files as they are, no history merged in.
    assert load_workspace(minimal).committee["cx"].changes == ()
