"""cxgov.workspace.atomic: the one way a whole file is replaced (workspace files, review pages, exports)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from cxgov.workspace import atomic
from cxgov.workspace.atomic import replace_files


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_is_replaced_keeping_its_mode_and_a_new_one_gets_new_mode(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("old\n")
    old.chmod(0o640)
    replace_files({old: b"one\n", new: b"two\n"}, new_mode=0o644)
    assert old.read_bytes() == b"one\n" and new.read_bytes() == b"two\n"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert _names(tmp_path) == ["new.txt", "old.txt"]


def test_without_keep_mode_every_file_gets_new_mode(tmp_path: Path) -> None:
    path = tmp_path / "page.pickle"
    path.write_bytes(b"old")
    path.chmod(0o644)
    replace_files({path: b"new"}, new_mode=0o600, keep_mode=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_file_and_its_folder_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    replace_files({tmp_path / "a.txt": b"a"})
    assert synced == ["file", "folder"]


def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("old\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space left") as caught:
        replace_files({path: b"new\n"})
    assert caught.value.filename == str(path)  # the file given, not the temporary one
    assert path.read_text() == "old\n"
    assert _names(tmp_path) == ["plan.yaml"]


def test_several_files_all_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old a\n")
    second.write_text("old b\n")
    real = os.replace
    renamed: list[str] = []

    def replace(src: str, dst: str) -> None:
        renamed.append(dst)
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    writes = iter([None, OSError(errno.EDQUOT, "Disk quota exceeded")])
    real_temp = atomic._temp_file

    def temp_file(folder: str, name: str, data: bytes) -> str:
        failure = next(writes)
        if failure is not None:
            raise failure
        return real_temp(folder, name, data)

    monkeypatch.setattr(atomic, "_temp_file", temp_file)
    with pytest.raises(OSError, match="quota") as caught:
        replace_files({first: b"new a\n", second: b"new b\n"})
    assert caught.value.filename == str(second)
    assert renamed == []  # nothing renamed before every file was written
    assert (first.read_text(), second.read_text()) == ("old a\n", "old b\n")
    assert _names(tmp_path) == ["a.csv", "b.csv"]


def test_a_guard_refusing_at_the_last_moment_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("real\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)

    def regular_only(path: Path, mode: int) -> None:
        if not stat.S_ISREG(mode):
            raise ValueError(f"{path.name} is not a regular file")

    with pytest.raises(ValueError, match="link.yaml"):
        replace_files({link: b"new\n"}, guard=regular_only)
    assert target.read_text() == "real\n" and link.is_symlink()
    assert _names(tmp_path) == ["link.yaml", "real.yaml"]


def test_the_temporary_file_goes_in_the_real_folder(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via").symlink_to(real)
    replace_files({tmp_path / "via" / "x.txt": b"x"})
    assert (real / "x.txt").read_bytes() == b"x"
    assert _names(real) == ["x.txt"]
