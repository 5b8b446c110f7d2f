"""Counts as a reader says them: '1 day', '3 days', '0 actions'; the one pluralisation rule of every page."""

from __future__ import annotations


def plural(n: int, noun: str, nouns: str = "") -> str:
    """n and the noun in the number n asks for: '1 day', '0 days', '2 days'; nouns for an irregular plural."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"
