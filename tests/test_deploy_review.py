"""The monthly review's schedule (deploy/jupyterhub/monthly_review.py, a JupyterHub-managed service)."""

from __future__ import annotations

import importlib.util
from datetime import datetime
from typing import Any

import pytest
from workspaces import REPO


def _review_job() -> Any:
    spec = importlib.util.spec_from_file_location(
        "monthly_review", REPO / "deploy" / "jupyterhub" / "monthly_review.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 12, 1, 5, 59), datetime(2026, 12, 1, 6, 0)),  # the first, before the hour: today
        (datetime(2026, 12, 1, 6, 0), datetime(2027, 1, 1, 6, 0)),  # at the hour: done, next month
        (datetime(2026, 12, 31, 23, 0), datetime(2027, 1, 1, 6, 0)),  # across a year
        (datetime(2027, 1, 31, 12, 0), datetime(2027, 2, 1, 6, 0)),  # from a 31st
    ],
)
def test_the_monthly_review_runs_on_the_first_of_each_month(now: datetime, expected: datetime) -> None:
    assert _review_job().next_first(now, 6) == expected
