"""Counts, dates and figures as a reader says them, in the language and locale of the page being written.

`plural` is English only ('1 day', '3 days'): for English callers that build their own sentences (the
calendar export). A count shown on a page goes through `cxgov.i18n.current.n_`, whose catalogues know
each language's plural forms; `day`, `date_text` and `figure` write a date or a number as the page's locale does.
"""

from __future__ import annotations

from datetime import date

from cxgov.i18n import numbers
from cxgov.i18n.current import _, english_figures, locale


def plural(n: int, noun: str, nouns: str = "") -> str:
    """n and the noun in the number n asks for: '1 day', '0 days', '2 days'; nouns for an irregular plural."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def day(when: date, year: bool = True) -> str:
    """A date with its month abbreviated (en: 01 Dec 2026, as the English pages always had it; pl: 1 gru 2026)."""
    if english_figures():
        return f"{when:%d %b %Y}" if year else f"{when:%d %b}"
    return numbers.day(when, locale(), year)


def date_text(when: date) -> str:
    """A date as a sentence or a table gives it (en: 2026-11-30, as the English pages always had it; pl: 30 lis 2026)."""
    return str(when)[:10] if english_figures() else numbers.day(when, locale())


def figure(value: float) -> str:
    """A number that may have a fraction, such as a limit in days (en: 10.5, 45; pl: 10,5)."""
    return f"{value:g}" if english_figures() else numbers.decimal(value, locale())


def sentence(parts: list[str] | tuple[str, ...]) -> str:
    """Phrases as one sentence, first letter capitalised: 'A; b; c.' (zh: 'A；b；c。')."""
    text = _("; ").join(parts)
    return one_stop(_("{text}.").format(text=text[:1].upper() + text[1:]))


def one_stop(text: str) -> str:
    """A sentence without a doubled full stop where it ends with a date or month that has its own (uk: '2026 р.')."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text
