"""Progress per milestone: a stacked bar of its actions by status, and the counts beside it."""

from __future__ import annotations

import pandas as pd

from cxgov.i18n.current import N_, _, n_
from cxgov.report.charts import textsize
from cxgov.report.charts.svg import COLOURS, MARGIN, SIZE, document, esc, text, to_uri
from cxgov.report.charts.words import count
from cxgov.report.figures import share as percent
from cxgov.report.html import Html, join

# A bar's tooltip has always named its status as the data does (on_track); the catalogues give it in words.
STATUS_KEY = {
    "not_started": N_("not_started"),
    "on_track": N_("on_track"),
    "at_risk": N_("at_risk"),
    "off_track": N_("off_track"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}


def _counts(done: int, total: int, overdue: int) -> str:
    """The counts beside a bar: 3/10 done, 2 overdue."""
    if overdue:
        said = n_("{done}/{total} done, {n} overdue", "{done}/{total} done, {n} overdue", overdue)
        return said.format(done=count(done), total=count(total), n=count(overdue))
    return _("{done}/{total} done").format(done=count(done), total=count(total))


def milestone_bars(progress: pd.DataFrame) -> str:
    """Stacked bars: the share of each milestone's actions by status; the image widens for long counts."""
    left, bar_w, row_h = 80, 420, 26
    height = 16 + row_h * max(len(progress), 1)
    parts: list[Html] = []
    widest = 0.0
    for i, row in enumerate(progress.to_dict("records")):
        y = 8 + i * row_h
        name = textsize.shorten(_("{n}-month").format(n=row["horizon"]), SIZE, left - 8 - MARGIN)
        parts.append(text(left - 8, y + 14, name, anchor="end"))
        offset = 0.0
        for key, colour in COLOURS.items():
            share = float(row[f"share_{key}"])
            if share:
                parts.append(
                    Html(
                        '<rect x="{:.1f}" y="{}" width="{:.1f}" height="18" fill="{}"><title>{}: {}</title></rect>'
                    ).format(left + offset * bar_w, y, share * bar_w, colour, esc(_(STATUS_KEY[key])), percent(share))
                )
                offset += share
        label = _counts(*(int(row[k]) for k in ("done", "total", "overdue")))
        parts.append(text(left + bar_w + 8, y + 14, label, size=10))
        widest = max(widest, textsize.width(label, 10))
    width = max(640.0, left + bar_w + 8 + widest + MARGIN)
    return to_uri(document(width, height, join(parts), _("Share of actions by status per milestone")))
