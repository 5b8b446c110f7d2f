"""KPIs: latest values against targets, trends, operational -> outcome links, attainment."""

from __future__ import annotations

import math
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


def on_target(kpi: Kpi, value: float | None) -> bool | None:
    """Direction-aware: down means at or below target is good. None when it cannot be judged."""
    if value is None or kpi.target is None:
        return None
    return value <= kpi.target if kpi.direction == "down" else value >= kpi.target


def links(ws: Workspace) -> pd.DataFrame:
    """Every operational -> outcome link, local ones and cross-committee 'committee/kpi' ones."""
    rows = []
    for c in ws.committees:
        for k in c.kpis:
            for ref in k.drives:
                to_c, to_k = ref.split("/") if "/" in ref else (c.id, ref)
                rows.append({"from_committee": c.id, "from_kpi": k.id, "to_committee": to_c, "to_kpi": to_k})
    return pd.DataFrame(rows, columns=["from_committee", "from_kpi", "to_committee", "to_kpi"])


def drivers_of(ws: Workspace, committee: Committee) -> dict[str, list[str]]:
    """Outcome KPI id -> the KPIs driving it ('kpi' locally, 'committee/kpi' from elsewhere)."""
    out: dict[str, list[str]] = {k.id: [] for k in committee.kpis}
    for c in ws.committees:
        for k in c.kpis:
            for ref in k.drives:
                to_c, to_k = ref.split("/") if "/" in ref else (c.id, ref)
                if to_c == committee.id and to_k in out:
                    out[to_k].append(k.id if c.id == committee.id else f"{c.id}/{k.id}")
    return out


def table(ws: Workspace, committee: Committee, as_of: date) -> pd.DataFrame:
    """One row per KPI: latest value and period, target, on-target flag, 3-month change and links."""
    values = measurements_until(committee, as_of)
    driven_by = drivers_of(ws, committee)
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
                "driven_by": ", ".join(driven_by.get(k.id, [])),
                "shared": k.shared,
                "weight": k.weight,
            }
        )
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


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
