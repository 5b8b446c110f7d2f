"""A sort key for names that a reader of any of our languages expects: "Ąžuolė" sorts with A, not after Z.

Dependency-free on purpose, rather than the Unicode Collation Algorithm of the `pyuca` package: pyuca's last
release is from 2017 (version 1.2), it builds its collator from the whole DUCET table (allkeys.txt, tens of
thousands of lines) before the first comparison, and DUCET is not tailored to any one locale either (it
would not give Polish or Lithuanian their own alphabets, which a hand-made key does not either). Our need is
narrower: names of people and committees, in Latin and Cyrillic letters and Chinese, in one order every
reader accepts. So: decompose (NFKD) each Latin letter and drop its marks, fold the Latin letters that do
not decompose (Ł, Ø, Đ, ß, Æ ...) to their base letters, casefold; Cyrillic keeps its letters in their
alphabet's order (Й after И, not equal to it). Ties, such as "Zoe" and "Zoë", are broken by the casefolded
name, then the name, so the order is total and the same on every machine. Other scripts keep their code
point order after Latin and Cyrillic (CJK last), as in the Unicode tables.
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
