"""The dashboard in a real browser: `cxgov serve` on a free local port, Debian's Chromium through Playwright.

One server per workspace for the whole module (the example one, and a copy
with script payloads in its texts). Every request a page makes outside the
server is blocked and recorded: the cxgov page must make none.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, free_port, log_tail, require_chromium, stop, wait_for_port
from payloads import COMMITTEE_NAME, PAYLOAD, hostile_workspace
from workspaces import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = REPO / "committees"
TIMEOUT_MS = 60_000
SESSIONS = 20
# All twenty kernels and pages compete for the CPU: about 80 s on 2 idle cores, twice that with other tests
# running beside. The bound catches a hang or a lost page, not slowness.
LOAD_SECONDS = 360
FONT_HOSTS = ("cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com")


@dataclass
class Served:
    url: str
    log: Path
    proc: subprocess.Popen[str]


def _serve(workspace: Path, log: Path, *extra: str) -> Iterator[Served]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("CXGOV_WORKSPACE", None)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cxgov", "serve", "--workspace", str(workspace), "--port", str(port), *extra],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        wait_for_port(port, proc)
        yield Served(f"http://127.0.0.1:{port}/", log, proc)
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_chromium()
    yield from _serve(EXAMPLE, tmp_path_factory.mktemp("serve") / "voila.log", "--pool-size", "2")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("hostile")
    yield from _serve(hostile_workspace(tmp / "ws"), tmp / "voila.log", "--pool-size", "1")


@dataclass
class Watched:
    """A page with everything that went wrong on it recorded."""

    page: Any
    errors: list[str] = field(default_factory=list)  # uncaught exceptions and console errors
    external: list[str] = field(default_factory=list)  # requests that tried to leave the server (blocked)
    dialogs: list[str] = field(default_factory=list)


def open_page(browser: Any, url: str, wait: bool = True) -> Watched:
    """Open url in a fresh context; block and record every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    w = Watched(page)
    origin = url.split("/?")[0].rstrip("/")

    def route(r: Any) -> None:
        if r.request.url.startswith(origin + "/") or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            w.external.append(r.request.url)
            r.abort("blockedbyclient")

    page.route("**/*", route)
    page.on("pageerror", lambda e: w.errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: w.errors.append(f"console: {m.text}") if m.type == "error" else None)

    def dialog(d: Any) -> None:
        w.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url, wait_until="commit" if not wait else "load", timeout=TIMEOUT_MS)
    if wait:
        committee_picker(page).wait_for(state="visible", timeout=TIMEOUT_MS)
    return w


def committee_picker(page: Any) -> Any:
    return page.get_by_label("Committee", exact=True)


def committee_heading(page: Any) -> str:
    return str(page.locator(".widget-html h1").nth(1).inner_text())


SECTION_OF_TAB = {
    "Roadmap": "#roadmap",
    "Actions": "#actions",
    "RACI": "#raci",
    "KPIs": "#kpis",
    "Health": "#health",
    "Maturity": "#maturity",
    "Meetings": "#meetings",
}


def open_tab(page: Any, name: str) -> None:
    """Click a committee tab and wait until its section (drawn when the tab opens) is shown."""
    page.get_by_role("tab", name=name).click()
    page.locator(SECTION_OF_TAB[name]).wait_for(state="visible", timeout=TIMEOUT_MS)


def unexpected_errors(w: Watched) -> list[str]:
    """JavaScript errors, except the console noise of external font requests the test itself blocked."""
    return [e for e in w.errors if not ("net::ERR_BLOCKED_BY_CLIENT" in e or "Failed to load resource" in e)]


def close(w: Watched) -> None:
    w.page.context.close()


def test_the_page_becomes_interactive_without_errors_or_outside_requests(browser: Any, server: Served) -> None:
    w = open_page(browser, server.url)
    try:
        picker = committee_picker(w.page)
        assert picker.is_enabled()
        assert committee_heading(w.page) == "CX Steering Committee"
        assert w.page.get_by_role("tab", name="Roadmap").is_visible()
        w.page.wait_for_timeout(500)
        assert w.external == [], "the page must load nothing from the internet"
        assert w.errors == [], w.errors
        content = w.page.content()
        assert "from cxgov.dashboard" not in content, "sources must be stripped"
    finally:
        close(w)


def test_choosing_another_committee_changes_what_is_shown(browser: Any, server: Served) -> None:
    w = open_page(browser, server.url)
    try:
        roadmap = w.page.locator("#roadmap").inner_text()
        committee_picker(w.page).select_option(label="Voice of the Customer Council")
        w.page.get_by_role("heading", name="Voice of the Customer Council", exact=True).wait_for(timeout=TIMEOUT_MS)
        # The header and the open tab are separate messages from the kernel: wait for the tab as well.
        w.page.wait_for_function(
            "before => { const r = document.querySelector('#roadmap'); return r && r.innerText !== before; }",
            arg=roadmap,
            timeout=TIMEOUT_MS,
        )
        open_tab(w.page, "Actions")
        w.page.get_by_text("9 of 9 actions shown").wait_for(timeout=TIMEOUT_MS)
        w.page.get_by_label("Status", exact=True).select_option(label="done")
        w.page.get_by_text("4 of 9 actions shown").wait_for(timeout=TIMEOUT_MS)
        assert unexpected_errors(w) == []
    finally:
        close(w)


def test_the_as_of_picker_changes_the_figures(browser: Any, server: Served) -> None:
    w = open_page(browser, server.url)
    try:
        rollup = w.page.locator("#rollup").inner_text()
        assert f"as of {date.today().isoformat()}" in w.page.locator("header").first.inner_text()  # the server's today
        date_input = w.page.get_by_label("As of", exact=True)
        date_input.fill("2026-05-31")
        date_input.dispatch_event("change")
        w.page.get_by_text("We are here: month 5 of 12").wait_for(timeout=TIMEOUT_MS)
        assert w.page.locator("#rollup").inner_text() != rollup
        open_tab(w.page, "Health")
        assert unexpected_errors(w) == []
    finally:
        close(w)


PROBE_JS = """async (code) => {
  const cfg = JSON.parse(document.getElementById('jupyter-config-data').textContent);
  const ws = new WebSocket(`ws://${location.host}${cfg.baseUrl}api/kernels/${cfg.kernelId}/channels?session_id=probe`);
  await new Promise((ok, bad) => { ws.onopen = ok; ws.onerror = bad; });
  const replies = [];
  ws.onmessage = (e) => { if (typeof e.data === 'string') replies.push(JSON.parse(e.data)); };
  const send = (msg_type, content) => {
    const msg_id = crypto.randomUUID();
    const header = {msg_id, msg_type, username: 'probe', session: 'probe', version: '5.3', date: new Date().toISOString()};
    ws.send(JSON.stringify({header, parent_header: {}, metadata: {}, content, channel: 'shell', buffers: []}));
    return msg_id;
  };
  const info = send('kernel_info_request', {});
  const run = send('execute_request', {code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false});
  await new Promise((done) => setTimeout(done, 3000));
  ws.close();
  const answered = (id) => replies.some((m) => m.parent_header && m.parent_header.msg_id === id);
  return {info: answered(info), run: answered(run)};
}"""


def test_the_browser_cannot_run_code_in_the_kernel(browser: Any, server: Served, tmp_path: Path) -> None:
    target = tmp_path / "written-from-the-browser"
    w = open_page(browser, server.url)
    try:
        answered = w.page.evaluate(PROBE_JS, f"open({str(target)!r}, 'w').write('x')")
        # The kernel answers what the widgets need (the probe reached it), and ignores code.
        assert answered == {"info": True, "run": False}
        assert not target.exists()
    finally:
        close(w)
    assert 'Received message of type "execute_request", which is not allowed' in server.log.read_text()


LABELS_JS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.offsetParent !== null && el.type !== 'hidden')
  .map(el => ({
    tag: el.tagName,
    label: [...(el.labels || [])].map(l => l.offsetParent !== null ? l.innerText.trim() : '').join(' ').trim(),
  }))"""


def test_every_input_has_a_visible_label(browser: Any, server: Served) -> None:
    w = open_page(browser, server.url)
    try:
        open_tab(w.page, "Actions")
        inputs = w.page.evaluate(LABELS_JS)
        expected = ["As of", "Committee", "Language", "Milestone", "Person", "Status"]
        assert sorted(i["label"] for i in inputs) == expected, inputs
    finally:
        close(w)


def test_choosing_polski_translates_the_tabs_and_labels_for_this_viewer_only(browser: Any, server: Served) -> None:
    w = open_page(browser, server.url)
    other = open_page(browser, server.url)
    try:
        open_tab(w.page, "Health")
        w.page.get_by_label("Language", exact=True).select_option(label="Polski")
        w.page.get_by_role("tab", name="Mapa drogowa").wait_for(timeout=TIMEOUT_MS)
        assert w.page.get_by_role("tab", name="Kondycja").get_attribute("aria-selected") == "true"  # tab kept
        w.page.get_by_label("Komitet", exact=True).wait_for(timeout=TIMEOUT_MS)
        w.page.get_by_role("heading", name="Przegląd kondycji zarządzania").wait_for(timeout=TIMEOUT_MS)
        assert committee_heading(w.page) == "CX Steering Committee"  # the user's words as written
        # Another viewer's kernel is another dashboard: still in English.
        assert other.page.get_by_role("tab", name="Roadmap").is_visible()
        assert unexpected_errors(w) == [] and w.external == []
    finally:
        close(w)
        close(other)


def test_axe_finds_no_serious_or_critical_violation(browser: Any, server: Served) -> None:
    from axe_playwright_python.sync_playwright import Axe

    w = open_page(browser, server.url)
    try:
        found = []
        for tab in ("Roadmap", "Actions", "KPIs"):
            open_tab(w.page, tab)
            result = Axe().run(w.page)
            found += [
                f"{tab}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                for v in result.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        assert found == [], "\n".join(found)
    finally:
        close(w)


def test_payloads_in_the_data_fire_no_dialog_and_inject_no_element(browser: Any, hostile_server: Served) -> None:
    w = open_page(browser, hostile_server.url)
    page = w.page
    try:
        page.get_by_role("heading", name=COMMITTEE_NAME, exact=True).wait_for(timeout=TIMEOUT_MS)
        for tab in ("Roadmap", "Actions", "RACI", "KPIs", "Health", "Maturity", "Meetings"):
            open_tab(page, tab)
        open_tab(page, "Actions")
        page.get_by_label("Person", exact=True).select_option(label=f"Sofia {PAYLOAD}")
        page.get_by_text(" of 13 actions shown").wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)
        injected = page.evaluate(
            """() => ({
              imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
              scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(')).length,
              text: document.body.innerText.includes('<script>alert(1)</script>'),
            })"""
        )
        assert w.dialogs == []
        assert injected == {"imgs": 0, "scripts": 0, "text": True}
        assert w.external == []
        assert unexpected_errors(w) == []
    finally:
        close(w)


def test_plain_voila_on_the_notebook_also_works(browser: Any, tmp_path: Path) -> None:
    """`voila notebooks/dashboard.ipynb` (Voila's own lab template): only its external font requests fail."""
    port = free_port()
    log = tmp_path / "voila.log"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("CXGOV_WORKSPACE", None)  # the notebook falls back to committees/ of the project
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "voila", "notebooks/dashboard.ipynb", "--no-browser", f"--port={port}"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        wait_for_port(port, proc)
        w = open_page(browser, f"http://127.0.0.1:{port}/")
        try:
            assert committee_heading(w.page) == "CX Steering Committee"
            # Voila's own template asks a CDN for Font Awesome (blocked here): the reason for the cxgov template,
            # and the proof that the outside-request check of the other tests sees such requests.
            assert w.external, "expected Voila's lab template to request its icon font from a CDN"
            assert all(any(h in u for h in FONT_HOSTS) for u in w.external), w.external
            assert unexpected_errors(w) == []
        finally:
            close(w)
    finally:
        stop(proc)
        assert "Traceback" not in log.read_text(), log_tail(log)


def test_twenty_sessions_at_once_all_render_without_server_error(browser: Any, server: Served) -> None:
    start_log = server.log.stat().st_size
    started = time.monotonic()
    sessions = [open_page(browser, server.url, wait=False) for _ in range(SESSIONS)]
    try:
        for w in sessions:
            committee_picker(w.page).wait_for(state="visible", timeout=LOAD_SECONDS * 1000)
            w.page.get_by_role("heading", name="CX Steering Committee", exact=True).wait_for(timeout=TIMEOUT_MS)
        took = time.monotonic() - started
        errors = [e for w in sessions for e in unexpected_errors(w)]
        assert errors == []
        with server.log.open() as fh:
            fh.seek(start_log)
            new = fh.read()
        bad = [line for line in new.splitlines() if "Traceback" in line or " 500 " in line or "[E " in line]
        assert bad == [], "\n".join(bad)
        assert took < LOAD_SECONDS, f"{SESSIONS} sessions took {took:.0f} s"
        print(f"{SESSIONS} concurrent sessions rendered in {took:.1f} s")
    finally:
        for w in sessions:
            close(w)


def test_an_edit_reaches_preheated_kernels_and_open_pages_without_reloading(browser: Any, tmp_path: Path) -> None:
    import shutil

    require_chromium()
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    org = ws / "org.yaml"
    for served in _serve(ws, tmp_path / "voila.log", "--pool-size", "1"):
        # Let the pool's kernel finish its first drawing (in a fresh clone under the whole suite it has taken
        # more than 5 s). An edit landing while it draws reaches the kernel, but Voila's page, pre-rendered
        # from that drawing, can miss the redraw until the next edit: that race is not what this tests.
        time.sleep(15)
        org.write_text(org.read_text().replace("organisation: Northwind Broadband", "organisation: Northwind Fibre"))
        w = open_page(browser, served.url)
        title = w.page.locator(".widget-html h1").first
        # The kernel was preheated before the edit: it has redrawn, so the page shows the new name.
        title.filter(has_text="Northwind Fibre").wait_for(timeout=TIMEOUT_MS)
        # An edit while the page is open appears in it, with no reload.
        org.write_text(org.read_text().replace("organisation: Northwind Fibre", "organisation: Northwind Mobile"))
        title.filter(has_text="Northwind Mobile").wait_for(timeout=TIMEOUT_MS)
        assert unexpected_errors(w) == [] and w.external == []
        close(w)
