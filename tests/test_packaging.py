"""Packaging: environment.yml (conda, Binder) lists the same runtime dependencies as pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]


def _name_and_spec(requirement: str) -> tuple[str, str]:
    found = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    assert found, requirement
    return found[1].lower().replace("_", "-"), found[2].replace(" ", "")


def test_environment_yml_lists_the_same_runtime_dependencies_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_name_and_spec(r) for r in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(
        _name_and_spec(d) for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))
    )
    assert conda == wanted


def test_environment_yml_installs_the_package_itself_and_uses_conda_forge() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_console_script_points_at_the_cli() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["cxgov"] == "cxgov.cli:entry"
