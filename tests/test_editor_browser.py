"""The editor in JupyterLab in a real browser: run the notebook, post an update, read the file back.

JupyterLab serves a temporary copy of notebooks/editor.ipynb (so nothing a
test runs is ever saved into the committed notebook) with CXGOV_WORKSPACE
pointing at a copy of valid/minimal.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, free_port, log_tail, require_chromium, stop, wait_for_port
from workspaces import MINIMAL, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT_MS = 90_000


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """JupyterLab on a free port; yields (notebook url, workspace, log)."""
    require_chromium()
    root, ws, log = tmp_path / "lab", tmp_path / "ws", tmp_path / "lab.log"
    root.mkdir()
    shutil.copy(REPO / "notebooks" / "editor.ipynb", root / "editor.ipynb")
    shutil.copytree(MINIMAL, ws)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, CXGOV_WORKSPACE=str(ws), CXGOV_USER="ana", JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"))
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    args = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ] + (["--allow-root"] if os.geteuid() == 0 else [])
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/lab/tree/editor.ipynb?token={token}", ws, log
    finally:
        stop(proc)


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def run_editor(page: Any, url: str) -> None:
    """Open the notebook and run it until the editor shows (its first tab is the check-in)."""
    page.goto(url)
    page.locator(".jp-Notebook").wait_for()
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
    ready = page.get_by_role("button", name="Post check-in")
    # The menu click can land before the kernel connection settles: retry a few times.
    for attempt in range(4):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_text("Run All Cells", exact=True).click()
        try:
            ready.wait_for(timeout=20_000)
            return
        except Exception:
            if attempt == 3:
                raise
            page.keyboard.press("Escape")


def test_a_chair_checks_in_on_the_first_tab_with_one_button(lab: tuple[str, Path, Path], browser: Any) -> None:
    url, ws, log = lab
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    today = date.today()
    month = f"{today.year - (today.month == 1):04d}-{(today.month - 2) % 12 + 1:02d}"  # the last complete month
    try:
        run_editor(page, url)
        # Ana's open actions, most urgent first: A4 (overdue), then A3; she owns CSAT.
        page.get_by_label("A4 status", exact=True).select_option(label="on track")
        page.get_by_label("A3 note", exact=True).fill("Brief drafted")
        page.get_by_label("CSAT (%)", exact=True).fill("86,6")
        page.get_by_role("button", name="Post check-in").click()
        page.get_by_text(f"Recorded for {month}: csat 86.6").wait_for()
    except Exception:
        print(log_tail(log))
        raise
    finally:
        page.close()
    assert (ws / "cx" / "updates.csv").read_text().splitlines()[-2:] == [
        f"{today.isoformat()},A4,on_track,ana,",
        f"{today.isoformat()},A3,not_started,ana,Brief drafted",
    ]
    assert (ws / "cx" / "measurements.csv").read_text().splitlines()[-1] == f"csat,{month},86.6,"


def test_a_chair_posts_a_status_update_in_jupyterlab(lab: tuple[str, Path, Path], browser: Any) -> None:
    url, ws, log = lab
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        run_editor(page, url)
        post = page.get_by_role("button", name="Post update")
        # The check-in comes first; status updates of any action are on their own tab.
        page.get_by_role("tab", name="Status update").click()
        # Every picker is found by its visible label.
        for label in ("Committee", "Action", "Status", "You are"):
            assert page.get_by_label(label, exact=True).first.is_visible(), label
        page.get_by_label("Action", exact=True).first.select_option(label="A2: Rewrite the activation help centre")
        page.get_by_label("Status", exact=True).first.select_option(label="at risk")
        page.get_by_label("Note", exact=True).first.fill("Writer left; <b>hiring</b>")
        post.click()
        today = date.today().isoformat()
        page.get_by_text(f"Posted: A2 at_risk by ana on {today}").wait_for()
    except Exception:
        print(log_tail(log))
        raise
    finally:
        page.close()
    assert (ws / "cx" / "updates.csv").read_text().splitlines()[
        -1
    ] == f"{today},A2,at_risk,ana,Writer left; <b>hiring</b>"
