"""The headline block as HTML: verdicts in words and colour, what needs the sponsor, what is due, the chair's word.

Numbers are those of tests/test_views_headline.py (tests/fixtures/views/programme as of 2026-08-31).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from views_helpers import PROGRAMME, REVIEW, load

from cxgov.report.headline import committee_headline, headline_section, summary
from cxgov.views import headline
from cxgov.workspace.load import load_workspace


class Text(HTMLParser):
    """The visible text of a fragment, and the scripts it would run."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> tuple[str, int]:
    p = Text()
    p.feed(html)
    return re.sub(r"\s+", " ", " ".join(p.parts)), p.scripts


def with_commentary(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "programme"
    shutil.copytree(PROGRAMME, root)
    (root / "care" / "commentary.yaml").write_text(body, encoding="utf-8")
    return root


def test_the_summary_says_where_committees_stand_in_words():
    ws = load(PROGRAMME)
    # Both red (test_views_headline); overdue A2 + G2 = 2; due next 30 days A3, A7 = 2;
    # KPI trend: care's csat and frt improved; growth's KPIs have August values only: not known.
    assert summary(ws, REVIEW, headline.verdicts(ws, REVIEW)) == (
        "Of 2 committees, 2 are off track, 0 need attention and 0 are on track. 2 actions overdue, "
        "2 due in the next 30 days. Over three months 2 KPIs moved towards target and 0 away from it."
    )


def test_the_section_lists_each_committee_with_its_verdict_word_and_link():
    ws = load(PROGRAMME)
    html = str(headline_section(ws, REVIEW, {"care": "care.html"}))
    text, _ = text_of(html)
    assert '<a href="care.html">Customer Care Council</a>' in html
    assert "Growth and Retention Board" in text and "growth.html" not in html
    assert text.count("Off track") >= 2  # the badges have words, colour is not the only signal
    assert "1 of 3 actions overdue; 2 health rules failing (H2, H5)" in text
    assert "Nothing needs the sponsor this month." in text
    assert "<h3>Decided this month</h3><ul><li>" in html
    assert "Customer Care Council</a>, 04 Aug: Drop the community forum (A6)</li>" in html
    assert "14 Sep 2026" in text and "Dee Park" in text and "14 days" in text


def test_asks_and_escalations_are_listed_and_user_text_is_escaped(tmp_path: Path):
    root = with_commentary(
        tmp_path,
        "commentary:\n  - month: 2026-09\n    by: carl\n    text: <script>alert(1)</script> Good\n"
        "    asks: ['<img src=x onerror=alert(1)> Two agents']\n",
    )
    ws = load_workspace(root)
    html = str(headline_section(ws, date(2026, 9, 1)))
    text, scripts = text_of(html)
    assert scripts == 0 and "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; Two agents" in html
    assert "<script>alert(1)</script> Good" in text  # shown as text, in the chair's word column
    # G2 (growth) is 31 days overdue on 09-01: escalated to the sponsor.
    g2 = ws.committee["growth"].action["G2"].title
    assert f"Growth and Retention Board: G2 {g2} (31 days overdue)" in text


def test_a_committee_page_opens_with_its_verdict_and_the_chairs_word(tmp_path: Path):
    root = with_commentary(
        tmp_path,
        "commentary:\n  - {month: 2026-07, by: carl, text: July words}\n"
        "  - {month: 2026-08, by: carl, text: August words, asks: [Approve two agents]}\n",
    )
    ws = load_workspace(root)
    care = ws.committee["care"]
    text, _ = text_of(str(committee_headline(ws, care, REVIEW)))
    assert "Off track 1 action overdue; 2 health rules failing (H1, H7); 2 actions at risk or off track." in text
    assert "The chair's word for August 2026 (Carl Chair)" in text and "August words" in text
    assert "Asked of the sponsor Approve two agents" in text
    # In September, with nothing written for it yet: August's word, labelled as such, and no asks.
    text, _ = text_of(str(committee_headline(ws, care, date(2026, 9, 30))))
    assert "The chair's word for August 2026 (Carl Chair), the latest written: none yet for September 2026" in text
    assert "Asked of the sponsor" not in text
    # Before any commentary.
    text, _ = text_of(str(committee_headline(ws, care, date(2026, 6, 30))))
    assert "No commentary from the chair for June 2026." in text
