"""Counts as a reader says them: one pluralisation rule for every page."""

from __future__ import annotations

import pytest

from cxgov.views.words import plural


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 days"), (1, "1 day"), (2, "2 days"), (-1, "-1 days"), (31, "31 days")],
)
def test_one_is_singular_and_every_other_count_plural(n: int, expected: str) -> None:
    assert plural(n, "day") == expected


def test_an_irregular_plural_is_given() -> None:
    assert (plural(1, "person", "people"), plural(3, "person", "people")) == ("1 person", "3 people")
