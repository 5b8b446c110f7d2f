"""The served dashboard over many visits, its token, and a committee broken while it is served.

Real parts only: `cxgov serve` on a free 127.0.0.1 port, Debian's Chromium through Playwright, the
kernels counted as the server's processes (Voila registers no kernel list endpoint). Every wait is
bounded in time, every loop in count.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest
from browser import CHROMIUM_ARGS, chromium, free_port, log_tail, require_chromium, stop, wait_for_port
from workspaces import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = REPO / "committees"
TIMEOUT_MS = 90_000
POOL = 2
CULL_AFTER = 8  # seconds: short, so that the soak does not wait five minutes per orphan
# How long kernels may take to come back to the pool size once the last viewer has gone: the cull
# period, one check interval, and slack for a kernel's shutdown on two busy cores. A bound, not a target.
SETTLE_SECONDS = CULL_AFTER + 2 + 60
LEAVES = ("beforeunload", "close", "kill")  # how each visit ends, in turn
VISITS = 12


@dataclass
class Served:
    url: str  # with the token, if any
    port: int
    log: Path
    proc: subprocess.Popen[str]

    def kernels(self) -> list[psutil.Process]:
        """The kernel processes under `cxgov serve` (Voila's children running ipykernel)."""
        try:
            tree = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        found = []
        for p in tree:
            with contextlib.suppress(psutil.Error):
                if "ipykernel_launcher" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE:
                    found.append(p)
        return found

    def tree(self) -> list[psutil.Process]:
        """`cxgov serve` and every process under it."""
        root = psutil.Process(self.proc.pid)
        return [root, *root.children(recursive=True)]


@contextlib.contextmanager
def serving(workspace: str, log: Path, *extra: str, cwd: Path = REPO, token: str | None = None) -> Iterator[Served]:
    """`cxgov serve` on a free port of 127.0.0.1, its token (if any) given in the environment."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("CXGOV_WORKSPACE", None)
    env.pop("CXGOV_DASHBOARD_TOKEN", None)
    if token:
        env["CXGOV_DASHBOARD_TOKEN"] = token
    argv = [sys.executable, "-m", "cxgov", "serve", "--workspace", workspace, "--port", str(port), *extra]
    with log.open("w") as out:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(port, proc)
        query = f"?token={token}" if token else ""
        yield Served(f"http://127.0.0.1:{port}/{query}", port, log, proc)
    finally:
        stop(proc)


def wait_until(check: Callable[[], bool], seconds: float, step: float = 0.5) -> float | None:
    """Poll check until true; the seconds it took, or None if it never was within the bound."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if check():
            return time.monotonic() - start
        time.sleep(step)
    return None


def open_dashboard(browser: Any, url: str) -> Any:
    """A page of the dashboard in a new context, once its committee picker shows."""
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    page.get_by_label("Committee", exact=True).wait_for(state="visible", timeout=TIMEOUT_MS)
    return page


def kernel_id(page: Any) -> str:
    kid: str = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    return kid


def rss_mb(procs: list[psutil.Process]) -> float:
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total / 2**20


def kill_browser(marker: str) -> int:
    """SIGKILL the Chromium launched with marker among its arguments, and every process under it."""
    mains = []
    for p in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if marker in (p.info["cmdline"] or []):
                mains.append(p)
    victims = [q for p in mains for q in (p, *p.children(recursive=True))]
    for q in victims:
        with contextlib.suppress(psutil.Error):
            q.send_signal(signal.SIGKILL)
    return len(mains)


def test_kernels_return_to_the_pool_size_after_many_visits_however_they_end(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    log = tmp_path / "serve.log"
    extra = ("--pool-size", str(POOL), "--cull-after", str(CULL_AFTER))
    with serving(str(EXAMPLE), log, *extra) as served, sync_playwright() as pw:
        assert wait_until(lambda: len(served.kernels()) == POOL, 120) is not None, log_tail(log)
        start_mb = rss_mb(served.tree())
        shared = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        ended: dict[str, list[str]] = {how: [] for how in LEAVES}
        peak = POOL
        try:
            for visit in range(VISITS):
                how = LEAVES[visit % len(LEAVES)]
                marker = f"--cxgov-soak-{uuid.uuid4().hex}"  # an unknown switch: finds this browser to kill it
                browser = (
                    shared if how != "kill" else pw.chromium.launch(executable_path=path, args=[*CHROMIUM_ARGS, marker])
                )
                page = open_dashboard(browser, served.url)
                ended[how].append(kernel_id(page))
                peak = max(peak, len(served.kernels()))
                if how == "beforeunload":  # a tab closed in a browser: the page asks for its kernel's shutdown
                    page.close(run_before_unload=True)
                    page.context.close()
                elif how == "close":  # the page is gone without a word (Playwright runs no unload handler)
                    page.context.close()
                else:
                    assert kill_browser(marker) == 1
                    with contextlib.suppress(Exception):
                        browser.close()
        finally:
            shared.close()
        during = len(served.kernels())
        took = wait_until(lambda: len(served.kernels()) == POOL, SETTLE_SECONDS)
        after = len(served.kernels())
        end_mb = rss_mb(served.tree())
        print(
            f"{VISITS} visits: kernels {POOL} before, peak {peak}, {during} when the last left, {after} after "
            f"{took if took is None else round(took, 1)} s; server + kernels {start_mb:.0f} MB before, {end_mb:.0f} MB after"
        )
        assert took is not None, (
            f"{after} kernels still running {SETTLE_SECONDS} s after the last visit\n{log_tail(log)}"
        )
        assert peak > POOL, "the visits should have taken kernels from the pool"
        text = log.read_text(errors="replace")
        for kid in ended["beforeunload"]:  # shut down at the page's request, not culled
            assert f"Kernel shutdown: {kid}" in text and f"Culling kernel {kid}" not in text, log_tail(log)
        for kid in ended["close"] + ended["kill"]:
            assert f"Culling kernel {kid}" in text, log_tail(log)
        assert "Traceback" not in text, log_tail(log)
        # The pool still serves: a new visit works and leaves nothing behind.
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            page = open_dashboard(browser, served.url)
            assert page.get_by_role("heading", name="CX Steering Committee", exact=True).is_visible()
            page.close(run_before_unload=True)
        finally:
            browser.close()
        assert wait_until(lambda: len(served.kernels()) == POOL, SETTLE_SECONDS) is not None, log_tail(log)


def fetch(url: str, token: str | None = None) -> tuple[int, str]:
    """Status, headers and body of GET url (no redirect followed), as one text."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, f"{response.headers}\n{response.read().decode(errors='replace')}"
    except urllib.error.HTTPError as err:
        return err.code, f"{err.headers}\n{err.read().decode(errors='replace')}"


def websocket_says(url: str) -> str:
    """What a websocket at url sends within a few seconds ('' if nothing, the error if refused)."""
    from websockets.sync.client import connect

    try:
        with connect(url, open_timeout=10) as ws:
            return str(ws.recv(timeout=5))
    except TimeoutError:
        return ""
    except Exception as exc:  # refused (403, 404): says so
        return f"refused: {exc}"


def test_the_token_is_on_no_command_line_and_no_endpoint_returns_it(tmp_path: Path) -> None:
    require_chromium()
    token = secrets.token_urlsafe(24)
    log = tmp_path / "serve.log"
    with serving(str(EXAMPLE), log, "--pool-size", "1", token=token) as served:
        base = f"http://127.0.0.1:{served.port}"
        assert wait_until(lambda: len(served.kernels()) == 1, 120) is not None, log_tail(log)
        procs = served.tree()
        assert len(procs) >= 3, "expected cxgov serve, Voila and a preheated kernel"
        for p in procs:
            cmdline = Path(f"/proc/{p.pid}/cmdline").read_bytes()
            assert token.encode() not in cmdline, f"the token is on the command line of {p.pid}"
        for k in served.kernels():  # nor in what kernels inherit
            assert token.encode() not in Path(f"/proc/{k.pid}/environ").read_bytes()

        with chromium() as browser:
            page = open_dashboard(browser, served.url)  # works with the token in the URL
            kid = kernel_id(page)
            assert token not in page.content()
            for url, who in [
                (f"{base}/voila/query/{kid}", "no token"),
                (f"{base}/voila/query/{kid}?token={token}", "token"),
            ]:
                said = websocket_says(url.replace("http://", "ws://"))
                assert token not in said, f"/voila/query with {who} returned the token: {said}"
            print(
                f"/voila/query/<kernel id> without a token says: {websocket_says(f'ws://127.0.0.1:{served.port}/voila/query/{kid}')}"
            )
            # Every route Voila serves, with and without the token: none returns it.
            paths = [
                "/",
                "/login",
                f"/api/kernels/{kid}",
                f"/api/kernels/{kid}/channels",
                f"/voila/api/shutdown/{kid}",
                "/voila/api/themes/@jupyterlab/theme-light-extension/index.css",
                "/voila/static/voila.js",
                "/voila/templates/cxgov/static/voila.js",
                "/voila/labextensions/@voila-dashboards/widgets-manager8/package.json",
                "/voila/files/dashboard.ipynb",
                "/voila/render/dashboard.ipynb",
                "/voila/tree",
            ]
            seen = {}
            for path in paths:
                for how, url, auth in [
                    ("none", base + path, None),
                    ("query", f"{base}{path}{'&' if '?' in path else '?'}token={token}", None),
                    ("header", base + path, token),
                ]:
                    code, text = fetch(url, auth)
                    seen[(path, how)] = code
                    assert token not in text, f"GET {path} ({how}) returned the token"
            print("status without / with the token:", {p: (seen[(p, "none")], seen[(p, "header")]) for p in paths})
            assert seen[("/", "none")] in (302, 403) and seen[("/", "header")] == 200
            assert seen[(f"/api/kernels/{kid}", "none")] == 403 and seen[(f"/api/kernels/{kid}", "header")] == 200
            page.context.close()
            # Without the token: sent to the login page, nothing of the dashboard shown.
            context = browser.new_context()
            refused = context.new_page()
            refused.goto(f"{base}/", timeout=TIMEOUT_MS)
            assert "/login" in refused.url
            assert refused.get_by_label("Committee", exact=True).count() == 0
            context.close()
        lines = log.read_text(errors="replace").splitlines()
        # cxgov serve prints the URL to open, with its token, for the user who started it; nothing else may.
        assert [line for line in lines if token in line] == [f"Dashboard of {EXAMPLE}: {served.url}"]


def test_a_committee_broken_while_served_is_named_the_others_stay_and_it_recovers(tmp_path: Path) -> None:
    require_chromium()
    shutil.copytree(EXAMPLE, tmp_path / "ws")
    plan = tmp_path / "ws" / "voc-council" / "plan.yaml"
    saved = plan.read_bytes()
    log = tmp_path / "serve.log"
    message = re.compile(r"ws/voc-council/plan\.yaml: file: expected a regular file")
    with serving("ws", log, "--pool-size", "1", cwd=tmp_path) as served, chromium() as browser:
        opened = open_dashboard(browser, served.url)
        errors: list[str] = []
        opened.on("pageerror", lambda e: errors.append(str(e)))
        options = opened.get_by_label("Committee", exact=True).inner_text().replace("\xa0", " ")
        assert "Voice of the Customer Council" in options
        plan.unlink()
        plan.mkdir()  # a folder where the plan was, while pages are open
        for page in (opened, open_dashboard(browser, served.url)):  # the open page, and a new visit
            page.get_by_text(message).first.wait_for(timeout=TIMEOUT_MS)
            rollup = page.locator("#rollup").inner_text()
            assert "CX Steering Committee" in rollup and "Support & Product Handoff Council" in rollup
            text = page.locator("body").inner_text()
            assert "There was an error" not in text and "Traceback" not in text and str(tmp_path) not in text
        plan.rmdir()
        plan.write_bytes(saved)  # fixed: the open page recovers without reloading
        opened.get_by_text(message).first.wait_for(state="detached", timeout=TIMEOUT_MS)
        opened.get_by_label("Committee", exact=True).select_option(label="Voice of the Customer Council")
        opened.get_by_role("heading", name="Voice of the Customer Council", exact=True).wait_for(timeout=TIMEOUT_MS)
        opened.locator("#roadmap").wait_for(state="visible", timeout=TIMEOUT_MS)
        assert errors == []
    assert "Traceback" not in log.read_text(errors="replace"), log_tail(log)
