"""KPIs: latest value against target, 3-month change, operational -> outcome links, attainment."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.views.kpis import KpiRef, attainment, drivers_of, links, on_target, series, table
from cxgov.workspace.model import Kpi


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


def _kpi(direction: str, target: float | None) -> Kpi:
    return Kpi("k", "K", "operational", "x", direction, target, "bo")


@pytest.mark.parametrize(
    ("direction", "target", "value", "expected"),
    [
        ("down", 2.0, 1.8, True),  # lower is better: below target is on target
        ("down", 2.0, 2.0, True),  # reaching the target counts
        ("down", 2.0, 2.1, False),
        ("up", 80, 81, True),
        ("up", 80, 80, True),
        ("up", 80, 79.9, False),
        ("up", 80, None, None),  # no value yet: cannot be judged
        ("up", None, 81, None),  # no target: cannot be judged
    ],
)
def test_on_target_is_direction_aware(direction, target, value, expected):
    assert on_target(_kpi(direction, target), value) is expected


def test_kpi_table_latest_values_targets_and_changes(ws):
    got = table(ws, ws.committee["care"], REVIEW).set_index("kpi")
    assert list(got.index) == ["csat", "nps", "frt", "fcr"]
    # csat: latest 2026-08 = 81 (2026-09 is after as_of's month); up, target 80 -> on target;
    # 3 months before 2026-08 is 2026-05 = 70 -> change 81 - 70 = +11
    csat = got.loc["csat"]
    assert (csat["latest"], csat["period"], csat["target"], csat["on_target"]) == (81.0, "2026-08", 80.0, True)
    assert csat["change_3m"] == pytest.approx(11.0)
    # frt: 2026-08 corrected to 1.8; down, target 2 -> on target; 2026-05 = 5.0 -> change 1.8 - 5.0 = -3.2
    frt = got.loc["frt"]
    assert (frt["latest"], frt["period"], frt["on_target"]) == (1.8, "2026-08", True)
    assert frt["change_3m"] == pytest.approx(-3.2)
    # fcr: 65 < target 70 (up) -> off target; no 2026-05 value -> no 3-month change
    fcr = got.loc["fcr"]
    assert (fcr["latest"], fcr["on_target"]) == (65.0, False)
    assert math.isnan(fcr["change_3m"])
    # nps: never measured, so nothing to show or judge (pandas shows a missing number as NaN)
    nps = got.loc["nps"]
    assert pd.isna(nps["latest"]) and pd.isna(nps["period"]) and nps["on_target"] is None
    assert math.isnan(nps["change_3m"])


def test_kpi_table_names_owners_and_shows_weights(ws):
    got = table(ws, ws.committee["care"], REVIEW).set_index("kpi")
    assert got["owner"].to_dict() == {"csat": "Carl Chair", "nps": "Erin Exec", "frt": "Bo Lind", "fcr": "Dee Park"}
    assert got.loc["frt", ["shared", "weight", "kind", "direction", "unit"]].tolist() == [
        True,
        2.0,
        "operational",
        "down",
        "hours",
    ]
    assert got.loc["csat", ["shared", "weight", "baseline"]].tolist() == [False, 1.0, 70.0]


def test_kpi_table_shows_links_both_ways_including_other_committees(ws):
    got = table(ws, ws.committee["care"], REVIEW).set_index("kpi")
    assert got["drives"].to_dict() == {"csat": "", "nps": "", "frt": "csat", "fcr": "csat, nps"}
    # growth's churn-calls drives care/csat
    assert got["driven_by"].to_dict() == {"csat": "frt, fcr, growth/churn-calls", "nps": "fcr", "frt": "", "fcr": ""}
    growth = table(ws, ws.committee["growth"], REVIEW).set_index("kpi")
    assert growth.loc["churn-calls", "drives"] == "retention, care/csat"
    assert growth.loc["retention", "driven_by"] == "churn-calls"


def test_kpi_table_on_the_first_day_of_a_month_uses_that_month(ws):
    got = table(ws, ws.committee["care"], date(2026, 9, 1)).set_index("kpi")
    # csat 2026-09 = 83; 3 months earlier 2026-06 = 72 -> +11
    assert (got.loc["csat", "latest"], got.loc["csat", "period"]) == (83.0, "2026-09")
    assert got.loc["csat", "change_3m"] == pytest.approx(11.0)
    # frt has no 2026-09 row: its latest stays 2026-08
    assert got.loc["frt", "period"] == "2026-08"


def test_links_list_every_operational_to_outcome_link(ws):
    got = links(ws)
    assert got[["from_committee", "from_kpi", "to_committee", "to_kpi"]].values.tolist() == [
        ["care", "frt", "care", "csat"],
        ["care", "fcr", "care", "csat"],
        ["care", "fcr", "care", "nps"],
        ["growth", "churn-calls", "growth", "retention"],
        ["growth", "churn-calls", "care", "csat"],
    ]


def test_links_name_both_kpis_and_their_committees(ws):
    got = links(ws)
    # growth's churn-calls drives care's csat (the fifth link)
    assert (got.loc[4, "from_ref"], got.loc[4, "to_ref"]) == (
        KpiRef("growth", "Growth and Retention Board", "churn-calls", "Cancellation calls per month"),
        KpiRef("care", "Customer Care Council", "csat", "CSAT"),
    )


def test_kpi_table_refs_name_linked_kpis_and_their_committees(ws):
    got = table(ws, ws.committee["care"], REVIEW).set_index("kpi")
    care = "Customer Care Council"
    assert got.loc["fcr", "drives_refs"] == (KpiRef("care", care, "csat", "CSAT"), KpiRef("care", care, "nps", "NPS"))
    assert got.loc["csat", "driven_by_refs"] == (
        KpiRef("care", care, "frt", "First reply time"),
        KpiRef("care", care, "fcr", "First-contact resolution"),
        KpiRef("growth", "Growth and Retention Board", "churn-calls", "Cancellation calls per month"),
    )
    assert got.loc["frt", "driven_by_refs"] == ()


def test_drivers_of_name_other_committees_kpis_with_their_committee(ws):
    assert drivers_of(ws, ws.committee["care"]) == {
        "csat": ["frt", "fcr", "growth/churn-calls"],
        "nps": ["fcr"],
        "frt": [],
        "fcr": [],
    }
    assert drivers_of(ws, ws.committee["growth"]) == {"retention": ["churn-calls"], "churn-calls": []}


def test_attainment_weighs_shared_goals_by_their_weight(ws):
    # judged (target and a value): csat on (weight 1), frt on (shared, weight 2), fcr off (1); nps has no value
    # (1 + 2) / (1 + 2 + 1) = 0.75 -- unweighted it would be 2/3
    score, hit, judged = attainment(ws.committee["care"], REVIEW)
    assert (score, hit, judged) == (0.75, 2, 3)
    # growth: retention 88 < 90 off, churn-calls 95 <= 100 on -> 1 / 2
    assert attainment(ws.committee["growth"], REVIEW) == (0.5, 1, 2)


def test_attainment_follows_as_of(ws):
    care = ws.committee["care"]
    # 2026-07: csat 74 (< 80), frt 3.0 (> 2), fcr 60 (< 70): nothing on target
    assert attainment(care, date(2026, 7, 31)) == (0.0, 0, 3)
    # before the first measured period (2026-05) nothing can be judged
    assert attainment(care, date(2026, 4, 30)) == (None, 0, 0)


def test_series_is_one_row_per_kpi_and_period(ws):
    got = series(ws.committee["care"], REVIEW)
    # csat 4 periods (05-08), frt 4 (05-08, the 08 correction replaces 2.5), fcr 2 (07-08)
    assert len(got) == 10
    assert got[(got.kpi == "frt") & (got.period == "2026-08")]["value"].tolist() == [1.8]
