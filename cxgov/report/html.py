"""Small, escaping HTML builders: tables, badges, sections, the report page."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from html import escape
from typing import Any

import pandas as pd

VERDICT_CLASS = {"pass": "ok", "warn": "warn", "fail": "bad"}
STATUS_LABEL = {
    "not_started": "not started",
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "done": "done",
    "dropped": "dropped",
}
STATUS_CLASS = {
    "not_started": "muted",
    "on_track": "ok",
    "at_risk": "warn",
    "off_track": "bad",
    "done": "done",
    "dropped": "muted",
}


def esc(value: Any) -> str:
    """Escape any value for HTML text; None and NaN become an empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return escape(f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}")
    if isinstance(value, (date, pd.Timestamp)):
        return escape(str(value)[:10])
    if isinstance(value, (list, tuple)):
        return escape(", ".join(str(v) for v in value))
    return escape(str(value))


def badge(text: str, cls: str) -> str:
    """A coloured label; cls is a fixed CSS class, text is escaped."""
    return f'<span class="badge {escape(cls)}">{esc(text)}</span>'


def status_badge(status: str) -> str:
    """A badge for an action status."""
    return badge(STATUS_LABEL.get(status, status), STATUS_CLASS.get(status, "muted"))


def verdict_badge(verdict: str) -> str:
    """A badge for a health verdict."""
    return badge(verdict, VERDICT_CLASS.get(verdict, "muted"))


Cell = Callable[[Any], str]


def table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    cells: dict[str, Cell] | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
    cls: str = "",
) -> str:
    """Render chosen columns of a frame as an HTML table.

    columns: (column, header) pairs. cells: column -> function returning
    *already safe* HTML for a value (badges, links); every other value is escaped.
    """
    if frame.empty:
        return f'<p class="empty">{esc(empty)}</p>'
    cells = cells or {}
    head = "".join(f'<th scope="col">{esc(h)}</th>' for _, h in columns)
    body = []
    for record in frame.to_dict("records"):
        tds = "".join(f"<td>{cells[c](record[c]) if c in cells else esc(record[c])}</td>" for c, _ in columns)
        body.append(f"<tr>{tds}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<table class="grid {escape(cls)}">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def section(title: str, body: str, anchor: str | None = None, lead: str | None = None) -> str:
    """A titled section; body is already-safe HTML."""
    ident = f' id="{escape(anchor)}"' if anchor else ""
    intro = f'<p class="lead">{esc(lead)}</p>' if lead else ""
    return f'<section class="cx"{ident}><h2>{esc(title)}</h2>{intro}{body}</section>'


def bullets(items: Iterable[str], empty: str = "None.") -> str:
    """An escaped bullet list."""
    rows = [f"<li>{esc(i)}</li>" for i in items]
    return f"<ul>{''.join(rows)}</ul>" if rows else f'<p class="empty">{esc(empty)}</p>'


def img(data_uri: str, alt: str, width: int | None = None) -> str:
    """An embedded image (a data: URI made by cxgov.report.charts)."""
    assert data_uri.startswith("data:image/"), "images are embedded, never loaded from elsewhere"
    w = f' width="{width}"' if width else ""
    return f'<img class="chart" src="{data_uri}" alt="{esc(alt)}"{w}>'


CSS = """
.cx, .cx-page { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2733; }
.cx h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
.cx h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid #d9e2ec; padding-bottom: .2rem; }
.cx h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.cx .lead { color: #3e4c59; margin: .2rem 0 .6rem; }
.cx .empty { color: #52606d; font-style: italic; }
.cx table.grid { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .88rem; }
.cx table.grid th, .cx table.grid td { border: 1px solid #d9e2ec; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.cx table.grid th { background: #f0f4f8; }
.cx table.raci td { text-align: center; min-width: 1.6rem; }
.cx .badge { display: inline-block; padding: .05rem .45rem; border-radius: .6rem; font-size: .8rem; font-weight: 600; }
.cx .ok { background: #d7f3e3; color: #0b5d33; }
.cx .done { background: #cfe3ff; color: #123d7a; }
.cx .warn { background: #fff1c2; color: #6b4a00; }
.cx .bad { background: #ffd9d6; color: #8a1c12; }
.cx .muted { background: #e4e7eb; color: #323f4b; }
.cx .kpis { display: flex; flex-wrap: wrap; gap: .8rem; }
.cx .figure { margin: .4rem 0 1rem; }
.cx img.chart { max-width: 100%; height: auto; }
.cx .problems { background: #fff4f3; border-left: 4px solid #c0392b; padding: .5rem .8rem; }
.cx .problems code { white-space: pre-wrap; word-break: break-word; }
.cx .meta { color: #52606d; font-size: .85rem; }
.cx-page { max-width: 1100px; margin: 1.5rem auto; padding: 0 1rem; }
.cx-page nav a { margin-right: .8rem; }
@media print {
  @page { margin: 15mm; }
  .cx-page { max-width: none; margin: 0; }
  .cx-page nav, .cx .noprint { display: none; }
  .cx h2 { break-after: avoid; }
  .cx table.grid, .cx img.chart, .cx .figure { break-inside: avoid; }
  .cx .badge { border: 1px solid #52606d; }
  a { color: inherit; text-decoration: none; }
}
"""


def page(title: str, body: str, nav: str = "") -> str:
    """A complete, self-contained HTML page (no external scripts, fonts or styles)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{CSS}</style></head>"
        f'<body><main class="cx-page cx">{nav}{body}</main></body></html>\n'
    )
