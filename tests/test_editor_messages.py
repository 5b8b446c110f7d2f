"""Editor messages in a chair's words: names not ids, plain words, the workspace-relative file and line.

The workspace sits under a deep temporary folder, opened by its absolute path
(as `make edit` opens it): no message may show that folder.
"""

from __future__ import annotations

import dataclasses
import errno
import shutil
from datetime import date
from pathlib import Path

import pytest
from editor_helpers import action_values
from workspaces import MINIMAL

from cxgov.editor.check import Invalid
from cxgov.editor.edits import KpiValues
from cxgov.editor.messages import Wording, field_words, wording, wrong
from cxgov.editor.session import Session
from cxgov.errors import CxgovError, Problem
from cxgov.workspace.store import ConflictError

TODAY = date(2026, 11, 23)


@pytest.fixture
def deep(tmp_path: Path) -> Path:
    """A copy of valid/minimal five folders down: the server path no message may show."""
    return Path(shutil.copytree(MINIMAL, tmp_path / "srv" / "cxgov" / "data" / "2026" / "ws"))


@pytest.fixture
def session(deep: Path) -> Session:
    s = Session(str(deep))
    s.today = lambda: TODAY
    s.person = "ana"
    return s


def refused(change: object) -> Exception:
    """The exception a change raises (it must raise one)."""
    with pytest.raises((CxgovError, OSError)) as info:
        change()  # type: ignore[operator]
    return info.value


def test_a_kpi_definition_problem_names_the_committee_and_the_kpi_with_file_and_line(session: Session) -> None:
    kpi = session.ws.committee["cx"].kpi["csat"]
    values = KpiValues(kpi.id, kpi.name, kpi.kind, kpi.unit, kpi.direction, kpi.target, owner="zed")
    exc = refused(lambda: session.save_kpi("cx", values, "csat"))
    assert isinstance(exc, Invalid)
    assert wording(session).problems(exc.problems) == [
        "CX Steering Committee, KPI CSAT: owner zed is not a person id from org.yaml (cx/kpis.yaml, line 11)"
    ]


def test_an_action_problem_names_the_action_by_its_id_and_title_and_the_raci_role_in_words(session: Session) -> None:
    a = session.ws.committee["cx"].action["A2"]
    exc = refused(lambda: session.save_action("cx", action_values(a, accountable="zed"), "A2"))
    assert isinstance(exc, Invalid)
    assert wording(session).problems(exc.problems) == [
        'CX Steering Committee, action A2 "Rewrite the activation help centre": '
        "Accountable zed is not a person id from org.yaml (cx/plan.yaml, line 25)"
    ]


def test_a_missing_value_says_what_it_needs(session: Session) -> None:
    exc = refused(lambda: session.post_update("cx", "A2", "at_risk", "", "note", TODAY))
    assert isinstance(exc, Invalid)
    assert wording(session).problems(exc.problems) == [
        "CX Steering Committee: who is missing: it needs a person id from org.yaml (cx/updates.csv, line 5)"
    ]


def test_a_kpi_value_that_is_no_number_names_its_kpi_and_is_shown_as_typed(session: Session) -> None:
    exc = refused(lambda: session.record_measurements("cx", "2026-10", {"csat": "86,6x"}, ""))
    assert isinstance(exc, Invalid)
    assert wording(session).problems(exc.problems) == [
        "CX Steering Committee, KPI CSAT: value 86,6x is not a number (cx/measurements.csv, line 5)"
    ]


def test_each_kpi_value_names_its_own_kpi_even_after_a_note_of_two_lines(session: Session) -> None:
    values = {"frt": "2,5x", "csat": "8 6"}
    exc = refused(lambda: session.record_measurements("cx", "2026-10", values, "two\nlines"))
    assert isinstance(exc, Invalid)
    assert wording(session).problems(exc.problems) == [
        "CX Steering Committee, KPI First reply time (median): value 2,5x is not a number "
        "(cx/measurements.csv, line 5)",
        "CX Steering Committee, KPI CSAT: value '8 6' is not a number (cx/measurements.csv, line 7)",
    ]


def test_a_problem_of_org_yaml_names_the_organisation(session: Session, deep: Path) -> None:
    p = Problem(str(deep / "org.yaml"), 9, "person bo", "department", "a department id from org.yaml", "'ops'")
    assert wording(session).problem(p) == (
        "Minimal Telco, person Bo Lind: department ops is not a department id from org.yaml (org.yaml, line 9)"
    )


def test_a_milestone_and_a_numbered_field_in_words(session: Session, deep: Path) -> None:
    plan = str(deep / "cx" / "plan.yaml")
    milestone = Problem(plan, 4, "milestone 3", "due", "a date YYYY-MM-DD", "'2026-13-01'", "cx")
    budget = Problem(
        str(deep / "cx" / "committee.yaml"), 11, "committee cx", "budget[1].amount", "a number", "'x'", "cx"
    )
    assert wording(session).problems([milestone, budget]) == [
        "CX Steering Committee, 3-month milestone: due date 2026-13-01 is not a date YYYY-MM-DD (cx/plan.yaml, line 4)",
        "CX Steering Committee: budget line 1 amount x is not a number (cx/committee.yaml, line 11)",
    ]


def test_a_value_with_spaces_keeps_its_quotes_and_an_odd_expectation_reads_as_the_validator_says(
    session: Session, deep: Path
) -> None:
    status = Problem(str(deep / "cx" / "updates.csv"), 3, None, "status", "one of on_track, done", "'on track'", "cx")
    twice = Problem(str(deep / "cx" / "plan.yaml"), 7, "action A1", "kpis", "each KPI once", "'csat' twice", "cx")
    assert wording(session).problems([status, twice]) == [
        "CX Steering Committee: status 'on track' is not one of on_track, done (cx/updates.csv, line 3)",
        'CX Steering Committee, action A1 "Map the onboarding journey": KPIs: expected each KPI once, '
        "found 'csat' twice (cx/plan.yaml, line 7)",
    ]


def test_a_new_committee_not_yet_loaded_is_named_by_its_id(session: Session, deep: Path) -> None:
    p = Problem(str(deep / "ops" / "committee.yaml"), 4, "committee ops", "chair", "a member of the committee", "'zed'")
    p = dataclasses.replace(p, committee="ops")
    assert wording(session).problem(p) == (
        "ops: chair zed is not a member of the committee (ops/committee.yaml, line 4)"
    )


def test_a_field_error_is_said_in_plain_words(session: Session) -> None:
    exc = refused(lambda: session.record_measurements("cx", "2026-10", {"csat": " "}, ""))
    assert wording(session).error(exc) == "value is missing: it needs a value for at least one KPI"
    exc = refused(lambda: session.committee("nope"))
    assert wording(session).error(exc) == "committee nope is not a committee that loaded"


def test_a_conflict_names_the_file_inside_the_workspace(session: Session, deep: Path) -> None:
    plan = deep / "cx" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    a = session.ws.committee["cx"].action["A2"]
    exc = refused(lambda: session.save_action("cx", action_values(a, title="Rewritten"), "A2"))
    assert isinstance(exc, ConflictError)
    assert wording(session).error(exc) == (
        "cx/plan.yaml changed on disk since you opened it (another chair or a git pull). "
        "Reload to see the new version; nothing was saved."
    )


def test_a_disk_error_names_the_file_inside_the_workspace_and_no_server_folder(session: Session, deep: Path) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", str(deep / "cx" / "plan.yaml"))
    assert wording(session).error(full) == "cx/plan.yaml: No space left on device"
    elsewhere = OSError(errno.EACCES, "Permission denied", "/var/lib/cxgov/locks/cx.lock")
    assert wording(session).error(elsewhere) == "cx.lock: Permission denied"
    assert wording(session).error(OSError(f"cannot open {deep}")) == "cannot open the workspace"


def test_the_workspace_opened_by_a_linked_path_is_taken_out_in_every_form(tmp_path: Path, deep: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(deep)
    say = Wording(None, str(link))
    assert say.relative(f"{deep}/cx/plan.yaml and {link}/cx/kpis.yaml") == "cx/plan.yaml and cx/kpis.yaml"
    assert say.relative(f"{deep}2/cx/plan.yaml") == "plan.yaml"  # a sibling folder is not the workspace


def test_no_message_of_the_session_shows_the_server_folder(session: Session, deep: Path) -> None:
    a = session.ws.committee["cx"].action["A2"]
    kpi = session.ws.committee["cx"].kpi["csat"]
    changes = [
        lambda: session.save_action("cx", action_values(a, accountable="zed", due=None), "A2"),
        lambda: session.save_kpi("cx", KpiValues("csat", "", "outcome", "%", "up", None, owner="zed"), kpi.id),
        lambda: session.post_update("cx", "A9", "late", "zed", "", TODAY),
        lambda: session.record_measurements("cx", "2026-13", {"csat": "1e999"}, ""),
        lambda: session.create_committee("cx", "Again", "ana", None, TODAY),
        lambda: session.committee(""),
    ]
    say = wording(session)
    shown = []
    for change in changes:
        exc = refused(change)
        shown += say.problems(exc.problems) if isinstance(exc, Invalid) else [say.error(exc)]
    assert len(shown) >= len(changes)
    assert [m for m in shown if str(deep) in m or "/tmp" in m or "srv/cxgov" in m] == []


def test_field_words_and_plain_wrongs() -> None:
    assert [field_words(f) for f in ("due", "raci.consulted", "depends_on", "target_value")] == [
        "due date",
        "Consulted",
        "depends on",
        "target value",
    ]
    assert wrong("value", "a number", "'86,6'") == "value 86,6 is not a number"
    assert wrong("members", "at least one person id", "an empty list") == (
        "members is missing: it needs at least one person id"
    )


def test_a_workspace_opened_by_a_relative_name_is_taken_out_only_as_a_folder(tmp_path: Path) -> None:
    say = Wording(None, "ws")
    assert say.relative("ws/cx/updates.csv:5: expected a complete row before new rows are added") == (
        "cx/updates.csv:5: expected a complete row before new rows are added"
    )
    assert say.relative("news/ws/x and ws") == "news/ws/x and ws"


def test_the_editor_forms_show_the_chairs_words_and_no_server_folder(
    deep: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxgov.editor import Editor

    monkeypatch.setenv("CXGOV_USER", "ana")
    editor = Editor(str(deep), today=lambda: TODAY)
    editor.charter.chair.value = "eli"  # not a member
    editor.charter.button.click()
    assert (editor.charter.kind, editor.charter.lines) == (
        "error",
        ["CX Steering Committee: chair eli is not a member of the committee (cx/committee.yaml, line 4)"],
    )
    editor.charter.chair.value = "ana"
    editor.charter.button.click()
    assert (editor.charter.kind, editor.charter.lines) == ("ok", ["Saved: cx/committee.yaml"])
    assert str(deep) not in editor.charter.message.value


def test_the_editors_header_and_problem_list_show_no_server_folder(deep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxgov.editor import Editor

    monkeypatch.setenv("CXGOV_USER", "ana")
    plan = deep / "cx" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("    raci:", "    raci_note: x\n    raci:", 1))
    editor = Editor(str(deep), today=lambda: TODAY)
    editor.committee.value = "cx"  # its unknown key is reported, not blocking
    shown = editor.header.value + editor.problems.value
    assert str(deep.parent) not in shown
    assert "Workspace: <code>ws</code>" in editor.header.value
    assert "1 problem(s) in this committee" in editor.problems.value
    assert "raci note" in editor.problems.value and "(cx/plan.yaml, line " in editor.problems.value
