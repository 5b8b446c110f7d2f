"""Test helper: valid/minimal made into a chair's week: Ana has 5 open actions and owns 2 KPIs.

As of 2026-11-23 (TODAY), Ana's open actions, most urgent first:

- A4 (Accountable, due 2026-09-30, no update): overdue 54 days
- A5 (Responsible, due 2026-12-01): due in 8 days
- A6 (Accountable, due 2026-12-31, at risk since 2026-11-10)
- A7 (Responsible, due 2026-12-15): open
- A3 (Accountable, due 2027-05-31): open

A1 (Accountable) is done. Ana owns CSAT (csat) and, here, first reply time (frt).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from workspaces import MINIMAL

TODAY = date(2026, 11, 23)

MORE_ACTIONS = """\
  - id: A5
    title: Train agents on the new flow
    horizon: 6
    due: 2026-12-01
    raci: {responsible: [ana], accountable: bo}
  - id: A6
    title: Publish the monthly CX scorecard
    horizon: 6
    due: 2026-12-31
    raci: {responsible: [eli], accountable: ana}
  - id: A7
    title: Agree the welcome-call script
    horizon: 6
    due: 2026-12-15
    raci: {responsible: [ana], accountable: bo}
"""


def chair_week(target: Path) -> Path:
    """Copy valid/minimal to target and give Ana her week (see the module docstring)."""
    ws = Path(shutil.copytree(MINIMAL, target))
    with (ws / "cx" / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write(MORE_ACTIONS)
    with (ws / "cx" / "updates.csv").open("a", encoding="utf-8") as f:
        f.write("2026-11-10,A6,at_risk,eli,Waiting for the data team\n")
    kpis = ws / "cx" / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("    owner: bo\n", "    owner: ana\n"), encoding="utf-8")
    return ws
