"""The editor's action form: moving a due date asks for a reason and shows the original date."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor

TODAY = date(2026, 11, 23)


def text_of(value: str) -> str:
    """What a reader sees in an HTML widget."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", value))).strip()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of valid/minimal at tmp_path/ws, opened as 'ws' by ana."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


def test_a_due_date_moved_without_a_reason_is_refused_then_saved_with_it(ws: Path) -> None:
    plan = (ws / "cx" / "plan.yaml").read_bytes()
    e = Editor("ws", today=lambda: TODAY)
    form = e.action
    form.action.value = "A2"  # minimal/cx A2: due 2026-11-30, on_track
    assert form.due_history.value == ""  # never moved
    assert form.reason.description == "Reason for the new date"
    form.due.value = date(2026, 12, 15)
    form.button.click()
    assert form.kind == "error"
    assert form.lines == ["reason is missing: it needs a reason for moving A2 from 2026-11-30 to 2026-12-15"]
    assert (ws / "cx" / "plan.yaml").read_bytes() == plan
    form.reason.value = "Help-centre writer on leave until December"
    form.button.click()
    assert form.kind == "ok", form.lines
    rows = (ws / "cx" / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1:] == [
        '2026-11-23,ana,plan.yaml,action A2,due,"""2026-11-30""","""2026-12-15""",Help-centre writer on leave until December'
    ]
    # The form shows the saved action again: its original date and its one move, 11-30 -> 12-15 = +15 days.
    assert form.action.value == "A2"
    assert text_of(form.due_history.value) == "originally due 2026-11-30, moved 1 time (+15 days)"
    assert form.reason.value == ""


def test_keeping_the_due_date_needs_no_reason(ws: Path) -> None:
    e = Editor("ws", today=lambda: TODAY)
    form = e.action
    form.action.value = "A2"
    form.consulted.value = ("ana",)
    form.button.click()
    assert form.kind == "ok", form.lines
    assert ",action A2,due," not in (ws / "cx" / "changes.csv").read_text(encoding="utf-8")
