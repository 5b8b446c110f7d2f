"""`cxgov history`: who changed what, from changes.csv, updates.csv, measurements.csv and audit.csv."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cli_run import cxgov
from workspaces import MINIMAL

from cxgov.editor.edits import CharterValues, DecisionValues, MeetingValues
from cxgov.editor.session import Session

NOV20, NOV23 = date(2026, 11, 20), date(2026, 11, 23)


def session(root: Path, day: date, person: str) -> Session:
    s = Session(root)
    s.today, s.person = (lambda: day), person
    s.clock = lambda: datetime(2026, 1, 1, 9, 30, tzinfo=UTC)  # only its time of day is used
    return s


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """valid/minimal at tmp_path/ws (shown as 'ws'), changed through the editor's Session by ana, then bo."""
    root = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    s = session(root, NOV20, "ana")
    ch = s.committee("cx").charter
    s.save_charter(
        "cx",
        CharterValues(ch.name, ch.purpose, ch.chair, ch.sponsor, ch.members, ch.departments, "biweekly", ch.launch),
    )
    s = session(root, NOV23, "bo")
    s.post_update("cx", "A2", "at_risk", s.person, "Writer left", NOV23)
    s.record_measurements("cx", "2026-08", {"frt": "2.9"}, "corrected")
    s.record_meeting("cx", MeetingValues(NOV20, ("ana", "bo"), (DecisionValues("Go"),), ""))
    return root


def test_history_lists_every_change_newest_first_with_author_and_before_after(ws: Path) -> None:
    ran = cxgov("history", "ws", cwd=ws.parent)
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.splitlines() == [
        '2026-11-23  cx  action A2  status: on_track -> at_risk  by Bo Lind (bo)  "Writer left"',
        '2026-11-23  cx  kpi frt 2026-08  value: 3.1 -> 2.9  by Bo Lind (bo)  "corrected"',
        "2026-11-23  cx  meeting 2026-11-20  *: (none) -> 2 attendees, 1 decision  by Bo Lind (bo)",
        "2026-11-20  cx  charter  cadence: monthly -> biweekly  by Ana Kowalska (ana)",
        "2026-09-01  cx  action A2  status: not_started -> on_track  by Dee Park (dee)",
        '2026-08-29  cx  action A1  status: on_track -> done  by Bo Lind (bo)  "Map published"',
        '2026-07-20  cx  action A1  status: not_started -> on_track  by Bo Lind (bo)  "Workshop booked"',
        "undated     cx  kpi frt 2026-07  value: (none) -> 4.2  by unknown",
        'undated     cx  kpi frt 2026-08  value: (none) -> 3.1  by unknown  "after triage change"',
        "undated     cx  kpi csat 2026-08  value: (none) -> 78  by unknown",
    ]
    assert cxgov("history", "list", "ws", cwd=ws.parent).stdout == ran.stdout


def test_since_and_committee_narrow_the_list(ws: Path) -> None:
    everything = cxgov("history", "ws", cwd=ws.parent).stdout.splitlines()
    ran = cxgov("history", "ws", "--committee", "cx", "--since", "2026-11-20", cwd=ws.parent)
    assert ran.returncode == 0
    assert ran.stdout.splitlines() == everything[:4]
    assert ran.stdout.splitlines()[-1].startswith("2026-11-20  cx  charter")
    nothing = cxgov("history", "ws", "--since", "2027-01-01", cwd=ws.parent)
    assert (nothing.returncode, nothing.stdout) == (0, "ws: no changes recorded since 2027-01-01\n")


def test_json_lists_objects_with_the_documented_fields(ws: Path) -> None:
    ran = cxgov("history", "ws", "--json", "--since", "2026-11-20", cwd=ws.parent)
    assert ran.returncode == 0
    found = json.loads(ran.stdout)
    assert [(e["file"], e["object"], e["field"]) for e in found] == [
        ("updates.csv", "action A2", "status"),
        ("measurements.csv", "kpi frt 2026-08", "value"),
        ("meetings.yaml", "meeting 2026-11-20", "*"),
        ("committee.yaml", "charter", "cadence"),
    ]
    assert found[1] == {
        "date": "2026-11-23",
        "time": "2026-11-23T09:30:00+00:00",
        "by": "bo",
        "by_name": "Bo Lind",
        "committee": "cx",
        "file": "measurements.csv",
        "object": "kpi frt 2026-08",
        "field": "value",
        "before": 3.1,
        "after": 2.9,
        "reason": "corrected",
    }
    assert found[3] | {"time": None} == {
        "date": "2026-11-20",
        "time": None,
        "by": "ana",
        "by_name": "Ana Kowalska",
        "committee": "cx",
        "file": "committee.yaml",
        "object": "charter",
        "field": "cadence",
        "before": "monthly",
        "after": "biweekly",
        "reason": "",
    }
    undated = json.loads(cxgov("history", "ws", "--json", cwd=ws.parent).stdout)[-1]
    assert (undated["date"], undated["by"], undated["by_name"], undated["before"]) == (None, None, None, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--committee", "nope"], "cxgov history: --committee: expected a committee of ws (cx), found 'nope'"),
        (["--since", "2026-13-01"], "cxgov history: --since: expected a date YYYY-MM-DD, found '2026-13-01'"),
        (
            ["--since", "9999-01-01"],
            "cxgov history: --since: expected a date between 1900-01-01 and 2199-12-31, found '9999-01-01'",
        ),
        (["--by", "ana"], "cxgov history: --by: only for record (cxgov history record WORKSPACE --by ...)"),
        (["extra"], "cxgov history: expected list or record before WORKSPACE, found 'ws'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_no_traceback(ws: Path, args: list[str], message: str) -> None:
    ran = cxgov("history", "ws", *args, cwd=ws.parent)
    assert (ran.returncode, ran.stdout, ran.stderr) == (2, "", message + "\n")


def test_record_is_still_a_subcommand(ws: Path) -> None:
    ran = cxgov("history", "record", "ws", "--by", "ana", cwd=ws.parent)
    assert ran.returncode == 2
    assert ran.stderr == "cxgov history: ws: expected a git repository with at least one commit, found none\n"
    wrong = cxgov("history", "record", "ws", "--json", cwd=ws.parent)
    assert (
        wrong.stderr == "cxgov history: --json: only for listing (cxgov history WORKSPACE --json ...), not for record\n"
    )
