"""Who saved KPI values, meetings and assessments, and when (audit.csv): the rows and reading them back.

``measurements.csv``, ``meetings.yaml`` and ``maturity.yaml`` have no column
for who wrote them, and the format is a contract. So every editor save of one
of them also appends a row to the committee's append-only ``audit.csv``::

    time,by,file,object,value
    2026-12-01T09:30:12+00:00,bo,measurements.csv,kpi frt 2026-11,2.5
    2026-12-01T09:31:40+00:00,ana,meetings.yaml,meeting 2026-11-30,"3 attendees, 1 decision"

``time`` is an ISO 8601 timestamp with its UTC offset; ``by`` a person id or
empty; ``object`` names what was saved (``kpi ID PERIOD``, ``meeting DATE``,
``assessment DATE``); ``value`` is the value written (a KPI value) or a short
summary. ``cxgov history`` reads it leniently: a row it cannot read is
skipped; ``cxgov validate`` does not read it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cxgov.workspace.store import read_file

AUDIT_FILE = "audit.csv"
AUDIT_COLUMNS = ("time", "by", "file", "object", "value")
AUDITED_FILES = ("measurements.csv", "meetings.yaml", "maturity.yaml")


@dataclass(frozen=True, slots=True)
class Saved:
    """One audit.csv row: who saved what, when."""

    time: datetime
    by: str
    file: str
    obj: str
    value: str


def audit_row(time: datetime, by: str, file: str, obj: str, value: str) -> dict[str, str]:
    """An audit.csv row (a dict for store.append_rows)."""
    return dict(time=time.isoformat(timespec="seconds"), by=by, file=file, object=obj, value=value)


def read_audit(folder: Path, root: str | Path | None = None) -> list[Saved]:
    """The committee folder's audit.csv rows in file order; rows that cannot be read are skipped."""
    _, data = read_file(folder / AUDIT_FILE, root)
    if data is None:
        return []
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    out = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        try:
            when = datetime.fromisoformat(row.get("time") or "")
        except ValueError:
            continue
        file, obj = row.get("file") or "", row.get("object") or ""
        if file in AUDITED_FILES and obj:
            out.append(Saved(when, row.get("by") or "", file, obj, row.get("value") or ""))
    return out
