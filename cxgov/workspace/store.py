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
import errno
import fcntl
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.errors import CxgovError
from cxgov.workspace import files as wsfile
from cxgov.workspace.atomic import fsync_folder, replace_files
from cxgov.workspace.changes import CHANGE_COLUMNS, CHANGES_FILE, creation_row
from cxgov.workspace.ids import committee_dir
from cxgov.workspace.safeyaml import parse_yaml

_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
# Reads for fingerprints and edits stop here: the loader refuses files over 5 MB anyway.
READ_LIMIT = 64 * 1024 * 1024
NOTHING_WRITTEN = "nothing was written"


# --- which files may be written (cxgov.workspace.files's policy) --------------------------


def _root_of(path: Path, root: str | os.PathLike[str] | None) -> Path:
    """The workspace a file belongs to; by default the folder above the file's folder (ws/cx/plan.yaml)."""
    return Path(root) if root is not None else path.parent.parent


def refusal(path: Path, root: str | os.PathLike[str] | None = None) -> str | None:
    """Why path must not be written (what is found there), or None when it may be.

    A file may be written if it is a regular file, or absent, in a real folder
    inside the workspace: never through a symbolic link (a write must change
    the file the user named and no other), never a FIFO, device or directory,
    and never in a folder that is itself a link, even one that stays inside.
    """
    workspace = _root_of(path, root)
    why = wsfile.check_writable(path, wsfile.roots(workspace))
    if why is not None:
        return why
    folder = os.path.abspath(path.parent)
    rel = os.path.relpath(folder, os.path.abspath(workspace))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return "a folder outside the workspace"
    if rel != os.curdir and os.path.realpath(folder) != os.path.join(os.path.realpath(workspace), rel):
        return "a folder that is a symbolic link"
    return None


def refused_message(shown: str, found: str) -> str:
    """The one-line refusal, worded like the loader's problem for the same file."""
    return f"{shown}: file: expected {wsfile.EXPECTED}, found {found}; {NOTHING_WRITTEN}"


class RefusedError(CxgovError):
    """A workspace file cxgov will not write (a link, a FIFO, a folder outside); nothing was written."""

    def __init__(self, shown: str, found: str) -> None:
        super().__init__(refused_message(shown, found))
        self.shown, self.found = shown, found


def _check_writable(path: Path, root: str | os.PathLike[str] | None, shown: str) -> None:
    found = refusal(path, root)
    if found is not None:
        raise RefusedError(shown, found)


def _write_failed(shown: str, exc: OSError) -> CxgovError:
    what = exc.strerror or str(exc)
    return CxgovError(f"{shown}: could not be written ({what}); {NOTHING_WRITTEN}")


def atomic_write(path: Path, text: str, root: str | os.PathLike[str] | None = None, *, shown: str = "") -> None:
    """Replace path with text atomically (temp file, fsync, rename), if the write policy allows it.

    root: the workspace the file belongs to (default: the file's own folder, for
    files outside a workspace such as review pages). A link, FIFO, device or
    directory at path is refused (RefusedError): rename would replace a link
    rather than write through it, but the user named that link, not a new file.
    """
    shown = shown or str(path)
    _check_writable(path, root if root is not None else path.parent, shown)

    def still_regular(_: Path, mode: int) -> None:
        if not stat.S_ISREG(mode):  # swapped for a link or a FIFO since the check
            raise RefusedError(shown, wsfile.kind(mode))

    replace_files({path: text.encode("utf-8")}, guard=still_regular)  # a new file is private (0600)


def create_committee(workspace: Path, committee_id: str, files: Mapping[str, str], *, day: date, by: str = "") -> Path:
    """Create a committee folder with its files in one step; refuse if it exists.

    Its creation is recorded with it: changes.csv starts with the charter (committee.yaml as the loader
    parses it) created on day by person by (changes.creation_row), so that as of an earlier day the
    committee does not exist.
    """
    target = committee_dir(workspace, committee_id)
    if os.path.lexists(target):  # a dangling link counts: rename would fail on it, or replace it
        raise CxgovError(f"{workspace / committee_id}: already exists; choose another id")
    if CHANGES_FILE in files:
        raise CxgovError(f"{CHANGES_FILE}: a new committee's record is written by cxgov, not given")
    text = files.get("committee.yaml", "").removeprefix("\ufeff")
    charter, problems = parse_yaml(text, f"{committee_id}/committee.yaml")
    if problems:
        raise CxgovError(f"{problems[0]}; a new committee needs a charter to record")
    row = creation_row(charter, day, by)
    files = {**files, CHANGES_FILE: csv_text([CHANGE_COLUMNS, [row[c] for c in CHANGE_COLUMNS]])}
    staging = Path(tempfile.mkdtemp(prefix=f".{committee_id}.", dir=workspace))
    try:
        for name, text in files.items():
            with open(staging / name, "x", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(staging, 0o755)
        os.rename(staging, target)  # fails if target appeared meanwhile (unless an empty folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_folder(workspace)
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


def _print_of(data: bytes, mtime_ns: int = 0) -> Fingerprint:
    return Fingerprint(True, len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def _refused_print(found: str) -> Fingerprint:
    # Something the policy refuses is there: it differs from any file, and from nothing.
    return Fingerprint(True, -1, 0, f"refused: {found}")


def read_file(path: Path, root: str | os.PathLike[str] | None = None) -> tuple[Fingerprint, bytes | None]:
    """Read a workspace file the way the loaders do (cxgov.workspace.files's policy); never blocks or streams.

    Returns the fingerprint and the bytes, None when the file is absent or
    refused (a link out of the workspace, a FIFO, a device, a directory, a loop:
    never opened; the fingerprint then says what was found).
    """
    try:
        data, _ = wsfile.open_regular(path, wsfile.roots(_root_of(path, root)), READ_LIMIT)
    except FileNotFoundError:
        return Fingerprint(False), None
    except wsfile.Refused as why:
        return _refused_print(why.found), None
    try:
        mtime_ns = os.stat(path).st_mtime_ns
    except OSError:
        mtime_ns = 0
    return _print_of(data, mtime_ns), data


def fingerprint(path: Path, root: str | os.PathLike[str] | None = None) -> Fingerprint:
    """Take the fingerprint of path (a missing file has one too, and so has one the policy refuses)."""
    return read_file(path, root)[0]


def _check_unchanged(path: Path, expected: Fingerprint, shown: str, root: str | os.PathLike[str] | None) -> None:
    if not fingerprint(path, root).same_content(expected):
        raise ConflictError(shown)


_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@contextmanager
def folder_lock(folder: Path) -> Iterator[int]:
    """Hold an exclusive lock on a folder while its files are written; yield the folder's descriptor.

    The lock is flock(2) on the folder itself, so no lock file is left in the
    workspace; it binds every cxgov writer (editors, tests, scripts), not a
    text editor or git, which the fingerprints catch instead. The folder is
    opened without following a link, so files opened relative to it are in
    the folder that was checked.
    """
    fd = os.open(folder, _FOLDER_FLAGS)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def _locked(path: Path, shown: str) -> Iterator[int]:
    """folder_lock on path's folder; a folder that cannot be opened is a one-line error naming the file."""
    try:
        fd = os.open(path.parent, _FOLDER_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a link since the check
            raise RefusedError(shown, "a folder that is a symbolic link") from None
        raise _write_failed(shown, exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


# --- append-only CSV history ------------------------------------------------


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Rows as CSV text, one line each, ending with a newline."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


RowCheck = Callable[[str, int, int], None]
_NEWLINES = re.compile(r"\r\n?")
# Opened for appending without following a link and without blocking on a FIFO (fstat refuses it).
_APPEND_FLAGS = os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY


def _open_history(name: str, folder_fd: int, shown: str) -> int | None:
    """The history file opened for reading and appending, None if absent; RefusedError if not a regular file."""
    try:
        fd = os.open(name, _APPEND_FLAGS, dir_fd=folder_fd)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedError(shown, "a symbolic link") from None
        if exc.errno in (errno.EISDIR, errno.ENXIO):
            raise RefusedError(shown, "a directory" if exc.errno == errno.EISDIR else "a special file") from None
        raise _write_failed(shown, exc) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise RefusedError(shown, wsfile.kind(mode))
    return fd


def _read_all(fd: int) -> bytes:
    chunks, offset = [], 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _line_ends(data: bytes) -> int:
    """The lines data ends, counted as the CSV reader counts them (\n, \r\n or a lone \r)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _records(text: str, base: int = 0) -> list[tuple[int, list[str]]]:
    """(first line, fields) of each CSV record, read as the loader reads them; csv.Error names the line.

    base: the lines before text (text starts where an earlier read ended cleanly).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[tuple[int, list[str]]] = []
    line = base
    try:
        for row in reader:
            start, line = line + 1, base + reader.line_num
            out.append((start, row))
    except csv.Error as exc:
        raise _Unclean(line + 1, str(exc)) from None
    return out


@dataclass(frozen=True, slots=True)
class _Clean:
    """A history's first size bytes (sha256) were read back whole, ending after line lines: no need to read again."""

    size: int
    sha256: str
    lines: int


# (device, inode) of a history -> its prefix last read back clean in this process. Posting to a long
# history then reads only the rows added since, so it stays fast; a rewritten file fails the hash.
_clean: dict[tuple[int, int], _Clean] = {}


def _unread(old: bytes, old_text: str, known: _Clean | None) -> tuple[str, int]:
    """The part of the old text still to be read, and the lines before it."""
    if known is not None and len(old) >= known.size and hashlib.sha256(old[: known.size]).hexdigest() == known.sha256:
        # The prefix ends just after a newline, so its bytes and the rest decode apart.
        return old[known.size :].decode("utf-8", errors="surrogateescape"), known.lines
    return old_text, 0


class _Unclean(Exception):
    def __init__(self, line: int, found: str) -> None:
        super().__init__(found)
        self.line, self.found = line, found


def _check_lands_whole(
    old_text: str, new_text: str, rows: list[list[str]], first_line: int, shown: str, base: int = 0
) -> None:
    """Refuse unless the file, with the new text appended, reads back as its old rows plus exactly these.

    A hand-edited last line with an unclosed quote would swallow the new rows
    (posted, then gone); a malformed row stops the loader, hiding every row
    after it. Both are refused, naming the line to fix by hand. old_text may
    be the part after base lines already read back clean.
    """
    try:
        got = _records(old_text + new_text, base)
    except _Unclean:
        got = []
    tail = got[-len(rows) :] if rows else []
    if [r for _, r in tail] != rows or (tail and tail[0][0] != first_line):
        try:
            _records(old_text, base)  # the old rows alone: name the line that would swallow or hide the new ones
        except _Unclean as bad:
            raise _unclean_error(shown, bad) from None
        raise CxgovError(
            f"{shown}:{first_line}: row: expected the new rows to read back as written, found they would not; "
            f"{NOTHING_WRITTEN}"
        )


def _unclean_error(shown: str, bad: _Unclean) -> CxgovError:
    if "end of data" in bad.found:
        found = "a quoted field that is never closed"
    elif "expected after" in bad.found:
        found = "text after a closing quote"
    else:
        found = f"unreadable CSV ({bad.found})"
    return CxgovError(
        f"{shown}:{bad.line}: row: expected a complete CSV row before new rows are added, found {found}; "
        f"{NOTHING_WRITTEN} (fix that line by hand)"
    )


def append_rows(
    path: Path,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    expected: Fingerprint | None = None,
    *,
    unchanged: Mapping[Path, Fingerprint] | None = None,
    check: RowCheck | None = None,
    shown: str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Fingerprint:
    """Append rows to a CSV history under the folder lock; return the new fingerprint.

    Values go in the order of the file's own header (a new file gets `columns`
    as its header). The file is never rewritten: the rows are one O_APPEND
    write followed by fsync; if that write fails or falls short (a full disk),
    the file is cut back to its old size, so it holds all the rows or none.
    Before writing, the file with the rows appended is read as the loader
    reads it: the new rows must come back exactly as given, at the line
    expected (an unclosed quote on a hand-edited last line would swallow them),
    else nothing is written. A last line without its newline gets one first.
    expected is the fingerprint taken when the file was read: rows appended
    since by someone else are fine (appends commute), but a file that was
    truncated, rewritten or deleted raises ConflictError. unchanged: other
    files the rows were checked against (plan.yaml for action ids) that must
    not have changed either. check(text, first_line, size) gets the file's
    header plus the new rows as CSV text, the line the first new row will
    have and the file's size after the append; it raises to refuse the rows,
    before anything is written. root: the workspace (default: the folder
    above the file's folder); the file must be one cxgov may write
    (RefusedError otherwise: a link, a FIFO, a folder outside).
    """
    shown = shown or str(path)
    _check_writable(path, root, shown)
    with _locked(path, shown) as folder_fd:
        for other, fp in (unchanged or {}).items():
            _check_unchanged(other, fp, _shown_sibling(shown, path, other), root)
        fd = _open_history(path.name, folder_fd, shown)
        try:
            return _append(fd, folder_fd, path, columns, rows, expected, check, shown)
        finally:
            if fd is not None:
                os.close(fd)


def _append(
    fd: int | None,
    folder_fd: int,
    path: Path,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    expected: Fingerprint | None,
    check: RowCheck | None,
    shown: str,
) -> Fingerprint:
    old = _read_all(fd) if fd is not None else None
    if expected is not None and not _only_appended(old, expected):
        raise ConflictError(shown)
    old_text = (old or b"").decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    lead = ""
    if old:
        first = old_text.split("\n", 1)[0].rstrip("\r")
        header = [h.strip() for h in next(csv.reader([first]), [])]
        missing = [c for c in columns if c not in header]
        if missing:
            raise CxgovError(f"{shown}:1: header: expected the columns {', '.join(columns)}, found {first!r}")
        if not old.endswith((b"\n", b"\r")):
            lead = "\n"  # a hand edit without a final newline: end that line, never glue a row onto it
        first_line = _line_ends(old) + 1 + (1 if lead else 0)
    else:
        header, first = list(columns), ",".join(columns)
        lead = csv_text([header])
        first_line = 2
    values = [[_NEWLINES.sub("\n", row.get(c, "")) for c in header] for row in rows]
    _check_values(header, values, shown)
    body = csv_text(values)
    data = (lead + body).encode("utf-8")
    key = None
    if fd is not None:
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino)
    unread, base = _unread(old or b"", old_text, _clean.get(key) if key else None)
    _check_lands_whole(unread, lead + body, values, first_line, shown, base)
    if check is not None:
        check(first + "\n" + body, first_line, len(old or b"") + len(data))
    created = fd is None
    if fd is None:
        try:
            fd = os.open(path.name, _APPEND_FLAGS | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=folder_fd)
        except FileExistsError:
            raise ConflictError(shown) from None  # created meanwhile by something that does not take the lock
        except OSError as exc:
            raise _write_failed(shown, exc) from None
    try:
        _write_whole(fd, old or b"", data, shown, folder_fd, path.name if created else None)
        st = os.fstat(fd)
    finally:
        if created:
            os.close(fd)
    if created:
        os.fsync(folder_fd)
    digest = hashlib.sha256(old or b"")
    digest.update(data)
    size = len(old or b"") + len(data)
    _clean[(st.st_dev, st.st_ino)] = _Clean(size, digest.hexdigest(), first_line - 1 + body.count("\n"))
    return Fingerprint(True, size, st.st_mtime_ns, digest.hexdigest())


def _check_values(header: Sequence[str], values: list[list[str]], shown: str) -> None:
    """Refuse a value the file cannot hold, naming its column.

    UTF-8 cannot hold an unpaired surrogate (a browser can send one); the
    loader's CSV reader stops at a field longer than its limit, hiding every
    row after it.
    """
    limit = csv.field_size_limit()
    for row in values:
        for column, value in zip(header, row, strict=True):
            if len(value) > limit:
                raise CxgovError(
                    f"{shown}: {column}: expected at most {limit:,} characters, found {len(value):,}; {NOTHING_WRITTEN}"
                )
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                char = f"U+{ord(value[exc.start]):04X}"
                raise CxgovError(
                    f"{shown}: {column}: expected text, found the character {char}, which UTF-8 cannot hold; "
                    f"{NOTHING_WRITTEN}"
                ) from None


def _write_whole(fd: int, old: bytes, data: bytes, shown: str, folder_fd: int, created: str | None) -> None:
    """Append data with one write, fsync, and read the file back; on any failure leave it as it was."""
    size = len(old)
    if os.fstat(fd).st_size != size:
        raise ConflictError(shown)  # written to meanwhile by something that does not take the lock
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(errno.ENOSPC, f"only {written} of {len(data)} bytes could be written: the disk may be full")
        os.fsync(fd)
    except OSError as exc:
        _undo(fd, size, folder_fd, created)
        raise _write_failed(shown, exc) from None
    except BaseException:
        _undo(fd, size, folder_fd, created)
        raise
    if _read_all(fd) != old + data:
        raise CxgovError(
            f"{shown}: was changed by another program while the row was written; "
            "reload and check its last lines before posting again"
        )


def _undo(fd: int, size: int, folder_fd: int, created: str | None) -> None:
    """Cut the file back to size (a partial row must never load as a valid one); a new file is removed."""
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
        if created is not None:
            os.unlink(created, dir_fd=folder_fd)
            os.fsync(folder_fd)
    except OSError:
        pass  # the error that brought us here is the one to report


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


def append_changes(
    folder: Path, rows: Sequence[Mapping[str, str]], *, root: str | os.PathLike[str] | None = None, shown: str = ""
) -> Fingerprint:
    """Append field-level changes to the committee folder's changes.csv, all rows or none (append_rows)."""
    path = folder / CHANGES_FILE
    return append_rows(path, CHANGE_COLUMNS, rows, shown=shown or str(path), root=root)


# --- YAML replaced whole, comments and key order kept --------------------------


def replace_yaml(
    path: Path,
    edit: Callable[[Any], Any],
    expected: Fingerprint | None = None,
    *,
    initial: str = "",
    check: Callable[[str], None] | None = None,
    shown: str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Fingerprint:
    """Apply edit to a YAML file's round-trip data and replace the file atomically.

    The file is read with ruamel.yaml's round-trip loader, so comments, key
    order, flow lists and quoting a person wrote by hand survive; edit gets
    the data (None for an empty or missing file, which starts from initial)
    and returns the new data. check(new text) runs before anything is written
    and raises to refuse. If the file's content differs from expected (the
    fingerprint taken when the editor loaded it), ConflictError is raised and
    nothing is written. root: the workspace (default: the folder above the
    file's folder); a file cxgov may not write (a link, even one inside, a
    FIFO, a device, a folder outside) raises RefusedError before it is read.
    Returns the new fingerprint.
    """
    shown = shown or str(path)
    _check_writable(path, root, shown)
    before, data = read_file(path, root)
    if expected is not None and not before.same_content(expected):
        raise ConflictError(shown)
    if before.exists and data is None:
        raise RefusedError(shown, before.sha256.removeprefix("refused: "))
    try:
        text = data.decode("utf-8") if data is not None else initial
    except UnicodeDecodeError as exc:
        raise CxgovError(
            f"{shown}: expected UTF-8 text the editor can read, found {exc.reason}; fix it by hand"
        ) from None
    new_text = edit_yaml_text(text, edit, shown)
    if check is not None:
        check(new_text)
    with _locked(path, shown) as folder_fd:
        # Someone may have saved while we edited and checked: compare again, under the lock.
        _check_unchanged(path, before, shown, root)
        _remove_stale(path.name, folder_fd)
        try:
            atomic_write(path, new_text, _root_of(path, root), shown=shown)
        except OSError as exc:  # a full disk, a read-only folder: the old file is still there
            raise _write_failed(shown, exc) from None
        after, written = read_file(path, root)
    if written != new_text.encode("utf-8"):
        raise CxgovError(f"{shown}: was changed by another program while it was saved; reload and check it")
    return after


def _remove_stale(name: str, folder_fd: int) -> None:
    """Remove temporary files left by a writer killed mid-save (the caller holds the folder lock)."""
    prefix = f".{name}."
    for entry in os.scandir(folder_fd):
        if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
            try:
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.name, dir_fd=folder_fd)  # a link is removed itself, never followed
            except OSError:
                pass  # not ours to fix; it never blocks a save


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
