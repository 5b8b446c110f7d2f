"""`cxgov export`: the files written are read back with the field's own libraries and checked cell by cell.

The workspace is tests/fixtures/views/followup as of 2026-06-30: committees
ops (launch 2026-01-01, actions O1-O7) and web (launch 2026-04-01, W1-W3).
"""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from cli_run import Ran, cxgov
from icalendar import Calendar
from views_helpers import FIXTURES, load

from cxgov.export.files import csv_text
from cxgov.export.ics import to_ics
from cxgov.export.tables import tables

FOLLOWUP = FIXTURES / "followup"
AS_OF = date(2026, 6, 30)
ORG = "follow-through-co.cxgov"


def export(*args: str, cwd: Path) -> Ran:
    """Run `cxgov export ARGS` in cwd (in-process)."""
    return cxgov("export", *args, cwd=cwd)


def events(data: bytes) -> dict[str, object]:
    """UID -> VEVENT of an iCalendar file."""
    cal = Calendar.from_ical(data)
    found = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "UIDs are not unique"
    return found


@pytest.fixture(scope="module")
def ics_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ics")
    run = export("ics", str(FOLLOWUP), "--out", "calendar.ics", "--as-of", "2026-06-30", cwd=out)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "wrote calendar.ics: 16 events from 2 committees as of 2026-06-30\n"
    assert sorted(p.name for p in out.iterdir()) == ["calendar.ics"]  # no temporary file left behind
    return (out / "calendar.ics").read_bytes()


def test_ics_has_one_all_day_event_per_milestone_and_action_with_stable_uids(ics_file):
    got = events(ics_file)
    # 3 milestones + 7 actions (ops), 3 milestones + 3 actions (web)
    expected = {f"ops-milestone-{h}@{ORG}" for h in (3, 6, 12)} | {f"web-milestone-{h}@{ORG}" for h in (3, 6, 12)}
    expected |= {f"ops-action-O{i}@{ORG}" for i in range(1, 8)} | {f"web-action-W{i}@{ORG}" for i in range(1, 4)}
    assert set(got) == expected


@pytest.mark.parametrize(
    ("uid", "day"),
    [
        ("ops-action-O2", date(2026, 5, 31)),
        ("ops-action-O7", date(2026, 3, 31)),
        ("web-action-W3", date(2027, 1, 31)),
        ("ops-milestone-6", date(2026, 6, 30)),  # default: launch 2026-01-01 + 6 months - 1 day
        ("web-milestone-12", date(2027, 3, 31)),  # launch 2026-04-01 + 12 months - 1 day
    ],
)
def test_ics_events_fall_on_the_due_date_as_all_day_events(ics_file, uid, day):
    ev = events(ics_file)[f"{uid}@{ORG}"]
    start, end = ev["DTSTART"].dt, ev["DTEND"].dt
    assert not isinstance(start, datetime) and start == day
    assert not isinstance(end, datetime) and end == day + timedelta(days=1)
    assert ev["DTSTAMP"].dt == datetime(2026, 6, 30, tzinfo=ev["DTSTAMP"].dt.tzinfo)
    assert ev["DTSTAMP"].dt.utcoffset() == timedelta(0)


def test_ics_says_an_overdue_action_reported_on_track_is_overdue_not_on_track(ics_file):
    # web W1: due 2026-06-20, latest status on_track: on 2026-06-30 it is 10 days overdue, not on track.
    [w1] = [ev for uid, ev in events(ics_file).items() if uid.startswith("web-action-W1@")]
    assert str(w1["DESCRIPTION"]).splitlines()[0] == "Status as of 2026-06-30: overdue by 10 days"


def test_ics_describes_status_as_of_and_the_raci_by_name(ics_file):
    ev = events(ics_file)[f"ops-action-O2@{ORG}"]
    assert str(ev["SUMMARY"]) == "ops O2: Fix the IVR menu"
    text = str(ev["DESCRIPTION"])
    assert text.splitlines() == [
        "Status as of 2026-06-30: at risk, overdue by 30 days",
        "Latest update: 2026-06-20 Vendor late, waiting on a quote",
        "Responsible: Ben Okafor, Cleo Park",
        "Accountable: Ana Kowalska",
        "Consulted: -",
        "Informed: Dan Reyes",
        "Milestone: 6 months, Phone menu and FAQ fixed",
        "Committee: Operations Council",
    ]
    milestone = events(ics_file)[f"ops-milestone-3@{ORG}"]
    assert str(milestone["SUMMARY"]) == "ops: 3-month milestone: Journey mapped"
    # O1 done, O7 overdue
    assert "As of 2026-06-30: 1 of 2 actions done, 1 overdue." in str(milestone["DESCRIPTION"])


def test_ics_marks_closed_actions_and_cancels_dropped_ones(ics_file):
    got = events(ics_file)
    assert str(got[f"ops-action-O1@{ORG}"]["SUMMARY"]) == "ops O1: Map the contact journey [done]"
    assert str(got[f"ops-action-O1@{ORG}"]["STATUS"]) == "CONFIRMED"
    assert str(got[f"ops-action-O6@{ORG}"]["SUMMARY"]) == "ops O6: Retire the fax line [dropped]"
    assert str(got[f"ops-action-O6@{ORG}"]["STATUS"]) == "CANCELLED"


def test_ics_keeps_user_text_as_plain_text(ics_file):
    ev = events(ics_file)[f"ops-action-O3@{ORG}"]
    assert str(ev["SUMMARY"]) == 'ops O3: <script>alert(1)</script> Rewrite the FAQ & "help" page'
    text = str(ev["DESCRIPTION"])
    # the note has a comma and a line break; both survive iCalendar's escaping
    assert "Latest update: 2026-06-25 Draft done, review pending\nsecond line: legal, then brand\n" in text


def test_ics_is_the_same_bytes_for_the_same_date_and_keeps_its_uids_later(ics_file):
    ws = load(FOLLOWUP)
    assert to_ics(ws, AS_OF) == ics_file
    later = to_ics(ws, date(2026, 7, 15))
    assert later != ics_file
    assert set(events(later)) == set(events(ics_file))  # re-importing updates the same events


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("xlsx")
    run = export("xlsx", str(FOLLOWUP), "--out", "sheets/governance.xlsx", "--as-of", "2026-06-30", cwd=out)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (out / "sheets").iterdir()) == ["governance.xlsx"]
    return openpyxl.load_workbook(out / "sheets" / "governance.xlsx")


def rows_of(sheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_workbook_has_the_four_sheets_with_a_frozen_header(workbook):
    assert workbook.sheetnames == ["Actions", "RACI", "KPIs", "Health"]
    assert workbook["Actions"].freeze_panes == "A2"


def test_actions_sheet_has_one_row_per_action_with_raci_and_status(workbook):
    rows = rows_of(workbook["Actions"])
    assert [(r["committee"], r["action"]) for r in rows] == [("ops", f"O{i}") for i in range(1, 8)] + [
        ("web", f"W{i}") for i in range(1, 4)
    ]
    o2 = rows[1]
    assert {k: o2[k] for k in ("title", "status", "overdue", "days_overdue", "responsible", "accountable")} == {
        "title": "Fix the IVR menu",
        "status": "at_risk",
        "overdue": True,
        "days_overdue": 30,
        "responsible": "Ben Okafor, Cleo Park",
        "accountable": "Ana Kowalska",
    }
    assert o2["informed"] == "Dan Reyes"
    assert o2["due"] == datetime(2026, 5, 31)  # a real date cell
    assert o2["milestone_due"] == datetime(2026, 6, 30)
    assert rows[2]["note"] == "Draft done, review pending\nsecond line: legal, then brand"
    assert rows[3]["status"] == "not_started" and rows[3]["due_soon"] is True


def test_a_title_starting_with_equals_is_text_not_a_formula(workbook):
    sheet = workbook["Actions"]
    cell = next(c for c in sheet["C"] if str(c.value).startswith("="))
    assert cell.value == "=SUM(1,2) accessibility audit"
    assert cell.data_type == "s"


def test_raci_sheet_is_the_chart_of_actions_by_people(workbook):
    sheet = workbook["RACI"]
    header = [c.value for c in sheet[1]]
    # people holding a letter, by name; Dan is only Informed (O2)
    assert header == [
        "committee",
        "action",
        "title",
        "Ana Kowalska",
        "Ben Okafor",
        "Cleo Park",
        "Dan Reyes",
        "Eli Stone",
    ]
    rows = {r["action"]: r for r in rows_of(sheet)}
    assert list(rows) == [f"O{i}" for i in range(1, 8)] + ["W1", "W2", "W3"]
    people = header[3:]
    # O2: R ben, cleo; A ana; I dan.  O3: R cleo; A ben; C ana.  W3: R eli; A cleo.
    assert [rows["O2"][p] for p in people] == ["A", "R", "R", "I", None]
    assert [rows["O3"][p] for p in people] == ["C", "A", "R", None, None]
    assert [rows["W3"][p] for p in people] == [None, None, "A", None, "R"]
    assert rows["W3"]["title"] == "=SUM(1,2) accessibility audit"
    assert next(c for c in sheet["C"] if c.value == rows["W3"]["title"]).data_type == "s"


def test_kpis_sheet_has_the_latest_values(workbook):
    rows = {r["kpi"]: r for r in rows_of(workbook["KPIs"])}
    assert rows["repeat"]["latest"] == 25 and rows["repeat"]["period"] == "2026-06"
    assert rows["repeat"]["owner"] == "Ana Kowalska" and rows["repeat"]["on_target"] is False
    assert rows["ivr-exit"]["latest"] == 12 and rows["ivr-exit"]["drives"] == "repeat"


def test_health_sheet_has_seven_rules_per_committee(workbook):
    rows = rows_of(workbook["Health"])
    assert [(r["committee"], r["rule"]) for r in rows] == [(c, f"H{i}") for c in ("ops", "web") for i in range(1, 8)]
    web_h6 = rows[7 + 5]
    assert (web_h6["verdict"], web_h6["reason"]) == ("fail", "No meeting since 2026-05-20 (41 days).")


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    run = export("csv", str(FOLLOWUP), "--out", "tables", "--as-of", "2026-06-30", cwd=out)
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        "wrote tables/: actions.csv, raci.csv, kpis.csv, health.csv from 2 committees as of 2026-06-30\n"
    )
    return out / "tables"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_folder_holds_the_four_tables(csv_folder):
    assert sorted(p.name for p in csv_folder.iterdir()) == ["actions.csv", "health.csv", "kpis.csv", "raci.csv"]
    assert len(read_csv(csv_folder / "actions.csv")) == 10
    assert len(read_csv(csv_folder / "health.csv")) == 14
    raci = {r["action"]: r for r in read_csv(csv_folder / "raci.csv")}
    assert len(raci) == 10
    assert {k: v for k, v in raci["O2"].items() if v} == {
        "committee": "ops",
        "action": "O2",
        "title": "Fix the IVR menu",
        "Ana Kowalska": "A",
        "Ben Okafor": "R",
        "Cleo Park": "R",
        "Dan Reyes": "I",
    }
    kpis = read_csv(csv_folder / "kpis.csv")
    assert [(r["committee"], r["kpi"], r["latest"]) for r in kpis] == [
        ("ops", "repeat", "25.0"),
        ("ops", "ivr-exit", "12.0"),
    ]


def test_commas_quotes_and_line_breaks_in_notes_survive_csv(csv_folder):
    rows = {r["action"]: r for r in read_csv(csv_folder / "actions.csv")}
    assert rows["O2"]["note"] == "Vendor late, waiting on a quote"
    assert rows["O3"]["note"] == "Draft done, review pending\nsecond line: legal, then brand"
    assert rows["O3"]["title"] == '<script>alert(1)</script> Rewrite the FAQ & "help" page'
    assert rows["O2"]["responsible"] == "Ben Okafor, Cleo Park"
    assert rows["O2"]["due"] == "2026-05-31"


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(csv_folder):
    rows = {r["action"]: r for r in read_csv(csv_folder / "actions.csv")}
    assert rows["W3"]["title"] == "'=SUM(1,2) accessibility audit"
    assert rows["W3"]["note"] == "'@mention the auditor"
    assert rows["O2"]["days_overdue"] == "30"  # numbers are left alone


def test_csv_text_matches_the_tables():
    frame = tables(load(FOLLOWUP), AS_OF)["Health"]
    assert csv_text(frame).splitlines()[0] == "committee,rule,inhibitor,verdict,reason"


def test_exports_are_refused_inside_the_workspace(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    before = sorted(p.relative_to(ws) for p in ws.rglob("*"))
    for fmt, out in (("ics", "ws/out.ics"), ("xlsx", "ws/ops/out.xlsx"), ("csv", "ws")):
        run = export(fmt, "ws", "--out", out, cwd=tmp_path)
        assert run.returncode == 2, (fmt, run.stdout)
        assert run.stderr == (
            f"cxgov export: --out: {out} is inside the workspace ws; exports are not workspace data, "
            "write them elsewhere (e.g. --out exports/...)\n"
        )
    assert sorted(p.relative_to(ws) for p in ws.rglob("*")) == before


def test_usage_errors_exit_2(tmp_path):
    run = export("ics", str(FOLLOWUP), "--out", "x.ics", "--as-of", "2026-02-30", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (
        2,
        "cxgov export: --as-of: expected a date YYYY-MM-DD, found '2026-02-30'\n",
    )
    (tmp_path / "folder").mkdir()
    run = export("xlsx", str(FOLLOWUP), "--out", "folder", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (2, "cxgov export: --out: folder is a folder; expected a file name\n")
    (tmp_path / "file.txt").write_text("x")
    run = export("csv", str(FOLLOWUP), "--out", "file.txt", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (
        2,
        "cxgov export: --out: file.txt is a file; expected a folder for the CSV files\n",
    )
    run = export("pdf", str(FOLLOWUP), "--out", "x.pdf", cwd=tmp_path)
    assert run.returncode == 2 and "invalid choice: 'pdf'" in run.stderr
    run = export("ics", str(FOLLOWUP), cwd=tmp_path)
    assert run.returncode == 2 and "the following arguments are required: --out" in run.stderr


def test_a_committee_with_problems_is_left_out_with_a_warning(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    (ws / "web" / "plan.yaml").write_text("milestones: [\n")
    run = export("ics", "ws", "--out", "out.ics", "--as-of", "2026-06-30", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr == "warning: left out because of problems in their files: web (run: cxgov validate ws)\n"
    assert run.stdout == "wrote out.ics: 10 events from 1 committee as of 2026-06-30\n"
    assert {uid.split("-")[0] for uid in events((tmp_path / "out.ics").read_bytes())} == {"ops"}


def test_raci_columns_of_people_sharing_a_name_carry_their_ids(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    org = ws / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("name: Eli Stone", "name: Dan Reyes"), encoding="utf-8")
    frame = tables(load(ws), AS_OF)["RACI"]
    assert list(frame.columns)[3:] == ["Ana Kowalska", "Ben Okafor", "Cleo Park", "Dan Reyes (dan)", "Dan Reyes (eli)"]


def test_nothing_is_written_when_no_committee_loads(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    assert export("ics", "ws", "--out", "out.ics", cwd=tmp_path).returncode == 0
    good = (tmp_path / "out.ics").read_bytes()
    (ws / "org.yaml").write_text("organisation: [\n", encoding="utf-8")
    run = export("ics", "ws", "--out", "out.ics", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        "cxgov export: no committee could be loaded because of problems in the workspace files; "
        "nothing written (run: cxgov validate ws)\n"
    )
    assert (tmp_path / "out.ics").read_bytes() == good  # the earlier export is kept
