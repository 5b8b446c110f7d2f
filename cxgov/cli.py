"""The `cxgov` command line: wires arguments to command modules, nothing more.

Each module in ``cxgov.commands`` declares SUMMARY, EXAMPLE, ``add_arguments``,
a typed function doing the command (``status(workspace, as_of=..., json=...)``)
and ``run(args) -> exit code``, which unpacks the arguments into it. Command
modules import only light modules at the top; their heavy imports happen inside
the function, so that `cxgov --help` and `cxgov validate` stay fast (no pandas,
nbformat, papermill or matplotlib on their import path).
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
# The order of `cxgov --help`.
COMMANDS = ("validate", "status", "review", "new", "signals", "remind", "export", "serve", "history")


def default_workspace() -> str:
    """The workspace used when none is given: $CXGOV_WORKSPACE, else ./committees."""
    return os.environ.get("CXGOV_WORKSPACE") or DEFAULT_WORKSPACE


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="cxgov",
        description="Governance and accountability tracker for customer-experience programmes.",
        epilog="examples:\n  cxgov validate committees\n  cxgov status committees --as-of 2026-08-31\n"
        "  cxgov review --month 2026-11\n\n"
        "Run 'cxgov COMMAND --help' for the options and an example of each command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cxgov {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cxgov.commands.{name}")
        p = sub.add_parser(
            name,
            help=module.SUMMARY,
            description=module.SUMMARY,
            epilog="example:\n  " + module.EXAMPLE.replace("\n", "\n  ") + "\n",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
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
    except BrokenPipeError:
        # The reader went away (`cxgov history | head`): stop quietly, as Unix tools do. Python would
        # otherwise fail again flushing stdout at exit, so stdout now points at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe
    return code


def entry() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()  # output still buffered meets a closed pipe here, not in main
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    sys.exit(code)


if __name__ == "__main__":
    entry()
