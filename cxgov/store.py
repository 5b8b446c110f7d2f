"""The only code that writes workspace files: atomic replaces, locked appends.

YAML files are replaced whole through a temporary file in the same folder,
fsync'd, then renamed over the original, so a reader sees the old file or the
new one, never half of one; edits go through ruamel.yaml's round trip, so the
comments and key order a person wrote survive. CSV history is only ever
appended to (one O_APPEND write, then fsync), never rewritten.

Writers of one folder take turns under a lock on that folder. A
``Fingerprint`` taken when the editor read a file is compared before saving:
a YAML file whose content changed since (another chair, a git pull) is not
overwritten (``ConflictError``). For a CSV history, rows someone else appended
meanwhile are not a conflict (appends commute), but a history that was
rewritten, truncated or deleted is.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxgov.errors import CxgovError
from cxgov.ids import committee_dir

_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


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


# --- conflict detection -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file looked like when it was read: compared before saving over it."""

    exists: bool
    size: int = 0
    mtime_ns: int = 0
    sha256: str = _EMPTY_SHA256

    def same_content(self, other: Fingerprint) -> bool:
        """Tell whether other has the same content (mtime alone is not a change)."""
        return (self.exists, self.size, self.sha256) == (other.exists, other.size, other.sha256)


class ConflictError(CxgovError):
    """A file changed on disk since the editor read it; nothing was saved."""

    def __init__(self, shown: str) -> None:
        super().__init__(
            f"{shown} changed on disk since you opened it (another chair or a git pull). "
            "Reload to see the new version; nothing was saved."
        )
        self.shown = shown


def fingerprint(path: Path) -> Fingerprint:
    """Take the fingerprint of path (a missing file has one too)."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read()
    except FileNotFoundError:
        return Fingerprint(False)
    return Fingerprint(True, len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def _check_unchanged(path: Path, expected: Fingerprint, shown: str) -> None:
    if not fingerprint(path).same_content(expected):
        raise ConflictError(shown)


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder while its files are written.

    The lock is flock(2) on the folder itself, so no lock file is left in the
    workspace; it binds every cxgov writer (editors, tests, scripts), not a
    text editor or git, which the fingerprints catch instead.
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


# --- append-only CSV history ------------------------------------------------


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Rows as CSV text, one line each, ending with a newline."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


RowCheck = Callable[[str, int, int], None]


def append_rows(
    path: Path,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    expected: Fingerprint | None = None,
    *,
    unchanged: Mapping[Path, Fingerprint] | None = None,
    check: RowCheck | None = None,
    shown: str | None = None,
) -> Fingerprint:
    """Append rows to a CSV history under the folder lock; return the new fingerprint.

    Values go in the order of the file's own header (a new file gets `columns`
    as its header). The file is never rewritten: the rows are one O_APPEND
    write followed by fsync. expected is the fingerprint taken when the file
    was read: rows appended since by someone else are fine (appends commute),
    but a file that was truncated, rewritten or deleted raises ConflictError.
    unchanged: other files the rows were checked against (plan.yaml for
    action ids) that must not have changed either. check(text, first_line,
    size) gets the file's header plus the new rows as CSV text, the line the
    first new row will have and the file's size after the append; it raises
    to refuse the rows, before anything is written.
    """
    shown = shown or str(path)
    with folder_lock(path.parent):
        for other, fp in (unchanged or {}).items():
            _check_unchanged(other, fp, _shown_sibling(shown, path, other))
        try:
            with open(path, "rb") as fh:
                old = fh.read()
        except FileNotFoundError:
            old = None
        if expected is not None and not _only_appended(old, expected):
            raise ConflictError(shown)
        lead = ""
        if old:
            first = old.split(b"\n", 1)[0].decode("utf-8", errors="replace").rstrip("\r").lstrip("\ufeff")
            header = [h.strip() for h in next(csv.reader([first]), [])]
            missing = [c for c in columns if c not in header]
            if missing:
                raise CxgovError(f"{shown}:1: header: expected the columns {', '.join(columns)}, found {first!r}")
            if not old.endswith(b"\n"):
                lead = "\n"  # a hand edit without a final newline: never glue a row onto it
            first_line = old.count(b"\n") + 1 + (1 if lead else 0)
        else:
            header, first = list(columns), ",".join(columns)
            lead = csv_text([header])
            first_line = 2
        body = csv_text([[row.get(c, "") for c in header] for row in rows])
        data = (lead + body).encode("utf-8")
        if check is not None:
            check(first + "\n" + body, first_line, len(old or b"") + len(data))
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        if old is None:
            _fsync_dir(path.parent)
        digest = hashlib.sha256(old or b"")
        digest.update(data)
        return Fingerprint(True, len(old or b"") + len(data), st.st_mtime_ns, digest.hexdigest())


def _only_appended(old: bytes | None, expected: Fingerprint) -> bool:
    """Tell whether the file is what expected saw, plus possibly more rows at the end."""
    if not expected.exists:
        return True  # someone created it meanwhile: their rows come first, ours after
    if old is None or len(old) < expected.size:
        return False
    return hashlib.sha256(old[: expected.size]).hexdigest() == expected.sha256


def _shown_sibling(shown: str, path: Path, other: Path) -> str:
    """How to name another file of the same workspace in a message."""
    try:
        rel = os.path.relpath(other, path.parent)
    except ValueError:
        return str(other)
    return os.path.normpath(os.path.join(os.path.dirname(shown), rel))


# --- YAML replaced whole, comments and key order kept --------------------------


def replace_yaml(
    path: Path,
    edit: Callable[[Any], Any],
    expected: Fingerprint | None = None,
    *,
    initial: str = "",
    check: Callable[[str], None] | None = None,
    shown: str | None = None,
) -> Fingerprint:
    """Apply edit to a YAML file's round-trip data and replace the file atomically.

    The file is read with ruamel.yaml's round-trip loader, so comments, key
    order, flow lists and quoting a person wrote by hand survive; edit gets
    the data (None for an empty or missing file, which starts from initial)
    and returns the new data. check(new text) runs before anything is written
    and raises to refuse. If the file's content differs from expected (the
    fingerprint taken when the editor loaded it), ConflictError is raised and
    nothing is written. Returns the new fingerprint.
    """
    shown = shown or str(path)
    before = fingerprint(path)
    if expected is not None and not before.same_content(expected):
        raise ConflictError(shown)
    text = path.read_text(encoding="utf-8") if before.exists else initial
    new_text = edit_yaml_text(text, edit, shown)
    if check is not None:
        check(new_text)
    with folder_lock(path.parent):
        # Someone may have saved while we edited and checked: compare again, under the lock.
        _check_unchanged(path, before, shown)
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)  # left by a writer killed mid-save (we hold the lock)
        atomic_write(path, new_text)
        return fingerprint(path)


def edit_yaml_text(text: str, edit: Callable[[Any], Any], shown: str = "YAML") -> str:
    """Return text after edit(data), keeping comments, key order and indentation."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        yaml = YAML(typ="rt")
        yaml.width = 4096  # never re-wrap a long line a person wrote
        yaml.preserve_quotes = True
        mapping, sequence, offset = guess_indent(text)
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        data = yaml.load(text)
    except YAMLError as exc:
        raise CxgovError(f"{shown}: expected YAML the editor can read, found {str(exc).splitlines()[0]}") from None
    data = edit(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


_PARENT = re.compile(r"^( *)(- +)?[^\s#-][^:#]*: *(#.*)?$")  # `key:` with its value on the next lines
_CHILD = re.compile(r"^( *)(- +)?\S")


def guess_indent(text: str) -> tuple[int, int, int]:
    """The (mapping, sequence, dash offset) indentation a YAML text uses.

    Defaults to the project's style, `actions:` then `  - id: A1` then
    `    title: ...` (2, 4, 2), where the text does not show its own.
    """
    mapping = sequence = offset = None
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for parent, child in zip(lines, lines[1:], strict=False):
        p, c = _PARENT.match(parent), _CHILD.match(child)
        if p is None or c is None:
            continue
        base = len(p.group(1)) + len(p.group(2) or "")
        depth = len(c.group(1)) - base
        if c.group(2) and offset is None and depth >= 0:
            offset, sequence = depth, depth + len(c.group(2))
        elif not c.group(2) and mapping is None and depth > 0:
            mapping = depth
        if mapping is not None and offset is not None:
            break
    return mapping or 2, sequence or 4, 2 if offset is None else offset
