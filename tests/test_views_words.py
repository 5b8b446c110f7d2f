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


def test_a_date_keeps_the_english_pages_format_and_follows_another_locale() -> None:
    from datetime import date

    from cxgov.i18n.current import speaking
    from cxgov.views.words import day

    assert day(date(2026, 12, 1)) == "01 Dec 2026"  # as the English pages always wrote it
    with speaking("pl", "pl"):
        assert day(date(2026, 12, 1)) == "1 gru 2026"
    with speaking("zh_Hans", "zh_Hans"):
        assert day(date(2026, 12, 1)) == "2026年12月1日"


def test_a_fraction_is_written_as_the_locale_writes_it() -> None:
    from cxgov.i18n.current import speaking
    from cxgov.views.words import figure

    assert (figure(10.5), figure(45.0)) == ("10.5", "45")
    with speaking("pl", "pl"):
        assert (figure(10.5), figure(45.0)) == ("10,5", "45")


def test_a_sentence_of_phrases_is_capitalised_and_ends_once_in_each_language() -> None:
    from cxgov.i18n.current import speaking
    from cxgov.views.words import one_stop, sentence

    assert sentence(["2 of 4 actions overdue", "1 health rule failing (H1)"]) == (
        "2 of 4 actions overdue; 1 health rule failing (H1)."
    )
    with speaking("zh_Hans", "zh_Hans"):
        assert sentence(["甲", "乙"]) == "甲；乙。"
    with speaking("uk", "uk"):
        assert sentence(["запуск 1 лип. 2026 р."]) == "Запуск 1 лип. 2026 р."  # the date's own full stop ends it
    assert one_stop("Wait...") == "Wait..." and one_stop("Done.") == "Done."
