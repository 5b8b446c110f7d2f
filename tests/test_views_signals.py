"""Signals: state, age and closed-loop time, by hand on a small workspace."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cxgov.views import signals as sv
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"

UPDATES = """date,action,status,by,note
2026-07-20,A1,on_track,bo,
2026-08-29,A1,done,bo,
2026-09-01,A2,on_track,dee,
2026-09-15,A2,done,dee,
2026-09-20,A2,at_risk,dee,reopened
2026-10-05,A2,done,dee,
2026-08-01,A3,dropped,bo,
"""
SIGNALS = """date,id,source,summary,touchpoint,departments,committee,action
2026-07-10,S1,survey,Cannot find how to activate,activation-help,cx;product,cx,A1
2026-07-20,S2,call centre,Welcome call too long,welcome-call,support,,
2026-09-10,S3,chat,"Activation email, again, missing",,cx,cx,A2
2026-08-15,S4,complaint,Activation steps differ,,product;support,cx,A3
2026-09-01,S5,survey,Map is confusing,,product,cx,A1
2026-11-05,S6,call centre,Came after the review date,,support,,
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    (root / "cx" / "updates.csv").write_text(UPDATES)
    (root / "signals.csv").write_text(SIGNALS)
    loaded = load_workspace(root)
    assert [str(p) for p in loaded.problems] == []
    return loaded


def by_id(frame: object) -> dict[str, dict[str, object]]:
    return {r["id"]: r for r in frame.to_dict("records")}  # type: ignore[attr-defined]


def test_states_ages_and_loop_times_as_of_end_of_october(ws: Workspace) -> None:
    rows = by_id(sv.signals(ws, date(2026, 10, 31)))
    assert set(rows) == {"S1", "S2", "S3", "S4", "S5"}  # S6 is dated after as_of
    # S1: A1 done 2026-08-29; Jul 10 -> Aug 29 = 21 + 29 = 50 days; age Jul 10 -> Oct 31 = 21 + 31 + 30 + 31 = 113.
    assert (rows["S1"]["state"], rows["S1"]["loop_days"], rows["S1"]["age_days"]) == ("closed", 50, 113)
    # S2: no action -> unrouted; Jul 20 -> Oct 31 = 11 + 31 + 30 + 31 = 103 days.
    assert (rows["S2"]["state"], rows["S2"]["age_days"]) == ("unrouted", 103)
    # S3: A2 done 09-15, reopened 09-20, done again 10-05 -> Sep 10 -> Oct 5 = 25 days.
    assert (rows["S3"]["state"], rows["S3"]["loop_days"]) == ("closed", 25)
    # S4: A3 was dropped, not done -> the signal stays open.
    assert rows["S4"]["state"] == "open"
    # S5: A1 was already done before the signal -> closed, loop 0.
    assert (rows["S5"]["state"], rows["S5"]["loop_days"]) == ("closed", 0)


def test_a_reopened_action_reopens_its_signal(ws: Workspace) -> None:
    assert by_id(sv.signals(ws, date(2026, 9, 16)))["S3"]["state"] == "closed"  # done on 09-15, loop 5 days
    assert by_id(sv.signals(ws, date(2026, 9, 16)))["S3"]["loop_days"] == 5
    assert by_id(sv.signals(ws, date(2026, 9, 25)))["S3"]["state"] == "open"  # at_risk since 09-20


def test_signals_dated_after_as_of_do_not_exist(ws: Workspace) -> None:
    assert list(sv.signals(ws, date(2026, 7, 15))["id"]) == ["S1"]
    assert "S6" in list(sv.signals(ws, date(2026, 11, 5))["id"])


def test_open_signals_per_department(ws: Workspace) -> None:
    rows = {r["department"]: r for r in sv.open_by_department(ws, date(2026, 10, 31)).to_dict("records")}
    # support: S2 unrouted (103 days) and S4 open (Aug 15 -> Oct 31 = 16 + 30 + 31 = 77 days).
    assert (rows["support"]["open"], rows["support"]["unrouted"], rows["support"]["oldest_days"]) == (2, 1, 103)
    assert rows["support"]["signals"] == "S2, S4"
    # cx: S1 and S3 are closed.
    assert (rows["cx"]["open"], rows["cx"]["oldest_days"]) == (0, None)
    # product: S1, S5 closed; S4 open.
    assert (rows["product"]["open"], rows["product"]["signals"]) == (1, "S4")


def test_department_filter_and_committee_views(ws: Workspace) -> None:
    as_of = date(2026, 10, 31)
    assert list(sv.signals(ws, as_of, "product")["id"]) == ["S1", "S4", "S5"]
    committee = ws.committee["cx"]
    assert list(sv.answered_by(ws, committee, as_of)["id"]) == ["S1", "S4", "S5", "S3"]  # oldest first
    assert list(sv.unrouted_for(ws, committee, as_of)["id"]) == ["S2"]  # support is one of cx's departments


def test_median_closed_loop_time(ws: Workspace) -> None:
    assert sv.median_loop_days(ws, date(2026, 10, 31)) == 25.0  # loops 50, 25, 0
    assert sv.median_loop_days(ws, date(2026, 7, 15)) is None


def test_cli_signals_json_has_the_documented_fields(ws: Workspace) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cxgov", "signals", str(ws.root), "--as-of", "2026-10-31", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {r["id"]: r for r in json.loads(done.stdout)}
    assert rows["S1"] == rows["S1"] | {
        "state": "closed",
        "departments": ["cx", "product"],
        "committee": "cx",
        "action": "A1",
        "age_days": 113,
        "loop_days": 50,
    }
    assert rows["S2"] | {} == rows["S2"] | {"state": "unrouted", "committee": None, "action": None, "loop_days": None}


def test_cli_signals_text_and_unknown_department(ws: Workspace) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cxgov", "signals", str(ws.root), "--as-of", "2026-10-31", "--department", "support"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "UNROUTED (1)" in done.stdout and "S2" in done.stdout and "OPEN (1)" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "cxgov", "signals", str(ws.root), "--department", "legal"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "--department: expected one of support, cx, product; found 'legal'" in bad.stderr


def test_cli_signals_text_writes_control_characters_of_a_summary_as_escapes(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    (root / "signals.csv").write_text(
        "date,id,source,summary,touchpoint,departments,committee,action\n"
        '2026-07-20,S2,call centre,"Welcome \x1b]0;pwned\x07\x1b[2J call\x9b31m",welcome-call,support,,\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "cxgov", "signals", str(root), "--as-of", "2026-10-31"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "        Welcome \\x1b]0;pwned\\x07\\x1b[2J call\\x9b31m [support]\n" in done.stdout + "\n"
    assert not any(c in done.stdout for c in "\x1b\x07\x9b")


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_cli_signals_says_when_rows_are_missing_because_of_problems(tmp_path: Path, fmt: list[str]) -> None:
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    (root / "signals.csv").write_text(SIGNALS.replace("2026-07-20,S2", "2026-07-32,S2"))
    done = subprocess.run(
        [sys.executable, "-m", "cxgov", "signals", "ws", "--as-of", "2026-10-31", *fmt],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "S1" in done.stdout and "S2" not in done.stdout
    assert done.stderr == "cxgov signals: ws/signals.csv: has problems, rows may be missing (run: cxgov validate ws)\n"
    (root / "org.yaml").unlink()
    done = subprocess.run(
        [sys.executable, "-m", "cxgov", "signals", "ws", *fmt], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr == "cxgov signals: ws/org.yaml: has problems, rows may be missing (run: cxgov validate ws)\n"
