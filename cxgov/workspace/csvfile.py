"""Read an append-only CSV history file, checking its header and row shapes."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from operator import itemgetter

from cxgov.workspace.fields import Ctx
from cxgov.workspace.safeyaml import read_text


def read_rows(
    path: str | os.PathLike[str], ctx: Ctx, columns: tuple[str, ...]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Yield (line, values in `columns` order) for each well-shaped data row.

    File-level problems (unreadable, no header, a missing column) are blocking;
    a malformed row is reported and skipped, the rest of the history stays.
    """
    text, problems = read_text(path, ctx.shown, ctx.within)
    for p in problems:
        ctx.add(p.line, None, p.field, p.expected, p.found)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    expected = ", ".join(columns)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        ctx.add(1, None, "header", f"the columns {expected}", f"unreadable CSV ({exc})")
        return
    if not header or not any(h.strip() for h in header):
        ctx.add(1, None, "header", f"the columns {expected}", "an empty file" if not text.strip() else "an empty line")
        return
    names = [h.strip() for h in header]
    missing = [c for c in columns if c not in names]
    if missing:
        ctx.add(1, None, "header", f"the columns {expected}", ", ".join(names) + f" (no {', '.join(missing)})")
        return
    for extra in names:
        if extra not in columns:
            ctx.add(1, None, "header", f"only the columns {expected}", f"unknown column '{extra}'", blocking=False)
    width = len(names)
    pick = itemgetter(*(names.index(c) for c in columns))
    line = 1
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not row:
                continue
            if len(row) != width:
                ctx.add(start, None, "row", f"{width} fields", str(len(row)), blocking=False)
                continue
            yield start, pick(row)
    except csv.Error as exc:
        ctx.add(line + 1, None, "row", "well-formed CSV", str(exc), blocking=False)
