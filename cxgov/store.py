"""The only code that writes workspace files: atomic replaces, locked appends.

YAML files are replaced whole through a temporary file in the same folder,
fsync'd, then renamed over the original, so a reader sees the old file or the
new one, never half of one. CSV history is only ever appended to.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from cxgov.errors import CxgovError
from cxgov.ids import committee_dir


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    """Replace path with text atomically (temp file, fsync, rename)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def create_committee(workspace: Path, committee_id: str, files: Mapping[str, str]) -> Path:
    """Create a committee folder with its files in one step; refuse if it exists."""
    target = committee_dir(workspace, committee_id)
    if target.exists():
        raise CxgovError(f"{workspace / committee_id}: already exists; choose another id")
    staging = Path(tempfile.mkdtemp(prefix=f".{committee_id}.", dir=workspace))
    try:
        for name, text in files.items():
            with open(staging / name, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(staging, 0o755)
        os.rename(staging, target)  # fails if target appeared meanwhile
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(workspace)
    return target
