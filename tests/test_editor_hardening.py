"""The editor on hostile workspaces and odd input: a message next to the form, never a traceback or a lost row."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 11, 23)
SECRET = b"outside the workspace: must never change\n"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of valid/minimal at tmp_path/ws, opened as 'ws' (messages start with 'ws/')."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.csv").write_bytes(SECRET)
    return folder


def files_of(folder: Path) -> dict[str, bytes | str]:
    """Every entry under folder: a file's bytes, a link's target."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            if p.is_symlink():
                out[str(p.relative_to(folder))] = "-> " + os.readlink(p)
            elif p.is_file():
                out[str(p.relative_to(folder))] = p.read_bytes()
    return out


def editor() -> Editor:
    return Editor("ws", today=lambda: TODAY)


# --- files the editor must not write -------------------------------------------------


def refusal(name: str, found: str) -> str:
    return f"cx/{name}: file: expected a regular file inside the workspace, found {found}; nothing was written"


def test_a_history_linking_outside_leaves_its_committee_out_of_the_editor(ws: Path, outside: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.unlink()
    path.symlink_to(outside / "secret.csv")
    e = editor()
    assert e.current is None
    assert "Left out until their files are fixed by hand" in e.header.value


def test_a_history_that_became_a_link_outside_since_loading_is_refused_next_to_the_form(
    ws: Path, outside: Path
) -> None:
    e = editor()
    path = ws / "cx" / "updates.csv"
    path.unlink()
    path.symlink_to(outside / "secret.csv")  # a git pull, after the editor loaded
    before_ws, before_out = files_of(ws), files_of(outside)
    e.update.action.value = "A1"
    e.update.button.click()
    assert e.update.kind == "error"
    assert e.update.lines == [refusal("updates.csv", "a symbolic link")]
    assert "Not saved:" in e.update.message.value
    assert files_of(ws) == before_ws
    assert files_of(outside) == before_out


def test_kpi_values_for_a_history_that_links_to_a_missing_file_outside_create_nothing(ws: Path, outside: Path) -> None:
    e = editor()
    path = ws / "cx" / "measurements.csv"
    path.unlink()
    path.symlink_to(outside / "new.csv")
    e.measurement.values["frt"].value = "2.5"
    e.measurement.button.click()
    assert e.measurement.lines == [refusal("measurements.csv", "a symbolic link")]
    assert files_of(outside) == {"secret.csv": SECRET}


def test_a_plan_that_links_inside_the_workspace_loads_but_is_not_saved_through_the_link(ws: Path) -> None:
    shutil.move(ws / "cx" / "plan.yaml", ws / "plan-of-cx.yaml")
    (ws / "cx" / "plan.yaml").symlink_to("../plan-of-cx.yaml")
    kept = (ws / "plan-of-cx.yaml").read_bytes()
    e = editor()
    e.action.action.value = "A2"
    e.action.consulted.value = ("ana",)
    e.action.button.click()
    assert e.action.lines == [refusal("plan.yaml", "a symbolic link")]
    assert (ws / "plan-of-cx.yaml").read_bytes() == kept


def test_a_committee_folder_linked_to_another_is_not_written_through(ws: Path) -> None:
    shutil.copytree(ws / "cx", ws / "cx2")
    shutil.rmtree(ws / "cx")
    (ws / "cx").symlink_to("cx2")
    before = files_of(ws)
    e = editor()
    e.committee.value = "cx"
    e.charter.cadence.value = "weekly"
    e.charter.button.click()
    assert e.charter.lines == [refusal("committee.yaml", "a folder that is a symbolic link")]
    assert files_of(ws) == before


def test_a_fifo_history_neither_hangs_the_editor_nor_is_written(ws: Path, tmp_path: Path) -> None:
    path = ws / "cx" / "updates.csv"
    # A child process with a timeout: opening a FIFO for reading or writing would block it forever.
    code = (
        "import os; from datetime import date; from cxgov.editor import Editor\n"
        "e = Editor('ws', today=lambda: date(2026, 11, 23))\n"
        "os.unlink('ws/cx/updates.csv'); os.mkfifo('ws/cx/updates.csv')  # swapped after loading\n"
        "e.update.action.value = 'A1'\n"
        "e.update.button.click()\n"
        "print(e.update.kind); print(e.update.lines[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["error", refusal("updates.csv", "a FIFO (named pipe)")]
    assert path.is_fifo()
    e = editor()  # loading a workspace with the FIFO in it does not hang either
    assert e.current is None


def test_the_editor_opens_a_workspace_with_link_loops_fifos_and_odd_entries(ws: Path) -> None:
    (ws / "loop").symlink_to("loop")
    (ws / "loop-a").symlink_to("loop-b")
    (ws / "loop-b").symlink_to("loop-a")
    (ws / "dangling").symlink_to("nowhere")
    os.mkfifo(ws / "pipe")
    (ws / "cx" / "extra-loop").symlink_to("extra-loop")
    os.mkfifo(ws / "cx" / "meetings.yaml.fifo")
    e = editor()
    assert e.session is not None
    assert [c.id for c in e.session.ws.committees] == ["cx"]
    e.update.action.value = "A1"
    e.update.button.click()
    assert e.update.kind == "ok", e.update.lines


def test_a_hand_edit_with_an_unclosed_quote_is_refused_and_the_update_is_not_lost(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.write_bytes(path.read_bytes() + b'2026-09-02,A2,on_track,dee,"forgot to close\n')
    old = path.read_bytes()
    e = editor()
    e.update.action.value = "A1"
    e.update.note.value = "this must not vanish"
    e.update.button.click()
    assert e.update.kind == "error"
    assert e.update.lines == [
        "cx/updates.csv:5: row: expected a complete CSV row before new rows are added, "
        "found a quoted field that is never closed; nothing was written (fix that line by hand)"
    ]
    assert "Posted" not in e.update.message.value
    assert e.update.note.value == "this must not vanish"  # kept in the form, to post after the fix
    assert path.read_bytes() == old


# --- values the forms refuse -------------------------------------------------------------


RANGE = "is not a date between 1900-01-01 and 2199-12-31"


@pytest.mark.parametrize("day", [date(9999, 12, 1), date(9999, 12, 31), date(2200, 1, 1), date(1899, 12, 31)])
def test_dates_outside_the_supported_range_are_refused_by_every_form(ws: Path, day: date) -> None:
    before = files_of(ws)
    e = editor()
    e.charter.launch.value = day
    e.charter.button.click()
    e.action.action.value = "A1"
    e.action.due.value = day
    e.action.button.click()
    e.meeting.date.value = day
    e.meeting.attendees.value = ("ana",)
    e.meeting.button.click()
    e.maturity.date.value = day
    e.maturity.button.click()
    e.new_committee.id.value = "billing"
    e.new_committee.chair.value = "ana"
    e.new_committee.launch.value = day
    e.new_committee.button.click()
    found = day.isoformat()
    assert [f.lines for f in (e.charter, e.action, e.meeting, e.maturity, e.new_committee)] == [
        [f"launch date {found} {RANGE}"],
        [f"due date {found} {RANGE}"],
        [f"date {found} {RANGE}"],
        [f"date {found} {RANGE}"],
        [f"launch date {found} {RANGE}"],
    ]
    assert files_of(ws) == before


def test_the_first_and_last_supported_dates_are_accepted(ws: Path) -> None:
    e = editor()
    e.meeting.date.value = date(2199, 12, 31)
    e.meeting.attendees.value = ("ana",)
    e.meeting.button.click()
    e.maturity.date.value = date(1900, 1, 1)
    e.maturity.button.click()
    assert (e.meeting.kind, e.maturity.kind) == ("ok", "ok"), (e.meeting.lines, e.maturity.lines)
    c = load_workspace(ws).committee["cx"]
    assert c.meetings[-1].date == date(2199, 12, 31)
    assert date(1900, 1, 1) in [a.date for a in c.assessments]


def test_a_date_python_cannot_hold_sent_by_the_browser_is_a_message_not_the_previous_date(ws: Path) -> None:
    before = files_of(ws)
    e = editor()
    e.charter.launch.set_state({"value": {"year": 10000, "month": 0, "date": 1}})  # as the browser sends it
    assert e.charter.launch.value is None
    e.charter.button.click()
    assert e.charter.lines == [f"launch date 10000-01-01 {RANGE}"]
    e.new_committee.id.value = "billing"
    e.new_committee.chair.value = "ana"
    e.new_committee.launch.set_state({"value": {"year": 2026, "month": 1, "date": 30}})  # 30 February
    e.new_committee.button.click()
    assert e.new_committee.lines == [f"launch date 2026-02-30 {RANGE}"]
    assert files_of(ws) == before
    e.charter.launch.set_state({"value": {"year": 2026, "month": 6, "date": 1}})
    assert (e.charter.launch.value, e.charter.launch.typed) == (date(2026, 7, 1), "")


def test_a_note_utf8_cannot_hold_is_refused_naming_the_column(ws: Path) -> None:
    before = files_of(ws)
    e = editor()
    e.update.action.value = "A1"
    e.update.note.value = "broken \ud800 text"
    e.update.button.click()
    assert e.update.lines == [
        "cx/updates.csv: note: expected text, found the character U+D800, which UTF-8 cannot hold; nothing was written"
    ]
    assert files_of(ws) == before


def test_a_note_longer_than_the_loader_reads_is_refused(ws: Path) -> None:
    before = files_of(ws)
    e = editor()
    e.update.action.value = "A1"
    e.update.note.value = "x" * 200_000
    e.update.button.click()
    assert e.update.lines == [
        "cx/updates.csv: note: expected at most 131,072 characters, found 200,000; nothing was written"
    ]
    assert files_of(ws) == before


def test_checking_a_change_never_writes_into_the_workspace_even_through_a_linked_folder(ws: Path) -> None:
    from cxgov.editor.check import problems_with

    shutil.copytree(ws / "cx", ws / "cx2")
    shutil.rmtree(ws / "cx")
    (ws / "cx").symlink_to("cx2")
    before = files_of(ws)
    text = (ws / "cx2" / "committee.yaml").read_text().replace("cadence: monthly", "cadence: sometimes")
    found = problems_with(ws, "ws", "cx", {"committee.yaml": text})
    assert [str(p) for p in found] == [
        "ws/cx/committee.yaml:8: committee cx: cadence: expected one of weekly, biweekly, monthly, quarterly; "
        "found 'sometimes'"
    ]
    assert files_of(ws) == before
