"""`cxgov remind`: per person, the actions overdue or due soon, and the committees to chase."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from cxgov.commands import as_of_argument, in_english, workspace_argument
from cxgov.dates import parse_as_of
from cxgov.errors import CxgovError

SUMMARY = "List, per person, the actions they are R or A for that are overdue or due soon, ready to send."
EXAMPLE = (
    "cxgov remind committees --as-of 2026-11-23\n"
    "cxgov remind --days 7 --format markdown\n"
    "cxgov remind --person ana --format json"
)
DESCRIPTION = """\
List, per person, the open actions they are Responsible or Accountable for that
are overdue or due within --days, with the escalation chain of overdue ones
(above the Responsible: Accountable -> chair -> sponsor), then the committees whose
status updates are stale or plan incomplete (health rule H1) or whose meetings
are late or without decisions (H6). Text and Markdown read like a message, ready
to paste into an e-mail or a chat.

--format json prints one object:
  {"as_of": "YYYY-MM-DD", "days": N,
   "people": [{"person": ID, "name": ..., "email": ... or null,
               "actions": [{"committee", "action", "title",
                            "role": "Responsible" | "Accountable",
                            "due": "YYYY-MM-DD", "status",
                            "state": "overdue" | "due soon",
                            "days_overdue", "days_left",
                            "escalation": [{"person", "name", "email"}, ...]}]}],
   "committees": [{"committee", "name", "chair": {"person", "name", "email"},
                   "sponsor": {...} or null, "rule": "H1" | "H6",
                   "inhibitor", "reason"}],
   "left_out": [committee ids not loaded because their files have problems]}
"escalation" is empty for actions that are due soon but not overdue.

Exit status: 0; 1 when some committee was left out because of problems in its
files (the others are still listed, and a warning names them on stderr) or
none could be loaded (then nothing is printed); 2 on a usage error."""


# ASCII digits only (int() also takes Arabic-Indic and full-width ones), at most timedelta's 999,999,999 days.
_DAYS = re.compile(r"(-?)([0-9]+)", re.ASCII)
_MAX_DAYS = 999_999_999


def _days(text: str) -> int:
    found = _DAYS.fullmatch(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, found '{text[:60]}'")
    shown = text if len(text) <= 20 else text[:17] + "..."
    if found[1] and found[2].strip("0"):
        raise argparse.ArgumentTypeError(f"expected 0 or more days, found {shown}")
    if len(found[2].lstrip("0")) > 9 or int(found[2]) > _MAX_DAYS:
        raise argparse.ArgumentTypeError(f"expected at most {_MAX_DAYS} days, found {shown}")
    return int(found[2])


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    p.description = DESCRIPTION
    workspace_argument(p)
    as_of_argument(p)
    p.add_argument(
        "--days", type=_days, default=14, metavar="N", help="remind of actions due within N days (default: 14)"
    )
    p.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default: text)"
    )
    p.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="ID",
        help="only this person's reminders and the committees they chair or sponsor (repeatable)",
    )


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to remind()."""
    return remind(args.workspace, as_of=args.as_of, days=args.days, format=args.format, person=args.person)


@in_english
def remind(
    workspace: str, *, as_of: str | None = None, days: int = 14, format: str = "text", person: Sequence[str] = ()
) -> int:
    """Print the reminders due within days of a date (None: today) as text, markdown or json, only for some people.

    Exit 1 if some committee could not be loaded.
    """
    day = parse_as_of(as_of)
    from cxgov.workspace.asof import workspace_as_of
    from cxgov.workspace.load import load_workspace

    ws = workspace_as_of(load_workspace(workspace), day)  # the plans as they stood on that day
    unknown = [p for p in person if ws.org is not None and p not in ws.org.person]
    if unknown:
        raise CxgovError(f"--person: expected a person id of {ws.shown}/org.yaml, found '{unknown[0]}'")
    if nothing_loaded(ws.shown, ws.failed, len(ws.committees), "remind", "no reminders"):
        return 1
    from cxgov.export.reminders import RENDERERS, digest  # pandas only after the workspace is known to exist

    sys.stdout.write(RENDERERS[format](digest(ws, day, days, person)))
    return 1 if ws.failed else 0


def warning(shown: str, failed: tuple[str, ...]) -> str:
    """The one-line warning naming the committees left out."""
    return f"warning: left out because of problems in their files: {', '.join(failed)} (run: cxgov validate {shown})"


def nothing_loaded(shown: str, failed: tuple[str, ...], loaded: int, command: str, nothing: str) -> bool:
    """Warn about committees left out on stderr; tell whether every committee was (then do nothing).

    An empty reminder would read as "nothing is due", and an empty export
    would replace a good one, so neither is produced when no committee loaded.
    """
    if failed and not loaded:
        print(
            f"cxgov {command}: no committee could be loaded because of problems in the workspace files; "
            f"{nothing} (run: cxgov validate {shown})",
            file=sys.stderr,
        )
        return True
    if failed:
        print(warning(shown, failed), file=sys.stderr)
    return False
