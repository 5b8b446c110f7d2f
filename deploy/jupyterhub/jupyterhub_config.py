"""JupyterHub for a team on one machine: each person's JupyterLab opened on the editor, the dashboard, the review.

    sudo CXGOV_WORKSPACE=/srv/cxgov/committees .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

(see README.md, "Deploying for a team"). What runs:

- each person signs in to the Hub and gets their own JupyterLab server with cxgov, opened on the editor
  (notebooks/editor.ipynb) rendered by Voila; "You are" is the person whose org.yaml `login` is their Hub
  user name, and they may write what the governance gives them (docs/workspace-format.md, "Who may
  write what"); every save is signed with their person id;
- the read-only stakeholder dashboard, a Hub-managed service at /services/dashboard/ behind the Hub's
  login (`python -m cxgov.dashboard.hub`);
- the monthly review, a Hub-managed service that runs `cxgov review` on the first of each month
  (deploy/jupyterhub/monthly_review.py).

Settings, from the environment of the `jupyterhub` command:

- CXGOV_WORKSPACE: the shared workspace (default /srv/cxgov/committees), a git checkout or a folder
  every person's server may write (see README.md for both);
- CXGOV_REPORTS: where the monthly review goes (default: reports/ beside the workspace);
- CXGOV_HUB_DATA: the Hub's database and cookie secret (default /srv/cxgov/hub);
- CXGOV_HUB_SPAWNER: `local` (default: each server runs as the system user of the person's Hub name,
  which must exist) or `simple` (every server runs as the Hub's own user, homes under
  CXGOV_HUB_HOMES/<name>: for a trial, or a machine where the Hub runs as an unprivileged user);
- CXGOV_SERVICE_USER: the system user the dashboard and the review run as (default: the Hub's own);
- CXGOV_GIT_COMMIT=1: every save is also a git commit authored by the person (the workspace is a
  git checkout);
- CXGOV_DASHBOARD_PORT: where the dashboard service listens on 127.0.0.1 (default 10101).

The Hub's authenticator is JupyterHub's default (the machine's accounts, PAM); for an organisation's
single sign-on set c.JupyterHub.authenticator_class to an OAuthenticator class in a file loaded after
this one. Only the people org.yaml gives a `login` may sign in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (JupyterHub defines it)

REPO = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)  # the environment with cxgov[hub]: the Hub's, every server's, the services'
BIN = PYTHON.parent
WORKSPACE = Path(os.environ.get("CXGOV_WORKSPACE", "/srv/cxgov/committees")).resolve()
REPORTS = Path(os.environ.get("CXGOV_REPORTS") or WORKSPACE.parent / "reports")
DATA = Path(os.environ.get("CXGOV_HUB_DATA", "/srv/cxgov/hub"))
DASHBOARD_PORT = int(os.environ.get("CXGOV_DASHBOARD_PORT", "10101"))
# `make hub` installs configurable-http-proxy (npm) here, beside the Python environment.
PROXY = Path(sys.prefix) / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"


def logins(workspace: Path) -> set[str]:
    """The Hub user names org.yaml gives people: who may sign in."""
    from cxgov.workspace.load import load_workspace

    org = load_workspace(workspace).org
    if org is None:
        sys.exit(f"{workspace}/org.yaml does not load: run `cxgov validate {workspace}` and fix it first")
    return {p.login for p in org.people if p.login}


# --- the Hub ----------------------------------------------------------------------------------------

DATA.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{DATA / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DATA / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(DATA / "jupyterhub-proxy.pid")
if PROXY.exists():
    c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.Authenticator.allowed_users = logins(WORKSPACE)

# --- each person's server: JupyterLab with cxgov, opened on the editor in Voila ------------------------

if os.environ.get("CXGOV_HUB_SPAWNER", "local") == "simple":
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = (
        os.environ.get("CXGOV_HUB_HOMES", str(DATA / "homes")) + "/{username}"
    )
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(REPO / "notebooks")  # editor.ipynb; the workspace is elsewhere
c.Spawner.default_url = "/voila/render/editor.ipynb"
c.Spawner.args = [
    # Voila as cxgov serve runs it: no sources, no tracebacks, no template switching from the URL.
    "--VoilaConfiguration.strip_sources=True",
    "--VoilaConfiguration.show_tracebacks=False",
    "--VoilaConfiguration.allow_template_override=NO",
    "--VoilaConfiguration.allow_theme_override=NO",
]
if os.geteuid() == 0 and os.environ.get("CXGOV_HUB_SPAWNER") == "simple":
    c.Spawner.args.append("--allow-root")  # every server runs as the Hub's user, here root
c.Spawner.environment = {
    "CXGOV_WORKSPACE": str(WORKSPACE),
    "CXGOV_GIT_COMMIT": os.environ.get("CXGOV_GIT_COMMIT", ""),
}
# A chair's server idles most of the month: stop it after an hour without activity (the Hub's own
# culler is a separate package; this only asks each server to stop itself).
c.Spawner.args += ["--ServerApp.shutdown_no_activity_timeout=3600", "--MappingKernelManager.cull_idle_timeout=3600"]

# --- the dashboard and the monthly review, as Hub-managed services --------------------------------------

service_user = {"user": os.environ["CXGOV_SERVICE_USER"]} if os.environ.get("CXGOV_SERVICE_USER") else {}
c.JupyterHub.services = [
    {
        "name": "dashboard",
        "display": True,
        "url": f"http://127.0.0.1:{DASHBOARD_PORT}",
        "command": [str(PYTHON), "-m", "cxgov.dashboard.hub"],
        # A service gets only the environment named here (and PATH, LANG ...), not the Hub's.
        "environment": {
            "CXGOV_WORKSPACE": str(WORKSPACE),
            "CXGOV_DASHBOARD_POOL": os.environ.get("CXGOV_DASHBOARD_POOL", ""),
        },
        "oauth_no_confirm": True,  # the Hub's own read-only dashboard: no "authorize this service?" page
        **service_user,
    },
    {
        "name": "monthly-review",
        "command": [str(PYTHON), str(REPO / "deploy" / "jupyterhub" / "monthly_review.py")],
        "environment": {"CXGOV_WORKSPACE": str(WORKSPACE), "CXGOV_REPORTS": str(REPORTS)},
        **service_user,
    },
]
# Everyone who may sign in may open the dashboard (and their own server); nothing else.
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", "access:services!service=dashboard"]},
]
