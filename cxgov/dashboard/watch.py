"""Noticing edits: a cheap fingerprint of a workspace's files, and a periodic check on the kernel's loop.

A dashboard kernel (Voila keeps some preheated, waiting for viewers) would
otherwise show the files as they were when it started. Every few seconds it
compares the fingerprint (name, size and modification time of every YAML and
CSV file; about 300 stat calls on the 40-committee benchmark workspace) and
redraws when it changed. The check runs on the kernel's event loop between
viewers' interactions, never at the same time as one.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]
SUFFIXES = (".yaml", ".yml", ".csv")


def fingerprint(root: str) -> Fingerprint:
    """(relative path, size, mtime in ns) of every workspace file, in a stable order; () if none is readable."""
    found: list[tuple[str, int, int]] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(SUFFIXES) and not name.startswith("."):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:  # removed meanwhile: the next check sees the new state
                    continue
                found.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
    return tuple(found)


def every(seconds: float, check: Callable[[], object]) -> Callable[[], None]:
    """Call check every `seconds` on the running event loop until the returned stop() is called.

    Without a running loop (plain Python, tests) nothing is scheduled and stop() does nothing.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return lambda: None
    handle: asyncio.TimerHandle | None = None
    stopped = False

    def tick() -> None:
        nonlocal handle
        try:
            check()
        except Exception:  # a failed check is logged; the next one runs anyway
            log.exception("dashboard: checking the workspace for edits failed")
        if not stopped:
            handle = loop.call_later(seconds, tick)

    def stop() -> None:
        nonlocal stopped
        stopped = True
        if handle is not None:
            handle.cancel()

    handle = loop.call_later(seconds, tick)
    return stop
