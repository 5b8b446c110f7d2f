"""The stakeholder dashboard: an ipywidgets UI over the views, rendered by Voila.

Read-only by construction: the widgets are pickers and HTML panes, and this
module imports only loading, views and the escaping HTML builders of
``cxgov.report`` (never ``cxgov.workspace.store``, ``cxgov.workspace.scaffold`` or ``cxgov.review.run``).
Every HTML pane shows strings built by those builders, which escape all user
text. A problem in the data is shown as its message; a failure while drawing
one pane is shown in that pane and logged, and the rest keeps working. No
exception leaves the dashboard: one while loading is a message in the page
(and a reload that fails keeps the last workspace read, said to be out of
date), one while drawing or reacting to a picker is a message where the
committee is shown; the next edit that loads cleanly puts everything back.

The notebook is one cell::

    from cxgov.dashboard.app import Dashboard
    Dashboard.from_env().widget

A dashboard made by `from_env` checks the workspace every few seconds and
redraws when a chair's edit has landed (`refresh`), keeping the viewer's
choices; while it shows today, it moves on to the new day at midnight.

Everything is shown in the viewer's language: CXGOV_LANG's at first, then the
one chosen in the Language picker, which is this dashboard's own (one kernel,
one viewer) and changes no environment. Every way in (the constructor, the
pickers' handlers, `refresh`) runs inside `speaking` that language, so that
labels, options and panes all read the same setting.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import ipywidgets as widgets

from cxgov import dates
from cxgov.dashboard import sections
from cxgov.dashboard.watch import Problem, Source, every
from cxgov.dates import parse_as_of
from cxgov.errors import CxgovError
from cxgov.i18n.collate import sort_key
from cxgov.i18n.current import N_, Speech, _, from_environment, speaking
from cxgov.i18n.lang import LANGUAGES
from cxgov.report import committee as csec
from cxgov.report import measures as msec
from cxgov.report import org as osec
from cxgov.report.headline import committee_headline, headline_section
from cxgov.report.html import CSS, Html, join
from cxgov.report.pickers import unheard
from cxgov.report.since import since_section
from cxgov.views import compare
from cxgov.workspace.asof import workspace_as_of
from cxgov.workspace.model import Committee, Workspace
from cxgov.workspace.paths import WORKSPACE_SHOWN_ENV, notebook_workspace

log = logging.getLogger(__name__)

Section = Callable[[Workspace, Committee, date], Html]
LABELLED = {"description_width": "initial"}  # show the whole label beside each picker
REFRESH_SECONDS = 3.0  # how often a served dashboard looks for edits (reloads are spaced out: see watch.Source)
OVERDUE_SHOWN = 25  # the overview lists the most overdue actions; each committee's Actions tab has all its own

# Phones (390 px wide) and tablets: the page itself never scrolls sideways. The pickers shrink to the screen,
# the tabs wrap onto more rows with their whole labels (never "Ro..." in a 48 px tab), and wide tables
# scroll inside their own box (`cxgov.report.html.table`). tests/test_dashboard_mobile.py checks it in Chromium.
DASHBOARD_CSS = Html(
    """
.cx-dash { max-width: 1200px; min-width: 0; box-sizing: border-box; }
.cx-dash .widget-inline-hbox, .cx-dash .widget-html, .cx-dash .widget-html-content { max-width: 100%; min-width: 0; }
.cx-dash .jupyter-widget-tab { max-width: 100%; min-width: 0; }
.cx-dash .jupyter-widget-tab > .lm-TabBar > .lm-TabBar-content { flex-wrap: wrap; }
.cx-dash .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; }
.cx-dash .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tabLabel { overflow: visible; }
.cx-dash .widget-html-content { line-height: 1.45; }
.cx-dash .cx-filters { gap: .2rem 1.5rem; }
.cx-dash .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { color: #323f4b; }
.cx-dash .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab.lm-mod-current { color: #1d2733; font-weight: 600; }
.cx-dash .widget-label { color: #1d2733; font-weight: 600; }
.cx-dash .cx table.grid ul { margin: 0; padding-left: 1.1rem; }
.cx-dash .cx header h1 { font-size: 1.4rem; }
"""
)


def _joined(*parts: Section) -> Section:
    """A tab made of several report sections, one after the other."""

    def render(ws: Workspace, c: Committee, as_of: date) -> Html:
        return join(part(ws, c, as_of) for part in parts)

    return render


# Each committee tab's key, which the code goes by, and its title, translated where it is shown.
TAB_TITLE = {
    "roadmap": N_("Roadmap"),
    "actions": N_("Actions"),
    "raci": N_("RACI"),
    "kpis": N_("KPIs"),
    "health": N_("Health"),
    "maturity": N_("Maturity"),
    "meetings": N_("Meetings"),
    "signals": N_("Signals"),
}
ACTIONS = "actions"  # the tab drawn with its filters
LANGUAGE_CHOICES = [(name, code) for code, name in LANGUAGES.items()]  # each language in its own words


def committee_tabs() -> list[tuple[str, Section | None]]:
    """(key, section) of each committee tab (titled TAB_TITLE[key]); the Actions tab (None) is drawn with its filters."""
    return [
        ("roadmap", _joined(csec.roadmap_section, csec.progress_section, csec.changes_section, msec.budget_section)),
        (ACTIONS, None),
        ("raci", msec.raci_section),
        ("kpis", msec.kpi_section),
        ("health", msec.health_section),
        ("maturity", msec.maturity_section),
        ("meetings", _joined(msec.decisions_section, sections.meetings_section)),
        ("signals", msec.signals_section),
    ]


def viewer_speech(lang: str, org_locale: str = "") -> Speech:
    """The setting for a viewer who chose lang: numbers and dates in the locale CXGOV_LOCALE or org.yaml sets,
    else in lang's own (`from_environment`'s rule, with the viewer's language in place of CXGOV_LANG's)."""
    return from_environment(org_locale, lang)


def _pane(html: Html) -> str:
    """A pane's value: widgets.HTML takes a plain str."""
    return str(Html('<div class="cx">{}</div>').format(html))


def _failure(what: str, exc: BaseException, name: str = "") -> Html:
    """The message shown in place of a pane that could not be drawn (details go to the server log).

    what is the pane (marked with N_; "{name}" in it is the name given, a word marked likewise), written in
    the language in effect; the log has it in English.
    """
    if isinstance(exc, CxgovError):
        message = str(exc)
    else:
        log.exception("dashboard: %s could not be drawn", what.format(name=name))
        message = _("{what} could not be drawn ({error}); the server log has the details.").format(
            what=_(what).format(name=_(name)), error=type(exc).__name__
        )
    return Html('<div class="problems"><p>{}</p></div>').format(message)


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """A Dashboard method run in the viewer's language, whose failure is shown where the committee is (and
    logged), never raised.

    Widget handlers and the periodic refresh run outside any cell: an exception there would only
    reach the kernel's log, leaving the viewer a page that silently stopped changing.
    """

    @functools.wraps(method)
    def run(self: Dashboard, *args: Any) -> Any:
        try:
            with self.speaking():
                return method(self, *args)
        except Exception as exc:
            self._fail(exc)
            return None

    return run


class Dashboard:
    """The dashboard of one workspace: organisation overview, committee picker, committee tabs."""

    def __init__(
        self,
        workspace: str,
        as_of: date,
        today: Callable[[], date] = dates.today,
        shown: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = Source(workspace, shown, clock)
        self.as_of = as_of
        self._today = today
        self._shown_today = today()  # the date picker follows the days while it shows today
        self.ws, self.error = self.source.load()
        self.stale: Problem | None = None  # why the workspace shown is not the files' latest state
        self.lang = from_environment().lang  # the viewer's language: CXGOV_LANG's until the picker says otherwise
        self._tabs = committee_tabs()
        self._stale: set[int] = set()  # tabs not drawn for the current committee and date yet
        # The widgets are made without words; _label and _update_committee_options put them in the viewer's language.
        self.title = widgets.HTML()
        self.language_picker = widgets.Dropdown(options=LANGUAGE_CHOICES, value=self.lang, style=LABELLED)
        self.as_of_picker = widgets.DatePicker(value=as_of, style=LABELLED)
        self.overview = widgets.HTML()
        self.heading = widgets.HTML()
        self.committee_picker = widgets.Dropdown(style=LABELLED, layout={"width": "28rem"})
        self.committee_head = widgets.HTML()
        self.status_filter = widgets.Dropdown(style=LABELLED)
        self.person_filter = widgets.Dropdown(style=LABELLED)  # the committee's people: _set_filter_options
        self.milestone_filter = widgets.Dropdown(style=LABELLED)
        self.action_list = widgets.HTML()
        self.panes: list[widgets.HTML] = []
        children: list[widgets.Widget] = []
        for key, _draw in self._tabs:
            pane = widgets.HTML()
            self.panes.append(pane)
            if key == ACTIONS:
                filters = widgets.HBox(
                    [self.status_filter, self.person_filter, self.milestone_filter], layout={"flex_flow": "row wrap"}
                )
                filters.add_class("cx-filters")
                children.append(widgets.VBox([filters, self.action_list, pane]))
            else:
                children.append(pane)
        self.tabs = widgets.Tab(children=children)

        self.language_picker.observe(self._on_language, names="value")
        self.as_of_picker.observe(self._on_as_of, names="value")
        self.committee_picker.observe(self._on_committee, names="value")
        for f in (self.status_filter, self.person_filter, self.milestone_filter):
            f.observe(self._on_filter, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")

        self.widget = widgets.VBox(
            [
                self.title,
                self.language_picker,
                self.as_of_picker,
                self.overview,
                self.heading,
                self.committee_picker,
                self.committee_head,
                self.tabs,
            ]
        )
        self.widget.add_class("cx-dash")
        with self.speaking():
            self._label()
            self._update_committee_options()
        self._show_all()
        self.stop_watching: Callable[[], None] = lambda: None

    def _label(self) -> None:
        """Put the title, every picker's label and fixed options, and the tab titles in the language in effect."""
        self.title.value = self._title()
        self.heading.value = _pane(Html("<h2>{}</h2>").format(_("Committee")))
        self.language_picker.description = _("Language")
        self.as_of_picker.description = _("As of")
        self.as_of_picker.tooltip = _("Show everything as it stood on this date")
        self.committee_picker.description = _("Committee")
        self.status_filter.description = _("Status")
        self.person_filter.description = _("Person")
        self.milestone_filter.description = _("Milestone")
        self.tabs.titles = tuple(_(TAB_TITLE[key]) for key, _draw in self._tabs)
        keep = self.status_filter.value or sections.ALL
        with unheard(self._on_filter, self.status_filter):
            self.status_filter.options = sections.status_options()
            self.status_filter.value = keep

    def speech(self) -> Speech:
        """The viewer's setting: their language, and the locale CXGOV_LOCALE or org.yaml sets, else the language's."""
        loaded = self._loaded
        return viewer_speech(self.lang, loaded.org.locale if loaded and loaded.org else "")

    @contextmanager
    def speaking(self) -> Iterator[Speech]:
        """Within the block, words, numbers and dates are the viewer's (`speech`)."""
        said = self.speech()
        with speaking(said.locale, said.lang) as now:
            yield now

    def _fail(self, exc: BaseException) -> None:
        """Say where the committee is shown that the dashboard could not be drawn (and log why)."""
        with self.speaking():
            self.committee_head.value = _pane(_failure(N_("The dashboard"), exc))

    @property
    def ws(self) -> Workspace | None:
        """The workspace as it stood on the chosen date: plans, charters and KPIs with later changes undone."""
        loaded = self._loaded
        if loaded is None:
            return None
        made: tuple[Workspace, date, Workspace] | None = getattr(self, "_as_of_made", None)
        if made is None or made[0] is not loaded or made[1] != self.as_of:
            made = self._as_of_made = (loaded, self.as_of, workspace_as_of(loaded, self.as_of))
        return made[2]

    @ws.setter
    def ws(self, loaded: Workspace | None) -> None:
        self._loaded = loaded  # as read from the files; ws gives it as of the chosen date

    @classmethod
    def from_env(
        cls, workspace: str = "", as_of: date | None = None, refresh_seconds: float = REFRESH_SECONDS
    ) -> Dashboard:
        """The dashboard of workspace, else $CXGOV_WORKSPACE, else committees/ of the project; as of today.

        In a kernel it looks for edits every refresh_seconds (0: never).
        """
        folder = notebook_workspace(workspace)
        shown = os.environ.get(WORKSPACE_SHOWN_ENV) if folder == os.environ.get("CXGOV_WORKSPACE") else None
        dash = cls(folder, as_of or parse_as_of(None), shown=shown)
        if refresh_seconds > 0:
            dash.stop_watching = every(refresh_seconds, dash.refresh)
        return dash

    @_guarded
    def _show_all(self) -> None:
        hidden = "none" if self.error else None
        for w in (self.as_of_picker, self.committee_picker, self.tabs):
            w.layout.display = hidden
        self._show_overview()
        self._show_committee()

    def refresh(self) -> bool:
        """Redraw if the workspace's files changed, or the day turned while showing today; True if redrawn.

        Reloads are spaced out (see `cxgov.dashboard.watch.Source`); an edit made sooner is shown at the
        first check after that.

        The viewer's committee, date, tab and action filters are kept where they still exist (a committee
        that is gone falls back to the first one). Never raises: a failure is shown in the page (as by
        `_guarded`) and counts as a redraw.
        """
        try:
            return self._refresh()
        except Exception as exc:
            self._fail(exc)
            return True

    def _refresh(self) -> bool:
        today = self._today()
        follow = self.as_of_picker.value == self._shown_today and today != self._shown_today
        self._shown_today = today
        edited = self.source.edited()
        if edited is None and not follow:
            return False
        if edited is not None:
            ws, error = self.source.load(edited)
            if ws is None and self.source.broken and self.ws is not None:
                self.stale = error  # keep showing what was read last: better than nothing at all
            else:
                self.ws, self.error, self.stale = ws, error, None
        with self.speaking():  # after the load: org.yaml may name another locale now
            if edited is not None:
                self.title.value = self._title()
            if follow:
                with unheard(self._on_as_of, self.as_of_picker):
                    self.as_of_picker.value = self.as_of = today
            self._redraw()
        return True

    def _redraw(self) -> None:
        """Draw everything again, keeping the viewer's committee (where it is still listed), tab and filters."""
        self._update_committee_options()
        filters = [(f, f.value) for f in (self.status_filter, self.person_filter, self.milestone_filter)]
        self._show_all()
        self._restore(filters)

    def _restore(self, filters: list[tuple[widgets.Dropdown, Any]]) -> None:
        """Put back the action filters the viewer had chosen, where they still apply."""
        with unheard(self._on_filter, *(picker for picker, _ in filters)):
            for picker, value in filters:
                if value in [v for _, v in picker.options]:
                    picker.value = value
        current = self.tabs.selected_index or 0
        if self._tabs[current][0] == ACTIONS and self.committee is not None:
            self._show_actions()

    # What is shown -------------------------------------------------------

    @property
    def committee(self) -> Committee | None:
        """The chosen committee, or None when it could not be loaded (or there is none)."""
        cid = self.committee_picker.value
        return self.ws.committee.get(cid) if self.ws and cid else None

    def _committee_options(self) -> list[tuple[str, str]]:
        if self.ws is None:
            return []
        names = {c.id: c.name for c in self.ws.committees}
        for c in self.ws.committees:
            if c.launch > self.as_of:
                names[c.id] = _("{name} (launching on {date})").format(name=c.name, date=sections.day(c.launch))
        ids = sorted(set(names) | set(self.ws.failed), key=lambda i: (sort_key(names.get(i) or i), i))  # by name
        return [(names[i] if i in names else _("{id} (has problems, not shown)").format(id=i), i) for i in ids]

    def _default_choice(self, options: list[tuple[str, str]]) -> str | None:
        """The committee shown first: the first one launched by the chosen date, else the first listed.

        A committee still preparing its launch has no figures a sponsor could read yet.
        """
        ids = [value for _, value in options]
        ws = self.ws
        launched = [i for i in ids if ws is not None and i in ws.committee and ws.committee[i].launch <= self.as_of]
        first = launched or ids
        return first[0] if first else None

    def _update_committee_options(self) -> None:
        """Relist the committees (after an edit or a new date), keeping the viewer's choice where it is listed."""
        keep = self.committee_picker.value
        options = self._committee_options()
        ids = [value for _, value in options]
        with unheard(self._on_committee, self.committee_picker):
            self.committee_picker.options = options
            self.committee_picker.value = keep if keep in ids else self._default_choice(options)

    def _title(self) -> str:
        name = self.ws.org.name if self.ws and self.ws.org else _("CX programme")
        body = Html('<div><h1>{}</h1><p class="meta">{}</p></div>').format(
            _("{name}: CX governance dashboard").format(name=name),
            _(
                "Read-only. Pick a date to see everything as it stood then, and a committee to see its plan, "
                "people, KPIs and health."
            ),
        )
        problem = Html('<div class="problems"><p>{}</p></div>')
        if self.error:
            body += problem.format(self.error)
        if self.stale:
            body += problem.format(
                _("{problem} The figures below are the workspace as it was last read.").format(problem=self.stale)
            )
        return str(Html('<style>{}{}</style><div class="cx">{}</div>').format(CSS, DASHBOARD_CSS, body))

    def _show_overview(self) -> None:
        if self.ws is None:
            self.overview.value = ""
            return
        ws, as_of = self.ws, self.as_of
        parts = [
            (N_("The headline"), lambda: headline_section(ws, as_of)),
            (N_("The organisation overview"), lambda: osec.rollup_section(ws, as_of)),
            (N_("The change since last month"), lambda: self._since(ws, as_of)),
            (N_("The data problems"), lambda: osec.problems(ws)),
            (N_("The overdue list"), lambda: osec.escalation_section(ws, as_of, OVERDUE_SHOWN)),
        ]
        self.overview.value = _pane(join(self._draw(what, draw) for what, draw in parts))

    def _since(self, ws: Workspace, as_of: date) -> Html:
        """The organisation against the previous month's review, as the review pages show it (no link)."""
        previous, loaded = compare.previous_review_date(as_of), self._loaded
        if previous is None or loaded is None:
            return Html()
        made: tuple[Workspace, date, Workspace] | None = getattr(self, "_previous_made", None)
        if made is None or made[0] is not loaded or made[1] != previous:
            made = self._previous_made = (loaded, previous, workspace_as_of(loaded, previous))
        names = {c.id: c.name for c in ws.committees}
        return since_section(compare.organisation(ws, made[2], as_of), None, names)

    def _show_committee(self) -> None:
        self._stale = set()
        ws, cid, c = self.ws, self.committee_picker.value, self.committee
        if ws is None or not cid:
            empty = Html('<p class="empty">{}</p>').format(_("No committee to show."))
            self.committee_head.value = _pane(empty) if ws else ""
            self.tabs.layout.display = "none"
            self._clear_tabs(keep=None)
            return
        problems = self._draw(N_("The data problems"), lambda: csec.problems(ws, cid))
        if c is None:
            self.committee_head.value = _pane(Html("<h2>{}</h2>{}").format(cid, problems))
            self.tabs.layout.display = "none"
            self._clear_tabs(keep=None)
            return
        head = self._draw(N_("The committee header"), lambda: csec.header(ws, c, self.as_of))
        glance = self._draw(N_("This month at a glance"), lambda: committee_headline(ws, c, self.as_of))
        self.committee_head.value = _pane(head + problems + glance)
        self.tabs.layout.display = None
        self._set_filter_options(ws, c)
        # Only the open tab is drawn now: on the 40-committee benchmark workspace the others add some
        # 200 KB the browser would receive before the page is ready. Each is drawn when opened, and
        # emptied meanwhile so that nobody reads another committee's or another date's figures.
        current = self.tabs.selected_index or 0
        self._stale = set(range(len(self._tabs)))
        self._clear_tabs(keep=current)
        self._show_tab(current)

    def _clear_tabs(self, keep: int | None) -> None:
        for index, pane in enumerate(self.panes):
            if index != keep:
                pane.value = ""
                if self._tabs[index][0] == ACTIONS:
                    self.action_list.value = ""

    def _set_filter_options(self, ws: Workspace, c: Committee) -> None:
        with unheard(self._on_filter, self.status_filter, self.person_filter, self.milestone_filter):
            self.status_filter.value = sections.ALL
            self.person_filter.options = sections.person_options(ws, c)
            self.person_filter.value = sections.ALL
            self.milestone_filter.options = sections.milestone_options(c)
            self.milestone_filter.value = 0

    def _show_tab(self, index: int) -> None:
        ws, c = self.ws, self.committee
        if ws is None or c is None or index not in self._stale:
            return
        self._stale.discard(index)
        key, draw = self._tabs[index]
        if draw is None:
            self._show_actions()
            self.panes[index].value = _pane(
                self._draw(N_("The escalation list"), lambda: csec.escalation_section(ws, c, self.as_of))
            )
        else:
            drawn = self._draw(N_("The {name} tab"), lambda: draw(ws, c, self.as_of), TAB_TITLE[key])
            self.panes[index].value = _pane(drawn)

    def _show_actions(self) -> None:
        ws, c = self.ws, self.committee
        if ws is None or c is None:
            return
        keep = sections.ActionFilter(
            self.status_filter.value or sections.ALL,
            self.person_filter.value or sections.ALL,
            self.milestone_filter.value or 0,
        )
        self.action_list.value = _pane(
            self._draw(N_("The action list"), lambda: sections.actions_section(ws, c, self.as_of, keep))
        )

    def _draw(self, what: str, draw: Callable[[], Html], name: str = "") -> Html:
        """One pane, in the viewer's language and locale (`speech`); what and name say which in a failure."""
        with self.speaking():
            try:
                return draw()
            except Exception as exc:  # one pane fails, the dashboard stays up
                return _failure(what, exc, name)

    # Reacting to the pickers ----------------------------------------------

    @_guarded
    def _on_language(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        self.lang = change["new"]
        with self.speaking():  # _guarded spoke the language chosen before
            self._label()
            self._redraw()

    @_guarded
    def _on_as_of(self, change: dict[str, Any]) -> None:
        if change["new"] is None:  # a cleared picker keeps the last date
            return
        self.as_of = change["new"]
        self._update_committee_options()  # "launching on ..." depends on the date
        self._show_overview()
        self._show_committee()

    @_guarded
    def _on_committee(self, change: dict[str, Any]) -> None:
        self._show_committee()

    @_guarded
    def _on_filter(self, change: dict[str, Any]) -> None:
        self._show_actions()

    @_guarded
    def _on_tab(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self._show_tab(change["new"])

    # For tests and callers driving the dashboard from Python --------------

    def open_tab(self, tab: str) -> str:
        """Open a committee tab as a viewer would; return what it shows.

        tab is its key ("health"), its English title ("Health") or the title shown ("Kondycja").
        """
        keys = [key for key, _draw in self._tabs]
        names = [(key, TAB_TITLE[key], title) for key, title in zip(keys, self.tabs.titles, strict=True)]
        index = [tab in named for named in names].index(True)  # ValueError for a tab there is not
        self.tabs.selected_index = index
        shown: str = self.panes[index].value
        listed: str = self.action_list.value
        return listed + shown if keys[index] == ACTIONS else shown

    def shown(self) -> str:
        """All the HTML currently on the page, in order (what a viewer can read)."""
        values = [self.title.value, self.overview.value, self.committee_head.value, self.action_list.value]
        return "".join(values + [p.value for p in self.panes])
