"""Record a meeting: date, attendance, decisions (added to meetings.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import DecisionValues, MeetingValues
from cxgov.editor.ui import Form, Options, button, day, day_value, people_options, pick, several, text, textarea

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


class MeetingForm(Form):
    title = "Meeting"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.date = day("Date")
        self.attendees = several("Attendees", rows=8)
        self.decisions: list[tuple[widgets.Text, widgets.SelectMultiple]] = []
        self.decision_box = widgets.VBox()
        self.more = button("Add decision", primary=False)
        self.more.on_click(lambda _: self.add_decision())
        self.notes = textarea("Notes (optional)")
        self.button = button("Record meeting")
        self.button.on_click(lambda _: self.record())
        self.widget = self.box(
            [self.committee, self.date, self.attendees, self.decision_box, self.more, self.notes], self.button
        )
        self._actions: Options = []

    def refresh(self) -> None:
        session, c = self.editor.session, self.editor.current
        if self.date.value is None:
            self.date.value = self.editor.today()
        pick(self.attendees, people_options(session.ws.org if session else None), ())
        self._actions = [(f"{a.id}: {a.title}", a.id) for a in c.actions] if c else []
        self.decisions = []
        self.add_decision()
        self.button.disabled = c is None

    def add_decision(self) -> None:
        """Add one more decision row (its text, and the actions it creates or changes)."""
        n = len(self.decisions) + 1
        row = (text(f"Decision {n}"), several(f"Actions of decision {n} (optional)", rows=3))
        pick(row[1], self._actions, ())
        self.decisions.append(row)
        self.decision_box.children = [widgets.VBox(list(r)) for r in self.decisions]

    def values(self) -> MeetingValues:
        decisions = tuple(
            DecisionValues(t.value, tuple(a.value)) for t, a in self.decisions if t.value.strip() or a.value
        )
        return MeetingValues(day_value(self.date, "date"), tuple(self.attendees.value), decisions, self.notes.value)

    def record(self) -> None:
        """Add the meeting to meetings.yaml."""
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value
        if self.run(lambda: session.record_meeting(committee, self.values())):
            self.editor.refresh()
            self.notes.value = ""
