"""`cxgov history record`: record hand edits of plans, charters and KPIs (from git) in changes.csv."""

from __future__ import annotations

import argparse

from cxgov.commands import workspace_argument
from cxgov.dates import parse_as_of
from cxgov.errors import CxgovError

SUMMARY = "Record hand edits of plan.yaml, committee.yaml and kpis.yaml (since git's last commit) in changes.csv."
EXAMPLE = "cxgov history record committees --by ana\ncxgov history record --date 2026-12-01"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    p.add_argument("action", choices=["record"], help="record: append the edits not yet recorded")
    workspace_argument(p)
    p.add_argument("--by", metavar="PERSON", help="who made the edits (default: git's user.email in org.yaml)")
    p.add_argument("--date", metavar="DATE", help="the day they took effect, YYYY-MM-DD (default: today)")
    p.add_argument("--reason", default="", help="why, in a sentence")


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to record()."""
    return record(args.workspace, by=args.by, day=args.date, reason=args.reason)


def record(workspace: str, *, by: str | None = None, day: str | None = None, reason: str = "") -> int:
    """Append the hand edits git's HEAD does not hold and changes.csv does not record; 1 if the workspace has problems."""
    from cxgov.workspace.gitrecord import person_of_git_user, record_hand_edits
    from cxgov.workspace.load import load_workspace

    when = parse_as_of(day, flag="--date")
    ws = load_workspace(workspace)
    if ws.org is None:
        raise CxgovError(f"{ws.shown}: org.yaml: fix it first (run: cxgov validate {ws.shown})")
    if by is not None and by not in ws.org.person:
        raise CxgovError(f"--by: expected a person id from org.yaml, found '{by}'")
    emails = {(p.email or "").lower(): p.id for p in ws.org.people if p.email}
    person = by if by is not None else person_of_git_user(ws.root, emails)
    folders = sorted({c.id for c in ws.committees} | set(ws.failed))
    done = record_hand_edits(ws.root, folders, when, person, " ".join(reason.split()))
    for line in done:
        print(line)
    if not done:
        print(f"{ws.shown}: nothing to record")
    return 0
