"""cxgov.workspace.store writes only regular files inside the workspace: never through a link, never a FIFO or device."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from workspaces import MINIMAL

from cxgov.errors import CxgovError
from cxgov.workspace.load_history import MEASUREMENT_COLUMNS, UPDATE_COLUMNS
from cxgov.workspace.store import Fingerprint, RefusedError, append_rows, atomic_write, fingerprint, replace_yaml

ROW = {"date": "2026-11-23", "action": "A2", "status": "at_risk", "by": "ana", "note": "slipping"}
MEASURE = {"kpi": "frt", "period": "2026-11", "value": "2.5", "note": ""}
SECRET = b"outside the workspace: must never change\n"


def purpose(data: Any) -> Any:
    data["purpose"] = "Changed"
    return data


def add_meeting(data: Any) -> Any:
    data["meetings"].append({"date": "2026-11-20", "attendees": ["ana"]})
    return data


Write = Callable[[Path, Path], object]

# Each way the store writes a committee file, given the workspace and the file.
WRITES: dict[str, tuple[str, Write]] = {
    "append updates.csv": (
        "updates.csv",
        lambda ws, p: append_rows(p, UPDATE_COLUMNS, [ROW], shown="ws/cx/updates.csv", root=ws),
    ),
    "append measurements.csv": (
        "measurements.csv",
        lambda ws, p: append_rows(p, MEASUREMENT_COLUMNS, [MEASURE], shown="ws/cx/measurements.csv", root=ws),
    ),
    "replace committee.yaml": (
        "committee.yaml",
        lambda ws, p: replace_yaml(p, purpose, shown="ws/cx/committee.yaml", root=ws),
    ),
    "replace meetings.yaml": (
        "meetings.yaml",
        lambda ws, p: replace_yaml(p, add_meeting, initial="meetings: []\n", shown="ws/cx/meetings.yaml", root=ws),
    ),
}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the workspace holding a file nobody may change through it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_bytes(SECRET)
    return folder


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under folder: file bytes, or what else it is (a link's target, 'fifo', 'dir')."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            key = str(p.relative_to(folder))
            if stat.S_ISLNK(st.st_mode):
                out[key] = "link -> " + os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                out[key] = p.read_bytes()
            else:
                out[key] = "dir" if stat.S_ISDIR(st.st_mode) else f"special {stat.S_IFMT(st.st_mode)}"
    return out


def refused(ws: Path, outside: Path, write: Write, path: Path, message: str) -> None:
    """The write raises exactly message, and nothing in the workspace or outside it changed."""
    before_ws, before_out = tree(ws), tree(outside)
    with pytest.raises(RefusedError) as exc:
        write(ws, path)
    assert str(exc.value) == message
    assert isinstance(exc.value, CxgovError)
    assert tree(ws) == before_ws
    assert tree(outside) == before_out


def message(name: str, found: str) -> str:
    return f"ws/cx/{name}: file: expected a regular file inside the workspace, found {found}; nothing was written"


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_link_to_a_file_outside_is_refused_and_the_file_outside_is_unchanged(
    ws: Path, outside: Path, op: str
) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    path.symlink_to(outside / "secret.txt")
    refused(ws, outside, write, path, message(name, "a symbolic link"))
    assert (outside / "secret.txt").read_bytes() == SECRET


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_dangling_link_to_outside_creates_nothing_outside(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    path.symlink_to(outside / "new.txt")
    refused(ws, outside, write, path, message(name, "a symbolic link"))
    assert not (outside / "new.txt").exists()


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_link_that_stays_inside_the_workspace_is_refused_too(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    shared = ws / "shared" / name
    shared.parent.mkdir()
    if path.exists():
        shutil.copy(path, shared)
    else:
        shared.write_text("meetings: []\n")
    path.unlink(missing_ok=True)
    path.symlink_to(Path("..") / "shared" / name)
    kept = shared.read_bytes()
    refused(ws, outside, write, path, message(name, "a symbolic link"))
    assert shared.read_bytes() == kept


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_fifo_is_refused_without_blocking(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    refused(ws, outside, write, path, message(name, "a FIFO (named pipe)"))


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_directory_is_refused(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    path.mkdir()
    (path / "inside.txt").write_text("kept\n")
    refused(ws, outside, write, path, message(name, "a directory"))


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_device_file_is_refused(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("creating a device file needs root")
    refused(ws, outside, write, path, message(name, "a device file"))


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_link_to_a_device_is_refused(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/null")
    refused(ws, outside, write, path, message(name, "a symbolic link"))


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_committee_folder_that_links_outside_is_refused(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    away = outside / "cx"
    shutil.copytree(ws / "cx", away)
    shutil.rmtree(ws / "cx")
    (ws / "cx").symlink_to(away)
    refused(ws, outside, write, ws / "cx" / name, message(name, "a folder outside the workspace"))


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_committee_folder_that_links_to_another_inside_is_refused(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    shutil.copytree(ws / "cx", ws / "other")
    shutil.rmtree(ws / "cx")
    (ws / "cx").symlink_to("other")
    refused(ws, outside, write, ws / "cx" / name, message(name, "a folder that is a symbolic link"))


@pytest.mark.parametrize("op", sorted(WRITES))
def test_a_link_loop_is_refused(ws: Path, outside: Path, op: str) -> None:
    name, write = WRITES[op]
    path = ws / "cx" / name
    path.unlink(missing_ok=True)
    path.symlink_to(name)
    refused(ws, outside, write, path, message(name, "a symbolic link"))


def test_without_a_root_the_workspace_is_the_folder_above_the_files_folder(ws: Path, outside: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.unlink()
    path.symlink_to(outside / "secret.txt")
    with pytest.raises(RefusedError, match="found a symbolic link; nothing was written"):
        append_rows(path, UPDATE_COLUMNS, [ROW])
    assert tree(outside) == {"secret.txt": SECRET}


def test_atomic_write_refuses_a_link_and_leaves_no_temporary_file(tmp_path: Path, outside: Path) -> None:
    path = tmp_path / "page.html"
    path.symlink_to(outside / "secret.txt")
    with pytest.raises(RefusedError) as exc:
        atomic_write(path, "new\n", shown="page.html")
    assert str(exc.value) == (
        "page.html: file: expected a regular file inside the workspace, found a symbolic link; nothing was written"
    )
    assert (outside / "secret.txt").read_bytes() == SECRET
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "page.html"]


def test_fingerprints_never_open_a_fifo_or_follow_a_link_out(ws: Path, outside: Path) -> None:
    fifo, link = ws / "cx" / "updates.csv", ws / "cx" / "measurements.csv"
    fifo.unlink()
    os.mkfifo(fifo)
    link.unlink()
    link.symlink_to(outside / "secret.txt")
    # In a child process with a timeout: a FIFO opened for reading would block it forever.
    code = (
        "import sys; from pathlib import Path; from cxgov.workspace.store import fingerprint; "
        "ws = Path(sys.argv[1]); "
        "print(fingerprint(ws / 'cx' / 'updates.csv', ws)); print(fingerprint(ws / 'cx' / 'measurements.csv', ws))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(ws)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Fingerprint(exists=True, size=-1, mtime_ns=0, sha256='refused: a FIFO (named pipe)')",
        "Fingerprint(exists=True, size=-1, mtime_ns=0, sha256='refused: a symbolic link to outside the workspace')",
    ]
    assert not fingerprint(fifo, ws).same_content(Fingerprint(False))


def test_a_file_replaced_by_a_link_since_it_was_read_is_refused_not_a_conflict(ws: Path, outside: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    seen = fingerprint(path, ws)
    shutil.copy(path, ws / "elsewhere.yaml")
    path.unlink()
    path.symlink_to("../elsewhere.yaml")
    kept = (ws / "elsewhere.yaml").read_bytes()
    with pytest.raises(RefusedError, match="found a symbolic link; nothing was written"):
        replace_yaml(path, purpose, seen, shown="ws/cx/committee.yaml", root=ws)
    assert (ws / "elsewhere.yaml").read_bytes() == kept
    assert path.is_symlink()
