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
from dataclasses import dataclass

from cxgov.errors import CxgovError
from cxgov.i18n.current import _
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]
SUFFIXES = (".yaml", ".yml", ".csv")
RELOAD_GAP = 20


def fingerprint(root: str) -> Fingerprint:
    """(relative path, size, mtime in ns) of every workspace file, in a stable order; () if none is readable.

    Only where a workspace has files is looked at: the root and its committee folders, not deeper (a
    folder put in a file's place can hold anything). Nothing is opened, so a FIFO or a device costs
    one stat; a link is followed by stat only, and one that leads nowhere (broken, a loop) is
    described by its own lstat, so that fixing it changes the fingerprint too. A folder that cannot
    be listed counts as empty.
    """
    found: list[tuple[str, int, int]] = []
    real_root = os.path.realpath(root)
    for entry in _entries(root):
        if entry.name.endswith(SUFFIXES):
            _record(entry, entry.name, found)
        elif _is_folder(entry, real_root):
            for inner in _entries(entry.path):
                if inner.name.endswith(SUFFIXES):
                    _record(inner, os.path.join(entry.name, inner.name), found)
    return tuple(found)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    """The visible entries of folder, by name; none if it cannot be listed."""
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return []


def _is_folder(entry: os.DirEntry[str], real_root: str) -> bool:
    """A folder, or a link to a folder directly inside the workspace (what the loader takes as a committee)."""
    try:
        if not entry.is_symlink():
            return entry.is_dir(follow_symlinks=False)
        real = os.path.realpath(entry.path)
        return os.path.dirname(real) == real_root and os.path.isdir(real)
    except OSError:
        return False


def _record(entry: os.DirEntry[str], relative: str, found: list[tuple[str, int, int]]) -> None:
    try:
        st = os.stat(entry.path)
    except OSError:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:  # removed meanwhile: the next check sees the new state
            return
    found.append((relative, st.st_size, st.st_mtime_ns))


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


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why the workspace could not be read, said in the language in effect where it is shown (`str`).

    A kernel loads before any viewer's language is in effect, and the viewer may choose another one
    later: the words are chosen when the message is shown, from the file and the reason kept here.
    """

    where: str  # the file, as the workspace names it; "" when not known
    reason: str  # the system's reason for a file (its own words), else the exception's class name

    def __str__(self) -> str:
        if self.where:
            said = _("{file}: could not be read ({reason}); the server log has the details.")
            return said.format(file=self.where, reason=self.reason)
        return _("The workspace could not be read ({error}); the server log has the details.").format(error=self.reason)


# What a failed load says: a CxgovError's own message (about the data, in English by design: the spec's
# "file:line: object: field: expected ...; found ..."), or why the files could not be read at all.
Problem = str | Unreadable


def unreadable(exc: BaseException, root: str, shown: str | None) -> Unreadable:
    """What a viewer is told when loading failed unexpectedly: the file, as the workspace names it, if known.

    Never the server's absolute path nor the exception's text beyond the system's reason for a file.
    """
    name = getattr(exc, "filename", None)
    if isinstance(exc, OSError) and isinstance(name, str):
        relative = os.path.relpath(os.path.realpath(name), os.path.realpath(root))
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            where = os.path.normpath(os.path.join(shown or os.path.basename(root), relative))
            return Unreadable(where, exc.strerror or type(exc).__name__)
    return Unreadable("", type(exc).__name__)


class Source:
    """The workspace a dashboard shows: loaded, and reloaded when its files changed and a reload is due."""

    def __init__(self, path: str, shown: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.shown = shown  # how messages name the workspace (default: as given)
        self._clock = clock
        self._loaded: Fingerprint | None = None  # the files as they were when last loaded
        self._due = 0.0  # clock time before which no reload is due
        self.broken = False  # the last load failed unexpectedly (not a CxgovError)

    def load(self, seen: Fingerprint | None = None) -> tuple[Workspace | None, Problem | None]:
        """The workspace, or None and the message saying why it cannot be read (str() says it).

        seen: the fingerprint just taken by `edited` (taken here otherwise), before reading the files, so
        that an edit made while they are read is noticed by the next check.
        """
        self._loaded = fingerprint(self.path) if seen is None else seen
        start = self._clock()
        self.broken = False
        error: Problem | None
        try:
            ws, error = load_workspace(self.path, self.shown), None
        except CxgovError as exc:
            ws, error = None, str(exc)
        except Exception as exc:  # a bug, or a file the loader did not expect: a message, not a dead page
            log.exception("dashboard: loading the workspace %s failed", self.path)
            ws, error, self.broken = None, unreadable(exc, self.path, self.shown), True
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
