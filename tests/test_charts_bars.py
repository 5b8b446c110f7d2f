"""Milestone bars: the counts beside each bar stay whole on the image, however large."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_helpers import outside, parse, size_of, texts

from cxgov.report.charts import COLOURS, milestone_bars


def progress(done: int, total: int, overdue: int) -> pd.DataFrame:
    """One 12-month milestone's row as views.roadmap.milestone_progress gives it."""
    shares = {f"share_{name}": 0.0 for name in COLOURS}
    shares["share_done"] = done / total if total else 0.0
    shares["share_on_track"] = 1 - shares["share_done"] if total else 0.0
    return pd.DataFrame([{"horizon": 12, "done": done, "total": total, "overdue": overdue, **shares}])


@pytest.mark.parametrize(("done", "total", "overdue"), [(1, 6, 2), (0, 0, 0), (12345, 678901, 234567)])
def test_counts_stay_on_the_image(done, total, overdue):
    root = parse(milestone_bars(progress(done, total, overdue)))
    label = f"{done}/{total} done" + (f", {overdue} overdue" if overdue else "")
    assert label in texts(root)
    assert outside(root) == []


def test_the_image_widens_only_for_long_counts():
    short = parse(milestone_bars(progress(1, 6, 2)))
    long = parse(milestone_bars(progress(12345, 678901, 234567)))
    assert size_of(short)[0] == 640 < size_of(long)[0]
