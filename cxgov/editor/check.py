"""Check a change with the loader's own rules before anything is written.

A YAML change is checked by loading the workspace as it would be after the
change: a temporary mirror of the workspace whose files are links to the real
ones, except the changed files, which hold the new text. The change is
refused when the committee would have a problem it does not have now (the
same messages `cxgov validate` prints). Rows appended to a CSV history are
checked with the loader's row rules on just the new rows, so posting to a
long history stays fast.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

from cxgov.errors import CxgovError, Problem
from cxgov.workspace.fields import Ctx
from cxgov.workspace.files import roots
from cxgov.workspace.load import load_workspace, shown_path
from cxgov.workspace.load_history import read_measurements, read_updates
from cxgov.workspace.safeyaml import MAX_BYTES


class Invalid(CxgovError):
    """The change would add these problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _key(p: Problem) -> tuple[object, ...]:
    # Lines move when a file is edited: a problem is the same one wherever it now sits.
    return (p.path, p.obj, p.field, p.expected, p.found)


def new_problems(before: Iterable[Problem], after: Iterable[Problem]) -> list[Problem]:
    """The problems in after that were not in before (as a multiset, ignoring lines)."""
    seen = Counter(_key(p) for p in before)
    out = []
    for p in after:
        k = _key(p)
        if seen[k]:
            seen[k] -= 1
        else:
            out.append(p)
    return out


def problems_with(root: Path, shown: str, committee: str, files: Mapping[str, str]) -> tuple[Problem, ...]:
    """The problems committee would have if its files named in files held the given text."""
    with tempfile.TemporaryDirectory(prefix="cxgov-check-") as tmp:
        mirror = _mirror(root, Path(tmp))
        folder = mirror / committee
        if folder.is_symlink():
            # A linked committee folder: the new text goes in a folder of the mirror, never through the link.
            real = os.path.realpath(folder)
            folder.unlink()
            _mirror_folder(real, folder)
            if folder.is_symlink():
                folder.unlink()  # could not be listed: check the new files alone
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            target = folder / name
            target.unlink(missing_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        ws = load_workspace(mirror, also_within=[root])
        prefix = os.path.normpath(str(mirror))
        return tuple(_reshown(p, prefix, shown) for p in ws.problems_of(committee))


def org_problems_with(root: Path, shown: str, text: str) -> tuple[Problem, ...]:
    """Every problem of the workspace (org.yaml's and every committee's) if org.yaml held text."""
    with tempfile.TemporaryDirectory(prefix="cxgov-check-") as tmp:
        mirror = _mirror(root, Path(tmp))
        target = mirror / "org.yaml"
        target.unlink(missing_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        ws = load_workspace(mirror, also_within=[root])
        prefix = os.path.normpath(str(mirror))
        return tuple(_reshown(p, prefix, shown) for p in ws.problems)


def check_org_yaml(root: Path, shown: str, text: str, before: Iterable[Problem]) -> None:
    """Raise Invalid if org.yaml holding text would add problems to before (the whole workspace's)."""
    added = new_problems(before, org_problems_with(root, shown, text))
    if added:
        raise Invalid(added)


def _mirror(root: Path, tmp: Path) -> Path:
    """tmp/ws: the workspace's entries as links, each committee folder a folder of links (its files replaceable)."""
    mirror = tmp / "ws"
    mirror.mkdir()
    for entry in os.scandir(root):
        link = mirror / entry.name
        if _is_real_dir(entry) and not entry.name.startswith((".", "_")):
            _mirror_folder(entry.path, link)
        else:
            os.symlink(os.path.abspath(entry.path), link)
    return mirror


def _is_real_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _mirror_folder(real: str, link: Path) -> None:
    """A folder of links to real's entries; a folder that cannot be listed is linked whole (the loader says why)."""
    try:
        entries = list(os.scandir(real))
    except OSError:
        os.symlink(os.path.abspath(real), link)
        return
    link.mkdir()
    for f in entries:
        os.symlink(os.path.abspath(f.path), link / f.name)


def _reshown(p: Problem, prefix: str, shown: str) -> Problem:
    """Name the real file in a problem found in the mirror."""
    if p.path == prefix or p.path.startswith(prefix + os.sep):
        return dataclasses.replace(p, path=shown_path(shown, os.path.relpath(p.path, prefix)))
    return p


def check_yaml(root: Path, shown: str, committee: str, name: str, text: str, before: Iterable[Problem]) -> None:
    """Raise Invalid if committee's file name holding text would add problems to before."""
    added = new_problems(before, problems_with(root, shown, committee, {name: text}))
    if added:
        raise Invalid(added)


def _rows_problems(
    text: str, first_line: int, size: int, shown: str, committee: str, read: Callable[[Path, Ctx], None]
) -> list[Problem]:
    problems: list[Problem] = []
    if size > MAX_BYTES:
        return [Problem(shown, None, None, "file", f"at most 5 MB ({MAX_BYTES:,} bytes)", f"{size:,} bytes", committee)]
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", newline="") as fh:
        ctx = Ctx(shown, committee, problems, roots(os.path.dirname(fh.name)))
        fh.write(text)
        fh.flush()
        read(Path(fh.name), ctx)
    # Line 1 is the file's own header, as it already is; the new rows start at first_line.
    return [dataclasses.replace(p, line=p.line + first_line - 2) for p in problems if p.line and p.line >= 2]


def check_update_rows(
    text: str,
    first_line: int,
    size: int,
    *,
    shown: str,
    committee: str,
    action_ids: Collection[str],
    people: Collection[str],
) -> None:
    """Raise Invalid if the new rows of updates.csv break the loader's rules."""

    def read(path: Path, ctx: Ctx) -> None:
        read_updates(path, ctx, action_ids, people)

    found = _rows_problems(text, first_line, size, shown, committee, read)
    if found:
        raise Invalid(found)


def check_measurement_rows(
    text: str, first_line: int, size: int, *, shown: str, committee: str, kpi_ids: Collection[str]
) -> None:
    """Raise Invalid if the new rows of measurements.csv break the loader's rules."""

    def read(path: Path, ctx: Ctx) -> None:
        read_measurements(path, ctx, kpi_ids)

    found = _rows_problems(text, first_line, size, shown, committee, read)
    if found:
        # Each problem names its row's KPI, so the editor can say which ("KPI CSAT: value ... is not a number").
        kpis = _first_cells(text)
        raise Invalid([_of_kpi(p, kpis.get((p.line or 0) - first_line + 2, "")) for p in found])


def _first_cells(text: str) -> dict[int, str]:
    """The first cell of each CSV record of text, by the line it starts on (a quoted note may span lines)."""
    out, reader, start = {}, csv.reader(io.StringIO(text, newline="")), 1
    for row in reader:
        if row:
            out[start] = row[0]
        start = reader.line_num + 1
    return out


def _of_kpi(p: Problem, kpi: str) -> Problem:
    return dataclasses.replace(p, obj=f"kpi {kpi}") if kpi and p.obj is None and p.field != "kpi" else p
