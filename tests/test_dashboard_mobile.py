"""The dashboard on a phone (390x844) and on a desktop (1280x800), in Debian's Chromium.

The page itself never scrolls sideways: pickers and tabs fit the screen, every tab's label is shown
whole, wide tables scroll inside their own box and charts are scaled to the screen. Each committee tab is
opened and checked. On a failure the assertion names a full-page screenshot saved under the test's
tmp_path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, require_chromium
from test_dashboard_browser import SECTION_OF_TAB, TIMEOUT_MS, Served, _serve, committee_picker
from workspaces import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = REPO / "committees"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TABS = ["Roadmap", "Actions", "RACI", "KPIs", "Health", "Maturity", "Meetings", "Signals"]

MEASURE_JS = """() => {
  const shown = (el) => el.offsetParent !== null;
  const vw = window.innerWidth;
  const tabs = [...document.querySelectorAll('.lm-TabBar-tab')].filter(shown).map((tab) => {
    const label = tab.querySelector('.lm-TabBar-tabLabel');
    const box = tab.getBoundingClientRect();
    return {text: label.innerText.trim(), clipped: label.scrollWidth > label.clientWidth + 1,
            left: box.left, right: box.right};
  });
  const tables = [...document.querySelectorAll('table.grid')].filter(shown).map((table) => {
    const box = table.closest('.wide');
    const rect = table.getBoundingClientRect();
    return {caption: (table.closest('section') || {id: ''}).id, wide: rect.width > vw, right: rect.right,
            boxed: box !== null && getComputedStyle(box).overflowX === 'auto',
            boxRight: box === null ? null : box.getBoundingClientRect().right};
  });
  const charts = [...document.querySelectorAll('img.chart')].filter(shown).map((img) => img.getBoundingClientRect().right);
  const picker = [...document.querySelectorAll('select')].filter(shown).map((s) => s.getBoundingClientRect().right);
  return {vw, page: document.documentElement.scrollWidth, tabs, tables, charts, picker};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_chromium()
    yield from _serve(EXAMPLE, tmp_path_factory.mktemp("serve-mobile") / "voila.log", "--pool-size", "1")


def problems(m: dict[str, Any]) -> list[str]:
    """What is wrong with a measured page: anything that makes the page scroll sideways or hides a label."""
    vw, found = m["vw"], []
    if m["page"] > vw:
        found.append(f"the page scrolls sideways: {m['page']} px wide in a {vw} px window")
    labels = [t["text"] for t in m["tabs"]]
    if labels != TABS:
        found.append(f"tab labels shown: {labels}, expected {TABS}")
    found += [f"tab {t['text']!r} is cut off" for t in m["tabs"] if t["clipped"]]
    found += [f"tab {t['text']!r} is outside the window" for t in m["tabs"] if t["left"] < 0 or t["right"] > vw + 1]
    found += [
        f"a table in #{t['caption']} sticks out of the window and is not in a box that scrolls sideways"
        for t in m["tables"]
        if not t["boxed"] and t["right"] > vw + 1
    ]
    found += [
        f"the scrolling box of a table in #{t['caption']} is wider than the window"
        for t in m["tables"]
        if t["boxed"] and t["boxRight"] > vw + 1
    ]
    found += [f"a chart ends at {right:.0f} px, outside the window" for right in m["charts"] if right > vw + 1]
    found += [f"a picker ends at {right:.0f} px, outside the window" for right in m["picker"] if right > vw + 1]
    return found


def check(page: Any, where: str, shots: Path) -> dict[str, Any]:
    """Measure the page; fail with the problems and a screenshot's path if any."""
    measured: dict[str, Any] = page.evaluate(MEASURE_JS)
    found = problems(measured)
    if found:
        shot = shots / f"{where}.png"
        page.screenshot(path=str(shot), full_page=True)
        pytest.fail(f"{where}: " + "; ".join(found) + f" (screenshot: {shot})")
    return measured


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-390x844", "desktop-1280x800"])
def test_no_sideways_scrolling_and_whole_tab_labels_on_every_tab(
    browser: Any, server: Served, viewport: dict[str, int], tmp_path: Path
) -> None:
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    try:
        page.goto(server.url, wait_until="load", timeout=TIMEOUT_MS)
        committee_picker(page).wait_for(state="visible", timeout=TIMEOUT_MS)
        page.locator("#roadmap").wait_for(state="visible", timeout=TIMEOUT_MS)
        size = f"{viewport['width']}x{viewport['height']}"
        wide_tables = 0
        for tab in TABS:
            page.get_by_role("tab", name=tab).click()
            if tab in SECTION_OF_TAB:
                page.locator(SECTION_OF_TAB[tab]).wait_for(state="visible", timeout=TIMEOUT_MS)
            else:
                page.wait_for_timeout(500)
            measured = check(page, f"{size}-{tab}", tmp_path)
            wide_tables += sum(t["wide"] for t in measured["tables"])
        if viewport is PHONE:
            # The overview's roll-up and the RACI matrix are wider than a phone: the scrolling boxes were tested.
            assert wide_tables > 0, "expected tables wider than a phone, held in their scrolling boxes"
        assert errors == []
    finally:
        context.close()
