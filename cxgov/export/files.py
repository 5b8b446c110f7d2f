"""Write exports: an .ics calendar, an .xlsx workbook, or a folder of CSV files.

Exports are output, not workspace data: they are refused inside the workspace
folder, and every file is replaced atomically (a reader never sees half of
one). Spreadsheet cells hold user text as text: a title starting with '=' is
stored as a string in the workbook, never as a formula, and in CSV files such
a cell (starting with =, +, -, @, tab or carriage return) gets a leading
apostrophe, the usual defence against formula injection when a spreadsheet
opens the file.
"""

from __future__ import annotations

import io
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from cxgov.errors import CxgovError
from cxgov.export.ics import to_ics
from cxgov.export.tables import SHEETS, tables
from cxgov.model import Workspace
from cxgov.store import atomic_write

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


def check_outside(ws: Workspace, out: Path) -> None:
    """Refuse an output path inside the workspace folder."""
    root = ws.root.resolve()
    target = out.resolve()
    if target == root or root in target.parents:
        raise CxgovError(
            f"--out: {out} is inside the workspace {ws.shown}; exports are not workspace data, "
            "write them elsewhere (e.g. --out exports/...)"
        )


def _file_target(ws: Workspace, out: Path) -> None:
    check_outside(ws, out)
    if out.is_dir():
        raise CxgovError(f"--out: {out} is a folder; expected a file name")
    out.parent.mkdir(parents=True, exist_ok=True)


def _replace_bytes(path: Path, data: bytes) -> None:
    """Replace path with data atomically (temp file in the same folder, fsync, rename)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_ics(ws: Workspace, as_of: date, out: Path) -> str:
    """Write the calendar to out; return a one-line summary."""
    _file_target(ws, out)
    data = to_ics(ws, as_of)
    atomic_write(out, data.decode("utf-8"))
    n = data.count(b"BEGIN:VEVENT")
    return f"wrote {out}: {n} events from {_committees(ws)} as of {as_of}"


def workbook(ws: Workspace, as_of: date) -> bytes:
    """The workbook (sheets Actions, RACI, KPIs, Health) as .xlsx bytes."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet, frame in tables(ws, as_of).items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
            _tidy(writer.sheets[sheet])
        props = writer.book.properties
        props.creator = "cxgov"
        props.title = f"{ws.org.name if ws.org else ws.shown}: CX governance as of {as_of}"
        props.created = props.modified = datetime(as_of.year, as_of.month, as_of.day)
    return buf.getvalue()


def _tidy(ws: Any) -> None:
    """Keep user text as text (never a formula), freeze the header row, fit the columns of a worksheet."""
    from openpyxl.utils import get_column_letter

    for col_idx, column in enumerate(ws.iter_cols(), start=1):
        width = 8
        for cell in column:
            if cell.data_type == "f":  # openpyxl takes any string starting with '=' for a formula
                cell.data_type = "s"
            if cell.value is not None:
                width = max(width, min(_MAX_WIDTH, len(str(cell.value)) + 2))
        ws.column_dimensions[get_column_letter(col_idx)].width = width
    ws.freeze_panes = "A2"


def write_xlsx(ws: Workspace, as_of: date, out: Path) -> str:
    """Write the workbook to out; return a one-line summary."""
    _file_target(ws, out)
    _replace_bytes(out, workbook(ws, as_of))
    return f"wrote {out}: sheets {', '.join(SHEETS)} from {_committees(ws)} as of {as_of}"


def _defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV text: UTF-8, quoted where needed, formula-like text cells defused."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object:
            safe[col] = safe[col].map(_defuse)
    return str(safe.to_csv(index=False, lineterminator="\n"))


def write_csv(ws: Workspace, as_of: date, out: Path) -> str:
    """Write one CSV file per table into the folder out; return a one-line summary."""
    check_outside(ws, out)
    if out.exists() and not out.is_dir():
        raise CxgovError(f"--out: {out} is a file; expected a folder for the CSV files")
    out.mkdir(parents=True, exist_ok=True)
    for sheet, frame in tables(ws, as_of).items():
        atomic_write(out / SHEETS[sheet], csv_text(frame))
    return f"wrote {out}/: {', '.join(SHEETS.values())} from {_committees(ws)} as of {as_of}"


def _committees(ws: Workspace) -> str:
    n = len(ws.committees)
    return f"{n} committee{'s' if n != 1 else ''}"


WRITERS = {"ics": write_ics, "xlsx": write_xlsx, "csv": write_csv}
