"""How `cxgov serve` runs Voila on the dashboard: the command line, its environment and the URL.

Standard library only: `cxgov serve --help` stays light (see cxgov.cli).

Voila's defaults that protect viewers are stated explicitly so that a local
voila.json cannot turn them off: sources stripped, no tracebacks, the page's
websocket only carries widget messages (Voila never executes code sent from
the browser), and a viewer cannot pick another template or theme from the URL.
The ``cxgov`` template is Voila's lab template without the links it makes to
a CDN, so a viewer's browser loads nothing from the internet.

The token never appears on a command line (``ps`` shows command lines to every
user of the machine): Voila receives it in its environment, which only its
owner can read, and cxgov.dashboard.voila_main takes it out before any kernel
starts. Kernels whose page has gone are shut down (cxgov.dashboard.kernels),
so that the server's memory does not grow with the number of visits.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from cxgov.errors import CxgovError
from cxgov.workspace.paths import PROJECT_ROOT, WORKSPACE_SHOWN_ENV

NOTEBOOK = PROJECT_ROOT / "notebooks" / "dashboard.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "share"  # holds voila/templates/cxgov
LOCAL_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
DEFAULT_POOL = 2
# How the token reaches Voila (see voila_main), and where `cxgov serve --token` also looks for it.
TOKEN_ENV = "CXGOV_DASHBOARD_TOKEN"
# A kernel that no page has been connected to for this long is shut down. A page closed in a browser
# asks Voila to shut its kernel down at once (a beacon on `beforeunload`); this catches the rest: a
# browser killed or crashed, a laptop closed, a visit that never connected. Five minutes outlast a
# network blip or a sleeping laptop's reconnection (the page's websocket reconnects on its own), and
# bound the orphans to the visits of the last five or six minutes (about 100 MB each).
DEFAULT_CULL_SECONDS = 300
CULL_CHECKS = 5  # look for such kernels this many times per cull period (at most every 60 s)
# Defence in depth behind the escaping: the page may load and connect to nothing but this server,
# and no plugin or framing. Voila's page needs inline scripts and styles; data: URIs carry the charts.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


def is_local(host: str) -> bool:
    """True for loopback addresses and 'localhost': only this machine can connect."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Server:
    """A Voila command line ready to run, and where viewers find it."""

    argv: list[str]
    env: dict[str, str]
    host: str
    port: int
    token: str | None

    @property
    def url(self) -> str:
        """The URL to open (with the token, when one is required)."""
        shown = socket.gethostname() if self.host in ("0.0.0.0", "::", "") else self.host
        if ":" in shown:
            shown = f"[{shown}]"
        query = f"?token={quote(self.token, safe='')}" if self.token else ""
        return f"http://{shown}:{self.port}/{query}"

    @property
    def probe(self) -> tuple[str, int]:
        """Where to connect to see whether the server is up."""
        host = {"0.0.0.0": LOCAL_HOST, "": LOCAL_HOST, "::": "::1"}.get(self.host, self.host)
        return host, self.port


def voila_server(
    workspace: str,
    port: int = DEFAULT_PORT,
    host: str = LOCAL_HOST,
    token: str | None = None,
    pool_size: int = DEFAULT_POOL,
    notebook: Path = NOTEBOOK,
    template: str = "cxgov",
    cull_after: int = DEFAULT_CULL_SECONDS,
) -> Server:
    """The Voila command serving the dashboard of workspace.

    A non-local host requires a token: a random one is generated when none is
    given. pool_size kernels are kept preheated (0: start a kernel per visit).
    A kernel no page has been connected to for cull_after seconds is shut down
    (preheated ones waiting for a viewer are kept).
    """
    root = Path(workspace).expanduser()
    if not root.is_dir():
        raise CxgovError(f"{workspace}: expected a workspace folder, found {'a file' if root.exists() else 'nothing'}")
    if not 0 < port < 65536:
        raise CxgovError(f"--port: expected a port number 1-65535, found {port}")
    if pool_size < 0:
        raise CxgovError(f"--pool-size: expected 0 or more kernels, found {pool_size}")
    if token is not None and not token.strip():
        raise CxgovError("--token: expected a non-empty token, found ''")
    if cull_after < 1:
        raise CxgovError(f"--cull-after: expected 1 second or more, found {cull_after}")
    if token is None and not is_local(host):
        token = secrets.token_urlsafe(24)
    argv = [
        sys.executable,
        "-m",
        "cxgov.dashboard.voila_main",  # Voila, plus the Content-Security-Policy header
        str(notebook),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",  # a busy port is an error, not a silent move to another one
        f"--template={template}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        # Under load (many viewers at once) the dashboard's output can arrive after nbclient's 4 s
        # default; the output would be dropped and the viewer left with an empty page.
        "--VoilaExecutor.iopub_timeout=60",
        # Kernels left behind by viewers are shut down: see DEFAULT_CULL_SECONDS and cxgov.dashboard.kernels,
        # whose manager counts a kernel idle from when no page is connected to it, not from its last message.
        "--VoilaConfiguration.multi_kernel_manager_class=cxgov.dashboard.kernels.DashboardKernelManager",
        f"--MappingKernelManager.cull_idle_timeout={cull_after}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, cull_after // CULL_CHECKS))}",
        "--MappingKernelManager.cull_busy=False",  # a kernel drawing a visitor's page is busy, and not idle
    ]
    if pool_size:
        argv += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    env = dict(os.environ)
    env.pop(TOKEN_ENV, None)
    if token:
        env[TOKEN_ENV] = token  # not on the command line: see the module's docstring
    # Kernels inherit the server's environment (preheated ones too): they find the workspace here.
    env["CXGOV_WORKSPACE"] = str(root.resolve())
    env[WORKSPACE_SHOWN_ENV] = os.path.normpath(workspace)  # messages name it as the user did, not by its server path
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATES), env.get("JUPYTER_PATH")]))
    return Server(argv, env, host, port, token)
