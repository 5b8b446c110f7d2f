"""Text measured for the charts: never narrower than drawn, wrapped and shortened to fit its room."""

from __future__ import annotations

import pytest

from cxgov.report.charts.textsize import ELLIPSIS, shorten, width, wrap


def test_wider_letters_measure_wider_and_bold_wider_still():
    assert width("WWW", 10) > width("iii", 10) > 0
    assert width("Roadmap", 11, bold=True) > width("Roadmap", 11)
    assert width("Roadmap", 22) > 1.9 * width("Roadmap", 11)


@pytest.mark.parametrize(
    ("text", "like"),
    [("é", "e"), ("Å", "A"), ("e\u0301", "e")],  # an accented letter as wide as its letter, a combining mark nothing
)
def test_accented_letters_measure_as_their_letter(text, like):
    assert width(text, 10) == pytest.approx(width(like, 10))


@pytest.mark.parametrize("char", ["重", "Ш", "ß", "\ufffd", "😀", "\x01"])
def test_characters_outside_the_tables_take_at_least_an_em(char):
    assert width(char, 10) >= 10


def test_a_text_that_fits_is_kept_whole():
    assert shorten("Calls", 11, 100) == "Calls"
    assert wrap("First reply time", 11, 300, 2) == ["First reply time"]


def test_a_shortened_text_fits_and_ends_with_an_ellipsis():
    text = "Customer satisfaction after a contact, from the post-contact survey"
    short = shorten(text, 11, 120)
    assert short.endswith(ELLIPSIS) and width(short, 11) <= 120
    assert text.startswith(short[:-1].rstrip())
    assert len(short) > 5  # as much as fits, not a stub


def test_no_room_for_even_an_ellipsis_gives_nothing():
    assert shorten("Calls", 11, 3) == ""


@pytest.mark.parametrize("room", [80, 150, 292])
@pytest.mark.parametrize("lines", [1, 2, 3])
def test_wrapped_lines_each_fit_and_keep_the_words_in_order(room, lines):
    text = "Share of first-contact resolutions across phone, chat, e-mail and social channels, weighted by volume"
    out = wrap(text, 11, room, lines, bold=True)
    assert 1 <= len(out) <= lines
    assert all(width(line, 11, bold=True) <= room for line in out)
    joined = " ".join(out)
    if joined.endswith(ELLIPSIS):  # the words kept, in order (a word too long for a line broken in two)
        assert text.replace(" ", "").startswith(joined[:-1].replace(" ", ""))
    else:
        assert joined == text


def test_a_word_longer_than_the_line_is_broken():
    out = wrap("Supercalifragilisticexpialidocious-metric", 11, 60, 3)
    assert all(width(line, 11) <= 60 for line in out)
    assert len(out) == 3 and out[-1].endswith(ELLIPSIS)


def test_blank_text_wraps_to_no_lines():
    assert wrap("   ", 11, 100, 2) == []
