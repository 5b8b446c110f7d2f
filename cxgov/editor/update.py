"""Post a status update of an action (appended to updates.csv); correct it, or withdraw it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.posting import post_once, rows_of, withdraw
from cxgov.editor.ui import Form, button, dropdown, pick, textarea
from cxgov.report.html import STATUS_LABEL, Html
from cxgov.workspace.model import STATUSES, Update

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

HELP = (
    "<p>To correct the latest update, post the right status and note: the latest one counts, and the history "
    "keeps both. To undo it, write why in Note and press Withdraw latest update: the status it replaced comes "
    "back. Nothing already written is changed.</p>"
)


class UpdateForm(Form):
    title = "Status update"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.action = dropdown("Action")
        self.status = dropdown("Status", [(STATUS_LABEL[s], s) for s in STATUSES])
        self.note = textarea("Note", "What changed, in a sentence")
        self.latest = widgets.HTML()
        self.button = button("Post update")
        self.button.on_click(lambda _: self.post())
        self.withdraw = button("Withdraw latest update", primary=False)
        self.withdraw.on_click(lambda _: self.take_back())
        self.action.observe(lambda _: self._show_latest(), "value")
        inputs = [self.committee, self.action, self.latest, self.status, self.note]
        self.widget = self.box([*inputs, widgets.HTML(HELP)], self.button, self.withdraw)
        self._latest: dict[str, Update] = {}

    def refresh(self) -> None:
        c = self.editor.current
        actions = [(f"{a.id}: {a.title}", a.id) for a in c.actions] if c else []
        pick(self.action, actions, self.action.value)
        self._latest = {u.action: u for u in c.updates} if c else {}
        self.button.disabled = self.withdraw.disabled = c is None
        self._show_latest()

    def _show_latest(self) -> None:
        found = self._latest.get(self.action.value or "")
        self.withdraw.disabled = found is None
        if found is None:
            self.latest.value = "<p>Latest: not started (no update yet)</p>" if self.action.value else ""
            self.status.value = "not_started"
            return
        label = STATUS_LABEL.get(found.status, found.status)
        note = Html(": {}").format(found.note) if found.note else Html()
        self.latest.value = str(Html("<p>Latest: {} on {} by {}{}</p>").format(label, found.date, found.by, note))
        self.status.value = found.status

    def post(self) -> None:
        """Append the update dated today, as the person in the editor's 'You are' (not twice)."""
        session, today = self.editor.session, self.editor.today()
        if session is None:
            return
        committee, action, status, note = self.committee.value, self.action.value, self.status.value, self.note.value
        if self.run(lambda: post_once(session, committee, action, status, note, today)) and action:
            self._posted(Update(today, action, status, session.person or "", note.strip(), 0))

    def take_back(self) -> None:
        """Append a row that withdraws the action's latest update, the note saying why."""
        session, today = self.editor.session, self.editor.today()
        if session is None:
            return
        committee, action = self.committee.value, self.action.value
        if self.run(lambda: withdraw(session, committee, action, self.note.value, today)) and committee and action:
            last = rows_of(session, committee, action)[-1]  # the row that withdrew it
            self._posted(Update(today, action, last["status"], last["by"], last["note"], 0))

    def _posted(self, row: Update) -> None:
        """Show the row just appended as the latest (no reload: posting stays fast on a long history)."""
        self._latest[row.action] = row
        self.note.value = ""
        self._show_latest()
