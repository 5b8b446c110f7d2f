"""Chart text in the page's language: CJK fonts named after the Latin ones and CJK text measured as full width;
each chart's words, months, dates and numbers translated and localized, measured as translated so that nothing
runs off the image (checked by reading the SVG back, and in Chromium); the user's words kept and escaped."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from browser import chromium
from chart_helpers import SVG, heading, marks, outside, overlap, parse, size_of, text_box, texts
from test_charts_browser import FONTS, measured
from test_charts_timeline import AS_OF, COINCIDING, assert_nothing_covered, plan_workspace
from test_charts_trend import LONG, a_kpi, assert_labels_whole_and_apart, series
from views_helpers import load

from cxgov.i18n.current import _, speaking
from cxgov.report.charts import COLOURS, kpi, maturity, milestone_bars, roadmap, svg, textsize
from cxgov.report.html import Html

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"]


def families() -> list[str]:
    doc = ET.fromstring(str(svg.document(100, 20, Html(""), "全部行动")))
    return [f.strip().strip("'\"") for f in doc.attrib["font-family"].split(",")]


def test_the_charts_font_stack_names_common_cjk_fonts_after_the_latin_ones() -> None:
    found = families()
    assert found[:2] == ["Helvetica", "Arial"]  # what textsize measures Latin text by, first
    assert all(f in found for f in CJK_FONTS)
    assert found[-1] == "sans-serif"
    assert max(found.index(f) for f in ("Helvetica", "Arial")) < min(found.index(f) for f in CJK_FONTS)


def test_a_chinese_title_survives_in_the_image_and_its_alt_text() -> None:
    doc = ET.fromstring(str(svg.document(100, 20, Html(""), "各里程碑进展")))
    assert doc.find("{http://www.w3.org/2000/svg}title").text == "各里程碑进展"  # type: ignore[union-attr]


def test_cjk_text_is_measured_as_at_least_a_full_em_a_character() -> None:
    assert textsize.width("各里程碑进展", 10) >= 6 * 10
    assert textsize.width("各里程碑进展", 10) > textsize.width("Progress", 10)


# --- The charts' words, months and numbers in the page's language and locale ---

LANGS = ["pl", "uk", "lt", "zh_Hans", "zh_Hant"]
# Words a roadmap of COINCIDING draws as of AS_OF in each language: a lane, a milestone's label (its date
# with the month as the locale abbreviates it), 'we are here' with today's date, a legend word, and months.
ROADMAP_WORDS = {
    "pl": ["3 mies.", "6 miesięcy · 31 gru 2026", "jesteśmy tutaj · 15 paź 2026", "zaległe (obwódka)", "sty", "lip"],
    "uk": [
        "3 міс.",
        "6 місяців · 31 груд. 2026\u202fр.",
        "ми тут · 15 жовт. 2026\u202fр.",
        "прострочено (обвідка)",
        "січ.",
    ],
    "lt": ["3 mėn.", "6 mėnesiai · 2026-12-31", "esame čia · 2026-10-15", "vėluoja (žiedas)", "saus."],
    "zh_Hans": ["3 个月", "6 个月 · 2026年12月31日", "我们在这里 · 2026年10月15日", "逾期（红圈）", "1月", "7月"],
    "zh_Hant": ["3 個月", "6 個月 · 2026年12月31日", "我們在這裡 · 2026年10月15日", "逾期（紅圈）", "1月", "7月"],
}
ENGLISH = ("-month", "months ·", "we are here", "overdue (ring)", "on track", "Dec", "Jan")


def roadmap_in(lang: str, tmp_path: Path, as_of: date = AS_OF, locale: str | None = None) -> ET.Element:
    with speaking(locale or lang, lang):
        return parse(roadmap(plan_workspace(tmp_path / "ws", COINCIDING), as_of))


@pytest.mark.parametrize("lang", LANGS)
def test_a_roadmap_speaks_the_pages_language_with_the_locales_months_and_dates(tmp_path: Path, lang: str) -> None:
    root = roadmap_in(lang, tmp_path)
    shown = texts(root)
    missing = [w for w in ROADMAP_WORDS[lang] if not any(w == t or (len(w) > 3 and w in t) for t in shown)]
    assert missing == [], shown
    assert [t for t in shown if any(e in t for e in ENGLISH)] == []
    assert_nothing_covered(root)  # every label inside the image, none over a marker


@pytest.mark.parametrize("lang", ["pl", "zh_Hans"])
def test_a_roadmaps_tooltips_and_title_are_translated_and_the_users_words_kept(tmp_path: Path, lang: str) -> None:
    root = roadmap_in(lang, tmp_path)
    every = [m.tip for m in marks(root)]
    tips = {t.split(" ")[0].split("（")[0]: t for t in every}
    expected = {
        "pl": ("A1 (zaległe, zagrożone, termin 2026-08-31): Action A1", "Mapa drogowa – CX Steering Committee"),
        "zh_Hans": ("A1（逾期、有风险，截止 2026-08-31）：Action A1", "CX Steering Committee 路线图"),
    }[lang]
    assert tips["A1"] == expected[0]  # the action's title as the user wrote it
    assert root.find(f"{SVG}title").text == expected[1]  # type: ignore[union-attr]
    assert any(t.endswith("Journey agreed") for t in every)  # a milestone's goal, untranslated


@pytest.mark.parametrize("lang", ["pl", "uk", "zh_Hans"])
@pytest.mark.parametrize("as_of", [date(2027, 7, 20), date(2027, 6, 30), date(2026, 7, 1), date(2020, 1, 1)])
def test_we_are_here_in_each_language_is_whole_at_either_end(tmp_path: Path, lang: str, as_of: date) -> None:
    root = roadmap_in(lang, tmp_path, as_of)
    assert [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]  # drawn, not dropped
    assert outside(root) == []
    assert_nothing_covered(root)


@pytest.mark.parametrize("lang", ["pl", "uk", "zh_Hant"])
@pytest.mark.parametrize(("launch", "last_due"), [("2026-07-01", "2027-06-30"), ("1990-01-01", "2027-06-30")])
def test_month_labels_in_each_language_never_overlap(tmp_path: Path, lang: str, launch: str, last_due: str) -> None:
    due = date.fromisoformat(last_due)
    actions = [("A1", 3, "2026-09-30", "on_track"), ("A2", 6, "2026-12-31", "at_risk")]
    planned = plan_workspace(tmp_path / "ws", actions, launch=launch)
    c = replace(planned, milestones=tuple(replace(m, due=due) if m.horizon == 12 else m for m in planned.milestones))
    with speaking(lang, lang):
        root = parse(roadmap(c, date(2026, 10, 1)))
    assert outside(root) == []
    boxes = [text_box(t) for t in root.iter(f"{SVG}text")]
    assert [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)] == []


def test_the_legend_takes_a_second_row_when_its_words_need_it() -> None:
    from cxgov.report.charts.timeline import WIDTH, _legend

    with speaking("en", "en"):
        english, last = _legend(100.0)
    assert last == 100.0  # English fits on one row, as it always has
    with speaking("uk", "uk"):  # Cyrillic is measured at a full em a letter: the legend needs two rows
        parts, last = _legend(100.0)
    assert last > 100.0
    drawn = ET.fromstring(f"<g>{''.join(map(str, parts))}</g>")
    assert all(text_box(t)[2] <= WIDTH for t in drawn.iter("text"))


def test_a_page_in_polish_with_an_english_locale_keeps_english_months() -> None:
    """Words follow the language, months and numbers the locale (cxgov review --lang pl --locale en)."""
    c = load(MINIMAL).committee["cx"]
    with speaking("en", "pl"):
        shown = texts(parse(roadmap(c, date(2026, 12, 2))))
    assert any(t.startswith("jesteśmy tutaj · 02 Dec 2026") for t in shown)


def bars(done: int, total: int, overdue: int) -> pd.DataFrame:
    shares = {f"share_{name}": 0.0 for name in COLOURS}
    shares["share_done"], shares["share_on_track"] = done / total, 1 - done / total
    return pd.DataFrame([{"horizon": 6, "done": done, "total": total, "overdue": overdue, **shares}])


@pytest.mark.parametrize(
    ("lang", "counts", "label", "tip"),
    [
        ("pl", (3, 10, 1), "3/10 ukończone, 1 zaległe", "zgodnie z planem: 70%"),
        ("pl", (3, 10, 5), "3/10 ukończone, 5 zaległych", "ukończone: 30%"),
        ("uk", (3, 10, 2), "3/10 виконано, 2 прострочені", "за планом: 70%"),
        ("lt", (1, 6, 0), "1/6 atlikta", "pagal planą: 83\xa0%"),
        ("zh_Hans", (3, 10, 2), "已完成 3/10，逾期 2", "进展正常: 70%"),
        ("pl", (12345, 678901, 234567), "12\xa0345/678\xa0901 ukończone, 234\xa0567 zaległych", "ukończone: 2%"),
    ],
)
def test_milestone_bars_count_in_the_pages_words_and_numbers(lang, counts, label, tip) -> None:
    with speaking(lang, lang):
        root = parse(milestone_bars(bars(*counts)))
    shown = texts(root)
    assert label in shown and shown[0] == {"pl": "6 mies.", "uk": "6 міс.", "lt": "6 mėn."}.get(lang, "6 个月")
    assert tip in [t.findtext(f"{SVG}title") for t in root.iter(f"{SVG}rect")]
    assert outside(root) == []  # the image widens for the longer words


@pytest.mark.parametrize("lang", ["pl", "zh_Hans"])
def test_a_kpi_chart_in_a_language_keeps_the_users_name_and_writes_its_own_words(lang: str) -> None:
    name = "Powtórne kontakty <b>&</b> 重复联系"  # the user's, never translated, escaped as text
    with speaking(lang, lang):
        root = parse(kpi(a_kpi(name, unit="%", target=12.5, direction="down"), series([14.25, 13.5, 12.75])))
    shown = texts(root)
    words = {
        "pl": ("↓ im niżej, tym lepiej", "cel 12,5", "względem celu"),
        "zh_Hans": ("↓ 越低越好", "目标 12.5", "与目标对比"),
    }
    arrow, target, title = words[lang]
    assert arrow in shown and target in shown
    assert root.find(f"{SVG}title").text == f"{name} {title}"  # type: ignore[union-attr]
    assert heading(root) == f"{name} (%)"
    ticks = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    point = {"pl": ",", "zh_Hans": "."}[lang]  # the locale's decimal sign, on every tick alike
    assert ticks and all(re.fullmatch(rf"\d+{re.escape(point)}\d", t) for t in ticks), ticks
    assert_labels_whole_and_apart(root)


@pytest.mark.parametrize("lang", LANGS)
def test_a_kpi_chart_without_values_says_so_in_the_pages_language(lang: str) -> None:
    with speaking(lang, lang):
        root = parse(kpi(a_kpi(LONG, unit="%", direction="up"), series([])))
        said = [_("no values yet"), _("↑ higher is better")]
    assert all(s in texts(root) for s in said) and "no values yet" not in texts(root)
    assert_labels_whole_and_apart(root)


@pytest.mark.parametrize("lang", LANGS)
def test_the_maturity_bands_are_named_in_the_pages_language_and_stay_on_the_image(lang: str) -> None:
    frame = pd.DataFrame({"date": [date(2026, 3, 1), date(2026, 9, 1)], "score": [3, 5]})
    with speaking(lang, lang):
        root = parse(maturity(frame))
        bands = [_("Starter"), _("Riser"), _("Champion")]
    assert all(b in texts(root) for b in bands) and "Champion" not in texts(root)
    assert root.find(f"{SVG}title").text != "Maturity score over time"  # type: ignore[union-attr]
    assert_labels_whole_and_apart(root)


def test_the_english_charts_keep_their_words_and_sizes(tmp_path: Path) -> None:
    c = plan_workspace(tmp_path / "ws", COINCIDING)
    with speaking("en", "en"):
        root = parse(roadmap(c, AS_OF))
        mat = parse(maturity(pd.DataFrame({"date": [date(2026, 3, 1)], "score": [3]})))
    assert {"3-month", "6 months · 31 Dec 2026", "we are here · 15 Oct 2026", "overdue (ring)"} <= set(texts(root))
    assert size_of(mat) == (520, 170) and {"Starter", "Riser", "Champion"} <= set(texts(mat))


@pytest.mark.parametrize(("lang", "alt"), [("pl", "Mapa drogowa – "), ("zh_Hant", " 路線圖：")])
def test_a_committee_page_gives_its_pictures_alt_text_in_its_language(tmp_path: Path, lang: str, alt: str) -> None:
    from payloads import COMMITTEE, SCRIPT, hostile_workspace

    from cxgov.report.committee import progress_section, roadmap_section
    from cxgov.report.measures import kpi_section, maturity_section

    ws = load(hostile_workspace(tmp_path / "ws"))
    c = ws.committee[COMMITTEE]
    as_of = date(2026, 11, 30)
    with speaking(lang, lang):
        html = "".join(str(f(ws, c, as_of)) for f in (roadmap_section, progress_section, kpi_section, maturity_section))
        wanted = [
            _("Share of actions by status per milestone"),
            _("Maturity score over time"),
            _("{name} over time against its target").format(name=c.kpis[0].name),
        ]
    alts = re.findall(r'<img class="chart" src="[^"]*" alt="([^"]*)"', html)
    assert any(alt in a and "Steering &lt;script&gt;" in a for a in alts), alts  # the user's name, escaped
    assert all(str(Html.escape(w)) in alts for w in wanted), alts
    assert not [a for a in alts if "Roadmap of" in a or "against its target" in a or "over time" in a]
    assert SCRIPT not in html


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.mark.browser
@pytest.mark.parametrize("font", FONTS)
def test_chromium_draws_every_translated_text_inside_its_chart(browser: Any, tmp_path: Path, font: str) -> None:
    """What Chromium draws, for the charts in each language: the estimate never short, every text inside."""
    made = []
    for lang in LANGS:
        with speaking(lang, lang):
            c = plan_workspace(tmp_path / lang, COINCIDING)
            made += [(f"{lang} roadmap {d}", roadmap(c, d)) for d in (AS_OF, date(2027, 7, 20))]
            made += [
                (f"{lang} bars", milestone_bars(bars(12345, 678901, 234567))),
                (f"{lang} kpi", kpi(a_kpi(LONG, unit="%", target=12.5), series([14.25, 13.5, 12.75]))),
                (f"{lang} kpi empty", kpi(a_kpi(direction="up"), series([]))),
                (f"{lang} maturity", maturity(pd.DataFrame({"date": [date(2026, 3, 1)], "score": [6]}))),
            ]
    found = measured(browser, made, font)
    assert len(found) == len(made)
    short, off = [], []
    for chart in found:
        for t in chart["texts"]:
            estimate = textsize.width(t["text"], t["size"], t["bold"])
            if estimate < t["length"] or estimate < t["w"] - 0.01:
                short.append((chart["name"], t["text"], round(estimate, 2), round(t["w"], 2)))
            right, bottom = t["x"] + t["w"], t["y"] + t["h"]
            if t["x"] < -0.01 or t["y"] < -0.01 or right > chart["width"] + 0.01 or bottom > chart["height"] + 0.01:
                off.append((chart["name"], t["text"], (t["x"], t["y"], t["w"], t["h"])))
    assert short == []
    assert off == []
