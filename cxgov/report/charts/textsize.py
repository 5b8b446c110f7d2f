"""How much room a chart's text takes: a conservative width, and text wrapped or shortened to fit.

The charts name "Helvetica, Arial, sans-serif". Helvetica and Arial share their
advance widths, Linux draws them with Liberation Sans (metric-compatible), and
a machine with none of them falls back to its sans-serif, DejaVu Sans on most
Linux systems, which is wider. The tables hold, per printable ASCII character,
the larger advance of Liberation Sans and DejaVu Sans in thousandths of an em,
read from the fonts' hmtx tables (Debian's fonts-liberation 2.1 and
fonts-dejavu 2.37). Other characters take their base letter's width (é as e),
nothing (combining marks), or a full em or more, so that an estimate never
falls short of what a browser draws; tests/test_charts_browser.py checks that
against Chromium with both fonts.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from cxgov.export.safetext import xml_text

# Advance widths of " " (0x20) to "~" (0x7e), in thousandths of an em.
_REGULAR = (
    (318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337)
    + (637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 557)
    + (1016, 685, 687, 723, 771, 667, 611, 778, 752, 295, 500, 667, 558, 863, 749, 788)
    + (667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 337, 391, 838, 557)
    + (500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612)
    + (635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838)
)
_BOLD = (
    (349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366)
    + (696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611)
    + (1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 557, 775, 638, 996, 837, 851)
    + (733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 557)
    + (500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688)
    + (716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838)
)
# The few other characters the charts write themselves (regular, bold), measured the same way.
_OURS = {"·": (318, 380), "…": (1000, 1000), "↑": (838, 838), "↓": (838, 838), "–": (557, 557)}
_UNKNOWN = (1000, 1150)  # wider than any Latin, Greek or Cyrillic letter and a CJK ideograph
_SYMBOL = (1300, 1300)  # emoji and other symbols, drawn by a colour font up to 1.25 em wide
# Browsers round glyph positions at small sizes, and a text's box reaches past its glyphs' advances
# (in Chromium, DejaVu Sans at 9-10 px: up to 3% wider and 0.4 px more): both are covered.
_ROUNDING = 1.03
_OVERHANG = 1.0  # px
ELLIPSIS = "…"


@lru_cache(maxsize=4096)
def _em(char: str, bold: bool) -> float:
    """One character's advance, in em."""
    code = ord(char)
    if 0x20 <= code <= 0x7E:
        return (_BOLD if bold else _REGULAR)[code - 0x20] / 1000
    if char in _OURS:
        return _OURS[char][bold] / 1000
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 0x20 <= ord(base) <= 0x7E:
        return _em(base, bold)
    if unicodedata.category(char) == "So":
        return _SYMBOL[bold] / 1000
    return _UNKNOWN[bold] / 1000


@lru_cache(maxsize=16384)  # a page measures the same labels (periods, ticks, names) in chart after chart
def width(text: str, size: float, bold: bool = False) -> float:
    """The width text takes at a font size, in px, never less than a browser draws it (once
    the characters XML cannot hold are replaced, as `svg.esc` does)."""
    ems = sum(_em(c, bold) for c in xml_text(text))
    return ems * size * _ROUNDING + _OVERHANG if ems else 0.0


def ascent(size: float) -> float:
    """How far text reaches above its baseline, in px (the fonts' ascent, rounded up)."""
    return 0.95 * size


def descent(size: float) -> float:
    """How far text reaches below its baseline, in px (the fonts' descent, rounded up)."""
    return 0.25 * size


def shorten(text: str, size: float, room: float, bold: bool = False) -> str:
    """text, or as much of it as fits in room px followed by an ellipsis ("" if not even that fits)."""
    if width(text, size, bold) <= room:
        return text
    fits, over = 0, len(text)  # the longest prefix that fits with the ellipsis lies in [fits, over)
    while over - fits > 1:
        mid = (fits + over) // 2
        if width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= room:
            fits = mid
        else:
            over = mid
    kept = text[:fits].rstrip()
    return kept + ELLIPSIS if kept or width(ELLIPSIS, size, bold) <= room else ""


def wrap(text: str, size: float, room: float, lines: int, bold: bool = False) -> list[str]:
    """text in at most `lines` lines of at most room px, broken between words (a word wider
    than a line where it must); what does not fit is cut, the last line ending in an ellipsis."""
    words = text.split()
    out: list[str] = []
    while words:
        if len(out) == lines - 1:
            out.append(shorten(" ".join(words), size, room, bold))
            break
        line = words.pop(0)
        if width(line, size, bold) > room:
            cut = len(line) - 1
            while cut > 1 and width(line[:cut], size, bold) > room:
                cut -= 1
            words.insert(0, line[cut:])
            line = line[:cut]
        while words and width(f"{line} {words[0]}", size, bold) <= room:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    return [line for line in out if line]
