"""The phrases the views build (how late an action is, where a plan stands, why a verdict, what a health rule
found) speak the page's language on a rendered page, with each language's plural forms; English is unchanged.

The workspace is tests/fixtures/valid/minimal (committee cx, launched 2026-07-01). In December 2026 its A2
(due 2026-11-30, on track) and A4 (due 2026-09-30, never updated) are overdue; the sponsor Marta Ruiz last
attended on 2026-07-08 and the last meeting was on 2026-08-05.
"""

from __future__ import annotations

import html as markup
import re
from datetime import date
from pathlib import Path

import pytest

from cxgov.review.render import render

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"


def page(day: int, lang: str, committee: str = "cx") -> str:
    """The page of December 2026 as of the day, in lang: its header and sections."""
    got = render(str(MINIMAL), committee, "2026-12", date(2026, 12, day), lang=lang)
    assert got.error is None, got.error
    return got.header + "".join(got.sections.values())


def text(html: str) -> str:
    """Visible text, tags removed, entities read, whitespace collapsed."""
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


@pytest.mark.parametrize(
    ("day", "late"), [(1, "1 dzień po terminie"), (2, "2 dni po terminie"), (5, "5 dni po terminie")]
)
def test_a_polish_page_says_how_late_an_action_is_with_the_polish_plural_forms(day: int, late: str) -> None:
    html = text(page(day, "pl"))
    assert f"Rewrite the activation help centre 30 lis 2026 {late}" in html  # A2, in the escalation table
    assert "overdue" not in html and "day overdue" not in html


def test_a_polish_page_speaks_polish_in_every_phrase_a_view_builds() -> None:
    html = text(page(5, "pl"))
    assert "Jesteśmy tutaj: miesiąc 6 z 12" in html  # the plan's position
    assert "Zaległe działania: 2 z 4" in html  # the verdict's first reason: 2 of the 4 actions are overdue
    assert "Sponsor Marta Ruiz ostatnio uczestniczył w spotkaniu 8 lip 2026, nie w ciągu ostatnich 90 dni." in html
    assert "Brak spotkania od 5 sie 2026 (122 dni)." in html  # H6, in the health table
    assert "Plan ma 4 działania: ukończone: 1, otwarte: 3 (zaległe: 2), porzucone: 0." in html
    assert "6 miesięcy: Shared KPIs reviewed monthly (termin 31 gru 2026)" in html  # the goal is the user's
    assert "spotkania: co miesiąc" in html  # the cadence, in the header
    assert "Poziom Wschodzący (4 z 7) na dzień 1 lip 2026; trend: pierwsza ocena." in html  # the maturity lead
    assert "przegląd zarządzania na dzień 5 gru 2026" in html and "termin 31 gru 2026 (za 26 dni)" in html  # header
    assert re.findall(r"20\d\d-\d\d-\d\d", html) == []  # every date as Polish writes it, tables' included
    assert "First reply time (median) operacyjny" in html and "CSAT rezultatu" in html  # KPI kinds; names as written
    assert "Cannot find how to activate Customer Experience, Product A2 otwarty" in html  # the signal's state
    for english in (
        "month 6 of 12",
        "actions overdue",
        "not in the last",
        "The plan's",
        "monthly meetings",
        "Riser",
        "outcome",
    ):
        assert english not in html, english


def test_a_chinese_page_speaks_chinese_in_the_same_phrases() -> None:
    html = text(page(5, "zh_Hans"))
    assert "第 6 个月（共 12 个月）" in html
    assert "逾期 5 天" in html
    assert "4 项行动中 2 项逾期；3 条健康规则未通过（H1, H5, H6）；2 个 KPI 中 0 个达标，没有一个在改善。" in html
    assert "发起人 Marta Ruiz 最近一次出席会议是在 2026年7月8日，不在最近 90 天内。" in html
    assert "自 2026年8月5日 起没有开会（122 天）" in html
    traditional = text(page(5, "zh_Hant"))
    assert "逾期 5 天" in traditional and "4 項行動中 2 項逾期" in traditional


def test_the_organisation_page_gives_its_verdicts_reasons_in_the_pages_language() -> None:
    html = text(page(5, "uk", committee=""))
    assert "прострочені дії: 2 з 4; 3 правила стану не виконано (H1, H5, H6)" in html  # 3: правила, not правил
    assert "66 днів" in html and "5 днів" in html  # overdue by, in the organisation's overdue table
    assert "1 day" not in html and "days overdue" not in html


def test_an_english_page_keeps_its_words() -> None:
    html = text(page(5, "en"))
    assert "We are here: month 6 of 12" in html
    assert "Rewrite the activation help centre 2026-11-30 5 days overdue" in html
    assert "2 of 4 actions overdue" in html
    assert "The sponsor Marta Ruiz last attended on 2026-07-08, not in the last 90 days." in html
    assert "The plan's 4 actions: 1 done, 3 open (2 overdue), 0 dropped." in html
    assert "monthly meetings" in html
    assert "dni" not in html and "天" not in html


def test_a_name_inside_a_translated_phrase_is_the_users_and_stays_escaped(tmp_path: Path) -> None:
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(MINIMAL, ws)
    org = ws / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("name: Marta Ruiz", 'name: "Marta <b>Ruiz</b>"'), "utf-8")
    got = render(str(ws), "cx", "2026-12", date(2026, 12, 5), lang="zh_Hant")
    assert got.error is None, got.error
    html = got.header + "".join(got.sections.values())
    assert "發起人 Marta &lt;b&gt;Ruiz&lt;/b&gt; 最近一次出席會議是在 2026年7月8日" in html
    assert "<b>Ruiz</b>" not in html


def test_a_kpis_three_month_change_is_written_as_the_locale_writes_numbers() -> None:
    example = str(MINIMAL.parents[3] / "committees")  # cx-steering's CSAT rose 0.8 and first reply fell 2.2

    def kpis(lang: str) -> str:
        got = render(example, "cx-steering", "2026-06", date(2026, 7, 1), lang=lang)
        assert got.error is None, got.error
        return text(got.sections["kpis"])

    assert "+0.8" in kpis("en") and "-2.2" in kpis("en")
    polish = kpis("pl")
    assert "+0,8" in polish and "-2,2" in polish and "+0.8" not in polish
