"""`make edit` opens the editor ready to use: the forms, running, no code, no notebook to save.

The test runs the Makefile's own `edit` target (`make -o setup edit`, so the
virtual environment is not rebuilt) on a copy of valid/minimal, on 127.0.0.1
and a free port, with a token (in the environment, never on a command line),
loads the server's front page in Chromium as a chair would and posts a status
update through the page.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, free_port, log_tail, require_chromium, wait_for_port
from workspaces import MINIMAL, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT_MS = 120_000
NOTEBOOK = REPO / "notebooks" / "editor.ipynb"
EDIT_PATH = "/voila/render/notebooks/editor.ipynb"


def require_make() -> None:
    if shutil.which("make") is None:
        reason = "make is not installed; the test runs the Makefile's edit target"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def stop_group(proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Stop make and the server it started (one process group): SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def edit(tmp_path: Path) -> Iterator[tuple[str, str, Path, Path]]:
    """`make edit` on a copy of valid/minimal; yields (server root url, token, workspace, log)."""
    require_chromium()
    require_make()
    ws, log = Path(shutil.copytree(MINIMAL, tmp_path / "deep" / "folder" / "ws")), tmp_path / "edit.log"
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, CXGOV_USER="ana", JUPYTER_TOKEN=token, JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"))
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    server = f"--no-browser --port={port} --ServerApp.port_retries=0 --ServerApp.ip=127.0.0.1"
    args = [
        "make",
        "--no-print-directory",
        "-o",
        "setup",  # the venv the tests run in is the one to use: never rebuilt here
        "edit",
        f"VENV={sys.prefix}",
        f"WORKSPACE={ws}",
        "EDIT_ARGS=" + server + (" --allow-root" if os.geteuid() == 0 else ""),
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(
            args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}", token, ws, log
    finally:
        stop_group(proc)


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def test_make_edit_opens_the_editor_ready_to_use_and_a_save_writes_the_file(
    edit: tuple[str, str, Path, Path], browser: Any
) -> None:
    root, token, ws, log = edit
    notebook_before = NOTEBOOK.read_bytes()
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    today = date.today().isoformat()
    try:
        page.goto(f"{root}/?token={token}")  # the server's front page, as `make edit` opens it
        assert page.url.split("?")[0] == root + EDIT_PATH
        # Ready to use, with nothing to run: the check-in, "You are" and the tabs are there.
        page.get_by_role("button", name="Post check-in").wait_for()
        assert page.get_by_label("You are", exact=True).first.is_visible()
        assert page.get_by_role("tab", name="Status update").is_visible()
        # No code to scroll past, no notebook menu (no Run All), nothing marked modified.
        assert page.locator(".jp-InputArea, .jp-CodeCell .jp-Editor, .cm-editor").count() == 0
        assert "open_editor" not in page.content()
        assert page.get_by_role("menuitem", name="Run").count() == 0
        assert page.locator(".jp-mod-dirty").count() == 0
        assert not page.title().startswith("*")
        # A save through the page: its kernel writes the workspace.
        page.get_by_role("tab", name="Status update").click()
        page.get_by_label("Action", exact=True).first.select_option(label="A2: Rewrite the activation help centre")
        page.get_by_label("Status", exact=True).first.select_option(label="at risk")
        page.get_by_label("Note", exact=True).first.fill("Writer left")
        page.get_by_role("button", name="Post update").click()
        page.get_by_text(f"Posted: A2 at_risk by ana on {today}").wait_for()
        # A refusal in the chair's words, with the file inside the workspace and no folder of the server.
        page.get_by_label("You are", exact=True).first.select_option(label="(choose who you are)")
        page.get_by_label("Note", exact=True).first.fill("Another note")
        page.get_by_role("button", name="Post update").click()
        said = "CX Steering Committee: who is missing: it needs a person id from org.yaml (cx/updates.csv, line 6)"
        page.get_by_text(said).wait_for()
        messages = " ".join(page.locator(".cxgov-message").all_inner_texts())
        assert "(cx/updates.csv, line 6)" in messages and str(ws) not in messages
        # Everything the page loaded came from this server: nothing from a CDN.
        outside = [u for u in requests if not u.startswith((root, "data:", "blob:"))]
        assert outside == []
    except Exception:
        print(log_tail(log))
        raise
    finally:
        page.close()
    assert (ws / "cx" / "updates.csv").read_text(encoding="utf-8").splitlines()[
        -1
    ] == f"{today},A2,at_risk,ana,Writer left"
    # The committed notebook was rendered, never saved.
    assert NOTEBOOK.read_bytes() == notebook_before
    # The notebook itself stays usable in JupyterLab for whoever wants the code.
    with urllib.request.urlopen(f"{root}/lab/tree/notebooks/editor.ipynb?token={token}", timeout=60) as reply:
        assert reply.status == 200
