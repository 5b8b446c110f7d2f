"""A committee's review sections, read as a sponsor reads them: names, and words that agree.

The workspace is tests/fixtures/views/programme (committee care launched 2026-07-01, growth), copied and
changed in the test where a case needs it; every expectation is worked out by hand from its files.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from views_helpers import PROGRAMME, REVIEW, append, copy_fixture, load

from cxgov.report import committee as csec
from cxgov.report import measures as msec
from cxgov.workspace.model import Workspace

SEPT30 = date(2026, 9, 30)
LINKS = {"care": "care.html", "growth": "growth.html"}  # as the review names its pages: <id>.html


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load(PROGRAMME)


def text_of(html: str) -> str:
    """Visible text, tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def rows(html: str, after: str = "") -> dict[str, list[str]]:
    """Table rows after a marker, by their first cell's text: the cells' visible text."""
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html.split(after, 1)[1] if after else html, flags=re.S):
        cells = [text_of(c) for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        if cells:
            out[cells[0].split(" ")[0]] = cells
    return out


def test_escalation_says_overdue_not_on_track_and_how_late_in_days(ws: Workspace) -> None:
    html = str(csec.escalation_section(ws, ws.committee["care"], SEPT30))
    table = html.split("<h3>", 1)[0]
    got = rows(table)
    # 30 Sep: A2 due 28 Aug, its owner says on_track (20 Sep): 33 days overdue, shown as overdue only.
    # A7 due 15 Sep, never updated: 15 days overdue, and not started. Nothing else is due by 14 Oct.
    assert list(got) == ["A2", "A7"]
    action, title, due, when, status, note, responsible, chain = got["A2"]
    assert (due, when, status, note, responsible) == (
        "2026-08-28",
        "33 days overdue",
        "overdue",
        "Product time found",
        "Bo Lind, Dee Park",
    )
    assert got["A7"][3:5] == ["15 days overdue", "overdue not started"]
    assert "on track" not in table
    # A4 (at_risk since 25 Sep, due 15 Dec) is flagged by its owner, below.
    assert list(rows(html, "Flagged at risk")) == ["A4"]


def test_escalation_starts_above_the_responsible_person(ws: Workspace) -> None:
    got = rows(str(csec.escalation_section(ws, ws.committee["care"], SEPT30)))
    # A2: R bo, dee; A carl (the chair); sponsor erin. A7: R eva; A carl; sponsor erin.
    assert got["A2"][-1] == "Carl Chair → Erin Exec"
    assert got["A7"][-1] == "Carl Chair → Erin Exec"
    # 31 Aug: A3 (R dee, A bo, due 14 Sep) is due soon: bo, then the chair carl, then erin
    soon = rows(str(csec.escalation_section(ws, ws.committee["care"], REVIEW)))
    assert soon["A3"][-1] == "Bo Lind → Carl Chair → Erin Exec"


def test_due_soon_is_not_overdue_by_0_days_and_one_day_is_singular(ws: Workspace) -> None:
    care = ws.committee["care"]

    def when(day: date) -> dict[str, str]:
        listed = str(csec.escalation_section(ws, care, day)).split("<h3>", 1)[0]  # not those flagged at risk
        return {a: cells[3] for a, cells in rows(listed).items()}

    # A2 due 28 Aug (off track from 20 Aug, on track from 20 Sep); A3 done on 5 Sep; A7 due 15 Sep, never updated
    assert when(date(2026, 8, 29)) == {"A2": "1 day overdue"}  # A3 (due 14 Sep) is 16 days off: not yet
    assert when(date(2026, 9, 13)) == {"A2": "16 days overdue", "A7": "due in 2 days"}
    assert when(date(2026, 9, 14)) == {"A2": "17 days overdue", "A7": "due in 1 day"}
    assert when(date(2026, 9, 15)) == {"A2": "18 days overdue", "A7": "due today"}
    # due today is due soon: its status is its owner's, never "overdue"
    assert rows(str(csec.escalation_section(ws, care, date(2026, 9, 15))))["A7"][4] == "not started"


def test_what_changed_never_says_on_track_to_on_track(ws: Workspace) -> None:
    html = str(csec.changes_section(ws, ws.committee["care"], SEPT30))
    got = rows(html)
    # Since 31 Aug: A2 off_track -> on_track but overdue throughout (due 28 Aug); A3 at_risk -> done;
    # A4 on_track -> at_risk; A7 not_started throughout, overdue since 15 Sep.
    assert [got[a][2:4] for a in ("A2", "A3", "A4", "A7")] == [
        ["overdue off track", "overdue"],
        ["at risk", "done"],
        ["on track", "at risk"],
        ["not started", "overdue not started"],
    ]
    assert all(was != now for *_, was, now in ((r[2], r[3]) for r in got.values()))


def test_progress_counts_an_overdue_action_once_as_overdue(ws: Workspace) -> None:
    got = rows(str(csec.progress_section(ws, ws.committee["care"], SEPT30)))
    # 3-month: 5 actions: A1 A3 done, A6 dropped, A2 (on_track) and A7 (not_started) overdue
    # columns: milestone, due, actions, done, on track, at risk, off track, not started, overdue, dropped, done %
    assert got["3"] == ["3", "2026-09-30", "5", "2", "0", "0", "0", "0", "2", "1", "40%"]


def test_header_says_1_day_and_today(ws: Workspace) -> None:
    care = ws.committee["care"]
    # the 3-month milestone is due 2026-09-30
    assert "due 2026-09-30 (in 1 day)" in text_of(str(csec.header(ws, care, date(2026, 9, 29))))
    assert "due 2026-09-30 (today)" in text_of(str(csec.header(ws, care, SEPT30)))
    assert "due 2026-09-30 (in 30 days)" in text_of(str(csec.header(ws, care, REVIEW)))


def test_kpis_name_the_kpis_they_drive_and_are_driven_by_with_linked_committees(ws: Workspace) -> None:
    plain = str(msec.kpi_section(ws, ws.committee["care"], REVIEW))  # the dashboard: no pages to link
    got = rows(plain.split("<table", 1)[1])
    # by KPI name; columns end with owner, drives, driven by. csat is driven by frt, fcr and growth's churn-calls.
    assert got["CSAT"][-2:] == [
        "",
        "First reply time, First-contact resolution, Cancellation calls per month (Growth and Retention Board)",
    ]
    assert got["First-contact"][-2] == "CSAT, NPS"
    assert "<a " not in plain
    linked = str(msec.kpi_section(ws, ws.committee["care"], REVIEW, LINKS))  # the review: pages side by side
    assert 'Cancellation calls per month (<a href="growth.html">Growth and Retention Board</a>)' in linked
    assert linked.count("<a ") == 1  # care's own KPIs are not linked


def test_all_actions_lists_every_action_by_milestone_soonest_due_first(tmp_path: Path) -> None:
    path = copy_fixture("programme", tmp_path)
    append(path, "care/updates.csv", '2026-09-28,A4,at_risk,bo,"<b>Agents</b> on leave & rota ""thin"""')
    ws = load(path)
    html = str(csec.all_actions_section(ws, ws.committee["care"], SEPT30))
    # the milestones in order, each action once, by due date within each:
    # 3 months: A1 08-15, A6 08-20, A2 08-28, A3 09-14, A7 09-15; 6 months: A4 12-15; 12 months: A5 2027-06-01
    assert [text_of(h) for h in re.findall(r"<h3>(.*?)</h3>", html)] == [
        "3 months: Journey agreed and first fixes shipped (due 2026-09-30)",
        "6 months: Shared KPIs reviewed monthly (due 2026-12-31)",
        "12 months: Repeat contacts halved (due 2027-06-30)",
    ]
    got = rows(html)
    assert list(got) == ["A1", "A6", "A2", "A3", "A7", "A4", "A5"]
    groups = html.split("<h3>")[1:]
    assert [list(rows(g)) for g in groups] == [["A1", "A6", "A2", "A3", "A7"], ["A4"], ["A5"]]
    # action (id and title), status, owner (the Responsible, by name), due date, latest note
    assert got["A2"] == [
        "A2 Shorten the welcome call",
        "overdue",
        "Bo Lind, Dee Park",
        "2026-08-28 (33 days overdue)",
        "Product time found",
    ]
    assert got["A1"] == ["A1 Map the onboarding journey", "done", "Bo Lind", "2026-08-15", "Journey map published"]
    assert got["A6"][1] == "dropped"
    assert got["A7"][1:4] == ["overdue not started", "Eva Stone", "2026-09-15 (15 days overdue)"]
    # 30 Sep to 15 Dec: 31 + 30 + 15 = 76 days
    assert got["A4"][1:4] == ["at risk", "Bo Lind", "2026-12-15 (due in 76 days)"]
    assert got["A5"][1:] == ["not started", "Carl Chair", "2027-06-01 (due in 244 days)", ""]
    # the note is text, escaped
    assert "&lt;b&gt;Agents&lt;/b&gt; on leave &amp; rota &quot;thin&quot;" in html and "<b>Agents" not in html
    assert "The plan&#x27;s 7 actions: 2 done, 4 open (2 overdue), 1 dropped." in html


def test_all_actions_of_a_plan_without_actions_says_so(tmp_path: Path) -> None:
    path = copy_fixture("programme", tmp_path)
    plan = (path / "growth" / "plan.yaml").read_text(encoding="utf-8")
    (path / "growth" / "plan.yaml").write_text(plan.split("actions:", 1)[0] + "actions: []\n", encoding="utf-8")
    (path / "growth" / "updates.csv").write_text("date,action,status,by,note\n", encoding="utf-8")
    (path / "growth" / "meetings.yaml").unlink()  # its decisions name the actions
    ws = load(path)
    html = str(csec.all_actions_section(ws, ws.committee["growth"], REVIEW))
    assert "The plan has no actions yet." in html


def test_signals_and_budget_lines_name_departments(tmp_path: Path) -> None:
    path = copy_fixture("programme", tmp_path)
    append(
        path,
        "care/committee.yaml",
        "budget:",
        "  - {line: SMS gateway, amount: 5000, currency: EUR, departments: [product, support]}",
    )
    ws = load(path)
    care = ws.committee["care"]
    # signals.csv: S1 (support;cx) answered by care's A4; S2 (cx) unrouted, and care has the cx department
    signals = rows(str(msec.signals_section(ws, care, REVIEW)))
    assert signals["S1"][4] == "Customer Support, Customer Experience"
    assert signals["S2"][4] == "Customer Experience"
    budget = rows(str(msec.budget_section(ws, care, REVIEW)))
    assert budget["SMS"] == ["SMS gateway", "5,000 EUR", "Product, Customer Support"]


def test_kpi_attainment_is_explained_with_the_three_month_trend(ws: Workspace) -> None:
    from cxgov.report import org as osec

    # care on 2026-08-31: csat 81 >= 80 (weight 1) and frt 1.8 <= 2 (weight 2) on target, fcr 65 < 70
    # (weight 1) not: 3 of 4, 75% (test_views_rollup); csat and frt moved towards target since May.
    lead = re.sub(r"<[^>]+>", "", str(msec.kpi_section(ws, ws.committee["care"], REVIEW)))
    assert "weighted attainment 75% (the share on target, each KPI counted by its weight)" in lead
    assert "Over three months 2 KPIs moved towards its target and 0 away from it." in lead
    page = str(osec.rollup_section(ws, REVIEW))
    assert '<th scope="col">KPIs over 3 months</th>' in page and "<td>2 better, 0 worse</td>" in page
    assert "KPI attainment: the share of a committee&#x27;s KPIs that are on target" in page


def test_the_header_of_a_committee_not_launched_yet_says_launching_on(ws: Workspace) -> None:
    care = ws.committee["care"]  # launch 2026-07-01
    assert "launching on 2026-07-01" in text_of(str(csec.header(ws, care, date(2026, 6, 30))))
    assert "launched 2026-07-01" in text_of(str(csec.header(ws, care, REVIEW)))
