"""The editor's journey form: org.yaml's stages, touchpoints and ranked priorities, checked against every committee."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 11, 23)
ADMIN = "  - {id: ada, name: Ada Min, department: cx, admin: true}\n"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """valid/minimal opened as 'ws' by ana, with a comment in org.yaml and an admin, ada."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    ws = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    org = ws / "org.yaml"
    text = org.read_text(encoding="utf-8").replace("journey:", ADMIN + "journey:   # agreed by the board", 1)
    org.write_text(text, encoding="utf-8")
    return ws


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


def org_text(ws: Path) -> str:
    return (ws / "org.yaml").read_text(encoding="utf-8")


def test_the_fixture_org_yaml_is_valid(ws: Path) -> None:
    assert load_workspace(ws).problems == ()
    assert "journey:   # agreed by the board\n" in org_text(ws)


def test_adding_a_stage_and_a_touchpoint_keeps_people_and_comments(editor: Editor, ws: Path) -> None:
    form = editor.journey
    people_before = org_text(ws).split("journey:")[0]
    form.stage.value = "(new stage)"
    form.stage_id.value, form.stage_name.value = "billing", "First bill"
    form.save_stage.click()
    assert form.kind == "ok", form.lines
    assert form.lines == ["Journey, stage billing saved: saved org.yaml"]
    assert form.stage.value == "billing"
    form.tp_id.value, form.tp_name.value, form.tp_channel.value = "bill-explainer", "Bill explainer", "e-mail"
    form.save_tp.click()
    assert form.kind == "ok", form.lines
    journey = load_workspace(ws).org.journey  # type: ignore[union-attr]
    assert journey is not None
    assert [s.id for s in journey.stages] == ["onboarding", "billing"]
    [tp] = journey.stages[1].touchpoints
    assert (tp.id, tp.name, tp.channel, tp.stage) == ("bill-explainer", "Bill explainer", "e-mail", "billing")
    text = org_text(ws)
    assert text.split("journey:")[0] == people_before  # departments and people byte for byte
    assert "journey:   # agreed by the board\n" in text
    assert form.touchpoint.value == "bill-explainer"


def test_renaming_a_touchpoint_changes_only_its_name(editor: Editor, ws: Path) -> None:
    form = editor.journey
    form.touchpoint.value = "welcome-call"
    assert (form.tp_name.value, form.tp_channel.value, form.tp_id.disabled) == ("Welcome call", "phone", True)
    form.tp_name.value = "Welcome call (first week)"
    form.save_tp.click()
    assert form.kind == "ok", form.lines
    assert "- {id: welcome-call, name: Welcome call (first week), channel: phone}\n" in org_text(ws)


def test_priorities_are_ranked_added_and_saved_with_the_day_agreed(editor: Editor, ws: Path) -> None:
    form = editor.journey
    assert form.ranked == ["activation-help", "welcome-call"]
    form.priorities.value = "welcome-call"
    form.up.click()
    assert [v for _, v in form.priorities.options] == ["welcome-call", "activation-help"]
    form.drop.click()  # welcome-call is still selected
    assert form.ranked == ["activation-help"]
    assert [v for _, v in form.candidate.options] == ["welcome-call"]
    form.candidate.value = "welcome-call"
    form.add.click()
    form.agreed.value = date(2026, 11, 20)
    form.save_priorities.click()
    assert form.kind == "ok", form.lines
    journey = load_workspace(ws).org.journey  # type: ignore[union-attr]
    assert journey is not None
    assert (journey.priorities, journey.agreed) == (("activation-help", "welcome-call"), date(2026, 11, 20))
    form.priorities.value = "welcome-call"
    form.up.click()
    form.save_priorities.click()
    assert "priorities: [welcome-call, activation-help]\n" in org_text(ws)


def test_removing_a_touchpoint_an_action_uses_is_refused_with_the_loaders_messages(editor: Editor, ws: Path) -> None:
    before = org_text(ws)
    form = editor.journey
    form.touchpoint.value = "activation-help"
    form.remove_tp.click()
    assert form.kind == "error"
    assert form.lines == [  # the priorities, the plan and the signals all name it
        "Minimal Telco, journey: priorities activation-help is not a touchpoint id from the journey in org.yaml "
        "(org.yaml, line 20)",
        'CX Steering Committee, action A2 "Rewrite the activation help centre": touchpoints activation-help '
        "is not a touchpoint id from the journey in org.yaml (cx/plan.yaml, line 26)",
        "signal S1: touchpoint activation-help is not a touchpoint id from the journey in org.yaml "
        "(signals.csv, line 2)",
    ]
    assert org_text(ws) == before


def test_removing_an_unused_touchpoint_removes_it(editor: Editor, ws: Path) -> None:
    form = editor.journey
    form.stage.value = "onboarding"
    form.touchpoint.value = "(new touchpoint)"
    form.tp_id.value, form.tp_name.value = "sms-reminder", "SMS reminder"
    form.save_tp.click()
    assert form.kind == "ok", form.lines
    form.touchpoint.value = "sms-reminder"
    form.remove_tp.click()
    assert form.kind == "ok", form.lines
    assert "sms-reminder" not in org_text(ws)


def test_under_jupyterhub_only_an_admin_may_change_the_journey(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = ws / "org.yaml"
    org.write_text(
        org_text(ws)
        .replace("{id: ana, name:", "{id: ana, login: ana, name:")
        .replace("{id: ada,", "{id: ada, login: ada,"),
        "utf-8",
    )
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    chair = Editor("ws", today=lambda: TODAY)
    form = chair.journey
    assert form.save_priorities.disabled and form.save_stage.disabled
    assert "Ana Kowalska may not change the journey" in form.who.value
    assert chair.session is not None
    with pytest.raises(Exception, match="only an admin may \\(Ada Min\\)"):
        chair.session.save_journey(lambda data: data, "priorities saved")
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    admin = Editor("ws", today=lambda: TODAY)
    admin.journey.stage_name.value = "Getting started"
    admin.journey.save_stage.click()
    assert admin.journey.kind == "ok", admin.journey.lines
    assert "name: Getting started" in org_text(ws)


def test_an_org_yaml_changed_since_the_editor_read_it_is_a_conflict_and_is_not_overwritten(
    editor: Editor, ws: Path
) -> None:
    (ws / "org.yaml").write_text(org_text(ws).replace("Onboarding", "Getting started"), encoding="utf-8")
    changed = org_text(ws)
    form = editor.journey
    form.stage_name.value = "Welcome"
    form.save_stage.click()
    assert form.kind == "conflict"
    assert form.lines[0].startswith("org.yaml changed on disk since you opened it")
    assert org_text(ws) == changed
