"""CX maturity: level per self-assessment (Starter / Riser / Champion) and its change."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.workspace.model import MATURITY_TRAITS, Assessment, Committee


def assessments(committee: Committee, as_of: date) -> pd.DataFrame:
    """One row per assessment up to as_of: the seven traits, score, level and change in score."""
    rows = []
    previous: Assessment | None = None
    for a in committee.assessments:
        if a.date > as_of:
            break
        row: dict[str, object] = {"date": a.date}
        row.update(dict(zip(MATURITY_TRAITS, a.traits, strict=True)))
        row.update(
            {
                "score": a.score,
                "level": a.level,
                "change": a.score - previous.score if previous else 0,
                "level_changed": bool(previous and previous.level != a.level),
            }
        )
        rows.append(row)
        previous = a
    return pd.DataFrame(rows, columns=["date", *MATURITY_TRAITS, "score", "level", "change", "level_changed"])


def current(committee: Committee, as_of: date) -> Assessment | None:
    """The latest assessment on or before as_of."""
    found = [a for a in committee.assessments if a.date <= as_of]
    return found[-1] if found else None


def trend(committee: Committee, as_of: date) -> str:
    """'up', 'down', 'steady' or 'new' (one assessment), or '' (none), from the last two assessments."""
    found = [a for a in committee.assessments if a.date <= as_of]
    if not found:
        return ""
    if len(found) == 1:
        return "new"
    delta = found[-1].score - found[-2].score
    return "up" if delta > 0 else "down" if delta < 0 else "steady"
