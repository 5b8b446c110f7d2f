"""The workspace as it stood on a day: plans, charters and KPIs with later recorded changes undone."""

from __future__ import annotations

import os
from datetime import date

from cxgov.workspace.changes import CHANGES_FILE, read_changes
from cxgov.workspace.fields import Ctx
from cxgov.workspace.files import roots
from cxgov.workspace.githistory import is_git_workspace
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace
from cxgov.workspace.undo import later_than


def workspace_as_of(ws: Workspace, day: date) -> Workspace:
    """ws as it stood on day: ws itself when no committee recorded a change after day, else read again.

    The histories (updates.csv, measurements.csv ...) are cut by the views
    themselves; this gives each committee the plan, charter and KPI
    definitions it had on day (cxgov.workspace.changes), validated by the
    loader's rules as the files were then.
    """
    if is_git_workspace(ws.root) or any(later_than(c.changes, day) for c in ws.committees):
        return load_workspace(ws.root, ws.shown, as_of=day)  # a git workspace's history is read as of a day
    people = ws.org.person if ws.org is not None else ()
    within = roots(ws.root)
    for name in sorted(ws.failed):
        path = ws.root / name / CHANGES_FILE
        if not os.path.lexists(path):
            continue
        ctx = Ctx(str(path), name, [], within)  # its problems are reported by the load of ws
        if later_than(read_changes(path, ctx, people), day):
            return load_workspace(ws.root, ws.shown, as_of=day)
    return ws
