"""Fixture workspaces for the view tests: copy one into tmp_path, patch a file, load it.

The fixtures live under tests/fixtures/views/:

- ``programme``: committees ``care`` (launch 2026-07-01, monthly) and ``growth``
  (launch 2026-03-15, quarterly), reviewed as of 2026-08-31.
- ``health``: committee ``main`` (launch 2026-01-01, monthly) passes H1-H7 as of
  2026-05-31; ``other`` owns an outcome KPI driven only by ``main``'s frt.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Collection
from datetime import date
from pathlib import Path

from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Committee, Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "views"
PROGRAMME = FIXTURES / "programme"
HEALTH = FIXTURES / "health"

REVIEW = date(2026, 8, 31)  # the review date of the programme fixture
HEALTH_AS_OF = date(2026, 5, 31)  # the review date of the health fixture


def load(path: Path) -> Workspace:
    """Load a workspace that must load completely (no committee left out)."""
    ws = load_workspace(path)
    assert ws.failed == (), [str(p) for p in ws.problems]
    return ws


def committee(path: Path, cid: str) -> tuple[Workspace, Committee]:
    """Load a workspace and pick one committee."""
    ws = load(path)
    return ws, ws.committee[cid]


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """Copy tests/fixtures/views/<name> into tmp_path and return the copy."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def write(ws: Path, relpath: str, text: str) -> Path:
    """Replace one file of a copied workspace (text is dedented) and return the workspace."""
    (ws / relpath).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return ws


def append(ws: Path, relpath: str, *lines: str) -> Path:
    """Append lines, as given, to one file of a copied workspace (which ends with a newline)."""
    with (ws / relpath).open("a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
    return ws


def delete(ws: Path, relpath: str) -> Path:
    """Remove one optional file of a copied workspace."""
    (ws / relpath).unlink()
    return ws


def plan_yaml(specs: list[tuple[str, int, str, str, str]], evidence: Collection[str] = ()) -> str:
    """A plan.yaml with default milestones and one action per (id, horizon, due, responsible, accountable)."""
    lines = [
        "milestones:",
        "  - {horizon: 3, goal: Three}",
        "  - {horizon: 6, goal: Six}",
        "  - {horizon: 12, goal: Twelve}",
        "actions:",
    ]
    for aid, horizon, due, responsible, accountable in specs:
        lines += [
            f"  - id: {aid}",
            f"    title: Action {aid}",
            f"    horizon: {horizon}",
            f"    due: {due}",
            f"    raci: {{responsible: [{responsible}], accountable: {accountable}}}",
        ]
        if aid in evidence:
            lines.append(f"    evidence: Customers asked for {aid}")
    return "\n".join(lines) + "\n"
