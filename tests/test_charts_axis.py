"""Axis ticks: round steps covering the data, labels that read their value, labels that never overlap."""

from __future__ import annotations

import math

import pytest

from cxgov.report.charts import textsize
from cxgov.report.charts.axis import labels, spaced, ticks


@pytest.mark.parametrize(
    ("lo", "hi", "whole"),
    [
        (9100, 9230, True),
        (9100, 9101, True),
        (3, 4, True),
        (0, 1, True),
        (7, 7, True),
        (0.25, 0.5, False),
        (84.0, 84.2, False),
        (-3.5, -3.2, False),
        (-1e15, 1e15, False),
        (1e-300, 2e-300, False),
        (0, 0, False),
    ],
)
def test_ticks_are_round_steps_covering_the_data(lo, hi, whole):
    values, step = ticks(lo, hi, whole)
    assert step is not None and 2 <= len(values) <= 5
    assert values[0] <= lo and values[-1] >= hi
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-9  # 1, 2 or 5 times a power of ten
    if whole:
        assert step >= 1 and all(v == int(v) for v in values)


def test_values_at_a_floats_limits_still_get_finite_ticks():
    values, _ = ticks(-1.7976931348623157e308, 1.7976931348623157e308)
    assert values and all(math.isfinite(v) for v in values)


@pytest.mark.parametrize(
    ("values", "step", "shown"),
    [
        ([9000, 9050, 9100], 50, ["9000", "9050", "9100"]),
        ([0.2, 0.4, 0.6000000000000001], 0.2, ["0.2", "0.4", "0.6"]),
        ([-0.0, 0.5], 0.5, ["0.0", "0.5"]),
        ([-1e15, 0, 1e15], 1e15, ["-1000000000000000", "0", "1000000000000000"]),
        ([1e-300, 1.5e-300, 2e-300], 5e-301, ["1e-300", "1.5e-300", "2e-300"]),
        ([-1e308, 0, 1e308], 1e308, ["-1e+308", "0", "1e+308"]),
    ],
)
def test_labels_are_written_plainly_with_the_decimals_their_step_needs(values, step, shown):
    assert labels(values, step) == shown


@pytest.mark.parametrize("n", [1, 2, 5, 12, 40, 200])
def test_spaced_labels_keep_the_last_and_never_overlap(n):
    xs = [40 + 250 * i / max(n - 1, 1) for i in range(n)]
    names = [f"2026-{i:02d}" for i in range(n)]
    out = spaced(xs, names, 9, (2, 298))
    assert out[-1][1] == names[-1]
    boxes = [(x - textsize.width(t, 9) / 2, x + textsize.width(t, 9) / 2) for x, t in out]
    assert all(a >= 0 and b <= 300 for a, b in boxes)
    assert all(a1 <= b0 for (_, a1), (b0, _) in zip(boxes, boxes[1:], strict=False))
