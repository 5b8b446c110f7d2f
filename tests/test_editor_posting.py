"""Status updates posted once, corrected and withdrawn, through the Status update tab: only appends."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.editor.posting import withdrawal
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    import shutil

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    shutil.copytree(MINIMAL, tmp_path / "ws")
    e = Editor("ws", today=lambda: TODAY)
    assert e.session is not None
    e.session.clock = lambda: datetime(2026, 11, 23, 14, 5)
    return e


def updates(editor: Editor) -> list[list[str]]:
    with (Path("ws") / "cx" / "updates.csv").open(encoding="utf-8", newline="") as f:
        return [list(r.values()) for r in csv.DictReader(f)]


def post(editor: Editor, action: str, status: str, note: str) -> None:
    form = editor.update
    form.action.value, form.status.value, form.note.value = action, status, note
    form.button.click()


def test_a_second_press_of_the_same_post_is_recognised_and_not_written(editor: Editor) -> None:
    before = updates(editor)
    post(editor, "A2", "at_risk", "Writer left")
    post(editor, "A2", "at_risk", "Writer left")
    assert updates(editor) == [*before, ["2026-11-23", "A2", "at_risk", "ana", "Writer left"]]
    assert editor.update.lines == ["Not posted again: A2 at_risk by ana was already posted at 14:05"]


def test_a_post_that_differs_or_returns_to_an_earlier_state_is_written(editor: Editor) -> None:
    post(editor, "A2", "at_risk", "Writer left")
    post(editor, "A2", "at_risk", "Writer left; hiring")  # another note
    post(editor, "A2", "at_risk", "Writer left")  # no longer the latest row: it says something again
    assert [r[4] for r in updates(editor)[-3:]] == ["Writer left", "Writer left; hiring", "Writer left"]


def test_a_row_written_elsewhere_today_counts_as_posted(editor: Editor) -> None:
    with (Path("ws") / "cx" / "updates.csv").open("a", encoding="utf-8") as f:
        f.write("2026-11-23,A2,on_track,ana,Draft reviewed\n")  # another editor, or a hand edit
    post(editor, "A2", "on_track", "Draft reviewed")
    assert editor.update.lines == ["Not posted again: A2 on_track by ana was already posted today"]
    assert [r[1] for r in updates(editor)].count("A2") == 2


def test_withdrawing_an_update_appends_a_row_that_puts_the_previous_status_back(editor: Editor) -> None:
    before = updates(editor)
    post(editor, "A2", "done", "Published")  # meant for another action
    editor.update.note.value = "posted on the wrong action"
    editor.update.withdraw.click()
    assert editor.update.kind == "ok", editor.update.lines
    assert updates(editor) == [
        *before,
        ["2026-11-23", "A2", "done", "ana", "Published"],
        ["2026-11-23", "A2", "on_track", "ana", "withdrawn: 2026-11-23 done: posted on the wrong action"],
    ]
    c = load_workspace("ws").committee["cx"]
    assert c.updates[-1].status == "on_track"
    assert "Latest: on track on 2026-11-23 by ana" in editor.update.latest.value


def test_withdrawing_the_first_update_makes_the_action_not_started_again() -> None:
    rows = [{"date": "2026-11-02", "action": "A3", "status": "at_risk", "by": "ana", "note": ""}]
    assert withdrawal(rows, "") == ("not_started", "withdrawn: 2026-11-02 at_risk")


def test_an_action_without_updates_has_nothing_to_withdraw(editor: Editor) -> None:
    editor.update.action.value = "A3"
    assert editor.update.withdraw.disabled
    editor.update.withdraw.disabled = False  # pressed anyway (a stale page)
    editor.update.withdraw.click()
    assert editor.update.lines == ["update: expected an update to withdraw, found none for this action"]


def test_a_correction_is_the_next_post_and_the_history_keeps_both(editor: Editor) -> None:
    post(editor, "A2", "off_track", "Writer left")
    post(editor, "A2", "at_risk", "Writer left; a freelancer starts Monday")
    c = load_workspace("ws").committee["cx"]
    assert [(u.status, u.note) for u in c.updates if u.action == "A2"][-2:] == [
        ("off_track", "Writer left"),
        ("at_risk", "Writer left; a freelancer starts Monday"),
    ]


def test_a_repeat_is_recognised_in_a_history_with_crlf_lines_and_quoted_notes(editor: Editor) -> None:
    path = Path("ws") / "cx" / "updates.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # saved by a spreadsheet on Windows
    editor.reload()
    post(editor, "A2", "at_risk", 'Writer left, "hiring"')
    post(editor, "A2", "at_risk", 'Writer left, "hiring"')
    assert [r[4] for r in updates(editor) if r[1] == "A2"] == ["", 'Writer left, "hiring"']
    assert editor.update.lines == ["Not posted again: A2 at_risk by ana was already posted at 14:05"]
