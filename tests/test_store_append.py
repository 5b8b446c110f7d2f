"""Appends land whole or not at all: a full disk, a size limit or an unclosed quote never leaves a partial row."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.errors import CxgovError
from cxgov.workspace.load import load_workspace
from cxgov.workspace.load_history import UPDATE_COLUMNS
from cxgov.workspace.store import append_rows, fingerprint

ROW = {"date": "2026-11-23", "action": "A2", "status": "at_risk", "by": "ana", "note": "slipping"}

# Appends a row to argv[1] with the file size limited to argv[2] bytes (SIGXFSZ ignored: write fails
# with EFBIG, or writes short), and prints the error message. A real failing write, not a mock.
LIMITED = """
import resource, signal, sys
from pathlib import Path
from cxgov.errors import CxgovError
from cxgov.workspace.load_history import UPDATE_COLUMNS
from cxgov.workspace.store import append_rows
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
path, limit = Path(sys.argv[1]), int(sys.argv[2])
row = {"date": "2026-11-23", "action": "A2", "status": "at_risk", "by": "ana", "note": sys.argv[3]}
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    append_rows(path, UPDATE_COLUMNS, [row], shown="ws/cx/updates.csv")
except CxgovError as exc:
    print(exc)
else:
    print("appended")
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


def append_limited(path: Path, limit: int, note: str = "slipping") -> str:
    done = subprocess.run(
        [sys.executable, "-c", LIMITED, str(path), str(limit), note], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


# --- a write that fails or falls short ------------------------------------------------


def test_a_write_past_the_file_size_limit_leaves_the_file_as_it_was(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    got = append_limited(path, len(old))
    assert got == "ws/cx/updates.csv: could not be written (File too large); nothing was written"
    assert path.read_bytes() == old


def test_a_short_write_is_cut_back_so_no_partial_row_loads_as_an_update(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    got = append_limited(path, len(old) + 20)  # room for "2026-11-23,A2,at_ris": the rest does not fit
    assert got == (
        "ws/cx/updates.csv: could not be written (only 20 of 35 bytes could be written: the disk may be full); "
        "nothing was written"
    )
    assert path.read_bytes() == old
    assert [u.note for u in load_workspace(ws).committee["cx"].updates][-1] == ""


def test_a_new_file_that_cannot_be_written_is_not_left_behind(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.unlink()
    got = append_limited(path, 10)  # not even the header fits
    assert got.startswith("ws/cx/updates.csv: could not be written (only 10 of ")
    assert not path.exists()


def test_the_limit_leaves_room_for_a_row_that_fits(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    assert append_limited(path, len(old) + 35) == "appended"  # the test above fails for lack of room only
    assert path.read_bytes() == old + b"2026-11-23,A2,at_risk,ana,slipping\n"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs holding a copy of the workspace (needs root and mount; skipped otherwise)."""
    mnt = tmp_path / f"disk-{uuid.uuid4().hex[:8]}"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(folder: Path) -> None:
    """Use up every free block of the file system folder is on."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"x" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_full_disk_leaves_the_history_as_it_was(full_disk: Path) -> None:
    ws = Path(shutil.copytree(MINIMAL, full_disk / "ws"))
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    fill(full_disk)
    with pytest.raises(CxgovError) as exc:
        # A note longer than the slack in the file's last block: it needs a block the disk does not have.
        append_rows(
            path,
            UPDATE_COLUMNS,
            [dict(ROW, note="n" * 6000)],
            fingerprint(path, ws),
            root=ws,
            shown="ws/cx/updates.csv",
        )
    # tmpfs fills the slack of the file's last block, then stops: a real short write, cut back.
    assert re.fullmatch(
        r"ws/cx/updates.csv: could not be written \((No space left on device|only \d+ of 6027 bytes could be "
        r"written: the disk may be full)\); nothing was written",
        str(exc.value),
    ), str(exc.value)
    assert path.read_bytes() == old
    (full_disk / "filler").unlink()
    fp = append_rows(path, UPDATE_COLUMNS, [ROW], fingerprint(path, ws), root=ws)  # room again: it lands whole
    assert path.read_bytes() == old + b"2026-11-23,A2,at_risk,ana,slipping\n"
    assert fp == fingerprint(path, ws)


# --- a file that does not end cleanly ---------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "line", "found"),
    [
        ('2026-09-02,A2,on_track,dee,"unclosed note\n', 5, "a quoted field that is never closed"),
        ('2026-09-02,A2,on_track,dee,"unclosed note', 5, "a quoted field that is never closed"),
        ('2026-09-02,A2,on_track,dee,"a\nsecond line\n', 5, "a quoted field that is never closed"),
        ('2026-09-02,A2,on_track,dee,"note"x\n', 5, "text after a closing quote"),
    ],
    ids=["open-quote", "open-quote-no-newline", "open-quote-multiline", "text-after-closing-quote"],
)
def test_a_last_line_that_would_swallow_the_new_row_is_refused(ws: Path, tail: str, line: int, found: str) -> None:
    path = ws / "cx" / "updates.csv"
    path.write_bytes(path.read_bytes() + tail.encode())
    old = path.read_bytes()
    for note in ["slipping", 'closes "the quote', 'a, "b"']:
        with pytest.raises(CxgovError) as exc:
            append_rows(path, UPDATE_COLUMNS, [dict(ROW, note=note)], shown="ws/cx/updates.csv")
        assert str(exc.value) == (
            f"ws/cx/updates.csv:{line}: row: expected a complete CSV row before new rows are added, "
            f"found {found}; nothing was written (fix that line by hand)"
        )
        assert path.read_bytes() == old


def test_a_broken_row_in_the_middle_is_refused_it_would_hide_every_row_after_it(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:2] + ['2026-07-21,A1,on_track,bo,"x"y\n'] + lines[2:]))
    old = path.read_bytes()
    with pytest.raises(CxgovError, match=r"^ws/cx/updates.csv:3: row: expected a complete CSV row"):
        append_rows(path, UPDATE_COLUMNS, [ROW], shown="ws/cx/updates.csv")
    assert path.read_bytes() == old


def test_a_complete_last_line_without_its_newline_gets_one_before_the_row(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.write_bytes(path.read_bytes() + b'2026-09-02,A2,on_track,dee,"closed, quoted"')
    old = path.read_bytes()
    append_rows(path, UPDATE_COLUMNS, [ROW])
    assert path.read_bytes() == old + b"\n2026-11-23,A2,at_risk,ana,slipping\n"
    assert [u.note for u in load_workspace(ws).committee["cx"].updates[-2:]] == ["closed, quoted", "slipping"]


def test_a_carriage_return_in_a_note_is_written_as_a_newline_and_reads_back(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    append_rows(path, UPDATE_COLUMNS, [dict(ROW, note="one\rtwo\r\nthree")])
    assert load_workspace(ws).committee["cx"].updates[-1].note == "one\ntwo\nthree"
    assert load_workspace(ws).problems == ()


def test_crlf_files_and_a_byte_order_mark_are_appended_to(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(old)
    append_rows(path, UPDATE_COLUMNS, [ROW])
    assert path.read_bytes() == old + b"2026-11-23,A2,at_risk,ana,slipping\n"
    assert load_workspace(ws).committee["cx"].updates[-1].note == "slipping"


def test_a_file_written_to_by_another_program_meanwhile_is_a_conflict_not_a_truncation(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    seen = fingerprint(path)
    with open(path, "ab") as fh:
        fh.write(b"2026-11-22,A1,done,bo,theirs\n")
    append_rows(path, UPDATE_COLUMNS, [ROW], seen)  # appended rows are not a conflict
    assert path.read_text().endswith("2026-11-22,A1,done,bo,theirs\n2026-11-23,A2,at_risk,ana,slipping\n")
    assert os.path.getsize(path) == fingerprint(path).size


def test_a_lone_carriage_return_in_a_quoted_note_written_by_another_tool_is_appended_after(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.write_bytes(path.read_bytes() + b'2026-09-02,A2,on_track,dee,"one\rtwo"\r')
    old = path.read_bytes()
    lines: list[int] = []
    append_rows(path, UPDATE_COLUMNS, [ROW], check=lambda text, first, size: lines.append(first))
    assert path.read_bytes() == old + b"2026-11-23,A2,at_risk,ana,slipping\n"
    assert lines == [7]  # the loader's own line count: the \r inside the quotes ends a line for it too
    updates = load_workspace(ws).committee["cx"].updates
    assert [u.note for u in updates[-2:]] == ["one\rtwo", "slipping"]
    assert updates[-1].line == 7


def test_later_appends_read_only_what_was_added_and_still_catch_a_broken_hand_edit(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    append_rows(path, UPDATE_COLUMNS, [ROW])  # reads the file whole, remembers it ends cleanly
    append_rows(path, UPDATE_COLUMNS, [dict(ROW, note="second")])  # reads only the new part
    with open(path, "ab") as fh:
        fh.write(b'2026-11-24,A1,done,bo,"unclosed\n')  # a hand edit after the remembered part
    old = path.read_bytes()
    with pytest.raises(CxgovError, match=r"^ws/cx/updates.csv:7: row: expected a complete CSV row"):
        append_rows(path, UPDATE_COLUMNS, [dict(ROW, note="third")], shown="ws/cx/updates.csv")
    assert path.read_bytes() == old
    path.write_bytes(old.replace(b'"unclosed\n', b'"closed"\n'))  # fixed by hand (a rewrite: read whole again)
    append_rows(path, UPDATE_COLUMNS, [dict(ROW, note="third")])
    updates = load_workspace(ws).committee["cx"].updates
    by_line = sorted((u.line, u.note) for u in updates)  # the loader orders updates by date, not by line
    assert by_line[-4:] == [(5, "slipping"), (6, "second"), (7, "closed"), (8, "third")]
