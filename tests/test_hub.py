"""The JupyterHub deployment of deploy/jupyterhub, for real: the Hub (PyPI), configurable-http-proxy (npm, by
`make hub`), Chromium, two people signing in on 127.0.0.1.

The Hub runs deploy/jupyterhub/jupyterhub_config.py as it is, with a test file on top that only changes
what a test must: ports, JupyterHub's SharedPasswordAuthenticator (one test password, only for the
allowed users: those org.yaml gives a login) instead of the machine's accounts, and every server run as this test's own user (SimpleLocalProcessSpawner, homes in tmp). The
monthly review service is left out (it would review the workspace at once: minutes of CPU); its
schedule is tested in tests/test_deploy_review.py.

In valid/minimal's cx, ana (login ana) chairs; zoe (login zoe), added here, is in no committee.
Without the Hub, the proxy or Chromium the test skips with the reason, except under CI=true.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, free_port, log_tail, require_chromium, wait_for_port
from workspaces import MINIMAL, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = Path(sys.prefix) / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = secrets.token_hex(16)
TIMEOUT_MS = 180_000  # a first sign-in starts the person's server, then Voila runs the editor
ZOE = "  - {id: zoe, name: Zoe Quist, department: product, login: zoe}\n"

TEST_CONFIG = """
c = get_config()  # noqa: F821
load_subconfig({config!r})  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.JupyterHub.services = [s for s in c.JupyterHub.services if s["name"] == "dashboard"]
"""


def require_hub() -> Path:
    """The jupyterhub command; skip without it or the proxy (fail under CI=true)."""
    hub = Path(sys.executable).with_name("jupyterhub")
    missing = [
        what
        for what, ok in (
            ("jupyterhub (pip: the dev extra)", hub.exists() and importlib.util.find_spec("jupyterhub") is not None),
            (f"configurable-http-proxy at {PROXY} (run: make hub)", PROXY.exists()),
        )
        if not ok
    ]
    if missing:
        reason = "the Hub test needs " + " and ".join(missing)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; CI=true requires it (.ci/run: make test installs both)")
        pytest.skip(reason)
    return hub


@dataclass(frozen=True)
class Hub:
    url: str
    ws: Path
    log: Path
    proc: subprocess.Popen[str]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    require_chromium()
    command = require_hub()
    tmp = tmp_path_factory.mktemp("hub")
    ws = Path(shutil.copytree(MINIMAL, tmp / "ws"))
    org = ws / "org.yaml"
    text = org.read_text(encoding="utf-8").replace("{id: ana, ", "{id: ana, login: ana, ", 1)
    org.write_text(text.replace("journey:", ZOE + "journey:", 1), encoding="utf-8")
    port, hub_port, api_port, dashboard_port = (free_port() for _ in range(4))
    config = tmp / "test_config.py"
    config.write_text(
        TEST_CONFIG.format(config=str(CONFIG), port=port, hub_port=hub_port, api_port=api_port, password=PASSWORD)
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "CXGOV_"))}
    env.update(
        CXGOV_WORKSPACE=str(ws),
        CXGOV_HUB_DATA=str(tmp / "data"),
        CXGOV_HUB_SPAWNER="simple",
        CXGOV_HUB_HOMES=str(tmp / "homes"),
        CXGOV_DASHBOARD_PORT=str(dashboard_port),
        CXGOV_DASHBOARD_POOL="0",
        CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(16),
    )
    log = tmp / "hub.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(command), "-f", str(config)],
            cwd=tmp,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its proxy, services and servers: stopped with it below
        )
    try:
        wait_for_port(port, proc)
        wait_for_port(dashboard_port, proc)
        _wait_for_login_page(f"http://127.0.0.1:{port}", proc, log)
        yield Hub(f"http://127.0.0.1:{port}", ws, log, proc)
    finally:
        _stop_group(proc)
        _stop_proxy(tmp / "data" / "jupyterhub-proxy.pid")


def _wait_for_login_page(url: str, proc: subprocess.Popen[str], log: Path, timeout: float = 120) -> None:
    """The proxy listens before the Hub has added its route (its /hub/login is a 404 until then): wait for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the Hub exited with code {proc.returncode}:\n{log_tail(log, 80)}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/hub/login", timeout=5) as answer:
            if answer.status == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"the Hub's login page did not answer within {timeout} s:\n{log_tail(log, 80)}")


def _stop_proxy(pid_file: Path) -> None:
    """The proxy runs in a session of its own: a Hub that crashed leaves it running (its pid is in the file)."""
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """Stop the Hub (it stops its servers, services and proxy), then whatever of its group is left."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # the group this test started (start_new_session)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def sign_in(browser: Any, hub: Hub, login: str) -> Any:
    """A new browser context signed in to the Hub as login, on the editor its server opens; its page."""
    page = browser.new_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(f"{hub.url}/hub/login")
        page.fill("#username_input", login)
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        page.get_by_role("button", name="Reload from disk").wait_for()  # the editor's header: it has loaded
        page.locator(".lm-TabBar-tab", has_text="Status update").click()
        page.get_by_role("button", name="Post update").wait_for()
    except Exception:
        print(f"signing in as {login}: at {page.url}\n{page.content()[:3000]}\n{log_tail(hub.log, 80)}")
        raise
    assert f"/user/{login}/voila/render/editor.ipynb" in page.url
    return page


def you_are(page: Any) -> tuple[str, bool]:
    """What "You are" shows, and whether it can be changed."""
    picker = page.get_by_label("You are", exact=True).first
    text = picker.evaluate("s => s.options[s.selectedIndex].text")
    return text.replace("\xa0", " "), picker.is_enabled()  # ipywidgets shows spaces as no-break spaces


def updates(ws: Path) -> list[str]:
    return (ws / "cx" / "updates.csv").read_text(encoding="utf-8").splitlines()


def test_a_chair_signs_in_and_posts_an_update_signed_as_herself(hub: Hub, browser: Any) -> None:
    page = sign_in(browser, hub, "ana")
    try:
        assert you_are(page) == ("Ana Kowalska (ana), signed in as ana", False)
        page.get_by_label("Action", exact=True).first.select_option(label="A3: Halve repeat contacts about activation")
        page.get_by_label("Status", exact=True).first.select_option(label="on track")
        page.get_by_label("Note", exact=True).first.fill("Posted through the Hub")
        page.get_by_role("button", name="Post update").click()
        today = date.today().isoformat()
        page.get_by_text(f"Posted: A3 on_track by ana on {today}").wait_for()
    except Exception:
        print(log_tail(hub.log, 80))
        raise
    finally:
        page.context.close()
    assert updates(hub.ws)[-1] == f"{today},A3,on_track,ana,Posted through the Hub"


def test_a_person_outside_the_committee_is_refused_and_told_why(hub: Hub, browser: Any) -> None:
    before = updates(hub.ws)
    page = sign_in(browser, hub, "zoe")
    try:
        assert you_are(page) == ("Zoe Quist (zoe), signed in as zoe", False)
        page.get_by_label("Action", exact=True).first.select_option(label="A1: Map the onboarding journey")
        page.get_by_role("button", name="Post update").click()
        page.get_by_text("Zoe Quist may not post an update on A1 (Map the onboarding journey)").wait_for()
        page.get_by_text("Not saved:").wait_for()
    except Exception:
        print(log_tail(hub.log, 80))
        raise
    finally:
        page.context.close()
    assert updates(hub.ws) == before


def test_the_dashboard_service_needs_the_hubs_login(hub: Hub, browser: Any) -> None:
    stranger = browser.new_context().new_page()
    stranger.set_default_timeout(TIMEOUT_MS)
    try:
        stranger.goto(f"{hub.url}/services/dashboard/")
        stranger.locator("#login_submit").wait_for()  # sent to the Hub's login page
        assert "/hub/login" in stranger.url
        assert stranger.get_by_role("heading", name="CX Steering Committee").count() == 0
    finally:
        stranger.context.close()
    page = sign_in(browser, hub, "zoe")  # a stakeholder: reads
    try:
        page.goto(f"{hub.url}/services/dashboard/")
        page.get_by_role("heading", name="CX Steering Committee", exact=True).wait_for()
        assert page.url.startswith(f"{hub.url}/services/dashboard/")
    except Exception:
        print(log_tail(hub.log, 80))
        raise
    finally:
        page.context.close()
