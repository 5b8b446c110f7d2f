"""The dashboard driven from Python: what it shows, how the pickers change it, and that it cannot write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pytest
from payloads import COMMITTEE, IMG, PAYLOAD, SCRIPT, hostile_workspace
from workspaces import INVALID, REPO, build_workspace

from cxgov.dashboard import app, watch
from cxgov.dashboard.app import Dashboard
from cxgov.report import measures as msec

EXAMPLE = REPO / "committees"
AS_OF = date(2026, 11, 23)
WRITERS = ("cxgov.workspace.store", "cxgov.workspace.scaffold", "cxgov.review.run", "cxgov.review.snapshot")
# The only widgets the dashboard may contain: containers, HTML panes and labelled pickers.
READ_ONLY_WIDGETS = (widgets.VBox, widgets.HBox, widgets.Tab, widgets.HTML, widgets.Dropdown, widgets.DatePicker)
INPUTS = (widgets.Dropdown, widgets.DatePicker)


@pytest.fixture(scope="module")
def dash() -> Dashboard:
    return Dashboard(str(EXAMPLE), AS_OF)


def walk(w: widgets.Widget) -> list[widgets.Widget]:
    """Every widget in the tree under w (w included)."""
    out = [w]
    for child in getattr(w, "children", ()):
        out += walk(child)
    return out


def labels(d: Dashboard) -> dict[str, widgets.Widget]:
    return {w.description: w for w in walk(d.widget) if isinstance(w, INPUTS)}


def test_the_committee_picker_lists_every_committee_by_name(dash: Dashboard) -> None:
    assert dash.committee_picker.description == "Committee"
    assert list(dash.committee_picker.options) == [
        ("CX Steering Committee", "cx-steering"),
        ("Support & Product Handoff Council", "support-product"),
        ("Voice of the Customer Council", "voc-council"),
    ]
    assert dash.committee_picker.value == "cx-steering"


def test_every_input_has_a_visible_label() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    found = labels(d)
    assert set(found) == {"Language", "As of", "Committee", "Status", "Person", "Milestone"}
    for w in found.values():
        assert w.style.description_width == "initial", f"{w.description}: label may be cut off"


def test_the_widget_tree_has_only_read_only_widgets() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    before = walk(d.widget)
    d.language_picker.value = "pl"  # the Language picker is one more picker; choosing adds no widget
    assert walk(d.widget) == before and d.language_picker in before
    kinds = {type(w) for w in before}
    assert all(issubclass(k, READ_ONLY_WIDGETS) for k in kinds), kinds
    assert not any(issubclass(k, (widgets.FileUpload, widgets.Button, widgets.Text, widgets.Textarea)) for k in kinds)


def test_the_tabs_cover_the_committee(dash: Dashboard) -> None:
    titles = list(dash.tabs.titles)
    assert titles == ["Roadmap", "Actions", "RACI", "KPIs", "Health", "Maturity", "Meetings", "Signals"]


def test_the_overview_shows_the_roll_up_of_every_committee(dash: Dashboard) -> None:
    html = dash.overview.value
    assert "Where every committee stands" in html
    for name in ("CX Steering Committee", "Support &amp; Product Handoff Council", "Voice of the Customer Council"):
        assert name in html
    assert "Overdue across the organisation" in html


def test_the_overview_compares_with_last_months_review(dash: Dashboard) -> None:
    # As of 2026-11-23, last month's review is as of 2026-10-31; the dashboard links no page.
    since = dash.overview.value.split('id="since"', 1)[1].split("</section>", 1)[0]
    assert "Since last month" in since
    assert "Last month (2026-10-31)" in since and "Now (2026-11-23)" in since
    assert "Health rules passed" in since and "href=" not in since


def test_the_overview_opens_with_the_headline_and_a_committee_with_its_glance(dash: Dashboard) -> None:
    from cxgov.views import headline

    html = dash.overview.value
    assert html.index('id="headline"') < html.index('id="rollup"')  # the headline first
    part = html.split('id="headline"', 1)[1].split("</section>", 1)[0]
    for v in headline.verdicts(dash.ws, AS_OF):
        assert v.label in part and dash.ws.committee[v.committee].name.replace("&", "&amp;") in part
    assert "Needs the sponsor" in part and "Due in the next 30 days" in part
    head = dash.committee_head.value
    assert 'id="glance"' in head and "This month at a glance" in head
    c = dash.committee
    assert c is not None and headline.verdict(dash.ws, c, AS_OF).label in head


def test_each_tab_shows_its_section() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    roadmap = d.open_tab("Roadmap")
    assert "Roadmap: we are here" in roadmap and "Progress per milestone" in roadmap
    assert "RACI concerns" in d.open_tab("RACI")
    kpis = d.open_tab("KPIs")
    assert "KPIs against targets" in kpis and 'src="data:image/svg+xml' in kpis
    health = d.open_tab("Health")
    assert "Governance health check" in health and "H7" in health
    assert "CX maturity" in d.open_tab("Maturity")
    assert "Meetings and decisions" in d.open_tab("Meetings")
    actions = d.open_tab("Actions")
    assert "Overdue and at-risk actions" in actions and "13 of 13 actions shown" in actions
    assert "could not be drawn" not in d.shown()


def test_only_the_open_tab_is_drawn_and_the_others_never_show_stale_figures() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    assert d.panes[0].value and not any(p.value for p in d.panes[1:])
    d.open_tab("Health")
    d.committee_picker.value = "voc-council"
    health = d.panes[list(d.tabs.titles).index("Health")].value
    assert "Governance health check" in health  # the open tab is redrawn for the new committee
    assert d.panes[0].value == ""  # the roadmap of the previous committee is gone until reopened
    assert "Roadmap of Voice of the Customer Council" in d.open_tab("Roadmap")


def test_choosing_another_committee_changes_what_is_shown() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    assert "<h1>CX Steering Committee</h1>" in d.committee_head.value
    before = {t: d.open_tab(t) for t in d.tabs.titles}
    d.committee_picker.value = "voc-council"
    assert "<h1>Voice of the Customer Council</h1>" in d.committee_head.value
    assert "9 of 9 actions shown" in d.open_tab("Actions")
    after = {t: d.open_tab(t) for t in d.tabs.titles}
    assert all(before[t] != after[t] and after[t] for t in before)
    assert d.person_filter.options[0] == ("Everyone", "")
    assert ("Olivia Brandt", "olivia") in d.person_filter.options


def test_the_as_of_date_recomputes_everything() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    overview, head, health = d.overview.value, d.committee_head.value, d.open_tab("Health")
    d.as_of_picker.value = date(2026, 5, 31)
    assert d.overview.value != overview
    assert "as of 2026-05-31" in d.committee_head.value and head != d.committee_head.value
    assert "We are here: month 5 of 12" in d.committee_head.value
    assert "Governance health check" in d.open_tab("Health") and d.open_tab("Health") != health
    assert "as of 2026-05-31" in d.open_tab("Actions")


def test_a_cleared_date_keeps_the_last_one() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.as_of_picker.value = None
    assert d.as_of == AS_OF and "as of 2026-11-23" in d.committee_head.value


def test_the_action_filters_narrow_the_list() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.open_tab("Actions")
    d.status_filter.value = "done"
    assert "7 of 13 actions shown" in d.action_list.value
    d.status_filter.value = ""
    d.milestone_filter.value = 12
    assert "6 of 13 actions shown" in d.action_list.value
    d.milestone_filter.value = 0
    d.person_filter.value = "helen"
    html = d.action_list.value
    shown = int(html.split(" of 13 actions shown")[0].rsplit(">", 1)[-1])
    c = d.ws.committee["cx-steering"] if d.ws else None
    assert c is not None
    assert shown == sum("helen" in a.raci.letters() for a in c.actions) and 0 < shown < 13


def test_the_status_filter_offers_overdue_and_never_lists_an_overdue_action_as_on_track() -> None:
    from views_helpers import PROGRAMME

    # care on 30 Sep 2026 (tests/fixtures/views/programme): A1 A3 done, A6 dropped, A4 at risk, A5 not started;
    # A2 (on track, due 28 Aug) and A7 (not started, due 15 Sep) are overdue: A2 is not on track, A7 still
    # not started (its Status cell says "overdue" and "not started").
    d = Dashboard(str(PROGRAMME), date(2026, 9, 30))
    d.committee_picker.value = "care"
    d.open_tab("Actions")
    assert [v for _, v in d.status_filter.options] == [
        "",
        "not_started",
        "on_track",
        "at_risk",
        "off_track",
        "overdue",
        "done",
        "dropped",
    ]
    assert ("overdue", "overdue") in d.status_filter.options
    d.status_filter.value = "overdue"
    html = d.action_list.value
    assert "2 of 7 actions shown" in html and "<td>A2</td>" in html and "<td>A7</td>" in html
    assert "33 days" in html and "15 days" in html and "on track" not in html
    d.status_filter.value = "on_track"
    assert "0 of 7 actions shown" in d.action_list.value
    d.status_filter.value = "not_started"
    html = d.action_list.value
    assert "2 of 7 actions shown" in html and "<td>A5</td>" in html and "<td>A7</td>" in html


def test_the_filters_reset_when_the_committee_changes() -> None:
    d = Dashboard(str(EXAMPLE), AS_OF)
    d.open_tab("Actions")
    d.status_filter.value = "done"
    d.committee_picker.value = "support-product"
    assert d.status_filter.value == "" and d.milestone_filter.value == 0
    assert "10 of 10 actions shown" in d.action_list.value


def broken_copy(tmp_path: Path) -> Path:
    """The example workspace with voc-council's charter naming a chair who is not a member."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    charter = ws / "voc-council" / "committee.yaml"
    text = charter.read_text(encoding="utf-8")
    chair = next(line for line in text.splitlines() if line.startswith("chair:"))
    charter.write_text(text.replace(chair, "chair: nobody-here"), encoding="utf-8")
    return ws


def test_a_committee_with_invalid_data_shows_its_problems_and_the_others_still_display(tmp_path: Path) -> None:
    d = Dashboard(str(broken_copy(tmp_path)), AS_OF)
    assert ("voc-council (has problems, not shown)", "voc-council") in d.committee_picker.options
    assert "Data problems" in d.overview.value and "voc-council/committee.yaml" in d.overview.value
    assert "CX Steering Committee" in d.overview.value  # the roll-up still has the others
    d.committee_picker.value = "voc-council"
    assert "chair" in d.committee_head.value and "nobody-here" in d.committee_head.value
    assert "cannot be shown until they are fixed" in d.committee_head.value
    assert d.tabs.layout.display == "none"
    d.committee_picker.value = "support-product"
    assert d.tabs.layout.display is None
    assert "<h1>Support &amp; Product Handoff Council</h1>" in d.committee_head.value
    assert "Governance health check" in d.open_tab("Health")


def test_a_committee_with_skipped_rows_shows_the_problem_above_its_figures(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "ws", INVALID / "update-status-not-in-enum")
    d = Dashboard(str(ws), AS_OF)
    assert d.committee_picker.options == (("CX Steering Committee", "cx"),)
    head = d.committee_head.value
    assert "Some rows were skipped because of these problems" in head
    assert "updates.csv:3: status: expected one of" in head and "found &#x27;finished&#x27;" in head
    assert d.tabs.layout.display is None and "Roadmap: we are here" in d.open_tab("Roadmap")


def test_a_missing_workspace_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    d = Dashboard(str(tmp_path / "nope"), AS_OF)
    assert "expected a workspace folder, found nothing" in d.title.value
    assert d.committee_picker.options == ()
    assert d.tabs.layout.display == "none"


def test_a_pane_that_fails_to_draw_says_so_and_the_rest_still_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("boom <script>")

    monkeypatch.setattr(msec, "raci_section", broken)
    d = Dashboard(str(EXAMPLE), AS_OF)
    raci = d.open_tab("RACI")
    assert "The RACI tab could not be drawn (RuntimeError)" in raci
    assert "boom" not in raci  # details go to the server log only
    assert "Governance health check" in d.open_tab("Health")


def test_the_signals_tab_shows_the_report_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(msec, "signals_section", lambda ws, c, as_of: f"<p>signals of {c.id}</p>")
    d = Dashboard(str(EXAMPLE), AS_OF)
    assert d.tabs.titles[-1] == "Signals"
    assert "signals of cx-steering" in d.open_tab("Signals")


def test_payloads_in_the_data_reach_the_page_escaped(tmp_path: Path) -> None:
    d = Dashboard(str(hostile_workspace(tmp_path / "ws")), AS_OF)
    d.committee_picker.value = COMMITTEE
    pages = [d.shown() + d.open_tab(t) for t in d.tabs.titles]
    d.open_tab("Actions")
    d.person_filter.value = "sofia"
    pages.append(d.shown())
    for html in pages:
        assert SCRIPT not in html and IMG not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
    # Dropdown labels are text (the browser test checks no element is injected).
    assert any(PAYLOAD in label for label, _ in d.committee_picker.options)


def test_from_env_uses_cxgov_workspace(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CXGOV_WORKSPACE", str(broken_copy(tmp_path)))
    d = Dashboard.from_env(as_of=AS_OF, refresh_seconds=0)
    assert "voc-council (has problems, not shown)" in dict(d.committee_picker.options)
    assert f"{tmp_path}/ws/voc-council/committee.yaml" in d.shown()


def test_served_messages_name_the_workspace_as_the_user_did(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # cxgov serve passes the absolute folder to the kernels, and the name the user gave it for messages.
    monkeypatch.setenv("CXGOV_WORKSPACE", str(broken_copy(tmp_path)))
    monkeypatch.setenv("CXGOV_WORKSPACE_SHOWN", "committees")
    d = Dashboard.from_env(as_of=AS_OF, refresh_seconds=0)
    d.committee_picker.value = "voc-council"
    assert "committees/voc-council/committee.yaml:" in d.shown()
    assert str(tmp_path) not in d.shown()
    # Only for the workspace it was set for.
    other = Dashboard.from_env(str(broken_copy(tmp_path / "b")), as_of=AS_OF, refresh_seconds=0)
    assert f"{tmp_path}/b/ws/voc-council/committee.yaml" in other.shown()


IMPORTS = """
import sys
from datetime import date
from cxgov.dashboard.app import Dashboard
d = Dashboard({ws!r}, date(2026, 11, 23))
d.committee_picker.value = "voc-council"
d.as_of_picker.value = date(2026, 6, 30)
print(",".join(sorted(m for m in sys.modules if m.startswith("cxgov"))))
"""


def test_the_dashboard_imports_nothing_that_writes() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS.format(ws=str(EXAMPLE))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.strip().split(","))
    assert "cxgov.dashboard.app" in loaded
    assert not loaded & set(WRITERS), loaded & set(WRITERS)
    assert not [m for m in loaded if "edit" in m or "store" in m]


@pytest.mark.slow
def test_the_notebook_runs_and_shows_the_dashboard_widget() -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(REPO / "notebooks" / "dashboard.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks without outputs"
    assert len([c for c in nb.cells if c.cell_type == "code"]) <= 2, "the notebook stays thin"
    env_before = os.environ.get("CXGOV_WORKSPACE")
    os.environ["CXGOV_WORKSPACE"] = str(EXAMPLE)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop("CXGOV_WORKSPACE")
        else:
            os.environ["CXGOV_WORKSPACE"] = env_before
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


def STILL() -> float:  # noqa: N802  (a clock that never moves)
    return 0.0


def copy_example(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    return ws


def test_an_edit_is_shown_after_refresh_with_the_viewers_choices_kept(tmp_path: Path) -> None:
    from cxgov.workspace.store import append_rows

    ws = copy_example(tmp_path)
    d = Dashboard(str(ws), AS_OF, clock=STILL)  # loads take no time: every edit is reloaded at once
    assert d.refresh() is False  # nothing changed: nothing redrawn
    d.committee_picker.value = "support-product"
    d.open_tab("Actions")
    d.status_filter.value = "off_track"
    assert "Refresh marker 7741" not in d.shown()
    row = {"date": "2026-11-20", "action": "A1", "status": "off_track", "by": "ben", "note": "Refresh marker 7741"}
    append_rows(ws / "support-product" / "updates.csv", ["date", "action", "status", "by", "note"], [row])
    assert d.refresh() is True
    assert d.committee_picker.value == "support-product"
    assert list(d.tabs.titles)[d.tabs.selected_index or 0] == "Actions"
    assert d.status_filter.value == "off_track"
    assert "Refresh marker 7741" in d.action_list.value
    assert d.refresh() is False


def test_a_committee_that_is_gone_falls_back_and_a_broken_file_is_reported(tmp_path: Path) -> None:
    ws = copy_example(tmp_path)
    d = Dashboard(str(ws), AS_OF, clock=STILL)  # loads take no time: every edit is reloaded at once
    d.committee_picker.value = "voc-council"
    shutil.rmtree(ws / "voc-council")
    assert d.refresh() is True
    assert [v for _, v in d.committee_picker.options] == ["cx-steering", "support-product"]
    assert d.committee_picker.value == "cx-steering"
    assert "<h1>CX Steering Committee</h1>" in d.committee_head.value
    (ws / "org.yaml").write_text("name: [unclosed\n")
    assert d.refresh() is True
    assert "org.yaml:2: file: expected valid YAML" in d.shown() and "Left out until fixed" in d.shown()
    shutil.rmtree(ws)
    assert d.refresh() is True
    assert d.error and d.error in d.title.value and d.committee_picker.layout.display == "none"
    shutil.copytree(EXAMPLE, ws)
    assert d.refresh() is True
    assert d.error is None and d.committee_picker.layout.display is None
    assert "<h1>CX Steering Committee</h1>" in d.committee_head.value


def test_the_date_follows_the_days_only_while_it_shows_today(tmp_path: Path) -> None:
    day = [date(2026, 11, 23)]
    d = Dashboard(str(EXAMPLE), day[0], today=lambda: day[0])
    day[0] = date(2026, 11, 24)
    assert d.refresh() is True
    assert d.as_of_picker.value == date(2026, 11, 24) and "as of 2026-11-24" in d.committee_head.value
    d.as_of_picker.value = date(2026, 6, 30)  # the viewer looks at the past
    day[0] = date(2026, 11, 25)
    assert d.refresh() is False
    assert d.as_of_picker.value == date(2026, 6, 30)


def test_a_served_dashboard_checks_for_edits_on_the_kernels_loop(tmp_path: Path) -> None:
    import asyncio

    from cxgov.dashboard.watch import every

    calls: list[int] = []

    async def run() -> None:
        stop = every(0.01, lambda: calls.append(1))
        await asyncio.sleep(0.1)
        stop()
        seen = len(calls)
        await asyncio.sleep(0.05)
        assert len(calls) == seen  # stopped means stopped

    asyncio.run(run())
    assert len(calls) >= 3
    assert every(0.01, lambda: calls.append(1))() is None  # no loop running: nothing scheduled


def test_the_overview_lists_the_most_overdue_and_says_how_many_in_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "OVERDUE_SHOWN", 2)
    d = Dashboard(str(EXAMPLE), AS_OF)
    overdue = d.overview.value.split('id="overdue"', 1)[1]
    assert "The 2 most overdue of 5 overdue actions" in overdue
    assert overdue.count("<tr>") == 3  # header + 2
    assert "115" in overdue and "54" in overdue and ">24<" not in overdue


def test_reloads_are_spaced_out_by_the_time_a_load_takes(tmp_path: Path) -> None:
    ws = copy_example(tmp_path)
    ticks = iter([100.0, 100.5])  # the first load takes half a second
    now = [0.0]

    def clock() -> float:
        return next(ticks, now[0])

    d = Dashboard(str(ws), AS_OF, clock=clock)
    org = ws / "org.yaml"
    org.write_text(org.read_text().replace("organisation: Northwind Broadband", "organisation: Northwind Fibre"))
    now[0] = 100.5 + watch.RELOAD_GAP * 0.5 - 1  # too soon after the last load
    assert d.refresh() is False and "Northwind Fibre" not in d.title.value
    now[0] += 1
    assert d.refresh() is True and "Northwind Fibre" in d.title.value


@pytest.mark.timeout(60)
def test_the_fingerprint_neither_opens_nor_follows_what_is_not_a_workspace_file(tmp_path: Path) -> None:
    ws = copy_example(tmp_path)
    before = watch.fingerprint(str(ws))
    os.mkfifo(ws / "voc-council" / "kpis.yaml.fifo.yaml")  # opening it would wait for a writer forever
    (ws / "voc-council" / "loop.yaml").symlink_to(ws / "voc-council" / "loop.yaml")
    (ws / "cx-steering" / "elsewhere.csv").symlink_to("/dev/zero")  # endless if read
    (ws / "looped").symlink_to(ws / "looped")  # a folder loop at the top
    deep = ws / "support-product" / "plan.yaml.d" / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "x.yaml").write_text("{}")  # below a committee folder: never a workspace file
    now = watch.fingerprint(str(ws))
    names = [name for name, _, _ in now]
    assert os.path.join("voc-council", "kpis.yaml.fifo.yaml") in names
    assert os.path.join("voc-council", "loop.yaml") in names  # described by its own lstat
    assert not [n for n in names if "plan.yaml.d" in n or n.startswith("looped")]
    assert set(before) <= set(now)
    os.chmod(ws / "cx-steering", 0)  # unreadable (for anyone but root): counts as empty, no error
    try:
        watch.fingerprint(str(ws))
    finally:
        os.chmod(ws / "cx-steering", 0o755)


def test_a_file_replaced_by_a_folder_is_named_the_others_stay_and_fixing_it_recovers(tmp_path: Path) -> None:
    ws = copy_example(tmp_path)
    d = Dashboard(str(ws), AS_OF, clock=STILL, shown="committees")
    d.committee_picker.value = "voc-council"
    plan = ws / "voc-council" / "plan.yaml"
    saved = plan.read_bytes()
    plan.unlink()
    plan.mkdir()
    assert d.refresh() is True
    page = d.shown()
    assert "committees/voc-council/plan.yaml" in page and str(tmp_path) not in page
    assert "CX Steering Committee" in d.overview.value and "Support &amp; Product Handoff Council" in d.overview.value
    assert d.tabs.layout.display == "none"  # the broken committee shows its problems, not figures
    plan.rmdir()
    plan.write_bytes(saved)
    assert d.refresh() is True
    assert "committees/voc-council/plan.yaml" not in d.shown() and d.tabs.layout.display is None
    assert "Roadmap: we are here" in d.open_tab("Roadmap")


def test_a_load_that_fails_unexpectedly_is_a_message_and_keeps_the_last_workspace_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = copy_example(tmp_path)
    d = Dashboard(str(ws), AS_OF, clock=STILL, shown="committees")
    broken = str(ws / "voc-council" / "plan.yaml")

    def fails(*args: object) -> object:
        raise IsADirectoryError(21, "Is a directory", broken)

    monkeypatch.setattr(watch, "load_workspace", fails)
    (ws / "voc-council" / "plan.yaml").touch()
    assert d.refresh() is True
    title = d.title.value
    assert "committees/voc-council/plan.yaml: could not be read (Is a directory)" in title
    assert "as it was last read" in title and str(tmp_path) not in title and "Traceback" not in title
    assert d.committee_picker.layout.display is None and "CX Steering Committee" in d.overview.value
    monkeypatch.undo()
    (ws / "voc-council" / "plan.yaml").touch()
    assert d.refresh() is True and "could not be read" not in d.title.value

    monkeypatch.setattr(watch, "load_workspace", lambda *a: 1 / 0)
    fresh = Dashboard(str(ws), AS_OF)  # nothing read before: the message alone, no exception
    assert "The workspace could not be read (ZeroDivisionError)" in fresh.title.value
    assert fresh.committee_picker.layout.display == "none"


def test_a_picker_whose_redraw_fails_says_so_instead_of_raising(monkeypatch: pytest.MonkeyPatch) -> None:
    from cxgov.dashboard import sections

    d = Dashboard(str(EXAMPLE), AS_OF)

    def broken(*args: object) -> object:
        raise RuntimeError("/srv/secret/path <b>")

    monkeypatch.setattr(sections, "person_options", broken)
    d.committee_picker.value = "voc-council"  # the handler runs, fails, and the page says so
    assert "The dashboard could not be drawn (RuntimeError)" in d.committee_head.value
    assert "/srv/secret" not in d.shown()
    monkeypatch.undo()
    d.committee_picker.value = "support-product"
    assert "The dashboard could not be drawn" not in d.committee_head.value
