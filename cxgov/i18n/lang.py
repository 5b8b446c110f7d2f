"""The interface's words in a language: gettext catalogues read straight from their .po files.

The catalogues are `cxgov/i18n/locale/<lang>/LC_MESSAGES/cxgov.po`, plain text that translators edit. They are
read with Babel's .po reader and compiled in memory into the standard library's `gettext.GNUTranslations`
(plural rules from each file's Plural-Forms header), once per language per process: no build step, and no .mo
file that could fall out of step with its .po. English is the source language: its words are the msgids.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from cxgov.errors import CxgovError

FOLDER = Path(__file__).with_name("locale")
DOMAIN = "cxgov"
SOURCE = "en"
# The languages with a catalogue, and the names they are offered under (in their own words).
LANGUAGES = {
    "en": "English",
    "pl": "Polski",
    "uk": "Українська",
    "lt": "Lietuvių",
    "zh_Hans": "简体中文",
    "zh_Hant": "繁體中文",
}
_ALIASES = {"zh_cn": "zh_Hans", "zh_sg": "zh_Hans", "zh_tw": "zh_Hant", "zh_hk": "zh_Hant", "ua": "uk"}


def language(code: str) -> str:
    """code as one of LANGUAGES (zh-hans -> zh_Hans, pl_PL -> pl); CxgovError for a language we have no words for."""
    wanted = code.strip().replace("-", "_")
    if wanted.casefold() in _ALIASES:
        return _ALIASES[wanted.casefold()]
    for known in LANGUAGES:
        if wanted.casefold() == known.casefold():
            return known
    short = wanted.split("_")[0].casefold()
    if short in LANGUAGES and short != "zh":
        return short
    raise CxgovError(f"lang: expected one of {', '.join(LANGUAGES)}; found '{code}'")


def catalogue(lang: str) -> Path:
    """The .po file of a language."""
    return FOLDER / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


class Translator:
    """The words of one language: gettext(msgid) and ngettext(singular, plural, n), English when a word is missing."""

    def __init__(self, lang: str) -> None:
        self.lang = language(lang)
        self._t: gettext.NullTranslations = _compiled(self.lang) if self.lang != SOURCE else gettext.NullTranslations()

    def gettext(self, msgid: str) -> str:
        """msgid in this language."""
        return self._t.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for n ("1 day", "2 days"; Polish has three forms) in this language."""
        return self._t.ngettext(singular, plural, n)


@cache
def translator(lang: str) -> Translator:
    """The translator of a language, made once per process."""
    return Translator(lang)


def _compiled(lang: str) -> gettext.GNUTranslations:
    with catalogue(lang).open("rb") as f:
        cat = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, cat)
    buf.seek(0)
    return gettext.GNUTranslations(buf)
