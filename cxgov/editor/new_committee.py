"""Scaffold a new committee from templates/ (as `cxgov new committee` does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxgov.dates import next_month_start
from cxgov.editor.ui import NONE, Form, button, chosen, day, day_value, dropdown, people_options, pick, text

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


class NewCommitteeForm(Form):
    title = "New committee"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.id = text("Committee id (a-z, 0-9, '-')", "billing-council", width="30em")
        self.name = text("Name (optional)")
        self.chair = dropdown("Chair")
        self.sponsor = dropdown("Executive sponsor")
        self.launch = day("Launch")
        self.button = button("Create committee")
        self.button.on_click(lambda _: self.create())
        self.widget = self.box([self.id, self.name, self.chair, self.sponsor, self.launch], self.button)

    def refresh(self) -> None:
        session = self.editor.session
        people = people_options(session.ws.org if session else None)
        pick(self.chair, people, self.chair.value)
        pick(self.sponsor, [("(none)", NONE)] + people, self.sponsor.value)
        if self.launch.value is None:
            self.launch.value = next_month_start(self.editor.today())
        self.button.disabled = not people

    def create(self) -> None:
        """Create the committee's folder and files, then select it."""
        session = self.editor.session
        if session is None:
            return
        cid = self.id.value.strip()
        name, chair, sponsor = self.name.value, self.chair.value, chosen(self.sponsor.value)
        if self.run(lambda: session.create_committee(cid, name, chair, sponsor, day_value(self.launch, "launch"))):
            self.editor.refresh()
            self.editor.committee.value = cid
            self.id.value = self.name.value = ""
