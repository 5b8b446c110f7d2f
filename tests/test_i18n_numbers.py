"""cxgov.i18n.numbers: numbers, percentages, money and dates as Babel writes them for a locale."""

from __future__ import annotations

from datetime import date

import pytest

from cxgov.errors import CxgovError
from cxgov.i18n import numbers

NBSP = "\u00a0"


def test_a_decimal_uses_the_locales_separators() -> None:
    assert numbers.decimal(1234.5, "en") == "1,234.5"
    assert numbers.decimal(1234.5, "pl_PL") == f"1{NBSP}234,5"
    assert numbers.decimal(1234.5, "de") == "1.234,5"


def test_a_float_is_rounded_as_it_prints_to_three_decimals() -> None:
    assert numbers.decimal(0.1 + 0.2, "en") == "0.3"
    assert numbers.decimal(2.0005, "en") == "2"  # half to even, on the decimal the reader sees


def test_a_share_is_a_whole_percentage() -> None:
    assert numbers.percent(0.5, "en") == "50%"
    assert numbers.percent(0.5, "lt") == f"50{NBSP}%"


def test_money_is_whole_units_in_the_locales_pattern() -> None:
    assert numbers.money(1234, "EUR", "en") == "€1,234"
    assert numbers.money(1234, "EUR", "pl_PL") == f"1{NBSP}234{NBSP}€"
    assert numbers.money(25000, "PLN", "pl") == f"25{NBSP}000{NBSP}zł"


def test_months_stand_alone_in_the_locales_words() -> None:
    assert numbers.month(date(2026, 12, 31), "en") == "December 2026"
    assert numbers.month(date(2026, 12, 31), "pl") == "grudzień 2026"
    assert numbers.month(date(2026, 12, 31), "zh_Hans") == "2026年12月"


def test_a_locale_is_checked_and_spelled_as_babel_does() -> None:
    assert numbers.check("pl-PL") == "pl_PL"
    assert numbers.check(" zh_Hant ") == "zh_Hant"
    with pytest.raises(CxgovError, match="locale: expected a locale such as en, pl_PL, uk, lt, zh_Hans; found 'xx_YY'"):
        numbers.check("xx_YY")
