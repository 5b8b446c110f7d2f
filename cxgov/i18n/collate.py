"""A sort key for names that a reader of any of our languages expects: "Ąžuolė" sorts with A, not after Z.

Dependency-free on purpose. The Unicode Collation Algorithm (the `pyuca` package) would order the same names
the same way for our languages, but pyuca's last release is from 2017, it parses a 1.9 MB table (DUCET) the
first time it is used (a second on every `cxgov validate`), and DUCET is not tailored to any one locale
either. So: decompose (NFKD), drop the combining marks, fold the letters that do not decompose (Ł, Ø, Đ, ß,
Æ ...) to their base letters, casefold; Cyrillic keeps its letters in alphabet order. Ties, such as "Zoe" and "Zoë", are broken by the casefolded name
itself, then the name, so the order is total and the same on every machine. Scripts other than Latin keep
their code point order after Latin (Cyrillic, then CJK), as in the Unicode tables.
"""

from __future__ import annotations

import unicodedata

# Letters with no canonical decomposition into a base letter and a mark.
_FOLDED = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "ħ": "h", "Ħ": "h", "ı": "i", "ŧ": "t", "Ŧ": "t", "ŀ": "l", "Ŀ": "l",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "þ": "th", "Þ": "th",
    }
)  # fmt: skip


# Cyrillic letters are letters of their own, not marked ones (Й is not И): Ukrainian's Ґ, Є, І, Ї and Й each
# sort after the letter they follow in the alphabet (А Б В Г Ґ Д Е Є Ж З И І Ї Й К ...).
_LAST = "\U0010ffff"
_CYRILLIC = str.maketrans(
    {"ґ": "г" + _LAST, "є": "е" + _LAST, "і": "и" + _LAST, "ї": "и" + _LAST * 2, "й": "и" + _LAST * 3, "ё": "е" + _LAST}
)


def base(text: str) -> str:
    """text without the diacritics of its Latin letters, casefolded: "Ąžuolė" -> "azuole", "Łukasz" -> "lukasz"."""
    return "".join(_letter(ch) for ch in text.casefold().translate(_FOLDED)).translate(_CYRILLIC)


def _letter(ch: str) -> str:
    if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff":  # Latin: the base letter, without its marks
        return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return ch


def sort_key(text: str) -> tuple[str, str, str]:
    """The key to sort names by (sorted(names, key=sort_key)): by base letters, then accents and case."""
    return (base(text), text.casefold(), text)
