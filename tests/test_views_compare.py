"""Since last month: figures now and at the previous month's review, worked out by hand.

The programme fixture (tests/views_helpers.py) reviewed for September 2026 (as of 2026-09-30) against
August (2026-08-31); its committees record no plan changes, so the workspace is the same on both days.
The example workspace, with an action re-dated and one added on 1 December, checks that last month is
judged on the plan as it stood then.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from views_helpers import PROGRAMME, load
from workspaces import REPO

from cxgov.views.compare import Change, Comparison, VerdictChange, committee, organisation, previous_review_date
from cxgov.workspace.asof import workspace_as_of
from cxgov.workspace.load import load_workspace

AUG31, SEP30 = date(2026, 8, 31), date(2026, 9, 30)


def table(cmp: Comparison | None) -> dict[str, tuple[int | None, int, int | None]]:
    """measure -> (last month, now, change)."""
    assert cmp is not None
    return {ch.measure: (ch.before, ch.now, ch.delta) for ch in cmp.changes}


def test_the_previous_review_is_the_last_day_of_the_previous_month() -> None:
    assert previous_review_date(SEP30) == AUG31
    assert previous_review_date(date(2026, 12, 10)) == date(2026, 11, 30)  # the month in progress
    assert previous_review_date(date(2026, 3, 31)) == date(2026, 2, 28)
    assert previous_review_date(date(2027, 1, 31)) == date(2026, 12, 31)
    assert previous_review_date(date(1900, 1, 31)) is None  # no supported month before it


def test_a_committee_against_last_month_counted_by_hand() -> None:
    ws = load(PROGRAMME)
    cmp = committee(ws, ws, "care", SEP30)
    assert cmp is not None and cmp.previous == AUG31 and cmp.new == []
    # care on 2026-08-31: A1 done (08-10), A6 dropped (08-05), A2 off_track (08-20, due 08-28: overdue),
    # A3 at_risk (08-12, due 09-14), A4 on_track, A5 and A7 not started (due 2027-06-01, 09-15)
    # -> done 1, open 5 (A2 A3 A4 A5 A7), overdue 1 (A2), at risk 2 (A2 A3).
    # On 2026-09-30: A3 done (09-05), A2 on_track (09-20, still overdue), A4 at_risk (09-25), A7 due 09-15
    # and not started -> done 2, open 4 (A2 A4 A5 A7), overdue 2 (A2 A7), at risk 1 (A4).
    # KPIs up to 2026-08 and up to 2026-09 alike: csat 81 then 83 (target 80, on), frt 1.8 (the August
    # correction; target 2.0 down, on), fcr 65 (target 70, off), nps no value (not judged) -> 2 of 3.
    # Health: H2-H6 pass on both days; H1 fails on both (A5 and A7 never updated); H7 on 08-31: evidence
    # on A1 A2 and signal S1 answers A4 -> 3 of 7, fail; on 09-30 S3 (09-10) answers A5 -> 4 of 7, pass.
    assert table(cmp) == {
        "done": (1, 2, 1),
        "open": (5, 4, -1),
        "overdue": (1, 2, 1),
        "at_risk": (2, 1, -1),
        "kpis_on_target": (2, 2, 0),
        "health_pass": (5, 6, 1),
    }
    of = {ch.measure: (ch.of_before, ch.of_now) for ch in cmp.changes}
    assert of["kpis_on_target"] == (3, 3) and of["health_pass"] == (7, 7) and of["done"] == (None, None)
    assert [ch.verdict for ch in cmp.changes] == ["better", "changed", "worse", "better", "same", "better"]
    assert cmp.verdicts == [VerdictChange("care", "H7", "fail", "pass")]


def test_the_organisation_sums_its_committees() -> None:
    ws = load(PROGRAMME)
    cmp = organisation(ws, ws, SEP30)
    # growth on both days: G1 done (05-20), G2 on_track (due 08-01: overdue), G3 on_track (due 2027-03-01)
    # -> done 1, open 2, overdue 1, at risk 0; retention 88 < 90 off, churn-calls 95 <= 100 on -> 1 of 2.
    # Health: H3 H4 H6 H7 pass on both days, H2 (journey agreed 07-20, after 06-13) and H5 (sponsor last
    # attended 03-20) fail on both; H1 passes on 08-31 (G2 08-10, G3 08-30) and fails on 09-30 (G2 last
    # updated 08-10, before 08-30) -> 5 then 4 of 7.
    # Organisation = care + growth: done 1+1 -> 2+1, open 5+2 -> 4+2, overdue 1+1 -> 2+1, at risk 2+0 -> 1+0,
    # KPIs 2+1 of 3+2 on both days, health 5+5 -> 6+4 of 14.
    assert table(cmp) == {
        "done": (2, 3, 1),
        "open": (7, 6, -1),
        "overdue": (2, 3, 1),
        "at_risk": (2, 1, -1),
        "kpis_on_target": (3, 3, 0),
        "health_pass": (10, 10, 0),
    }
    assert cmp is not None
    assert cmp.verdicts == [
        VerdictChange("care", "H7", "fail", "pass"),
        VerdictChange("growth", "H1", "pass", "fail"),
    ]


def test_a_committee_launched_after_last_month_has_nothing_to_compare() -> None:
    ws = load(PROGRAMME)
    # care launched on 2026-07-01: at the review of July (as of 07-31) it had no June review.
    cmp = committee(ws, ws, "care", date(2026, 7, 31))
    assert cmp is not None and cmp.new == ["care"]
    assert all(ch.before is None and ch.delta is None and ch.verdict == "new" for ch in cmp.changes)
    assert cmp.verdicts == []
    org = organisation(ws, ws, date(2026, 7, 31))
    assert org is not None and org.new == ["care"]
    # Last month is growth alone (G1 done 05-20; G2 not started yet, due 08-01): done 1, open 2.
    assert table(org)["done"][0] == 1 and table(org)["open"][0] == 2


def test_unknown_committee_or_no_previous_month_gives_nothing() -> None:
    ws = load(PROGRAMME)
    assert committee(ws, ws, "nope", SEP30) is None
    assert committee(ws, ws, "care", date(1900, 1, 31)) is None
    assert organisation(ws, ws, date(1900, 1, 31)) is None


def test_last_month_is_judged_on_the_plan_as_it_stood_then(tmp_path: Path) -> None:
    from test_workspace_asof import NOV30, redate_a10_and_add_a14

    root = tmp_path / "committees"
    shutil.copytree(REPO / "committees", root)
    redate_a10_and_add_a14(root)  # on 1 December: A10 re-dated 09-30 -> 12-20, A14 added
    ws = load_workspace(root)
    today = date(2026, 12, 10)  # the December review in progress
    cmp = committee(workspace_as_of(ws, today), workspace_as_of(ws, NOV30), "cx-steering", today)
    # Last month, on the plan of 30 November: 7 done, 5 open (A9-A13), overdue A9 and A10 (both due 09-30),
    # 3 at risk or off track (A9, A10, A13). Now (no update since 18 November): A14 is open too (6 open);
    # A10 is due 12-20, but A11 (due 11-30) is now past due -> overdue still 2.
    # Judged on today's plan, last month would have read 6 open and 1 overdue.
    t = table(cmp)
    assert t["done"] == (7, 7, 0) and t["open"] == (5, 6, 1) and t["overdue"] == (2, 2, 0)
    assert t["at_risk"] == (3, 3, 0)
    assert t["kpis_on_target"][2] == 0  # no measurement after November
    # Every rule passed on 30 November; A14, never updated, fails H1 now.
    assert cmp is not None and VerdictChange("cx-steering", "H1", "pass", "fail") in cmp.verdicts


def test_a_change_says_whether_it_is_better() -> None:
    assert Change("overdue", "Overdue", 3, 1, None, None, -1).verdict == "better"
    assert Change("done", "Done", 3, 1, None, None, +1).verdict == "worse"
    assert Change("open", "Open", 3, 1, None, None, 0).verdict == "changed"
    assert Change("open", "Open", None, 1, None, None, 0).verdict == "new"
