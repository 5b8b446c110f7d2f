"""The public API (cxgov/__init__.py): light to import, every name there, dates checked, views as DataFrames."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from conftest import MakeWorkspace
from workspaces import INVALID

import cxgov
from cxgov.dates import DATE_RANGE
from cxgov.views.rollup import rollup

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "committees"


def test_import_cxgov_loads_no_heavy_library_and_names_resolve_on_use() -> None:
    script = (
        "import sys, cxgov\n"
        "heavy = [m for m in ('pandas', 'nbformat', 'papermill', 'matplotlib') if m in sys.modules]\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('cxgov'))\n"
        "print(heavy, loaded, cxgov.Problem.__name__, cxgov.__version__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"[] ['cxgov'] Problem {cxgov.__version__}\n"


def test_every_public_name_exists_and_nothing_else_is_invented() -> None:
    for name in cxgov.__all__:
        assert getattr(cxgov, name) is not None
    assert cxgov.Workspace.__module__ == "cxgov.workspace.model"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        cxgov.nope  # noqa: B018


def test_validate_returns_the_problems_and_open_workspace_leaves_the_committee_out(
    make_workspace: MakeWorkspace,
) -> None:
    make_workspace(INVALID / "committee-chair-not-member")
    problems = cxgov.validate("ws")
    assert [str(p) for p in problems] == [
        "ws/cx/committee.yaml:4: committee cx: chair: expected a member of the committee, found 'eli'"
    ]
    assert all(isinstance(p, cxgov.Problem) for p in problems)
    ws = cxgov.open_workspace("ws")
    assert (ws.failed, ws.committees) == (("cx",), ())
    assert cxgov.validate(ws) == problems
    with pytest.raises(cxgov.CxgovError, match="nope: expected a workspace folder, found nothing"):
        cxgov.open_workspace("nope")


@pytest.mark.parametrize("as_of", ["2026-11-30", date(2026, 11, 30), datetime(2026, 11, 30, 23, 59)])
def test_views_take_a_date_or_its_text_and_are_the_views_dataframes(as_of: object) -> None:
    ws = cxgov.open_workspace(EXAMPLE)
    frame = cxgov.rollup(ws, as_of)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(frame, rollup(ws, date(2026, 11, 30)))
    for view in (cxgov.actions, cxgov.kpis, cxgov.health, cxgov.signals):
        assert isinstance(view(ws, as_of), pd.DataFrame) and len(view(ws, as_of)) > 0  # type: ignore[operator]
    assert set(cxgov.actions(ws, "2026-11-30").committee) == {c.id for c in ws.committees}
    assert list(cxgov.raci(ws).columns[:3]) == ["committee", "action", "title"]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("30/11/2026", "as_of: expected a date YYYY-MM-DD, found '30/11/2026'"),
        ("9999-12-31", f"as_of: expected {DATE_RANGE}, found '9999-12-31'"),
        (20261130, "as_of: expected a date or a string YYYY-MM-DD, found int"),
    ],
)
def test_a_malformed_date_is_a_cxgov_error_naming_as_of(as_of: object, message: str) -> None:
    ws = cxgov.open_workspace(EXAMPLE)
    with pytest.raises(cxgov.CxgovError) as raised:
        cxgov.health(ws, as_of)  # type: ignore[arg-type]
    assert str(raised.value) == message
