"""One module per CLI command.

Each declares SUMMARY, EXAMPLE, ``add_arguments(parser)``, a plain typed
function doing the command with explicit keyword parameters and returning the
exit code (``validate(workspace)``, ``status(workspace, as_of=..., json=...)``,
``new_committee(committee, workspace, ...)`` ...), and ``run(args)``, which
only unpacks the parsed arguments into that function. Each imports only light
modules at the top and does its heavy imports inside the function (see
cxgov.cli). The functions print as the command does and raise CxgovError for
a usage error, which the CLI turns into exit 2.
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")

# ASCII digits only: int() also takes '٣', '３', '1_000' and surrounding spaces.
_WHOLE = re.compile(r"[-+]?[0-9]+", re.ASCII)
# Beyond this many digits a count is "too large" whatever it is (and int() refuses 4,300 digits).
_MAX_DIGITS = 18


def workspace_argument(p: argparse.ArgumentParser, positional: bool = True) -> None:
    """Add the WORKSPACE argument (positional, or --workspace) that every command shares."""
    text = "workspace folder (default: $CXGOV_WORKSPACE or ./committees)"
    if positional:
        p.add_argument("workspace", nargs="?", default=None, metavar="WORKSPACE", help=text)
    else:
        p.add_argument("--workspace", default=None, help=text)


def as_of_argument(p: argparse.ArgumentParser) -> None:
    """Add --as-of DATE (default: today), shared by the commands that look at one day."""
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="date YYYY-MM-DD (default: today)")


def quoted(text: str) -> str:
    """An argument as a message shows it: quoted, shortened to 60 characters, control characters escaped."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return f"'{shown}'" if shown.isprintable() else repr(shown)


def whole_number(what: str, low: int, high: int, below: str | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number of `what` (days, seconds ...) from low to high, in ASCII digits.

    below: the message when the number is under low (default: the range).
    """

    def parse(text: str) -> int:
        if _WHOLE.fullmatch(text) is None:
            raise argparse.ArgumentTypeError(f"expected a whole number of {what}, found {quoted(text)}")
        digits = text.lstrip("+-").lstrip("0")
        value = int(text) if len(digits) <= _MAX_DIGITS else (-1 if text.startswith("-") else 1) * 10**_MAX_DIGITS
        if value < low and below is not None:
            raise argparse.ArgumentTypeError(below.format(found=quoted(text)[1:-1]))
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low} to {high} {what}, found {quoted(text)[1:-1]}")
        return value

    return parse


def in_english(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a command's function in English with plain `en` figures, whatever CXGOV_LANG says.

    The views put their phrases into the language in effect (cxgov.i18n.current), which outside a page
    is the dashboard's CXGOV_LANG. The command line is not translated: a health reason in Polish inside
    an English table, or in a spreadsheet's English columns, would read as a fault. (Imported when
    called: the i18n modules load Babel, which `cxgov --help` does not need.)
    """

    @functools.wraps(command)
    def english(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        from cxgov.i18n.current import speaking

        with speaking():
            return command(*args, **kwargs)

    return english
