"""The workspace file policy (cxgov.workspace.files): only regular files inside the workspace are read.

The loader-level messages are fixtures (tests/fixtures/invalid/file-*, `<name>.kind`); these tests
check the commands on them: a clear problem, exit 1, no hang, no traceback, nothing of outside shown.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workspaces import INVALID, OUTSIDE_TEXT, build_workspace, make_special

from cxgov.workspace.files import Refused, check_writable, inside, open_regular, roots
from cxgov.workspace.load import load_workspace

KIND_CASES = sorted(p.name for p in INVALID.iterdir() if any(p.rglob("*.kind")))


def _cxgov(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxgov", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_there_is_a_fixture_for_each_kind_of_special_file() -> None:
    kinds = {f.read_text().strip() for name in KIND_CASES for f in (INVALID / name).rglob("*.kind")}
    assert kinds >= {
        "directory",
        "fifo",
        "device",
        "socket",
        "link-outside",
        "link-dev-zero",
        "link-loop",
        "link-broken",
    }


@pytest.mark.parametrize("case", KIND_CASES)
@pytest.mark.parametrize("command", [["validate", "ws"], ["status", "ws"], ["signals", "ws"]])
def test_commands_report_special_files_quickly_without_showing_them(
    case: str, command: list[str], tmp_path: Path
) -> None:
    build_workspace(tmp_path / "ws", INVALID / case)
    started = time.monotonic()
    result = _cxgov(*command, cwd=tmp_path)
    took = time.monotonic() - started
    out = result.stdout + result.stderr
    assert took < 10
    assert "Traceback" not in out
    assert OUTSIDE_TEXT.strip() not in out
    if command[0] == "validate":
        assert result.returncode == 1
        expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        assert all(line in out.splitlines() for line in expected), out
    else:
        assert result.returncode in (0, 1), out


def test_a_link_to_a_file_inside_the_workspace_is_read_through(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "ws")
    before = load_workspace(ws)
    make_special(ws, ws / "cx" / "plan.yaml", "link-inside")
    after = load_workspace(ws)
    assert [str(p) for p in after.problems] == []
    assert after.committees[0].actions == before.committees[0].actions


def test_a_sibling_folder_sharing_the_workspace_name_prefix_is_outside(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws2").mkdir()
    (tmp_path / "ws2" / "org.yaml").write_text(OUTSIDE_TEXT)
    (tmp_path / "ws" / "org.yaml").symlink_to(tmp_path / "ws2" / "org.yaml")
    assert not inside(os.path.realpath(tmp_path / "ws2" / "org.yaml"), roots(tmp_path / "ws"))
    with pytest.raises(Refused) as refused:
        open_regular(tmp_path / "ws" / "org.yaml", roots(tmp_path / "ws"), 100)
    assert refused.value.found == "a symbolic link to outside the workspace"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    started = time.monotonic()
    with pytest.raises(Refused) as refused:
        open_regular(tmp_path / "pipe", roots(tmp_path), 100)
    assert refused.value.found == "a FIFO (named pipe)"
    assert time.monotonic() - started < 1


def test_reading_stops_after_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 1000)
    data, size = open_regular(tmp_path / "big", roots(tmp_path), 10)
    assert (len(data), size) == (11, 1000)


@pytest.mark.parametrize(
    ("kind", "found"),
    [
        ("link-inside", "a symbolic link"),
        ("link-outside", "a symbolic link"),
        ("fifo", "a FIFO (named pipe)"),
        ("directory", "a directory"),
    ],
)
def test_only_regular_files_may_be_written(kind: str, found: str, tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "ws")
    make_special(ws, ws / "cx" / "updates.csv", kind)
    assert check_writable(ws / "cx" / "updates.csv", roots(ws)) == found
    assert check_writable(ws / "cx" / "plan.yaml", roots(ws)) is None
    assert check_writable(ws / "cx" / "new.csv", roots(ws)) is None


def test_a_file_in_a_committee_folder_that_links_outside_may_not_be_written(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "ws")
    shutil.copytree(ws / "cx", tmp_path / "elsewhere")
    (ws / "ops").symlink_to(tmp_path / "elsewhere")
    assert check_writable(ws / "ops" / "updates.csv", roots(ws)) == "a folder outside the workspace"


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) is needed to drop root")
def test_an_unreadable_file_is_a_problem_for_a_user_who_cannot_read_it(tmp_path: Path) -> None:
    # Root reads everything, so the command runs as nobody on a workspace nobody can enter but not read.
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"cxgov-unreadable-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    try:
        ws = build_workspace(base / "ws")
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (ws / "cx" / "plan.yaml").chmod(0o000)
        drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*drop, sys.executable, "-m", "cxgov", "validate", "ws"],
            cwd=base,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1
        assert result.stdout.splitlines()[0] == (
            "ws/cx/plan.yaml: file: expected a regular file inside the workspace, "
            "found an unreadable file (permission denied)"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
