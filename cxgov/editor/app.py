"""The chair's editor: one committee picker and a tab per form, over a Session."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from cxgov import dates
from cxgov.editor.action import ActionForm
from cxgov.editor.budget import BudgetForm
from cxgov.editor.charter import CharterForm
from cxgov.editor.checkin import CheckinForm
from cxgov.editor.commentary import CommentaryForm
from cxgov.editor.journey import JourneyForm
from cxgov.editor.kpi import KpiForm
from cxgov.editor.maturity import MaturityForm
from cxgov.editor.measurement import MeasurementForm
from cxgov.editor.meeting import MeetingForm
from cxgov.editor.meeting_edit import MeetingEditForm
from cxgov.editor.messages import wording
from cxgov.editor.milestones import MilestonesForm
from cxgov.editor.new_committee import NewCommitteeForm
from cxgov.editor.session import Session
from cxgov.editor.ui import NONE, Form, button, chosen, dropdown, message_html, people_options, pick
from cxgov.editor.update import UpdateForm
from cxgov.errors import CxgovError
from cxgov.i18n.collate import sort_key
from cxgov.report.html import Html, join
from cxgov.report.pickers import unheard
from cxgov.workspace.model import Committee
from cxgov.workspace.paths import notebook_workspace
from cxgov.workspace.permissions import person_of_login

MAX_SHOWN_PROBLEMS = 20
HUB_USER_ENV = "JUPYTERHUB_USER"  # set by JupyterHub in every user's server and its kernels


class Editor:
    """Forms that change one workspace through cxgov.workspace.store, each change checked first.

    today: where the editor reads the date (the forms never read the clock). "You are", in the header,
    is who every form saves as: status updates' ``by``, changes.csv's ``by``, audit.csv's ``by`` and the
    author of git commits (``CXGOV_GIT_COMMIT=1``). Under JupyterHub ($JUPYTERHUB_USER) it is not a choice:
    it is the person whose org.yaml ``login`` is the Hub user, and the session refuses what the
    governance does not let them write (cxgov.workspace.permissions).
    """

    def __init__(self, workspace: str = "", today: Callable[[], date] = dates.today) -> None:
        self.today = today
        self.hub_user = os.environ.get(HUB_USER_ENV) or None
        self.workspace = notebook_workspace(workspace)
        self.session: Session | None = None
        self.committee = dropdown("Committee")
        self.you = dropdown("You are")
        self.header = widgets.HTML()
        self.problems = widgets.HTML()
        self.reload_button = button("Reload from disk", primary=False)
        self.reload_button.on_click(lambda _: self.reload())
        self.checkin = CheckinForm(self)  # first: what "You are" keeps current, across committees
        self.update = UpdateForm(self)
        self.measurement = MeasurementForm(self)
        self.meeting = MeetingForm(self)
        self.maturity = MaturityForm(self)
        self.commentary = CommentaryForm(self)
        self.action = ActionForm(self)
        self.charter = CharterForm(self)
        # What a committee needs beyond its actions and charter (issue 15, part 3).
        self.kpi = KpiForm(self)
        self.milestones = MilestonesForm(self)
        self.budget = BudgetForm(self)
        self.meeting_edit = MeetingEditForm(self)
        self.journey = JourneyForm(self)
        self.new_committee = NewCommitteeForm(self)
        self.forms: list[Form] = [
            self.checkin,
            self.update,
            self.measurement,
            self.meeting,
            self.maturity,
            self.commentary,
            self.action,
            self.charter,
            self.kpi,
            self.milestones,
            self.budget,
            self.meeting_edit,
            self.journey,
            self.new_committee,
        ]
        self.tabs = widgets.Tab(children=[f.widget for f in self.forms], titles=tuple(f.title for f in self.forms))
        self.widget = widgets.VBox([self.header, self.you, self.reload_button, self.problems, self.tabs])
        self.committee.observe(self._on_committee, "value")
        self.you.observe(lambda _: self._set_person(), "value")
        self.reload()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def current(self) -> Committee | None:
        """The committee being edited, if it loaded."""
        if self.session is None or not self.committee.value:
            return None
        return self.session.ws.committee.get(self.committee.value)

    def reload(self) -> None:
        """Read the workspace from disk again, forgetting what the forms said."""
        try:
            if self.session is None:
                self.session = Session(self.workspace)
                self.session.today = self.today
                self.session.enforce = self.hub_user is not None
            else:
                self.session.reload()
        except CxgovError as exc:
            self.session = None
            self.header.value = str(message_html("error", [str(exc)], lead="The workspace could not be opened:"))
        for form in self.forms:
            form.clear()
        self.refresh()

    def refresh(self) -> None:
        """Refill the pickers from the loaded workspace (after a save or a reload)."""
        session = self.session
        ws = session.ws if session else None
        listed = sorted(ws.committees, key=lambda c: (sort_key(c.name), c.id)) if ws else []
        options = [(f"{c.name} ({c.id})", c.id) for c in listed]
        signed_in = person_of_login(ws.org if ws else None, self.hub_user) if self.hub_user else None
        me = signed_in.id if signed_in else None if self.hub_user else os.environ.get("CXGOV_USER")
        mine = [c.id for c in ws.committees if c.chair == me] if ws else []
        with unheard(self._on_committee, self.committee):
            pick(self.committee, options, self.committee.value or (mine[0] if mine else None))
        if self.hub_user:  # who signed in to the Hub, not a choice
            label = (
                f"{signed_in.name} ({signed_in.id}), signed in as {self.hub_user}"
                if signed_in
                else f"signed in as {self.hub_user}, a login no person in org.yaml has: you can only read"
            )
            pick(self.you, [(label, me or NONE)], me or NONE)
            self.you.disabled = True
        else:
            people = [("(choose who you are)", NONE)] + people_options(ws.org if ws else None)
            pick(self.you, people, chosen(self.you.value) or me)
        self._set_person()
        if ws is not None:
            folder = os.path.basename(os.path.normpath(ws.shown)) or ws.shown  # never the server's whole path
            left_out = (
                Html(
                    "<p>Left out until their files are fixed by hand (run <code>cxgov validate {}</code>): {}</p>"
                ).format(folder, ", ".join(ws.failed))
                if ws.failed
                else Html()
            )
            self.header.value = str(
                Html("<h3>Chair's editor: {}</h3><p>Workspace: <code>{}</code></p>{}").format(
                    ws.org.name if ws.org else "org.yaml did not load", folder, left_out
                )
            )
        self._committee_changed()

    def _set_person(self) -> None:
        """Whoever "You are" names saves from now on (None: nobody chosen)."""
        if self.session is not None:
            self.session.person = chosen(self.you.value)

    def _on_committee(self, change: object) -> None:
        self._committee_changed()

    def _committee_changed(self) -> None:
        c, session = self.current, self.session
        found = session.problems(c.id) if c and session else ()
        if found:
            said = wording(session).problems(list(found[:MAX_SHOWN_PROBLEMS]))  # relative files, the chair's words
            items = join(Html("<li>{}</li>").format(p) for p in said)
            more = Html("<li>... and {} more</li>").format(len(found) - MAX_SHOWN_PROBLEMS)
            self.problems.value = str(
                Html(
                    "<details><summary>{} problem(s) in this committee's files, "
                    "as cxgov validate reports them</summary><ul>{}{}</ul></details>"
                ).format(len(found), items, more if len(found) > MAX_SHOWN_PROBLEMS else Html())
            )
        else:
            self.problems.value = ""
        for form in self.forms:
            form.refresh()


def open_editor(workspace: str = "") -> Editor:
    """The editor on workspace, else $CXGOV_WORKSPACE, else committees/ at the project root."""
    return Editor(workspace)
