"""Build test workspaces: valid/minimal with an invalid case laid over it (see fixtures/README.md)."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parents[1]

# Files in a case folder that describe the case rather than belong to the workspace.
CASE_META = frozenset({"expected.txt", "xfail.txt", "README.md"})
DELETE_SUFFIX = ".delete"
KIND_SUFFIX = ".kind"
# What a `<name>.kind` file puts in place of <name>: things git cannot hold or that must point at this machine.
OUTSIDE_TEXT = "secret first line of a file outside the workspace\n"


@dataclass(frozen=True)
class Case:
    """One folder of fixtures/invalid."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def expected(self) -> list[str]:
        """The expected messages, one per line of expected.txt."""
        return (self.path / "expected.txt").read_text(encoding="utf-8").splitlines()

    @property
    def xfail_reason(self) -> str | None:
        """Why the case is a known validator bug, or None."""
        path = self.path / "xfail.txt"
        return path.read_text(encoding="utf-8").strip() if path.exists() else None

    def overlay(self) -> list[Path]:
        """The workspace files of the case (relative paths), including '.delete' markers."""
        out = []
        for src in sorted(self.path.rglob("*")):
            rel = src.relative_to(self.path)
            if src.is_file() and not (len(rel.parts) == 1 and rel.name in CASE_META):
                out.append(rel)
        return out


def invalid_cases() -> list[Case]:
    """Every case folder under fixtures/invalid, sorted by name."""
    return [Case(p) for p in sorted(INVALID.iterdir()) if p.is_dir()]


def build_workspace(dest: Path, case: Path | None = None) -> Path:
    """Copy valid/minimal to dest and lay the files of case over it; return dest."""
    shutil.copytree(MINIMAL, dest)
    if case is None:
        return dest
    for rel in Case(case).overlay():
        if rel.name.endswith(DELETE_SUFFIX):
            target = dest / rel.with_name(rel.name[: -len(DELETE_SUFFIX)])
            assert target.exists(), f"{case.name}: {rel} deletes a file that valid/minimal does not have"
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
            continue
        if rel.name.endswith(KIND_SUFFIX):
            target = dest / rel.with_name(rel.name[: -len(KIND_SUFFIX)])
            make_special(dest, target, (case / rel).read_text(encoding="utf-8").strip())
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case / rel, target)
    return dest


def make_special(dest: Path, target: Path, kind: str) -> None:
    """Replace target (a file or folder of the workspace dest) by the special thing kind names."""
    original = target.read_bytes() if target.is_file() else b"a: 1\n"
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()
    if kind == "directory":
        target.mkdir()
        (target / "inside.yaml").write_bytes(original)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":  # a character device like /dev/zero, made inside the workspace (needs root)
        os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(target))
    elif kind == "link-outside":  # a file beside the workspace whose first line must never be shown
        outside = dest.parent / "outside" / target.name
        outside.parent.mkdir(exist_ok=True)
        outside.write_text(OUTSIDE_TEXT)
        target.symlink_to(outside)
    elif kind == "link-dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "link-loop":
        target.symlink_to(target.name)
    elif kind == "link-broken":
        target.symlink_to(target.name + ".gone")
    elif kind == "link-inside":  # a link to a regular file inside the workspace: allowed, read through
        real = target.with_name("real-" + target.name + ".txt")
        real.write_bytes(original)
        target.symlink_to(real.name)
    else:
        raise ValueError(f"unknown kind {kind!r} for {target}")
