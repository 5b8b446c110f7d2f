"""Post a status update of an action (appended to updates.csv)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.ui import Form, button, dropdown, pick, textarea
from cxgov.report.html import STATUS_LABEL, Html
from cxgov.workspace.model import STATUSES, Update

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


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
        self.action.observe(lambda _: self._show_latest(), "value")
        self.widget = self.box([self.committee, self.action, self.latest, self.status, self.note], self.button)
        self._latest: dict[tuple[str, str], Update | tuple[str, str, str]] = {}

    def refresh(self) -> None:
        c = self.editor.current
        actions = [(f"{a.id}: {a.title}", a.id) for a in c.actions] if c else []
        pick(self.action, actions, self.action.value)
        self._latest = {(c.id, u.action): u for u in c.updates} if c else {}
        self.button.disabled = c is None
        self._show_latest()

    def _show_latest(self) -> None:
        c = self.editor.current
        found = self._latest.get((c.id, self.action.value or "")) if c else None
        if found is None:
            self.latest.value = "<p>Latest: not started (no update yet)</p>" if self.action.value else ""
            self.status.value = "not_started"
            return
        status, day, by = (found.status, found.date.isoformat(), found.by) if isinstance(found, Update) else found
        label = STATUS_LABEL.get(status, status)
        self.latest.value = str(Html("<p>Latest: {} on {} by {}</p>").format(label, day, by))
        self.status.value = status

    def post(self) -> None:
        """Append the update dated today, as the person in the editor's 'You are'."""
        session, today = self.editor.session, self.editor.today()
        if session is None:
            return
        committee, action, status = self.committee.value, self.action.value, self.status.value
        by = session.person
        ok = self.run(lambda: session.post_update(committee, action, status, by, self.note.value, today))
        if ok and committee and action:
            self._latest[(committee, action)] = (status, today.isoformat(), by or "")
            self.note.value = ""
            self._show_latest()
