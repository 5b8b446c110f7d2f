"""CX maturity: level per self-assessment (Starter / Riser / Champion) and its change over time."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.views.maturity import assessments, current, trend
from cxgov.workspace.model import Assessment, maturity_level


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, "Starter"), (3, "Starter"), (4, "Riser"), (5, "Riser"), (6, "Champion"), (7, "Champion")],
)
def test_levels_follow_the_spec_bands(score, level):
    # 0-3 held: Starter, 4-5: Riser, 6-7: Champion
    assert maturity_level(score) == level


def test_assessments_up_to_as_of_with_score_level_and_change(ws):
    got = assessments(ws.committee["care"], REVIEW)
    # 2026-07-01: qualified_team, act_on_feedback, agent_technology -> 3, Starter
    # 2026-08-20: + feedback_agility, data_visualisation -> 5, Riser (+2, level changed)
    # 2026-09-20 is after as_of
    assert got[["date", "score", "level", "change", "level_changed"]].values.tolist() == [
        [date(2026, 7, 1), 3, "Starter", 0, False],
        [date(2026, 8, 20), 5, "Riser", 2, True],
    ]
    assert got.loc[1, ["staffing", "feedback_agility", "timely_data"]].tolist() == [False, True, False]


def test_a_later_assessment_moves_the_level_again(ws):
    got = assessments(ws.committee["care"], date(2026, 9, 30))
    # 2026-09-20: + timely_data -> 6, Champion (+1)
    assert got.iloc[-1][["score", "level", "change", "level_changed"]].tolist() == [6, "Champion", 1, True]


def test_a_lower_score_within_the_same_level_is_not_a_level_change(ws):
    got = assessments(ws.committee["growth"], REVIEW)
    # 2026-04-01: 7 Champion; 2026-07-01: staffing lost -> 6, still Champion
    assert got[["score", "level", "change", "level_changed"]].values.tolist() == [
        [7, "Champion", 0, False],
        [6, "Champion", -1, False],
    ]


def test_current_assessment_and_trend(ws):
    care, growth = ws.committee["care"], ws.committee["growth"]
    now = current(care, REVIEW)
    assert now is not None
    assert (now.date, now.score, now.level) == (date(2026, 8, 20), 5, "Riser")
    assert trend(care, REVIEW) == "up"  # 3 -> 5
    assert trend(growth, REVIEW) == "down"  # 7 -> 6
    assert trend(growth, date(2026, 5, 1)) == "new"  # only the 2026-04-01 assessment
    # before care's first assessment (2026-07-01)
    assert current(care, date(2026, 6, 30)) is None
    assert trend(care, date(2026, 6, 30)) == ""
    assert assessments(care, date(2026, 6, 30)).empty


def test_trend_is_steady_when_the_score_repeats(ws):
    care = ws.committee["care"]
    same = dataclasses.replace(care, assessments=(
        Assessment(date(2026, 7, 1), (True, True, True, True, False, False, False)),
        Assessment(date(2026, 8, 1), (False, False, False, True, True, True, True)),
    ))  # fmt: skip
    assert trend(same, REVIEW) == "steady"  # 4 -> 4
