"""Read a chart back: parse its data URI, find its texts and markers, and where each one lies.

A text's box comes from its anchor, font size and weight and the package's
conservative width (cxgov.report.charts.textsize), which tests/test_charts_browser.py
checks against what Chromium draws; a marker's box from its circle or path.
"""

from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cxgov.report.charts import textsize

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def parse(uri: str) -> ET.Element:
    """The <svg> element of a chart's data URI (fails on malformed XML)."""
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    root = ET.fromstring(base64.b64decode(uri[len(prefix) :]).decode("utf-8"))
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    """The text of every <text> element, in order."""
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def size_of(root: ET.Element) -> tuple[float, float]:
    """The chart's width and height, from its viewBox."""
    _, _, w, h = (float(n) for n in re.split(r"[ ,]+", root.attrib["viewBox"].strip()))
    return w, h


def text_box(el: ET.Element, inherited_size: float = 11) -> Box:
    """Where a <text> element's glyphs may reach: its measured width from its anchor, and the
    fonts' ascent and descent around its baseline."""
    size = float(el.get("font-size", inherited_size))
    content = "".join(el.itertext())
    width = textsize.width(content, size, el.get("font-weight") == "bold")
    x, y = float(el.attrib["x"]), float(el.attrib["y"])
    start = {"start": x, "middle": x - width / 2, "end": x - width}[el.get("text-anchor", "start")]
    return start, y - textsize.ascent(size), start + width, y + textsize.descent(size)


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class Mark:
    """A marker drawn on a chart: a dot (circle) or a milestone (diamond path), with its tooltip."""

    x: float
    y: float
    radius: float  # a diamond's half-diagonal
    fill: str
    tip: str

    @property
    def box(self) -> Box:
        return self.x - self.radius, self.y - self.radius, self.x + self.radius, self.y + self.radius


def marks(root: ET.Element) -> list[Mark]:
    """The markers that carry a tooltip (actions and milestones; the legend's dots have none)."""
    out = []
    for el in root.iter():
        tip = el.find(f"{SVG}title")
        if tip is None or el.tag not in (f"{SVG}circle", f"{SVG}path"):
            continue
        if el.tag == f"{SVG}circle":
            out.append(
                Mark(
                    float(el.attrib["cx"]),
                    float(el.attrib["cy"]),
                    float(el.attrib["r"]),
                    el.attrib["fill"],
                    tip.text or "",
                )
            )
        else:  # M x,top l8,8 l-8,8 l-8,-8 z: a diamond 16 px tall under its top corner
            x, top = (float(n) for n in re.match(r"M(-?[\d.]+),(-?[\d.]+)", el.attrib["d"]).groups())
            out.append(Mark(x, top + 8, 8.0, el.attrib["fill"], tip.text or ""))
    return out


def marks_apart(a: Mark, b: Mark) -> bool:
    """Whether two markers do not overlap at all (circles around them, a diamond's included)."""
    return math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius


def heading(root: ET.Element) -> str:
    """A chart's bold heading as shown, its lines joined by spaces."""
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold")


def heading_tip(root: ET.Element) -> str | None:
    """The tooltip of a chart's heading: the whole text when the heading had to be shortened."""
    for group in root.iter(f"{SVG}g"):
        if any(t.get("font-weight") == "bold" for t in group.iter(f"{SVG}text")):
            tip = group.find(f"{SVG}title")
            return None if tip is None else tip.text
    return None


def outside(root: ET.Element) -> list[str]:
    """The texts whose box leaves the image: each as 'text' and its box."""
    width, height = size_of(root)
    out = []
    for el in root.iter(f"{SVG}text"):
        x0, y0, x1, y1 = text_box(el, float(root.get("font-size", 11)))
        if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
            out.append(f"{''.join(el.itertext())!r} at ({x0:.1f}, {y0:.1f})-({x1:.1f}, {y1:.1f}) in {width}x{height}")
    return out
