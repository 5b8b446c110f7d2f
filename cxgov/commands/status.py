"""`cxgov status`: where each committee stands, as a table or JSON."""

from __future__ import annotations

import argparse
from json import dumps
from typing import Any

from cxgov.commands import as_of_argument, in_english, workspace_argument
from cxgov.dates import parse_as_of

SUMMARY = "Show where each committee stands: plan month, actions done/open/overdue."
EXAMPLE = "cxgov status committees --as-of 2026-08-31\ncxgov status --json"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    workspace_argument(p)
    as_of_argument(p)
    p.add_argument("--json", action="store_true", help="print the organisation roll-up as JSON")


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to status()."""
    return status(args.workspace, as_of=args.as_of, json=args.json)


@in_english
def status(workspace: str, *, as_of: str | None = None, json: bool = False) -> int:
    """Print the organisation roll-up as of a date (None: today); exit 1 if some committee could not be loaded."""
    day = parse_as_of(as_of)
    from cxgov.workspace.asof import workspace_as_of  # not for `cxgov --help`
    from cxgov.workspace.load import load_workspace

    ws = workspace_as_of(load_workspace(workspace), day)  # the plans as they stood on that day
    from cxgov.views.rollup import rows  # pandas only after the workspace is known to exist

    records = rows(ws, day)
    if json:
        print(dumps(records, indent=2, default=str))
    else:
        print(render(records, day, ws.shown))
        for name in ws.failed:
            print(f"{name}: not shown, it has problems (run: cxgov validate {ws.shown})")
    return 1 if ws.failed else 0


def render(records: list[dict[str, Any]], as_of: object, shown: str) -> str:
    """A readable fixed-width table of the roll-up."""
    head = [
        "committee",
        "plan",
        "done",
        "open",
        "overdue",
        "at risk",
        "re-planned",
        "KPIs on target",
        "maturity",
        "health",
    ]
    lines = []
    for r in records:
        month = r["plan_month"]
        plan = "not launched" if month == 0 else f"month {month}/12" if month <= 12 else f"done ({month})"
        fails = [k for k, v in r["health"].items() if v == "fail"]
        warns = [k for k, v in r["health"].items() if v == "warn"]
        health = (
            "all pass"
            if not fails and not warns
            else " ".join(
                ([f"fail {','.join(fails)}"] if fails else []) + ([f"warn {','.join(warns)}"] if warns else [])
            )
        )
        lines.append(
            [
                r["committee"],
                plan,
                f"{r['done']}/{r['actions_total']}",
                str(r["open"]),
                str(r["overdue"]),
                str(r["at_risk"]),
                f"{r['replanned']} ({r['slipped']} slipped)" if r["slipped"] else str(r["replanned"]),
                f"{r['kpis_on_target']}/{r['kpis_total']}",
                r["maturity_level"] or "-",
                health,
            ]
        )
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [f"{shown} as of {as_of}", fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*row) for row in lines]
    return "\n".join(out)
