"""The Voila command line `cxgov serve` runs: protective defaults, tokens off this machine, the URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from workspaces import REPO

from cxgov.dashboard.server import (
    CONTENT_SECURITY_POLICY,
    DEFAULT_CULL_SECONDS,
    NOTEBOOK,
    TEMPLATES,
    TOKEN_ENV,
    is_local,
    voila_server,
)
from cxgov.errors import CxgovError

EXAMPLE = str(REPO / "committees")


def option(argv: list[str], name: str) -> str | None:
    """The value of --name=value in argv, or None."""
    found = [a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")]
    return found[-1] if found else None


def test_local_by_default_without_a_token() -> None:
    s = voila_server(EXAMPLE, port=9123)
    assert option(s.argv, "Voila.ip") == "127.0.0.1"
    assert option(s.argv, "port") == "9123"
    assert s.token is None and option(s.argv, "token") is None and TOKEN_ENV not in s.env
    assert s.url == "http://127.0.0.1:9123/"


def test_a_token_in_the_callers_environment_does_not_reach_a_local_server_unasked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TOKEN_ENV, "inherited")
    assert TOKEN_ENV not in voila_server(EXAMPLE).env  # cxgov serve decides; voila_server is told


def test_kernels_no_page_is_connected_to_are_culled() -> None:
    argv = voila_server(EXAMPLE).argv
    assert option(argv, "VoilaConfiguration.multi_kernel_manager_class") == (
        "cxgov.dashboard.kernels.DashboardKernelManager"
    )
    assert option(argv, "MappingKernelManager.cull_idle_timeout") == str(DEFAULT_CULL_SECONDS) == "300"
    assert option(argv, "MappingKernelManager.cull_interval") == "60"
    argv = voila_server(EXAMPLE, cull_after=6).argv
    assert option(argv, "MappingKernelManager.cull_idle_timeout") == "6"
    assert option(argv, "MappingKernelManager.cull_interval") == "1"


def test_viewer_protections_are_stated_explicitly() -> None:
    argv = voila_server(EXAMPLE).argv
    assert argv[1:4] == ["-m", "cxgov.dashboard.voila_main", str(NOTEBOOK)]
    assert option(argv, "strip_sources") == "True"
    assert option(argv, "show_tracebacks") == "False"
    assert option(argv, "VoilaConfiguration.allow_template_override") == "NO"
    assert option(argv, "VoilaConfiguration.allow_theme_override") == "NO"
    assert option(argv, "template") == "cxgov" and option(argv, "theme") == "light"
    assert option(argv, "Voila.port_retries") == "0"
    assert "--no-browser" in argv
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY and "connect-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_kernels_are_preheated_unless_the_pool_is_zero() -> None:
    argv = voila_server(EXAMPLE, pool_size=3).argv
    assert option(argv, "preheat_kernel") == "True" and option(argv, "pool_size") == "3"
    argv = voila_server(EXAMPLE, pool_size=0).argv
    assert option(argv, "preheat_kernel") is None and option(argv, "pool_size") is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "dashboard.example.org", "::"])
def test_a_non_local_host_gets_a_generated_token(host: str) -> None:
    s = voila_server(EXAMPLE, port=8866, host=host)
    assert s.token and len(s.token) >= 24
    assert s.env[TOKEN_ENV] == s.token
    assert not [a for a in s.argv if s.token in a], "the token must not be on the command line (ps shows it)"
    assert s.url.endswith(f":8866/?token={s.token}")
    assert voila_server(EXAMPLE, host=host).token != s.token  # random each time


def test_a_given_token_is_used_as_it_is() -> None:
    s = voila_server(EXAMPLE, host="0.0.0.0", token="my token/1")
    assert s.env[TOKEN_ENV] == "my token/1" and not [a for a in s.argv if "my token" in a]
    assert s.url.endswith("/?token=my%20token%2F1")


@pytest.mark.parametrize(
    ("host", "local"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)]
)
def test_what_counts_as_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_the_kernels_find_the_workspace_and_voila_finds_the_template() -> None:
    s = voila_server("committees" if Path("committees").is_dir() else EXAMPLE)
    assert Path(s.env["CXGOV_WORKSPACE"]).is_absolute()
    assert Path(s.env["CXGOV_WORKSPACE"], "org.yaml").is_file()
    assert s.env["CXGOV_WORKSPACE_SHOWN"] in ("committees", os.path.normpath(EXAMPLE))  # as given, for messages
    assert s.env["JUPYTER_PATH"].split(os.pathsep)[0] == str(TEMPLATES)
    assert (TEMPLATES / "voila" / "templates" / "cxgov" / "index.html.j2").is_file()


def test_the_template_links_to_no_cdn() -> None:
    text = (TEMPLATES / "voila" / "templates" / "cxgov" / "index.html.j2").read_text(encoding="utf-8")
    assert "https://" not in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workspace": "nope"}, "nope: expected a workspace folder, found nothing"),
        ({"port": 0}, "--port: expected a port number 1-65535, found 0"),
        ({"pool_size": -1}, "--pool-size: expected 0 or more kernels, found -1"),
        ({"token": " "}, "--token: expected a non-empty token, found ''"),
        ({"cull_after": 0}, "--cull-after: expected 1 second or more, found 0"),
    ],
)
def test_bad_options_are_errors(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"workspace": EXAMPLE, **kwargs}
    with pytest.raises(CxgovError) as err:
        voila_server(**args)  # type: ignore[arg-type]
    assert str(err.value) == message
