"""A loaded workspace saved once and shared with the review notebooks of one run.

`cxgov review` loads and validates the workspace once and saves it into a
private folder of the run; each notebook's kernel finds the folder in
$CXGOV_WORKSPACE_SNAPSHOT, so forty notebooks do not parse the same files
forty times. The saved workspace is *slim*: of each committee it keeps only
what a review as of the run's date reads (the latest update of each action up
to that date, the latest value of each KPI). The full history of each
committee is saved beside it, and a committee's review swaps its own back in
(its review also shows what changed this month). The snapshot is only used
for the workspace it was made from; a notebook run without it loads the files.

The "Since last month" block of each page needs the workspace as it stood at
the previous month's review too: `save` is given it and keeps it, slim for
its own date, beside the other (`PREVIOUS`); `load` for that date reads it.

The same folder carries the pages a run's worker has already rendered
(`save_page`), so the notebook's kernel only shows them (`find_page`).
"""

from __future__ import annotations

import json
import os
import pickle
from contextlib import suppress
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.dates import shift_period
from cxgov.review.page import Page
from cxgov.workspace.atomic import replace_files
from cxgov.workspace.model import Committee, Measurement, Workspace

ENV = "CXGOV_WORKSPACE_SNAPSHOT"
BASE = "workspace.pickle"
PREVIOUS = "previous.pickle"  # the workspace as it stood at the previous month's review, slim for that date
# this process's last read of each saved workspace, by path, with the file's identity when read
_cache: dict[str, tuple[tuple[int, int], tuple[date, Workspace]]] = {}


def slim(ws: Workspace, as_of: date) -> Workspace:
    """The workspace with only the history a review as of a date reads (the organisation page's figures)."""
    cutoff = f"{as_of:%Y-%m}"
    committees = []
    for c in ws.committees:
        latest = {u.action: u for u in c.updates if u.date <= as_of}
        # Each KPI's latest month and the month three before it (the trend the headline reads), the
        # month's last row (a correction) winning, as cxgov.views.history.measurements_until reads them.
        last: dict[str, str] = {}
        for m in c.measurements:
            if m.period <= cutoff and m.period >= last.get(m.kpi, m.period):
                last[m.kpi] = m.period
        keep = set(last.items()) | {(k, shift_period(p, -3)) for k, p in last.items()}
        values: dict[tuple[str, str], Measurement] = {}
        for m in c.measurements:
            if (m.kpi, m.period) in keep:
                values[(m.kpi, m.period)] = m
        updates = tuple(sorted(latest.values(), key=lambda u: u.date))
        committees.append(replace(c, updates=updates, measurements=tuple(values.values())))
    return replace(ws, committees=tuple(committees))


def save(ws: Workspace, folder: Path, as_of: date, previous: tuple[date, Workspace] | None = None) -> None:
    """Save the slim workspace and each committee's full record into folder (private to this user).

    previous: the previous month's review date and the workspace as it stood then, saved slim for it.
    """
    _dump((as_of, slim(ws, as_of)), folder / BASE)
    for c in ws.committees:
        _dump(c, folder / f"{c.id}.pickle")
    if previous is not None:
        day, then = previous
        _dump((day, slim(then, day)), folder / PREVIOUS)


def load(workspace: str, as_of: date, committee: str = "") -> Workspace:
    """The workspace at path: from this run's snapshot when it was made from it for as_of, else from the files."""
    folder = os.environ.get(ENV)
    base = _base(Path(folder) / BASE) if folder else None
    if base is not None:
        made_for, ws = base
        if made_for == as_of and ws.root.resolve() == Path(workspace).resolve():
            assert folder is not None
            full = Path(folder) / f"{committee}.pickle"
            if committee and full.exists():
                mine = _read(full)
                if isinstance(mine, Committee):
                    ws = replace(ws, committees=tuple(mine if c.id == committee else c for c in ws.committees))
            return ws
    before = _base(Path(folder) / PREVIOUS) if folder else None
    if before is not None and before[0] == as_of and before[1].root.resolve() == Path(workspace).resolve():
        return before[1]  # the previous month's review date: slim is all its figures read
    from cxgov.workspace.asof import workspace_as_of  # only without a snapshot: keeps this module light
    from cxgov.workspace.load import load_workspace

    return workspace_as_of(load_workspace(workspace), as_of)  # the plans as they stood on as_of


def _base(path: Path) -> tuple[date, Workspace] | None:
    """A saved slim workspace (BASE or PREVIOUS), read once per process (it does not change during a run)."""
    try:
        st = path.stat()
    except OSError:
        return None
    key = (st.st_ino, st.st_mtime_ns)
    cached = _cache.get(str(path))
    if cached is None or cached[0] != key:
        made_for, ws = _read(path)
        if not isinstance(ws, Workspace) or not isinstance(made_for, date):
            return None
        for other in [p for p in _cache if Path(p).parent != path.parent]:
            del _cache[other]  # another run's: only this run's are kept
        _cache[str(path)] = cached = (key, (made_for, ws))
    return cached[1]


def _page_path(folder: str, committee: str) -> Path:
    return Path(folder) / (f"page-c-{committee}.json" if committee else "page-org.json")


def save_page(folder: str, page: Page) -> None:
    """Save a rendered page into the run's folder, for the kernel of its notebook."""
    _write(_page_path(folder, page.committee), json.dumps(page.to_json()).encode("utf-8"))


def drop_page(folder: str, committee: str) -> None:
    """Remove a saved page, if any (before rendering it again)."""
    with suppress(FileNotFoundError):
        _page_path(folder, committee).unlink()


def find_page(workspace: str, as_of: date, committee: str) -> Page | None:
    """The page this run's worker rendered for exactly this workspace, date and committee, if any."""
    folder = os.environ.get(ENV)
    if not folder:
        return None
    try:
        with open(_page_path(folder, committee), encoding="utf-8") as fh:
            page = Page.from_json(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if page.workspace == workspace and page.as_of == as_of and page.committee == committee:
        return page
    return None


def _dump(obj: Any, path: Path) -> None:
    _write(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def _write(path: Path, data: bytes) -> None:
    """Write a file readable by this user only, replacing it atomically."""
    replace_files({path: data}, new_mode=0o600, keep_mode=False)


def _read(path: Path) -> Any:
    with open(path, "rb") as fh:
        return pickle.load(fh)
