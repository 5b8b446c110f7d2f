"""Organisation roll-up: one row per committee, everything a sponsor scans first."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from cxgov.views import health, kpis, maturity, roadmap, slips
from cxgov.workspace.model import Workspace

COLUMNS = [
    "committee",
    "name",
    "plan_month",
    "next_milestone",
    "days_to_next",
    "actions_total",
    "done",
    "open",
    "overdue",
    "at_risk",
    "dropped",
    "replanned",
    "slipped",
    "progress",
    "kpis_on_target",
    "kpis_total",
    "kpis_judged",
    "kpi_attainment",
    "kpis_improving",
    "kpis_worsening",
    "maturity_level",
    "maturity_score",
    "maturity_trend",
    "health",
]


def rows(ws: Workspace, as_of: date) -> list[dict[str, Any]]:
    """The roll-up as plain records (JSON-ready apart from dates)."""
    out = []
    for c in ws.committees:
        pos = roadmap.position(c, as_of)
        n = roadmap.counts(c, as_of)
        score, hit, judged = kpis.attainment(c, as_of)
        kpi_moves = kpis.trend(c, as_of)
        assessment = maturity.current(c, as_of)
        active = n["actions_total"] - n["dropped"]
        out.append(
            {
                "committee": c.id,
                "name": c.name,
                "plan_month": pos.plan_month,
                "next_milestone": pos.next_milestone.horizon if pos.next_milestone else None,
                "days_to_next": pos.days_to_next,
                **n,
                "replanned": len(moved := slips.replanned(c, as_of)),
                "slipped": sum(s.slipped for s in moved),
                "progress": round(n["done"] / active, 4) if active else 0.0,
                "kpis_on_target": hit,
                "kpis_total": len(c.kpis),
                "kpis_judged": judged,
                "kpi_attainment": round(score, 4) if score is not None else None,
                "kpis_improving": kpi_moves.improving,
                "kpis_worsening": kpi_moves.worsening,
                "maturity_level": assessment.level if assessment else None,
                "maturity_score": assessment.score if assessment else None,
                "maturity_trend": maturity.trend(c, as_of),
                "health": {v.rule: v.verdict for v in health.check(ws, c, as_of)},
            }
        )
    return out


def rollup(ws: Workspace, as_of: date) -> pd.DataFrame:
    """The roll-up as a DataFrame, with one column per health rule (H1..H7)."""
    records = rows(ws, as_of)
    frame = pd.DataFrame(records, columns=COLUMNS)
    for rule in health.RULES:
        frame[rule] = [r["health"][rule] for r in records]
    return frame.drop(columns=["health"])
