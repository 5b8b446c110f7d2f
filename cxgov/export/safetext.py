"""User text made safe to open: never a formula in a spreadsheet, never a character XML forbids.

Standard library only: the review's SVG charts use ``xml_text`` too, and
importing this must not pull pandas or openpyxl into `cxgov --help`.
"""

from __future__ import annotations

import re

# What a spreadsheet may run as a formula or DDE call when a cell starts with
# it (OWASP, "CSV Injection"), plus the full-width forms, which Excel turns
# into their ASCII twins in some locales.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# XML 1.0 allows tab, newline and carriage return among the control
# characters, no lone surrogate (which UTF-8 cannot encode either) and not
# U+FFFE or U+FFFF. Both an .xlsx sheet and an SVG image are XML, and
# iCalendar text forbids the same control characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # shows that a character was there and could not be kept


def xml_text(text: str) -> str:
    """Text with each character XML 1.0 forbids replaced by U+FFFD (tab and line breaks kept)."""
    return _NOT_XML.sub(REPLACEMENT, text)


def formula_like(value: object) -> bool:
    """Whether a spreadsheet could take this value for a formula: text starting with = + - @ tab or CR."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading apostrophe, the rest is kept."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value
