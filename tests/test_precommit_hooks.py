"""The pre-commit hook: .pre-commit-hooks.yaml passes pre-commit's own schema, matches workspace files,
and its command validates a workspace; the README's configuration snippets are valid too."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_config, load_manifest
from workspaces import REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
WORKSPACE_FILES = (
    "org.yaml",
    "signals.csv",
    "committee.yaml",
    "plan.yaml",
    "kpis.yaml",
    "meetings.yaml",
    "maturity.yaml",
    "commentary.yaml",
    "updates.csv",
    "measurements.csv",
)


@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = load_manifest(str(MANIFEST))  # raises on anything pre-commit would reject
    assert [h["id"] for h in hooks] == ["cxgov-validate", "cxgov-record-history"]
    return hooks[0]


@pytest.fixture(scope="module")
def record_hook() -> dict:
    return load_manifest(str(MANIFEST))[1]


def test_the_hook_runs_cxgov_validate_once_on_the_whole_workspace(hook):
    assert hook["name"] == "cxgov validate"
    assert hook["entry"] == "cxgov validate"
    assert hook["language"] == "python"  # pre-commit installs this repository (and its console script)
    assert hook["pass_filenames"] is False  # validate takes a folder, not the changed files


def test_the_hook_fires_on_every_workspace_file_and_nothing_else(hook):
    files = re.compile(hook["files"])
    example = sorted(str(p.relative_to(REPO)) for p in (REPO / "committees").rglob("*") if p.is_file())
    assert {Path(p).name for p in example} <= set(WORKSPACE_FILES)
    assert all(files.search(p) for p in example), [p for p in example if not files.search(p)]
    assert files.search("org.yaml") and files.search("ws/cx/updates.csv")
    for other in ("README.md", ".github/workflows/validate.yml", "pyproject.toml", "environment.yml", "x/myplan.yaml"):
        assert not files.search(other), other


def _snippets() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return [s for s in re.findall(r"```yaml\n(.*?)```", readme, re.S) if s.startswith("repos:")]


def test_the_readme_configurations_are_valid_pre_commit_configs(tmp_path, hook):
    snippets = _snippets()
    assert len(snippets) == 2
    remote, local = snippets
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(remote, encoding="utf-8")
    [repo] = load_config(str(path))["repos"]
    assert [(h["id"], h["args"]) for h in repo["hooks"]] == [("cxgov-validate", ["committees"])]
    path.write_text(local, encoding="utf-8")
    [repo] = load_config(str(path))["repos"]
    [mine] = repo["hooks"]
    assert repo["repo"] == "local" and mine["id"] == "cxgov-validate"
    assert mine["files"] == hook["files"]  # the local hook fires on the same files


def _command(hook: dict, *args: str) -> list[str]:
    """The command pre-commit runs: entry + args, with the installed console script."""
    entry = shlex.split(hook["entry"])
    script = Path(sys.executable).with_name(entry[0])
    head = [str(script)] if script.exists() else [sys.executable, "-m", "cxgov"]
    return [*head, *entry[1:], *args]


def test_the_hook_command_passes_a_valid_workspace_and_fails_a_broken_one(tmp_path, hook):
    shutil.copytree(REPO / "committees", tmp_path / "committees")
    ok = subprocess.run(_command(hook, "committees"), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == "committees: OK, 3 committees, no problems\n"
    plan = tmp_path / "committees" / "cx-steering" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("horizon: 12", "horizon: 5", 1), encoding="utf-8")
    bad = subprocess.run(_command(hook, "committees"), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1  # a non-zero exit stops the commit
    assert "committees/cx-steering/plan.yaml:" in bad.stdout
    assert bad.stdout.splitlines()[-1].startswith("committees: ")


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def test_the_record_hook_fires_on_plans_charters_and_kpis_only(record_hook):
    files = re.compile(record_hook["files"])
    for name in ("plan.yaml", "committee.yaml", "kpis.yaml"):
        assert files.search(f"committees/cx/{name}")
    for other in ("org.yaml", "ws/cx/updates.csv", "ws/cx/changes.csv", "ws/cx/meetings.yaml", "x/myplan.yaml"):
        assert not files.search(other), other
    assert record_hook["entry"] == "cxgov history record" and record_hook["pass_filenames"] is False


def test_the_record_hook_records_a_hand_edit_once_signed_by_git_user(tmp_path, record_hook):
    shutil.copytree(REPO / "committees", tmp_path / "committees")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "ana.kowalska@northwind-broadband.example")
    _git(tmp_path, "config", "user.name", "Ana")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    plan = tmp_path / "committees" / "cx-steering" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "due: 2026-09-30" in text
    plan.write_text(text.replace("due: 2026-09-30", "due: 2026-12-20", 1), encoding="utf-8")
    env = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    args = ["committees", "--date", "2026-12-01", "--reason", "hand edit"]
    first = subprocess.run(_command(record_hook, *args), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    rows = (tmp_path / "committees" / "cx-steering" / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "date,by,file,object,field,before,after,reason"
    assert len(rows) == 2 and rows[1].startswith("2026-12-01,ana,plan.yaml,action ")
    assert rows[1].endswith(',due,"""2026-09-30""","""2026-12-20""",hand edit')
    again = subprocess.run(_command(record_hook, *args), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (again.returncode, again.stdout) == (0, "committees: nothing to record\n")
    assert len((tmp_path / "committees" / "cx-steering" / "changes.csv").read_text().splitlines()) == 2
