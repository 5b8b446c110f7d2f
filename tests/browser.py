"""Drive Debian's Chromium with Playwright (never a downloaded browser), and serve things to it.

A test module uses ``chromium()`` in a module-scoped fixture. Without Chromium the
browser tests skip with the reason, except under CI=true, where a missing
browser fails them: CI must really run them (.ci/run installs the chromium package).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    found = next((p for p in CHROMIUM_CANDIDATES if os.access(p, os.X_OK)), None)
    return found or shutil.which("chromium")


def require_chromium() -> str:
    """The Chromium executable; skip the test without it (fail under CI=true)."""
    path = chromium_path()
    if path is None:
        reason = "Debian's Chromium is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " and CI=true requires them")
        pytest.skip(reason)
    return path


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched Chromium browser (playwright Browser), closed afterwards."""
    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    """A TCP port nothing listens on at the moment, on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, proc: subprocess.Popen[str] | None = None, timeout: float = 120) -> None:
    """Wait until something accepts connections on 127.0.0.1:port; fail if proc exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            pytest.fail(f"the server exited with code {proc.returncode} before listening:\n{out}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing listened on 127.0.0.1:{port} after {timeout} s")


def stop(proc: subprocess.Popen[str], timeout: float = 30) -> None:
    """Stop a server started by a test: SIGTERM, then SIGKILL if it does not exit."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def log_tail(path: Path, lines: int = 40) -> str:
    """The end of a server log, for assertion messages."""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]) if path.exists() else ""
