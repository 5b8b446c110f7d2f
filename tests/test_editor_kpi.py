"""The editor's KPI form: add and change KPI definitions, recorded in changes.csv, read back with the loader."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL, REPO

from cxgov.editor import Editor
from cxgov.editor.edits import number
from cxgov.errors import CxgovError
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of valid/minimal at tmp_path/ws, opened as 'ws', edited by ana."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    ws = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    kpis = ws / "cx" / "kpis.yaml"
    kpis.write_text("# KPIs agreed in July\n" + kpis.read_text(encoding="utf-8"), encoding="utf-8")
    return ws


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


def changes(ws: Path, committee: str = "cx") -> list[dict[str, str]]:
    with open(ws / committee / "changes.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_changing_a_kpi_writes_every_field_keeps_comments_and_records_who(editor: Editor, ws: Path) -> None:
    form = editor.kpi
    form.kpi.value = "frt"
    assert (form.name.value, form.kind_.value, form.target.value, form.owner.value) == (
        "First reply time (median)",
        "operational",
        "1",
        "bo",
    )
    form.target.value = "0,5"  # a decimal comma
    form.owner.value = "dee"
    form.shared.value = True
    form.weight.value = "2"
    form.button.click()
    assert form.kind == "ok", form.lines
    assert form.lines == ["CX Steering Committee, KPI First reply time (median): Saved: cx/kpis.yaml"]
    text = (ws / "cx" / "kpis.yaml").read_text(encoding="utf-8")
    assert text.startswith("# KPIs agreed in July\n")
    assert "{id: csat, name: CSAT, kind: outcome" in text  # the other KPI as it was written
    frt = load_workspace(ws).committee["cx"].kpi["frt"]
    assert (frt.target, frt.owner, frt.shared, frt.weight, frt.drives) == (0.5, "dee", True, 2.0, ("csat",))
    rows = {(r["object"], r["field"]): r for r in changes(ws)}
    assert set(rows) == {("kpi frt", f) for f in ("target", "owner", "shared", "weight")}
    assert (rows["kpi frt", "target"]["before"], rows["kpi frt", "target"]["after"]) == ("1.0", "0.5")
    assert {r["by"] for r in rows.values()} == {"ana"}
    assert {r["date"] for r in rows.values()} == {"2026-11-23"}


def test_a_new_kpi_is_added_at_the_end_and_recorded_as_added(editor: Editor, ws: Path) -> None:
    form = editor.kpi
    assert form.kpi.value == "(new KPI)"
    form.id.value = "repeat-contacts"
    form.name.value = "Repeat contacts"
    form.kind_.value = "operational"
    form.direction.value = "down"
    form.unit.value = "%"
    form.baseline.value = "18"
    form.target.value = "9"
    form.owner.value = "eli"
    form.drives.value = ("csat",)
    form.button.click()
    assert form.kind == "ok", form.lines
    c = load_workspace(ws).committee["cx"]
    assert [k.id for k in c.kpis] == ["frt", "csat", "repeat-contacts"]
    k = c.kpi["repeat-contacts"]
    assert (k.kind, k.direction, k.unit, k.baseline, k.target, k.owner, k.drives) == (
        "operational",
        "down",
        "%",
        18.0,
        9.0,
        "eli",
        ("csat",),
    )
    assert [(r["object"], r["field"], r["before"]) for r in changes(ws)] == [("kpi repeat-contacts", "*", "")]
    assert form.kpi.value == "repeat-contacts"  # the form now shows the KPI it saved


def test_drives_offers_this_and_other_committees_outcome_kpis_and_saves_a_cross_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "sofia")
    shutil.copytree(REPO / "committees", tmp_path / "committees")
    editor = Editor("committees", today=lambda: TODAY)
    editor.committee.value = "cx-steering"
    form = editor.kpi
    form.kpi.value = "frt"
    offered = [v for _, v in form.drives.options]
    assert offered[:2] == ["csat", "retention"]  # this committee's outcome KPIs first
    assert {"support-product/csat-technical", "voc-council/nps"} <= set(offered)
    assert "frt" not in offered and "support-product/escalation-ack" not in offered  # operational ones are not
    form.drives.value = (*form.drives.value, "voc-council/nps")
    form.button.click()
    assert form.kind == "ok", form.lines
    ws = load_workspace(tmp_path / "committees")
    assert ws.problems_of("cx-steering") == ()
    assert "voc-council/nps" in ws.committee["cx-steering"].kpi["frt"].drives


def test_an_outcome_kpi_hides_drives_and_saves_none(editor: Editor, ws: Path) -> None:
    form = editor.kpi
    form.kpi.value = "frt"
    form.kind_.value = "outcome"
    assert form.drives.layout.display == "none"
    form.button.click()
    assert form.kind == "ok", form.lines
    frt = load_workspace(ws).committee["cx"].kpi["frt"]
    assert (frt.kind, frt.drives) == ("outcome", ())


def test_a_target_that_is_no_number_names_the_committee_kpi_and_field_and_writes_nothing(
    editor: Editor, ws: Path
) -> None:
    before = (ws / "cx" / "kpis.yaml").read_bytes()
    form = editor.kpi
    form.kpi.value = "csat"
    form.target.value = "high"
    form.button.click()
    assert form.kind == "error"
    assert form.lines == ["CX Steering Committee, KPI CSAT: target: expected a number, found 'high'"]
    assert (ws / "cx" / "kpis.yaml").read_bytes() == before
    assert not (ws / "cx" / "changes.csv").exists()


def test_a_kpi_the_loader_refuses_shows_its_message_and_writes_nothing(editor: Editor, ws: Path) -> None:
    before = (ws / "cx" / "kpis.yaml").read_bytes()
    form = editor.kpi
    form.id.value = "csat"  # already taken
    form.name.value = "CSAT again"
    form.kind_.value = "outcome"
    form.unit.value = "%"
    form.target.value = "80"
    form.button.click()
    assert form.kind == "error"
    assert form.lines == [
        "CX Steering Committee, KPI CSAT: id: expected a unique KPI id, found 'csat' again (cx/kpis.yaml, line 13)"
    ]
    assert (ws / "cx" / "kpis.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "value"), [("86,6", 86.6), ("86.6", 86.6), (" 1 000 ", 1000.0), ("-2", -2.0), ("", None)]
)
def test_numbers_are_read_as_typed_with_a_decimal_comma(typed: str, value: float | None) -> None:
    assert number(typed, "target") == value


@pytest.mark.parametrize("typed", ["1,000", "nan", "inf", "8x"])
def test_numbers_that_are_ambiguous_or_none_are_refused(typed: str) -> None:
    with pytest.raises(CxgovError, match=f"^target: expected a number, found '{typed}'"):
        number(typed, "target")


def test_a_kpis_file_changed_since_the_editor_read_it_is_a_conflict_and_is_not_overwritten(
    editor: Editor, ws: Path
) -> None:
    path = ws / "cx" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target: 1.0", "target: 2.0"), encoding="utf-8")
    changed = path.read_bytes()
    form = editor.kpi
    form.kpi.value = "csat"
    form.target.value = "90"
    form.button.click()
    assert form.kind == "conflict"
    assert form.lines == [
        "cx/kpis.yaml changed on disk since you opened it (another chair or a git pull). "
        "Reload to see the new version; nothing was saved."
    ]
    assert path.read_bytes() == changed
    assert not (ws / "cx" / "changes.csv").exists()
