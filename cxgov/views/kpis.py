"""KPIs: latest values against targets, trends, operational -> outcome links, attainment."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from cxgov.dates import shift_period
from cxgov.views.history import measurements_until
from cxgov.workspace.model import Committee, Kpi, Workspace

# The columns of table(), in order (the KPI sheet of the exports uses them too).
TABLE_COLUMNS = [
    "kpi",
    "name",
    "kind",
    "unit",
    "direction",
    "baseline",
    "target",
    "owner",
    "latest",
    "period",
    "on_target",
    "change_3m",
    "drives",
    "driven_by",
    "shared",
    "weight",
]


@dataclass(frozen=True, slots=True)
class KpiRef:
    """A KPI as a reader knows it: its committee's id and name, its own id and name."""

    committee: str
    committee_name: str
    kpi: str
    name: str


def ref(ws: Workspace, committee: str, kpi: str) -> KpiRef:
    """The KPI `committee/kpi` with its names (the ids where it is not loaded: its committee failed to load)."""
    c = ws.committee.get(committee)
    k = c.kpi.get(kpi) if c else None
    return KpiRef(committee, c.name if c else committee, kpi, k.name if k else kpi)


def _target(c: Committee, reference: str) -> tuple[str, str]:
    """A 'drives' reference as (committee, kpi): 'kpi' is the committee's own."""
    to_c, _, to_k = reference.rpartition("/")
    return (to_c or c.id), to_k


def on_target(kpi: Kpi, value: float | None) -> bool | None:
    """Direction-aware: down means at or below target is good. None when it cannot be judged."""
    if value is None or kpi.target is None:
        return None
    return value <= kpi.target if kpi.direction == "down" else value >= kpi.target


LINK_COLUMNS = ["from_committee", "from_kpi", "to_committee", "to_kpi", "from_ref", "to_ref"]


def links(ws: Workspace) -> pd.DataFrame:
    """Every operational -> outcome link, local ones and cross-committee 'committee/kpi' ones.

    from_ref and to_ref are the two KPIs as `KpiRef`s, with their committees' and their own names.
    """
    rows = []
    for c in ws.committees:
        for k in c.kpis:
            for reference in k.drives:
                to_c, to_k = _target(c, reference)
                rows.append(
                    {
                        "from_committee": c.id,
                        "from_kpi": k.id,
                        "to_committee": to_c,
                        "to_kpi": to_k,
                        "from_ref": KpiRef(c.id, c.name, k.id, k.name),
                        "to_ref": ref(ws, to_c, to_k),
                    }
                )
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def driver_refs(ws: Workspace, committee: Committee) -> dict[str, list[KpiRef]]:
    """Outcome KPI id -> the KPIs driving it, from this committee and from others."""
    drivers = _drivers(ws).get(committee.id, {})
    return {k.id: list(drivers.get(k.id, ())) for k in committee.kpis}


# Every link of a workspace, once: the health check (H4) asks for each committee's drivers, and an
# organisation page checks every committee several times (its headline, roll-up and last month's figures).
_links_of: dict[int, tuple[Workspace, dict[str, dict[str, list[KpiRef]]]]] = {}


def _drivers(ws: Workspace) -> dict[str, dict[str, list[KpiRef]]]:
    """Committee id -> KPI id -> the KPIs driving it, in the order of committees, KPIs and drives."""
    known = _links_of.get(id(ws))
    if known is not None and known[0] is ws:
        return known[1]
    found: dict[str, dict[str, list[KpiRef]]] = {}
    for c in ws.committees:
        for k in c.kpis:
            for reference in k.drives:
                to_c, to_k = _target(c, reference)
                found.setdefault(to_c, {}).setdefault(to_k, []).append(KpiRef(c.id, c.name, k.id, k.name))
    if len(_links_of) >= 16:  # a dashboard's few dates; never grows with visitors
        _links_of.clear()
    _links_of[id(ws)] = (ws, found)
    return found


def drivers_of(ws: Workspace, committee: Committee) -> dict[str, list[str]]:
    """Outcome KPI id -> the KPIs driving it ('kpi' locally, 'committee/kpi' from elsewhere)."""
    return {kpi: [_written(r, committee) for r in refs] for kpi, refs in driver_refs(ws, committee).items()}


def _written(r: KpiRef, committee: Committee) -> str:
    """How kpis.yaml of `committee` refers to the KPI: 'kpi' for its own, 'committee/kpi' for another's."""
    return r.kpi if r.committee == committee.id else f"{r.committee}/{r.kpi}"


def table(ws: Workspace, committee: Committee, as_of: date) -> pd.DataFrame:
    """One row per KPI: latest value and period, target, on-target flag, 3-month change and links.

    drives and driven_by name the linked KPIs by id ('committee/kpi' from elsewhere), as plan files do;
    drives_refs and driven_by_refs (beyond TABLE_COLUMNS) are the same KPIs as `KpiRef`s, with names.
    """
    values = measurements_until(committee, as_of)
    refs = driver_refs(ws, committee)
    person = ws.org.person if ws.org else {}
    rows = []
    for k in committee.kpis:
        series = values.get(k.id, {})
        period = next(reversed(series)) if series else None
        latest = series[period] if period else None
        before = series.get(shift_period(period, -3)) if period else None
        rows.append(
            {
                "kpi": k.id,
                "name": k.name,
                "kind": k.kind,
                "unit": k.unit,
                "direction": k.direction,
                "baseline": k.baseline,
                "target": k.target,
                "owner": person[k.owner].name if k.owner and k.owner in person else (k.owner or ""),
                "latest": latest,
                "period": period,
                "on_target": on_target(k, latest),
                "change_3m": latest - before if latest is not None and before is not None else math.nan,
                "drives": ", ".join(k.drives),
                "driven_by": ", ".join(_written(r, committee) for r in refs.get(k.id, [])),
                "shared": k.shared,
                "weight": k.weight,
                "drives_refs": tuple(ref(ws, *_target(committee, d)) for d in k.drives),
                "driven_by_refs": tuple(refs.get(k.id, [])),
            }
        )
    return pd.DataFrame(rows, columns=[*TABLE_COLUMNS, "drives_refs", "driven_by_refs"])


def series(committee: Committee, as_of: date) -> pd.DataFrame:
    """Long table kpi, period, value of every measurement up to as_of (corrections applied)."""
    rows = [
        {"kpi": kpi, "period": period, "value": value}
        for kpi, by_period in measurements_until(committee, as_of).items()
        for period, value in by_period.items()
    ]
    return pd.DataFrame(rows, columns=["kpi", "period", "value"])


def attainment(committee: Committee, as_of: date) -> tuple[float | None, int, int]:
    """Weighted share of KPIs on target, with (on target, judged) counts.

    Only KPIs with a target and at least one value are judged; each counts by
    its weight, so shared goals (weight 2, say) count double. None when none
    can be judged.
    """
    values = measurements_until(committee, as_of)
    hit = total = 0.0
    n_hit = n_total = 0
    for k in committee.kpis:
        series_ = values.get(k.id)
        if not series_ or k.target is None:
            continue
        ok = on_target(k, series_[next(reversed(series_))])
        total += k.weight
        n_total += 1
        if ok:
            hit += k.weight
            n_hit += 1
    return (hit / total if total else None), n_hit, n_total


@dataclass(frozen=True, slots=True)
class KpiTrend:
    """How a committee's KPIs moved over three months: improving, worsening, flat, not known."""

    improving: int
    worsening: int
    flat: int
    unknown: int


def trend(c: Committee, as_of: date) -> KpiTrend:
    """Count the KPIs whose latest value moved towards (or away from) where they should go over 3 months.

    The change is the latest value against the value three months before it, as the KPI table's
    change_3m; a KPI without both values is not known.
    """
    values = measurements_until(c, as_of)
    counts = {"improving": 0, "worsening": 0, "flat": 0, "unknown": 0}
    for k in c.kpis:
        series = values.get(k.id, {})
        period = next(reversed(series)) if series else None
        before = series.get(shift_period(period, -3)) if period else None
        if period is None or before is None:
            counts["unknown"] += 1
            continue
        change = series[period] - before
        if change == 0:
            counts["flat"] += 1
        else:
            better = change < 0 if k.direction == "down" else change > 0
            counts["improving" if better else "worsening"] += 1
    return KpiTrend(**counts)
