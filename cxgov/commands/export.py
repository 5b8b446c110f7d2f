"""`cxgov export {ics,xlsx,csv}`: due dates to a calendar, tables to a spreadsheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxgov.commands import as_of_argument, in_english, workspace_argument
from cxgov.commands.remind import nothing_loaded
from cxgov.dates import parse_as_of
from cxgov.errors import CxgovError

SUMMARY = "Export due dates to an iCalendar file, or actions, RACI, KPIs and health to xlsx or CSV."
EXAMPLE = (
    "cxgov export ics committees --out exports/governance.ics\n"
    "cxgov export xlsx committees --out exports/governance.xlsx --as-of 2026-11-23\n"
    "cxgov export csv --out exports/csv"
)
DESCRIPTION = """\
ics   an iCalendar file with one all-day event per milestone and per action due
      date; UIDs are stable, so importing a newer export updates the events
      instead of duplicating them (dropped actions become cancelled events).
xlsx  a workbook with the sheets Actions (RACI and status as of the date), RACI
      (the chart: one row per action, one column per person), KPIs (latest
      values) and Health (H1-H7 of every committee); text is stored as text,
      never as a formula.
csv   the same four tables as actions.csv, raci.csv, kpis.csv and health.csv in
      the --out folder (text cells starting with =, +, -, @, tab or carriage
      return get a leading ' so that a spreadsheet does not run them as
      formulas); each file starts with a UTF-8 byte-order mark, so that Excel
      reads Cyrillic or Chinese correctly.

Exports are refused inside the workspace folder. Exit status: 0; 1 when some
committee was left out because of problems in its files (the export holds the
others, and a warning names them on stderr), none could be loaded (then
nothing is written, so a good earlier export is not replaced by an empty one)
or the file could not be written (permission denied, disk full: the earlier
export is kept); 2 on a usage error (an --out that is a folder for a file, a
file for a folder, below a file or inside the workspace)."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    p.description = DESCRIPTION
    p.add_argument("format", choices=("ics", "xlsx", "csv"), help="what to write")
    workspace_argument(p)
    p.add_argument("--out", required=True, metavar="PATH", help="the file to write (a folder for csv)")
    as_of_argument(p)


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to export()."""
    return export(args.format, args.workspace, out=args.out, as_of=args.as_of)


@in_english
def export(format: str, workspace: str, *, out: str, as_of: str | None = None) -> int:
    """Write the export in a format (ics, xlsx or csv) to out, as of a date (None: today).

    Exit 1 if some committee could not be loaded or the file could not be written.
    """
    day = parse_as_of(as_of)
    from cxgov.workspace.asof import workspace_as_of
    from cxgov.workspace.load import load_workspace

    ws = workspace_as_of(load_workspace(workspace), day)  # the plans as they stood on that day
    # pandas only after the workspace is known to exist
    from cxgov.export.files import WRITERS, WriteError, check_outside, shown

    if not out.strip():
        raise CxgovError("--out: expected a file or folder name, found nothing")
    target = Path(out)
    check_outside(ws, target)
    if nothing_loaded(ws.shown, ws.failed, len(ws.committees), "export", "nothing written"):
        return 1
    try:
        print(WRITERS[format](ws, day, target))
    except WriteError as exc:  # the file system refused: not a usage error
        print(f"cxgov export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # one the writers did not foresee: still one line naming the path
        print(f"cxgov export: --out: cannot write {shown(target)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except OverflowError:
        # date arithmetic past 9999-12-31 or before 0001-01-01 that a view did not clamp
        print(
            f"cxgov export: {ws.shown}: a date in the workspace or --as-of {day} is too close to "
            "0001-01-01 or 9999-12-31 to compute the export; nothing written",
            file=sys.stderr,
        )
        return 1
    return 1 if ws.failed else 0
