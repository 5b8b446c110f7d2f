"""Which files of a workspace cxgov reads and writes: regular files inside it, nothing else.

A workspace is an untrusted git checkout: anyone can commit a symbolic link to
``/etc/passwd`` or ``/dev/zero``, a FIFO, or a directory where a file belongs.
The policy, applied by every loader (through ``safeyaml.read_text``) and by
``cxgov.workspace.store``:

- A file is read only if, after resolving links, it is a regular file inside
  the workspace folder. A link that leads out of the workspace, a directory,
  FIFO, socket or device, a link loop and an unreadable file are reported as a
  problem naming the path; the thing is never opened, so nothing of it can
  reach a message and nothing can block (a FIFO) or stream forever (/dev/zero).
- A file is written only if it is a regular file (or absent) in a folder inside
  the workspace, and never through a symbolic link, even one that stays inside:
  a write must change the file the user named and no other.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

StrPath = str | os.PathLike[str]

EXPECTED = "a regular file inside the workspace"


class Refused(Exception):
    """A workspace path cxgov will not open; found says what is there instead."""

    def __init__(self, found: str) -> None:
        super().__init__(found)
        self.found = found


def roots(*folders: StrPath) -> tuple[str, ...]:
    """The real paths of the folders files may resolve into (the workspace, usually alone)."""
    return tuple(os.path.realpath(f) for f in folders)


def inside(real: str, within: Iterable[str]) -> bool:
    """True if the real path real is one of within or below one of them."""
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in within)


def kind(mode: int) -> str:
    """Name what a stat mode says is there, for 'found ...'."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a special file"


def _os_found(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "an unreadable file (permission denied)"
    if exc.errno == errno.ENOENT:
        return "nothing"
    if exc.errno == errno.ENOTDIR:
        return "a path through a file"
    return f"an unreadable file ({exc.strerror or exc})"


def open_regular(path: StrPath, within: Iterable[str], limit: int) -> tuple[bytes, int]:
    """Read at most limit + 1 bytes of path if the policy allows it; return (data, size on disk).

    Raises FileNotFoundError when nothing is there (the caller knows whether that is allowed)
    and Refused for everything the policy refuses.
    """
    real = os.path.realpath(path)
    if not inside(real, within):
        if os.path.islink(path):
            raise Refused("a symbolic link to outside the workspace")
        raise Refused("a file outside the workspace")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Refused("a broken symbolic link") from None
        raise
    except OSError as exc:
        raise Refused(_os_found(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise Refused(kind(st.st_mode))
    try:
        # O_NONBLOCK and O_NOFOLLOW: if the file was swapped for a FIFO or a link since the stat,
        # the open neither blocks nor follows; the fstat below then refuses it.
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as exc:
        raise Refused(_os_found(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(kind(st.st_mode))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise Refused(_os_found(exc)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data, max(st.st_size, len(data))


def check_writable(path: StrPath, within: Iterable[str]) -> str | None:
    """Why path must not be written (found ...), or None when it may be: absent or a regular file, no link."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        return _os_found(exc)
    if st is not None and not stat.S_ISREG(st.st_mode):
        return kind(st.st_mode)
    folder = os.path.dirname(os.path.abspath(path))
    if not inside(os.path.realpath(folder), within):
        return "a folder outside the workspace"
    return None
