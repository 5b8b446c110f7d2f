"""Each task of the chair's check-in (issue 15), done through the page in Chromium; the files read back.

The server is what `make edit` runs (the Makefile's own target, `make -o setup edit`):
JupyterLab with the editor rendered by Voila, here serving a temporary copy of
notebooks/editor.ipynb (``--ServerApp.root_dir``) with CXGOV_WORKSPACE at a
temporary folder. One server per module; before each test the folder is made a
fresh copy of valid/minimal, and the test opens a new page, whose new kernel
reads it. A test acts as a chair would (click, type, choose, by visible labels),
waits on what the page shows, then reads each file back: the exact rows or
entries added, and nothing else changed. A failure saves a screenshot to the
test's tmp_path and names it in the assertion message.
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import chromium, free_port, log_tail, require_chromium, wait_for_port
from workspaces import MINIMAL, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT_MS = 90_000
TODAY = date.today()  # the editor reads the clock; so do the expected rows
LAST_MONTH = f"{TODAY.year - (TODAY.month == 1):04d}-{(TODAY.month - 2) % 12 + 1:02d}"


@dataclass(frozen=True)
class Server:
    url: str  # the server's front page, with its token: `make edit` opens the editor there
    ws: Path  # CXGOV_WORKSPACE of every kernel
    log: Path


def stop_group(proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Stop make and the server it started (one process group): SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`make edit` on a temporary notebook copy and workspace folder, for the whole module."""
    require_chromium()
    if shutil.which("make") is None:
        reason = "make is not installed; the tests run the Makefile's edit target"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("edit")
    root, ws, log = tmp / "root", tmp / "ws", tmp / "edit.log"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(REPO / "notebooks" / "editor.ipynb", root / "notebooks" / "editor.ipynb")
    shutil.copytree(MINIMAL, ws)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, CXGOV_USER="ana", JUPYTER_TOKEN=token, JUPYTER_CONFIG_DIR=str(tmp / "cfg"))
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    server_args = f"--no-browser --port={port} --ServerApp.port_retries=0 --ServerApp.ip=127.0.0.1"
    server_args += f" --ServerApp.root_dir={root}" + (" --allow-root" if os.geteuid() == 0 else "")
    args = ["make", "--no-print-directory", "-o", "setup", "edit", f"VENV={sys.prefix}", f"WORKSPACE={ws}"]
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*args, "EDIT_ARGS=" + server_args],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    try:
        wait_for_port(port, proc)
        yield Server(f"http://127.0.0.1:{port}/?token={token}", ws, log)
    finally:
        stop_group(proc)


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def ws(server: Server) -> Path:
    """The server's workspace, a fresh copy of valid/minimal (the next page's kernel reads it)."""
    shutil.rmtree(server.ws)
    shutil.copytree(MINIMAL, server.ws)
    return server.ws


class Chair:
    """The editor's page, used by its visible labels; only what the current tab shows counts."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def field(self, label: str) -> Any:
        return self.page.get_by_label(label, exact=True).filter(visible=True)

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name, exact=True).click()

    def press(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).filter(visible=True).click()

    def fill(self, label: str, value: str) -> None:
        self.field(label).fill(value)

    def choose(self, label: str, option: str) -> None:
        self.field(label).select_option(label=option)

    def tick(self, label: str) -> None:
        self.page.get_by_role("checkbox", name=label, exact=True).filter(visible=True).check()

    def said(self, kind: str, text: str) -> str:
        """Wait for the form's message of that kind (ok, error, conflict, ask) to say text; return it whole."""
        from playwright.sync_api import expect

        message = self.page.locator(f".cxgov-message.{kind}").filter(visible=True)
        expect(message).to_contain_text(text, timeout=TIMEOUT_MS)
        said: str = message.inner_text()
        return said


@contextmanager
def chair(server: Server, browser: Any, tmp_path: Path) -> Iterator[Chair]:
    """A new page on the editor, ready (the check-in shown); a failure saves a screenshot and says where."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(server.url)
        page.get_by_role("button", name="Post check-in").wait_for()
        yield Chair(page)
    except Exception as exc:
        shot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
        except Exception as missed:  # the page itself failed: say so instead
            shot = Path(f"(no screenshot: {missed})")
        raise AssertionError(f"{exc}\nscreenshot: {shot}\nserver log:\n{log_tail(server.log)}") from exc
    finally:
        page.close()


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def added_lines(ws: Path, name: str) -> list[str]:
    """The lines a file gained at its end; fails if any line it had changed."""
    before, now = text(MINIMAL / name).splitlines(), text(ws / name).splitlines()
    assert now[: len(before)] == before, f"{name}: lines before the new ones changed"
    return now[len(before) :]


def loaded(path: Path) -> Any:
    return yaml.safe_load(text(path))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def unchanged_except(ws: Path, *changed: str) -> None:
    """Every file of valid/minimal but those named is byte for byte as it was; no other file appeared."""
    names = {p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*") if p.is_file()}
    now = {p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.is_file()}
    assert now - names <= set(changed), f"files written: {sorted(now - names)}"
    for name in sorted(names - set(changed)):
        assert (ws / name).read_bytes() == (MINIMAL / name).read_bytes(), f"{name} changed"


# --- 1 and 4: one check-in screen, inputs people expect -------------------------------------------


def test_a_chair_posts_statuses_notes_and_a_comma_kpi_value_with_one_button(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    with chair(server, browser, tmp_path) as c:
        # Ana's open actions, most urgent first: A4 (overdue) before A3; the KPI month is the last complete one.
        page_text = c.page.locator(".widget-tab-contents").filter(visible=True).inner_text()
        assert page_text.index("A4") < page_text.index("A3"), page_text
        assert c.field("Month of the KPI values (YYYY-MM)").input_value() == LAST_MONTH
        c.choose("A4 status", "on track")
        c.fill("A4 note", "Two calls made")
        c.fill("A3 note", "Brief drafted")
        c.fill("CSAT (%)", "86,6")  # a decimal comma
        c.press("Post check-in")
        said = c.said("ok", f"Recorded for {LAST_MONTH}: csat 86.6")
        assert "A4" in said and "A3" in said, said
        assert str(ws) not in said  # workspace-relative, never the server's path
        assert added_lines(ws, "cx/updates.csv") == [
            f"{TODAY},A4,on_track,ana,Two calls made",
            f"{TODAY},A3,not_started,ana,Brief drafted",  # a note alone keeps the status A3 has
        ]
        assert added_lines(ws, "cx/measurements.csv") == [f"csat,{LAST_MONTH},86.6,"]
        # Posted inputs are emptied: nothing is left to post twice by accident.
        assert c.field("A3 note").input_value() == "" and c.field("CSAT (%)").input_value() == ""
        unchanged_except(ws, "cx/updates.csv", "cx/measurements.csv", "cx/changes.csv", "cx/audit.csv")


# --- 2: no accidental duplicates, and corrections -------------------------------------------------


def test_a_second_press_is_not_written_twice_and_a_mistaken_update_is_withdrawn_by_a_new_row(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    with chair(server, browser, tmp_path) as c:
        c.tab("Status update")
        c.choose("Action", "A2: Rewrite the activation help centre")
        c.choose("Status", "at risk")
        c.fill("Note", "Writer left")
        c.press("Post update")
        c.said("ok", f"Posted: A2 at_risk by ana on {TODAY}")
        # The same post again (the note typed again, as a chair would after a slow page): not written.
        c.fill("Note", "Writer left")
        c.press("Post update")
        c.said("ok", "Not posted again: A2 at_risk by ana was already posted at ")
        assert added_lines(ws, "cx/updates.csv") == [f"{TODAY},A2,at_risk,ana,Writer left"]
        # It was the wrong action: withdrawn by appending a row that puts A2's status before it back.
        c.fill("Note", "wrong action")
        c.press("Withdraw latest update")
        c.said("ok", f"Posted: A2 on_track by ana on {TODAY}")
        assert added_lines(ws, "cx/updates.csv") == [
            f"{TODAY},A2,at_risk,ana,Writer left",
            f"{TODAY},A2,on_track,ana,withdrawn: {TODAY} at_risk: wrong action",
        ]
        unchanged_except(ws, "cx/updates.csv", "cx/changes.csv", "cx/audit.csv")


def test_a_kpi_value_for_a_month_that_has_one_is_a_correction_and_a_future_month_is_refused(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    future = f"{TODAY.year + 1:04d}-{TODAY.month:02d}"
    with chair(server, browser, tmp_path) as c:
        month = c.field("Month of the KPI values (YYYY-MM)")
        month.fill(future)
        c.fill("CSAT (%)", "80")
        c.press("Post check-in")
        said = c.said("error", f"month: expected {TODAY:%Y-%m} or an earlier month, found '{future}' (in the future)")
        assert str(ws) not in said
        assert text(ws / "cx/measurements.csv") == text(MINIMAL / "cx/measurements.csv")
        # August has 78: the hint says a value corrects it, and the message says it did.
        month.fill("2026-08")
        from playwright.sync_api import expect

        expect(c.page.get_by_text("2026-08 has 78: a value here corrects it")).to_be_visible()
        c.fill("CSAT (%)", "80,5")
        c.press("Post check-in")
        c.said("ok", "(corrects csat 78; the history keeps both)")
        assert added_lines(ws, "cx/measurements.csv") == ["csat,2026-08,80.5,"]  # appended: 78 stays
        unchanged_except(ws, "cx/measurements.csv", "cx/changes.csv", "cx/audit.csv")
