"""The headline: a verdict per committee, what needs the sponsor, what is due next, the KPIs' trend.

Expectations are worked out by hand from tests/fixtures/views/programme (as of 2026-08-31, see
test_views_rollup.py for the counts) and tests/fixtures/valid/minimal, as the comments say.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from views_helpers import PROGRAMME, REVIEW, load
from workspaces import MINIMAL

from cxgov.views import headline
from cxgov.views.headline import Ask, Due, KpiTrend, Verdict
from cxgov.workspace.load import load_workspace


@pytest.fixture(scope="module")
def ws():
    return load(PROGRAMME)


def test_two_failing_rules_or_a_quarter_overdue_is_red_with_its_reasons(ws):
    # care: 7 actions, 1 dropped (6), 1 overdue (A2): 1/6 < 1/4; H1 and H7 fail: red.
    # growth: 3 actions, G2 overdue: 1/3 >= 1/4: red; H2 and H5 fail too. Worst first, then by name.
    assert headline.verdicts(ws, REVIEW) == [
        Verdict(
            "care",
            "red",
            ("1 action overdue", "2 health rules failing (H1, H7)", "2 actions at risk or off track"),
        ),
        Verdict("growth", "red", ("1 of 3 actions overdue", "2 health rules failing (H2, H5)")),
    ]


def test_one_failing_rule_is_amber_and_kpis_below_half_with_none_improving_say_so():
    # minimal/cx on 2026-09-15: A3 and A4 never updated 76 days after launch: H1 fails, nothing overdue
    # (A4 due 09-30); KPIs frt 3.1 > 1.0 and csat 78 < 85 (August) are off target: 0 of 2, neither has a
    # value three months earlier (first values in 2026-07), so none is improving.
    ws = load_workspace(MINIMAL)
    assert headline.verdict(ws, ws.committee["cx"], date(2026, 9, 15)) == Verdict(
        "cx", "amber", ("1 health rule failing (H1)", "0 of 2 KPIs on target, none improving")
    )


def test_a_quarter_of_the_actions_overdue_is_red():
    # minimal/cx on 2026-10-05: A4 (due 09-30) overdue: 1 of 4 actions is a quarter.
    ws = load_workspace(MINIMAL)
    found = headline.verdict(ws, ws.committee["cx"], date(2026, 10, 5))
    assert found.colour == "red" and found.reasons[0] == "1 of 4 actions overdue"


def test_before_its_launch_a_committee_is_launching_not_judged():
    ws = load_workspace(MINIMAL)  # cx launches 2026-07-01
    assert headline.verdict(ws, ws.committee["cx"], date(2026, 6, 30)) == Verdict(
        "cx", "launching", ("launching on 01 Jul 2026",)
    )


def test_a_committee_with_nothing_wrong_is_green():
    from views_helpers import HEALTH, HEALTH_AS_OF

    ws = load(HEALTH)  # main passes H1-H7 on 2026-05-31 (tests/test_views_health.py)
    found = headline.verdict(ws, ws.committee["main"], HEALTH_AS_OF)
    assert found.colour == "green", found
    assert found.label == "On track"


def test_the_kpi_trend_counts_moves_towards_the_target_direction(ws):
    # care on 2026-08-31: csat 81 (08) vs 70 (05): up, improving; frt 1.8 (08, corrected) vs 5.0 (05),
    # direction down: improving; fcr has no value in 2026-05, nps none at all: not known.
    assert headline.kpi_trend(ws.committee["care"], REVIEW) == KpiTrend(2, 0, 0, 2)


def test_due_next_lists_open_actions_due_within_30_days_soonest_first(ws):
    # 2026-09-01..09-30: care A3 (09-14, Dee Park) and A7 (09-15, Eva Stone); growth's G3 is 2027.
    assert headline.due_next(ws, REVIEW) == [
        Due("care", "A3", ws.committee["care"].action["A3"].title, date(2026, 9, 14), 14, "Dee Park"),
        Due("care", "A7", ws.committee["care"].action["A7"].title, date(2026, 9, 15), 15, "Eva Stone"),
    ]
    assert headline.due_next(ws, REVIEW, days=14) == headline.due_next(ws, REVIEW)[:1]


def test_needs_the_sponsor_the_months_asks_then_actions_overdue_over_30_days(tmp_path: Path):
    root = tmp_path / "programme"
    shutil.copytree(PROGRAMME, root)
    (root / "care" / "commentary.yaml").write_text(
        "commentary:\n"
        "  - month: 2026-08\n    by: carl\n    text: Good month.\n    asks: [Approve two agents]\n"
        "  - month: 2026-09\n    by: carl\n    text: Later.\n    asks: [Not yet asked]\n",
        encoding="utf-8",
    )
    ws = load_workspace(root)
    assert ws.problems == ()
    # On 08-31: the August ask; A2 is 3 days overdue and G2 30 days (not more): neither escalated yet.
    assert headline.needs_sponsor(ws, REVIEW) == [Ask("care", "Approve two agents")]
    # On 09-01: September's ask (the August one belongs to August's review); G2 (due 08-01) is 31 days
    # overdue: the sponsor's.
    g2 = ws.committee["growth"].action["G2"].title
    assert headline.needs_sponsor(ws, date(2026, 9, 1)) == [
        Ask("care", "Not yet asked"),
        Ask("growth", g2, "G2", 31),
    ]


def test_the_commentary_shown_is_the_latest_up_to_the_month_a_later_entry_correcting_it(tmp_path: Path):
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    (root / "cx" / "commentary.yaml").write_text(
        "commentary:\n"
        "  - {month: 2026-08, by: ana, text: First draft}\n"
        "  - {month: 2026-08, by: ana, text: Corrected}\n"
        "  - {month: 2026-10, by: bo, text: October}\n",
        encoding="utf-8",
    )
    c = load_workspace(root).committee["cx"]
    assert headline.commentary(c, "2026-07") is None
    found = headline.commentary(c, "2026-09")
    assert found is not None and (found.month, found.text, found.by) == ("2026-08", "Corrected", "ana")
    found = headline.commentary(c, "2026-10")
    assert found is not None and found.text == "October"


def test_decided_lists_the_months_meeting_decisions_up_to_the_day(ws):
    # care met 2026-08-04 (decided "Drop the community forum", actions [A6]) and 2026-09-03 (after the review).
    assert headline.decided(ws, REVIEW) == [
        headline.Decided("care", date(2026, 8, 4), "Drop the community forum", ("A6",)),
    ]
    assert headline.decided(ws, date(2026, 8, 3)) == []


def test_the_reasons_speak_the_pages_language_and_keep_the_rule_ids(ws):
    from cxgov.i18n.current import speaking

    with speaking("pl", "pl"):
        care, growth = headline.verdicts(ws, REVIEW)
    assert (care.colour, growth.colour) == ("red", "red")  # the colours are data, whatever the language
    assert care.reasons == (
        "1 działanie zaległe",
        "nie spełniono 2 reguł kondycji (H1, H7)",
        "2 działania zagrożone lub poza planem",
    )
    assert growth.reasons == ("zaległe działania: 1 z 3", "nie spełniono 2 reguł kondycji (H2, H5)")
    assert care.label == "Off track"  # the key the page translates with _(label)
    cx = load_workspace(MINIMAL).committee["cx"]
    with speaking("zh_Hans", "zh_Hans"):
        found = headline.verdict(load_workspace(MINIMAL), cx, date(2026, 9, 15))
        launching = headline.verdict(load_workspace(MINIMAL), cx, date(2026, 6, 30))
    assert found.reasons == ("1 条健康规则未通过（H1）", "2 个 KPI 中 0 个达标，没有一个在改善")
    assert launching.reasons == ("将于 2026年7月1日 启动",)  # the date as the locale writes it
