"""The dashboard as a JupyterHub service (cxgov.dashboard.hub): its Voila command from the Hub's environment.

tests/test_hub.py runs it under a real Hub; here, what it is given and what it refuses.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.dashboard.hub import hub_server
from cxgov.dashboard.server import TOKEN_ENV
from cxgov.errors import CxgovError

HUB_ENV = {
    "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:10101",
    "JUPYTERHUB_SERVICE_PREFIX": "/services/dashboard/",
    "JUPYTERHUB_API_TOKEN": "secret-api-token",
    "JUPYTERHUB_CLIENT_ID": "service-dashboard",
}


def test_voila_listens_where_the_hub_says_under_its_prefix_with_the_hubs_login() -> None:
    server = hub_server(str(MINIMAL), dict(HUB_ENV))
    assert "--port=10101" in server.argv and server.argv.count("--Voila.ip=127.0.0.1") == 1
    assert "--Voila.base_url=/services/dashboard/" in server.argv
    assert "--Voila.identity_provider_class=cxgov.dashboard.hub.HubIdentityProvider" in server.argv
    assert "--Voila.authorizer_class=jupyterhub.singleuser.extension.JupyterHubAuthorizer" in server.argv
    assert server.token is None and TOKEN_ENV not in server.env  # the Hub's login replaces the token
    assert server.env["JUPYTERHUB_API_TOKEN"] == "secret-api-token"  # for the identity provider
    assert not any("secret-api-token" in arg for arg in server.argv)  # never on the command line
    assert server.env["CXGOV_WORKSPACE"] == str(MINIMAL.resolve())


def test_on_kubernetes_it_listens_on_every_address_still_without_a_token() -> None:
    server = hub_server(str(MINIMAL), {**HUB_ENV, "JUPYTERHUB_SERVICE_URL": "http://0.0.0.0:10101"})
    assert [a for a in server.argv if a.startswith("--Voila.ip=")] == ["--Voila.ip=0.0.0.0"]  # once: Voila refuses two
    assert server.token is None


def test_the_pool_size_comes_from_the_environment() -> None:
    assert "--pool_size=3" in hub_server(str(MINIMAL), {**HUB_ENV, "CXGOV_DASHBOARD_POOL": "3"}).argv
    assert not any(
        a.startswith("--pool_size") for a in hub_server(str(MINIMAL), {**HUB_ENV, "CXGOV_DASHBOARD_POOL": "0"}).argv
    )
    with pytest.raises(CxgovError, match="CXGOV_DASHBOARD_POOL: expected a number of kernels, found 'many'"):
        hub_server(str(MINIMAL), {**HUB_ENV, "CXGOV_DASHBOARD_POOL": "many"})


def test_outside_a_hub_it_says_how_to_run_it() -> None:
    with pytest.raises(CxgovError) as found:
        hub_server(str(MINIMAL), {})
    assert str(found.value) == (
        "JUPYTERHUB_SERVICE_URL, JUPYTERHUB_SERVICE_PREFIX, JUPYTERHUB_API_TOKEN: expected JupyterHub's service "
        "environment, found nothing (run this as a Hub-managed service: see deploy/jupyterhub/jupyterhub_config.py)"
    )


def test_a_prefix_that_is_not_a_path_is_refused() -> None:
    with pytest.raises(CxgovError, match="JUPYTERHUB_SERVICE_PREFIX: expected a path like /services/dashboard/"):
        hub_server(str(MINIMAL), {**HUB_ENV, "JUPYTERHUB_SERVICE_PREFIX": "services/dashboard"})


def test_the_command_outside_a_hub_exits_2_with_the_message_and_no_traceback(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CXGOV_WORKSPACE": str(MINIMAL)}
    done = subprocess.run(
        [sys.executable, "-m", "cxgov.dashboard.hub"], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.startswith("cxgov dashboard service: JUPYTERHUB_SERVICE_URL, ")
    assert "Traceback" not in done.stderr


def test_the_identity_provider_puts_the_oauth_callback_under_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("jupyterhub")
    for name, value in HUB_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://127.0.0.1:8081/hub/api")
    from cxgov.dashboard import hub

    provider = hub.HubIdentityProvider(token="")  # Voila passes its token: ignored
    assert [h[0] for h in provider.get_handlers()] == [
        "/services/dashboard/logout",
        "/services/dashboard/oauth_callback",
    ]
    assert hub.HubIdentityProvider is type(provider)  # one class, as Voila imports it by name
