"""RACI: the people x actions matrix, workload per person, and RACI concerns."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from cxgov.i18n.collate import sort_key
from cxgov.i18n.current import _, n_
from cxgov.views.history import is_open, status_of
from cxgov.workspace.model import Committee, Workspace

OVERLOAD = 8  # more open actions than this with one Accountable person is a concern


def matrix(committees: Iterable[Committee], org_wide: bool = False) -> pd.DataFrame:
    """People (rows) x actions (columns) with letters R, A, C, I ('' where none).

    With org_wide the columns are 'committee/action' so several committees fit.
    """
    cols: dict[str, dict[str, str]] = {}
    for c in committees:
        for a in c.actions:
            key = f"{c.id}/{a.id}" if org_wide else a.id
            cols[key] = a.raci.letters()
    people = sorted({p for letters in cols.values() for p in letters})
    frame = pd.DataFrame({k: [v.get(p, "") for p in people] for k, v in cols.items()}, index=people)
    frame.index.name = "person"
    return frame


def workload(ws: Workspace, as_of: date, committees: Iterable[Committee] | None = None) -> pd.DataFrame:
    """Per person: open actions they are Responsible and Accountable for; flags overload (A > 8)."""
    resp: dict[str, int] = {}
    acc: dict[str, int] = {}
    for c in committees if committees is not None else ws.committees:
        status = status_of(c, as_of)
        for a in c.actions:
            if not is_open(status[a.id]):
                continue
            for p in a.raci.responsible:
                resp[p] = resp.get(p, 0) + 1
            acc[a.raci.accountable] = acc.get(a.raci.accountable, 0) + 1
    person = ws.org.person if ws.org else {}
    people = sorted(set(resp) | set(acc), key=lambda p: (sort_key(person[p].name if p in person else p), p))
    rows = [
        {
            "person": p,
            "name": person[p].name if p in person else p,
            "responsible_open": resp.get(p, 0),
            "accountable_open": acc.get(p, 0),
            "overloaded": acc.get(p, 0) > OVERLOAD,
        }
        for p in people
    ]
    return pd.DataFrame(rows, columns=["person", "name", "responsible_open", "accountable_open", "overloaded"])


def concerns(ws: Workspace, committee: Committee, as_of: date) -> list[str]:
    """RACI problems worth a chair's attention, in the page's language: overloaded Accountables, Accountables
    outside the committee."""
    out: list[str] = []
    load = workload(ws, as_of)
    for row in load[load["overloaded"]].itertuples():
        if any(a.raci.accountable == row.person for a in committee.actions):
            overloaded = n_(
                "{name} is Accountable for {n} open action across the organisation (more than {max}).",
                "{name} is Accountable for {n} open actions across the organisation (more than {max}).",
                int(row.accountable_open),
            )
            out.append(overloaded.format(name=row.name, n=row.accountable_open, max=OVERLOAD))
    members = set(committee.members)
    outsiders: dict[str, list[str]] = {}
    for a in committee.actions:
        if a.raci.accountable not in members:
            outsiders.setdefault(a.raci.accountable, []).append(a.id)
    person = ws.org.person if ws.org else {}
    named = [(person[p].name if p in person else p, p, ids) for p, ids in outsiders.items()]
    outside = _("{name} is Accountable for {actions} but is not a member of the committee.")
    for name, _pid, ids in sorted(named, key=lambda n: (sort_key(n[0]), n[1])):
        out.append(outside.format(name=name, actions=", ".join(ids)))
    return out
