"""Shared fixtures: build a workspace from valid/minimal plus an invalid case, and load it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from workspaces import build_workspace

from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace

MakeWorkspace = Callable[..., Path]
LoadCase = Callable[..., Workspace]


@pytest.fixture
def make_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeWorkspace:
    """Return make(case=None) -> tmp_path/ws, built from valid/minimal plus case; the cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)

    def make(case: Path | None = None) -> Path:
        return build_workspace(tmp_path / "ws", case)

    return make


@pytest.fixture
def load_case(make_workspace: MakeWorkspace) -> LoadCase:
    """Return load(case=None) -> Workspace, loaded as load_workspace("ws") so messages start with 'ws/'."""

    def load(case: Path | None = None) -> Workspace:
        make_workspace(case)
        return load_workspace("ws")

    return load


@pytest.fixture(autouse=True)
def _not_under_jupyterhub(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as outside JupyterHub, even from a Hub user's terminal (its $JUPYTERHUB_USER would make the
    editor enforce permissions); tests/test_editor_hub.py and tests/test_hub.py set the Hub's environment."""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
