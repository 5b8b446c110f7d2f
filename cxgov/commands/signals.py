"""`cxgov signals`: voice-of-customer signals, their routing and closed-loop times."""

from __future__ import annotations

import argparse
import math
import sys
from json import dumps
from typing import Any

from cxgov.commands import as_of_argument, in_english, quoted, workspace_argument
from cxgov.errors import visible

SUMMARY = "List customer signals: unrouted, open or closed, with age and closed-loop days."
EXAMPLE = "cxgov signals committees --department support\ncxgov signals --as-of 2026-08-31 --json"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    workspace_argument(p)
    as_of_argument(p)
    p.add_argument("--department", metavar="ID", help="only signals that concern this department")
    p.add_argument("--json", action="store_true", help="print a JSON list of signals")


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to signals()."""
    return signals(args.workspace, as_of=args.as_of, department=args.department, json=args.json)


@in_english
def signals(workspace: str, *, as_of: str | None = None, department: str | None = None, json: bool = False) -> int:
    """Print the signals as of a date (None: today), only a department's if given, as text or JSON.

    Exit 1 if signals.csv or org.yaml has problems; raises CxgovError (exit 2) for an unknown department.
    """
    from cxgov.dates import parse_as_of
    from cxgov.errors import CxgovError
    from cxgov.views.signals import signals as signals_view
    from cxgov.workspace.load import load_workspace, shown_path

    day = parse_as_of(as_of)
    from cxgov.workspace.asof import workspace_as_of

    ws = workspace_as_of(load_workspace(workspace), day)  # the plans as they stood on that day
    known = [d.id for d in ws.org.departments] if ws.org else []
    if department is not None and department not in known:
        expected = f"one of {', '.join(known)}" if known else f"a department id of {ws.shown}/org.yaml, which has none"
        raise CxgovError(f"--department: expected {expected}; found {quoted(department)}")
    frame = signals_view(ws, day, department)
    records = [_clean(r) for r in frame.to_dict("records")]
    if json:
        print(dumps(records, indent=2, ensure_ascii=False))
    else:
        print(render(records, day, department))
    # Rows with problems are skipped by the loader: say so (as `cxgov status` does for committees), never a
    # silent short list; org.yaml's problems (missing, unreadable) leave every row unroutable.
    files = {shown_path(ws.shown, "signals.csv"), shown_path(ws.shown, "org.yaml")}
    troubled = sorted({p.path for p in ws.problems if p.path in files})
    if troubled:
        print(
            f"cxgov signals: {' and '.join(troubled)}: {'has' if len(troubled) == 1 else 'have'} problems, rows may be missing "
            f"(run: cxgov validate {ws.shown})",
            file=sys.stderr,
        )
    return 1 if troubled else 0


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in record.items():
        if isinstance(value, float) and math.isnan(value):
            value = None
        elif key == "loop_days" and value is not None:
            value = int(value)
        elif key == "departments":
            value = list(value)
        elif key in ("committee", "action", "touchpoint") and value == "":
            value = None
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out


def render(records: list[dict[str, Any]], as_of: object, department: str | None) -> str:
    """A readable list, unrouted first, then open, then closed."""
    scope = f" concerning {department}" if department else ""
    lines = [f"Signals{scope} as of {as_of}: {len(records)}"]
    for state in ("unrouted", "open", "closed"):
        mine = [r for r in records if r["state"] == state]
        if not mine:
            continue
        lines.append(f"\n{state.upper()} ({len(mine)})")
        for r in mine:
            where = f" -> {r['committee']}/{r['action']}" if r["action"] else ""
            loop = f", closed in {r['loop_days']} days" if r["loop_days"] is not None else ""
            lines.append(f"  {r['id']:<5} {r['date']}  {r['age_days']:>4} days old{loop}{where}")
            # a summary is free text from signals.csv: its control characters must not reach the terminal
            lines.append(f"        {visible(r['summary'])} [{', '.join(r['departments'])}]")
    return "\n".join(lines)
