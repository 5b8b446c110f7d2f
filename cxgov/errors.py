"""Problems found in a workspace, and the one exception the package raises.

A problem reads ``path:line: object: field: expected ..., found ...`` (the
form of the workspace spec), so a chair can go straight to the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class CxgovError(Exception):
    """An error a user can act on; the CLI and widgets print it without a traceback."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file, at one line."""

    path: str
    line: int | None
    obj: str | None
    field: str
    expected: str
    found: str
    committee: str | None = None
    # A blocking problem keeps its committee out of the loaded workspace; a
    # non-blocking one (a stray key, a bad history row that was skipped) is
    # reported but the rest of the committee stays usable.
    blocking: bool = True

    def __str__(self) -> str:
        loc = f"{self.path}:{self.line}" if self.line else self.path
        parts = [loc] + ([self.obj] if self.obj else []) + [self.field]
        # The spec separates with "; " when the expectation itself lists items.
        sep = "; " if "," in self.expected else ", "
        return visible(f"{': '.join(parts)}: expected {self.expected}{sep}found {self.found}")


# Control characters from a workspace (an escape sequence in a folder name or a value) would reach the
# terminal of whoever runs `cxgov validate`: they could rewrite the screen or split one problem over lines.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}


def visible(text: str) -> str:
    """Text with its control characters (tab and newline too) written as \\xNN escapes."""
    return text.translate(_CONTROLS)


def show(value: Any) -> str:
    """Describe a found value the way the spec's messages do: 'text', [a, b], 3."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if isinstance(value, (int, float)):
        text = getattr(value, "text", None) or str(value)  # an integer as written (safeyaml.YInt)
        return text if len(text) <= 60 else text[:57] + "..."
    if isinstance(value, list):
        if len(value) <= 10 and all(_is_scalar(v) for v in value):
            return "[" + ", ".join(_plain(v) for v in value) + "]"
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def kind_of(value: Any) -> str:
    """Name the YAML kind of a value for 'expected a mapping, found a list'."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return show(value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    return show(value)
