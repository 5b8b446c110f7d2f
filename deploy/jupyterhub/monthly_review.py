"""The monthly review as a scheduled job: a JupyterHub-managed service that runs `cxgov review` once a month.

On the first day of each month at $CXGOV_REVIEW_HOUR (default 6, the machine's local time) it reviews
the last complete month of $CXGOV_WORKSPACE into $CXGOV_REPORTS (default: reports/ beside the
workspace). At start it catches up: a month whose review is missing is reviewed at once, so a Hub that
was down on the first still produces it. The Hub restarts the service if it dies; a failed review is
retried the next hour. On Kubernetes the same command runs as a CronJob (see README.md, "Deploying for
a team"), with --once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from cxgov.commands.review import last_complete_month

RETRY = timedelta(hours=1)


def next_first(now: datetime, hour: int) -> datetime:
    """The next first day of a month at hour, after now."""
    this = now.replace(day=1, hour=hour, minute=0, second=0, microsecond=0)
    if this > now:
        return this
    return (this + timedelta(days=32)).replace(day=1)


def review(workspace: str, reports: Path) -> bool:
    """Review the last complete month unless its index page exists; True when it exists afterwards."""
    month = last_complete_month()
    if (reports / month / "index.html").exists():
        return True
    cxgov = Path(sys.executable).with_name("cxgov")
    done = subprocess.run([str(cxgov), "review", "--workspace", workspace, "--out", str(reports)], check=False)
    print(f"monthly review {month}: exit {done.returncode}", file=sys.stderr, flush=True)
    return (reports / month / "index.html").exists()


def main() -> int:
    workspace = os.environ.get("CXGOV_WORKSPACE", "committees")
    reports = Path(os.environ.get("CXGOV_REPORTS") or Path(workspace).resolve().parent / "reports")
    hour = int(os.environ.get("CXGOV_REVIEW_HOUR", "6"))
    if "--once" in sys.argv[1:]:
        return 0 if review(workspace, reports) else 1
    while True:
        ok = review(workspace, reports)
        now = datetime.now()
        wake = now + RETRY if not ok else next_first(now, hour)
        time.sleep(max(1.0, (wake - now).total_seconds()))


if __name__ == "__main__":
    sys.exit(main())
