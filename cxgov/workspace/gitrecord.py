"""Record hand edits of plans, charters and KPIs: compare git's last commit with the files and append the changes.

What HEAD holds, plus the rows changes.csv gained since HEAD (edits the
editor or a command recorded already), is the state the record implies; its
difference with the working file is the hand edit, appended to changes.csv.
Run before committing (a pre-commit hook, or `cxgov history record`). git runs
with a fixed environment: no system config, no fsmonitor, no hooks; HEAD's
files are read from git's objects (a link committed there is refused), the
working files by the store's read policy (regular files inside the workspace).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from cxgov.errors import CxgovError
from cxgov.workspace.changes import CHANGES_FILE, RECORDED_FILES, Change, decode, parsed, rows_of
from cxgov.workspace.gitread import committed, git
from cxgov.workspace.store import append_changes, read_file
from cxgov.workspace.undo import diff, undo


def person_of_git_user(root: Path, emails: dict[str, str]) -> str:
    """The person whose org.yaml email is git's user.email, or '' when there is none."""
    found = git(root, "config", "user.email")
    email = found.stdout.decode("utf-8", "replace").strip().lower() if found.returncode == 0 else ""
    return emails.get(email, "")


def _rows_since(root: Path, committee: str) -> list[Change]:
    """The changes.csv rows added since HEAD (the file is append-only: HEAD's rows are a prefix)."""
    path = root / committee / CHANGES_FILE
    _, data = read_file(path, root)
    if data is None:
        return []
    head = committed(root, f"{committee}/{CHANGES_FILE}")
    skip = len(list(csv.reader(io.StringIO(head.decode("utf-8", "replace"))))) if head else 1
    out = []
    rows = list(csv.reader(io.StringIO(data.decode("utf-8", "replace"))))
    header = rows[0] if rows else []
    for row in rows[skip:]:
        cells = dict(zip(header, row, strict=False))

        try:
            before, after = decode(cells.get("before", "")), decode(cells.get("after", ""))
        except ValueError:
            continue  # reported by the loader
        out.append(
            Change(
                date.min,
                "",
                cells.get("file", ""),
                cells.get("object", ""),
                cells.get("field", ""),
                before,
                after,
                "",
                0,
            )
        )
    return out


def record_hand_edits(root: Path, committees: list[str], day: date, by: str = "", reason: str = "") -> list[str]:
    """Append the unrecorded differences between HEAD and the working files; return a line per file recorded."""
    if git(root, "rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        raise CxgovError(f"{root}: expected a git repository with at least one commit, found none")
    done = []
    for committee in committees:
        since = _rows_since(root, committee)
        for name in RECORDED_FILES:
            head = committed(root, f"{committee}/{name}")
            if head is None:
                continue  # new to git: its creation is not recorded
            shown = os.path.join(str(root), committee, name)
            # HEAD plus the recorded rows, applied forward (undoing the rows with before and after swapped).
            forward = [replace(c, before=c.after, after=c.before) for c in reversed(since)]
            expected = undo(name, parsed(head, shown), forward)
            _, data = read_file(root / committee / name, root)
            rows = rows_of(name, diff(name, expected, parsed(data, shown), shown), day, by, reason)
            if rows:
                append_changes(root / committee, rows, root=root)
                done.append(f"{shown}: {len(rows)} change(s) recorded")
    return done
