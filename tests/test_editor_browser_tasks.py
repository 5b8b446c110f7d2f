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
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
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

from cxgov.workspace.load import load_workspace

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

    def shows(self, label: str, value: str) -> None:
        """Wait until the input labelled so holds value (the kernel fills forms a moment after a choice)."""
        from playwright.sync_api import expect

        expect(self.field(label)).to_have_value(value, timeout=TIMEOUT_MS)

    def chosen(self, label: str) -> str:
        """The option a dropdown shows (its non-breaking spaces as spaces)."""
        shown: str = self.field(label).locator("option:checked").inner_text()
        return shown.replace("\xa0", " ")

    def tick(self, label: str) -> None:
        self.page.get_by_role("checkbox", name=label, exact=True).filter(visible=True).check()

    def said(self, kind: str, text: str) -> str:
        """Wait for the form's message of that kind (ok, error, conflict, ask) to say text; return it whole."""
        from playwright.sync_api import expect

        message = self.page.locator(f".cxgov-message.{kind}").filter(visible=True)
        expect(message).to_contain_text(text, timeout=TIMEOUT_MS)
        said: str = message.inner_text()
        return said


def kernels(server: Server) -> set[str]:
    """The ids of the kernels the server runs (its REST API, with the token)."""
    base, token = server.url.split("/?token=")
    request = urllib.request.Request(f"{base}/api/kernels", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return {k["id"] for k in json.load(answer)}


def closed(server: Server, page: Any, before: set[str], timeout: float = 60) -> None:
    """Leave the page as a chair leaves the editor, and wait until the server has shut its kernel down.

    Voila's page asks for its kernel's shutdown on beforeunload. The page navigates away
    (a page.close, even with run_before_unload, lets Chromium drop the request). Until
    cxgov.editor.server set the _xsrf cookie, the request was refused (403) and every
    test's kernel stayed in the one server: the 14th page then took over 90 s to load.
    """
    page.goto("about:blank")
    page.close()
    deadline = time.monotonic() + timeout
    while (left := kernels(server) - before) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not left, f"the closed page's kernel still runs after {timeout:.0f} s: {sorted(left)}"


@contextmanager
def chair(server: Server, browser: Any, tmp_path: Path) -> Iterator[Chair]:
    """A new page on the editor, ready (the check-in shown); a failure saves a screenshot and says where.

    Closing it waits until its kernel is gone, so each test starts on a server running no other page's kernel.
    """
    before = kernels(server)
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
        page.close(run_before_unload=True)
        raise AssertionError(f"{exc}\nscreenshot: {shot}\nserver log:\n{log_tail(server.log)}") from exc
    except BaseException:  # pytest.fail, KeyboardInterrupt: no screenshot, but the page goes
        page.close(run_before_unload=True)
        raise
    closed(server, page, before)


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


def audited(ws: Path, committee: str = "cx") -> list[tuple[str, str, str, str]]:
    """audit.csv's rows as (by, file, object, value); its time is the clock's."""
    found = rows(ws / committee / "audit.csv")
    assert {r["time"][:10] for r in found} <= {TODAY.isoformat()}, found
    return [(r["by"], r["file"], r["object"], r["value"]) for r in found]


def unchanged_except(ws: Path, *changed: str) -> None:
    """Every file of valid/minimal but those named is byte for byte as it was; the new ones named are all new."""
    names = {p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*") if p.is_file()}
    now = {p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.is_file()}
    assert now - names == set(changed) - names, f"new files: {sorted(now - names)}"
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
        c.shows("Month of the KPI values (YYYY-MM)", LAST_MONTH)
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
        c.shows("A3 note", "")
        c.shows("CSAT (%)", "")
        assert audited(ws) == [("ana", "measurements.csv", f"kpi csat {LAST_MONTH}", "86.6")]
        unchanged_except(ws, "cx/updates.csv", "cx/measurements.csv", "cx/audit.csv")


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
        unchanged_except(ws, "cx/updates.csv")


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
        assert audited(ws) == [("ana", "measurements.csv", "kpi csat 2026-08", "80.5")]
        unchanged_except(ws, "cx/measurements.csv", "cx/audit.csv")


def test_a_meeting_on_a_day_that_has_one_asks_first_and_attendees_are_members_first(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    before = loaded(ws / "cx/meetings.yaml")["meetings"]
    with chair(server, browser, tmp_path) as c:
        c.tab("Meeting")
        # The committee's members in the charter's order, then everyone else (Eli is no member).
        boxes = c.page.locator(".widget-checkbox").filter(visible=True).all_inner_texts()
        assert [b.strip() for b in boxes[:5]] == [
            "Ana Kowalska (ana)",
            "Bo Lind (bo)",
            "Dee Park (dee)",
            "Marta Ruiz (marta)",
            "Eli Brandt (eli)",
        ]
        c.fill("Date", "2026-08-05")
        # A plain click on one more name keeps the ones ticked (a checkbox list, not a multiple select).
        for name in ("Marta Ruiz (marta)", "Ana Kowalska (ana)", "Bo Lind (bo)"):
            c.tick(name)
        summary = "Attendees: Marta Ruiz (marta), Ana Kowalska (ana), Bo Lind (bo)"
        from playwright.sync_api import expect

        expect(c.page.get_by_text(summary).filter(visible=True)).to_be_visible()
        c.fill("Decision 1", "Second look at the help-centre budget")
        c.tick("A2: Rewrite the activation help centre")
        c.press("Record meeting")
        c.said("ask", "A meeting on 2026-08-05 is already recorded (3 attendees).")
        assert text(ws / "cx/meetings.yaml") == text(MINIMAL / "cx/meetings.yaml")  # asked, nothing written
        c.press("Record another meeting that day")
        said = c.said("ok", "cx/meetings.yaml")
        assert str(ws) not in said
    meetings = loaded(ws / "cx/meetings.yaml")["meetings"]
    assert meetings[:2] == before
    assert meetings[2:] == [
        {
            "date": date(2026, 8, 5),
            "attendees": ["marta", "ana", "bo"],
            "decisions": [{"text": "Second look at the help-centre budget", "actions": ["A2"]}],
        }
    ]
    assert audited(ws) == [("ana", "meetings.yaml", "meeting 2026-08-05", "3 attendees, 1 decision")]
    unchanged_except(ws, "cx/meetings.yaml", "cx/audit.csv")


def test_a_meeting_is_corrected_in_place_and_moving_it_onto_another_meetings_date_asks_first(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    before = loaded(ws / "cx/meetings.yaml")["meetings"]
    with chair(server, browser, tmp_path) as c:
        c.tab("Correct a meeting")
        assert c.chosen("Meeting") == "2026-08-05: 3 attendees, 1 decision"
        c.fill("Date", "2026-07-08")
        c.press("Save corrections")
        c.said("ask", "CX Steering Committee: a meeting on 2026-07-08 is already recorded.")
        assert text(ws / "cx/meetings.yaml") == text(MINIMAL / "cx/meetings.yaml")
        c.fill("Date", "2026-08-05")
        c.tick("Marta Ruiz (marta)")  # the sponsor was there after all
        c.fill("Notes (optional)", "Marta joined late.")
        c.press("Save corrections")
        c.said("ok", "CX Steering Committee, meeting 2026-08-05: Saved: cx/meetings.yaml")
    meetings = loaded(ws / "cx/meetings.yaml")["meetings"]
    assert meetings[0] == before[0]
    assert meetings[1:] == [
        {**before[1], "attendees": ["ana", "bo", "dee", "marta"], "notes": "Marta joined late."},
    ]
    [row] = rows(ws / "cx/audit.csv")
    assert (row["by"], row["file"], row["object"]) == ("ana", "meetings.yaml", "meeting 2026-08-05")
    assert row["value"] == "corrected (was 2026-08-05): 4 attendees, 1 decision"
    unchanged_except(ws, "cx/meetings.yaml", "cx/audit.csv")


# --- 3 and 5: everything editable in the editor, messages in a chair's words ------------------------


def test_a_kpi_definition_is_changed_with_a_decimal_comma(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    before = loaded(ws / "cx/kpis.yaml")["kpis"]
    with chair(server, browser, tmp_path) as c:
        c.tab("KPIs")
        c.choose("KPI", "First reply time (median) [frt]")
        c.shows("Target", "1")
        c.fill("Target", "0,5")
        c.choose("Owner", "Dee Park (dee)")
        c.tick("Shared goal across departments")
        c.fill("Weight (optional, default 1)", "1,5")
        c.press("Save KPI")
        c.said("ok", "CX Steering Committee, KPI First reply time (median): Saved: cx/kpis.yaml")
    kpis = loaded(ws / "cx/kpis.yaml")["kpis"]
    assert kpis == [{**before[0], "target": 0.5, "owner": "dee", "shared": True, "weight": 1.5}, before[1]]
    changed = [
        (r["object"], r["field"], r["before"], r["after"], r["by"], r["date"]) for r in rows(ws / "cx/changes.csv")
    ]
    day = TODAY.isoformat()
    assert sorted(changed) == sorted(
        [
            ("kpi frt", "target", "1.0", "0.5", "ana", day),
            ("kpi frt", "owner", '"bo"', '"dee"', "ana", day),
            ("kpi frt", "shared", "", "true", "ana", day),
            ("kpi frt", "weight", "", "1.5", "ana", day),
        ]
    )
    unchanged_except(ws, "cx/kpis.yaml", "cx/changes.csv")


def test_a_kpi_target_that_is_no_number_is_named_as_typed_and_nothing_is_written(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    with chair(server, browser, tmp_path) as c:
        c.tab("KPIs")
        c.choose("KPI", "CSAT [csat]")
        c.fill("Target", "86,6x")
        c.press("Save KPI")
        said = c.said("error", "CX Steering Committee, KPI CSAT: target")
        assert str(ws) not in said
        assert text(ws / "cx/kpis.yaml") == text(MINIMAL / "cx/kpis.yaml")
        unchanged_except(ws)
    assert said.endswith("CX Steering Committee, KPI CSAT: target: expected a number, found '86,6x'"), said


def test_a_milestone_goal_and_due_date_are_changed_with_a_reason(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    before = loaded(ws / "cx/plan.yaml")
    with chair(server, browser, tmp_path) as c:
        c.tab("Milestones")
        c.shows("6-month goal", "Shared KPIs reviewed monthly")
        c.fill("6-month goal", "Shared KPIs reviewed monthly by all three departments")
        c.fill("6-month due", "2027-01-31")
        c.fill("Reason (optional)", "December review moved to January")
        c.press("Save milestones")
        c.said("ok", "CX Steering Committee, milestones: Saved: cx/plan.yaml")
    plan = loaded(ws / "cx/plan.yaml")
    six = {**before["milestones"][1], "goal": "Shared KPIs reviewed monthly by all three departments"}
    assert plan == {
        **before,
        "milestones": [before["milestones"][0], {**six, "due": date(2027, 1, 31)}, before["milestones"][2]],
    }
    assert [(r["object"], r["field"], r["after"], r["reason"]) for r in rows(ws / "cx/changes.csv")] == [
        (
            "milestone 6",
            "goal",
            '"Shared KPIs reviewed monthly by all three departments"',
            "December review moved to January",
        ),
        ("milestone 6", "due", '"2027-01-31"', "December review moved to January"),
    ]
    unchanged_except(ws, "cx/plan.yaml", "cx/changes.csv")


def test_a_budget_line_is_added_to_the_charter(server: Server, browser: Any, ws: Path, tmp_path: Path) -> None:
    before = loaded(ws / "cx/committee.yaml")
    with chair(server, browser, tmp_path) as c:
        c.tab("Budget")
        c.shows("Currency", "EUR")
        c.fill("Line", "onboarding fixes")
        c.fill("Amount", "40000,50")
        c.tick("Customer Support [support]")
        c.tick("Product [product]")
        c.press("Save budget line")
        c.said("ok", "CX Steering Committee, budget line onboarding fixes: saved. Saved: cx/committee.yaml")
    budget = [{"line": "onboarding fixes", "amount": 40000.5, "currency": "EUR", "departments": ["support", "product"]}]
    assert loaded(ws / "cx/committee.yaml") == {**before, "budget": budget}
    [row] = rows(ws / "cx/changes.csv")
    assert (row["object"], row["field"], row["before"], row["by"]) == ("charter", "budget", "", "ana")
    unchanged_except(ws, "cx/committee.yaml", "cx/changes.csv")


def test_the_journey_gains_a_touchpoint_and_the_priorities_are_reranked(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    before = loaded(ws / "org.yaml")
    with chair(server, browser, tmp_path) as c:
        c.tab("Journey")
        c.choose("Touchpoint", "(new touchpoint)")
        c.fill("Touchpoint id (new ones only)", "activation-sms")
        c.fill("Touchpoint name", "Activation SMS")
        c.fill("Channel (optional)", "sms")
        c.press("Save touchpoint")
        c.said("ok", "Journey, touchpoint activation-sms of stage onboarding saved: saved org.yaml")
        c.choose("Priorities (ranked)", "2. Welcome call [welcome-call]")
        c.press("Move up")
        c.choose("Add touchpoint", "Activation SMS [activation-sms]")
        c.press("Add to priorities")
        c.fill("Agreed on", "2026-11-20")
        c.press("Save priorities")
        said = c.said("ok", "Journey, priorities saved: saved org.yaml")
        assert str(ws) not in said
    org = loaded(ws / "org.yaml")
    [stage] = before["journey"]["stages"]
    tps = [*stage["touchpoints"], {"id": "activation-sms", "name": "Activation SMS", "channel": "sms"}]
    assert org == {
        **before,
        "journey": {
            "agreed": date(2026, 11, 20),
            "stages": [{**stage, "touchpoints": tps}],
            "priorities": ["welcome-call", "activation-help", "activation-sms"],
        },
    }
    assert text(ws / "org.yaml").split("journey:")[0] == text(MINIMAL / "org.yaml").split("journey:")[0]
    unchanged_except(ws, "org.yaml")


def test_the_chairs_commentary_for_last_month_is_written(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    with chair(server, browser, tmp_path) as c:
        c.tab("Commentary")
        assert c.chosen("For the review of") == LAST_MONTH
        c.fill("What to say", "Two actions slipped;\n CSAT  is up.")
        c.fill("Asked of the sponsor", "Approve two agents\n\n  Unblock the vendor  \n")
        c.press("Save commentary")
        said = c.said("ok", "cx/commentary.yaml")
        assert str(ws) not in said
    assert text(ws / "cx/commentary.yaml") == (
        "commentary:\n"
        f"  - month: {LAST_MONTH}\n"
        "    by: ana\n"
        "    text: Two actions slipped; CSAT is up.\n"
        "    asks:\n"
        "      - Approve two agents\n"
        "      - Unblock the vendor\n"
    )
    unchanged_except(ws, "cx/commentary.yaml")


def test_a_new_committee_gets_its_id_from_its_name_and_starts_from_the_chairs_answers(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    with chair(server, browser, tmp_path) as c:
        c.tab("New committee")
        c.fill("Name", "Billing Council")
        from playwright.sync_api import expect

        expect(c.field("Id (from the name: a-z, 0-9, '-')")).to_have_value("billing-council")
        c.fill("Purpose", "Bills customers understand, agreed by support and product.")
        c.choose("Chair", "Bo Lind (bo)")
        c.choose("Executive sponsor", "Marta Ruiz (marta)")
        c.tick("Customer Support [support]")
        c.tick("Product [product]")
        c.fill("Launch", "2027-01-01")
        c.press("Create committee")
        said = c.said("ok", "billing-council")
        assert str(ws) not in said
    charter = loaded(ws / "billing-council/committee.yaml")
    assert {k: charter.get(k) for k in ("id", "name", "purpose", "chair", "sponsor", "departments", "launch")} == {
        "id": "billing-council",
        "name": "Billing Council",
        "purpose": "Bills customers understand, agreed by support and product.",
        "chair": "bo",
        "sponsor": "marta",
        "departments": ["support", "product"],
        "launch": date(2027, 1, 1),
    }
    assert load_workspace(ws).problems_of("billing-council") == ()  # complete: it validates as written
    files = ("changes.csv", "committee.yaml", "kpis.yaml", "maturity.yaml", "measurements.csv", "meetings.yaml")
    unchanged_except(ws, *(f"billing-council/{f}" for f in (*files, "plan.yaml", "updates.csv")))


def test_a_kpi_value_that_is_no_number_is_named_with_committee_kpi_and_file_and_nothing_is_written(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    with chair(server, browser, tmp_path) as c:
        c.fill("A3 note", "Brief drafted")
        c.fill("CSAT (%)", "86,6x")
        c.press("Post check-in")
        said = c.said("error", "1 posted, 1 not saved:")
        assert str(ws) not in said and str(tmp_path) not in said
        assert "CX Steering Committee, KPI CSAT: value " in said and "(cx/measurements.csv, line 5)" in said, said
        assert added_lines(ws, "cx/updates.csv") == [f"{TODAY},A3,not_started,ana,Brief drafted"]  # the rest posted
        c.shows("CSAT (%)", "86,6x")  # kept, to be fixed
        unchanged_except(ws, "cx/updates.csv")
    assert "CX Steering Committee, KPI CSAT: value 86,6x is not a number (cx/measurements.csv, line 5)" in said


def test_a_chair_with_five_actions_and_two_kpis_checks_in_within_ten_interactions(
    server: Server, browser: Any, ws: Path, tmp_path: Path
) -> None:
    # Ana is Responsible for three more open actions and owns frt too: five actions, two KPIs.
    plan = text(ws / "cx/plan.yaml")
    for n, due in ((5, "2026-12-10"), (6, "2027-02-28"), (7, "2027-04-30")):
        plan += (
            f"  - id: A{n}\n    title: Follow-up {n}\n    horizon: 12\n    due: {due}\n"
            "    raci: {responsible: [ana], accountable: bo}\n"
        )
    (ws / "cx/plan.yaml").write_text(plan, encoding="utf-8")
    kpis = text(ws / "cx/kpis.yaml").replace("owner: bo", "owner: ana")
    (ws / "cx/kpis.yaml").write_text(kpis, encoding="utf-8")
    assert load_workspace(ws).problems_of("cx") == ()
    with chair(server, browser, tmp_path) as c:
        steps = [
            lambda: c.choose("A4 status", "done"),
            lambda: c.choose("A5 status", "at risk"),
            lambda: c.fill("A3 note", "Brief drafted"),
            lambda: c.choose("A6 status", "on track"),
            lambda: c.fill("A7 note", "Vendor picked"),
            lambda: c.fill("First reply time (median) (hours)", "2,5"),
            lambda: c.fill("CSAT (%)", "86,6"),
            lambda: c.press("Post check-in"),
        ]
        for step in steps:  # eight interactions: five actions, two values, one button
            step()
        c.said("ok", f"Recorded for {LAST_MONTH}: ")
    assert sorted(added_lines(ws, "cx/updates.csv")) == sorted(
        [
            f"{TODAY},A4,done,ana,",
            f"{TODAY},A5,at_risk,ana,",
            f"{TODAY},A3,not_started,ana,Brief drafted",
            f"{TODAY},A6,on_track,ana,",
            f"{TODAY},A7,not_started,ana,Vendor picked",
        ]
    )
    assert sorted(added_lines(ws, "cx/measurements.csv")) == [f"csat,{LAST_MONTH},86.6,", f"frt,{LAST_MONTH},2.5,"]
    assert (text(ws / "cx/plan.yaml"), text(ws / "cx/kpis.yaml")) == (plan, kpis)  # as the test wrote them
    unchanged_except(ws, "cx/plan.yaml", "cx/kpis.yaml", "cx/updates.csv", "cx/measurements.csv", "cx/audit.csv")
