"""Replace files atomically: the one way cxgov writes a whole file (workspace files, review pages, exports).

Each file's new content goes to a temporary file in the same folder, which is
written, fsync'd and then renamed over the file; the folder is fsync'd last,
so that the renames survive a crash. A reader sees the old file or the new
one, never half of one, and a failed write leaves the old file and no
temporary file. With several files, every temporary file is written before
any is renamed, so a full disk or a refused write leaves all of them as they
were. Which files may be written (``cxgov.workspace.files``'s policy) is the
caller's check; ``guard`` repeats it at the last moment, just before a rename.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (a rename, a new file) to disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_file(folder: str, name: str, data: bytes) -> str:
    """Write data to a new temporary file (mode 0600) in folder, flushed to disk; return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def replace_files(
    files: Mapping[Path, bytes],
    *,
    new_mode: int = 0o600,
    keep_mode: bool = True,
    guard: Callable[[Path, int], None] | None = None,
) -> None:
    """Replace each path with its data atomically, all of them or, on an error, none.

    new_mode: the mode of a file that did not exist (and of every file when not keep_mode);
    keep_mode: a file replaced keeps its mode. guard(path, mode) is called with
    what is at path (its lstat mode) just before the rename and may raise to
    refuse it. An OSError names the file given, not the temporary one.
    """
    temps: dict[Path, str] = {}
    targets: dict[Path, str] = {}
    path = next(iter(files), Path())
    try:
        for path, data in files.items():
            folder = os.path.realpath(path.parent)  # the temporary file goes next to the file it replaces
            targets[path] = os.path.join(folder, path.name)
            temps[path] = _temp_file(folder, path.name, data)
        for path in list(temps):
            target, tmp = targets[path], temps[path]
            mode = new_mode
            try:
                found = os.lstat(target).st_mode
            except FileNotFoundError:
                pass
            else:
                if guard is not None:
                    guard(path, found)
                if keep_mode and os.path.isfile(target):
                    mode = stat.S_IMODE(os.stat(target).st_mode)
            os.chmod(tmp, mode)
            os.replace(tmp, target)
            del temps[path]
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
    for folder in dict.fromkeys(os.path.dirname(t) for t in targets.values()):
        fsync_folder(folder)
