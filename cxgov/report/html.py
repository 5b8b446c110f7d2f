"""Small HTML builders that escape by construction: tables, badges, sections, the report page.

Every builder returns `Html`, a `markupsafe.Markup` whose escaping is the
standard library's ``html.escape`` (so pages keep their bytes: ``&#x27;`` and
``&quot;``). Joining, adding or formatting a plain ``str`` into `Html` escapes
it; `Html` (any Markup) is kept as it is. So builders take ``str | Markup``:
text is escaped, markup passes through, and a forgotten escape shows as
visible ``&lt;`` rather than running in a browser. Literal markup is written
as ``Html("<p>{}</p>").format(text)``; ``esc`` turns one value (a number, a
date, None) into escaped text. The two builders a page calls thousands of
times (a table's cells, a chart's text) build their text directly, for speed,
by the same rule: every value goes in through ``text_of`` (what ``format``
does to it), or as a number with a numeric format spec (a str raises).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from html import escape
from string import Formatter
from typing import Any, Self

import numpy as np
import pandas as pd
from markupsafe import Markup
from pandas.api.extensions import ExtensionDtype
from pandas.core.dtypes.cast import maybe_box_native

from cxgov.i18n.current import N_, _, speech
from cxgov.report import figures

VERDICT_CLASS = {"pass": "ok", "warn": "warn", "fail": "bad"}
STATUS_LABEL = {
    "not_started": N_("not started"),
    "on_track": N_("on track"),
    "at_risk": N_("at risk"),
    "off_track": N_("off track"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}
VERDICT_LABEL = {"pass": N_("pass"), "warn": N_("warn"), "fail": N_("fail")}
STATUS_CLASS = {
    "not_started": "muted",
    "on_track": "ok",
    "at_risk": "warn",
    "off_track": "bad",
    "done": "done",
    "dropped": "muted",
}


Converter = Callable[[Any], Any]  # how Html.format puts one value into its template (see _plan)


class Html(Markup):
    """HTML safe as it is. A plain str joined, added or formatted into it is escaped as
    ``html.escape`` does (one escaping rule for every page); markup is kept as it is."""

    __slots__ = ()

    def __new__(cls, base: Any = "", encoding: str | None = None, errors: str = "strict") -> Self:
        """As Markup's, without its checks in the commonest case: a str, a template or text known to be HTML."""
        if type(base) is str:
            return str.__new__(cls, base)
        return super().__new__(cls, base, encoding, errors)

    @classmethod
    def escape(cls, s: Any, /) -> Self:
        """s as HTML: markup (anything with ``__html__``) as it is, anything else escaped as text."""
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return str.__new__(cls, escape(str(s)))  # plain text: no need for Markup's checks

    def format(self, *args: Any, **kwargs: Any) -> Self:
        """As ``Markup.format`` (each value formatted, then escaped; markup kept), at ``str.format``'s speed.

        markupsafe formats through ``string.Formatter`` in Python, which was most of a review page's time
        (the layout issue's benchmark: a reused kernel's notebook 0.24 s before Markup, 0.29-0.35 s after).
        Here each template is read once (`_plan`) and each value converted as markupsafe's formatter would
        format it (`text_of`, `_Field`) before ``str.format`` puts it in. Templates with conversions
        (``{!r}``), lookups (``{0.name}``) or nested fields go markupsafe's way, exactly as before.
        """
        plan = _plan(self)
        if plan is None:
            return super().format(*args, **kwargs)
        # Each value goes in as the plan says for its field: its HTML text at once where the field has no
        # format spec; where it has one, a number as it is (its text needs no escaping), else a _Field.
        at, named = plan
        values = [f(a) for f, a in zip(at, args, strict=False)]
        if not kwargs:
            return str.__new__(self.__class__, str.format(self, *values))
        done = str.format(self, *values, **{k: (named.get(k) or text_of)(v) for k, v in kwargs.items()})
        return str.__new__(self.__class__, done)


class _Field:
    """One value of `Html.format`: formatted and escaped as markupsafe's EscapeFormatter does it."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        value = self.value
        if hasattr(value, "__html_format__"):
            return str(value.__html_format__(spec))
        if hasattr(value, "__html__"):
            if spec:
                raise ValueError(f"Format specifier {spec} given, but {type(value)} does not define __html_format__.")
            return str(value.__html__())
        return escape(format(value, spec))


def _spec_field(value: Any) -> Any:
    """A value for a template with format specs: a number as it is (its text needs no escaping), else a _Field."""
    return value if type(value) in _NUMBERS else _Field(value)


def text_of(value: Any) -> str:
    """A value as HTML text: markup as it is, anything else escaped as text (what `_Field(value)` formats to
    with no format spec, and what `Html.escape` gives, without making an `Html` of it)."""
    kind = type(value)
    if kind is str:
        return escape(value)
    if kind is Html:
        return str.__str__(value)
    if kind in _NUMBERS:
        return format(value, "")
    if hasattr(value, "__html_format__"):
        return str(value.__html_format__(""))
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(format(value, ""))


# Exactly these types (not bool or an enum, whose text is safe too but rare), numpy's as pandas gives them.
_NUMBERS = (int, float, np.int64, np.float64)
_UNSAFE = frozenset("&<>\"'")  # a format spec's fill character could be one of these


@lru_cache(maxsize=4096)
def _plan(template: str) -> tuple[tuple[Converter, ...], dict[str, Converter]] | None:
    """How `Html.format` puts each value into template: a converter per positional field (by index) and per
    named one, `text_of` for a field without a format spec, `_spec_field` for one with. None when a field
    has a conversion (``{!r}``), a lookup (``{0.name}``), a nested field or a spec that could write markup
    (a fill character such as "<"): markupsafe formats those templates, as it always did."""
    try:
        fields = list(Formatter().parse(template))
    except ValueError:
        return None  # str.format would fail too: markupsafe's path raises the same error
    auto, at, named = 0, dict[int, bool](), dict[str, bool]()
    for _literal, name, given, conversion in fields:
        if name is None:
            continue
        spec = given or ""
        if conversion is not None or "." in name or "[" in name or "{" in spec or _UNSAFE.intersection(spec):
            return None
        if name == "":
            at[auto] = at.get(auto, False) or bool(spec)
            auto += 1
        elif name.isdigit():
            at[int(name)] = at.get(int(name), False) or bool(spec)
        else:
            named[name] = named.get(name, False) or bool(spec)
    positional = tuple(_spec_field if at.get(i) else text_of for i in range(max(at, default=-1) + 1))
    return positional, {name: _spec_field if spec else text_of for name, spec in named.items()}


def join(parts: Iterable[str | Markup]) -> Html:
    """The parts one after the other; plain strings among them are escaped."""
    return str.__new__(Html, "".join(text_of(p) for p in parts))


def text(value: Any) -> str:
    """A value as a reader sees it: None and NaN empty, floats rounded, dates as YYYY-MM-DD, lists joined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return figures.number(value)
    if isinstance(value, (date, pd.Timestamp)):
        return figures.date_text(value.date() if isinstance(value, pd.Timestamp) else value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def esc(value: Any) -> Html:
    """One value as escaped text (see `text`); markup is kept as it is."""
    if isinstance(value, Markup):
        return Html(value)
    return Html.escape(text(value))


_EMPTY = Html("")
_BADGE = Html('<span class="badge {}">{}</span>')
_EMPTY_P = Html('<p class="empty">{}</p>')


def badge(label: str | Markup, cls: str) -> Html:
    """A coloured label; cls is a fixed CSS class; label is escaped unless it is markup."""
    return _BADGE.format(cls, esc(label))


def status_badge(status: str) -> Html:
    """A badge for an action status, in the page's language."""
    return badge(_(STATUS_LABEL[status]) if status in STATUS_LABEL else status, STATUS_CLASS.get(status, "muted"))


def verdict_badge(verdict: str) -> Html:
    """A badge for a health verdict, in the page's language."""
    return badge(
        _(VERDICT_LABEL[verdict]) if verdict in VERDICT_LABEL else verdict, VERDICT_CLASS.get(verdict, "muted")
    )


Cell = Callable[[Any], str | Markup]


def table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    cells: dict[str, Cell] | None = None,
    empty: str = "",
    caption: str | None = None,
    cls: str = "",
) -> Html:
    """Render chosen columns of a frame as an HTML table; no DataFrame is rendered any other way.

    columns: (column, header) pairs. cells: column -> function returning a cell's
    content: markup (badges, links) is kept, a plain str is escaped; every other
    value is shown as `text` and escaped.
    """
    if frame.empty:
        return _EMPTY_P.format(empty or _("Nothing to show."))
    cells = cells or {}
    # Built as text, each cell through text_of (what Html('<td>{}</td>').format would give): a table is most of a page's cells.
    head = Html("".join(f'<th scope="col">{text_of(h)}</th>' for _, h in columns))
    cell_of = [cells.get(c) for c, _ in columns]
    body = Html(
        "".join(
            "<tr>"
            + "".join(
                f"<td>{text_of(cell(v)) if cell else v.__html__() if isinstance(v, Markup) else escape(text(v))}</td>"
                for cell, v in zip(cell_of, row, strict=True)  # what text_of(esc(v)) gives, with no Html per cell
            )
            + "</tr>"
            for row in _rows(frame, [c for c, _ in columns])
        )
    )
    cap = Html("<caption>{}</caption>").format(caption) if caption else _EMPTY
    # In its own box that scrolls sideways when the table is wider than the screen (a phone), so the page
    # never does; focusable, so that a keyboard can scroll it too.
    return Html(
        '<div class="wide" tabindex="0"><table class="grid {}">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>'
    ).format(cls, cap, head, body)


def _rows(frame: pd.DataFrame, columns: list[str]) -> Iterable[tuple[Any, ...]]:
    """The frame's values in these columns, row by row, as ``to_dict("records")`` gives them (numpy's numbers
    as Python's), column by column: a table's rows without a dict and pandas' boxing per cell."""
    values = {c: _column(frame[c]) for c in dict.fromkeys(columns)}
    return zip(*(values[c] for c in columns), strict=True)


def _column(series: pd.Series) -> list[Any]:
    """A column's values as ``to_dict("records")`` has them: numpy's dtypes through ``tolist`` (Python's
    numbers, pandas' timestamps), object and extension dtypes boxed as pandas boxes them (NA as None)."""
    if series.dtype == object or isinstance(series.dtype, ExtensionDtype):
        return [maybe_box_native(v) for v in series]
    values: list[Any] = series.tolist()
    return values


def section(
    title: str | Markup, body: str | Markup, anchor: str | None = None, lead: str | Markup | None = None
) -> Html:
    """A titled section; body is markup (a plain str is escaped as text)."""
    ident = Html(' id="{}"').format(anchor) if anchor else _EMPTY
    intro = Html('<p class="lead">{}</p>').format(lead) if lead else _EMPTY
    return Html('<section class="cx"{}><h2>{}</h2>{}{}</section>').format(ident, title, intro, body)


def bullets(items: Iterable[str | Markup], empty: str = "") -> Html:
    """A bullet list, each item escaped unless it is markup; empty: what an empty one says (default "None.")."""
    rows = [Html("<li>{}</li>").format(i) for i in items]
    return Html("<ul>{}</ul>").format(join(rows)) if rows else _EMPTY_P.format(empty or _("None."))


def img(data_uri: str, alt: str | Markup, width: int | None = None, tip: str | Markup | None = None) -> Html:
    """An embedded image (a data: URI made by cxgov.report.charts); tip shows on hover (an SVG's own
    <title> does not, inside <img>): the whole of a title the chart had to shorten."""
    assert data_uri.startswith("data:image/"), "images are embedded, never loaded from elsewhere"
    w = Html(' width="{}"').format(width) if width else _EMPTY
    t = Html(' title="{}"').format(tip) if tip else _EMPTY
    return Html('<img class="chart" src="{}" alt="{}"{}{}>').format(data_uri, alt, w, t)


CSS = Html(
    """
.cx, .cx-page { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2733; }
.cx h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
.cx h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid #d9e2ec; padding-bottom: .2rem; }
.cx h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.cx .lead { color: #3e4c59; margin: .2rem 0 .6rem; }
.cx p, .cx li { overflow-wrap: break-word; }
.cx .wide { max-width: 100%; overflow-x: auto; }
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
.cx img.chart, .cx svg { max-width: 100%; height: auto; }
.cx .problems { background: #fff4f3; border-left: 4px solid #c0392b; padding: .5rem .8rem; }
.cx .problems code { white-space: pre-wrap; word-break: break-word; }
.cx .meta { color: #52606d; font-size: .85rem; }
.cx-page { max-width: 1100px; margin: 1.5rem auto; padding: 0 1rem; }
.cx-page nav a { margin-right: .8rem; }
@media print {
  @page { margin: 15mm 15mm 18mm; }
  .cx-page { max-width: none; margin: 0; padding: 0; }
  .cx-page nav, .cx .noprint { display: none; }
  .cx h1, .cx h2, .cx h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  .cx .lead { break-inside: avoid; break-after: avoid; page-break-after: avoid; }  /* with what follows too */
  .cx img.chart, .cx svg, .cx .figure, .cx .problems { break-inside: avoid; page-break-inside: avoid; }
  /* A table breaks between rows (a whole-table "avoid" would strand the heading above a long one) and
     repeats its header; its cells wrap so that it fits the paper. */
  .cx table.grid { font-size: .74rem; }
  .cx table.grid th, .cx table.grid td { padding: .15rem .3rem; }
  .cx table.grid td { overflow-wrap: anywhere; }
  .cx table.grid thead { display: table-header-group; }
  .cx table.grid tr { break-inside: avoid; page-break-inside: avoid; }
  .cx .wide { overflow: visible; }
  .cx img.chart, .cx svg { max-width: 100% !important; height: auto !important; }
  .cx .badge { border: 1px solid #52606d; }
  a { color: inherit; text-decoration: none; }
}
"""
)


def page(title: str | Markup, body: str | Markup, nav: str | Markup = "") -> Html:
    """A complete, self-contained HTML page (no external scripts, fonts or styles)."""
    return Html(
        "<!DOCTYPE html>\n"
        '<html lang="{}"><head><meta charset="utf-8"><title>{}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>{}</style></head>"
        '<body><main class="cx-page cx">{}{}</main></body></html>\n'
    ).format(speech().lang.replace("_", "-"), title, CSS, nav, body)
