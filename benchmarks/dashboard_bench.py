"""The dashboard's speed, for benchmarks/run.py: time to first byte and time until the committee picker
is interactive in Chromium, with and without preheated kernels, against Voila serving a trivial notebook
(one labelled dropdown) in the same run.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SETTLE = 2.0  # seconds of quiet before each preheated visit, for the floor and the dashboard alike
FILLED = "Kernel pool of"  # Voila logs "Kernel pool of <nb> is filled with N kernel(s)" after each refill

Report = Callable[[str, float, float, "float | None"], None]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _trivial_widget_notebook(folder: Path) -> Path:
    """The floor: one cell showing one dropdown labelled Committee."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(
        cells=[new_code_cell('import ipywidgets as w\nw.Dropdown(description="Committee", options=["a", "b"])')]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "trivial.ipynb"
    nbformat.write(nb, path)
    return path


@contextmanager
def _voila(argv: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    with log.open("w") as out:
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"voila exited: {log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_for_pool(log: Path, refills: int, timeout: float = 120) -> None:
    """Wait until Voila has logged `refills` pool refills (the pool is full again)."""
    deadline = time.monotonic() + timeout
    while log.read_text(errors="replace").count(FILLED) < refills and time.monotonic() < deadline:
        time.sleep(0.1)


def _ttfb(port: int) -> float:
    """Seconds from sending GET / to the first byte of the response."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    conn.request("GET", "/")
    response = conn.getresponse()
    response.read(1)
    took = time.perf_counter() - start
    response.read()  # let Voila finish the page (and its kernel) before the next visit
    conn.close()
    return took


def _interactive(browser: Any, port: int) -> float:
    """Seconds from navigation to an enabled, visible committee picker."""
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}/", wait_until="commit", timeout=120_000)
    picker = page.get_by_label("Committee", exact=True)
    picker.wait_for(state="visible", timeout=120_000)
    while not picker.is_enabled():
        time.sleep(0.01)
    took = time.perf_counter() - start
    context.close()
    return took


def _measure(
    browser: Any, argv: list[str], env: dict[str, str], port: int, preheated: bool, repeat: int
) -> tuple[float, float]:
    """Best TTFB and best time-to-interactive over repeat visits (a full pool before each, if preheated)."""
    with tempfile.TemporaryDirectory(prefix="cxgov-bench-voila-") as tmp:
        log = Path(tmp) / "voila.log"
        with _voila(argv, env, port, log):
            refills = 1
            ttfb, tti = [], []
            for visit in (_ttfb, lambda p: _interactive(browser, p)):
                for _ in range(repeat):
                    if preheated:
                        _wait_for_pool(log, refills)
                        refills += 1
                        time.sleep(SETTLE)  # the previous visit's kernel is still shutting down
                    else:
                        time.sleep(1)  # let the previous visit's kernel shut down
                    (ttfb if visit is _ttfb else tti).append(visit(port))
            return min(ttfb), min(tti)


def bench_dashboard(ws: Path, repeat: int, report: Report) -> None:
    """cxgov serve's Voila on the dashboard (example and given workspace) against Voila on a trivial notebook."""
    sys.path.insert(0, str(ROOT))
    from cxgov.dashboard.server import voila_server

    if not os.access(CHROMIUM, os.X_OK):
        print("dashboard: skipped, Debian's Chromium is not installed (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cxgov-bench-dash-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        trivial = _trivial_widget_notebook(Path(tmp))
        floors: dict[bool, tuple[float, float]] = {}
        for pool in (1, 0):
            port = _free_port()
            s = voila_server(str(ws), port=port, pool_size=pool, notebook=trivial)
            floors[bool(pool)] = _measure(browser, s.argv, s.env, port, bool(pool), repeat)
        workspaces = [("example", ROOT / "committees"), (ws.name, ws)]
        for label, folder in workspaces:
            for pool in (1, 0):
                port = _free_port()
                s = voila_server(str(folder), port=port, pool_size=pool)
                ttfb, tti = _measure(browser, s.argv, s.env, port, bool(pool), repeat)
                how = "preheated" if pool else "cold kernel"
                floor_ttfb, floor_tti = floors[bool(pool)]
                report(f"dashboard {label}, {how}: first byte", ttfb, floor_ttfb, None)
                report(f"dashboard {label}, {how}: picker ready", tti, floor_tti, 1.5 if pool else 2.0)
        browser.close()
