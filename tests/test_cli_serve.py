"""`cxgov serve` as a user runs it: prints the URL once Voila answers, requires the token, stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import free_port, log_tail, stop
from workspaces import REPO

from cxgov.dashboard.server import CONTENT_SECURITY_POLICY

EXAMPLE = REPO / "committees"


def serve(*args: str, log: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("CXGOV_WORKSPACE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "cxgov", "serve", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        start_new_session=True,  # a Ctrl-C from the test reaches cxgov and Voila as from a terminal
    )


def get(url: str) -> tuple[int, dict[str, str]]:
    """The HTTP status and headers of GET url, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=60) as response:
            response.read()  # the whole page, as a browser would
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers)


def status(url: str) -> int:
    return get(url)[0]


def children(pid: int) -> list[int]:
    """Processes whose parent is pid (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def kernels_of(parents: list[int]) -> list[int]:
    """Kernels started by these processes (jupyter_client marks them with JPY_PARENT_PID)."""
    marks = {f"JPY_PARENT_PID={p}".encode() for p in parents}
    out = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            env = set(environ.read_bytes().split(b"\0"))
        except OSError:
            continue
        if env & marks:
            out.append(int(environ.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def port_is_closed(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return False
    except OSError:
        return True


@pytest.mark.slow
def test_serve_prints_the_url_requires_its_token_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    proc = serve("--workspace", str(EXAMPLE), "--port", str(port), "--token", "s3cret", "--pool-size", "1", log=log)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # printed only once Voila accepts connections
        assert line == f"Dashboard of {EXAMPLE}: http://127.0.0.1:{port}/?token=s3cret\n", log_tail(log)
        assert status(f"http://127.0.0.1:{port}/") == 302  # to the login page
        assert status(f"http://127.0.0.1:{port}/?token=wrong") == 302
        assert status(f"http://127.0.0.1:{port}/?token=s3cret") == 200
        voila = children(proc.pid)
        kernels = kernels_of(voila)
        assert len(voila) == 1 and kernels, "expected Voila and at least one (preheated) kernel"
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in the terminal
        assert proc.wait(60) == 0
        assert port_is_closed(port)
        assert "dashboard stopped" in log.read_text()
        assert not [p for p in voila + kernels if alive(p)], "Voila or a kernel outlived cxgov serve"
    finally:
        stop(proc)


@pytest.mark.slow
def test_serve_stops_its_server_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    proc = serve("--workspace", str(EXAMPLE), "--port", str(port), "--pool-size", "0", log=log)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == f"Dashboard of {EXAMPLE}: http://127.0.0.1:{port}/\n", log_tail(log)
        code, headers = get(f"http://127.0.0.1:{port}/")
        assert code == 200  # local and no token given: none needed
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "DeprecationWarning" not in log.read_text()
        voila = children(proc.pid)
        proc.send_signal(signal.SIGTERM)  # to cxgov only: it must stop Voila itself
        assert proc.wait(60) == 0
        assert port_is_closed(port) and voila and not [p for p in voila if alive(p)], "Voila outlived cxgov serve"
    finally:
        stop(proc)


def test_serve_refuses_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        log = tmp_path / "serve.log"
        proc = serve("--workspace", str(EXAMPLE), "--port", str(port), log=log)
        try:
            assert proc.wait(60) == 2
        finally:
            stop(proc)
    assert log.read_text() == f"cxgov serve: --port: expected a free port, found {port} in use on 127.0.0.1\n"


def test_serve_a_missing_workspace_exits_2(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    proc = serve("--workspace", str(tmp_path / "nope"), log=log)
    assert proc.wait(60) == 2
    assert log.read_text() == f"cxgov serve: {tmp_path / 'nope'}: expected a workspace folder, found nothing\n"
