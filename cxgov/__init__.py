"""cxgov: governance and accountability tracker for customer-experience programmes.

The package is a library first: the command line, the review notebooks and the
dashboard are built on the same functions a notebook or a script can call.
The public API is this module's names (``__all__``); everything under
``cxgov.*`` is internal and may move.

Open and check a workspace (a folder such as the bundled ``committees/``)::

    import cxgov

    problems = cxgov.validate("committees")  # [] when clean, else cxgov.Problem
    for problem in problems:                 # str(problem): "path:line: field: expected ..., found ..."
        print(problem)
    ws = cxgov.open_workspace("committees")  # a cxgov.Workspace; committees with problems are left out
    ws.failed                                # ... and named here

Every view is a pandas DataFrame of the workspace on a date (``as_of``: a
``datetime.date`` or a ``"YYYY-MM-DD"`` string), with the plans as they stood
that day (as ``cxgov status`` shows them); views never read the clock, so a
past date reproduces a past review::

    cxgov.rollup(ws, "2026-11-30")   # one row per committee: plan month, actions done/open/overdue,
                                     # KPIs on target, maturity, health rules H1..H7
    cxgov.actions(ws, "2026-11-30")  # one row per action: milestone, due date, RACI, status, latest note
    cxgov.raci(ws)                   # the RACI chart: one row per action, one column per person
    cxgov.kpis(ws, "2026-11-30")     # one row per KPI: latest value and period, target, on target or not
    cxgov.health(ws, "2026-11-30")   # the health check: committee, rule, inhibitor, verdict, reason
    cxgov.signals(ws, "2026-11-30")  # voice-of-customer signals: routing, state, age, closed-loop days

A path that is not a workspace folder, or a malformed date, raises
``cxgov.CxgovError`` with a message to act on. ``import cxgov`` stays light:
pandas is imported on the first call of a view.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pandas as pd

    from cxgov.errors import CxgovError, Problem
    from cxgov.workspace.model import Committee, Workspace

__all__ = [
    "Committee",
    "CxgovError",
    "Problem",
    "Workspace",
    "__version__",
    "actions",
    "health",
    "kpis",
    "open_workspace",
    "raci",
    "rollup",
    "signals",
    "validate",
]

Day = date | str


def __getattr__(name: str) -> Any:
    """The record and error types, imported on first use (``import cxgov`` imports nothing else)."""
    if name in ("CxgovError", "Problem"):
        from cxgov import errors

        return getattr(errors, name)
    if name in ("Committee", "Workspace"):
        from cxgov.workspace import model

        return getattr(model, name)
    raise AttributeError(f"module 'cxgov' has no attribute {name!r}")


def open_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """Load and validate the workspace folder at path, once (None: $CXGOV_WORKSPACE, else the project's committees/).

    Committees whose files have blocking problems are left out (``ws.failed``
    names them); every problem is in ``ws.problems``. Raises CxgovError if path
    is not a folder.

    >>> ws = cxgov.open_workspace("committees")
    >>> [c.id for c in ws.committees]
    ['cx-steering', 'support-product', 'voc-council']
    """
    from cxgov.workspace.load import load_workspace
    from cxgov.workspace.paths import notebook_workspace

    return load_workspace(path if path is not None else notebook_workspace())


def validate(workspace: str | os.PathLike[str] | Workspace | None = None) -> list[Problem]:
    """Every problem of a workspace (a path as open_workspace takes it, or one already opened), in the order
    `cxgov validate` prints them.

    >>> cxgov.validate("committees")
    []
    """
    from cxgov.workspace.model import Workspace

    ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace)
    return list(ws.problems)


def rollup(ws: Workspace, as_of: Day) -> pd.DataFrame:
    """The organisation roll-up: one row per committee, everything a sponsor scans first.

    Columns: committee, name, plan_month (0 before launch), next_milestone, days_to_next, actions_total,
    done, open, overdue, at_risk, dropped, progress, kpis_on_target, kpis_total, kpis_judged,
    kpi_attainment, maturity_level, maturity_score, maturity_trend, and H1..H7 ('pass', 'warn', 'fail').

    >>> cxgov.rollup(ws, "2026-11-30").set_index("committee")[["plan_month", "done", "overdue"]]
    """
    from cxgov.views.rollup import rollup as view

    return view(*_on(ws, as_of))


def actions(ws: Workspace, as_of: Day) -> pd.DataFrame:
    """Every action of every committee: milestone and its date, due date, RACI names, status as of the date.

    >>> cxgov.actions(ws, "2026-11-30").query("overdue")[["committee", "action", "due", "accountable"]]
    """
    from cxgov.export.tables import actions as view

    return view(*_on(ws, as_of))


def raci(ws: Workspace) -> pd.DataFrame:
    """The RACI chart: one row per action (committee, action, title), one column per person holding R, A, C or I.

    >>> cxgov.raci(ws).set_index(["committee", "action"])
    """
    from cxgov.export.tables import raci as view

    return view(ws)


def kpis(ws: Workspace, as_of: Day) -> pd.DataFrame:
    """Every KPI of every committee: latest value and period as of the date, target, on target, links.

    >>> cxgov.kpis(ws, "2026-11-30")[["committee", "kpi", "latest", "target", "on_target"]]
    """
    from cxgov.export.tables import kpis as view

    return view(*_on(ws, as_of))


def health(ws: Workspace, as_of: Day) -> pd.DataFrame:
    """The governance health check H1-H7 of every committee: committee, rule, inhibitor, verdict, reason.

    >>> cxgov.health(ws, "2026-11-30").pivot(index="committee", columns="rule", values="verdict")
    """
    from cxgov.export.tables import health as view

    return view(*_on(ws, as_of))


def signals(ws: Workspace, as_of: Day, department: str | None = None) -> pd.DataFrame:
    """Voice-of-customer signals up to the date, oldest first: state, routing, age and closed-loop days.

    department: only the signals that concern this department (an id of org.yaml).

    >>> cxgov.signals(ws, "2026-11-30").groupby("state").size()
    """
    from cxgov.views.signals import signals as view

    return view(*_on(ws, as_of), department)


def _on(ws: Workspace, as_of: Day) -> tuple[Workspace, date]:
    """The workspace with the plans, charters and KPIs as they stood on the date (as `cxgov status` shows them)."""
    from cxgov.workspace.asof import workspace_as_of

    day = _day(as_of)
    return workspace_as_of(ws, day), day


def _day(as_of: Day) -> date:
    """A date as the views take it: a date (a datetime's day), or YYYY-MM-DD within the supported range."""
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    from cxgov.dates import parse_as_of

    if not isinstance(as_of, str):
        from cxgov.errors import CxgovError

        raise CxgovError(f"as_of: expected a date or a string YYYY-MM-DD, found {type(as_of).__name__}")
    return parse_as_of(as_of, flag="as_of")
