"""The dashboard's Language picker: the viewer's own language for every label, tab, option and pane.

Driven from Python on the example workspace, as tests/test_dashboard.py does; the browser check is in
tests/test_dashboard_browser.py.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from editor_helpers import action_values
from payloads import COMMITTEE, COMMITTEE_NAME, IMG, PAYLOAD, SCRIPT, hostile_workspace
from test_dashboard import labels
from workspaces import MINIMAL, REPO

from cxgov.dashboard import watch
from cxgov.dashboard.app import Dashboard, viewer_speech
from cxgov.dashboard.sections import ActionFilter, actions_section
from cxgov.editor.session import Session
from cxgov.i18n.current import Speech, speaking
from cxgov.i18n.lang import LANGUAGES
from cxgov.report import measures as msec
from cxgov.workspace.load import load_workspace

EXAMPLE = REPO / "committees"
AS_OF = date(2026, 11, 23)
ENGLISH_TABS = ["Roadmap", "Actions", "RACI", "KPIs", "Health", "Maturity", "Meetings", "Signals"]
POLISH_TABS = ["Mapa drogowa", "Działania", "RACI", "KPI", "Kondycja", "Dojrzałość", "Spotkania", "Sygnały"]
CHINESE_TABS = ["路线图", "行动", "RACI", "KPI", "健康状况", "成熟度", "会议", "信号"]
ENGLISH_LABELS = {"Language", "As of", "Committee", "Status", "Person", "Milestone"}


@pytest.fixture(autouse=True)
def no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from English, whatever the shell running the tests has set."""
    monkeypatch.delenv("CXGOV_LANG", raising=False)
    monkeypatch.delenv("CXGOV_LOCALE", raising=False)


def shown_tab(d: Dashboard) -> str:
    """The key of the open tab."""
    return [key for key, _draw in d._tabs][d.tabs.selected_index or 0]


def listed_as(d: Dashboard, cid: str) -> str:
    """How the committee picker lists a committee."""
    return next(label for label, value in d.committee_picker.options if value == cid)


def test_the_picker_offers_every_language_in_its_own_words_and_starts_in_english() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    assert list(d.language_picker.options) == [(name, code) for code, name in LANGUAGES.items()]
    assert ("Polski", "pl") in d.language_picker.options and ("简体中文", "zh_Hans") in d.language_picker.options
    assert d.language_picker.value == "en" and d.lang == "en"
    assert set(labels(d)) == ENGLISH_LABELS


def test_polish_then_chinese_translates_tabs_pickers_and_panes_and_english_comes_back_unchanged() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.open_tab("Health")
    d.committee_picker.value = "voc-council"  # redrawn with the Health tab open: only that tab is drawn
    english, english_options = d.shown(), list(d.status_filter.options)

    d.language_picker.value = "pl"
    assert list(d.tabs.titles) == POLISH_TABS
    assert set(labels(d)) == {"Język", "Stan na dzień", "Komitet", "Status", "Osoba", "Kamień milowy"}
    assert d.committee_picker.value == "voc-council" and shown_tab(d) == "health"  # the viewer's choices kept
    assert d.as_of_picker.value == AS_OF and d.as_of_picker.tooltip == "Pokaż wszystko tak, jak wyglądało tego dnia"
    assert "Northwind Broadband: pulpit zarządzania CX" in d.title.value and "Tylko do odczytu." in d.title.value
    assert "<h2>Komitet</h2>" in d.heading.value
    assert "<h2>Najważniejsze</h2>" in d.overview.value and "<h2>The headline</h2>" not in d.overview.value
    health = d.panes[ENGLISH_TABS.index("Health")].value
    assert "Przegląd kondycji zarządzania" in health and "Governance health check" not in health
    assert "<h1>Voice of the Customer Council</h1>" in d.committee_head.value  # the user's words as written
    assert d.status_filter.options[0] == ("Wszystkie statusy", "")
    assert d.person_filter.options[0] == ("Wszyscy", "")

    d.language_picker.value = "zh_Hans"
    assert list(d.tabs.titles) == CHINESE_TABS
    assert set(labels(d)) == {"语言", "截至", "委员会", "状态", "人员", "里程碑"}
    assert d.committee_picker.value == "voc-council" and shown_tab(d) == "health"
    assert "CX 治理仪表板" in d.title.value and "<h2>委员会</h2>" in d.heading.value
    assert "<h2>要点</h2>" in d.overview.value
    assert "治理健康检查" in d.panes[ENGLISH_TABS.index("Health")].value

    d.language_picker.value = "en"
    assert list(d.tabs.titles) == ENGLISH_TABS and set(labels(d)) == ENGLISH_LABELS
    assert d.shown() == english  # byte for byte what it showed before
    assert list(d.status_filter.options) == english_options
    assert d.committee_picker.value == "voc-council" and shown_tab(d) == "health"


def test_the_action_filters_the_viewer_chose_are_kept_in_another_language() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.open_tab("actions")
    d.status_filter.value, d.milestone_filter.value = "done", 12
    listed = d.action_list.value
    d.language_picker.value = "uk"
    assert (d.status_filter.value, d.milestone_filter.value, shown_tab(d)) == ("done", 12, "actions")
    assert ("виконано", "done") in d.status_filter.options
    assert d.status_filter.options[0] == ("Усі статуси", "") and d.milestone_filter.options[0][0] == "Усі етапи"
    assert list(d.tabs.titles)[1] == "Дії"
    d.language_picker.value = "en"
    assert d.action_list.value == listed  # the same actions, filtered as before


def test_open_tab_takes_the_key_the_english_title_or_the_title_shown() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.language_picker.value = "pl"
    for tab in ("health", "Health", "Kondycja"):
        d.open_tab("roadmap")
        assert "Przegląd kondycji zarządzania" in d.open_tab(tab), tab
    with pytest.raises(ValueError):
        d.open_tab("Zdrowie")


def test_cxgov_lang_starts_the_dashboard_in_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGOV_LANG", "uk")
    d = Dashboard(str(EXAMPLE), AS_OF)
    assert d.language_picker.value == "uk"
    assert list(d.tabs.titles) == ["Дорожня карта", "Дії", "RACI", "KPI", "Стан", "Зрілість", "Засідання", "Сигнали"]
    assert set(labels(d)) == {"Мова", "Станом на", "Комітет", "Статус", "Особа", "Етап"}
    assert "панель управління CX" in d.title.value and "<h2>Головне</h2>" in d.overview.value
    d.language_picker.value = "en"  # the viewer's choice, not the server's, from then on
    assert list(d.tabs.titles) == ENGLISH_TABS and "<h2>The headline</h2>" in d.overview.value


def test_dates_in_the_pickers_follow_the_language_unless_a_locale_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.as_of_picker.value = date(2026, 1, 20)  # voc-council launches on 1 Feb 2026
    assert listed_as(d, "voc-council") == "Voice of the Customer Council (launching on 2026-02-01)"
    d.language_picker.value = "pl"
    assert listed_as(d, "voc-council") == "Voice of the Customer Council (start 1 lut 2026)"
    assert d.as_of_picker.value == date(2026, 1, 20)
    d.language_picker.value = "zh_Hant"
    assert listed_as(d, "voc-council") == "Voice of the Customer Council（將於 2026年2月1日 啟動）"
    monkeypatch.setenv("CXGOV_LOCALE", "en")  # the server's locale wins over the viewer's language
    d.language_picker.value = "pl"
    assert listed_as(d, "voc-council") == "Voice of the Customer Council (start 2026-02-01)"


def test_org_yamls_locale_is_kept_whichever_language_is_chosen(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    org = ws / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "locale: pl_PL\n", encoding="utf-8")
    d = Dashboard(str(ws), date(2026, 1, 20))
    d.language_picker.value = "zh_Hans"
    assert d.speech() == Speech("pl_PL", "zh_Hans")
    label = listed_as(d, "voc-council")
    assert label == "Voice of the Customer Council（将于 1 lut 2026 启动）"  # Chinese words, Polish dates


def test_viewer_speech_keeps_a_locale_that_is_set_and_otherwise_follows_the_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert viewer_speech("pl") == Speech("pl", "pl")
    assert viewer_speech("zh_Hant") == Speech("zh_Hant", "zh_Hant")
    assert viewer_speech("uk", "lt") == Speech("lt", "uk")
    monkeypatch.setenv("CXGOV_LOCALE", "en_GB")
    assert viewer_speech("pl", "lt") == Speech("en_GB", "pl")
    monkeypatch.setenv("CXGOV_LOCALE", "xx_nowhere")  # a locale nobody knows is ignored, as from_environment does
    assert viewer_speech("pl") == Speech("pl", "pl")
    monkeypatch.setenv("CXGOV_LANG", "uk")  # the server's language does not decide the viewer's locale
    assert viewer_speech("lt") == Speech("lt", "lt")


def test_a_pane_that_fails_says_so_in_the_viewers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("boom <script>")

    monkeypatch.setattr(msec, "raci_section", broken)
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.language_picker.value = "pl"
    raci = d.open_tab("raci")
    assert "Nie udało się wyświetlić: Karta „RACI” (RuntimeError); szczegóły są w dzienniku serwera." in raci
    assert "boom" not in raci
    d.language_picker.value = "zh_Hant"
    assert "無法顯示：「RACI」標籤頁（RuntimeError）" in d.panes[ENGLISH_TABS.index("RACI")].value
    d.language_picker.value = "en"
    assert "The RACI tab could not be drawn (RuntimeError)" in d.panes[ENGLISH_TABS.index("RACI")].value


def test_a_failing_redraw_says_so_in_the_viewers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from cxgov.dashboard import sections

    d = Dashboard(str(EXAMPLE), AS_OF)
    d.language_picker.value = "lt"

    def broken(*args: object) -> object:
        raise RuntimeError("/srv/secret/path")

    monkeypatch.setattr(sections, "person_options", broken)
    d.committee_picker.value = "voc-council"
    assert "Nepavyko parodyti: Skydelis (RuntimeError)" in d.committee_head.value
    assert "/srv/secret" not in d.shown()


@pytest.mark.parametrize("lang", ["pl", "zh_Hans"])
def test_the_users_words_stay_untranslated_and_escaped_in_every_language(tmp_path: Path, lang: str) -> None:
    d = Dashboard(str(hostile_workspace(tmp_path / "ws")), AS_OF)
    d.committee_picker.value = COMMITTEE
    d.language_picker.value = lang
    pages = [d.shown() + d.open_tab(t) for t in d.tabs.titles] + [d.title.value]
    for html in pages:
        assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in d.title.value  # the organisation's name, in the title
    assert (COMMITTEE_NAME, COMMITTEE) in d.committee_picker.options  # options are text: shown as written
    assert PAYLOAD not in d.heading.value


def test_the_language_picker_is_in_the_page_and_a_broken_workspace_keeps_it(tmp_path: Path) -> None:
    d = Dashboard(str(tmp_path / "nope"), AS_OF)
    assert d.language_picker in d.widget.children and d.language_picker.layout.display is None
    d.language_picker.value = "pl"
    assert "Program CX: pulpit zarządzania CX" in d.title.value
    assert "expected a workspace folder, found nothing" in d.title.value  # the problem, as the loader says it


# --- the dashboard's own panes: the action list and the meetings record ------------------------


def lead(html: str) -> str:
    """The lead line of a pane (its first)."""
    return html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]


def row(html: str, action: str) -> list[str]:
    """The cells of an action's row, as HTML."""
    found = next(r for r in html.split("<tr>") if r.startswith(f"<td>{action}</td>"))
    return [cell.split("</td>", 1)[0] for cell in found.split("<td>")[1:]]


def test_the_action_list_counts_and_says_how_late_in_polish_with_its_plural_forms() -> None:
    d = Dashboard(str(MINIMAL), date(2026, 10, 1))  # A4 (3 months, due 2026-09-30) is open: late from Oct 1
    d.language_picker.value = "pl"
    late = []
    for day in (1, 2, 5):
        d.as_of_picker.value = date(2026, 10, day)
        listed = d.open_tab("actions")
        assert lead(d.action_list.value) == f"Pokazano 4 z 4 działań; stan na dzień {day} paź 2026."
        cells = row(listed, "A4")
        late.append(cells[5])
        assert cells[1] == "Call five lost customers a month" and cells[2] == "3 miesiące"  # the title as written
    assert late == ["1 dzień", "2 dni", "5 dni"]
    assert [row(d.action_list.value, a)[2] for a in ("A2", "A3")] == ["6 miesięcy", "12 miesięcy"]
    d.status_filter.value = "done"
    assert lead(d.action_list.value) == "Pokazano 1 z 4 działań; stan na dzień 5 paź 2026."
    assert '<th scope="col">Zaległe o</th>' in d.action_list.value and "Overdue by" not in d.action_list.value
    d.language_picker.value = "en"
    assert lead(d.action_list.value) == "1 of 4 actions shown, as of 2026-10-05."


def test_the_action_list_in_chinese_and_ukrainian() -> None:
    d = Dashboard(str(MINIMAL), date(2026, 10, 5))
    d.language_picker.value = "zh_Hans"
    listed = d.open_tab("actions")
    assert lead(d.action_list.value) == "显示 4 项行动中的 4 项，截至 2026年10月5日。"
    assert row(listed, "A4")[2] == "3 个月" and row(listed, "A4")[5] == "5 天"
    d.language_picker.value = "uk"  # the Ukrainian date ends with its own full stop: one, not two
    assert lead(d.action_list.value) == "Показано 4 з 4 дій станом на 5 жовт. 2026\u202fр."
    assert row(d.action_list.value, "A4")[5] == "5 днів"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("pl", ["Pokazano 1 z 1 działania", "Pokazano 2 z 2 działań", "Pokazano 5 z 5 działań"]),
        ("uk", ["Показано 1 з 1 дії", "Показано 2 з 2 дій", "Показано 5 з 5 дій"]),
        ("lt", ["Rodoma 1 iš 1 veiksmo", "Rodoma 2 iš 2 veiksmų", "Rodoma 5 iš 5 veiksmų"]),
        ("en", ["1 of 1 action shown", "2 of 2 actions shown", "5 of 5 actions shown"]),
    ],
)
def test_the_count_of_actions_takes_the_form_the_committees_total_asks_for(lang: str, said: list[str]) -> None:
    ws = load_workspace(EXAMPLE)
    c = ws.committee["cx-steering"]
    with speaking(lang, lang):
        leads = [
            lead(str(actions_section(ws, replace(c, actions=c.actions[:n]), AS_OF, ActionFilter()))) for n in (1, 2, 5)
        ]
    assert [text[: len(start)] for text, start in zip(leads, said, strict=True)] == said


def test_a_re_planned_action_says_how_often_and_how_far_in_the_viewers_language(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    s = Session(ws)
    s.today = lambda: date(2026, 10, 15)
    s.person = "ana"
    a10 = s.committee("cx-steering").action["A10"]  # due 2026-09-30, moved to 2026-11-30: 61 days later
    s.save_action("cx-steering", action_values(a10, due=date(2026, 11, 30), reason="Agents start in October"), "A10")
    d = Dashboard(str(ws), date(2026, 10, 20))
    d.committee_picker.value = "cx-steering"
    moved = {"en": "1 time, +61 days", "pl": "1 raz, +61 dni", "zh_Hant": "1 次，+61 天", "lt": "1 kartas, +61 diena"}
    for lang, words in moved.items():
        d.language_picker.value = lang
        assert words in row(d.open_tab("actions"), "A10"), lang


def test_the_meetings_tab_speaks_polish_and_chinese_and_names_stay_as_written() -> None:
    d = Dashboard(str(MINIMAL), date(2026, 7, 5))  # before the first meeting (2026-07-08)
    d.language_picker.value = "pl"
    assert '<p class="empty">Do 5 lip 2026 nie odbyło się żadne spotkanie.</p>' in d.open_tab("meetings")
    d.as_of_picker.value = date(2026, 10, 5)
    meetings = d.open_tab("meetings")
    assert "Spotkania do 5 paź 2026: 2, decyzje: 2; spotkania odbywają się co miesiąc." in meetings
    assert "<td>Fund the help-centre rewrite" not in meetings and "Fund the help-centre rewrite" in meetings
    assert "Ana Kowalska, Bo" in meetings and "No meeting" not in meetings and "cadence" not in meetings
    d.language_picker.value = "zh_Hans"
    meetings = d.open_tab("meetings")
    assert "截至 2026年10月5日：会议 2 次，决定 2 项；会议频率：每月。" in meetings
    assert "Start with the onboarding journey" in meetings and "Sponsor asked for five lost-customer calls" in meetings
    d.as_of_picker.value = date(2026, 7, 5)
    assert "截至 2026年7月5日 未举行会议。" in d.open_tab("meetings")


def test_a_meeting_without_decisions_says_so_in_the_viewers_language() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.committee_picker.value = "voc-council"  # its meeting of 2026-07-14 decided nothing
    english = d.open_tab("meetings")
    assert '<span class="meta">none recorded</span>' in english
    d.language_picker.value = "pl"
    assert '<span class="meta">nie zapisano</span>' in d.open_tab("meetings")
    d.language_picker.value = "zh_Hant"
    assert '<span class="meta">無記錄</span>' in d.open_tab("meetings")


@pytest.mark.parametrize("lang", ["pl", "zh_Hans"])
def test_the_action_list_and_meetings_keep_the_users_words_escaped(tmp_path: Path, lang: str) -> None:
    d = Dashboard(str(hostile_workspace(tmp_path / "ws")), AS_OF)
    d.committee_picker.value = COMMITTEE
    d.language_picker.value = lang
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    listed, meetings = d.open_tab("actions"), d.open_tab("meetings")
    for html in (listed, meetings):
        assert SCRIPT not in html and IMG not in html
    assert f"Map the journey {escaped}" in listed and f"Latest news {escaped}" in listed
    assert f"Adopt the plan {escaped}" in meetings and f"Kick-off {escaped}." in meetings
    assert "Pokazano" in listed or "显示" in listed


def test_a_workspace_that_cannot_be_read_is_said_in_the_viewers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    d = Dashboard(str(ws), AS_OF, clock=lambda: 0.0, shown="committees")
    broken = str(ws / "voc-council" / "plan.yaml")

    def fails(*args: object) -> object:
        raise IsADirectoryError(21, "Is a directory", broken)

    monkeypatch.setattr(watch, "load_workspace", fails)
    (ws / "voc-council" / "plan.yaml").touch()
    assert d.refresh() is True  # loaded in no viewer's language: said in the one chosen, when shown
    d.language_picker.value = "pl"
    assert (
        "committees/voc-council/plan.yaml: nie udało się odczytać (Is a directory); szczegóły są w dzienniku serwera."
        " Poniższe dane pochodzą z ostatniego odczytu obszaru roboczego."
    ) in d.title.value
    d.language_picker.value = "en"
    assert "committees/voc-council/plan.yaml: could not be read (Is a directory)" in d.title.value

    monkeypatch.setattr(watch, "load_workspace", lambda *a: 1 / 0)
    fresh = Dashboard(str(ws), AS_OF)
    fresh.language_picker.value = "zh_Hans"
    assert "无法读取工作区（ZeroDivisionError）；详情请见服务器日志。" in fresh.title.value
    fresh.language_picker.value = "uk"
    assert "Не вдалося прочитати робочий простір (ZeroDivisionError)" in fresh.title.value
