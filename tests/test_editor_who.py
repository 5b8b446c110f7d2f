"""Who saved: the editor's "You are" signs every write; with CXGOV_GIT_COMMIT=1 each save is a git commit."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """valid/minimal at tmp_path/ws, opened as 'ws'; no git config of the machine's user is read."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.delenv("CXGOV_GIT_COMMIT", raising=False)
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


def git(root: Path, *args: str) -> str:
    env = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root.parent), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", *args], cwd=root, env=env, check=True, capture_output=True
    )
    return done.stdout.decode()


@pytest.fixture
def repo(ws: Path) -> Path:
    git(ws, "init", "-q")
    git(ws, "-c", "user.name=Setup", "-c", "user.email=setup@example.com", "add", "-A")
    git(ws, "-c", "user.name=Setup", "-c", "user.email=setup@example.com", "commit", "-q", "-m", "start")
    return ws


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD"))


# --- "You are" in the header --------------------------------------------------------


def test_you_are_is_in_the_header_and_is_the_sessions_person_and_today(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    assert editor.you in editor.widget.children  # the header, above every tab
    assert editor.you.value == "ana" and editor.session is not None  # from CXGOV_USER
    assert (editor.session.person, editor.session.today()) == ("ana", TODAY)
    editor.you.value = "dee"
    assert editor.session.person == "dee"
    editor.reload()
    assert (editor.you.value, editor.session.person) == ("dee", "dee")  # a reload keeps who you are
    editor.you.value = ""  # "(choose who you are)"
    assert editor.session.person is None


def test_a_charter_save_records_the_headers_person_in_changes_csv(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    editor.you.value = "bo"
    editor.charter.cadence.value = "biweekly"
    editor.charter.button.click()
    assert editor.charter.kind == "ok", editor.charter.lines
    assert (ws / "cx" / "changes.csv").read_text().splitlines()[1:] == [
        '2026-11-23,bo,committee.yaml,charter,cadence,"""monthly""","""biweekly""",'
    ]


def test_a_status_update_is_posted_as_the_headers_person(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    editor.you.value = "eli"
    editor.update.action.value = "A3"
    editor.update.button.click()
    assert editor.update.kind == "ok", editor.update.lines
    assert (ws / "cx" / "updates.csv").read_text().splitlines()[-1] == "2026-11-23,A3,not_started,eli,"


def test_kpi_values_meetings_and_assessments_are_signed_in_audit_csv(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    editor.you.value = "bo"
    editor.measurement.values["frt"].value = "2.5"
    editor.measurement.button.click()
    assert editor.measurement.kind == "ok", editor.measurement.lines
    editor.maturity.button.click()
    assert editor.maturity.kind == "ok", editor.maturity.lines
    rows = [line.split(",", 1)[1] for line in (ws / "cx" / "audit.csv").read_text().splitlines()[1:]]
    assert rows == [
        "bo,measurements.csv,kpi frt 2026-10,2.5",
        "bo,maturity.yaml,assessment 2026-11-23,Riser (4 of 7 held)",
    ]
    stamp = (ws / "cx" / "audit.csv").read_text().splitlines()[1].split(",")[0]
    assert stamp.startswith("2026-11-23T") and len(stamp) == len("2026-11-23T09:30:00+00:00")
    last = (ws / "cx" / "measurements.csv").read_text().splitlines()[-1]
    assert last == "frt,2026-10,2.5,"  # the last complete month


# --- git commits (opt-in) ---------------------------------------------------------------


def test_saves_are_not_committed_unless_cxgov_git_commit_is_set(repo: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    assert editor.session is not None and editor.session.git_commit is False
    editor.update.action.value = "A3"
    editor.update.button.click()
    assert editor.update.lines == ["Posted: A3 not_started by ana on 2026-11-23"]
    assert commits(repo) == 1


def test_each_save_is_a_commit_of_the_files_it_wrote_by_the_person(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGOV_GIT_COMMIT", "1")
    (repo / "notes.txt").write_text("not mine\n")
    git(repo, "add", "notes.txt")  # staged by someone else: stays staged, not committed
    editor = Editor("ws", today=lambda: TODAY)
    editor.you.value = "bo"
    editor.update.action.value = "A3"
    editor.update.button.click()
    head = git(repo, "rev-parse", "--short", "HEAD").strip()
    assert editor.update.lines == [f"Posted: A3 not_started by bo on 2026-11-23. Committed to git as Bo Lind: {head}"]
    log = git(repo, "log", "-1", "--format=%an <%ae>|%cn|%s", "--name-only").split("\n")
    assert log[:3] == [
        "Bo Lind <bo@example.com>|Bo Lind|cxgov: status update A3 not_started (cx)",
        "",
        "cx/updates.csv",
    ]
    assert git(repo, "diff", "--cached", "--name-only") == "notes.txt\n"
    editor.you.value = "ana"  # no email in org.yaml
    editor.charter.cadence.value = "biweekly"
    editor.charter.button.click()
    assert editor.charter.kind == "ok", editor.charter.lines
    log = git(repo, "log", "-1", "--format=%an <%ae>|%s", "--name-only").split("\n")
    assert log[:4] == ["Ana Kowalska <>|cxgov: charter (cx)", "", "cx/changes.csv", "cx/committee.yaml"]
    assert commits(repo) == 3
    assert git(repo, "status", "--porcelain") == "A  notes.txt\n"


def test_a_commit_that_fails_leaves_the_save_and_says_why(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGOV_GIT_COMMIT", "1")
    editor = Editor("ws", today=lambda: TODAY)  # ws is no git repository
    editor.update.action.value = "A3"
    editor.update.button.click()
    assert editor.update.kind == "ok"
    line = editor.update.lines[0]
    assert line.startswith("Posted: A3 not_started by ana on 2026-11-23. Not committed to git: not a git repository")
    assert (ws / "cx" / "updates.csv").read_text().splitlines()[-1] == "2026-11-23,A3,not_started,ana,"


def test_a_save_that_changes_nothing_makes_no_commit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGOV_GIT_COMMIT", "yes")
    editor = Editor("ws", today=lambda: TODAY)
    editor.charter.button.click()  # the charter as it is
    assert editor.charter.lines == ["Saved: cx/committee.yaml. Nothing changed to commit to git"]
    assert commits(repo) == 1


@pytest.mark.parametrize(("value", "wanted"), [("1", True), ("true", True), ("On", True), ("0", False), ("", False)])
def test_cxgov_git_commit_values(monkeypatch: pytest.MonkeyPatch, value: str, wanted: bool) -> None:
    from cxgov.workspace.gitcommit import wanted as git_commit_wanted

    monkeypatch.setenv("CXGOV_GIT_COMMIT", value)
    assert git_commit_wanted() is wanted
