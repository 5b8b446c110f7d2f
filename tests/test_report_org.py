"""The organisation review's sections: committees and KPIs by name, linked to their pages; words that agree.

The workspace is tests/fixtures/views/programme (committees care and growth), reviewed as of 2026-08-31;
expectations are worked out by hand from its files.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from test_report_committee import text_of
from test_views_raci import _open_actions_for_carl
from views_helpers import PROGRAMME, REVIEW, load

from cxgov.report import org as osec
from cxgov.workspace.model import Workspace

LINKS = {"care": "care.html", "growth": "growth.html"}  # as the review names its pages: <id>.html


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load(PROGRAMME)


def table_rows(html: str) -> list[list[str]]:
    """Every table row's cells, as visible text."""
    return [
        [text_of(c) for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
        if "<td>" in row
    ]


def test_overdue_names_committees_linked_to_their_pages_and_says_how_late(ws: Workspace) -> None:
    html = str(osec.escalation_section(ws, REVIEW, links=LINKS))
    # 31 Aug: growth's G2 (due 1 Aug, 30 days) and care's A2 (due 28 Aug, 3 days); A3 is only due soon.
    assert table_rows(html) == [
        ["Growth and Retention Board", "G2", "Open a save desk", "30 days", "Dee Park → Finn Ford"],
        ["Customer Care Council", "A2", "Shorten the welcome call", "3 days", "Carl Chair → Erin Exec"],
    ]
    assert '<a href="growth.html">Growth and Retention Board</a>' in html
    assert '<a href="care.html">Customer Care Council</a>' in html
    # the dashboard has no pages to link: names only
    assert "<a " not in str(osec.escalation_section(ws, REVIEW))


def test_one_day_overdue_is_singular(ws: Workspace) -> None:
    # 29 Aug: A2 (due 28 Aug) one day late; G2 (due 1 Aug) 28 days
    got = table_rows(str(osec.escalation_section(ws, date(2026, 8, 29))))
    assert [(r[1], r[3]) for r in got] == [("G2", "28 days"), ("A2", "1 day")]


def test_shared_goals_name_the_kpis_and_link_their_committees(ws: Workspace) -> None:
    html = str(osec.links_section(ws, REVIEW, LINKS))
    # the one link across committees: growth's churn-calls drives care's csat
    assert table_rows(html) == [
        ["Growth and Retention Board", "Cancellation calls per month", "Customer Care Council", "CSAT"]
    ]
    assert '<a href="growth.html">' in html and '<a href="care.html">' in html


def test_workload_states_its_threshold_and_shows_overloaded_only_when_someone_is(ws: Workspace) -> None:
    html = str(osec.workload_section(ws, REVIEW))
    assert "No one is Accountable for more than 8 open actions, the threshold for overload." in text_of(html)
    assert "Overloaded" not in html


def test_workload_flags_someone_accountable_for_more_than_the_threshold(tmp_path) -> None:
    ws = _open_actions_for_carl(tmp_path, 9)  # carl Accountable for 9 open actions in care
    html = str(osec.workload_section(ws, REVIEW))
    assert "1 person Accountable for more than 8 open actions is flagged as overloaded." in text_of(html)
    assert "Overloaded (Accountable for more than 8)" in html
    carl = next(r for r in table_rows(html) if r[0] == "Carl Chair")
    assert carl == ["Carl Chair", "9", "0", "overloaded"]


def test_the_header_counts_committees_in_words_that_agree(ws: Workspace) -> None:
    assert "2 committees ·" in text_of(str(osec.header(ws, REVIEW)))
