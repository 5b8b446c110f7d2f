"""The words and figures a chart writes, in the page's language and locale (cxgov.i18n.current).

With the plain `en` locale each keeps the text the English charts have always had, so an English
image does not change by a byte; for any other locale Babel writes months and numbers as CLDR has them.
The words themselves go through `_` and `n_` where the charts are drawn.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol

from cxgov.i18n.current import _, english_figures, locale

_PLAIN = re.compile(r"-?\d+(\.(\d+))?")


def month_abbr(when: date) -> str:
    """A month's short name as the locale writes it standing alone on an axis (en: Dec; pl: gru; zh: 12月)."""
    return f"{when:%b}" if english_figures() else format_date(when, "LLL", locale=locale())


def count(n: int) -> str:
    """A whole count (en: 12345, as the charts always wrote it; pl: 12 345)."""
    return str(n) if english_figures() else format_decimal(n, locale=locale())


def figure(plain: str) -> str:
    """A number written plainly ('-1234.50', as svg.num and the axes write it) in the locale's digits
    and separators, keeping its decimals (pl: -1 234,50); a number in scientific notation, or infinite,
    keeps its form with the locale's decimal sign."""
    if english_figures():
        return plain
    match = _PLAIN.fullmatch(plain)
    if match is None:
        return plain.replace(".", get_decimal_symbol(locale()))
    decimals = len(match.group(2) or "")
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(plain), format=pattern, locale=locale())


def status_word(name: str) -> str:
    """An action's status or standing as the data names it (at_risk) in the page's words (at risk)."""
    return _(name.replace("_", " "))


def listed(words: list[str]) -> str:
    """Words one after another, as a list in the page's language writes them (en: overdue, at risk)."""
    return _(", ").join(words)
