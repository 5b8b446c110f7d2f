"""`cxgov validate`: print every problem in a workspace."""

from __future__ import annotations

import argparse

from cxgov.commands import workspace_argument

SUMMARY = "Check a workspace against the format; exit 0 clean, 1 problems, 2 usage error."
EXAMPLE = "cxgov validate committees"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    workspace_argument(p)


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to validate()."""
    return validate(args.workspace)


def validate(workspace: str) -> int:
    """Print every problem of the workspace and a summary; 0 when clean, 1 when problems were found."""
    from cxgov.workspace.load import load_workspace  # not for `cxgov --help`

    ws = load_workspace(workspace)
    for problem in ws.problems:
        print(problem)
    loaded = len(ws.committees)
    if not ws.problems:
        print(f"{ws.shown}: OK, {loaded} committee{'s' if loaded != 1 else ''}, no problems")
        return 0
    files = len({p.path for p in ws.problems})
    n = len(ws.problems)
    summary = f"{ws.shown}: {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if ws.failed:
        summary += f"; left out until fixed: {', '.join(ws.failed)}"
    print(summary)
    return 1
