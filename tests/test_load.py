"""Validation at load: every invalid fixture gives exactly its expected messages; valid input loads clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import LoadCase, MakeWorkspace
from workspaces import INVALID, MINIMAL, REPO, Case, invalid_cases

from cxgov.errors import CxgovError
from cxgov.workspace.load import load_workspace

CASES = invalid_cases()


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        reason = case.xfail_reason
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_invalid_case_reports_exactly_the_expected_messages(case: Case, load_case: LoadCase) -> None:
    ws = load_case(case.path)
    assert [str(p) for p in ws.problems] == case.expected


def test_there_is_an_invalid_case_for_many_rules() -> None:
    assert len(CASES) >= 35


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case_holds_only_files_that_differ_from_minimal(case: Case) -> None:
    expected = case.path / "expected.txt"
    assert expected.exists() and expected.read_text(encoding="utf-8").strip(), "expected.txt is missing or empty"
    overlay = case.overlay()
    assert overlay, "the case changes no file"
    for rel in overlay:
        base = MINIMAL / rel
        if rel.name.endswith(".delete") or not base.exists():
            continue
        assert (case.path / rel).read_bytes() != base.read_bytes(), f"{rel} is the same as in valid/minimal"


def test_minimal_workspace_loads_without_problems(load_case: LoadCase) -> None:
    ws = load_case()
    assert [str(p) for p in ws.problems] == []
    assert ws.failed == ()
    (cx,) = ws.committees
    assert cx.id == "cx"
    assert [a.id for a in cx.actions] == ["A1", "A2", "A3", "A4"]
    assert [m.horizon for m in cx.milestones] == [3, 6, 12]
    assert [k.id for k in cx.kpis] == ["frt", "csat"]
    assert len(cx.updates) == 3 and len(cx.measurements) == 3 and len(cx.meetings) == 2
    assert [s.id for s in ws.signals] == ["S1", "S2"]


def test_bundled_example_workspace_validates_clean() -> None:
    ws = load_workspace(REPO / "committees")
    assert [str(p) for p in ws.problems] == []
    assert ws.failed == ()
    assert len(ws.committees) >= 1


def _add_committee(ws: Path, name: str) -> None:
    """Copy the valid committee cx of valid/minimal to a new folder name, with its id changed to match."""
    shutil.copytree(MINIMAL / "cx", ws / name)
    charter = ws / name / "committee.yaml"
    charter.write_text(charter.read_text(encoding="utf-8").replace("id: cx\n", f"id: {name}\n"), encoding="utf-8")


def test_committee_with_errors_does_not_stop_a_valid_committee(make_workspace: MakeWorkspace) -> None:
    ws_path = make_workspace(INVALID / "committee-chair-not-member")
    _add_committee(ws_path, "ops")
    ws = load_workspace("ws")
    assert ws.failed == ("cx",)
    assert [c.id for c in ws.committees] == ["ops"]
    assert [str(p) for p in ws.problems] == [
        "ws/cx/committee.yaml:4: committee cx: chair: expected a member of the committee, found 'eli'"
    ]


def test_every_problem_in_a_file_is_reported_not_only_the_first(make_workspace: MakeWorkspace) -> None:
    ws_path = make_workspace()
    plan = ws_path / "cx" / "plan.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines()
    lines[2] = "  - {horizon: 5, goal: Shared KPIs reviewed monthly, due: 2026-12-31}"  # line 3
    lines[32] = "      responsible: [eli, zed]"  # line 33, action A3
    lines[40] = "    raci: {responsible: [marta], accountable: [ana, bo]}"  # line 41, action A4
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = load_workspace("ws")
    assert [str(p) for p in ws.problems] == [
        "ws/cx/plan.yaml:3: milestone: horizon: expected one of 3, 6, 12; found 5",
        "ws/cx/plan.yaml:33: action A3: raci.responsible: expected a person id from org.yaml, found 'zed'",
        "ws/cx/plan.yaml:41: action A4: raci.accountable: expected exactly one person, found [ana, bo]",
    ]


def test_every_bad_csv_row_is_reported_and_the_good_rows_still_load(make_workspace: MakeWorkspace) -> None:
    ws_path = make_workspace()
    (ws_path / "cx" / "updates.csv").write_text(
        "date,action,status,by,note\n"
        "2026-07-20,A1,on_track,bo,Workshop booked\n"
        "2026-08-29,A1,finished,bo,\n"
        "2026-09-01,A9,on_track,dee,\n"
        "2026-09-02,A2,on_track,zed,\n"
        "2026-09-03,A2,at_risk,dee,Vendor late\n",
        encoding="utf-8",
    )
    ws = load_workspace("ws")
    assert [str(p) for p in ws.problems] == [
        "ws/cx/updates.csv:3: status: expected one of not_started, on_track, at_risk, off_track, done, dropped; "
        "found 'finished'",
        "ws/cx/updates.csv:4: action: expected an action id from plan.yaml, found 'A9'",
        "ws/cx/updates.csv:5: by: expected a person id from org.yaml, found 'zed'",
    ]
    # A bad history row is skipped, not fatal: the committee loads with the good rows.
    assert ws.failed == ()
    assert [(u.action, u.status) for u in ws.committees[0].updates] == [("A1", "on_track"), ("A2", "at_risk")]


def test_unknown_key_is_reported_but_does_not_block_the_committee(load_case: LoadCase) -> None:
    ws = load_case(INVALID / "csv-unknown-column")
    assert len(ws.problems) == 1
    assert ws.failed == ()


def test_paths_in_messages_follow_the_workspace_path_as_given(make_workspace: MakeWorkspace) -> None:
    make_workspace(INVALID / "update-status-not-in-enum")
    ws = load_workspace("./ws/")
    assert [p.path for p in ws.problems] == ["ws/cx/updates.csv"]
    assert ws.shown == "ws"


def test_workspace_given_as_dot_shows_org_yaml_like_other_files(
    make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws_path = make_workspace(INVALID / "org-unknown-key-typo")
    monkeypatch.chdir(ws_path)
    ws = load_workspace(".")
    assert {p.path for p in ws.problems} == {"org.yaml"}


def test_action_id_that_looks_like_a_number_keeps_its_text(make_workspace: MakeWorkspace) -> None:
    ws_path = make_workspace()
    plan = ws_path / "cx" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  - id: A4\n", "  - id: 010\n"), encoding="utf-8")
    (ws_path / "cx" / "updates.csv").write_text("date,action,status,by,note\n2026-07-20,010,on_track,bo,\n")
    ws = load_workspace("ws")
    assert [str(p) for p in ws.problems] == []
    assert [a.id for a in ws.committees[0].actions][-1] == "010"


def test_committee_folder_linking_outside_the_workspace_is_refused(
    make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    ws_path = make_workspace()
    outside = tmp_path / "outside"
    shutil.copytree(MINIMAL / "cx", outside)
    (ws_path / "ops").symlink_to(outside, target_is_directory=True)
    ws = load_workspace("ws")
    assert [str(p) for p in ws.problems] == [
        "ws/ops: folder: expected a folder inside the workspace, found a link to elsewhere"
    ]
    assert [c.id for c in ws.committees] == ["cx"]


def test_missing_workspace_folder_raises_cxgov_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CxgovError, match=r"^nope: expected a workspace folder, found nothing$"):
        load_workspace("nope")


def test_values_at_the_ends_of_the_supported_ranges_load_clean(make_workspace: MakeWorkspace) -> None:
    ws_path = make_workspace()
    cx = ws_path / "cx"
    charter = cx / "committee.yaml"
    charter.write_text(charter.read_text(encoding="utf-8").replace("launch: 2026-07-01", "launch: 1900-01-01"))
    kpis = cx / "kpis.yaml"
    text = (
        kpis.read_text(encoding="utf-8")
        .replace("baseline: 4.0", "baseline: -1e15")
        .replace("target: 1.0", "target: -0")
    )
    kpis.write_text(text.replace("target: 85", "target: 1000000000000000"), encoding="utf-8")
    (cx / "measurements.csv").write_text("kpi,period,value,note\nfrt,1900-01,-0,\ncsat,2199-12,1e15,\n")
    (cx / "updates.csv").write_text("date,action,status,by,note\n1900-01-01,A1,on_track,bo,\n2199-12-31,A1,done,bo,\n")
    ws = load_workspace("ws")
    assert [str(p) for p in ws.problems if "due" not in p.field] == []
    (c,) = ws.committees
    frt, csat = c.kpis
    assert (frt.baseline, frt.target, csat.target) == (-1e15, 0.0, 1e15)
    assert str(frt.target) == "0.0"  # negative zero is read as zero: no '-0' in a report
    assert [(m.period, m.value, str(m.value)) for m in c.measurements] == [
        ("1900-01", 0.0, "0.0"),
        ("2199-12", 1e15, "1000000000000000.0"),
    ]
    assert [u.date.isoformat() for u in c.updates] == ["1900-01-01", "2199-12-31"]
    assert [m.due.isoformat() for m in c.milestones] == ["2026-09-30", "2026-12-31", "2027-06-30"]


def test_a_launch_at_the_last_supported_date_gives_default_milestones_past_it(make_workspace: MakeWorkspace) -> None:
    # The range is checked where a date is written, not on dates cxgov derives from it.
    ws_path = make_workspace()
    cx = ws_path / "cx"
    charter = cx / "committee.yaml"
    charter.write_text(charter.read_text(encoding="utf-8").replace("launch: 2026-07-01", "launch: 2199-12-31"))
    plan = cx / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    for due in ("2026-09-30", "2026-12-31", "2027-06-30"):
        text = text.replace(f", due: {due}}}", "}")
    plan.write_text(text, encoding="utf-8")
    ws = load_workspace("ws")
    assert ws.failed == ()
    assert [m.due.isoformat() for m in ws.committees[0].milestones] == ["2200-03-30", "2200-06-29", "2200-12-30"]
