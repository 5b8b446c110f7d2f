"""The editor's milestones form: goals and due dates of the 3/6/12-month milestones, recorded in changes.csv."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """valid/minimal opened as 'ws' by ana, its plan with a comment and a 12-month milestone at its default due."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    ws = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    plan = ws / "cx" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "  - {horizon: 12, goal: Repeat contacts about activation halved, due: 2027-06-30}",
        "  - {horizon: 12, goal: Repeat contacts about activation halved}   # due: the default",
    )
    plan.write_text("# The plan as agreed at launch\n" + text, encoding="utf-8")
    return ws


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


def changes(ws: Path) -> list[dict[str, str]]:
    with open(ws / "cx" / "changes.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_form_shows_each_milestone_and_its_default_due(editor: Editor) -> None:
    form = editor.milestones
    assert [form.goals[h].value for h in (3, 6, 12)] == [
        "Journey agreed and first fixes shipped",
        "Shared KPIs reviewed monthly",
        "Repeat contacts about activation halved",
    ]
    assert [form.dues[h].value for h in (3, 6, 12)] == [date(2026, 9, 30), date(2026, 12, 31), date(2027, 6, 30)]
    assert "default: 2027-06-30" in form.defaults[12].value


def test_changing_a_goal_and_a_due_date_records_both_with_the_reason(editor: Editor, ws: Path) -> None:
    form = editor.milestones
    form.goals[6].value = "Shared KPIs reviewed monthly by all three departments"
    form.dues[6].value = date(2027, 1, 31)
    form.reason.value = "December review moved to January"
    form.button.click()
    assert form.kind == "ok", form.lines
    assert form.lines == ["CX Steering Committee, milestones: Saved: cx/plan.yaml"]
    m = load_workspace(ws).committee["cx"].milestone[6]
    assert (m.goal, m.due) == ("Shared KPIs reviewed monthly by all three departments", date(2027, 1, 31))
    rows = [(r["object"], r["field"], r["before"], r["after"], r["reason"], r["by"]) for r in changes(ws)]
    assert rows == [
        (
            "milestone 6",
            "goal",
            '"Shared KPIs reviewed monthly"',
            '"Shared KPIs reviewed monthly by all three departments"',
            "December review moved to January",
            "ana",
        ),
        ("milestone 6", "due", '"2026-12-31"', '"2027-01-31"', "December review moved to January", "ana"),
    ]


def test_a_due_date_left_at_its_default_stays_unwritten_and_comments_stay(editor: Editor, ws: Path) -> None:
    form = editor.milestones
    form.goals[12].value = "Repeat contacts about activation down by 60%"
    form.button.click()
    assert form.kind == "ok", form.lines
    text = (ws / "cx" / "plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# The plan as agreed at launch\n")
    # ruamel writes one space before a flow mapping's comment; the comment itself stays
    assert "  - {horizon: 12, goal: Repeat contacts about activation down by 60%} # due: the default\n" in text
    assert [(r["object"], r["field"]) for r in changes(ws)] == [("milestone 12", "goal")]


def test_a_milestone_due_before_its_actions_is_refused_with_the_loaders_message(editor: Editor, ws: Path) -> None:
    before = (ws / "cx" / "plan.yaml").read_bytes()
    form = editor.milestones
    form.dues[6].value = date(2026, 10, 31)  # A2 is due 2026-11-30
    form.button.click()
    assert form.kind == "error"
    assert form.lines == [
        'CX Steering Committee, action A2 "Rewrite the activation help centre": due date 2026-11-30 is not a date '
        "on or before 2026-10-31 (the 6-month milestone) (cx/plan.yaml, line 23)"
    ]
    assert (ws / "cx" / "plan.yaml").read_bytes() == before
    assert not (ws / "cx" / "changes.csv").exists()


def test_an_empty_goal_is_refused(editor: Editor, ws: Path) -> None:
    form = editor.milestones
    form.goals[3].value = "  "
    form.button.click()
    assert form.kind == "error"
    assert len(form.lines) == 1 and "3-month milestone: goal is missing: it needs a text" in form.lines[0], form.lines
