"""The "Since last month" block: its table, the rules that changed, escaping, and last month's link.

Figures are those of tests/test_views_compare.py (the programme fixture, September against August).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from views_helpers import PROGRAMME, load

from cxgov.report.since import previous_page, since_section
from cxgov.review.render import render
from cxgov.views.compare import Comparison, VerdictChange, committee, organisation

SEP30 = date(2026, 9, 30)
HOSTILE = "<img src=x onerror=alert(1)>Care & co"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_block_shows_last_month_now_and_the_change() -> None:
    ws = load(PROGRAMME)
    html = since_section(committee(ws, ws, "care", SEP30), previous_page("2026-08", "care", exists=True))
    text = text_of(html)
    assert "Since last month" in text
    assert "Last month (2026-08-31)" in text and "Now (2026-09-30)" in text
    # done 1 -> 2, overdue 1 -> 2 (worse), KPIs 2 of 3 both months, health 5 -> 6 of 7.
    assert "Actions done 1 2 ▲ 1 more" in text
    assert "Overdue 1 2 ▲ 1 more" in text
    assert "At risk or off track 2 1 ▼ 1 fewer" in text
    assert "KPIs on target 2 of 3 2 of 3 no change" in text
    assert "Health rules passed 5 of 7 6 of 7 ▲ 1 more" in text
    assert "H7 internal beliefs instead of customer needs: fail → pass" in text
    # More overdue is shown as worse, more done as better.
    assert '<td>Overdue</td><td>1</td><td>2</td><td><span class="badge bad">' in html
    assert '<td>Actions done</td><td>1</td><td>2</td><td><span class="badge ok">' in html
    assert 'href="../2026-08/care.html"' in html


def test_last_months_page_is_linked_only_when_it_exists() -> None:
    ws = load(PROGRAMME)
    cmp = committee(ws, ws, "care", SEP30)
    missing = since_section(cmp, previous_page("2026-08", "care", exists=False))
    assert "href=" not in missing and "no review for 2026-08 in this folder" in missing
    not_looked = since_section(cmp, previous_page("2026-08", "care", exists=False, looked=False))
    assert "href=" not in not_looked and "no review" not in not_looked
    org = since_section(organisation(ws, ws, SEP30), previous_page("2026-08", "index", exists=True), {})
    assert 'href="../2026-08/index.html"' in org


def test_committee_names_in_the_block_are_escaped() -> None:
    cmp = Comparison(SEP30, date(2026, 8, 31), [], [VerdictChange("care", "H1", "pass", "fail")], ["care"])
    html = since_section(cmp, None, {"care": HOSTILE})
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Care &amp; co · H1" in html
    assert "counted only now: &lt;img" in html


def test_no_block_without_a_previous_month() -> None:
    assert since_section(None, None) == ""


def test_the_review_page_links_last_months_page_from_the_reports_folder(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    (reports / "2026-08").mkdir(parents=True)
    (reports / "2026-08" / "care.html").write_text("<p>August</p>")
    today = date(2026, 12, 1)
    linked = render(str(PROGRAMME), "care", "2026-09", today, str(reports))
    assert 'href="../2026-08/care.html"' in linked.sections["since"]
    assert "Actions done 1 2" in text_of(linked.sections["since"])
    org = render(str(PROGRAMME), "", "2026-09", today, str(reports))  # no index.html for August
    assert "href=" not in org.sections["since"]
    assert "no review for 2026-08 in this folder" in org.sections["since"]
    plain = render(str(PROGRAMME), "care", "2026-09", today)  # no folder given: none looked in
    assert "href=" not in plain.sections["since"] and "no review" not in plain.sections["since"]
