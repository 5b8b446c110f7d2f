"""The editor's meeting correction form: change a recorded meeting in place, comments and other meetings kept."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Decision

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """valid/minimal opened as 'ws' by ana; meetings.yaml with comments."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    ws = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    path = ws / "cx" / "meetings.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  - date: 2026-08-05\n", "  - date: 2026-08-05   # budget meeting\n"
    )
    path.write_text("# Minutes kept by Bo\n" + text, encoding="utf-8")
    return ws


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


def meetings_text(ws: Path) -> str:
    return (ws / "cx" / "meetings.yaml").read_text(encoding="utf-8")


def test_the_latest_meeting_is_shown_first_as_recorded(editor: Editor) -> None:
    form = editor.meeting_edit
    assert [label for label, _ in form.meeting.options] == [
        "2026-08-05: 3 attendees, 1 decision",
        "2026-07-08: 3 attendees, 1 decision",
    ]
    assert form.date.value == date(2026, 8, 5)
    assert tuple(form.attendees.value) == ("ana", "bo", "dee")
    assert [(t.value, tuple(a.value)) for t, a in form.decisions] == [("Fund the help-centre rewrite", ("A2",))]


def test_correcting_attendees_decisions_and_notes_keeps_the_rest_and_is_audited(editor: Editor, ws: Path) -> None:
    form = editor.meeting_edit
    form.attendees.value = ("ana", "bo", "dee", "marta")  # the sponsor was there after all
    form.decisions[0][0].value = "Fund the help-centre rewrite from the shared budget"
    form.add_decision("Review repeat contacts in October", ("A3",))
    form.notes.value = "Marta joined late."
    form.button.click()
    assert form.kind == "ok", form.lines
    assert form.lines == ["CX Steering Committee, meeting 2026-08-05: Saved: cx/meetings.yaml"]
    text = meetings_text(ws)
    assert text.startswith("# Minutes kept by Bo\nmeetings:\n  - date: 2026-07-08\n")
    assert "  - date: 2026-08-05   # budget meeting\n    attendees: [ana, bo, dee, marta]\n" in text
    c = load_workspace(ws).committee["cx"]
    first, second = c.meetings
    assert first.notes == "Sponsor asked for five lost-customer calls a month."  # the other meeting untouched
    assert second.attendees == ("ana", "bo", "dee", "marta")
    assert second.decisions == (
        Decision("Fund the help-centre rewrite from the shared budget", ("A2",)),
        Decision("Review repeat contacts in October", ("A3",)),
    )
    assert second.notes == "Marta joined late."
    with open(ws / "cx" / "audit.csv", encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert (row["by"], row["file"], row["object"]) == ("ana", "meetings.yaml", "meeting 2026-08-05")
    assert row["value"] == "corrected (was 2026-08-05): 4 attendees, 2 decisions"


def test_a_wrong_date_is_corrected_and_an_emptied_decision_removed(editor: Editor, ws: Path) -> None:
    form = editor.meeting_edit
    form.meeting.value = "2026-07-08#0"
    form.date.value = date(2026, 7, 9)
    form.decisions[0][0].value = " "
    form.notes.value = ""
    form.button.click()
    assert form.kind == "ok", form.lines
    m = load_workspace(ws).committee["cx"].meetings[0]
    assert (m.date, m.decisions, m.notes) == (date(2026, 7, 9), (), None)
    assert form.meeting.value == "2026-07-09#0"


def test_a_correction_the_loader_refuses_shows_its_message_and_writes_nothing(editor: Editor, ws: Path) -> None:
    before = meetings_text(ws)
    form = editor.meeting_edit
    form.attendees.value = ()
    form.button.click()
    assert form.kind == "error"
    assert len(form.lines) == 1 and "meeting 2026-08-05: attendees is missing: it needs" in form.lines[0], form.lines
    assert meetings_text(ws) == before


def test_of_two_meetings_on_one_day_the_chosen_one_is_corrected(editor: Editor, ws: Path) -> None:
    path = ws / "cx" / "meetings.yaml"
    path.write_text(
        meetings_text(ws) + "  - date: 2026-08-05\n    attendees: [ana, marta]\n    notes: Sponsor catch-up\n", "utf-8"
    )
    editor.reload()
    form = editor.meeting_edit
    assert "2026-08-05 (meeting 2 that day): 2 attendees, 0 decisions" in [label for label, _ in form.meeting.options]
    form.meeting.value = "2026-08-05#1"
    assert form.notes.value == "Sponsor catch-up"
    form.notes.value = "Sponsor catch-up on the budget"
    form.button.click()
    assert form.kind == "ok", form.lines
    first, second = [m for m in load_workspace(ws).committee["cx"].meetings if m.date == date(2026, 8, 5)]
    assert (first.attendees, first.notes) == (("ana", "bo", "dee"), None)
    assert (second.attendees, second.notes) == (("ana", "marta"), "Sponsor catch-up on the budget")


def test_a_committee_without_meetings_offers_nothing_to_correct(editor: Editor, ws: Path) -> None:
    (ws / "cx" / "meetings.yaml").unlink()
    editor.reload()
    form = editor.meeting_edit
    assert [label for label, _ in form.meeting.options] == ["(no meeting recorded yet)"]
    assert form.button.disabled


def test_moving_a_meeting_onto_another_meetings_date_asks_first(editor: Editor, ws: Path) -> None:
    before = meetings_text(ws)
    form = editor.meeting_edit
    form.meeting.value = "2026-07-08#0"
    form.date.value = date(2026, 8, 5)
    form.button.click()
    assert form.kind == "ask"
    assert form.lines == [
        "CX Steering Committee: a meeting on 2026-08-05 is already recorded. Change the date, or press "
        "Save with that date anyway to keep two meetings that day."
    ]
    assert form.again.layout.display is None
    assert meetings_text(ws) == before
    form.again.click()
    assert form.kind == "ok", form.lines
    assert [m.date for m in load_workspace(ws).committee["cx"].meetings] == [date(2026, 8, 5), date(2026, 8, 5)]
