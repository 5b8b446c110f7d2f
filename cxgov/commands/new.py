"""`cxgov new committee ID`: scaffold a valid committee from templates/."""

from __future__ import annotations

import argparse
import os
import sys

from cxgov.commands import workspace_argument
from cxgov.dates import next_month_start, parse_as_of, today
from cxgov.errors import CxgovError, show

SUMMARY = "Scaffold a new, valid committee from templates/."
EXAMPLE = "cxgov new committee billing-council --workspace committees --chair ana"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    p.add_argument("kind", choices=["committee"], help="what to create (only 'committee')")
    p.add_argument("id", metavar="ID", help="the committee id, e.g. billing-council (a-z, 0-9, '-')")
    workspace_argument(p, positional=False)
    p.add_argument("--name", help="committee name (default: from the id)")
    p.add_argument("--chair", help="person id of the chair (default: the first person in org.yaml)")
    p.add_argument("--sponsor", help="person id of the executive sponsor (optional)")
    p.add_argument("--launch", metavar="DATE", help="plan start YYYY-MM-DD (default: the first of next month)")
    p.add_argument("--by", metavar="ID", help="person id from org.yaml who creates it (changes.csv's first row)")


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to new_committee()."""
    return new_committee(
        args.id,
        args.workspace,
        name=args.name,
        chair=args.chair,
        sponsor=args.sponsor,
        launch=args.launch,
        by=args.by,
    )


def new_committee(
    committee: str,
    workspace: str,
    *,
    name: str | None = None,
    chair: str | None = None,
    sponsor: str | None = None,
    launch: str | None = None,
    by: str | None = None,
) -> int:
    """Create the committee from templates/, then validate it; exit 1 if it does not validate.

    name defaults to one made from the id, chair to the first person in org.yaml, launch (YYYY-MM-DD) to the
    first of next month. The creation is recorded, dated today and by person by (if given), as the first row
    of the committee's changes.csv: as of an earlier day it does not exist.
    """
    from cxgov.workspace import store  # not for `cxgov --help`
    from cxgov.workspace.changes import CHANGES_FILE
    from cxgov.workspace.load import load_workspace
    from cxgov.workspace.scaffold import render

    ws = load_workspace(workspace)
    if ws.org is None:
        raise CxgovError(f"{ws.shown}/org.yaml: fix it first (run: cxgov validate {ws.shown})")
    if by is not None and by not in ws.org.person:
        raise CxgovError(f"--by: expected a person id from org.yaml, found {show(by)}")
    start = parse_as_of(launch, flag="--launch") if launch is not None else next_month_start(today())
    files = render(ws.org, committee, start, name, chair, sponsor)
    if os.path.lexists(ws.root / committee):
        # Whatever is there (a file, a FIFO, a link, even a looping one) is neither followed nor replaced.
        raise CxgovError(f"{ws.shown}/{committee}: already exists; choose another id")
    try:
        folder = store.create_committee(ws.root, committee, files, day=today(), by=by or "")
    except OSError as exc:  # the file system refused (permission denied, disk full): nothing was created
        reason = exc.strerror or str(exc)
        print(f"cxgov new: cannot create {ws.shown}/{committee}: {reason[:1].lower() + reason[1:]}", file=sys.stderr)
        return 1
    after = load_workspace(workspace)
    mine = after.problems_of(committee)
    for problem in mine:
        print(problem)
    print(f"created {ws.shown}/{folder.name}/ ({', '.join(sorted([*files, CHANGES_FILE]))})")
    print(f"next: edit {ws.shown}/{folder.name}/plan.yaml, or open the editor with 'make edit'")
    return 1 if mine else 0
