"""Build test workspaces: valid/minimal with an invalid case laid over it (see fixtures/README.md)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parents[1]

# Files in a case folder that describe the case rather than belong to the workspace.
CASE_META = frozenset({"expected.txt", "xfail.txt", "README.md"})
DELETE_SUFFIX = ".delete"


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
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case / rel, target)
    return dest
