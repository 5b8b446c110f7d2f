"""`python -m cxgov.dashboard.hub`: the dashboard as a JupyterHub-managed service, behind the Hub's login.

JupyterHub starts this command for a service with a ``url`` (deploy/jupyterhub/jupyterhub_config.py) and
tells it, in its environment, where to listen ($JUPYTERHUB_SERVICE_URL), under which path the Hub's proxy
sends it requests ($JUPYTERHUB_SERVICE_PREFIX, e.g. /services/dashboard/) and how to check a visitor with
the Hub (OAuth: $JUPYTERHUB_API_TOKEN, $JUPYTERHUB_CLIENT_ID, ...). It runs cxgov's own Voila command
(cxgov.dashboard.server, every protection of `cxgov serve`) with JupyterHub's identity provider, the one
`jupyterhub-singleuser` uses: a visitor who has not signed in to the Hub is sent to its login page, one
signed in without the `access:services!service=dashboard` scope is refused (403), and the kernels'
websockets are checked the same way. No token: the Hub's login replaces it.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any
from urllib.parse import urlparse

from cxgov.dashboard.server import LOCAL_HOST, Server, voila_server
from cxgov.errors import CxgovError
from cxgov.workspace.paths import notebook_workspace

SERVICE_ENV = ("JUPYTERHUB_SERVICE_URL", "JUPYTERHUB_SERVICE_PREFIX", "JUPYTERHUB_API_TOKEN")
POOL_ENV = "CXGOV_DASHBOARD_POOL"  # preheated kernels (default: cxgov serve's)


def hub_server(workspace: str, env: dict[str, str]) -> Server:
    """The Voila command of the dashboard service, from the environment JupyterHub gives a service."""
    missing = [name for name in SERVICE_ENV if not env.get(name)]
    if missing:
        raise CxgovError(
            f"{', '.join(missing)}: expected JupyterHub's service environment, found nothing "
            "(run this as a Hub-managed service: see deploy/jupyterhub/jupyterhub_config.py)"
        )
    url = urlparse(env["JUPYTERHUB_SERVICE_URL"])
    prefix = env["JUPYTERHUB_SERVICE_PREFIX"]
    if not prefix.startswith("/") or not prefix.endswith("/"):
        raise CxgovError(f"JUPYTERHUB_SERVICE_PREFIX: expected a path like /services/dashboard/, found '{prefix}'")
    pool = env.get(POOL_ENV, "")
    if pool and not pool.isdigit():
        raise CxgovError(f"{POOL_ENV}: expected a number of kernels, found '{pool}'")
    kwargs: dict[str, Any] = {"pool_size": int(pool)} if pool else {}
    # Built as a local server (no token generated), then told to listen where the Hub says.
    server = voila_server(workspace, port=url.port or 80, host=LOCAL_HOST, token=None, **kwargs)
    host = url.hostname or LOCAL_HOST
    argv = [f"--Voila.ip={host}" if arg.startswith("--Voila.ip=") else arg for arg in server.argv] + [
        f"--Voila.base_url={prefix}",
        "--Voila.identity_provider_class=cxgov.dashboard.hub.HubIdentityProvider",
        "--Voila.authorizer_class=jupyterhub.singleuser.extension.JupyterHubAuthorizer",
    ]
    hub_env = {k: v for k, v in env.items() if k.startswith("JUPYTERHUB_")}
    return Server(argv, {**server.env, **hub_env}, host, server.port, None)


@functools.cache
def _identity_provider() -> type:
    """JupyterHub's identity provider with its handlers (OAuth callback, logout) under the service's prefix.

    Voila adds an identity provider's handlers at the root ('/oauth_callback'), not under its base_url
    as jupyter_server does: the Hub would send the visitor back to a path Voila's page handler answers,
    and the visitor round the login forever.
    """
    from jupyterhub.singleuser.extension import JupyterHubIdentityProvider
    from jupyterhub.utils import url_path_join

    class Provider(JupyterHubIdentityProvider):  # type: ignore[misc]
        def __init__(self, **kwargs: Any) -> None:
            kwargs.pop("token", None)  # Voila passes its own; the Hub's API token is this provider's
            super().__init__(**kwargs)

        def get_handlers(self) -> list[Any]:
            prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
            return [(url_path_join(prefix, path), *rest) for path, *rest in super().get_handlers()]

    return Provider


def __getattr__(name: str) -> Any:
    # Voila imports the class by name (--Voila.identity_provider_class); jupyterhub is imported only then.
    if name == "HubIdentityProvider":
        return _identity_provider()
    raise AttributeError(name)


def main() -> int:
    """Exec Voila on the dashboard of $CXGOV_WORKSPACE, as the service JupyterHub started."""
    try:
        server = hub_server(notebook_workspace(), dict(os.environ))
    except CxgovError as exc:
        print(f"cxgov dashboard service: {exc}", file=sys.stderr)
        return 2
    os.execve(server.argv[0], server.argv, server.env)


if __name__ == "__main__":
    sys.exit(main())
