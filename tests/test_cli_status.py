"""`cxgov status`: the roll-up as JSON and as a readable table, run in-process through cxgov.cli.main."""

from __future__ import annotations

import json

from cli_run import Ran, cxgov
from views_helpers import PROGRAMME

REQUIRED = {
    "committee", "plan_month", "actions_total", "done", "overdue", "at_risk",
    "kpis_on_target", "kpis_total", "maturity_level", "health",
}  # fmt: skip


def _status(*args: str) -> Ran:
    return cxgov("status", str(PROGRAMME), *args)


def test_status_json_prints_the_rollup_computed_by_hand():
    run = _status("--as-of", "2026-08-31", "--json")
    assert run.returncode == 0, run.stderr
    records = json.loads(run.stdout)
    assert isinstance(records, list) and [r["committee"] for r in records] == ["care", "growth"]
    for r in records:
        assert set(r) >= REQUIRED
        assert set(r["health"]) == {"H1", "H2", "H3", "H4", "H5", "H6", "H7"}
        assert set(r["health"].values()) <= {"pass", "warn", "fail"}
    care, growth = records
    # care: launch 2026-07-01 -> month 2; A1 done; A2 overdue (due 08-28); A2 off_track + A3 at_risk;
    # csat and frt on target of 4 KPIs; 5 of 7 traits -> Riser
    assert {k: care[k] for k in REQUIRED - {"health"}} == {
        "committee": "care",
        "plan_month": 2,
        "actions_total": 7,
        "done": 1,
        "overdue": 1,
        "at_risk": 2,
        "kpis_on_target": 2,
        "kpis_total": 4,
        "maturity_level": "Riser",
    }
    assert care["health"] == {"H1": "fail", "H2": "pass", "H3": "pass", "H4": "pass", "H5": "pass", "H6": "pass",
                              "H7": "fail"}  # fmt: skip
    # growth: launch 2026-03-15 -> month 6; G1 done; G2 overdue (due 08-01); churn-calls on target of 2; 6 of 7
    assert {k: growth[k] for k in REQUIRED - {"health"}} == {
        "committee": "growth",
        "plan_month": 6,
        "actions_total": 3,
        "done": 1,
        "overdue": 1,
        "at_risk": 0,
        "kpis_on_target": 1,
        "kpis_total": 2,
        "maturity_level": "Champion",
    }
    assert growth["health"] == {"H1": "pass", "H2": "fail", "H3": "pass", "H4": "pass", "H5": "fail",
                                "H6": "pass", "H7": "pass"}  # fmt: skip


def test_status_json_before_any_assessment_has_no_maturity_level():
    run = _status("--as-of", "2026-03-01", "--json")
    assert run.returncode == 0, run.stderr
    records = {r["committee"]: r for r in json.loads(run.stdout)}
    # care launches 2026-07-01 and growth 2026-03-15: neither has started
    assert (records["care"]["plan_month"], records["growth"]["plan_month"]) == (0, 0)
    assert records["care"]["maturity_level"] is None


def test_status_prints_a_table_naming_every_committee():
    run = _status("--as-of", "2026-08-31")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].endswith("as of 2026-08-31")
    care = next(line for line in lines if line.startswith("care "))
    growth = next(line for line in lines if line.startswith("growth "))
    assert "month 2/12" in care and "1/7" in care and "2/4" in care and "Riser" in care and "fail H1,H7" in care
    assert "month 6/12" in growth and "1/3" in growth and "Champion" in growth and "fail H2,H5" in growth


def test_status_rejects_a_malformed_date():
    run = _status("--as-of", "31/08/2026")
    assert run.returncode == 2
    assert "--as-of: expected a date YYYY-MM-DD, found '31/08/2026'" in run.stderr


def test_status_counts_re_planned_actions_and_the_slipped_ones(tmp_path):
    import shutil
    from datetime import date

    from editor_helpers import action_values
    from workspaces import MINIMAL

    from cxgov.editor.session import Session

    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    s = Session(root)
    s.person, s.today = "bo", lambda: date(2026, 10, 5)
    # minimal/cx: A4 due 2026-09-30, never updated, overdue on 5 October when it is re-dated: slipped.
    a4 = s.committee("cx").action["A4"]
    s.save_action("cx", action_values(a4, horizon=6, due=date(2026, 10, 31), reason="late"), "A4")
    lines = cxgov("status", str(root), "--as-of", "2026-10-05").stdout.splitlines()
    assert "re-planned" in lines[1]
    cx = next(line for line in lines if line.startswith("cx "))
    assert "1 (1 slipped)" in cx
    before = cxgov("status", str(root), "--as-of", "2026-10-04").stdout.splitlines()
    assert "1 (1 slipped)" not in next(line for line in before if line.startswith("cx "))
