"""What changed between two dates: status changes, completions, newly overdue actions."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.views.history import is_open, status_of
from cxgov.workspace.model import Committee


def changes(committee: Committee, since: date, until: date) -> pd.DataFrame:
    """Actions whose status changed or that became overdue after `since`, up to and including `until`."""
    before = status_of(committee, since)
    after = status_of(committee, until)
    rows = []
    for a in committee.actions:
        old, new = before[a.id], after[a.id]
        overdue_before = a.due < since and is_open(old)
        overdue_after = a.due < until and is_open(new)
        became_overdue = overdue_after and not overdue_before
        if old == new and not became_overdue:
            continue
        rows.append(
            {
                "action": a.id,
                "title": a.title,
                "from": old,
                "to": new,
                "changed": old != new,
                "completed": new == "done" and old != "done",
                "became_overdue": became_overdue,
                "due": a.due,
            }
        )
    return pd.DataFrame(
        rows, columns=["action", "title", "from", "to", "changed", "completed", "became_overdue", "due"]
    )
