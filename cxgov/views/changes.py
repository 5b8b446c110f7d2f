"""What changed between two dates: status changes, completions, newly overdue actions."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxgov.views.history import status_of
from cxgov.views.standing import is_overdue
from cxgov.workspace.model import Committee

# from and to are the statuses the owners reported; was_overdue and now_overdue say whether the action was
# past due then and is now (where it stood, see cxgov.views.standing: an overdue action is not on track).
COLUMNS = [
    "action",
    "title",
    "from",
    "to",
    "changed",
    "completed",
    "became_overdue",
    "due",
    "was_overdue",
    "now_overdue",
]


def changes(committee: Committee, since: date, until: date) -> pd.DataFrame:
    """Actions whose status changed or that became overdue after `since`, up to and including `until`."""
    before = status_of(committee, since)
    after = status_of(committee, until)
    rows = []
    for a in committee.actions:
        old, new = before[a.id], after[a.id]
        overdue_before = is_overdue(a.due, old, since)
        overdue_after = is_overdue(a.due, new, until)
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
                "was_overdue": overdue_before,
                "now_overdue": overdue_after,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
