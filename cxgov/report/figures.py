"""Numbers, shares, money and dates on a page, in the locale it is written for (cxgov.i18n.current).

For the plain `en` locale (the default) each keeps the format the English pages have always had, so an English
page does not change; for any other locale Babel writes it as CLDR has it for that locale.
"""

from __future__ import annotations

from datetime import date

from cxgov.i18n import numbers
from cxgov.i18n.current import english_figures, locale
from cxgov.views.words import date_text as date_text  # dates as views write them, for the page builders
from cxgov.views.words import day as day


def number(value: float) -> str:
    """A measured value or a target (en: 4 significant digits with thousands commas; pl: 1 234,5)."""
    if english_figures():
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return numbers.decimal(value if abs(value) < 1e6 else round(value), locale())


def share(value: float) -> str:
    """A share (0.5) as a whole percentage."""
    return f"{value:.0%}" if english_figures() else numbers.percent(value, locale())


def money(amount: float, currency: str) -> str:
    """A budget amount in whole units of its currency (en: 12,000 EUR; pl: 12 000 €)."""
    return f"{amount:,.0f} {currency}" if english_figures() else numbers.money(amount, currency, locale())


def month(when: date) -> str:
    """The month a review is of (en: December 2026; pl: grudzień 2026)."""
    return f"{when:%B %Y}" if english_figures() else numbers.month(when, locale())
