"""The dashboard's speed, for benchmarks/run.py: time to first byte and time until the committee picker
is interactive in Chromium, with and without preheated kernels, against Voila serving a trivial notebook
(one labelled dropdown) in the same run. And its memory: the RSS of one viewer's kernel, and of the
server and its kernels once a series of visits has come and gone (against the same before any visit).
"""

from __future__ import annotations

import http.client
import json
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
MEMORY_POOL = 2  # cxgov serve's default
MEMORY_VISITS = 8  # visits that come and go before the steady state is measured
MEMORY_CULL = 10  # seconds (--cull-after): short, so that the benchmark does not wait five minutes
SETTLE_LIMIT = 120  # seconds the kernels may take to return to the pool size before the bench gives up

Report = Callable[..., None]  # run.report(name, value, floor, target, unit="s")


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
def _voila(argv: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
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
        yield proc
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


def _kernels(server: int) -> list[Any]:
    """The kernel processes of the Voila process server (psutil.Process), live ones only."""
    import psutil

    found = []
    for p in psutil.Process(server).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except psutil.Error:
            continue
    return found


def _rss_mb(procs: list[Any]) -> float:
    import psutil

    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def _steady_mb(procs: Callable[[], list[Any]], limit: float = 120) -> float:
    """Total RSS of procs() once it stops moving (two samples 2 s apart within 1 MB), or after limit seconds.

    Voila reports its pool filled when the kernels have started, before they have drawn the dashboard.
    """
    last = _rss_mb(procs())
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        time.sleep(2)
        now = _rss_mb(procs())
        if abs(now - last) < 1:
            return now
        last = now
    return last


def _until(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def _visit(browser: Any, port: int) -> tuple[Any, str]:
    """A viewer's page (its context) once the picker shows, and its kernel's id."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
    page.get_by_label("Committee", exact=True).wait_for(state="visible", timeout=120_000)
    config = page.locator("#jupyter-config-data").text_content()
    return context, str(json.loads(config)["kernelId"])


def memory(browser: Any, folder: Path, label: str, report: Report) -> None:
    """RSS of one viewer's kernel; server + kernels after MEMORY_VISITS visits have gone, against before them.

    Viewers leave without a word (no unload handler runs, as when a browser is killed): their kernels
    are culled after --cull-after seconds, as on a real server after five minutes.
    """
    import psutil

    from cxgov.dashboard.server import voila_server

    port = _free_port()
    s = voila_server(str(folder), port=port, pool_size=MEMORY_POOL, cull_after=MEMORY_CULL)
    with tempfile.TemporaryDirectory(prefix="cxgov-bench-mem-") as tmp:
        log = Path(tmp) / "voila.log"
        with _voila(s.argv, s.env, port, log) as proc:
            server = psutil.Process(proc.pid)
            _wait_for_pool(log, 1)
            before = _steady_mb(lambda: [server, *_kernels(proc.pid)])
            context, kernel_id = _visit(browser, port)
            viewer = _steady_mb(
                lambda: [k for k in _kernels(proc.pid) if f"kernel-{kernel_id}.json" in " ".join(k.cmdline())]
            )
            context.close()
            peak = 0
            for _ in range(MEMORY_VISITS - 1):
                context, _ = _visit(browser, port)
                peak = max(peak, len(_kernels(proc.pid)))
                context.close()
            settled = _until(lambda: len(_kernels(proc.pid)) == MEMORY_POOL, SETTLE_LIMIT)
            after = _steady_mb(lambda: [server, *_kernels(proc.pid)])
            kernels = _kernels(proc.pid)
            server_mb = _rss_mb([server])
    print(f"dashboard {label}: one viewer's kernel {viewer:8.1f} MB RSS", flush=True)
    report(f"dashboard {label}: server + kernels after {MEMORY_VISITS} visits", after, before, 1.3, "MB")
    verdict = "OK" if settled and len(kernels) == MEMORY_POOL else "OVER"
    print(
        f"  {len(kernels)} kernels after the visits (pool {MEMORY_POOL}, at most {peak} during them); "
        f"Voila's own process {server_mb:.1f} MB at the end  {verdict}",
        flush=True,
    )


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


def bench_dashboard_memory(ws: Path, repeat: int, report: Report) -> None:
    """The served dashboard's memory (example and given workspace): one viewer, and after visits have gone."""
    del repeat  # one series per workspace: a steady state is not a best-of
    sys.path.insert(0, str(ROOT))
    if not os.access(CHROMIUM, os.X_OK):
        print("dashboard memory: skipped, Debian's Chromium is not installed (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, folder in [("example", ROOT / "committees"), (ws.name, ws)]:
                memory(browser, folder, label, report)
        finally:
            browser.close()
