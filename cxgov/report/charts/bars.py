"""Progress per milestone: a stacked bar of its actions by status, and the counts beside it."""

from __future__ import annotations

import pandas as pd

from cxgov.report.charts import textsize
from cxgov.report.charts.svg import COLOURS, MARGIN, document, esc, text, to_uri
from cxgov.report.html import Html, join


def milestone_bars(progress: pd.DataFrame) -> str:
    """Stacked bars: the share of each milestone's actions by status; the image widens for long counts."""
    left, bar_w, row_h = 80, 420, 26
    height = 16 + row_h * max(len(progress), 1)
    parts: list[Html] = []
    widest = 0.0
    for i, row in enumerate(progress.to_dict("records")):
        y = 8 + i * row_h
        parts.append(text(left - 8, y + 14, f"{row['horizon']}-month", anchor="end"))
        offset = 0.0
        for name, colour in COLOURS.items():
            share = float(row[f"share_{name}"])
            if share:
                parts.append(
                    Html(
                        '<rect x="{:.1f}" y="{}" width="{:.1f}" height="18" fill="{}"><title>{}: {:.0%}</title></rect>'
                    ).format(left + offset * bar_w, y, share * bar_w, colour, esc(name), share)
                )
                offset += share
        done, total, overdue = (int(row[k]) for k in ("done", "total", "overdue"))
        label = f"{done}/{total} done" + (f", {overdue} overdue" if overdue else "")
        parts.append(text(left + bar_w + 8, y + 14, label, size=10))
        widest = max(widest, textsize.width(label, 10))
    width = max(640.0, left + bar_w + 8 + widest + MARGIN)
    return to_uri(document(width, height, join(parts), "Share of actions by status per milestone"))
