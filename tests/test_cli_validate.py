"""`cxgov validate` as a user runs it: exit codes, messages on stdout, and a light import path.

Messages are checked in-process (cxgov.cli.main); a real process checks the exit codes and the imports.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import cxgov
from conftest import MakeWorkspace
from workspaces import INVALID, REPO, build_workspace

HEAVY = ("pandas", "pandas.plotting", "nbformat", "papermill", "matplotlib")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.pop("CXGOV_WORKSPACE", None)
    return env


def python_m_cxgov(*args: str, cwd: Path, python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Run `python -m cxgov ARGS` in cwd, as a real process."""
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "cxgov", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_valid_workspace_exits_0(make_workspace: MakeWorkspace, tmp_path: Path) -> None:
    make_workspace()
    result = cxgov("validate", "ws", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ws: OK, 1 committee, no problems\n"
    assert result.stderr == ""


def test_validate_invalid_workspace_exits_1_with_messages_on_stdout(
    make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    make_workspace(INVALID / "committee-chair-not-member")
    result = cxgov("validate", "ws", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "ws/cx/committee.yaml:4: committee cx: chair: expected a member of the committee, found 'eli'",
        "ws: 1 problem in 1 file; left out until fixed: cx",
    ]
    assert result.stderr == ""


def test_validate_prints_every_problem_of_several_files(make_workspace: MakeWorkspace, tmp_path: Path) -> None:
    ws = make_workspace(INVALID / "update-status-not-in-enum")
    (ws / "signals.csv").write_text((INVALID / "signal-duplicate-id" / "signals.csv").read_text(encoding="utf-8"))
    result = cxgov("validate", "ws", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "ws/cx/updates.csv:3: status: expected one of not_started, on_track, at_risk, off_track, done, dropped; "
        "found 'finished'",
        "ws/signals.csv:3: signal S1: id: expected a unique signal id, found 'S1' again",
        "ws: 2 problems in 2 files",
    ]


def test_validate_missing_folder_exits_2_with_the_reason_on_stderr(tmp_path: Path) -> None:
    result = cxgov("validate", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "cxgov validate: nope: expected a workspace folder, found nothing\n"


def test_validate_a_file_instead_of_a_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("organisation: X\n")
    result = cxgov("validate", "org.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "cxgov validate: org.yaml: expected a workspace folder, found a file\n"


def test_validate_without_argument_uses_committees_in_the_current_folder(
    make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    make_workspace().rename(tmp_path / "committees")
    result = cxgov("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "committees: OK, 1 committee, no problems\n"


def test_a_real_process_exits_0_clean_1_problems_2_usage_error(make_workspace: MakeWorkspace, tmp_path: Path) -> None:
    make_workspace()
    valid = python_m_cxgov("validate", "ws", cwd=tmp_path)
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "ws: OK, 1 committee, no problems\n", "")
    missing = python_m_cxgov("validate", "nope", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "cxgov validate: nope: expected a workspace folder, found nothing\n"
    build_workspace(tmp_path / "bad", INVALID / "committee-chair-not-member")
    invalid = python_m_cxgov("validate", "bad", cwd=tmp_path)
    assert invalid.returncode == 1, invalid.stderr


def test_help_exits_0_and_shows_an_example(tmp_path: Path) -> None:
    result = cxgov("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "cxgov validate committees" in result.stdout
    result = cxgov("validate", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "example:" in result.stdout and "cxgov validate committees" in result.stdout


IMPORTS_AFTER = """
import sys
from cxgov.cli import main
try:
    code = main({argv!r})
except SystemExit as exc:  # argparse exits after --help
    code = exc.code
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(code, ",".join(heavy))
"""


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["--help"], 0), (["validate", "ws"], 0), (["validate", "nope"], 2)],
    ids=["help", "validate-valid", "validate-missing"],
)
def test_help_and_validate_do_not_import_heavy_libraries(
    make_workspace: MakeWorkspace, tmp_path: Path, argv: list[str], code: int
) -> None:
    make_workspace()
    script = IMPORTS_AFTER.format(argv=argv, heavy=HEAVY)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{code} ", f"imported: {result.stdout.splitlines()[-1]}"


@pytest.mark.parametrize("args", [("--help",), ("validate", "ws")], ids=" ".join)
def test_import_time_trace_of_the_cli_has_no_heavy_library(
    make_workspace: MakeWorkspace, tmp_path: Path, args: tuple[str, ...]
) -> None:
    make_workspace()
    result = python_m_cxgov(*args, cwd=tmp_path, python_flags=("-X", "importtime"))
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import")}
    assert "cxgov.cli" in imported
    assert not {m for m in imported if m.split(".")[0] in {"pandas", "nbformat", "papermill", "matplotlib"}}


def test_help_reads_no_workspace_code(make_workspace: MakeWorkspace, tmp_path: Path) -> None:
    # `cxgov --help` only describes the commands: no YAML parser, no loader (about 80 ms of imports here).
    make_workspace()
    result = python_m_cxgov("--help", cwd=tmp_path, python_flags=("-X", "importtime"))
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import")}
    assert "cxgov.cli" in imported
    assert not {m for m in imported if m.split(".")[0] == "yaml" or m.startswith("cxgov.workspace.load")}
