"""One module per CLI command.

Each declares SUMMARY, EXAMPLE, ``add_arguments(parser)`` and
``run(args) -> exit code``, imports only light modules at the top, and does
its heavy imports inside ``run`` (see cxgov.cli).
"""

from __future__ import annotations

import argparse


def workspace_argument(p: argparse.ArgumentParser, positional: bool = True) -> None:
    """Add the WORKSPACE argument (positional, or --workspace) that every command shares."""
    text = "workspace folder (default: $CXGOV_WORKSPACE or ./committees)"
    if positional:
        p.add_argument("workspace", nargs="?", default=None, metavar="WORKSPACE", help=text)
    else:
        p.add_argument("--workspace", default=None, help=text)


def as_of_argument(p: argparse.ArgumentParser) -> None:
    """Add --as-of DATE (default: today), shared by the commands that look at one day."""
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date YYYY-MM-DD (default: today)")
