"""Where an action stands on a day: overdue, due soon, or as its owner reports; decided in one place."""

from __future__ import annotations

from datetime import date

import pytest

from cxgov.views.standing import STANDINGS, is_due_soon, is_overdue, said, standing, state, when

DAY = date(2026, 8, 31)


def test_overdue_means_due_before_as_of_and_still_open() -> None:
    assert is_overdue(date(2026, 8, 30), "on_track", DAY)
    assert is_overdue(date(2026, 8, 30), "not_started", DAY)
    assert not is_overdue(date(2026, 8, 31), "off_track", DAY)  # due today is not late yet
    assert not is_overdue(date(2026, 8, 30), "done", DAY)
    assert not is_overdue(date(2026, 8, 30), "dropped", DAY)


@pytest.mark.parametrize(
    ("due", "status", "expected"),
    [
        (date(2026, 8, 30), "on_track", "overdue"),  # 1 day late: overdue, not "on track"
        (date(2026, 8, 31), "on_track", "due soon"),  # due today: due soon, never "overdue by 0 days"
        (date(2026, 9, 14), "at_risk", "due soon"),  # 31 Aug + 14 days = 14 Sep: the window's last day
        (date(2026, 9, 15), "at_risk", ""),  # one day beyond the window
        (date(2026, 8, 1), "done", ""),  # closed actions are neither
        (date(2026, 9, 1), "dropped", ""),
    ],
)
def test_state_is_overdue_or_due_soon_or_neither(due: date, status: str, expected: str) -> None:
    assert state(due, status, DAY) == expected
    assert is_due_soon(due, status, DAY) == (expected == "due soon")


def test_the_due_soon_window_can_be_narrowed() -> None:
    # 31 Aug + 7 days = 7 Sep
    assert (state(date(2026, 9, 7), "on_track", DAY, 7), state(date(2026, 9, 8), "on_track", DAY, 7)) == (
        "due soon",
        "",
    )


def test_an_overdue_action_stands_as_overdue_whatever_its_owner_reported() -> None:
    assert [standing(s, True) for s in ("on_track", "at_risk", "not_started")] == ["overdue"] * 3
    assert [standing(s, False) for s in ("on_track", "done")] == ["on_track", "done"]
    # every standing once: the six statuses and "overdue"
    assert sorted(STANDINGS) == sorted(
        ["not_started", "on_track", "at_risk", "off_track", "done", "dropped", "overdue"]
    )


def test_what_is_said_of_an_overdue_action_never_includes_on_track() -> None:
    assert said("on_track", True) == ("overdue",)
    assert said("off_track", True) == ("overdue", "off_track")
    assert said("not_started", True) == ("overdue", "not_started")
    assert said("on_track", False) == ("on_track",)
    assert said("done", False) == ("done",)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 8, 28), "3 days overdue"),
        (date(2026, 8, 30), "1 day overdue"),
        (date(2026, 8, 31), "due today"),
        (date(2026, 9, 1), "due in 1 day"),
        (date(2026, 9, 14), "due in 14 days"),
    ],
)
def test_when_says_how_far_the_due_date_is_in_words_that_agree_in_number(due: date, expected: str) -> None:
    assert when(due, DAY) == expected


@pytest.mark.parametrize(
    ("lang", "due", "expected"),
    [
        ("pl", date(2026, 8, 30), "1 dzień po terminie"),
        ("pl", date(2026, 8, 29), "2 dni po terminie"),
        ("pl", date(2026, 8, 26), "5 dni po terminie"),
        ("pl", date(2026, 8, 31), "termin dziś"),
        ("pl", date(2026, 9, 3), "termin za 3 dni"),
        ("uk", date(2026, 8, 10), "21 день після терміну"),
        ("zh_Hans", date(2026, 8, 28), "逾期 3 天"),
        ("zh_Hant", date(2026, 9, 5), "5 天後到期"),
    ],
)
def test_when_speaks_the_pages_language_with_its_plural_forms(lang: str, due: date, expected: str) -> None:
    from cxgov.i18n.current import speaking

    with speaking(lang, lang):
        assert when(due, DAY) == expected
    assert "overdue" in when(date(2026, 8, 30), DAY)  # English again outside the page
