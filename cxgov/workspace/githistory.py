"""The hand edits a git workspace's history holds but changes.csv does not: read from git, never written.

A workspace is a *git workspace* when its folder is the top of a git work
tree (it holds ``.git`` as a real folder). There, a plan, charter or KPI file
edited by hand and committed, without ``cxgov history record`` or the
pre-commit hook, still has a past: each commit that touched a committee's
files is compared with the state its changes.csv rows imply (the files at the
commit before, plus the rows this commit added to changes.csv), and what the
rows do not explain is a hand edit, dated the commit's day (committer date)
and by the person whose ``org.yaml`` email is the commit's author email.
Edits not yet committed are dated today, as the hook would record them.

These rows are merged into the committee's changes in the order things
happened (a commit's own rows, then its hand edits) and used exactly like
changes.csv rows: undone for a past day, listed by ``cxgov history``, counted
as slips. A committee folder whose committee.yaml first appears in a commit
after the workspace's first one, and whose changes.csv records no creation,
is created that day (the first commit is where git began keeping the
workspace, not where its committees began).

git runs with a fixed environment (no system config, no fsmonitor, no hooks,
no signature checks); only regular files (mode 100644/100755) of at most
MAX_BYTES are read from git's objects, parsed by the safe loader. Any failure
of git (not installed, a repository it refuses, a shallow clone's missing
objects) leaves the history to changes.csv alone.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.dates import today as clock_today
from cxgov.errors import CxgovError
from cxgov.workspace import files as wsfile
from cxgov.workspace.changes import CHANGES_FILE, CHARTER, RECORDED_FILES, WHOLE, Change, decode, encode, parsed
from cxgov.workspace.gitread import git
from cxgov.workspace.safeyaml import MAX_BYTES
from cxgov.workspace.undo import diff, undo

WATCHED = (*RECORDED_FILES, CHANGES_FILE)
_PATH = re.compile(r"^([a-z0-9][a-z0-9-]*)/(" + "|".join(re.escape(f) for f in WATCHED) + r")$")
_RAW = re.compile(r"^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) [A-Z]\d*\t(.*)$")
_NO_BLOB = re.compile(r"^0+$")
_SIGN_OFF = ("-c", "log.showSignature=false", "-c", "core.quotePath=true")
_CACHE_SIZE = 4096
_parsed_blobs: OrderedDict[str, Any] = OrderedDict()  # blob id -> parsed YAML (never mutated: undo copies)
# A committee's replayed commits, by workspace, commits, changes.csv rows and emails: a dashboard or a review
# loads the workspace several times (each date it shows), and the history up to HEAD does not change.
_replays: OrderedDict[tuple[Any, ...], tuple[list[Change], dict[str, Any], set[str], int]] = OrderedDict()


@dataclass(slots=True)
class _Commit:
    sha: str
    day: date
    email: str
    files: dict[str, dict[str, str | None]] = field(default_factory=dict)  # committee -> file -> blob id (None: gone)


def is_git_workspace(root: Path) -> bool:
    """Tell whether root is the top of a git work tree (.git a real folder inside it, not a link or a file)."""
    git_dir = root / ".git"
    return os.path.isdir(git_dir) and not os.path.islink(git_dir)


class GitHistory:
    """The committed history of a git workspace's committee files, read once per load."""

    def __init__(
        self, root: Path, commits: list[_Commit], blobs: dict[str, bytes | None], modified: set[str] | None = None
    ) -> None:
        self.root = root
        self._commits = commits
        self._blobs = blobs
        self._modified = modified  # files the work tree changed since HEAD (None: not known, compare all)

    @classmethod
    def open(cls, root: Path) -> GitHistory | None:
        """The history of root, or None when root is not a git workspace or git cannot read it."""
        if not is_git_workspace(root):
            return None
        try:
            commits = _log(root)
            # Blobs are read only for what no earlier load of this process replayed (see changes_of).
            wanted = {b for c in commits for f in c.files.values() for b in f.values() if b}
            blobs = _read_blobs(root, wanted - set(_parsed_blobs))
        except CxgovError:
            return None
        return cls(root, commits, blobs, _modified(root))

    def changes_of(self, name: str, recorded: Sequence[Change], emails: Mapping[str, str]) -> list[Change]:
        """recorded (changes.csv's rows) with the hand edits git holds merged in, in the order they happened."""
        mine = tuple(
            (c.sha, tuple(sorted((k, str(v)) for k, v in c.files[name].items()))) for c in self._touching(name)
        )
        rows = tuple((c.line, c.date, c.file, c.obj, c.field, encode(c.before), encode(c.after)) for c in recorded)
        key = (os.path.realpath(self.root), name, mine, rows, tuple(sorted(emails.items())))
        done = _replays.get(key)
        if done is None:
            done = self._replay(name, recorded, emails)
            _replays[key] = done
            if len(_replays) > _CACHE_SIZE:
                _replays.popitem(last=False)
        else:
            _replays.move_to_end(key)
        out, state, known, committed_lines = done
        rest = [c for c in recorded if c.line > committed_lines]
        return [*out, *rest, *self._working(name, state, known, rest)]

    def _touching(self, name: str) -> list[_Commit]:
        return [c for c in self._commits if c.files.get(name)]

    def _replay(
        self, name: str, recorded: Sequence[Change], emails: Mapping[str, str]
    ) -> tuple[list[Change], dict[str, Any], set[str], int]:
        """The committed part of the history: rows and hand edits up to HEAD, and each file's state there."""
        out: list[Change] = []
        state: dict[str, Any] = {}  # file -> parsed content at the last commit (absent: not there)
        known: set[str] = set()  # files whose state is known (None: absent)
        committed_lines = 0
        creation = any(c.obj == CHARTER and c.field == WHOLE for c in recorded)
        last = date.min
        for at, commit in enumerate(self._commits):
            # The workspace's first commit is where git started keeping it, not where its committees began.
            later = at > 0
            touched = commit.files.get(name)
            if not touched:
                continue
            if CHANGES_FILE in touched:
                blob = touched[CHANGES_FILE]
                data = self._blobs.get(blob) if blob else b""
                lines = data.count(b"\n") if data is not None else committed_lines
                added = [c for c in recorded if committed_lines < c.line <= lines]
                committed_lines = max(committed_lines, lines)
            else:
                added = []
            out += added
            last = max([last, *(c.date for c in added)])
            day = max(commit.day, last)
            by = emails.get(commit.email.lower(), "")
            reason = f"edited by hand (git commit {commit.sha[:10]})"
            for file in RECORDED_FILES:
                rows = [c for c in added if c.file == file]
                if file not in touched:
                    continue  # rows for a file this commit left as it was: its record is the rows themselves
                now = self._parsed(touched[file])
                if now is _UNREADABLE:
                    known.discard(file)  # its next readable state starts afresh
                    continue
                if file == "committee.yaml" and file not in known and now is not None and not creation and later:
                    creation = True
                    out.append(Change(day, by, file, CHARTER, WHOLE, decode(""), decode(encode(now)), reason, 0))
                elif file in known:
                    expected = _forward(file, state[file], rows)
                    try:
                        found = diff(file, expected, now, f"{name}/{file}")
                    except CxgovError:
                        found = []  # a state without keys (an action with no id) has no field-level record
                    out += [Change(day, by, file, o, f, decode(b), decode(a), reason, 0) for o, f, b, a in found]
                    if found:
                        last = max(last, day)
                state[file] = now
                known.add(file)
        return out, state, known, committed_lines

    def _working(self, name: str, state: dict[str, Any], known: set[str], rest: Sequence[Change]) -> list[Change]:
        """The differences between the last commit (plus the rows since) and the files: dated today, by nobody.

        Nobody git can name made them yet: the pre-commit hook or `cxgov history record` records the author.
        """
        out: list[Change] = []
        day = max([clock_today(), *(c.date for c in rest)])
        for file in RECORDED_FILES:
            if file not in known:
                continue
            unchanged = self._modified is not None and f"{name}/{file}" not in self._modified
            if unchanged and not any(c.file == file for c in rest):
                continue  # as HEAD holds it, and nothing recorded since: no hand edit to find
            path = self.root / name / file
            try:
                data: bytes | None = wsfile.open_regular(path, wsfile.roots(self.root), MAX_BYTES)[0]
            except FileNotFoundError:
                data = None
            except (wsfile.Refused, OSError):
                continue  # the loader reports what is wrong with the file itself
            try:
                now = parsed(data, f"{name}/{file}")
                found = diff(file, _forward(file, state[file], [c for c in rest if c.file == file]), now, file)
            except (CxgovError, OSError):
                continue  # the loader reports what is wrong with the file itself
            reason = "edited by hand (not committed yet)"
            out += [Change(day, "", file, o, f, decode(b), decode(a), reason, 0) for o, f, b, a in found]
        return out

    def _parsed(self, blob: str | None) -> Any:
        if blob is None:
            return None
        if blob in _parsed_blobs:
            _parsed_blobs.move_to_end(blob)
            return _parsed_blobs[blob]
        data = self._blobs.get(blob)
        if data is None:
            return _UNREADABLE
        try:
            value = parsed(data, blob)
        except CxgovError:
            value = _UNREADABLE
        _parsed_blobs[blob] = value
        if len(_parsed_blobs) > _CACHE_SIZE:
            _parsed_blobs.popitem(last=False)
        return value


class _Unreadable:
    """A committed state that cannot be parsed or read (too big, a link, a YAML error)."""


_UNREADABLE: Any = _Unreadable()


def _forward(file: str, data: Any, rows: Sequence[Change]) -> Any:
    """data with rows applied forward (undoing them with before and after swapped, newest first)."""
    if not rows or data is None:
        return data
    return undo(file, data, [replace(c, before=c.after, after=c.before) for c in reversed(rows)])


def _log(root: Path) -> list[_Commit]:
    """The first-parent commits that touched committee files, oldest first, with the blobs they left."""
    specs = [f":(glob)*/{f}" for f in WATCHED]
    done = git(
        root,
        *_SIGN_OFF,
        "log",
        "--reverse",
        "--first-parent",
        "--diff-merges=first-parent",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--format=%x01%H %cs %ae",
        "--",
        *specs,
    )
    if done.returncode != 0:
        raise CxgovError(done.stderr.decode("utf-8", "replace").strip() or "git log failed")
    commits: list[_Commit] = []
    for chunk in done.stdout.decode("utf-8", "replace").split("\x01")[1:]:
        head, *lines = chunk.splitlines()
        sha, day_text, email = ([*head.split(" ", 2), "", ""])[:3]
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            continue
        commit = _Commit(sha, day, email)
        for line in lines:
            raw = _RAW.match(line)
            path = _PATH.match(raw.group(5)) if raw else None
            if raw is None or path is None:
                continue
            mode, blob = raw.group(2), raw.group(4)
            gone = _NO_BLOB.match(blob) is not None
            regular = mode in ("100644", "100755")
            commit.files.setdefault(path.group(1), {})[path.group(2)] = None if gone else (blob if regular else "-")
        commits.append(commit)
    return commits


def _modified(root: Path) -> set[str] | None:
    """The committee files the work tree changed since HEAD (None when git cannot say)."""
    done = git(root, "diff", "--name-only", "-z", "--no-renames", "HEAD", "--", *[f":(glob)*/{f}" for f in WATCHED])
    if done.returncode != 0:
        return None
    return {p for p in done.stdout.decode("utf-8", "replace").split("\0") if p}


def _read_blobs(root: Path, wanted: set[str]) -> dict[str, bytes | None]:
    """The contents of the wanted blobs of at most MAX_BYTES (None: too big or missing); '-' is never read."""
    wanted.discard("-")
    if not wanted:
        return {}
    ids = sorted(wanted)
    checked = git(root, "cat-file", "--batch-check", stdin="\n".join(ids) + "\n")
    if checked.returncode != 0:
        raise CxgovError("git cat-file failed")
    small = []
    for line in checked.stdout.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob" and int(parts[2]) <= MAX_BYTES:
            small.append(parts[0])
    out: dict[str, bytes | None] = dict.fromkeys(ids)
    if not small:
        return out
    done = git(root, "cat-file", "--batch", stdin="\n".join(small) + "\n")
    if done.returncode != 0:
        raise CxgovError("git cat-file failed")
    data, at = done.stdout, 0
    while at < len(data):
        end = data.index(b"\n", at)
        sha, kind, size = data[at:end].decode("ascii").split()
        start = end + 1
        out[sha] = data[start : start + int(size)]
        at = start + int(size) + 1
    return out
