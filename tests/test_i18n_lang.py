"""The interface in English, Polish, Ukrainian, Lithuanian and Chinese: catalogues complete, pages translated."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cxgov.errors import CxgovError
from cxgov.i18n.lang import LANGUAGES, SOURCE, Translator, catalogue, language
from cxgov.review.render import render
from cxgov.views.compare import MEASURES
from cxgov.views.headline import VERDICT_LABEL
from cxgov.views.health import RULES

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE]
PLACEHOLDER = re.compile(r"\{\w*\}")


def msgids_in_code() -> set[str | tuple[str, str]]:
    """Every word the package marks with _("..."), N_("...") or n_("...", "...", n), found by parsing its modules."""
    found: set[str | tuple[str, str]] = set()
    for path in (ROOT / "cxgov").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "n_"):
                texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if not texts:  # _(label): a word marked N_("...") where it is defined
                    continue
                found.add((texts[0], texts[1]) if node.func.id == "n_" else texts[0])
    return found


def messages(lang: str) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    with catalogue(lang).open("rb") as f:
        cat = read_po(f, locale=lang)
    return {(tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id): m.string for m in cat if m.id}


def test_the_code_marks_the_review_pages_words() -> None:
    found = msgids_in_code()
    assert {"All actions", "Status", "on track", "The headline", ("{n} day", "{n} days")} <= found
    assert set(VERDICT_LABEL.values()) <= found  # the verdicts' words, which views keep as data
    assert {label for label, _ in MEASURES.values()} <= found  # the "Since last month" measures, likewise
    assert set(RULES.values()) <= found  # the health rules' inhibitors, likewise


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_word_of_the_code_is_translated_in_each_catalogue(lang: str) -> None:
    catalogue_ = messages(lang)
    missing = sorted(str(m) for m in msgids_in_code() if not catalogue_.get(m))
    assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_their_placeholders_and_hold_no_markup(lang: str) -> None:
    for msgid, text in messages(lang).items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        forms = text if isinstance(text, tuple) else (text,)
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(ids[-1])), (msgid, form)
            assert "<" not in form and ">" not in form, form


def test_plural_forms_follow_each_languages_rule() -> None:
    pl, uk, lt, zh = Translator("pl"), Translator("uk"), Translator("lt"), Translator("zh_Hans")
    assert [pl.ngettext("{n} day", "{n} days", n).format(n=n) for n in (1, 3, 5, 22)] == [
        "1 dzień", "3 dni", "5 dni", "22 dni",
    ]  # fmt: skip
    assert [uk.ngettext("{n} day", "{n} days", n).format(n=n) for n in (1, 3, 5, 21)] == [
        "1 день", "3 дні", "5 днів", "21 день",
    ]  # fmt: skip
    assert [lt.ngettext("{n} day", "{n} days", n).format(n=n) for n in (1, 5, 11, 21)] == [
        "1 diena", "5 dienos", "11 dienų", "21 diena",
    ]  # fmt: skip
    assert zh.ngettext("{n} day", "{n} days", 5).format(n=5) == "5 天"


def test_english_is_the_words_themselves() -> None:
    assert Translator("en").gettext("All actions") == "All actions"
    assert Translator("en").ngettext("{n} day", "{n} days", 2) == "{n} days"


def test_a_language_is_named_loosely_but_must_have_a_catalogue() -> None:
    assert [language(c) for c in ("zh-hans", "zh_TW", "pl_PL", "UK", "lt-LT")] == [
        "zh_Hans",
        "zh_Hant",
        "pl",
        "uk",
        "lt",
    ]
    with pytest.raises(CxgovError, match=r"^lang: expected one of en, pl, uk, lt, zh_Hans, zh_Hant; found 'fr'$"):
        language("fr")


# Headings, table headers and status words of the committee page, as each catalogue has them.
EXPECTED = {
    "pl": [
        "Wszystkie działania",
        "Ten miesiąc w skrócie",
        "Przegląd kondycji zarządzania",
        '<th scope="col">Termin</th>',
    ],
    "uk": ["Усі дії", "Цей місяць коротко", "Перевірка стану управління", '<th scope="col">Термін</th>'],
    "lt": ["Visi veiksmai", "Šis mėnuo trumpai", "Valdymo būklės patikra", '<th scope="col">Terminas</th>'],
    "zh_Hans": ["全部行动", "本月概览", "治理健康检查", '<th scope="col">截止</th>'],
    "zh_Hant": ["全部行動", "本月概覽", "治理健康檢查", '<th scope="col">截止</th>'],
}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_review_page_in_each_language_has_its_headings_and_keeps_the_users_words(lang: str) -> None:
    page = render(str(MINIMAL), "cx", "2026-11", date(2026, 12, 2), lang=lang)
    assert page.error is None
    html = page.header + "".join(page.sections.values())
    for text in EXPECTED[lang]:
        assert text in html, text
    assert "<h2>All actions</h2>" not in html and "This month at a glance" not in html
    assert "CX Steering Committee" in html  # the committee's name is the user's: never translated
    assert "Map the onboarding journey" in html


def test_an_english_page_has_no_translated_word() -> None:
    page = render(str(MINIMAL), "cx", "2026-11", date(2026, 12, 2), lang="en")
    html = page.header + "".join(page.sections.values())
    assert "<h2>All actions</h2>" in html and "Wszystkie" not in html


def test_the_dashboard_speaks_cxgov_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    from cxgov.dashboard import sections

    monkeypatch.setenv("CXGOV_LANG", "uk")
    labels = [label for label, _ in sections.status_options()]
    assert labels[:2] == ["Усі статуси", "не розпочато"] and "прострочено" in labels
    monkeypatch.setenv("CXGOV_LANG", "klingon")  # not a language we have: English, as without it
    assert sections.status_options()[0][0] == "All statuses"


@pytest.mark.slow
def test_cxgov_review_writes_pages_in_the_chosen_language_through_the_notebooks(tmp_path: Path) -> None:
    from cxgov.commands.review import review

    out = tmp_path / "reports"
    assert review(str(MINIMAL), month="2026-11", out=str(out), jobs=1, lang="uk", locale="uk") == 0
    committee = (out / "2026-11" / "cx.html").read_text(encoding="utf-8")
    index = (out / "2026-11" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="uk">' in committee and '<html lang="uk">' in index
    assert "<title>CX Steering Committee: огляд за 2026-11</title>" in committee
    assert "<h2>Усі дії</h2>" in committee and "← Огляд організації" in committee
    assert "<h2>Головне</h2>" in index and "<title>Minimal Telco: огляд програми CX за 2026-11</title>" in index


def test_the_dashboard_draws_its_panes_in_cxgov_lang_and_its_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    from cxgov.dashboard.app import Dashboard

    monkeypatch.setenv("CXGOV_LANG", "zh_Hant")
    d = Dashboard(str(MINIMAL), date(2026, 11, 30))
    assert "<h2>要點</h2>" in d.overview.value and "<h2>The headline</h2>" not in d.overview.value
    assert "2026年11月" in d.committee_head.value + "".join(p.value for p in d.panes)  # the month, as zh writes it
    assert "CX Steering Committee" in d.committee_head.value  # the user's words as written


@pytest.mark.parametrize("lang", ["pl", "zh_Hans"])
def test_a_translated_page_escapes_the_users_words_as_an_english_one_does(tmp_path: Path, lang: str) -> None:
    from payloads import COMMITTEE, PAYLOAD, SCRIPT, hostile_workspace

    ws = hostile_workspace(tmp_path / "ws")
    for cid in (COMMITTEE, ""):
        page = render(str(ws), cid, "2026-11", date(2026, 11, 30), lang=lang)
        html = page.header + "".join(page.sections.values())
        assert SCRIPT not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html  # shown as text, in whichever language
    assert PAYLOAD in page.title  # the title is plain text, escaped where it is written


def test_an_empty_word_stays_empty_in_every_language() -> None:
    from cxgov.i18n.current import _, speaking

    with speaking("pl", "pl"):
        assert _("") == "" and _("All actions") == "Wszystkie działania"
