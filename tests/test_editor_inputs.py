"""Inputs people expect: decimal commas, the KPI month, checkbox pickers, members first, new committees."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.editor.new_committee import suggest_id
from cxgov.editor.ui import Checklist, decimal_comma, number_text
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    for var in ("LC_ALL", "LC_NUMERIC"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "comma", "written"),
    [
        ("86,6", True, "86.6"),
        ("86,6", False, "86.6"),  # one comma, not three digits after it: only a decimal comma
        ("1,000", True, "1.000"),
        ("1,000", False, "1000"),
        ("1.000", True, "1000"),
        ("1.234,5", True, "1234.5"),
        ("1,234.5", False, "1234.5"),
        ("86.6", True, "86.6"),
        (" -0,5 ", True, "-0.5"),
        ("86,6,1", True, "86,6,1"),  # not a number: left for the loader's message
        ("86,6x", True, "86,6x"),  # not a number either way: kept as typed, so the message quotes it
        ("86,6x", False, "86,6x"),
    ],
)
def test_numbers_typed_with_a_decimal_comma_are_written_as_the_format_writes_them(
    typed: str, comma: bool, written: str
) -> None:
    assert number_text(typed, comma) == written


@pytest.mark.parametrize(
    ("environ", "comma"),
    [
        ({"LANG": "de_DE.UTF-8"}, True),
        ({"LANG": "pt_BR"}, True),
        ({"LANG": "en_GB.UTF-8"}, False),
        ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, False),
        ({"LC_NUMERIC": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({}, False),
    ],
)
def test_the_locale_decides_whether_a_comma_is_decimal(environ: dict[str, str], comma: bool) -> None:
    assert decimal_comma(environ) == comma


def test_a_kpi_value_with_a_decimal_comma_is_recorded_for_the_last_complete_month(editor: Editor, ws: Path) -> None:
    form = editor.measurement
    assert form.period.value == "2026-10"
    form.values["csat"].value = "86,6"
    form.button.click()
    assert form.kind == "ok", form.lines
    assert (ws / "cx" / "measurements.csv").read_text().splitlines()[-1] == "csat,2026-10,86.6,"


def test_a_future_month_is_refused(editor: Editor, ws: Path) -> None:
    before = (ws / "cx" / "measurements.csv").read_bytes()
    editor.measurement.period.value = "2026-12"
    editor.measurement.values["frt"].value = "2"
    editor.measurement.button.click()
    assert editor.measurement.lines == ["month: expected 2026-11 or an earlier month, found '2026-12' (in the future)"]
    assert (ws / "cx" / "measurements.csv").read_bytes() == before


def test_a_value_for_a_month_that_has_one_is_shown_and_saved_as_its_correction(editor: Editor, ws: Path) -> None:
    form = editor.measurement
    form.period.value = "2026-08"
    assert "2026-08 has 3.1: a value here corrects it" in form.hints["frt"].value
    assert "2026-08 has 78: a value here corrects it" in form.hints["csat"].value
    form.values["frt"].value = "2,9"
    form.button.click()
    assert form.lines == ["Recorded for 2026-08: frt 2.9 (corrects frt 3.1; the history keeps both)"]
    assert load_workspace(ws).committee["cx"].measurements[-1].value == 2.9
    assert "2026-08 has 2.9" in form.hints["frt"].value  # the latest wins


# --- meetings --------------------------------------------------------------------------------


def test_a_meeting_on_a_day_that_has_one_asks_first(editor: Editor, ws: Path) -> None:
    form = editor.meeting
    before = (ws / "cx" / "meetings.yaml").read_bytes()
    form.date.value = date(2026, 8, 5)
    form.attendees.value = ("ana", "bo")
    form.button.click()
    assert form.kind == "ask"
    assert form.lines == [
        "A meeting on 2026-08-05 is already recorded (3 attendees). "
        "Change the date, or press Record another meeting that day to add a second one."
    ]
    assert (ws / "cx" / "meetings.yaml").read_bytes() == before
    assert form.again.layout.display is None
    form.again.click()
    assert form.kind == "ok", form.lines
    assert [m.date for m in load_workspace(ws).committee["cx"].meetings].count(date(2026, 8, 5)) == 2


def test_attendees_list_the_committees_members_first(editor: Editor) -> None:
    assert [v for _, v in editor.meeting.attendees.options] == ["ana", "bo", "dee", "marta", "eli"]


# --- pickers of several --------------------------------------------------------------------


def test_a_plain_click_on_one_choice_keeps_the_others_and_the_choice_stays_visible() -> None:
    picker = Checklist("Attendees", [("Ana", "ana"), ("Bo", "bo"), ("Dee", "dee")])
    picker.value = ("ana", "dee")
    picker.boxes["bo"].value = True  # one click on Bo's box
    assert picker.value == ("ana", "dee", "bo")
    assert "Ana, Dee, Bo" in picker.summary.value
    picker.boxes["ana"].value = False
    assert picker.value == ("dee", "bo")
    assert [b.value for b in picker.boxes.values()] == [False, True, True]


def test_members_keep_the_order_the_chair_wrote(editor: Editor, ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    path.write_text(path.read_text().replace("members: [ana, bo, dee, marta]", "members: [marta, dee, ana, bo]"))
    editor.reload()
    assert editor.charter.members.value == ("marta", "dee", "ana", "bo")
    editor.charter.cadence.value = "biweekly"
    editor.charter.button.click()
    assert editor.charter.kind == "ok", editor.charter.lines
    assert "members: [marta, dee, ana, bo]" in path.read_text()


# --- new committee -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "taken", "cid"),
    [
        ("Billing Council", (), "billing-council"),
        ("  Café & Crème: Voice of Customer #2 ", (), "cafe-creme-voice-of-customer-2"),
        ("Billing Council", ("billing-council",), "billing-council-2"),
        ("Billing Council", ("billing-council", "billing-council-2"), "billing-council-3"),
        ("!!!", (), ""),
        ("x" * 80, (), "x" * 64),
    ],
)
def test_a_committee_id_is_suggested_from_its_name(name: str, taken: tuple[str, ...], cid: str) -> None:
    assert suggest_id(name, taken) == cid


def test_a_new_committee_starts_from_the_chairs_answers(editor: Editor, ws: Path) -> None:
    form = editor.new_committee
    form.name.value = "Billing Council"
    assert form.id.value == "billing-council"
    form.purpose.value = "Stop billing surprises:\n one bill customers understand."
    form.chair.value = "dee"
    form.departments.value = ("product", "cx")
    form.button.click()
    assert form.kind == "ok", form.lines
    c = load_workspace(ws).committee["billing-council"]
    assert (c.name, c.purpose, c.departments) == (
        "Billing Council",
        "Stop billing surprises: one bill customers understand.",
        ("product", "cx"),
    )
    assert "Say in one sentence" not in (ws / "billing-council" / "committee.yaml").read_text()


def test_an_id_typed_by_hand_is_not_replaced_by_the_suggestion(editor: Editor) -> None:
    form = editor.new_committee
    form.name.value = "Billing"
    form.id.value = "bills"
    form.name.value = "Billing Council"
    assert form.id.value == "bills"


def test_a_new_committee_without_a_purpose_is_refused(editor: Editor, ws: Path) -> None:
    form = editor.new_committee
    form.name.value = "Billing Council"
    form.button.click()
    assert form.lines == ["purpose is missing: it needs a sentence saying what the committee aligns"]
    assert not (ws / "billing-council").exists()
