"""A review page on paper: Chromium's print media, on an A4 sheet's printable width.

The page is the one `cxgov review` writes for cx-steering in November 2026: rendered in-process
(`cxgov.review.render`) and assembled by the review's own exporter (`cxgov.review.export.to_html`) from the
outputs the notebook shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import chromium
from workspaces import REPO

from cxgov.report.html import Html
from cxgov.review.export import to_html
from cxgov.review.render import render

pytestmark = [pytest.mark.browser]

EXAMPLE = REPO / "committees"
# A4 (210 mm) less the print stylesheet's 15 mm margins, in CSS pixels (96 per inch).
PRINTABLE_PX = round((210 - 2 * 15) / 25.4 * 96)

STYLES_JS = """() => [...document.querySelectorAll('h1, h2, h3')].map((h) => {
  const s = getComputedStyle(h);
  return {text: h.innerText.trim(), after: s.breakAfter, pageAfter: s.pageBreakAfter};
})"""

FIT_JS = """() => {
  const width = document.documentElement.clientWidth;
  const roadmap = document.querySelector('#roadmap img.chart').getBoundingClientRect();
  const charts = [...document.querySelectorAll('img.chart')].map((i) => i.getBoundingClientRect().right);
  const tables = [...document.querySelectorAll('table.grid')].map((t) => t.getBoundingClientRect().right);
  const boxes = [...document.querySelectorAll('.wide')].map((b) => getComputedStyle(b).overflowX);
  const nav = [...document.querySelectorAll('nav')].map((n) => getComputedStyle(n).display);
  return {width, page: document.documentElement.scrollWidth, roadmapLeft: roadmap.left, roadmapRight: roadmap.right,
          charts, tables, boxes, nav};
}"""


def review_page(committee: str) -> str:
    """The review page of a committee for November 2026, as `cxgov review` exports it."""
    page = render(str(EXAMPLE), committee, "2026-11", reports="")
    outputs = [
        {"output_type": "display_data", "data": {"text/html": html}} for html in [page.header, *page.sections.values()]
    ]
    nav = Html('<nav class="noprint"><a href="index.html">← Organisation review</a></nav>')  # as cxgov review adds it
    return to_html({"cells": [{"cell_type": "code", "outputs": outputs}]}, page.title, nav)


@pytest.fixture(scope="module")
def printed() -> Iterator[Any]:
    """The cx-steering page in print media, in a window as wide as an A4 sheet's printable area."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": PRINTABLE_PX, "height": 1000})
        page.set_content(review_page("cx-steering"), wait_until="load")
        page.emulate_media(media="print")
        yield page
        page.close()


def test_every_heading_is_kept_with_what_follows_it(printed: Any) -> None:
    headings = printed.evaluate(STYLES_JS)
    assert len([h for h in headings if h["text"]]) >= 10, headings  # h2 of every section, h3 of sub-blocks
    loose = [h for h in headings if h["after"] != "avoid" or h["pageAfter"] != "avoid"]
    assert loose == [], f"headings that may be left at the bottom of a sheet: {loose}"


def test_headings_may_break_after_on_screen(printed: Any) -> None:
    # The rule is for paper only: on a screen it must not change the layout (and the check above can fail).
    printed.emulate_media(media="screen")
    try:
        assert {h["after"] for h in printed.evaluate(STYLES_JS)} == {"auto"}
    finally:
        printed.emulate_media(media="print")


def test_the_roadmap_and_every_chart_fit_the_width_of_the_paper(printed: Any) -> None:
    fit = printed.evaluate(FIT_JS)
    assert fit["width"] == PRINTABLE_PX
    assert fit["roadmapLeft"] >= 0 and fit["roadmapRight"] <= fit["width"], fit  # the roadmap is 860 px wide
    assert fit["charts"] and max(fit["charts"]) <= fit["width"], fit


def test_tables_are_printed_whole_within_the_paper_and_the_navigation_is_not(printed: Any) -> None:
    fit = printed.evaluate(FIT_JS)
    # The KPI table (10 columns) is wider than the paper at screen size: on paper its cells wrap.
    assert fit["tables"] and max(fit["tables"]) <= fit["width"], fit
    assert fit["page"] == fit["width"], "nothing may stick out past the paper's edge"
    assert fit["boxes"] and set(fit["boxes"]) == {"visible"}, "a scrolling box would cut a wide table on paper"
    assert fit["nav"] == ["none"]
