"""Markers that would cover one another, moved apart: stacked in rows above and below their line.

Actions often share a due date, or fall due on their milestone's day: drawn
where they belong, the last one drawn hides the others (an at-risk action
under an off-track one is then never seen). Each marker keeps its x, the
date, and takes the row nearest its line where it touches nothing already
placed: row 0 is the line, then -1 (above), 1 (below), -2, 2 and so on.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Marker:
    """A round marker, or anything that fits in a circle (a diamond: its half-diagonal)."""

    x: float
    radius: float


def _rows() -> Iterator[int]:
    """0, -1, 1, -2, 2, ...: the rows nearest the line first, above before below."""
    yield 0
    k = 1
    while True:
        yield -k
        yield k
        k += 1


def stack(markers: Sequence[Marker], fixed: Sequence[Marker] = (), row: float = 12.0, gap: float = 1.0) -> list[int]:
    """The row of each marker, in order, such that no two markers overlap (gap px at least between
    their circles), nor a marker and a fixed one (a milestone's diamond, which stays on the line)."""
    biggest = max((m.radius for m in (*markers, *fixed)), default=0.0)
    reach = math.ceil((2 * biggest + gap) / row)  # rows further apart than this cannot touch
    placed: dict[int, list[Marker]] = {0: list(fixed)}
    out = []
    for m in markers:
        for r in _rows():
            if all(
                math.hypot(m.x - other.x, (r - near) * row) >= m.radius + other.radius + gap
                for near in range(r - reach, r + reach + 1)
                for other in placed.get(near, ())
            ):
                break
        placed.setdefault(r, []).append(m)
        out.append(r)
    return out
