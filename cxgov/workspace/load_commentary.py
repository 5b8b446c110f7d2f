"""Load and validate commentary.yaml: the chair's few lines for each month's review, and what they ask for."""

from __future__ import annotations

from cxgov.dates import FIRST_MONTH, LAST_MONTH, MONTH_RANGE
from cxgov.errors import kind_of
from cxgov.workspace.fields import Ctx
from cxgov.workspace.load_history import PERIOD
from cxgov.workspace.model import Commentary, Org

COMMENTARY_KEYS = ("month", "by", "text", "asks")
MAX_TEXT = 2000  # characters: a short commentary, not a report
MAX_ASKS = 10


def read_commentary(ctx: Ctx, data: object, org: Org) -> list[Commentary]:
    """Validate commentary.yaml's data into entries in file order (a later entry for a month corrects it)."""
    out: list[Commentary] = []
    if data is None:
        return out
    top = ctx.mapping(data, 1, None, "")
    if top is None:
        return out
    top.allowed(("commentary",))
    for _, line, item in top.items("commentary", required=True):
        f = ctx.mapping(item, line, "commentary", "commentary", nested=False)
        if f is None:
            continue
        month = f.text("month")
        if month is not None and PERIOD.fullmatch(month) is None:
            f.bad("month", "a month YYYY-MM", f"'{month}'")
            month = None
        elif month is not None and not FIRST_MONTH <= month <= LAST_MONTH:
            f.bad("month", MONTH_RANGE, f"'{month}'")
            month = None
        f.obj = f"commentary {month}" if month else "commentary"
        f.allowed(COMMENTARY_KEYS)
        by = f.ref("by", f.ident("by", required=False), org.person, "person")
        text = f.text("text")
        if text is not None and len(text) > MAX_TEXT:
            f.bad("text", f"at most {MAX_TEXT:,} characters", f"{len(text):,} characters")
            text = None
        asks: list[str] = []
        for i, aline, ask in f.items("asks"):
            if isinstance(ask, bool) or not isinstance(ask, (str, int, float)) or not str(ask).strip():
                found = "an empty text" if isinstance(ask, str) else kind_of(ask)
                ctx.add(aline, f.obj, f"asks[{i + 1}]", "a text", found)
                continue
            if len(asks) == MAX_ASKS:
                ctx.add(aline, f.obj, "asks", f"at most {MAX_ASKS} asks", f"{i + 1} or more")
                break
            asks.append(str(ask).strip())
        if month and text:
            out.append(Commentary(month, by or "", text, tuple(asks), line))
    return out
