"""`cxgov serve`: serve the read-only stakeholder dashboard with Voila."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from types import FrameType

from cxgov.commands import workspace_argument
from cxgov.dashboard.server import (
    DEFAULT_CULL_SECONDS,
    DEFAULT_POOL,
    DEFAULT_PORT,
    LOCAL_HOST,
    TOKEN_ENV,
    Server,
    voila_server,
)
from cxgov.errors import CxgovError

SUMMARY = "Serve the read-only dashboard (Voila) and print the URL to open."
EXAMPLE = (
    "cxgov serve --workspace committees --port 8866\n"
    "cxgov serve --host 0.0.0.0   # reachable from other machines: prints a URL with a generated token"
)
STARTUP_SECONDS = 120
STOP_SECONDS = 20


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    workspace_argument(p, positional=False)
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})")
    p.add_argument(
        "--host",
        default=LOCAL_HOST,
        help=f"address to listen on (default: {LOCAL_HOST}, this machine only); any other requires a token",
    )
    p.add_argument(
        "--token",
        default=None,
        help=(
            f"token viewers need (default: ${TOKEN_ENV} if set, else none locally and a random one otherwise); "
            f"other users of this machine can read a --token in `ps`, not ${TOKEN_ENV}"
        ),
    )
    p.add_argument(
        "--pool-size",
        dest="pool_size",
        type=int,
        default=DEFAULT_POOL,
        metavar="N",
        help=f"kernels kept preheated with the dashboard rendered (default: {DEFAULT_POOL}; 0: none)",
    )
    p.add_argument(
        "--cull-after",
        dest="cull_after",
        type=int,
        default=DEFAULT_CULL_SECONDS,
        metavar="SECONDS",
        help=(
            "shut down a viewer's kernel once no page has been connected to it for this long, e.g. after "
            f"the browser was killed (default: {DEFAULT_CULL_SECONDS}; a closed page frees its kernel at once)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to serve()."""
    return serve(
        args.workspace,
        port=args.port,
        host=args.host,
        token=args.token,
        pool_size=args.pool_size,
        cull_after=args.cull_after,
    )


def serve(
    workspace: str,
    *,
    port: int = DEFAULT_PORT,
    host: str = LOCAL_HOST,
    token: str | None = None,
    pool_size: int = DEFAULT_POOL,
    cull_after: int = DEFAULT_CULL_SECONDS,
) -> int:
    """Start Voila, print the URL once it answers, and stop it cleanly on Ctrl-C or SIGTERM.

    token None: $CXGOV_DASHBOARD_TOKEN if set, else none locally and a generated one for other hosts.
    """
    token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    server = voila_server(workspace, port, host, token, pool_size, cull_after=cull_after)
    _check_port_free(server)
    proc = subprocess.Popen(server.argv, env=server.env)

    def forward(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        if not _wait_until_up(server, proc):
            code = proc.wait()
            raise CxgovError(f"the dashboard server did not start (exit code {code}); its messages are above")
        print(f"Dashboard of {workspace}: {server.url}", flush=True)
        print("Read-only. Press Ctrl-C to stop.", file=sys.stderr, flush=True)
        return proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        print("dashboard stopped", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            _stop(proc)


def _check_port_free(server: Server) -> None:
    """Fail early when something already listens there (else the probe would find it and not Voila)."""
    host, port = server.probe
    try:
        with socket.create_connection((host, port), timeout=1):
            pass
    except OSError:
        return
    raise CxgovError(f"--port: expected a free port, found {port} in use on {host}")


def _wait_until_up(server: Server, proc: subprocess.Popen[bytes]) -> bool:
    """Poll the port until Voila accepts connections; False if it exited first or took too long."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with socket.create_connection(server.probe, timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Ask Voila to stop (it shuts its kernels down), then insist."""
    if proc.poll() is not None:
        return
    # SIGTERM, not SIGINT: after a Ctrl-C Voila is already stopping, and a second
    # KeyboardInterrupt could cut its kernel shutdown short. SIGTERM only schedules a stop.
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
