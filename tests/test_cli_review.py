"""Which month `cxgov review` and `make review` review when none is given: the last complete one."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from cli_run import cxgov
from workspaces import REPO

from cxgov.dates import today

EXAMPLE = REPO / "committees"


def last_complete_month() -> str:
    """Computed here from the clock cxgov reads: the day before this month's first, as YYYY-MM."""
    return f"{today().replace(day=1) - timedelta(days=1):%Y-%m}"


@pytest.mark.slow
def test_review_without_month_reviews_the_last_complete_month(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    done = cxgov("review", "--workspace", str(EXAMPLE), "--committee", "cx-steering", "--out", str(out), cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in out.iterdir()] == [last_complete_month()]
    assert (out / last_complete_month() / "cx-steering.html").is_file()
    assert f"for {last_complete_month()}" in done.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_review_passes_a_month_only_when_one_is_given() -> None:
    def command(*variables: str) -> str:
        dry = subprocess.run(
            ["make", "-n", "review", *variables],  # -n: print the commands, run none
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return next(line for line in dry.splitlines() if "cxgov review" in line)

    assert "--month" not in command("MONTH=")  # cxgov review then takes the last complete month
    assert "--pdf" not in command("MONTH=")
    assert "--month 2026-12 --pdf" in command("MONTH=2026-12", "PDF=1")
