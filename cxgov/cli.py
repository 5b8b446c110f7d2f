"""The `cxgov` command line: wires arguments to command modules, nothing more.

Command modules are imported only when their command runs, so that
`cxgov --help` and `cxgov validate` stay fast (no pandas plotting, nbformat,
papermill or matplotlib on their import path).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from cxgov import __version__
from cxgov.errors import CxgovError

DEFAULT_WORKSPACE = "committees"


def default_workspace() -> str:
    """The workspace used when none is given: $CXGOV_WORKSPACE, else ./committees."""
    return os.environ.get("CXGOV_WORKSPACE") or DEFAULT_WORKSPACE


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _command(sub: argparse._SubParsersAction, name: str, summary: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog="example:\n  " + example.replace("\n", "\n  ") + "\n",
        formatter_class=_Formatter,
    )


def _workspace_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "workspace",
        nargs="?",
        default=None,
        metavar="WORKSPACE",
        help="workspace folder (default: $CXGOV_WORKSPACE or ./committees)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="cxgov",
        description="Governance and accountability tracker for customer-experience programmes.",
        epilog="examples:\n  cxgov validate committees\n  cxgov status committees --as-of 2026-08-31\n"
        "  cxgov new committee billing-council --workspace committees\n\n"
        "Run 'cxgov COMMAND --help' for the options and an example of each command.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"cxgov {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(
        sub,
        "validate",
        "Check a workspace against the format; exit 0 clean, 1 problems, 2 usage error.",
        "cxgov validate committees",
    )
    _workspace_arg(p)

    p = _command(
        sub,
        "status",
        "Show where each committee stands: plan month, actions done/open/overdue.",
        "cxgov status committees --as-of 2026-08-31\ncxgov status --json",
    )
    _workspace_arg(p)
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the organisation roll-up as JSON")

    p = _command(
        sub,
        "review",
        "Produce the monthly governance review (HTML per committee plus the organisation).",
        "cxgov review --month 2026-11 --workspace committees --out reports\n"
        "cxgov review --month 2026-08 --committee cx-steering voc-council",
    )
    p.add_argument("--month", metavar="YYYY-MM", help="the month to review, as of its last day (default: this month)")
    p.add_argument("--committee", nargs="+", metavar="ID", help="only these committees (default: all)")
    p.add_argument("--workspace", default=None, help="workspace folder (default: $CXGOV_WORKSPACE or ./committees)")
    p.add_argument("--out", default="reports", help="output folder; pages go to OUT/YYYY-MM/ (default: reports)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="parallel notebooks (default: one per core)")

    p = _command(
        sub,
        "new",
        "Scaffold a new, valid committee from templates/.",
        "cxgov new committee billing-council --workspace committees --chair ana",
    )
    p.add_argument("kind", choices=["committee"], help="what to create (only 'committee')")
    p.add_argument("id", metavar="ID", help="the committee id, e.g. billing-council (a-z, 0-9, '-')")
    p.add_argument("--workspace", default=None, help="workspace folder (default: $CXGOV_WORKSPACE or ./committees)")
    p.add_argument("--name", help="committee name (default: from the id)")
    p.add_argument("--chair", help="person id of the chair (default: the first person in org.yaml)")
    p.add_argument("--sponsor", help="person id of the executive sponsor (optional)")
    p.add_argument("--launch", metavar="DATE", help="plan start YYYY-MM-DD (default: the first of next month)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "workspace", "unset") is None:
        args.workspace = default_workspace()
    module = importlib.import_module(f"cxgov.commands.{args.command}")
    try:
        code: int = module.run(args)
    except CxgovError as exc:
        print(f"cxgov {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
