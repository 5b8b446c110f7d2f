"""The pieces every chart is built from: colours, escaped text, plain numbers, the <svg> document.

Charts are built as `cxgov.report.html.Html`, so text is XML-escaped when it is
put in; user text also has the characters XML cannot hold replaced (`esc`), so
any workspace text gives a well-formed image; numbers are written plainly
(`num`) and coordinates stay finite however large the values.
"""

from __future__ import annotations

import base64
import math

from markupsafe import Markup

from cxgov.export.safetext import xml_text
from cxgov.report.html import Html, join, text_of

COLOURS = {
    "not_started": "#9aa5b1",
    "on_track": "#2f9e5f",
    "at_risk": "#e0a800",
    "off_track": "#d64541",
    "done": "#2d6cdf",
    "dropped": "#cbd2d9",
}
INK, GRID, RED, GREEN, BLUE, MUTED = "#1d2733", "#d9e2ec", "#d64541", "#2f9e5f", "#2d6cdf", "#52606d"
# Latin first (what cxgov.report.charts.textsize measures), then common CJK fonts so that Chinese names and a page
# in zh_Hans or zh_Hant draw with real glyphs on Linux (Noto, Source Han), macOS (PingFang) and Windows (YaHei,
# JhengHei). textsize counts a CJK character as a full em, wider than any of these draw it.
FONT = Html(
    "font-family=\"Helvetica, Arial, 'Noto Sans CJK SC', 'Noto Sans CJK TC', 'Source Han Sans SC', "
    "'Source Han Sans TC', 'PingFang SC', 'PingFang TC', 'Microsoft YaHei', 'Microsoft JhengHei', sans-serif\""
)
SIZE = 11  # the font size of the whole image; text() gives each text its own
MARGIN = 2.0  # px kept free between text and the edge of the image


def esc(text: object) -> Html:
    """User text for SVG text or an attribute: characters XML forbids replaced, then XML-escaped."""
    return Html.escape(xml_text(str(text)))


def num(value: float) -> str:
    """A number as people write it: 1250000, 12.5, 0.25 (not 1.25e+06); scientific only beyond 10^15."""
    if not math.isfinite(value):
        return str(value)
    size = abs(value)
    if size > 1e15 or 0 < size < 1e-3:
        return f"{value:.3g}"
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2 if size >= 1 else 3
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def to_uri(svg: str) -> str:
    """Wrap SVG markup (Html, or a str of markup) as an embeddable data URI."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode("utf-8")).decode("ascii")


def document(width: float, height: float, body: Markup, title: str) -> Html:
    """The <svg> image: its size, font, title (the tooltip and accessible name) and a white ground."""
    return Html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" {font} font-size="{size}"><title>{title}</title>'
        '<rect width="{w}" height="{h}" fill="white"/>{body}</svg>'
    ).format(w=_px(width), h=_px(height), font=FONT, size=SIZE, title=esc(title), body=body)


def _px(length: float) -> int:
    """A length of the image in whole px, rounded up so that nothing drawn inside is lost."""
    return math.ceil(length)


def text(
    x: float, y: float, content: str, anchor: str = "start", size: int = SIZE, fill: str = INK, bold: bool = False
) -> Html:
    """A line of text with its baseline at y; anchor says whether x is its start, middle or end."""
    # Built as text, the most frequent element of a page's charts: the coordinates formatted as numbers
    # (a str raises), every other value through html.text_of (escaped as Html.format escapes it).
    weight = ' font-weight="bold"' if bold else ""
    return Html(
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{text_of(anchor)}" font-size="{text_of(size)}" '
        f'fill="{text_of(fill)}"{weight}>{text_of(esc(content))}</text>'
    )


def titled(tip: str, *parts: Markup) -> Html:
    """Parts grouped under a tooltip: the whole of a text shown shortened, or what a marker stands for."""
    return Html("<g><title>{}</title>{}</g>").format(esc(tip), join(parts))


def centred(x: float, width: float, room_left: float, room_right: float) -> float:
    """Where a text width px wide is centred: at x, moved just enough to stay within the room."""
    return min(max(x, room_left + width / 2), room_right - width / 2)
