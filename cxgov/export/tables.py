"""The tables a spreadsheet export holds: actions, RACI matrix, KPIs, health check.

Pure functions of (workspace, as_of) built on the views, one row per object
across every loaded committee, with names rather than ids where a person
reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from cxgov.i18n.collate import sort_key
from cxgov.views import health as health_view
from cxgov.views import kpis as kpis_view
from cxgov.views import roadmap
from cxgov.workspace.model import Workspace

# Sheet name -> CSV file name, in workbook order.
SHEETS = {"Actions": "actions.csv", "RACI": "raci.csv", "KPIs": "kpis.csv", "Health": "health.csv"}

# The roadmap's action columns, with the milestone's date and the C and I people added.
_ADDED = {"horizon": ["milestone_due"], "accountable": ["consulted", "informed"]}
ACTION_COLUMNS = [c for col in roadmap.ACTION_COLUMNS for c in (col, *_ADDED.get(col, []))]


def _namer(ws: Workspace) -> Callable[[str], str]:
    person = ws.org.person if ws.org else {}
    return lambda p: person[p].name if p in person else p


def actions(ws: Workspace, as_of: date) -> pd.DataFrame:
    """Every action with its milestone date, RACI (names and ids), status as of the date and latest note."""
    name = _namer(ws)
    frames = []
    for c in ws.committees:
        frame = roadmap.actions(c, as_of, ws.org)
        by_id = c.action
        frame["milestone_due"] = [c.milestone[by_id[a].horizon].due for a in frame["action"]]
        frame["consulted"] = [", ".join(name(p) for p in by_id[a].raci.consulted) for a in frame["action"]]
        frame["informed"] = [", ".join(name(p) for p in by_id[a].raci.informed) for a in frame["action"]]
        frame["responsible_ids"] = [";".join(ids) for ids in frame["responsible_ids"]]
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=ACTION_COLUMNS)
    return pd.concat(frames, ignore_index=True)[ACTION_COLUMNS]


def raci(ws: Workspace) -> pd.DataFrame:
    """The RACI chart: one row per action, one column per person (by name) holding R, A, C or I, or nothing.

    Actions are rows, as in a classic RACI chart: a sheet stays within a
    spreadsheet's column limit however many actions there are. Only people
    with a letter somewhere get a column, ordered by name; a name two people
    share is followed by the person id.
    """
    name = _namer(ws)
    people = sorted(
        {p for c in ws.committees for a in c.actions for p in a.raci.letters()}, key=lambda p: (sort_key(name(p)), p)
    )
    names = [name(p) for p in people]
    header = [f"{n} ({p})" if names.count(n) > 1 else n for p, n in zip(people, names, strict=True)]
    rows = []
    for c in ws.committees:
        for a in c.actions:
            letters = a.raci.letters()
            rows.append([c.id, a.id, a.title, *(letters.get(p) for p in people)])
    return pd.DataFrame(rows, columns=["committee", "action", "title", *header], dtype=object)


def kpis(ws: Workspace, as_of: date) -> pd.DataFrame:
    """Every KPI with its latest value as of the date, target and links."""
    frames = [kpis_view.table(ws, c, as_of).assign(committee=c.id) for c in ws.committees]
    columns = ["committee", *kpis_view.TABLE_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def health(ws: Workspace, as_of: date) -> pd.DataFrame:
    """The health check H1-H7 of every committee: committee, rule, inhibitor, verdict, reason."""
    columns = ["committee", "rule", "inhibitor", "verdict", "reason"]
    frames = [health_view.table(ws, c, as_of).assign(committee=c.id) for c in ws.committees]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def tables(ws: Workspace, as_of: date) -> dict[str, pd.DataFrame]:
    """Sheet name -> table, in workbook order (see SHEETS)."""
    return {"Actions": actions(ws, as_of), "RACI": raci(ws), "KPIs": kpis(ws, as_of), "Health": health(ws, as_of)}
