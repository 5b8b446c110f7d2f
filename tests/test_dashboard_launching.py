"""A committee that has not launched yet, in the dashboard: listed as "launching on ...", not the first choice.

The workspace is made in the test: the example one, plus a committee scaffolded today with
`cxgov new committee` that launches in 45 days and whose id sorts first.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_run import cxgov
from workspaces import REPO

from cxgov.dashboard.app import Dashboard
from cxgov.dates import today
from cxgov.views import health
from cxgov.workspace.load import load_workspace

EXAMPLE = REPO / "committees"
PILOT = "aaa-pilot"  # sorts before every committee of the example


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, date]:
    ws = tmp_path_factory.mktemp("launching") / "ws"
    shutil.copytree(EXAMPLE, ws)
    launch = today() + timedelta(days=45)
    made = cxgov("new", "committee", PILOT, "--workspace", str(ws), "--launch", launch.isoformat())
    assert made.returncode == 0, made.stdout + made.stderr
    return ws, launch


def dashboard(ws: Path) -> Dashboard:
    return Dashboard(str(ws), today())  # the committee exists from today, when it was created


def test_the_scaffolded_committee_would_fail_health_rules_once_launched(workspace: tuple[Path, date]) -> None:
    # Without the launching rule this is what a sponsor would read today: the reason for the rule.
    ws_path, launch = workspace
    ws = load_workspace(ws_path)
    later = health.check(ws, ws.committee[PILOT], launch + timedelta(days=120))
    assert len([v for v in later if v.verdict == "fail"]) >= 4, later


def test_a_committee_not_launched_yet_is_not_the_default_choice(workspace: tuple[Path, date]) -> None:
    d = dashboard(workspace[0])
    assert [value for _, value in d.committee_picker.options][0] == PILOT
    assert d.committee_picker.value == "cx-steering"  # the first committee that has launched
    assert "CX Steering Committee" in d.committee_head.value


def test_it_is_listed_as_launching_on_its_date(workspace: tuple[Path, date]) -> None:
    ws_path, launch = workspace
    d = dashboard(ws_path)
    name = load_workspace(ws_path).committee[PILOT].name
    assert (f"{name} (launching on {launch})", PILOT) in list(d.committee_picker.options)


def test_its_health_tab_says_launching_on_and_fails_nothing(workspace: tuple[Path, date]) -> None:
    ws_path, launch = workspace
    d = dashboard(ws_path)
    d.committee_picker.value = PILOT
    shown = d.open_tab("Health")
    assert shown.count(f"Launching on {launch}") == 7
    assert 'class="badge bad"' not in shown, "no health rule may fail before the launch"


def test_from_its_launch_date_it_is_listed_by_its_name_alone(workspace: tuple[Path, date]) -> None:
    ws_path, launch = workspace
    d = dashboard(ws_path)
    d.committee_picker.value = PILOT
    d.as_of_picker.value = launch
    name = load_workspace(ws_path).committee[PILOT].name
    assert (name, PILOT) in list(d.committee_picker.options)
    assert d.committee_picker.value == PILOT, "the viewer's choice is kept"
    assert "Launching on" not in d.open_tab("Health")
