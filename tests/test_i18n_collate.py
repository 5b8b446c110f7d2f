"""cxgov.i18n.collate: names sort as a reader of our languages expects, whatever their diacritics."""

from __future__ import annotations

from cxgov.i18n.collate import base, sort_key


def test_lithuanian_and_polish_letters_sort_with_their_base_letters_not_after_z() -> None:
    names = ["Zoe", "Žygimantas", "Łukasz", "Ąžuolė", "Émile", "Lena", "Andrius", "Eva", "张伟", "Ábel"]
    # Written by hand: A..., E..., L..., Z...; Chinese after the Latin names, as in the Unicode tables.
    assert sorted(names, key=sort_key) == [
        "Ábel", "Andrius", "Ąžuolė", "Émile", "Eva", "Lena", "Łukasz", "Zoe", "Žygimantas", "张伟",
    ]  # fmt: skip


def test_plain_code_point_order_puts_the_same_names_after_z() -> None:
    # What the key fixes: without it "Ąžuolė" and "Łukasz" come after every plain Latin name.
    assert sorted(["Ąžuolė", "Zoe", "Łukasz", "Lena"]) == ["Lena", "Zoe", "Ąžuolė", "Łukasz"]
    assert sorted(["Ąžuolė", "Zoe", "Łukasz", "Lena"], key=sort_key) == ["Ąžuolė", "Lena", "Łukasz", "Zoe"]


def test_letters_that_do_not_decompose_are_folded_to_their_base() -> None:
    assert base("Łukasz") == "lukasz"
    assert base("Ørsted") == "orsted"
    assert base("Straße") == "strasse"
    assert base("Ąžuolė") == "azuole"


def test_names_equal_but_for_accents_or_case_keep_a_fixed_order() -> None:
    assert sorted(["zoë", "Zoe", "zoe", "Zoë"], key=sort_key) == ["Zoe", "zoe", "Zoë", "zoë"]


def test_cyrillic_names_sort_among_themselves_by_their_letters() -> None:
    names = ["Юрій", "Олена", "Йосип", "Ірина", "Ґанна", "Андрій", "Ігор", "Ганна", "Ильїн"]
    # Ukrainian's alphabet: А Б В Г Ґ Д Е Є Ж З И І Ї Й К ...; Й is a letter, not И with a mark.
    assert sorted(names, key=sort_key) == [
        "Андрій",
        "Ганна",
        "Ґанна",
        "Ильїн",
        "Ігор",
        "Ірина",
        "Йосип",
        "Олена",
        "Юрій",
    ]
