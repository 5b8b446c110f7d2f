"""The editor under JupyterHub: "You are" is the signed-in person (org.yaml's login), and the governance's
permissions decide what they may write. Outside the Hub, "You are" stays a free choice and nothing is refused.

valid/minimal's cx: chair ana, A1 R bo A ana, A3 R eli A ana; frt owned by bo. Logins are added here.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """valid/minimal at tmp_path/ws with logins ana.k (ana), bo (bo) and eli@example.com (eli)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CXGOV_USER", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("CXGOV_GIT_COMMIT", raising=False)
    root = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    org = root / "org.yaml"
    text = org.read_text(encoding="utf-8")
    for pid, login in (("ana", "ana.k"), ("bo", "bo"), ("eli", "eli@example.com")):
        text = text.replace(f"{{id: {pid}, ", f"{{id: {pid}, login: {login}, ", 1)
    org.write_text(text, encoding="utf-8")
    return root


def updates(ws: Path) -> list[str]:
    return (ws / "cx" / "updates.csv").read_text(encoding="utf-8").splitlines()


def hub_editor(monkeypatch: pytest.MonkeyPatch, login: str) -> Editor:
    monkeypatch.setenv("JUPYTERHUB_USER", login)
    return Editor("ws", today=lambda: TODAY)


def test_under_the_hub_you_are_is_the_person_with_the_login_and_not_a_choice(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = hub_editor(monkeypatch, "ana.k")
    assert editor.you.disabled
    assert editor.you.options == (("Ana Kowalska (ana), signed in as ana.k", "ana"),)
    assert editor.session is not None and editor.session.person == "ana" and editor.session.enforce
    assert editor.committee.value == "cx"  # the committee she chairs
    editor.reload()
    assert (editor.you.value, editor.you.disabled, editor.session.person) == ("ana", True, "ana")


def test_cxgov_user_does_not_change_who_is_signed_in(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGOV_USER", "ana")
    editor = hub_editor(monkeypatch, "bo")
    assert editor.session is not None and editor.session.person == "bo"


def test_the_chair_posts_an_update_signed_as_herself(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = hub_editor(monkeypatch, "ana.k")
    editor.update.action.value = "A3"
    editor.update.status.value = "on_track"
    editor.update.button.click()
    assert editor.update.lines == ["Posted: A3 on_track by ana on 2026-11-23"]
    assert updates(ws)[-1] == "2026-11-23,A3,on_track,ana,"


def test_a_person_is_refused_an_update_on_an_action_not_theirs_and_told_why(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = updates(ws)
    editor = hub_editor(monkeypatch, "eli@example.com")
    editor.update.action.value = "A1"
    editor.update.button.click()
    assert editor.update.kind == "error"
    assert editor.update.lines == [
        "Eli Brandt may not post an update on A1 (Map the onboarding journey): only the people Responsible or "
        "Accountable for it and the chair of CX Steering Committee may (Bo Lind, Ana Kowalska). "
        "Ask one of them to post it, or to name you in its RACI."
    ]
    assert "Not saved:" in editor.update.message.value
    assert updates(ws) == before
    editor.update.action.value = "A3"  # Responsible for A3
    editor.update.button.click()
    assert editor.update.kind == "ok" and updates(ws)[-1] == "2026-11-23,A3,not_started,eli,"


def test_only_the_chair_changes_the_charter_and_the_plan(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    charter = (ws / "cx" / "committee.yaml").read_text(encoding="utf-8")
    editor = hub_editor(monkeypatch, "bo")
    editor.charter.cadence.value = "biweekly"
    editor.charter.button.click()
    assert editor.charter.kind == "error"
    assert editor.charter.lines[0].startswith("Bo Lind may not change the charter of CX Steering Committee")
    editor.action.button.click()
    assert editor.action.kind == "error"
    assert editor.action.lines[0].startswith("Bo Lind may not change the plan of CX Steering Committee")
    assert (ws / "cx" / "committee.yaml").read_text(encoding="utf-8") == charter
    assert not (ws / "cx" / "changes.csv").exists()


def test_a_kpi_owner_records_the_kpis_value_signed_in_audit_csv(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = hub_editor(monkeypatch, "bo")
    editor.measurement.values["frt"].value = "2.5"
    editor.measurement.button.click()
    assert editor.measurement.kind == "ok", editor.measurement.lines
    assert (ws / "cx" / "audit.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[1:3] == [
        "bo",
        "measurements.csv",
    ]
    editor.measurement.values["csat"].value = "80"
    editor.measurement.button.click()
    assert editor.measurement.kind == "error"
    assert editor.measurement.lines[0].startswith("Bo Lind may not record values of csat")


def test_a_login_org_yaml_does_not_know_may_read_but_not_write(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = updates(ws)
    editor = hub_editor(monkeypatch, "mallory")
    assert editor.you.options == (("signed in as mallory, a login no person in org.yaml has: you can only read", ""),)
    assert editor.session is not None and editor.session.person is None
    editor.update.action.value = "A1"
    editor.update.button.click()
    assert editor.update.lines == [
        "You may not post an update on A1: org.yaml does not say who you are (no person has your login)."
    ]
    assert updates(ws) == before


def test_outside_the_hub_you_are_is_a_choice_and_nothing_is_refused(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    assert not editor.you.disabled and editor.session is not None and not editor.session.enforce
    editor.you.value = "eli"
    editor.update.action.value = "A1"  # not eli's: the Hub would refuse it
    editor.update.button.click()
    assert editor.update.kind == "ok" and updates(ws)[-1] == "2026-11-23,A1,done,eli,"  # A1's status as it was
