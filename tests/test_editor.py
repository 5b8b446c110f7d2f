"""The chair's editor, driven from Python: set values, click buttons, read the files back."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest
from workspaces import MINIMAL, REPO

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import MATURITY_TRAITS

TODAY = date(2026, 11, 23)
NOTEBOOK = REPO / "notebooks" / "editor.ipynb"
INPUTS = (
    widgets.Text,
    widgets.Textarea,
    widgets.Dropdown,
    widgets.SelectMultiple,
    widgets.DatePicker,
    widgets.Checkbox,
    widgets.Button,
)


def text_of(value: str) -> str:
    """What a reader sees in an HTML widget."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", value))).strip()


def walk(widget: widgets.Widget) -> list[widgets.Widget]:
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += walk(child)
    return out


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of valid/minimal at tmp_path/ws, opened as 'ws' (messages start with 'ws/')."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    """The editor on a copy of the bundled example workspace."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "sofia")
    shutil.copytree(REPO / "committees", tmp_path / "committees")
    return Editor("committees", today=lambda: TODAY)


def files_of(ws: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file()}


# --- labels ----------------------------------------------------------------------


def test_every_input_has_a_visible_label(editor: Editor) -> None:
    editor.meeting.add_decision()
    inputs = [w for w in walk(editor.widget) if isinstance(w, INPUTS)]
    assert len(inputs) > 40
    unlabelled = [w for w in inputs if not w.description.strip()]
    assert unlabelled == []
    # The label is shown in full, never cut to the default width.
    assert all(w.style.description_width == "initial" for w in inputs if not isinstance(w, widgets.Button))


def test_the_status_form_has_the_labelled_pickers_and_button(editor: Editor) -> None:
    form = editor.update
    labels = [w.description for w in walk(form.widget) if isinstance(w, INPUTS)]
    assert labels == ["Committee", "Action", "Status", "Note", "Post update", "Withdraw latest update", "Reload"]
    assert editor.you.value == "ana"  # "You are", in the editor's header, from CXGOV_USER
    assert editor.tabs.titles[:2] == ("Check-in", "Status update")


# --- status updates ----------------------------------------------------------------


def test_posting_an_update_appends_a_row_dated_today_by_whoever_is_editing(editor: Editor, ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    form = editor.update
    form.committee.value = "cx"
    form.action.value = "A2"
    form.status.value = "at_risk"
    form.note.value = "Help-centre writer left"
    form.button.click()
    assert form.kind == "ok"
    assert text_of(form.message.value) == "Posted: A2 at_risk by ana on 2026-11-23"
    assert path.read_bytes() == old + b"2026-11-23,A2,at_risk,ana,Help-centre writer left\n"
    latest = load_workspace(ws).committee["cx"].updates[-1]
    assert (latest.date, latest.action, latest.status, latest.by) == (TODAY, "A2", "at_risk", "ana")
    assert form.note.value == ""
    assert text_of(form.latest.value) == "Latest: at risk on 2026-11-23 by ana: Help-centre writer left"


def test_posting_as_someone_else_records_their_id(editor: Editor, ws: Path) -> None:
    editor.update.action.value = "A1"
    editor.you.value = "bo"
    editor.update.button.click()
    assert (ws / "cx" / "updates.csv").read_text().splitlines()[-1] == "2026-11-23,A1,done,bo,"


def test_an_update_without_a_person_shows_the_validate_message_and_writes_nothing(editor: Editor, ws: Path) -> None:
    before = files_of(ws)
    editor.you.value = ""  # "(choose who you are)"
    editor.update.button.click()
    assert editor.update.kind == "error"
    assert editor.update.lines == [
        "CX Steering Committee: who is missing: it needs a person id from org.yaml (cx/updates.csv, line 5)"
    ]
    assert "who is missing: it needs a person id from org.yaml" in text_of(editor.update.message.value)
    assert files_of(ws) == before


# --- KPI values -----------------------------------------------------------------


def test_recording_kpi_values_for_a_month_appends_one_row_per_value(editor: Editor, ws: Path) -> None:
    form = editor.measurement
    assert form.period.value == "2026-10"  # the last complete month
    form.values["frt"].value = "2.5"
    form.values["csat"].value = "81"
    form.note.value = "after the rota change"
    form.button.click()
    assert form.kind == "ok", form.lines
    assert (ws / "cx" / "measurements.csv").read_text().splitlines()[-2:] == [
        "frt,2026-10,2.5,after the rota change",
        "csat,2026-10,81,after the rota change",
    ]
    got = {(m.kpi, m.period, m.value) for m in load_workspace(ws).committee["cx"].measurements}
    assert {("frt", "2026-10", 2.5), ("csat", "2026-10", 81.0)} <= got


def test_an_invalid_kpi_value_shows_the_exact_messages_escaped_and_writes_nothing(editor: Editor, ws: Path) -> None:
    before = files_of(ws)
    form = editor.measurement
    form.period.value = "2026-13"
    form.values["frt"].value = "<b>fast</b>"
    form.button.click()
    assert form.lines == [
        "CX Steering Committee, KPI First reply time (median): month 2026-13 is not a month YYYY-MM "
        "(cx/measurements.csv, line 5)",
        "CX Steering Committee, KPI First reply time (median): value <b>fast</b> is not a number "
        "(cx/measurements.csv, line 5)",
    ]
    assert "&lt;b&gt;fast&lt;/b&gt;" in form.message.value
    assert "<b>fast" not in form.message.value
    assert files_of(ws) == before


# --- meetings and maturity ----------------------------------------------------------


def test_recording_a_meeting_adds_attendance_and_decisions(editor: Editor, ws: Path) -> None:
    form = editor.meeting
    form.date.value = date(2026, 11, 20)
    form.attendees.value = ("ana", "bo", "marta")
    form.decisions[0][0].value = "Move the help-centre launch to January"
    form.decisions[0][1].value = ("A2",)
    form.add_decision()
    form.decisions[1][0].value = "Hire a second writer"
    form.notes.value = "Marta joined by phone."
    form.button.click()
    assert form.kind == "ok", form.lines
    meeting = load_workspace(ws).committee["cx"].meetings[-1]
    assert meeting.date == date(2026, 11, 20)
    assert meeting.attendees == ("ana", "bo", "marta")
    assert [(d.text, d.actions) for d in meeting.decisions] == [
        ("Move the help-centre launch to January", ("A2",)),
        ("Hire a second writer", ()),
    ]
    assert meeting.notes == "Marta joined by phone."


def test_a_meeting_without_attendees_is_refused_with_the_validate_message(editor: Editor, ws: Path) -> None:
    before = files_of(ws)
    editor.meeting.date.value = date(2026, 11, 20)
    editor.meeting.button.click()
    assert editor.meeting.lines == [
        "CX Steering Committee, meeting 2026-11-20: attendees is missing: it needs at least one person id "
        "(cx/meetings.yaml, line 13)"
    ]
    assert files_of(ws) == before


def test_recording_a_maturity_assessment_starts_from_the_last_one(editor: Editor, ws: Path) -> None:
    form = editor.maturity
    assert [w.value for w in form.traits.values()] == [True, False, True, False, True, False, True]
    form.traits["staffing"].value = True
    form.button.click()
    assert form.kind == "ok", form.lines
    last = load_workspace(ws).committee["cx"].assessments[-1]
    assert last.date == TODAY
    assert dict(zip(MATURITY_TRAITS, last.traits, strict=True))["staffing"] is True
    assert last.score == 5


def test_a_second_assessment_on_the_same_date_is_refused(editor: Editor, ws: Path) -> None:
    editor.maturity.date.value = date(2026, 7, 1)
    before = files_of(ws)
    editor.maturity.button.click()
    assert editor.maturity.lines == [
        "CX Steering Committee, assessment 2026-07-01: date: expected one assessment per date, "
        "found '2026-07-01' again (cx/maturity.yaml, line 10)"
    ]
    assert files_of(ws) == before


# --- actions ---------------------------------------------------------------------


def test_adding_an_action_with_raci_kpis_touchpoints_and_evidence(editor: Editor, ws: Path) -> None:
    form = editor.action
    assert form.action.value == "(new action)"
    assert form.id.value == "A5"
    assert [v for _, v in form.responsible.options] == ["ana", "bo", "dee", "eli", "marta"]  # known people only
    form.title_.value = "Call back every failed activation"
    form.milestone.value = 6
    form.due.value = date(2026, 12, 15)
    form.responsible.value = ("eli",)
    form.accountable.value = "bo"
    form.informed.value = ("marta",)
    form.kpis.value = ("frt",)
    form.touchpoints.value = ("activation-help",)
    form.evidence.value = "1 in 5 activations fail on the first try"
    form.button.click()
    assert form.kind == "ok", form.lines
    a = load_workspace(ws).committee["cx"].action["A5"]
    assert (a.title, a.horizon, a.due) == ("Call back every failed activation", 6, date(2026, 12, 15))
    assert (a.raci.responsible, a.raci.accountable, a.raci.informed) == (("eli",), "bo", ("marta",))
    assert (a.kpis, a.touchpoints, a.evidence) == (
        ("frt",),
        ("activation-help",),
        "1 in 5 activations fail on the first try",
    )
    assert form.action.value == "A5"  # the new action stays selected
    assert "A5" in [v for _, v in editor.update.action.options]


def test_editing_an_action_changes_only_its_lines(editor: Editor, ws: Path) -> None:
    path = ws / "cx" / "plan.yaml"
    before = path.read_text().splitlines()
    form = editor.action
    form.action.value = "A2"
    assert (form.title_.value, form.accountable.value, form.responsible.value) == (
        "Rewrite the activation help centre",
        "bo",
        ("dee", "eli"),
    )
    assert form.id.disabled
    form.consulted.value = ("ana",)
    form.button.click()
    assert form.kind == "ok", form.lines
    after = path.read_text().splitlines()
    assert [line for line in after if line not in before] == ["      consulted: [ana]"]
    assert len(after) == len(before) + 1
    assert load_workspace(ws).committee["cx"].action["A2"].raci.consulted == ("ana",)


def test_one_person_with_two_letters_is_refused_with_the_validate_message(editor: Editor, ws: Path) -> None:
    before = files_of(ws)
    form = editor.action
    form.action.value = "A2"
    form.consulted.value = ("bo",)  # bo is already accountable
    form.button.click()
    assert form.lines == [
        'CX Steering Committee, action A2 "Rewrite the activation help centre": Consulted: expected one letter '
        "per person on an action, found 'bo' also accountable (cx/plan.yaml, line 26)"
    ]
    assert files_of(ws) == before


# --- charter ------------------------------------------------------------------------


def test_editing_the_charter_keeps_comments_and_key_order(example: Editor, tmp_path: Path) -> None:
    path = tmp_path / "committees" / "cx-steering" / "committee.yaml"
    before = path.read_text().splitlines()
    form = example.charter
    assert example.committee.value == "cx-steering"  # the committee CXGOV_USER chairs
    form.cadence.value = "biweekly"
    form.members.value = (*form.members.value, "tom")
    form.button.click()
    assert form.kind == "ok", form.lines
    after = path.read_text().splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        (
            "members: [sofia, helen, ana, rajesh, david, olivia, sam, ben]",
            "members: [sofia, helen, ana, rajesh, david, olivia, sam, ben, tom]",
        ),
        (
            "cadence: monthly                   # first Thursday-ish of the month",
            "cadence: biweekly                  # first Thursday-ish of the month",
        ),
    ]
    c = load_workspace(tmp_path / "committees").committee["cx-steering"]
    assert (c.cadence, c.members[-1]) == ("biweekly", "tom")


def test_a_chair_who_is_not_a_member_is_refused(editor: Editor, ws: Path) -> None:
    before = files_of(ws)
    editor.charter.chair.value = "eli"
    editor.charter.button.click()
    assert editor.charter.lines == [
        "CX Steering Committee: chair eli is not a member of the committee (cx/committee.yaml, line 4)"
    ]
    assert files_of(ws) == before


def test_removing_the_sponsor_removes_the_key(editor: Editor, ws: Path) -> None:
    editor.charter.sponsor.value = ""  # "(none)"
    editor.charter.button.click()
    assert editor.charter.kind == "ok", editor.charter.lines
    assert "sponsor" not in (ws / "cx" / "committee.yaml").read_text()
    assert load_workspace(ws).committee["cx"].sponsor is None


# --- new committee --------------------------------------------------------------------


def test_scaffolding_a_new_committee_from_the_templates(editor: Editor, ws: Path) -> None:
    form = editor.new_committee
    assert form.launch.value == date(2026, 12, 1)
    form.id.value = "billing-council"
    form.name.value = "Billing Council"
    form.purpose.value = "One bill customers understand."
    form.chair.value = "dee"
    form.sponsor.value = "marta"
    form.button.click()
    assert form.kind == "ok", form.lines
    loaded = load_workspace(ws)
    assert loaded.problems_of("billing-council") == ()
    c = loaded.committee["billing-council"]
    assert (c.name, c.chair, c.sponsor, c.launch) == ("Billing Council", "dee", "marta", date(2026, 12, 1))
    assert editor.committee.value == "billing-council"
    assert "# Charter of Billing Council" in (ws / "billing-council" / "committee.yaml").read_text()


@pytest.mark.parametrize(
    ("cid", "message"),
    [
        ("cx", "cx: already exists; choose another id"),
        (
            "Bad Id",
            "committee id 'Bad Id' is not an id of a-z, 0-9 and '-' (at most 64, not starting with '-')",
        ),
    ],
)
def test_a_new_committee_with_a_taken_or_bad_id_is_refused(editor: Editor, ws: Path, cid: str, message: str) -> None:
    before = files_of(ws)
    editor.new_committee.id.value = cid
    editor.new_committee.button.click()
    assert editor.new_committee.kind == "error"
    assert editor.new_committee.lines == [message]
    assert files_of(ws) == before


# --- conflicts ------------------------------------------------------------------------


def test_a_file_changed_on_disk_is_not_overwritten_and_the_editor_offers_to_reload(editor: Editor, ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    path.write_text(path.read_text().replace("cadence: monthly", "cadence: weekly"))  # a git pull
    theirs = path.read_text()
    form = editor.charter
    form.name.value = "CX Council"
    form.button.click()
    assert form.kind == "conflict"
    assert form.lines == [
        "cx/committee.yaml changed on disk since you opened it (another chair or a git pull). "
        "Reload to see the new version; nothing was saved."
    ]
    assert form.reload.layout.display is None  # the Reload button is shown
    assert path.read_text() == theirs
    form.reload.click()
    assert form.reload.layout.display == "none"
    assert form.cadence.value == "weekly"
    form.name.value = "CX Council"
    form.button.click()
    assert form.kind == "ok", form.lines
    c = load_workspace(ws).committee["cx"]
    assert (c.name, c.cadence) == ("CX Council", "weekly")


def test_updates_another_chair_appended_meanwhile_are_kept(editor: Editor, ws: Path) -> None:
    other = Editor("ws", today=lambda: TODAY)
    other.update.action.value = "A3"
    other.you.value = "eli"
    other.update.button.click()
    editor.update.action.value = "A4"
    editor.update.button.click()
    assert (editor.update.kind, other.update.kind) == ("ok", "ok")
    rows = [(u.action, u.by) for u in load_workspace(ws).committee["cx"].updates[-2:]]
    assert rows == [("A3", "eli"), ("A4", "ana")]


def test_an_update_for_an_action_removed_from_the_plan_meanwhile_is_a_conflict(editor: Editor, ws: Path) -> None:
    plan = ws / "cx" / "plan.yaml"
    plan.write_text(plan.read_text().replace("# nothing", ""))  # same content: not a conflict
    editor.update.button.click()
    assert editor.update.kind == "ok"
    plan.write_text(plan.read_text() + "# A4 to be dropped\n")
    editor.update.note.value = "another update"  # the same one again would not be posted twice
    editor.update.button.click()
    assert editor.update.kind == "conflict"
    assert editor.update.lines[0].startswith("cx/plan.yaml changed on disk since you opened it")


def test_messages_with_markup_are_escaped(editor: Editor, ws: Path) -> None:
    editor.new_committee.id.value = "<img src=x onerror=alert(1)>"
    editor.new_committee.button.click()
    assert "<img" not in editor.new_committee.message.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in editor.new_committee.message.value


def test_a_missing_workspace_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    e = Editor("nowhere", today=lambda: TODAY)
    assert e.session is None
    assert "nowhere: expected a workspace folder, found nothing" in text_of(e.header.value)
    assert e.update.button.disabled


def test_the_workspace_comes_from_cxgov_workspace(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGOV_WORKSPACE", str(ws))
    e = Editor(today=lambda: TODAY)
    assert e.session is not None and e.session.root == ws


# --- the notebook ---------------------------------------------------------------------


def test_the_editor_notebook_is_thin_and_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 2
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "open_editor(workspace)" in code[1].source


@pytest.mark.slow
def test_the_editor_notebook_runs_headless_with_papermill(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ipynb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(NOTEBOOK),
            str(out),
            "-p",
            "workspace",
            str(ws),
            "--cwd",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    nb = nbformat.read(out, as_version=4)
    outputs = nb.cells[-1].outputs
    assert [o.output_type for o in outputs] == ["execute_result"]
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data
    assert (ws / "cx" / "updates.csv").read_bytes() == (MINIMAL / "cx" / "updates.csv").read_bytes()


def test_names_and_notes_with_markup_never_reach_the_page_as_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from payloads import COMMITTEE, PAYLOAD, hostile_workspace

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "sofia")
    e = Editor(str(hostile_workspace(tmp_path / "ws")), today=lambda: TODAY)
    assert e.committee.value == COMMITTEE
    e.update.action.value = "A1"
    e.update.note.value = PAYLOAD
    e.update.button.click()
    e.measurement.values["csat"].value = PAYLOAD  # refused, and the message quotes it
    e.measurement.button.click()
    assert e.measurement.kind == "error"
    shown = [w.value for w in walk(e.widget) if isinstance(w, widgets.HTML)]
    assert any("&lt;script&gt;" in v for v in shown)
    assert not any("<script" in v or "<img" in v for v in shown)
    # Labels and choices are plain text: ipywidgets renders descriptions as HTML only when asked to.
    assert not any(getattr(w, "description_allow_html", False) for w in walk(e.widget))
    assert (tmp_path / "ws" / COMMITTEE / "updates.csv").read_text().splitlines()[-1].endswith(PAYLOAD)
