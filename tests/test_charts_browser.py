"""What Chromium draws: every chart's text lies inside its image, and the package's width estimate
is never less than the width Chromium gives the text, in either font a reader's machine may use.

The charts ask for Helvetica or Arial (Liberation Sans here, the same widths) and fall back to the
system's sans-serif (DejaVu Sans, wider): each run forces one of them on every text.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from test_charts import WORKSPACES, all_charts
from test_charts_timeline import COINCIDING, plan_workspace
from test_charts_trend import LONG, a_kpi, series
from views_helpers import load

from cxgov.report import charts
from cxgov.report.charts import textsize

pytestmark = [pytest.mark.browser]

FONTS = ("Liberation Sans", "DejaVu Sans")
MEASURE = """() => Array.from(document.querySelectorAll('svg')).map((svg) => ({
  name: svg.dataset.name,
  width: svg.viewBox.baseVal.width,
  height: svg.viewBox.baseVal.height,
  texts: Array.from(svg.querySelectorAll('text')).map((t) => {
    const b = t.getBBox();
    return {text: t.textContent, size: parseFloat(t.getAttribute('font-size')),
            bold: t.getAttribute('font-weight') === 'bold', x: b.x, y: b.y, w: b.width, h: b.height,
            length: t.getComputedTextLength()};
  }),
}))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def svg_of(uri: str, name: str) -> str:
    svg = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    return svg.replace("<svg ", f'<svg data-name="{name}" ', 1)


def edge_charts(tmp: Path) -> list[tuple[str, str]]:
    """Charts of the edge cases: coinciding dates, 'we are here' at the right edge, long names."""
    c = plan_workspace(tmp / "plan", COINCIDING)
    made = [(f"roadmap {d}", charts.roadmap(c, d)) for d in (date(2026, 10, 15), date(2027, 7, 20))]
    made += [
        ("kpi long", charts.kpi(a_kpi(LONG, unit="%", target=80), series([70, 72, 75, 81]))),
        ("kpi count", charts.kpi(a_kpi(target=9000), series([9100 + 37 * i for i in range(24)]))),
        ("kpi huge", charts.kpi(a_kpi(target=1e15), series([-1e15, 999999999999999]))),
        ("kpi wide", charts.kpi(a_kpi("重复联系率 «Повтор» 😀 " * 4, unit="件"), series([1, 2]))),
        ("kpi unbroken", charts.kpi(a_kpi("W" * 80, unit="W"), series([1.25, 2.5]))),
    ]
    return made


def measured(browser: Any, made: list[tuple[str, str]], font: str) -> list[dict[str, Any]]:
    page = browser.new_page()
    try:
        style = f"<style>svg text {{ font-family: '{font}' !important; }}</style>"
        page.set_content(
            "<!doctype html><html><head>"
            + style
            + "</head><body>"
            + "".join(svg_of(uri, what) for what, uri in made)
            + "</body></html>"
        )
        page.evaluate("document.fonts.ready")
        result: list[dict[str, Any]] = page.evaluate(MEASURE)
        return result
    finally:
        page.close()


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("name", ["example", "export-hostile", "payloads", "markup", "edge"])
def test_chromium_draws_every_text_inside_its_chart(browser: Any, tmp_path: Path, font: str, name: str) -> None:
    if name == "edge":
        made = edge_charts(tmp_path)
    else:
        make, as_of = WORKSPACES[name]
        made = all_charts(load(make(tmp_path)), as_of)
    found = measured(browser, made, font)
    assert len(found) == len(made)
    short, outside = [], []
    for chart in found:
        for t in chart["texts"]:
            estimate = textsize.width(t["text"], t["size"], t["bold"])
            if estimate < t["length"] or estimate < t["w"] - 0.01:
                short.append((chart["name"], t["text"], round(estimate, 2), round(t["w"], 2)))
            if (
                t["x"] < -0.01
                or t["x"] + t["w"] > chart["width"] + 0.01
                or t["y"] < -0.01
                or t["y"] + t["h"] > chart["height"] + 0.01
            ):
                outside.append(
                    (chart["name"], t["text"], (t["x"], t["y"], t["w"], t["h"]), chart["width"], chart["height"])
                )
    assert short == []  # the estimate never falls short of what Chromium draws
    assert outside == []


def test_the_checks_catch_text_that_runs_off(browser: Any) -> None:
    """The measurement itself: a text placed past the edge is reported."""
    bad = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" viewBox="0 0 60 20" font-size="11">'
        '<title>t</title><text x="5" y="14">far too long for sixty px</text></svg>'
    )
    found = measured(browser, [("bad", charts.to_uri(bad))], FONTS[0])
    t = found[0]["texts"][0]
    assert t["x"] + t["w"] > found[0]["width"]
