"""Numbers, percentages, money and dates for a locale, formatted by Babel (CLDR's data for every locale).

Locale codes are Babel's (`en`, `pl_PL`, `zh_Hant_TW`); `check` is the one place one is validated.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from cxgov.errors import CxgovError

DEFAULT = "en"


def check(code: str) -> str:
    """code as Babel spells it (pl-PL -> pl_PL); CxgovError when Babel knows no such locale."""
    try:
        return str(Locale.parse(code.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise CxgovError(f"locale: expected a locale such as en, pl_PL, uk, lt, zh_Hans; found '{code}'") from exc


def decimal(value: float | int, locale: str) -> str:
    """A number as the locale writes it, at most 3 decimals (pl: 1 234,5; en: 1,234.5)."""
    return format_decimal(_exact(value), locale=locale)


def percent(share: float, locale: str) -> str:
    """A share (0.5) as a whole percentage (pl: 50%; de: 50 %)."""
    return format_percent(_exact(share), format=None, locale=locale)


def money(amount: float | int, currency: str, locale: str) -> str:
    """An amount in whole units of a currency (ISO 4217 code): pl "1 234 €", en "€1,234" (CLDR's patterns,
    without their cents: budget lines are whole amounts, and the English page showed them whole)."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    whole = re.sub(r"\.0+", "", pattern.split(";")[0])
    return format_currency(_exact(amount), currency, format=whole, locale=locale, currency_digits=False)


def day(when: date, locale: str, year: bool = True) -> str:
    """A date with its month abbreviated, in the locale's order (pl: 3 gru 2026; zh: 2026年12月3日)."""
    return format_skeleton("yMMMd" if year else "MMMd", when, locale=locale)


def month(when: date, locale: str) -> str:
    """The month and year of a date (en: December 2026; pl: grudzień 2026; zh: 2026年12月)."""
    return format_skeleton("yMMMM", when, locale=locale)


def _exact(value: float | int) -> Decimal:
    """A float as the decimal it prints as (0.1, not 0.1000000000000000055), so Babel rounds what a reader sees."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
