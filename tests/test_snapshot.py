"""The run's private folder: the saved workspace and the pages a worker rendered for the kernels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cxgov.review import snapshot
from cxgov.review.page import Page
from cxgov.workspace.load import load_workspace

EXAMPLE = Path(__file__).parents[1] / "committees"
AS_OF = date(2026, 10, 31)


def page(workspace: str, committee: str = "cx-steering", as_of: date = AS_OF) -> Page:
    return Page(workspace, committee, as_of, "T", "<h1>T</h1>", {"roadmap": "<p>r</p>"})


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(snapshot.ENV, str(tmp_path))
    return str(tmp_path)


def test_a_saved_page_is_found_for_exactly_its_workspace_date_and_committee(folder: str) -> None:
    saved = page("/ws")
    snapshot.save_page(folder, saved)
    assert snapshot.find_page("/ws", AS_OF, "cx-steering") == saved
    assert snapshot.find_page("/other", AS_OF, "cx-steering") is None
    assert snapshot.find_page("/ws", date(2026, 9, 30), "cx-steering") is None
    assert snapshot.find_page("/ws", AS_OF, "voc-council") is None
    assert snapshot.find_page("/ws", AS_OF, "") is None  # the organisation page is another file
    assert oct(Path(folder, "page-c-cx-steering.json").stat().st_mode & 0o777) == "0o600"


def test_no_page_without_the_run_folder_or_with_a_damaged_file(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot.save_page(folder, page("/ws", ""))
    assert snapshot.find_page("/ws", AS_OF, "") is not None
    Path(folder, "page-org.json").write_text('{"sections": [1]}')
    assert snapshot.find_page("/ws", AS_OF, "") is None
    Path(folder, "page-org.json").write_text("not json")
    assert snapshot.find_page("/ws", AS_OF, "") is None
    snapshot.save_page(folder, page("/ws", ""))
    snapshot.drop_page(folder, "")
    assert snapshot.find_page("/ws", AS_OF, "") is None
    snapshot.drop_page(folder, "")  # already gone: fine
    monkeypatch.delenv(snapshot.ENV)
    snapshot.save_page(folder, page("/ws", ""))
    assert snapshot.find_page("/ws", AS_OF, "") is None


def test_the_snapshot_is_used_only_for_its_workspace_and_date(folder: str, tmp_path: Path) -> None:
    ws = load_workspace(EXAMPLE)
    snapshot.save(ws, Path(folder), AS_OF)
    from_snapshot = snapshot.load(str(EXAMPLE), AS_OF, "cx-steering")
    assert from_snapshot.root == ws.root and from_snapshot is not ws
    # Its own committee keeps the full history; the others only what the date needs.
    full = {c.id: len(c.updates) for c in ws.committees}
    seen = {c.id: len(c.updates) for c in from_snapshot.committees}
    assert seen["cx-steering"] == full["cx-steering"] and seen["voc-council"] < full["voc-council"]
    # Another date or another folder: the files are read again.
    other_day = snapshot.load(str(EXAMPLE), date(2026, 9, 30))
    assert {c.id: len(c.updates) for c in other_day.committees} == full


def test_the_organisation_page_from_the_slim_snapshot_is_the_page_from_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Slim keeps only what the organisation page reads: the latest KPI values and, for the headline's
    # three-month trend, the values three months before them. Rendered both ways, the page is the same.
    from cxgov.review.render import render
    from cxgov.workspace.asof import workspace_as_of

    as_of, before = date(2026, 11, 30), date(2026, 10, 31)
    monkeypatch.delenv(snapshot.ENV, raising=False)
    from_files = render(str(EXAMPLE), "", "2026-11", today=date(2026, 12, 10))
    ws = load_workspace(EXAMPLE)
    snapshot.save(workspace_as_of(ws, as_of), tmp_path, as_of, (before, workspace_as_of(ws, before)))
    monkeypatch.setenv(snapshot.ENV, str(tmp_path))
    from_snapshot = render(str(EXAMPLE), "", "2026-11", today=date(2026, 12, 10))
    assert from_snapshot.sections == from_files.sections
    assert "Over three months 16 KPIs moved towards target" in from_files.sections["headline"]
