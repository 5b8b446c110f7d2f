"""The check-in tab, driven in-process: what a chair sees, what one press posts, counted in interactions."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from checkin_helpers import TODAY, chair_week

from cxgov.editor import Editor
from cxgov.editor.checkin import NO_CHANGE


class Chair:
    """Counts what a person does on the screen: each value set (a pick, a typed text) and each click is one."""

    def __init__(self) -> None:
        self.interactions = 0

    def set(self, widget: widgets.Widget, value: Any) -> None:
        widget.value = value
        self.interactions += 1

    def click(self, b: widgets.Button) -> None:
        b.click()
        self.interactions += 1


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_NUMERIC", raising=False)
    return chair_week(tmp_path / "ws")


@pytest.fixture
def editor(ws: Path) -> Editor:
    e = Editor("ws", today=lambda: TODAY)
    assert e.session is not None
    e.session.clock = lambda: datetime(2026, 11, 23, 9, 30)
    return e


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_check_in_is_the_first_tab_and_lists_you_are_s_actions_most_urgent_first(editor: Editor) -> None:
    assert editor.tabs.children[0] is editor.checkin.widget
    assert editor.tabs.titles[0] == "Check-in"
    assert list(editor.checkin.statuses) == [("cx", a) for a in ("A4", "A5", "A6", "A7", "A3")]
    assert [("cx", k) for k in ("frt", "csat")] == list(editor.checkin.values)
    assert editor.checkin.month.value == "2026-10"  # the last complete month
    shown = editor.checkin.actions_box.children[1].value
    assert "overdue 54 days" in shown and "A4" in shown and "Accountable" in shown
    a6 = editor.checkin.actions_box.children[5].value
    assert "at risk on 2026-11-10 by eli" in a6 and "Waiting for the data team" in a6
    hint = editor.checkin.hints[("cx", "csat")].value
    assert "target at least 85" in hint and "last 78 (2026-08)" in hint


def test_a_chair_with_5_actions_and_2_kpis_checks_in_within_10_interactions(editor: Editor, ws: Path) -> None:
    form, chair = editor.checkin, Chair()
    updates_before = (ws / "cx" / "updates.csv").read_text(encoding="utf-8")
    chair.set(form.statuses[("cx", "A4")], "off_track")
    chair.set(form.notes[("cx", "A4")], "Blocked on legal")
    chair.set(form.statuses[("cx", "A5")], "on_track")
    chair.set(form.notes[("cx", "A6")], "Data arrives Friday")  # a note alone: the status stays at risk
    chair.set(form.statuses[("cx", "A7")], "done")
    chair.set(form.statuses[("cx", "A3")], "on_track")
    chair.set(form.values[("cx", "frt")], "2,5")  # a decimal comma
    chair.set(form.values[("cx", "csat")], "86.6")
    chair.click(form.button)
    assert chair.interactions <= 10
    assert form.kind == "ok", form.lines
    after = (ws / "cx" / "updates.csv").read_text(encoding="utf-8")
    assert after.startswith(updates_before)  # appended, nothing rewritten
    assert [list(r.values()) for r in rows(ws / "cx" / "updates.csv")][-5:] == [
        ["2026-11-23", "A4", "off_track", "ana", "Blocked on legal"],
        ["2026-11-23", "A5", "on_track", "ana", ""],
        ["2026-11-23", "A6", "at_risk", "ana", "Data arrives Friday"],
        ["2026-11-23", "A7", "done", "ana", ""],
        ["2026-11-23", "A3", "on_track", "ana", ""],
    ]
    assert [list(r.values()) for r in rows(ws / "cx" / "measurements.csv")][-2:] == [
        ["frt", "2026-10", "2.5", ""],
        ["csat", "2026-10", "86.6", ""],
    ]
    # The screen now shows the new state: A7 is done, so it left the list; the inputs are empty again.
    assert list(form.statuses) == [("cx", a) for a in ("A4", "A5", "A6", "A3")]
    assert all(w.value == NO_CHANGE for w in form.statuses.values())
    assert all(w.value == "" for w in form.values.values())


def test_actions_left_at_no_change_are_not_posted(editor: Editor, ws: Path) -> None:
    before = (ws / "cx" / "updates.csv").read_bytes()
    editor.checkin.button.click()
    assert editor.checkin.kind == "error"
    assert editor.checkin.lines == ["Nothing to post: set a status, write a note or type a KPI value first."]
    assert (ws / "cx" / "updates.csv").read_bytes() == before


def test_the_same_post_twice_is_written_once(editor: Editor, ws: Path) -> None:
    form = editor.checkin
    for _ in range(2):
        form.statuses[("cx", "A5")].value = "on_track"
        form.notes[("cx", "A5")].value = "Trainer booked"
        form.button.click()
    assert [r["action"] for r in rows(ws / "cx" / "updates.csv")].count("A5") == 1
    assert form.kind == "ok"
    assert form.lines == ["Not posted again: A5 on_track by ana was already posted at 09:30"]


def test_a_kpi_value_for_a_month_that_has_one_is_shown_and_saved_as_a_correction(editor: Editor, ws: Path) -> None:
    form = editor.checkin
    form.month.value = "2026-08"
    assert "2026-08 has 78: a value here corrects it" in form.hints[("cx", "csat")].value
    form.values[("cx", "csat")].value = "79"
    form.button.click()
    assert form.kind == "ok", form.lines
    assert form.lines[0].endswith("(corrects csat 78; the history keeps both)")
    kept = [(r["period"], r["value"]) for r in rows(ws / "cx" / "measurements.csv") if r["kpi"] == "csat"]
    assert kept == [("2026-08", "78"), ("2026-08", "79")]


def test_a_future_month_is_refused_and_the_value_kept_for_a_retry(editor: Editor, ws: Path) -> None:
    before = (ws / "cx" / "measurements.csv").read_bytes()
    form = editor.checkin
    form.month.value = "2026-12"
    form.values[("cx", "frt")].value = "2.0"
    form.button.click()
    assert form.kind == "error"
    assert form.lines == ["month: expected 2026-11 or an earlier month, found '2026-12' (in the future)"]
    assert (ws / "cx" / "measurements.csv").read_bytes() == before
    assert form.values[("cx", "frt")].value == "2.0"


def test_choosing_someone_else_shows_their_check_in(editor: Editor) -> None:
    editor.you.value = "bo"
    assert list(editor.checkin.statuses) == [("cx", a) for a in ("A2", "A5", "A7")]
    assert editor.checkin.values == {}
    editor.you.value = ""
    assert editor.checkin.statuses == {}
    assert "Choose who you are" in editor.checkin.heading.value


def test_actions_across_committees_are_named_with_their_committee_and_posted_to_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from workspaces import REPO

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "olivia")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    shutil.copytree(REPO / "committees", tmp_path / "committees")
    form = Editor("committees", today=lambda: TODAY).checkin
    assert list(form.statuses) == [
        ("voc-council", "A4"),
        ("voc-council", "A7"),
        ("cx-steering", "A12"),
        ("voc-council", "A6"),
        ("voc-council", "A8"),
    ]
    assert form.statuses[("cx-steering", "A12")].description == "cx-steering A12 status"
    form.statuses[("cx-steering", "A12")].value = "at_risk"
    form.notes[("voc-council", "A7")].value = "Vendor replied"
    form.button.click()
    assert form.kind == "ok", form.lines
    last = {c: rows(tmp_path / "committees" / c / "updates.csv")[-1] for c in ("cx-steering", "voc-council")}
    assert list(last["cx-steering"].values()) == ["2026-11-23", "A12", "at_risk", "olivia", ""]
    assert list(last["voc-council"].values()) == ["2026-11-23", "A7", "off_track", "olivia", "Vendor replied"]
