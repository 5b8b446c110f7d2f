"""Write exports: an .ics calendar, an .xlsx workbook, or a folder of CSV files.

Exports are output, not workspace data: they are refused inside the workspace
folder, and every file is replaced atomically (a reader never sees half of
one, and a failed export leaves no file behind). Spreadsheet cells hold user
text as text (see ``cxgov.export.safetext``): in the workbook every text cell,
header included, is stored as a string marked with Excel's quote prefix when
it looks like a formula, never as a formula; in CSV files such a cell gets a
leading apostrophe. Characters XML forbids become U+FFFD in every format. CSV
files start with a UTF-8 byte-order mark, without which Excel reads them in
the local code page and garbles Cyrillic or Chinese.

Files are replaced by ``cxgov.workspace.atomic.replace_files``, as workspace files
are, with a shareable mode for a new file.
"""

from __future__ import annotations

import errno
import io
import math
import os
import stat
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from cxgov.errors import CxgovError
from cxgov.export.ics import to_ics
from cxgov.export.safetext import csv_cell, formula_like, xml_text
from cxgov.export.tables import SHEETS, tables
from cxgov.workspace.atomic import replace_files
from cxgov.workspace.model import Workspace

_MAX_WIDTH = 60
# Excel's calendar starts on 1900-01-01: an earlier date would show as ####.
_EXCEL_FIRST_DAY = date(1900, 1, 1)


class WriteError(CxgovError):
    """The export could not be written (the file system refused): exit 1, not a usage error."""


def check_outside(ws: Workspace, out: Path) -> None:
    """Refuse an output path inside the workspace folder."""
    root = ws.root.resolve()
    try:
        target = out.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before Python 3.13
        raise CxgovError(f"--out: {shown(out)} cannot be resolved ({_reason(exc)})") from None
    if target == root or root in target.parents:
        raise CxgovError(
            f"--out: {shown(out)} is inside the workspace {ws.shown}; exports are not workspace data, "
            "write them elsewhere (e.g. --out exports/...)"
        )


def shown(path: Path | str) -> str:
    """A path for a message: whole, or its two ends when too long for one line."""
    text = str(path)
    return text if len(text) <= 160 else f"{text[:80]}...{text[-77:]}"


def _kind(path: Path, out: Path) -> str:
    """What is at path: 'nothing', 'folder', 'file' or 'other' (a device, a pipe).

    One stat, and an OS error (a name too long, a folder without search
    permission, a symlink loop) becomes a message, where Path.is_dir raises.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "nothing"  # a parent that is a file is found by _file_below
    except OSError as exc:
        raise WriteError(f"--out: cannot write {shown(out)}: {_reason(exc)}") from None
    return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _reason(exc: BaseException) -> str:
    """An OS error as a short lower-case reason ('permission denied'), without the path it names."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return text[:1].lower() + text[1:]


def _file_below(out: Path) -> Path | None:
    """The nearest existing ancestor of out that is not a folder (a file), if any."""
    for parent in out.parents:
        kind = _kind(parent, out)
        if kind != "nothing":
            return None if kind == "folder" else parent
    return None


def _make_folder(folder: Path, out: Path) -> list[Path]:
    """Create folder and its missing parents for out; return the folders created, deepest first."""
    blocker = _file_below(out)
    if blocker is not None:
        raise CxgovError(f"--out: {shown(out)}: {shown(blocker)} is a file, not a folder")
    missing = [p for p in (folder, *folder.parents) if _kind(p, out) == "nothing"]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_folders(missing)
        raise WriteError(f"--out: cannot create the folder {shown(folder)} for {shown(out)}: {_reason(exc)}") from None
    return missing


def _remove_folders(created: list[Path]) -> None:
    """Remove the folders an export created (deepest first) when it wrote nothing into them."""
    for folder in created:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty or already gone: leave it and its parents


def write_files(files: dict[Path, bytes]) -> None:
    """Replace each path with its data, all of them or none (``cxgov.workspace.atomic.replace_files``).

    A new file is readable by others (0644, as a shared export should be)
    rather than the temporary file's private 0600. Every file is written
    before any is renamed, so a failure (disk full, permission denied) leaves
    the earlier export whole; an OSError names the file that failed (a CSV
    folder holds four), not the temporary one.
    """
    for path in files:
        # found before anything is written: a rename failing half-way would mix new and old files
        kind = _kind(path, path)
        if kind == "folder":
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if kind == "other":
            raise OSError(errno.EEXIST, "not a regular file", str(path))
    replace_files(files, new_mode=0o644)


def _write(out: Path, folder: Path, files: Callable[[], dict[Path, bytes]]) -> None:
    """Make the folder, compute the files and write them; on an OS error say so and leave nothing behind."""
    created = _make_folder(folder, out)
    try:
        write_files(files())
    except OSError as exc:
        _remove_folders(created)
        raise WriteError(f"--out: cannot write {shown(exc.filename or out)}: {_reason(exc)}") from None
    except BaseException:
        _remove_folders(created)
        raise


def _file_target(ws: Workspace, out: Path) -> None:
    check_outside(ws, out)
    kind = _kind(out, out)
    if kind == "folder":
        raise CxgovError(f"--out: {shown(out)} is a folder; expected a file name")
    if kind == "other":
        # a device or a pipe (--out /dev/null): replacing it would swap it for a regular file
        raise CxgovError(f"--out: {shown(out)} is not a regular file; expected a file name")


def write_ics(ws: Workspace, as_of: date, out: Path) -> str:
    """Write the calendar to out; return a one-line summary."""
    _file_target(ws, out)
    data = to_ics(ws, as_of)
    _write(out, out.parent, lambda: {out: data})
    n = data.count(b"BEGIN:VEVENT")
    return f"wrote {shown(out)}: {n} events from {_committees(ws)} as of {as_of}"


def xlsx_value(value: object) -> object:
    """A table value as an openpyxl cell value: text XML can hold, dates Excel can show, no NaN or inf."""
    if isinstance(value, str):
        # XML reads a carriage return as a line feed: write it as one, so the cell reads back as written
        return xml_text(value.replace("\r\n", "\n").replace("\r", "\n"))
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (date, list, tuple)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, float) and not math.isfinite(value):
        # openpyxl would write an empty <v/> Excel rejects; NaN is "no value", inf is said as text
        return None if math.isnan(value) else str(value)
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return value if day >= _EXCEL_FIRST_DAY else day.isoformat()
    if isinstance(value, (list, tuple, set)):
        return xml_text(", ".join(str(v) for v in value))
    return value


def _put(sheet: Any, row: int, column: int, value: object) -> None:
    """Write one cell; text stays text whatever it starts with."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        # openpyxl stores text starting with '=' as a formula and '#N/A' as an error
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell


def _write_table(sheet: Any, frame: pd.DataFrame) -> None:
    """Write a table cell by cell with a bold header, leaving empty cells out.

    Empty cells are not written: for the RACI chart of 4,000 actions and 195
    people that is 36,000 cells instead of 780,000 (14 s with pandas).
    """
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for c, name in enumerate(frame.columns, start=1):
        _put(sheet, 1, c, xlsx_value(str(name)))
        sheet.cell(row=1, column=c).font = bold
    for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for c, raw in enumerate(row, start=1):
            if raw is None or (isinstance(raw, str) and not raw):
                continue  # most of the RACI chart: skip it before any conversion
            value = xlsx_value(raw)
            if value is not None and value != "":
                _put(sheet, r, c, value)


def _tidy(sheet: Any, frame: pd.DataFrame) -> None:
    """Freeze the header row, fit the columns to the text."""
    from openpyxl.utils import get_column_letter

    for c, col in enumerate(frame.columns, start=1):
        texts = [v for v in frame.iloc[:, c - 1] if isinstance(v, str)]
        longest = max((len(line) for v in texts for line in v.splitlines() or [""]), default=10)
        width = max(len(str(col)), longest, 8) + 2
        sheet.column_dimensions[get_column_letter(c)].width = min(width, _MAX_WIDTH)
    sheet.freeze_panes = "A2"


def workbook(ws: Workspace, as_of: date) -> bytes:
    """The workbook (sheets Actions, RACI, KPIs, Health) as .xlsx bytes."""
    title = f"{ws.org.name if ws.org else ws.shown}: CX governance as of {as_of}"
    return workbook_of(tables(ws, as_of), title, datetime(as_of.year, as_of.month, as_of.day))


def workbook_of(sheets: dict[str, pd.DataFrame], title: str, created: datetime) -> bytes:
    """Tables as .xlsx bytes, one sheet each, whatever text and numbers they hold."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name)
        _write_table(sheet, frame)
        _tidy(sheet, frame)
    props = book.properties
    props.creator = "cxgov"
    props.title = xml_text(title)
    props.created = props.modified = created
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def write_xlsx(ws: Workspace, as_of: date, out: Path) -> str:
    """Write the workbook to out; return a one-line summary."""
    _file_target(ws, out)
    _write(out, out.parent, lambda: {out: workbook(ws, as_of)})
    return f"wrote {shown(out)}: sheets {', '.join(SHEETS)} from {_committees(ws)} as of {as_of}"


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV text: quoted where needed, text (headers too) cleaned and defused, numbers kept."""
    safe = frame.copy()
    for i, dtype in enumerate(frame.dtypes):
        if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
            # cell by cell into an object column: mapping would re-infer the type and turn -2 into -2.0
            safe.isetitem(i, pd.Series([_csv_value(v) for v in frame.iloc[:, i]], index=frame.index, dtype=object))
    safe.columns = [_csv_value(str(c)) for c in frame.columns]
    # CRLF, as RFC 4180 has it: the csv module quotes a cell holding any character of the line
    # terminator, so with "\n" alone a carriage return in a note would end the row
    return str(safe.to_csv(index=False, lineterminator="\r\n"))


def _csv_value(value: object) -> object:
    """A CSV cell: text without the characters XML forbids (a NUL stops many readers), then defused."""
    return csv_cell(xml_text(value)) if isinstance(value, str) else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as a CSV file's bytes: UTF-8 with a byte-order mark, so Excel does not guess the code page."""
    return csv_text(frame).encode("utf-8-sig", errors="replace")


def write_csv(ws: Workspace, as_of: date, out: Path) -> str:
    """Write one CSV file per table into the folder out; return a one-line summary."""
    check_outside(ws, out)
    if _kind(out, out) in ("file", "other"):
        raise CxgovError(f"--out: {shown(out)} is a file; expected a folder for the CSV files")
    _write(out, out, lambda: {out / SHEETS[s]: csv_bytes(t) for s, t in tables(ws, as_of).items()})
    return f"wrote {shown(out)}/: {', '.join(SHEETS.values())} from {_committees(ws)} as of {as_of}"


def _committees(ws: Workspace) -> str:
    n = len(ws.committees)
    return f"{n} committee{'s' if n != 1 else ''}"


WRITERS = {"ics": write_ics, "xlsx": write_xlsx, "csv": write_csv}
