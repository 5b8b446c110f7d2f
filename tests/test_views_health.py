"""The governance health check H1-H7: every rule passes on the base fixture and fails when broken.

Base fixture (tests/fixtures/views/health): committee ``main`` launched 2026-01-01,
monthly, chair chad, sponsor erin (an executive); milestones 3 -> 2026-03-31,
6 -> 2026-06-30, 12 -> 2026-12-31; actions A1 (3, done) A2 (6) A3 (12) A4 (12),
A1 and A2 with evidence; reviewed as of 2026-05-31. Each test copies it and
changes one file.
"""

from __future__ import annotations

from datetime import date

import pytest
from views_helpers import HEALTH, HEALTH_AS_OF, copy_fixture, delete, load, plan_yaml, write

from cxgov.views import health
from cxgov.views.kpis import drivers_of

# (id, horizon, due, responsible, accountable) of the base plan
BASE_ACTIONS = [
    ("A1", 3, "2026-03-15", "bo", "chad"),
    ("A2", 6, "2026-06-15", "bo", "chad"),
    ("A3", 12, "2026-11-30", "dee", "chad"),
    ("A4", 12, "2026-12-15", "dee", "bo"),
]


@pytest.fixture
def ws_path(tmp_path):
    return copy_fixture("health", tmp_path)


def verdict(path, rule: str, as_of: date = HEALTH_AS_OF, cid: str = "main") -> health.Verdict:
    ws = load(path)
    found = {v.rule: v for v in health.check(ws, ws.committee[cid], as_of)}
    return found[rule]


def meetings_yaml(*meetings: tuple[str, list[str], bool]) -> str:
    """meetings.yaml for (date, attendees, with a decision)."""
    lines = ["meetings:"]
    for day, attendees, decided in meetings:
        lines += [f"  - date: {day}", f"    attendees: [{', '.join(attendees)}]"]
        if decided:
            lines.append("    decisions: [{text: Agree the next step}]")
    return "\n".join(lines) + "\n"


def org_yaml(agreed: str | None = "2026-02-15", touchpoints: int = 2, priorities: int = 2, journey: bool = True) -> str:
    """org.yaml of the health fixture with a journey of one stage."""
    text = """
        organisation: Health Check Telco
        departments:
          - {id: support, name: Customer Support}
          - {id: cx, name: Customer Experience}
        people:
          - {id: chad, name: Chad Chair, department: cx}
          - {id: erin, name: Erin Exec, department: cx, title: COO, executive: true}
          - {id: bo, name: Bo Lind, department: support}
          - {id: dee, name: Dee Park, department: support}
    """
    lines = [line[8:] for line in text.strip("\n").splitlines()]
    if journey:
        lines.append("journey:")
        if agreed:
            lines.append(f"  agreed: {agreed}")
        lines += ["  stages:", "    - id: onboarding", "      name: Onboarding", "      touchpoints:"]
        lines += [f"        - {{id: tp{i}, name: Touchpoint {i}}}" for i in range(1, touchpoints + 1)]
        lines.append(f"  priorities: [{', '.join(f'tp{i}' for i in range(1, priorities + 1))}]")
    return "\n".join(lines) + "\n"


def test_the_base_fixture_passes_every_rule():
    ws = load(HEALTH)
    got = health.check(ws, ws.committee["main"], HEALTH_AS_OF)
    assert [(v.rule, v.verdict) for v in got] == [(f"H{i}", "pass") for i in range(1, 8)]
    reasons = {v.rule: v.reason for v in got}
    # open on 2026-05-31: A2 (05-20), A3 (05-25), A4 (05-01); A1 done
    assert "all 3 open actions" in reasons["H1"]
    assert "agreed on 2026-02-15" in reasons["H2"]
    assert "All 4 actions" in reasons["H3"]
    assert "Erin Exec" in reasons["H5"] and "2026-05-10" in reasons["H5"]
    assert "5 meetings" in reasons["H6"]
    assert "2 of 4" in reasons["H7"]


def test_table_has_one_row_per_rule_with_its_inhibitor():
    ws = load(HEALTH)
    got = health.table(ws, ws.committee["main"], HEALTH_AS_OF)
    assert got["rule"].tolist() == ["H1", "H2", "H3", "H4", "H5", "H6", "H7"]
    assert got.loc[3, "inhibitor"] == "outcome metrics instead of operational ones"
    assert set(got["verdict"]) == {"pass"}


# --- H1: a mantra instead of an action plan -----------------------------------------------------------------


def test_h1_fails_when_a_milestone_has_no_action(ws_path):
    # A2 moves from the 6-month to the 12-month milestone: nothing serves 6 months
    actions = [("A2", 12, "2026-06-15", "bo", "chad") if a[0] == "A2" else a for a in BASE_ACTIONS]
    write(ws_path, "main/plan.yaml", plan_yaml(actions, evidence={"A1", "A2"}))
    v = verdict(ws_path, "H1")
    assert v.verdict == "fail"
    assert "6-month" in v.reason


def test_h1_fails_when_an_open_action_was_last_updated_40_days_ago(ws_path):
    # 2026-05-31 - 40 days = 2026-04-21; the last 31 days start on 2026-04-30
    write(
        ws_path,
        "main/updates.csv",
        """
        date,action,status,by,note
        2026-03-10,A1,done,bo,
        2026-04-21,A4,on_track,dee,
        2026-05-20,A2,on_track,bo,
        2026-05-25,A3,on_track,dee,
    """,
    )
    v = verdict(ws_path, "H1")
    assert v.verdict == "fail"
    assert "A4 (last 2026-04-21)" in v.reason
    assert "A2" not in v.reason and "A1" not in v.reason  # A2 is recent, A1 is done


def test_h1_passes_with_an_update_exactly_31_days_old(ws_path):
    # 2026-05-31 - 31 days = 2026-04-30: still "in the last 31 days"
    write(
        ws_path,
        "main/updates.csv",
        """
        date,action,status,by,note
        2026-03-10,A1,done,bo,
        2026-04-30,A4,on_track,dee,
        2026-05-20,A2,on_track,bo,
        2026-05-25,A3,on_track,dee,
    """,
    )
    assert verdict(ws_path, "H1").verdict == "pass"


def test_h1_fails_when_an_open_action_was_never_updated(ws_path):
    write(
        ws_path,
        "main/updates.csv",
        """
        date,action,status,by,note
        2026-03-10,A1,done,bo,
        2026-05-20,A2,on_track,bo,
        2026-05-25,A3,on_track,dee,
    """,
    )
    v = verdict(ws_path, "H1")
    assert v.verdict == "fail"
    assert "A4 (never)" in v.reason


def test_h1_warns_while_the_committee_is_younger_than_31_days(ws_path):
    # 2026-01-20 is 19 days after launch; no action has an update yet (the first is 2026-02-01)
    v = verdict(ws_path, "H1", date(2026, 1, 20))
    assert v.verdict == "warn"
    assert "A1, A2, A3, A4" in v.reason


def test_h1_judges_a_committee_31_days_after_launch(ws_path):
    # 2026-02-01 - 31 days = 2026-01-01 = launch: the whole window is after launch, so silence counts.
    # A1 has its first update on 2026-02-01; A2, A3, A4 have none.
    v = verdict(ws_path, "H1", date(2026, 2, 1))
    assert v.verdict == "fail"
    assert "A2 (never), A3 (never), A4 (never)" in v.reason


# --- H2: the experience is not defined ----------------------------------------------------------------------


def test_h2_fails_without_a_journey(ws_path):
    write(ws_path, "org.yaml", org_yaml(journey=False))
    v = verdict(ws_path, "H2")
    assert v.verdict == "fail"
    assert "no journey stages" in v.reason


def test_h2_fails_when_agreed_120_days_after_launch(ws_path):
    # launch 2026-01-01 + 90 days = 2026-04-01; + 120 days = 2026-05-01 (31 + 28 + 31 + 30)
    write(ws_path, "org.yaml", org_yaml(agreed="2026-05-01"))
    v = verdict(ws_path, "H2")
    assert v.verdict == "fail"
    assert "2026-05-01" in v.reason and "2026-04-01" in v.reason


def test_h2_passes_when_agreed_exactly_90_days_after_launch(ws_path):
    write(ws_path, "org.yaml", org_yaml(agreed="2026-04-01"))
    assert verdict(ws_path, "H2").verdict == "pass"


def test_h2_fails_with_16_priorities(ws_path):
    write(ws_path, "org.yaml", org_yaml(touchpoints=16, priorities=16))
    v = verdict(ws_path, "H2")
    assert v.verdict == "fail"
    assert "16 priorities" in v.reason


def test_h2_passes_with_15_priorities(ws_path):
    write(ws_path, "org.yaml", org_yaml(touchpoints=16, priorities=15))
    assert verdict(ws_path, "H2").verdict == "pass"


def test_h2_fails_without_ranked_priorities(ws_path):
    write(ws_path, "org.yaml", org_yaml(priorities=0))
    v = verdict(ws_path, "H2")
    assert v.verdict == "fail"
    assert "no ranked priorities" in v.reason


def test_h2_fails_when_never_agreed_and_90_days_have_passed(ws_path):
    write(ws_path, "org.yaml", org_yaml(agreed=None))
    v = verdict(ws_path, "H2")
    assert v.verdict == "fail"
    assert "not agreed by 2026-04-01" in v.reason


def test_h2_warns_before_the_journey_is_due(ws_path):
    # as of 2026-02-01 the agreement of 2026-02-15 has not happened; it is due by 2026-04-01
    v = verdict(ws_path, "H2", date(2026, 2, 1))
    assert v.verdict == "warn"
    assert "2026-04-01" in v.reason


def test_h2_does_not_use_an_agreement_dated_after_as_of(ws_path):
    # agreed 2026-05-01 (late). On 2026-03-01 that was still in the future and the deadline not past: warn.
    # On 2026-04-15 the deadline has passed with nothing agreed: fail, without naming the future date.
    write(ws_path, "org.yaml", org_yaml(agreed="2026-05-01"))
    assert verdict(ws_path, "H2", date(2026, 3, 1)).verdict == "warn"
    v = verdict(ws_path, "H2", date(2026, 4, 15))
    assert v.verdict == "fail"
    assert "2026-05-01" not in v.reason


# --- H3: work not broken into achievable pieces -------------------------------------------------------------


def test_h3_fails_when_an_action_is_due_after_its_milestone(ws_path):
    # the 3-month milestone is due 2026-03-31; A1 is now due 2026-04-10 (loads, with a non-blocking problem)
    actions = [("A1", 3, "2026-04-10", "bo", "chad")] + BASE_ACTIONS[1:]
    write(ws_path, "main/plan.yaml", plan_yaml(actions, evidence={"A1", "A2"}))
    v = verdict(ws_path, "H3")
    assert v.verdict == "fail"
    assert "A1 (due 2026-04-10, milestone 2026-03-31)" in v.reason


def test_h3_passes_when_an_action_is_due_on_its_milestone_date(ws_path):
    actions = [("A1", 3, "2026-03-31", "bo", "chad")] + BASE_ACTIONS[1:]
    write(ws_path, "main/plan.yaml", plan_yaml(actions, evidence={"A1", "A2"}))
    assert verdict(ws_path, "H3").verdict == "pass"


def test_h3_fails_when_a_milestone_has_no_actions(ws_path):
    actions = [("A2", 12, "2026-06-15", "bo", "chad") if a[0] == "A2" else a for a in BASE_ACTIONS]
    write(ws_path, "main/plan.yaml", plan_yaml(actions, evidence={"A1", "A2"}))
    v = verdict(ws_path, "H3")
    assert v.verdict == "fail"
    assert "6-month milestone has no actions" in v.reason


# --- H4: outcome metrics instead of operational ones --------------------------------------------------------


def test_h4_passes_when_the_only_driver_is_another_committees_kpi():
    ws = load(HEALTH)
    # other/csat is driven only by main's frt (drives: [csat, other/csat])
    assert drivers_of(ws, ws.committee["other"]) == {"csat": ["main/frt"]}
    assert verdict(HEALTH, "H4", cid="other").verdict == "pass"


def test_h4_fails_when_the_cross_committee_link_is_removed(ws_path):
    write(
        ws_path,
        "main/kpis.yaml",
        """
        kpis:
          - {id: csat, name: CSAT, kind: outcome, unit: "%", direction: up, target: 80, owner: chad}
          - {id: frt, name: First reply time, kind: operational, unit: hours, direction: down, target: 2, owner: bo,
             drives: [csat]}
    """,
    )
    v = verdict(ws_path, "H4", cid="other")
    assert v.verdict == "fail"
    assert v.reason == "Outcome KPIs no operational KPI drives: csat."


def test_h4_fails_when_an_outcome_kpi_is_driven_by_nobody(ws_path):
    write(
        ws_path,
        "main/kpis.yaml",
        """
        kpis:
          - {id: csat, name: CSAT, kind: outcome, unit: "%", direction: up, target: 80, owner: chad}
          - {id: frt, name: First reply time, kind: operational, unit: hours, direction: down, target: 2, owner: bo,
             drives: [other/csat]}
    """,
    )
    v = verdict(ws_path, "H4")
    assert v.verdict == "fail"
    assert "drives: csat" in v.reason


def test_h4_fails_when_a_kpi_has_no_owner(ws_path):
    write(
        ws_path,
        "main/kpis.yaml",
        """
        kpis:
          - {id: csat, name: CSAT, kind: outcome, unit: "%", direction: up, target: 80, owner: chad}
          - {id: frt, name: First reply time, kind: operational, unit: hours, direction: down, target: 2,
             drives: [csat, other/csat]}
    """,
    )
    v = verdict(ws_path, "H4")
    assert v.verdict == "fail"
    assert "without an owner: frt" in v.reason


def test_h4_fails_when_a_kpi_has_no_target(ws_path):
    write(
        ws_path,
        "main/kpis.yaml",
        """
        kpis:
          - {id: csat, name: CSAT, kind: outcome, unit: "%", direction: up, owner: chad}
          - {id: frt, name: First reply time, kind: operational, unit: hours, direction: down, target: 2, owner: bo,
             drives: [csat, other/csat]}
    """,
    )
    v = verdict(ws_path, "H4")
    assert v.verdict == "fail"
    assert "without a target: csat" in v.reason


def test_h4_fails_when_no_kpis_are_defined(ws_path):
    # kpis.yaml is optional, but a committee with no number to move has not escaped the inhibitor
    write(ws_path, "main/kpis.yaml", "kpis: []\n")
    write(ws_path, "other/kpis.yaml", "kpis: []\n")
    assert verdict(ws_path, "H4").verdict == "fail"


# --- H5: no executive engagement ----------------------------------------------------------------------------


def test_h5_fails_without_a_sponsor(ws_path):
    text = (HEALTH / "main" / "committee.yaml").read_text().replace("sponsor: erin\n", "")
    write(ws_path, "main/committee.yaml", text)
    v = verdict(ws_path, "H5")
    assert (v.verdict, v.reason) == ("fail", "No executive sponsor is named.")


def test_h5_fails_when_the_sponsor_is_not_an_executive(ws_path):
    text = (HEALTH / "main" / "committee.yaml").read_text().replace("sponsor: erin", "sponsor: dee")
    write(ws_path, "main/committee.yaml", text)
    v = verdict(ws_path, "H5")
    assert (v.verdict, v.reason) == ("fail", "The sponsor Dee Park is not an executive.")


def test_h5_fails_when_the_sponsor_last_attended_100_days_ago(ws_path):
    # 2026-02-20 -> 2026-05-31 is 8 + 31 + 30 + 31 = 100 days; the last 90 days start 2026-03-02
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-01-20", ["chad", "erin"], True),
        ("2026-02-20", ["chad", "erin"], True),
        ("2026-03-20", ["chad", "bo"], True),
        ("2026-04-20", ["chad", "bo"], True),
        ("2026-05-20", ["chad", "dee"], True),
    ))  # fmt: skip
    v = verdict(ws_path, "H5")
    assert v.verdict == "fail"
    assert "last attended on 2026-02-20" in v.reason


def test_h5_passes_when_the_sponsor_attended_exactly_90_days_ago(ws_path):
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-02-01", ["chad", "erin"], True),
        ("2026-03-02", ["chad", "erin"], True),
        ("2026-04-01", ["chad", "bo"], True),
        ("2026-05-01", ["chad", "bo"], True),
    ))  # fmt: skip
    assert verdict(ws_path, "H5").verdict == "pass"


def test_h5_fails_when_the_sponsor_never_attended(ws_path):
    write(ws_path, "main/meetings.yaml", meetings_yaml(("2026-05-20", ["chad", "bo"], True)))
    v = verdict(ws_path, "H5")
    assert v.verdict == "fail"
    assert "never attended" in v.reason


def test_h5_warns_before_the_sponsor_had_90_days_to_attend(ws_path):
    # as of 2026-01-05 no meeting has been held (the first is 2026-01-10); launch was 4 days ago
    assert verdict(ws_path, "H5", date(2026, 1, 5)).verdict == "warn"


# --- H6: no clear communication -----------------------------------------------------------------------------


def test_h6_fails_on_a_50_day_gap_with_a_monthly_cadence(ws_path):
    # monthly = 30 days, at most 1.5 x 30 = 45 days between meetings; 2026-01-10 -> 2026-03-01 = 21 + 28 + 1 = 50
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-01-10", ["chad", "erin"], True),
        ("2026-03-01", ["chad", "erin"], True),
        ("2026-03-31", ["chad", "erin"], True),
        ("2026-04-30", ["chad", "erin"], True),
        ("2026-05-30", ["chad", "erin"], True),
    ))  # fmt: skip
    v = verdict(ws_path, "H6")
    assert v.verdict == "fail"
    assert "2026-01-10 to 2026-03-01 (50 days)" in v.reason


def test_h6_passes_on_a_45_day_gap(ws_path):
    # 2026-01-10 -> 2026-02-24 = 21 + 24 = 45 days: not longer than 45
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-01-10", ["chad", "erin"], True),
        ("2026-02-24", ["chad", "erin"], True),
        ("2026-03-24", ["chad", "erin"], True),
        ("2026-04-24", ["chad", "erin"], True),
        ("2026-05-24", ["chad", "erin"], True),
    ))  # fmt: skip
    assert verdict(ws_path, "H6").verdict == "pass"


def test_h6_fails_when_a_meeting_records_no_decisions(ws_path):
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-01-10", ["chad", "erin"], True),
        ("2026-02-10", ["chad", "erin"], True),
        ("2026-03-10", ["chad", "erin"], True),
        ("2026-04-10", ["chad", "erin"], False),
        ("2026-05-10", ["chad", "erin"], True),
    ))  # fmt: skip
    v = verdict(ws_path, "H6")
    assert v.verdict == "fail"
    assert v.reason == "Meetings without decisions: 2026-04-10."


def test_h6_fails_after_60_days_without_a_meeting(ws_path):
    # last meeting 2026-04-01; 2026-05-31 is 29 + 31 = 60 days later (> 45)
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-01-10", ["chad", "erin"], True),
        ("2026-02-10", ["chad", "erin"], True),
        ("2026-03-10", ["chad", "erin"], True),
        ("2026-04-01", ["chad", "erin"], True),
    ))  # fmt: skip
    v = verdict(ws_path, "H6")
    assert v.verdict == "fail"
    assert v.reason == "No meeting since 2026-04-01 (60 days)."


def test_h6_fails_when_the_first_meeting_came_50_days_after_launch(ws_path):
    # launch 2026-01-01 -> first meeting 2026-02-20 = 30 + 20 = 50 days (> 45)
    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-02-20", ["chad", "erin"], True),
        ("2026-03-20", ["chad", "erin"], True),
        ("2026-04-20", ["chad", "erin"], True),
        ("2026-05-20", ["chad", "erin"], True),
    ))  # fmt: skip
    v = verdict(ws_path, "H6")
    assert v.verdict == "fail"
    assert "first meeting was on 2026-02-20, 50 days after launch" in v.reason


def test_h6_without_meetings_warns_for_45_days_then_fails(ws_path):
    delete(ws_path, "main/meetings.yaml")
    # 2026-02-15 is 45 days after launch 2026-01-01: the first meeting is not late yet
    assert verdict(ws_path, "H6", date(2026, 2, 15)).verdict == "warn"
    # 2026-02-16 is 46 days after launch
    assert verdict(ws_path, "H6", date(2026, 2, 16)).verdict == "fail"


# --- H7: internal beliefs instead of customer needs ---------------------------------------------------------


def test_h7_passes_with_evidence_on_2_of_4_actions():
    v = verdict(HEALTH, "H7")
    assert v.verdict == "pass"
    assert v.reason.startswith("2 of 4 actions")


def test_h7_fails_with_evidence_on_1_of_3_actions(ws_path):
    write(ws_path, "main/plan.yaml", plan_yaml(BASE_ACTIONS[:3], evidence={"A1"}))
    write(ws_path, "main/updates.csv", "date,action,status,by,note\n")
    delete(ws_path, "main/meetings.yaml")  # it names A4
    v = verdict(ws_path, "H7")
    assert v.verdict == "fail"
    assert "1 of 3" in v.reason and "without: A2, A3" in v.reason


def _signals(*rows: str) -> str:
    return "date,id,source,summary,touchpoint,departments,committee,action\n" + "".join(r + "\n" for r in rows)


def test_h7_counts_an_action_answering_a_signal_as_evidenced(ws_path):
    # evidence only on A1 (1 of 4 fails); signal S1 routed to main/A3 makes it 2 of 4
    write(ws_path, "main/plan.yaml", plan_yaml(BASE_ACTIONS, evidence={"A1"}))
    assert verdict(ws_path, "H7").verdict == "fail"
    write(ws_path, "signals.csv", _signals("2026-04-01,S1,survey,Help centre is out of date,,cx,main,A3"))
    v = verdict(ws_path, "H7")
    assert v.verdict == "pass"
    assert v.reason.startswith("2 of 4 actions")


def test_h7_ignores_unrouted_signals_and_signals_after_as_of(ws_path):
    write(ws_path, "main/plan.yaml", plan_yaml(BASE_ACTIONS, evidence={"A1"}))
    write(ws_path, "signals.csv", _signals(
        "2026-04-01,S1,survey,Nobody answered,,cx,,",
        "2026-06-05,S2,survey,Help centre is out of date,,cx,main,A3",
    ))  # fmt: skip
    assert verdict(ws_path, "H7").verdict == "fail"  # S1 names no action; S2 is after 2026-05-31
    assert verdict(ws_path, "H7", date(2026, 6, 5)).verdict == "pass"


# --- before launch: "Launching on ..." ------------------------------------------------------------------------

LAUNCH = date(2026, 1, 1)  # the base committee's launch


def test_before_its_launch_every_rule_warns_launching_on_the_date(ws_path):
    ws = load(ws_path)
    got = health.check(ws, ws.committee["main"], date(2025, 12, 15))
    assert [(v.rule, v.verdict) for v in got] == [(f"H{i}", "warn") for i in range(1, 8)]
    assert {v.reason for v in got} == {"Launching on 2026-01-01: judged from then."}


def test_before_launch_what_would_fail_is_named_to_prepare_and_from_launch_it_fails(ws_path):
    write(ws_path, "main/kpis.yaml", "kpis: []\n")
    write(ws_path, "other/kpis.yaml", "kpis: []\n")
    before = verdict(ws_path, "H4", date(2025, 12, 31))
    assert (before.verdict, before.reason) == (
        "warn",
        "Launching on 2026-01-01: judged from then. To prepare: No KPIs are defined, so no one can move a number.",
    )
    on_launch = verdict(ws_path, "H4", LAUNCH)
    assert (on_launch.verdict, on_launch.reason) == ("fail", "No KPIs are defined, so no one can move a number.")


def test_each_rule_called_alone_knows_the_launch_date(ws_path):
    # cxgov remind calls H1 and H6 on their own: they too must not fail a committee before its launch.
    # A2 moves from the 6-month to the 12-month milestone: nothing serves 6 months
    actions = [("A2", 12, "2026-06-15", "bo", "chad") if a[0] == "A2" else a for a in BASE_ACTIONS]
    write(ws_path, "main/plan.yaml", plan_yaml(actions, evidence={"A1", "A2"}))
    ws = load(ws_path)
    c = ws.committee["main"]
    assert health.h1(ws, c, LAUNCH).verdict == "fail"
    before = health.h1(ws, c, date(2025, 12, 1))
    assert before.verdict == "warn"
    assert before.reason.startswith(
        "Launching on 2026-01-01: judged from then. To prepare: No action serves the 6-month"
    )


# --- the reasons in the page's language ----------------------------------------------------------------------


def test_the_reasons_speak_the_pages_language_and_keep_names_dates_and_verdicts():
    from cxgov.i18n.current import speaking

    ws = load(HEALTH)
    with speaking("pl", "pl"):
        got = {v.rule: v for v in health.check(ws, ws.committee["main"], HEALTH_AS_OF)}
    assert {v.verdict for v in got.values()} == {"pass"}  # the verdicts are data, whatever the language
    assert got["H1"].reason == (
        "Wszystkie trzy kamienie milowe mają działania, a wszystkie otwarte działania (3) zaktualizowano "
        "w ciągu ostatnich 31 dni."
    )
    assert got["H5"].reason == "Sponsor Erin Exec jest członkiem kierownictwa i uczestniczył w spotkaniu 10 maj 2026."
    assert got["H6"].reason.endswith("zgodnie z rytmem (co miesiąc) i zapisano na nich decyzje (5).")
    with speaking("zh_Hant", "zh_Hant"):
        h7 = health.h7(ws, ws.committee["main"], HEALTH_AS_OF)
    assert h7.reason == "4 項行動中有 2 項說明了客戶證據或回應了信號。"


def test_a_failing_rule_says_its_problems_in_the_pages_language_with_plural_forms(ws_path):
    from cxgov.i18n.current import speaking

    write(ws_path, "main/meetings.yaml", meetings_yaml(
        ("2026-01-10", ["chad", "erin"], True),
        ("2026-03-01", ["chad", "erin"], True),
        ("2026-03-31", ["chad", "erin"], False),
        ("2026-04-01", ["chad", "erin"], True),
    ))  # fmt: skip
    ws = load(ws_path)
    with speaking("pl", "pl"):
        pl = health.h6(ws, ws.committee["main"], HEALTH_AS_OF)
    with speaking("uk", "uk"):
        uk = health.h6(ws, ws.committee["main"], HEALTH_AS_OF)
    assert pl.verdict == uk.verdict == "fail"
    assert pl.reason == (
        "Przerwy dłuższe niż dopuszczalne przy spotkaniach co miesiąc (limit w dniach: 45): "
        "od 10 sty 2026 do 1 mar 2026 (50 dni); brak spotkania od 1 kwi 2026 (60 dni); "
        "spotkania bez decyzji: 31 mar 2026."
    )
    assert "з 10 січ. 2026\u202fр. до 1 бер. 2026\u202fр. (50 днів)" in uk.reason  # Babel: narrow no-break spaces
    assert "немає засідань з 1 квіт. 2026\u202fр. (60 днів)" in uk.reason


def test_before_launch_the_warning_and_what_to_prepare_are_in_the_pages_language(ws_path):
    from cxgov.i18n.current import speaking

    write(ws_path, "main/kpis.yaml", "kpis: []\n")
    write(ws_path, "other/kpis.yaml", "kpis: []\n")
    ws = load(ws_path)
    with speaking("lt", "lt"):
        before = health.h4(ws, ws.committee["main"], date(2025, 12, 31))
    assert (before.verdict, before.reason) == (
        "warn",
        "Pradžia 2026-01-01: vertinama nuo tada. Ką parengti: KPI neapibrėžti, todėl niekas negali pakeisti "
        "jokio skaičiaus.",
    )


def test_a_remembered_check_answers_in_the_language_in_effect_and_for_its_own_workspace(ws_path) -> None:
    from cxgov.i18n.current import speaking

    ws = load(ws_path)
    c = ws.committee["main"]
    english = health.check(ws, c, HEALTH_AS_OF)
    with speaking(lang="pl"):
        polish = health.check(ws, c, HEALTH_AS_OF)
    assert [v.reason for v in polish] != [v.reason for v in english]
    assert [v.verdict for v in polish] == [v.verdict for v in english]
    assert health.check(ws, c, HEALTH_AS_OF) == english
    assert health.check(ws, c, date(2026, 1, 15)) != english  # another day is another answer
    delete(ws_path, "main/meetings.yaml")  # H5 and H6 fail without meetings
    changed = load(ws_path)
    assert health.check(changed, changed.committee["main"], HEALTH_AS_OF) != english
    for _ in range(3):  # more workspaces checked: only the last two are held
        again = load(ws_path)
        assert health.check(again, again.committee["main"], HEALTH_AS_OF) == health.check(
            changed, changed.committee["main"], HEALTH_AS_OF
        )
    assert len(health._CHECKED) == 2
