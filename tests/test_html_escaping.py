"""Escaping by construction: every page is built as `Html`, which escapes any plain string put into it.

The unit tests pin the builders' contract (a str is escaped, markup is kept, the
bytes are html.escape's); the workspace tests render every review section and
every dashboard section of a workspace whose free text carries markup, so a
section that put user text in unescaped fails here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from markupsafe import Markup
from payloads import COMMITTEE, PAYLOAD, _set, hostile_workspace

from cxgov.dashboard import app, sections
from cxgov.editor.ui import message_html
from cxgov.report import committee as csec
from cxgov.report import org as osec
from cxgov.report.html import Html, _rows, badge, bullets, esc, img, join, page, section, table, text
from cxgov.review.render import COMMITTEE_SECTIONS, ORG_SECTIONS, render
from cxgov.workspace.load import load_workspace

HOSTILE = "<b>\"quoted\" & 'single'</b>"
# An attribute breakout, an entity that must stay text, and a tag; in another committee than payloads' one.
BREAKOUT = "\"><img src=x onerror=alert(3)> &amp; '><svg onload=alert(4)>"
OTHER = "support-product"
AS_OF = date(2026, 11, 30)


# The builders ------------------------------------------------------------


def test_html_escapes_plain_strings_as_html_escape_does_and_keeps_markup() -> None:
    made = Html("<p>{}</p>").format(HOSTILE)
    assert made == f"<p>{escape(HOSTILE)}</p>"  # &quot; and &#x27;, the bytes pages always had
    assert isinstance(made, Markup)
    assert Html("<p>{}</p>").format(Html("<b>kept</b>")) == "<p><b>kept</b></p>"
    assert Html("<p>{}</p>").format(Markup("<i>any Markup</i>")) == "<p><i>any Markup</i></p>"
    assert Html("<p>") + "<x>" == "<p>&lt;x&gt;"
    assert "<x>" + Html("<p>") == "&lt;x&gt;<p>"
    assert join(["<a>", Html("<b>")]) == "&lt;a&gt;<b>"
    assert Html("<p>%s</p>") % "<x>" == "<p>&lt;x&gt;</p>"
    assert Html('<a title="{:.1f}">').format(2.25) == '<a title="2.2">'


class _Slow(Html):
    """Html formatting the way markupsafe does (string.Formatter in Python), escaping as Html does."""

    def format(self, *args: object, **kwargs: object) -> _Slow:
        return Markup.format(self, *args, **kwargs)


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("<p>{}</p><i>{}</i>", (HOSTILE, Html("<b>kept</b>"))),
        ("{} {} {} {}", (3, 2.5, np.float64(0.1), np.int64(-7))),
        ("{} {}", (None, True)),
        ('<line x1="{:.1f}" y="{:>6}">{}</line>', (1.25, 42, HOSTILE)),
        ("{0:.2f} {0:,.0f} {1}", (1234.5678, "<tag>")),
        ("{:&>5}|{:<<4}", (7, 1.5)),  # fill characters that are markup: escaped as markupsafe escapes them
        ("{:>8}", ("<a>",)),
        ("{}", (date(2026, 11, 30),)),
        ("{!r} {0.real}", (2,)),
        ("{name} and {n:.1f}", ()),
        ("{0} {0:.1f} {1}", (2.25, "<b>")),  # one value in two fields, with and without a spec
        ("{1}{0}{1:>3}", ("&", 7)),
        ("{:{w}}", ("<x>",)),  # a nested field
        ("{:}", (Html("<i>markup</i>"),)),
        ("{} {}", ("one", "two", "unused <extra>")),
    ],
)
def test_html_format_writes_what_markupsafes_formatter_writes(template: str, values: tuple[object, ...]) -> None:
    kwargs: dict[str, object] = {"name": HOSTILE, "n": 2.345} if "{name}" in template else {}
    if "{w}" in template:
        kwargs = {"w": 6}
    fast = Html(template).format(*values, **kwargs)
    assert fast == _Slow(template).format(*values, **kwargs)
    assert type(fast) is Html


def test_html_made_from_text_is_that_text_and_markup_keeps_its_html() -> None:
    assert type(Html("<b>x</b>")) is Html and Html("<b>x</b>") == "<b>x</b>"
    assert Html(Markup("<i>y</i>")) == "<i>y</i>"
    assert Html(7) == "7"

    class Made:
        def __html__(self) -> str:
            return "<u>made</u>"

    assert Html(Made()) == "<u>made</u>"


def test_esc_and_text_turn_one_value_into_text() -> None:
    assert esc("<x> & 'y'") == escape("<x> & 'y'")
    assert esc(Html("<b>")) == "<b>"
    assert esc(None) == esc(float("nan")) == ""
    assert text(1234.5678) == "1,235" and text(date(2026, 1, 2)) == "2026-01-02"
    assert text(pd.Timestamp("2026-01-02 10:00")) == "2026-01-02"
    assert esc(["<a>", "b"]) == "&lt;a&gt;, b"


def test_every_builder_escapes_str_and_passes_markup_through() -> None:
    kept = Html("<em>kept</em>")
    assert section(HOSTILE, HOSTILE, "a", HOSTILE).count(escape(HOSTILE)) == 3
    assert section("t", kept) == '<section class="cx"><h2>t</h2><em>kept</em></section>'
    assert badge(HOSTILE, "ok") == f'<span class="badge ok">{escape(HOSTILE)}</span>'
    assert badge(kept, "ok") == '<span class="badge ok"><em>kept</em></span>'
    assert bullets([HOSTILE, kept]) == f"<ul><li>{escape(HOSTILE)}</li><li><em>kept</em></li></ul>"
    assert bullets([], HOSTILE) == f'<p class="empty">{escape(HOSTILE)}</p>'
    assert f'alt="{escape(HOSTILE)}"' in img("data:image/svg+xml;base64,AA==", HOSTILE)
    whole = page(HOSTILE, kept, Html("<nav></nav>"))
    assert f"<title>{escape(HOSTILE)}</title>" in whole and "<nav></nav><em>kept</em></main>" in whole
    assert escape(HOSTILE) in page("t", HOSTILE)  # a plain str body is text, not markup
    for made in (section("t", "b"), badge("b", "c"), bullets(["i"]), page("t", "b")):
        assert isinstance(made, Html)


def test_table_escapes_values_headers_and_plain_cells_and_keeps_markup_cells() -> None:
    frame = pd.DataFrame({"a": [HOSTILE], "b": ["x"], "c": ["y"], "d": [None]})
    made = table(
        frame,
        [("a", HOSTILE), ("b", "B"), ("c", "C"), ("d", "D")],
        cells={"b": lambda v: Html("<em>{}</em>").format(v), "c": lambda v: f"<i>{v}</i>"},
        caption=HOSTILE,
        cls="grid2",
    )
    assert isinstance(made, Html)
    assert made.count(escape(HOSTILE)) == 3  # the value, the header and the caption
    assert "<td><em>x</em></td>" in made  # markup from a cell function is kept
    assert "<td>&lt;i&gt;y&lt;/i&gt;</td>" in made  # a plain str from a cell function is text
    assert "<td></td>" in made
    assert table(frame.iloc[0:0], [("a", "A")], empty=HOSTILE) == f'<p class="empty">{escape(HOSTILE)}</p>'


def test_message_html_escapes_its_lines() -> None:
    shown = message_html("error", [HOSTILE, "two"], lead=HOSTILE)
    assert isinstance(shown, Html) and shown.count(escape(HOSTILE)) == 2
    assert "<b>" not in shown


# A hostile workspace, every section --------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = hostile_workspace(tmp_path_factory.mktemp("hostile") / "ws")
    _set(ws / OTHER / "committee.yaml", "name", "Support & Product", f"Support {BREAKOUT}")
    _set(ws / OTHER / "plan.yaml", "goal", "One escalation route", f"One route {BREAKOUT}")
    org = ws / "org.yaml"
    quoted = BREAKOUT.replace('"', '\\"')
    org.write_text(org.read_text().replace("name: Customer Support}", f'name: "Support {quoted}"}}', 1))
    assert quoted in org.read_text(), "the example workspace changed"
    said = json.dumps(f"Words {PAYLOAD}")  # a JSON string is a YAML double-quoted scalar
    (ws / COMMITTEE / "commentary.yaml").write_text(
        f"commentary:\n  - month: 2026-11\n    text: {said}\n    asks: [{json.dumps(f'Ask {BREAKOUT}')}]\n"
    )
    return ws


def assert_inert(html: str, where: str) -> None:
    """No tag a payload brought survives: every '<' the workspace held is an '&lt;'."""
    found = re.findall(r"<(script|img src=x|svg onload)", html, flags=re.IGNORECASE)
    assert not found, (where, found)
    assert "onerror=alert" not in re.sub(r"&lt;img src=x onerror=alert\(\d\)&gt;", "", html), where


def test_every_review_section_of_a_hostile_workspace_is_inert(hostile: Path) -> None:
    pages = [render(str(hostile), cid, "2026-11") for cid in ("", COMMITTEE, OTHER, "voc-council")]
    for p in pages:
        assert p.error is None
        assert p.sections, p.committee
        for name, html in {"header": p.header, **p.sections}.items():
            assert_inert(html, f"{p.committee or 'index'}: {name}")
    names = [p.sections for p in pages]
    assert set(names[0]) == set(ORG_SECTIONS) | {"headline", "since"} and set(names[1]) >= set(COMMITTEE_SECTIONS) - {
        "budget"
    }
    shown = "".join(p.header + "".join(p.sections.values()) for p in pages)
    assert escape(PAYLOAD) in shown  # the payload is there, as text
    assert escape(f"Words {PAYLOAD}") in shown and escape(f"Ask {BREAKOUT}") in shown  # the chair's word
    assert escape(BREAKOUT) in shown
    assert "&amp;amp;" in shown  # an entity in the data is shown as written


def test_every_dashboard_section_of_a_hostile_workspace_is_inert(hostile: Path) -> None:
    ws = load_workspace(hostile)
    drawn: dict[str, str] = {
        "org header": osec.header(ws, AS_OF),
        "org problems": osec.problems(ws),
        "rollup": osec.rollup_section(ws, AS_OF),
        "overdue": osec.escalation_section(ws, AS_OF, app.OVERDUE_SHOWN),
    }
    for cid in (COMMITTEE, OTHER):
        c = ws.committee[cid]
        drawn[f"{cid} header"] = csec.header(ws, c, AS_OF)
        drawn[f"{cid} problems"] = csec.problems(ws, cid)
        for title, draw in app.committee_tabs():
            if draw is not None:
                drawn[f"{cid} {title}"] = draw(ws, c, AS_OF)
        for person in ("", "sofia"):
            keep = sections.ActionFilter(person=person)
            drawn[f"{cid} actions {person}"] = sections.actions_section(ws, c, AS_OF, keep)
        drawn[f"{cid} meetings"] = sections.meetings_section(ws, c, AS_OF)
    for where, html in drawn.items():
        assert isinstance(html, Html), where
        assert_inert(html, where)
    shown = "".join(drawn.values())
    assert escape(PAYLOAD) in shown and escape(BREAKOUT) in shown


def test_the_dashboard_page_of_a_hostile_workspace_is_inert(hostile: Path) -> None:
    d = app.Dashboard(str(hostile), AS_OF)
    for cid in (COMMITTEE, OTHER):
        d.committee_picker.value = cid
        for title in d.tabs.titles:
            shown = d.open_tab(title)
            assert type(shown) is str  # widgets hold plain strings
            assert_inert(shown, f"{cid} {title}")
        assert_inert(d.shown(), cid)


def test_a_tables_cells_get_each_value_as_to_dict_records_gives_it() -> None:
    """table() reads columns, not records (faster); each value, type included, is what to_dict("records") gives."""
    frame = pd.DataFrame(
        {
            "int": [1, 2, 3],
            "float": [1.5, np.nan, 2.0],
            "bool": [True, False, True],
            "object": pd.Series([np.int64(3), None, "x"], dtype=object),
            "str": ["a", None, "c"],
            "string": pd.array(["a", None, "c"], dtype="string"),
            "Int64": pd.array([1, None, 3], dtype="Int64"),
            "when": [pd.Timestamp("2026-11-30"), pd.NaT, pd.Timestamp("2026-01-01")],
            "date": [date(2026, 11, 30), None, date(2026, 1, 1)],
            "list": [[1], (2,), []],
        }
    )
    columns = [*frame.columns, "int"]  # a column shown twice too
    expected = [tuple(record[c] for c in columns) for record in frame.to_dict("records")]
    got = list(_rows(frame, columns))
    assert [[repr(v) for v in row] for row in got] == [[repr(v) for v in row] for row in expected]
    assert [[type(v) for v in row] for row in got] == [[type(v) for v in row] for row in expected]
