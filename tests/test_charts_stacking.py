"""Markers that would overlap are moved to rows above and below their line, nearest first."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from cxgov.report.charts.stacking import Marker, stack

ROW = 12.0


def apart(markers: list[Marker], rows: list[int], fixed: list[Marker]) -> bool:
    placed = [(m, r * ROW) for m, r in zip(markers, rows, strict=True)] + [(f, 0.0) for f in fixed]
    return all(
        math.hypot(a.x - b.x, ya - yb) >= a.radius + b.radius for (a, ya), (b, yb) in itertools.combinations(placed, 2)
    )


def test_markers_far_apart_stay_on_the_line():
    markers = [Marker(x, 5) for x in (10, 30, 50)]
    assert stack(markers, row=ROW) == [0, 0, 0]


def test_markers_on_one_spot_take_rows_above_then_below():
    markers = [Marker(100, 5) for _ in range(5)]
    rows = stack(markers, row=ROW)
    assert rows == [0, -1, 1, -2, 2]
    assert apart(markers, rows, [])


def test_a_diamond_on_the_line_keeps_its_place_and_pushes_markers_off_it():
    diamond = Marker(100, 8)
    markers = [Marker(100, 5), Marker(103, 5)]
    rows = stack(markers, [diamond], row=ROW)
    assert 0 not in rows
    assert apart(markers, rows, [diamond])


def test_a_marker_a_few_px_along_is_stacked_too():
    markers = [Marker(100, 5), Marker(102, 5), Marker(111, 5)]
    rows = stack(markers, row=ROW)
    assert rows[0] == 0 and rows[1] != 0 and rows[2] == 0  # 11 px along clears a 5 px dot with a px between
    assert apart(markers, rows, [])


@pytest.mark.parametrize("seed", range(5))
def test_random_crowds_never_overlap(seed):
    rng = random.Random(seed)
    fixed = [Marker(rng.uniform(0, 90), 8), Marker(rng.uniform(110, 200), 8)]  # milestones lie apart
    markers = [Marker(rng.choice([50.0, 120.0, rng.uniform(0, 200)]), 5) for _ in range(40)]
    assert apart(markers, stack(markers, fixed, row=ROW), fixed)
