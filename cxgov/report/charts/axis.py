"""Axes: a few round tick values over the data, written plainly, and labels that never overlap.

Ticks are steps of 1, 2 or 5 times a power of ten, so a label is exactly the
value at its line (a tick half way between 9100 and 9101 cannot read "9100"),
and a count (whole values only) is never divided below 1. Labels are written
with the decimals the step needs and never in scientific notation below 10^15.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence

from cxgov.report.charts import textsize
from cxgov.report.charts.svg import centred, num

_BIGGEST = sys.float_info.max


def ticks(lo: float, hi: float, whole: bool = False, most: int = 5) -> tuple[list[float], float | None]:
    """Round values from at or below lo to at or above hi, at most `most` of them, and their step
    (None when the values are too near a float's limits for round steps: then lo, middle and hi).
    With whole, every tick is a whole number. lo and hi are finite."""
    if lo == hi:
        pad = max(abs(lo) * 0.1, 1.0) if whole or lo == 0 else abs(lo) * 0.1
        lo, hi = max(lo - pad, -_BIGGEST), min(hi + pad, _BIGGEST)
    raw = (hi / 2 - lo / 2) / ((most - 1) / 2)  # halves: hi - lo may overflow
    power = math.floor(math.log10(raw))
    for exponent in range(power, power + 3):
        for mantissa in (1, 2, 5):
            try:
                step = mantissa * 10.0**exponent
            except OverflowError:
                break
            if not math.isfinite(step) or step == 0 or (whole and step < 1):
                continue
            if not (math.isfinite(lo / step) and math.isfinite(hi / step)):
                continue
            first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
            if last - first + 1 <= most:
                values = [k * step for k in range(first, last + 1)]
                return [v for v in values if math.isfinite(v)], step
    return [lo, lo / 2 + hi / 2, hi], None


def labels(values: Sequence[float], step: float | None) -> list[str]:
    """Tick values as text: as many decimals as the step has, all alike; beyond 10^15 (or
    below a millionth) as few significant digits as tell the ticks apart."""
    if step is None:
        return [num(v) for v in values]
    biggest = max((abs(v) for v in values), default=0.0)
    power = math.floor(math.log10(step) + 1e-9)
    if biggest <= 1e15 and power >= -6:
        decimals = max(0, -power)
        return [_plain(f"{v:.{decimals}f}") for v in values]
    digits = min(17, max(1, math.floor(math.log10(biggest)) - power + 1)) if biggest else 1
    return [_plain(f"{v:.{digits}g}") for v in values]


def _plain(text: str) -> str:
    """-0 as 0."""
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def spaced(
    xs: Sequence[float], texts: Sequence[str], size: float, room: tuple[float, float], gap: float = 6.0
) -> list[tuple[float, str]]:
    """Labels under points: (centre, text) for the last point and every k-th before it, k the smallest
    step at which no two overlap; each centred under its point, moved in where it would leave the room."""
    widths = [textsize.width(t, size) for t in texts]
    n = len(xs)
    for k in range(1, n + 1):
        chosen = list(range(n - 1, -1, -k))[::-1]
        placed = [(centred(xs[i], widths[i], *room), i) for i in chosen]
        if all(
            x0 + widths[i0] / 2 + gap <= x1 - widths[i1] / 2
            for (x0, i0), (x1, i1) in zip(placed, placed[1:], strict=False)
        ):
            return [(x, texts[i]) for x, i in placed]
    return []
