"""`cxgov history`: who changed what (plans, charters, KPIs, statuses, KPI values); `record`: hand edits from git."""

from __future__ import annotations

import argparse
from json import dumps
from typing import Any

from cxgov.commands import in_english, quoted
from cxgov.dates import parse_as_of
from cxgov.errors import CxgovError

SUMMARY = "List who changed what and when (plans, charters, KPIs, statuses, KPI values); record hand edits."
EXAMPLE = (
    "cxgov history committees\n"
    "cxgov history committees --committee cx-steering --since 2026-11-01\n"
    "cxgov history committees --json\n"
    "cxgov history record committees --by ana"
)
DESCRIPTION = """\
List every recorded change, newest first, one line each:

  DATE  COMMITTEE  OBJECT  FIELD: BEFORE -> AFTER  by NAME (ID)  "REASON"

from changes.csv (plan, charter and KPI definitions, field by field),
updates.csv (status of actions: the previous status -> the new one, the note as
reason), measurements.csv (KPI values per month; a correction shows the value
it replaced) and audit.csv (meetings and assessments added in the editor, and
who entered KPI values and when). (none) means nothing: an object or key added
has nothing before, one removed nothing after. A KPI value entered by hand has
no date or author: it is listed last as 'undated'.

--json prints a list of objects, newest first, with the fields:
  date       YYYY-MM-DD, or null when unknown
  time       ISO timestamp when audit.csv recorded one, else null
  by         person id, or null when unknown; by_name: their name in org.yaml
  committee  committee id
  file       the file that records the change (plan.yaml, updates.csv ...)
  object     'action A1', 'milestone 3', 'kpi frt', 'charter', 'kpi frt 2026-11',
             'meeting 2026-11-30', 'assessment 2026-12-01', or a list for its order
  field      the key that changed ('due', 'status', 'value' ...); '*' a whole
             object added or removed; 'order' a list reordered
  before     the value before (JSON), or null when there was nothing
  after      the value after, or null when removed
  reason     why (changes.csv), the note (updates.csv, measurements.csv), or ''

record: append hand edits of plan.yaml, committee.yaml and kpis.yaml (the
difference between git's last commit and the files) to changes.csv; run it
before committing. 'cxgov history list WS' is the listing, as 'cxgov history WS'.
"""
ACTIONS = ("list", "record")
WORKSPACE_HELP = "workspace folder (default: $CXGOV_WORKSPACE or ./committees)"


class _Given(argparse.Action):
    """Store the second positional and note that it was given (the CLI fills a missing workspace in later)."""

    def __call__(self, parser: Any, namespace: argparse.Namespace, values: Any, option_string: Any = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.workspace_given = values is not None


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    p.description = DESCRIPTION
    p.add_argument(
        "first",
        nargs="?",
        metavar="list|record",
        help="list (the default) or record; anything else is taken as the WORKSPACE",
    )
    p.add_argument("workspace", nargs="?", default=None, metavar="WORKSPACE", action=_Given, help=WORKSPACE_HELP)
    listing = p.add_argument_group("list")
    listing.add_argument("--committee", metavar="ID", help="only this committee")
    listing.add_argument("--since", metavar="DATE", help="only changes on or after this day, YYYY-MM-DD")
    listing.add_argument("--json", action="store_true", help="print a JSON list of changes (fields above)")
    rec = p.add_argument_group("record")
    rec.add_argument("--by", metavar="PERSON", help="who made the edits (default: git's user.email in org.yaml)")
    rec.add_argument("--date", metavar="DATE", help="the day they took effect, YYYY-MM-DD (default: today)")
    rec.add_argument("--reason", default=None, help="why, in a sentence")


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to history() or record()."""
    first, workspace = args.first, args.workspace
    if first is not None and first not in ACTIONS:
        if getattr(args, "workspace_given", False):
            raise CxgovError(f"expected list or record before WORKSPACE, found {quoted(first)}")
        first, workspace = "list", first
    if first == "record":
        for flag, value in (("--committee", args.committee), ("--since", args.since), ("--json", args.json)):
            if value:
                raise CxgovError(f"{flag}: only for listing (cxgov history WORKSPACE {flag} ...), not for record")
        return record(workspace, by=args.by, day=args.date, reason=args.reason or "")
    for flag, value in (("--by", args.by), ("--date", args.date), ("--reason", args.reason)):
        if value is not None:
            raise CxgovError(f"{flag}: only for record (cxgov history record WORKSPACE {flag} ...)")
    return history(workspace, committee=args.committee, since=args.since, json=args.json)


@in_english
def history(workspace: str, *, committee: str | None = None, since: str | None = None, json: bool = False) -> int:
    """Print the recorded changes newest first (all committees, or one; since a day); 1 if a committee failed."""
    from cxgov.workspace.load import load_workspace
    from cxgov.workspace.log import history as changes

    day = parse_as_of(since, flag="--since") if since is not None else None
    ws = load_workspace(workspace, git_history=True)  # in a git workspace, hand edits committed too
    if ws.org is None:
        raise CxgovError(f"{ws.shown}: org.yaml: fix it first (run: cxgov validate {ws.shown})")
    if committee is not None and committee not in ws.committee:
        if committee in ws.failed:
            raise CxgovError(f"--committee: {committee} has problems; fix it first (run: cxgov validate {ws.shown})")
        known = ", ".join(sorted(ws.committee)) or "none"
        raise CxgovError(f"--committee: expected a committee of {ws.shown} ({known}), found {quoted(committee)}")
    entries = changes(ws, committee, day)
    names = {p.id: p.name for p in ws.org.people}
    if json:
        print(dumps([_record(e, names) for e in entries], indent=2, ensure_ascii=False))
    else:
        for e in entries:
            print(_line(e, names))
        if not entries:
            print(f"{ws.shown}: no changes recorded" + (f" since {day}" if day else ""))
    failed = [] if committee is not None else ws.failed
    if not json:
        for name in failed:
            print(f"{name}: not shown, it has problems (run: cxgov validate {ws.shown})")
    return 1 if failed else 0


def _record(e: Any, names: dict[str, str]) -> dict[str, Any]:
    from cxgov.workspace.log import is_absent

    return {
        "date": e.date.isoformat() if e.date else None,
        "time": e.time or None,
        "by": e.by or None,
        "by_name": names.get(e.by),
        "committee": e.committee,
        "file": e.file,
        "object": e.obj,
        "field": e.field,
        "before": None if is_absent(e.before) else e.before,
        "after": None if is_absent(e.after) else e.after,
        "reason": e.reason,
    }


def _line(e: Any, names: dict[str, str]) -> str:
    day = e.date.isoformat() if e.date else "undated   "
    who = f"by {names[e.by]} ({e.by})" if e.by in names else f"by {e.by}" if e.by else "by unknown"
    reason = f'  "{e.reason}"' if e.reason else ""
    return f"{day}  {e.committee}  {e.obj}  {e.field}: {_shown(e.before)} -> {_shown(e.after)}  {who}{reason}"


def _shown(value: Any, limit: int = 60) -> str:
    from cxgov.workspace.log import is_absent

    if is_absent(value):
        return "(none)"
    text = value if isinstance(value, str) else dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
