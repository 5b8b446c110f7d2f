"""A copy of the example workspace with HTML/script payloads in every kind of free text a page shows."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from workspaces import REPO

EXAMPLE = REPO / "committees"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
PAYLOAD = f"{SCRIPT}{IMG}"
# The committee whose texts carry the payload, and its (payload-carrying) display name.
COMMITTEE = "cx-steering"
COMMITTEE_NAME = f"Steering {PAYLOAD}"


def _set(path: Path, key: str, starts: str, value: str) -> None:
    """Set the value of the first `key: starts...` line of a YAML file (keeping its indentation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        head, _, rest = line.partition(f"{key}: ")
        if rest.startswith(starts) and not head.strip(" -"):
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            lines[i] = f'{head}{key}: "{quoted}"'
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return
    raise AssertionError(f"{path}: no '{key}: {starts}' line; the example workspace changed")


def hostile_workspace(dest: Path) -> Path:
    """Copy committees/ to dest with PAYLOAD in names, titles, notes, goals and decisions; return dest."""
    shutil.copytree(EXAMPLE, dest)
    _set(dest / "org.yaml", "organisation", "Northwind", f"Northwind {PAYLOAD}")
    _set(dest / "org.yaml", "name", "Sofia Marin", f"Sofia {PAYLOAD}")
    c = dest / COMMITTEE
    _set(c / "committee.yaml", "name", "CX Steering", COMMITTEE_NAME)
    _set(c / "plan.yaml", "title", "Map the end-to-end journey", f"Map the journey {PAYLOAD}")
    _set(c / "plan.yaml", "goal", "Journey agreed", f"Journey {PAYLOAD} agreed")
    _set(c / "kpis.yaml", "name", "Customer satisfaction", f"CSAT {PAYLOAD}")
    _set(c / "meetings.yaml", "notes", "Kick-off.", f"Kick-off {PAYLOAD}.")
    _set(c / "meetings.yaml", "text", "Adopt the 3/6/12-month plan", f"Adopt the plan {PAYLOAD}")
    _replace_last_note(c / "updates.csv", f"Latest news {PAYLOAD}")
    return dest


def _replace_last_note(path: Path, note: str) -> None:
    """Give the last row of updates.csv (the latest news of its action) a new note."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[-1][-1] = note
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
