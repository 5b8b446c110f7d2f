"""The locale and language a page is being written in, and `_` to translate a word into it.

Set around the rendering of a page with `speaking(locale, lang)`; the builders of `cxgov.report` read it
through `_`, `n_` and `locale()`. A context variable rather than one more parameter on each of the section
builders: they are many, called through tables of callables, and the setting is the same for a whole page.
Without `speaking`, the setting is `from_environment`'s: CXGOV_LANG and CXGOV_LOCALE (the dashboard's).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from cxgov.errors import CxgovError
from cxgov.i18n.lang import SOURCE, language, translator
from cxgov.i18n.numbers import DEFAULT, check


@dataclass(frozen=True, slots=True)
class Speech:
    """The locale for numbers and dates (Babel's code) and the language of the words (one of lang.LANGUAGES)."""

    locale: str = DEFAULT
    lang: str = SOURCE


_NOW: ContextVar[Speech | None] = ContextVar("cxgov_speech", default=None)


def speech() -> Speech:
    """The setting in effect."""
    return _NOW.get() or from_environment()


@contextmanager
def speaking(locale: str = DEFAULT, lang: str = SOURCE) -> Iterator[Speech]:
    """Within the block, pages are written for locale (numbers, dates) in lang (words); both are checked."""
    token = _NOW.set(Speech(check(locale), language(lang)))
    try:
        yield speech()
    finally:
        _NOW.reset(token)


def _(msgid: str) -> str:
    """A word of the interface in the language in effect ("" stays "": gettext would give the catalogue's header)."""
    return translator(speech().lang).gettext(msgid) if msgid else msgid


def n_(singular: str, plural: str, n: int) -> str:
    """The form of a word for n in the language in effect."""
    return translator(speech().lang).ngettext(singular, plural, n)


def N_(msgid: str) -> str:
    """Mark a word to be translated where it is used (a constant made at import, before any language is set)."""
    return msgid


def locale() -> str:
    """The locale in effect."""
    return speech().locale


def english_figures() -> bool:
    """Whether numbers keep the page's original English formats (the locale is plain en)."""
    return speech().locale == DEFAULT


def from_environment(org_locale: str = "", chosen: str = "") -> Speech:
    """The dashboard's setting: the chosen language (a viewer's pick), else CXGOV_LANG's, else English;
    CXGOV_LOCALE's locale, else org_locale (org.yaml's), else the language's, else en. A variable naming
    nothing we know is ignored, not fatal."""
    try:
        lang = language(chosen or os.environ.get("CXGOV_LANG") or SOURCE)
    except CxgovError:
        lang = SOURCE
    try:
        return Speech(check(os.environ.get("CXGOV_LOCALE") or org_locale or lang), lang)
    except CxgovError:
        return Speech(check(org_locale or lang), lang)
