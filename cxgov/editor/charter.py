"""Edit the charter: name, purpose, chair, sponsor, members, departments, cadence, launch."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import CharterValues
from cxgov.editor.ui import (
    NONE,
    Form,
    button,
    chosen,
    day,
    day_value,
    dropdown,
    people_options,
    pick,
    several,
    text,
    textarea,
)
from cxgov.workspace.model import CADENCES

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


class CharterForm(Form):
    title = "Charter"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.name = text("Name")
        self.purpose = textarea("Purpose")
        self.chair = dropdown("Chair")
        self.sponsor = dropdown("Executive sponsor")
        self.members = several("Members", rows=8)
        self.departments = several("Departments", rows=6)
        self.cadence = dropdown("Cadence", [(c, c) for c in CADENCES])
        self.launch = day("Launch")
        self.button = button("Save charter")
        self.button.on_click(lambda _: self.save())
        hint = widgets.HTML("<p>In a list of several, tick every one that applies.</p>")
        self.widget = self.box(
            [
                self.committee,
                hint,
                self.name,
                self.purpose,
                self.chair,
                self.sponsor,
                self.members,
                self.departments,
                self.cadence,
                self.launch,
            ],
            self.button,
        )

    def refresh(self) -> None:
        session, c = self.editor.session, self.editor.current
        org = session.ws.org if session else None
        people = people_options(org)
        self.name.value = c.name if c else ""
        self.purpose.value = c.purpose if c else ""
        pick(self.chair, people, c.chair if c else None)
        pick(self.sponsor, [("(none)", NONE)] + people, c.sponsor if c else None)
        pick(self.members, people, c.members if c else ())
        pick(
            self.departments,
            [(f"{d.name} [{d.id}]", d.id) for d in org.departments] if org else [],
            c.departments if c else (),
        )
        pick(self.cadence, [(x, x) for x in CADENCES], c.cadence if c else "monthly")
        self.launch.value = c.launch if c else None
        self.button.disabled = c is None

    def values(self) -> CharterValues:
        return CharterValues(
            name=self.name.value,
            purpose=self.purpose.value,
            chair=self.chair.value,
            sponsor=chosen(self.sponsor.value),
            members=tuple(self.members.value),
            departments=tuple(self.departments.value),
            cadence=self.cadence.value,
            launch=day_value(self.launch, "launch"),
        )

    def save(self) -> None:
        """Write committee.yaml (the budget and comments are kept)."""
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value
        if self.run(lambda: session.save_charter(committee, self.values())):
            self.editor.refresh()
