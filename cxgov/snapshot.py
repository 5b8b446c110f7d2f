"""A loaded workspace saved once and shared with the review notebooks of one run.

`cxgov review` loads and validates the workspace once and saves it into a
private folder of the run; each notebook's kernel finds the folder in
$CXGOV_WORKSPACE_SNAPSHOT, so forty notebooks do not parse the same files
forty times. The saved workspace is *slim*: of each committee it keeps only
what a review as of the run's date reads (the latest update of each action up
to that date, the latest value of each KPI). The full history of each
committee is saved beside it, and a committee's notebook swaps its own back
in (its review also shows what changed this month). The snapshot is only used
for the workspace it was made from; a notebook run without it loads the files.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.load import load_workspace
from cxgov.model import Committee, Measurement, Workspace

ENV = "CXGOV_WORKSPACE_SNAPSHOT"
BASE = "workspace.pickle"


def slim(ws: Workspace, as_of: date) -> Workspace:
    """The workspace with only the history a review as of a date reads."""
    cutoff = f"{as_of:%Y-%m}"
    committees = []
    for c in ws.committees:
        latest = {u.action: u for u in c.updates if u.date <= as_of}
        values: dict[str, Measurement] = {}
        for m in c.measurements:
            if m.period <= cutoff and (m.kpi not in values or m.period >= values[m.kpi].period):
                values[m.kpi] = m
        updates = tuple(sorted(latest.values(), key=lambda u: u.date))
        committees.append(replace(c, updates=updates, measurements=tuple(values.values())))
    return replace(ws, committees=tuple(committees))


def save(ws: Workspace, folder: Path, as_of: date) -> None:
    """Save the slim workspace and each committee's full record into folder (private to this user)."""
    _dump((as_of, slim(ws, as_of)), folder / BASE)
    for c in ws.committees:
        _dump(c, folder / f"{c.id}.pickle")


def load(workspace: str, as_of: date, committee: str = "") -> Workspace:
    """The workspace at path: from this run's snapshot when it was made from it for as_of, else from the files."""
    folder = os.environ.get(ENV)
    if folder and os.path.exists(os.path.join(folder, BASE)):
        made_for, ws = _read(Path(folder) / BASE)
        if made_for == as_of and isinstance(ws, Workspace) and ws.root.resolve() == Path(workspace).resolve():
            full = Path(folder) / f"{committee}.pickle"
            if committee and full.exists():
                mine = _read(full)
                if isinstance(mine, Committee):
                    ws = replace(ws, committees=tuple(mine if c.id == committee else c for c in ws.committees))
            return ws
    return load_workspace(workspace)


def _dump(obj: Any, path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read(path: Path) -> Any:
    with open(path, "rb") as fh:
        return pickle.load(fh)
