"""Save a committee's plan, charter or KPIs with their field-level changes recorded in changes.csv.

``replace_recorded`` is ``store.replace_yaml`` plus the record: the old and the
new text are parsed as the loader parses them, their difference
(``undo.diff``) is appended to the committee's changes.csv, and only then is
the YAML file replaced. Appending first means a YAML file never changes
without its record; if the replace then fails (a conflict, a full disk), the
record describes a change that did not land, which undoing ignores (it only
ever sets a field back to its value before, which is then its value now).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.workspace.changes import CHANGES_FILE, RECORDED_FILES, parsed, rows_of
from cxgov.workspace.store import ConflictError, Fingerprint, append_changes, read_file, replace_yaml
from cxgov.workspace.undo import diff


def replace_recorded(
    path: Path,
    edit: Callable[[Any], Any],
    expected: Fingerprint | None = None,
    *,
    by: str = "",
    day: date,
    reason: str = "",
    reasons: Mapping[tuple[str, str], str] | None = None,
    initial: str = "",
    check: Callable[[str], None] | None = None,
    shown: str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Fingerprint:
    """replace_yaml(path, edit, ...) with the change recorded in changes.csv, dated day and by person by.

    reasons: the reason of particular rows by (object, field), e.g. {("action A10", "due"): "supplier late"},
    over reason (which the other rows get). A file cxgov does not record (meetings.yaml, maturity.yaml) is
    replaced as by replace_yaml.
    """
    if path.name not in RECORDED_FILES:
        return replace_yaml(path, edit, expected, initial=initial, check=check, shown=shown, root=root)
    shown = shown or str(path)
    before, data = read_file(path, root)
    if expected is not None and not before.same_content(expected):
        raise ConflictError(shown)
    old = parsed(data, shown)
    changes_shown = os.path.join(os.path.dirname(shown), CHANGES_FILE)

    def check_and_record(new_text: str) -> None:
        if check is not None:
            check(new_text)
        rows = rows_of(path.name, diff(path.name, old, parsed(new_text, shown), shown), day, by, reason)
        for row in rows:
            row["reason"] = (reasons or {}).get((row["object"], row["field"]), row["reason"])
        if rows:
            append_changes(path.parent, rows, root=root, shown=changes_shown)

    # The file replace_yaml edits is the one parsed here: it refuses a file whose content changed since.
    return replace_yaml(path, edit, before, initial=initial, check=check_and_record, shown=shown, root=root)
