"""Noticing edits: the workspace a dashboard shows, and a periodic check on the kernel's loop.

A dashboard kernel (Voila keeps some preheated, waiting for viewers) would
otherwise show the files as they were when it started. Every few seconds it
compares the fingerprint (name, size and modification time of every YAML and
CSV file; about 300 stat calls on the 40-committee benchmark workspace) and
redraws when it changed. The check runs on the kernel's event loop between
viewers' interactions, never at the same time as one.

A `Source` spaces reloads out by RELOAD_GAP times the last load's duration:
on the bundled workspace (50 ms) an edit shows at the next check; on the
40-committee benchmark (1.4 s) at most every 28 s, so that twenty viewers'
kernels reloading on every edit of a busy day cannot keep both cores busy.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable

from cxgov.errors import CxgovError
from cxgov.load import load_workspace
from cxgov.model import Workspace

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]
SUFFIXES = (".yaml", ".yml", ".csv")
RELOAD_GAP = 20


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


class Source:
    """The workspace a dashboard shows: loaded, and reloaded when its files changed and a reload is due."""

    def __init__(self, path: str, shown: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.shown = shown  # how messages name the workspace (default: as given)
        self._clock = clock
        self._loaded: Fingerprint | None = None  # the files as they were when last loaded
        self._due = 0.0  # clock time before which no reload is due

    def load(self, seen: Fingerprint | None = None) -> tuple[Workspace | None, str | None]:
        """The workspace, or None and the message saying why it cannot be read.

        seen: the fingerprint just taken by `edited` (taken here otherwise), before reading the files, so
        that an edit made while they are read is noticed by the next check.
        """
        self._loaded = fingerprint(self.path) if seen is None else seen
        start = self._clock()
        try:
            ws, error = load_workspace(self.path, self.shown), None
        except CxgovError as exc:
            ws, error = None, str(exc)
        end = self._clock()
        self._due = end + RELOAD_GAP * (end - start)
        return ws, error

    def edited(self) -> Fingerprint | None:
        """The files' fingerprint if they changed since the last load and a reload is due, else None.

        An edit that has to wait is not lost: a later call returns it.
        """
        if self._clock() < self._due:
            return None
        now = fingerprint(self.path)
        return now if now != self._loaded else None
