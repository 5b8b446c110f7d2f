"""Exports are safe to open whatever the workspace holds: no formulas, no broken files, no tracebacks.

tests/fixtures/export-hostile has names, titles, notes and a KPI that a
spreadsheet would run as formulas (=, +, -, @, tab, full-width ＝ and ＠), in
Cyrillic and Chinese, with negative KPI values; tests/fixtures/export-far-dates
has dates at both ends of the calendar. Every format is written by the real
command and read back with the field's own libraries.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import resource
import shutil
import signal
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from cli_run import Ran, cxgov
from icalendar import Calendar
from views_helpers import load

from cxgov.dates import DATE_RANGE
from cxgov.export.files import csv_text, workbook, workbook_of
from cxgov.export.ics import to_ics
from cxgov.export.safetext import csv_cell, formula_like, xml_text
from cxgov.export.tables import tables
from cxgov.workspace.model import Workspace

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "export-hostile"
FAR = FIXTURES / "export-far-dates"
BOM = codecs.BOM_UTF8
# Written out here rather than imported: the test checks the rule, not a copy of it.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# The people of export-hostile/org.yaml, by id, as the file spells them.
PEOPLE = {
    "ana": '=HYPERLINK("http://evil.example","Анна")',
    "ben": "@SUM(1+1) Бен",
    "cleo": "+Клео 克莱奥",
    "dan": "-Дэн 丹",
    "eli": "＠Eli 李",
}
TITLES = {"O1": "-Карта пути 旅程", "O2": "@Fix the IVR 菜单", "O3": "+1 call back Клиент", "O4": "＝1+1 全角"}
NOTES = {
    "O1": "=cmd|' /C calc'!A0",
    "O2": "@mention Бен, 等待",
    "O3": "\tTabbed note 笔记\nsecond line",
    "O4": "-2 days late, 迟到",
}


def export(*args: str, cwd: Path, limit: int | None = None) -> Ran | subprocess.CompletedProcess[str]:
    """Run `cxgov export ARGS` in cwd: in-process, or as a real process with files limited to `limit` bytes."""
    if limit is None:
        return cxgov("export", *args, cwd=cwd)

    def small_files() -> None:  # a full disk, as far as the export can tell, even for root
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # type: ignore[arg-type]

    return subprocess.run(
        [sys.executable, "-m", "cxgov", "export", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        preexec_fn=small_files,
    )


def dangerous(text: str) -> bool:
    """Whether a spreadsheet could run this text as a formula."""
    return text.startswith(DANGEROUS)


def number(text: str) -> bool:
    """Whether a CSV cell is a number (a spreadsheet reads -3.5 as minus 3.5, which runs nothing)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def defused(text: str) -> str:
    """How a CSV file must hold this text."""
    return "'" + text if dangerous(text) else text


@pytest.fixture(scope="module")
def hostile_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every export of export-hostile as of 2026-06-30, in one folder."""
    out = tmp_path_factory.mktemp("hostile")
    for fmt, name in (("xlsx", "book.xlsx"), ("csv", "csv"), ("ics", "cal.ics")):
        run = export(fmt, str(HOSTILE), "--out", name, "--as-of", "2026-06-30", cwd=out)
        assert (run.returncode, run.stderr) == (0, ""), run.stderr
    return out


# -- the rule ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1", "＋1", "－1", "＠x"])
def test_text_starting_with_a_formula_character_is_defused(text):
    assert formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["", "plain", " =1", "a=b", "'=1", "Анна", "中文", -3.5, 0, None, True])
def test_other_values_are_kept(value):
    assert not formula_like(value)
    assert csv_cell(value) is value


def test_xml_text_replaces_what_xml_forbids_and_keeps_tab_and_line_breaks():
    assert xml_text("a\x00b\x01\x08\x0b\x0c\x0e\x1f\ud800\ufffe\uffffz") == "a\ufffdb" + "\ufffd" * 9 + "z"
    assert xml_text("tab\tline\nreturn\r, Анна 中文 \x7f é") == "tab\tline\nreturn\r, Анна 中文 \x7f é"


# -- the workbook -----------------------------------------------------------


def formula_elements(path: Path) -> list[str]:
    """The worksheets of an .xlsx file that hold a formula (<f> element)."""
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and re.search(rb"<f[ >/]", z.read(n))]


def rows_of(sheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_no_cell_of_the_workbook_is_a_formula(hostile_exports):
    path = hostile_exports / "book.xlsx"
    assert formula_elements(path) == []
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Actions", "RACI", "KPIs", "Health"]
    risky = 0
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and dangerous(cell.value):
                    risky += 1
                    # text, and Excel keeps it text when the cell is edited
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)
    assert risky > 20  # the fixture does reach every sheet's text cells


def test_the_raci_sheet_has_every_name_as_written(hostile_exports):
    sheet = openpyxl.load_workbook(hostile_exports / "book.xlsx")["RACI"]
    header = [c.value for c in sheet[1]]
    assert header == ["committee", "action", "title", *sorted(PEOPLE.values())]
    rows = {r["action"]: r for r in rows_of(sheet)}
    assert {a: r["title"] for a, r in rows.items()} == TITLES
    # O2: R ben, cleo; A ana; I dan
    assert {p: rows["O2"][name] for p, name in PEOPLE.items()} == {
        "ana": "A",
        "ben": "R",
        "cleo": "R",
        "dan": "I",
        "eli": None,
    }


def test_the_actions_sheet_keeps_titles_notes_and_names_as_written(hostile_exports):
    rows = {r["action"]: r for r in rows_of(openpyxl.load_workbook(hostile_exports / "book.xlsx")["Actions"])}
    assert {a: r["title"] for a, r in rows.items()} == TITLES
    assert {a: r["note"] for a, r in rows.items()} == NOTES
    assert rows["O2"]["responsible"] == f"{PEOPLE['ben']}, {PEOPLE['cleo']}"
    assert rows["O1"]["accountable"] == PEOPLE["ana"]
    assert rows["O1"]["consulted"] == PEOPLE["eli"]
    assert rows["O2"]["days_overdue"] == 30 and rows["O2"]["due"] == datetime(2026, 5, 31)


def test_negative_kpi_values_stay_numbers(hostile_exports):
    sheet = openpyxl.load_workbook(hostile_exports / "book.xlsx")["KPIs"]
    header = [c.value for c in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert row["name"].value == "=Повтор 重复" and row["name"].data_type == "s"
    assert row["owner"].value == PEOPLE["ana"]
    for column, value in (("latest", -3.5), ("target", -3.5), ("baseline", -30)):
        assert (row[column].value, row[column].data_type) == (value, "n"), column


def test_the_largest_numbers_the_loader_takes_stay_numbers(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(HOSTILE, ws)
    kpis = ws / "ops" / "kpis.yaml"
    kpis.write_text(
        kpis.read_text(encoding="utf-8").replace("baseline: -30, target: -3.5", "baseline: -1e15, target: 1e15")
    )
    (ws / "ops" / "measurements.csv").write_text("kpi,period,value,note\nrepeat,2026-06,-999999999999999.5,\n")
    for fmt, out in (("xlsx", "book.xlsx"), ("csv", "csv")):
        run = export(fmt, "ws", "--out", out, "--as-of", "2026-06-30", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (0, ""), run.stderr
    sheet = openpyxl.load_workbook(tmp_path / "book.xlsx")["KPIs"]
    row = {h.value: c for h, c in zip(sheet[1], sheet[2], strict=True)}
    for column, value in (("baseline", -1e15), ("target", 1e15), ("latest", -999999999999999.5)):
        assert (row[column].value, row[column].data_type) == (value, "n"), column
    head, line = read_csv(tmp_path / "csv" / "kpis.csv")
    kpi = dict(zip(head, line, strict=True))
    assert [float(kpi[c]) for c in ("baseline", "target", "latest")] == [-1e15, 1e15, -999999999999999.5]


def test_any_table_value_gives_a_workbook_that_opens():
    frame = pd.DataFrame(
        {
            "=header": ["=1+1", "\tx", "\rx", "#N/A", "ok\x01\x0b\x1b", "＝1", None, "a\r\nb"],
            "number": [-3.5, math.inf, math.nan, 1e308, -math.inf, 10**30, 0, -0.0],
            "day": [date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1), None, pd.NaT, date(1899, 12, 31), None, None],
        },
        dtype=object,
    )
    data = workbook_of({"Sheet": frame}, "title\x01", datetime(1, 1, 1))
    book = openpyxl.load_workbook(io.BytesIO(data))
    got = [[(c.value, c.data_type) for c in row] for row in book["Sheet"].iter_rows()]
    assert got[0] == [("=header", "s"), ("number", "s"), ("day", "s")]
    assert [r[0] for r in got[1:]] == [
        ("=1+1", "s"),
        ("\tx", "s"),
        ("\nx", "s"),  # XML reads a carriage return as a line feed; it is written as one
        ("#N/A", "s"),  # not Excel's error value
        ("ok\ufffd\ufffd\ufffd", "s"),
        ("＝1", "s"),
        (None, "n"),
        ("a\nb", "s"),
    ]
    # inf is said as text (Excel has no infinity); NaN is no value
    assert [r[1] for r in got[1:]] == [
        (-3.5, "n"),
        ("inf", "s"),
        (None, "n"),
        (1e308, "n"),
        ("-inf", "s"),
        (1e30, "n"),
        (0, "n"),
        (-0.0, "n"),
    ]
    # Excel's calendar starts in 1900: earlier dates are written as ISO text
    assert [r[2][0] for r in got[1:7]] == [
        "0001-01-01",
        datetime(9999, 12, 31),
        datetime(1900, 1, 1),
        None,
        None,
        "1899-12-31",
    ]
    assert book.properties.title == "title\ufffd"


# -- the CSV files ----------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    """The rows of a CSV file, after checking it starts with exactly one byte-order mark."""
    data = path.read_bytes()
    assert data.startswith(BOM) and not data[len(BOM) :].startswith(BOM), path.name
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def test_every_csv_file_starts_with_a_byte_order_mark_and_no_cell_can_run(hostile_exports):
    folder = hostile_exports / "csv"
    assert sorted(p.name for p in folder.iterdir()) == ["actions.csv", "health.csv", "kpis.csv", "raci.csv"]
    for path in folder.iterdir():
        for row in read_csv(path):
            for cell in row:
                assert not dangerous(cell) or number(cell), (path.name, cell)


def test_csv_headers_and_cells_are_defused_and_round_trip(hostile_exports):
    header, *rows = read_csv(hostile_exports / "csv" / "raci.csv")
    assert header == ["committee", "action", "title", *(defused(n) for n in sorted(PEOPLE.values()))]
    assert {r[1]: r[2] for r in rows} == {a: defused(t) for a, t in TITLES.items()}
    undo = [h[1:] if h.startswith("'") else h for h in header]  # what a spreadsheet shows
    assert undo[3:] == sorted(PEOPLE.values())
    head, *body = read_csv(hostile_exports / "csv" / "actions.csv")
    by_action = {r[1]: dict(zip(head, r, strict=True)) for r in body}
    assert {a: r["note"] for a, r in by_action.items()} == {a: defused(n) for a, n in NOTES.items()}
    assert by_action["O2"]["responsible"] == defused(f"{PEOPLE['ben']}, {PEOPLE['cleo']}")
    assert by_action["O2"]["days_overdue"] == "30"


def test_negative_numbers_in_csv_stay_numbers(hostile_exports):
    head, row = read_csv(hostile_exports / "csv" / "kpis.csv")
    kpi = dict(zip(head, row, strict=True))
    assert (kpi["latest"], kpi["target"], kpi["baseline"]) == ("-3.5", "-3.5", "-30.0")
    assert kpi["name"] == "'=Повтор 重复"


def test_csv_text_defuses_text_and_headers_of_any_table():
    frame = pd.DataFrame({"@who": ["\rx", "-3", "+", "o\x00k"], "n": [-1.5, -2, math.inf, None]}, dtype=object)
    rows = list(csv.reader(io.StringIO(csv_text(frame), newline="")))
    assert rows == [["'@who", "n"], ["'\rx", "-1.5"], ["'-3", "-2"], ["'+", "inf"], ["o\ufffdk", ""]]


# -- the calendar -----------------------------------------------------------


def test_calendar_text_is_kept_as_written(hostile_exports):
    cal = Calendar.from_ical((hostile_exports / "cal.ics").read_bytes())
    events = {str(ev["UID"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}
    for action, title in TITLES.items():
        done = " [done]" if action == "O1" else ""
        assert str(events[f"ops-action-{action}"]["SUMMARY"]) == f"ops {action}: {title}{done}"
    lines = str(events["ops-action-O2"]["DESCRIPTION"]).splitlines()
    assert lines[1] == f"Latest update: 2026-06-20 {NOTES['O2']}"
    assert lines[2] == f"Responsible: {PEOPLE['ben']}, {PEOPLE['cleo']}"
    assert str(cal["X-WR-CALNAME"]) == "=Дружба 友谊 Co: CX governance"


# -- control characters ------------------------------------------------------


def test_control_characters_in_the_workspace_give_files_that_open(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(HOSTILE, ws)
    kpis = ws / "ops" / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("'=Повтор 重复'", '"=Повтор\\x01\\x0b\\x1b 重复"'))
    updates = ws / "ops" / "updates.csv"
    updates.write_text(
        updates.read_text(encoding="utf-8").replace("-2 days late", "-2 days\x02\x0c late")
        + "2026-06-27,O2,at_risk,ben,nul\x00here\n",  # NUL cannot be in YAML, but can be in a CSV file
        encoding="utf-8",
    )
    for fmt, out in (("xlsx", "book.xlsx"), ("csv", "csv"), ("ics", "cal.ics")):
        run = export(fmt, "ws", "--out", out, "--as-of", "2026-06-30", cwd=tmp_path)
        if run.returncode == 1 and "left out" in run.stderr + run.stdout:
            pytest.skip("the loader refuses control characters; nothing for the exports to cope with")
        assert (run.returncode, run.stderr) == (0, ""), run.stderr
    book = openpyxl.load_workbook(tmp_path / "book.xlsx")
    assert book["KPIs"]["C2"].value == "=Повтор\ufffd\ufffd\ufffd 重复"
    notes = {r["action"]: r["note"] for r in rows_of(book["Actions"])}
    assert (notes["O2"], notes["O4"]) == ("nul\ufffdhere", "-2 days\ufffd\ufffd late, 迟到")
    head, row = read_csv(tmp_path / "csv" / "kpis.csv")
    assert dict(zip(head, row, strict=True))["name"] == "'=Повтор\ufffd\ufffd\ufffd 重复"
    head, *rows = read_csv(tmp_path / "csv" / "actions.csv")
    notes = {r[1]: r[head.index("note")] for r in rows}
    assert (notes["O2"], notes["O4"]) == ("nul\ufffdhere", "'-2 days\ufffd\ufffd late, 迟到")
    # iCalendar forbids control characters but tab
    raw = (tmp_path / "cal.ics").read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", raw.replace(b"\r\n", b""))
    events = {str(ev["UID"]).split("@")[0]: ev for ev in Calendar.from_ical(raw).walk("VEVENT")}
    assert "Latest update: 2026-06-26 -2 days\ufffd\ufffd late, 迟到" in str(events["ops-action-O4"]["DESCRIPTION"])


# -- dates at the ends of the calendar ----------------------------------------


def at_python_ends(ws: Workspace) -> Workspace:
    """export-far-dates moved to Python's own ends: 1900 to year 1, 2199 to 9999 (the loader refuses both)."""

    def move(day: date) -> date:
        return day.replace(year={1900: 1, 2199: 9999}.get(day.year, day.year))

    committees = tuple(
        replace(
            c,
            charter=replace(c.charter, launch=move(c.launch)),
            milestones=tuple(replace(m, due=move(m.due)) for m in c.milestones),
            actions=tuple(replace(a, due=move(a.due)) for a in c.actions),
            updates=tuple(u._replace(date=move(u.date)) for u in c.updates),
            meetings=tuple(replace(m, date=move(m.date)) for m in c.meetings),
        )
        for c in ws.committees
    )
    return replace(ws, committees=committees)


def ics_events(data: bytes) -> dict[str, Any]:
    """UID (without the domain) -> VEVENT."""
    return {str(ev["UID"]).split("@")[0]: ev for ev in Calendar.from_ical(data).walk("VEVENT")}


def assert_one_day_each(events: dict[str, Any]) -> None:
    """Every event is all-day and one day long; on 9999-12-31 without DTEND, which then means one day (RFC 5545)."""
    for uid, ev in events.items():
        start = ev["DTSTART"].dt
        assert not isinstance(start, datetime), uid
        if start == date.max:
            assert "DTEND" not in ev and "DURATION" not in ev, uid
        else:
            assert ev["DTEND"].dt == start + timedelta(days=1), uid


@pytest.mark.parametrize("as_of", ["1900-01-01", "2026-06-30", "2199-12-31"])
def test_every_export_handles_the_ends_of_the_supported_range(tmp_path, as_of):
    for fmt, out in (("ics", "cal.ics"), ("xlsx", "book.xlsx"), ("csv", "csv")):
        run = export(fmt, str(FAR), "--out", out, "--as-of", as_of, cwd=tmp_path)
        assert (run.returncode, run.stderr) == (0, ""), (fmt, run.stderr)
        assert run.stdout.startswith(f"wrote {out}") and run.stdout.endswith(f"from 2 committees as of {as_of}\n")
    events = ics_events((tmp_path / "cal.ics").read_bytes())
    assert len(events) == 10  # 3 milestones and 2 actions per committee
    assert_one_day_each(events)
    assert events["last-action-L1"]["DTSTART"].dt == date(2199, 12, 31)
    due = {r["action"]: r["due"] for r in rows_of(openpyxl.load_workbook(tmp_path / "book.xlsx")["Actions"])}
    assert due == {
        "F1": datetime(1900, 1, 1),  # Excel's first day is still a date
        "F2": datetime(1900, 2, 1),
        "L1": datetime(2199, 12, 31),
        "L2": datetime(2199, 12, 30),
    }
    head, *body = read_csv(tmp_path / "csv" / "actions.csv")
    assert [r[head.index("due")] for r in body] == ["1900-01-01", "1900-02-01", "2199-12-31", "2199-12-30"]


@pytest.mark.parametrize("as_of", ["1899-12-31", "9999-12-31"])
@pytest.mark.parametrize("fmt", ["ics", "xlsx", "csv"])
def test_an_as_of_outside_the_supported_range_is_a_usage_error(tmp_path, fmt, as_of):
    run = export(fmt, str(FAR), "--out", "out", "--as-of", as_of, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"cxgov export: --as-of: expected {DATE_RANGE}, found '{as_of}'\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("as_of", [date(1, 1, 1), date(1, 2, 15), date(9999, 12, 20), date(9999, 12, 31)])
def test_the_exports_compute_at_pythons_own_ends(as_of):
    # Defence in depth: the loader keeps such dates out, the export code must not need it to.
    ws = at_python_ends(load(FAR))
    assert ws.committee["last"].action["L1"].due == date.max
    events = ics_events(to_ics(ws, as_of))
    assert len(events) == 10
    assert_one_day_each(events)
    assert events["last-action-L1"]["DTSTART"].dt == date.max
    book = openpyxl.load_workbook(io.BytesIO(workbook(ws, as_of)))
    due = {r["action"]: r["due"] for r in rows_of(book["Actions"])}
    # before Excel's calendar (1900): ISO text, not a date Excel would show as ####
    assert due == {"F1": "0001-01-01", "F2": "0001-02-01", "L1": datetime(9999, 12, 31), "L2": datetime(9999, 12, 30)}
    head, *body = list(csv.reader(io.StringIO(csv_text(tables(ws, as_of)["Actions"]), newline="")))
    assert [r[head.index("due")] for r in body] == ["0001-01-01", "0001-02-01", "9999-12-31", "9999-12-30"]


# -- where the export goes ----------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "out"), [("xlsx", "notes.txt/x.xlsx"), ("ics", "notes.txt/a/b/x.ics"), ("csv", "notes.txt/csv")]
)
def test_an_out_path_below_a_file_is_refused(tmp_path, fmt, out):
    (tmp_path / "notes.txt").write_text("keep me")
    run = export(fmt, str(HOSTILE), "--out", out, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"cxgov export: --out: {out}: notes.txt is a file, not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("fmt", ["xlsx", "ics"])
def test_an_existing_folder_is_refused_for_a_file(tmp_path, fmt):
    (tmp_path / "out").mkdir()
    run = export(fmt, str(HOSTILE), "--out", "out", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (2, "cxgov export: --out: out is a folder; expected a file name\n")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(
    ("fmt", "out", "message"),
    [
        ("xlsx", "/proc/cxgov-test.xlsx", "cannot write /proc/cxgov-test.xlsx: no such file or directory"),
        ("ics", "/proc/cxgov-test/x.ics", "cannot create the folder /proc/cxgov-test for /proc/cxgov-test/x.ics: "),
        ("csv", "/proc/cxgov-test", "cannot create the folder /proc/cxgov-test for /proc/cxgov-test: "),
    ],
)
def test_a_folder_that_cannot_be_written_gives_one_line_and_exit_1(tmp_path, fmt, out, message):
    run = export(fmt, str(HOSTILE), "--out", out, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.startswith(f"cxgov export: --out: {message}") and run.stderr.count("\n") == 1, run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a read-only /sys")
def test_permission_denied_is_said_plainly(tmp_path):
    run = export("xlsx", str(HOSTILE), "--out", "/sys/cxgov-test.xlsx", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr in (
        "cxgov export: --out: cannot write /sys/cxgov-test.xlsx: permission denied\n",
        "cxgov export: --out: cannot write /sys/cxgov-test.xlsx: read-only file system\n",
    )


@pytest.mark.parametrize(("fmt", "out"), [("xlsx", "book.xlsx"), ("ics", "cal.ics"), ("csv", "csv")])
def test_a_failed_write_keeps_the_earlier_export_and_leaves_nothing_behind(tmp_path, fmt, out):
    run = export(fmt, str(HOSTILE), "--out", out, "--as-of", "2026-06-30", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    # a later export no longer fits: files are limited to 1,000 bytes (a full disk, as the export sees it)
    run = export(fmt, str(HOSTILE), "--out", out, "--as-of", "2026-07-31", cwd=tmp_path, limit=1000)
    assert (run.returncode, run.stdout) == (1, "")
    # the file named is the one that did not fit: for CSV, one of the folder's four
    name = out if fmt != "csv" else rf"{out}/(actions|raci|kpis|health)\.csv"
    assert re.fullmatch(rf"cxgov export: --out: cannot write {name}: file too large\n", run.stderr), run.stderr
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # the earlier export whole, and no temporary file


def test_a_failed_write_removes_the_folders_it_made(tmp_path):
    out = "new/deeper/book.xlsx"
    run = export("xlsx", str(HOSTILE), "--out", out, cwd=tmp_path, limit=1000)
    assert (run.returncode, run.stderr) == (1, f"cxgov export: --out: cannot write {out}: file too large\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("fmt", "out"), [("xlsx", "/dev/null"), ("ics", "/dev/null")])
def test_a_device_is_not_replaced_by_a_file(tmp_path, fmt, out):
    run = export(fmt, str(HOSTILE), "--out", out, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"cxgov export: --out: {out} is not a regular file; expected a file name\n"
    assert Path(out).is_char_device()


@pytest.mark.parametrize("out", ["", "  "])
def test_an_empty_out_is_a_usage_error(tmp_path, out):
    run = export("csv", str(HOSTILE), "--out", out, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == "cxgov export: --out: expected a file or folder name, found nothing\n"
    assert list(tmp_path.iterdir()) == []


def test_a_csv_file_that_cannot_be_replaced_is_named_and_the_others_are_kept(tmp_path):
    run = export("csv", str(HOSTILE), "--out", "csv", "--as-of", "2026-06-30", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (tmp_path / "csv" / "raci.csv").unlink()
    (tmp_path / "csv" / "raci.csv").mkdir()  # in the way of the new raci.csv
    before = {p.name: p.read_bytes() for p in (tmp_path / "csv").iterdir() if p.is_file()}
    run = export("csv", str(HOSTILE), "--out", "csv", "--as-of", "2026-07-31", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == "cxgov export: --out: cannot write csv/raci.csv: is a directory\n"
    after = {p.name: p.read_bytes() for p in (tmp_path / "csv").iterdir() if p.is_file()}
    assert after == before  # no temporary file left; actions.csv, written before raci.csv, is the earlier one


@pytest.mark.parametrize(("fmt", "tail"), [("xlsx", ".xlsx"), ("ics", "/x.ics"), ("csv", "")])
def test_a_name_too_long_is_said_in_one_short_line(tmp_path, fmt, tail):
    out = "n" * 300 + tail
    run = export(fmt, str(HOSTILE), "--out", out, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    shown = f"{out[:80]}...{out[-77:]}"  # the two ends of a path too long for one line
    assert run.stderr == f"cxgov export: --out: cannot write {shown}: file name too long\n"
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_loop_is_a_usage_error(tmp_path):
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    run = export("xlsx", str(HOSTILE), "--out", "a/x.xlsx", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.startswith("cxgov export: --out: a/x.xlsx cannot be resolved (symlink loop from ")
    assert run.stderr.count("\n") == 1
