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


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def _locked() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        found = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if found:
            pins.setdefault(_normal(found[1]), []).append(found[2])
    return pins


def test_lock_pins_every_declared_dependency_within_its_range() -> None:
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = _locked()
    for text in project["dependencies"] + project["optional-dependencies"]["dev"]:
        req = Requirement(text)
        name = _normal(req.name)
        assert name in locked, f"{name} is not in requirements/lock.txt: run `make lock`"
        for version in locked[name]:
            assert req.specifier.contains(version, prereleases=True), f"lock pins {name}=={version}, outside {req}"


def test_make_setup_installs_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "--constraint $(LOCK)" in makefile
    assert "$(STAMP): pyproject.toml $(LOCK)" in makefile
