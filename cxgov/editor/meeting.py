"""Record a meeting: date, attendance, decisions (added to meetings.yaml); a second one on a day asks first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import DecisionValues, MeetingValues
from cxgov.editor.ui import (
    Checklist,
    Form,
    Options,
    button,
    day,
    day_value,
    people_options,
    pick,
    several,
    text,
    textarea,
)

if TYPE_CHECKING:
    from cxgov.editor.ui import Host
    from cxgov.workspace.model import Committee


class MeetingForm(Form):
    title = "Meeting"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.date = day("Date")
        self.attendees = several("Attendees", rows=8)
        self.decisions: list[tuple[widgets.Text, Checklist]] = []
        self.decision_box = widgets.VBox()
        self.more = button("Add decision", primary=False)
        self.more.on_click(lambda _: self.add_decision())
        self.notes = textarea("Notes (optional)")
        self.button = button("Record meeting")
        self.button.on_click(lambda _: self.record())
        # Shown only when a meeting on that day is already recorded: a second press must not add it twice.
        self.again = button("Record another meeting that day", primary=False)
        self.again.on_click(lambda _: self.record(again=True))
        self.again.layout.display = "none"
        self.widget = self.box(
            [self.committee, self.date, self.attendees, self.decision_box, self.more, self.notes],
            self.button,
            self.again,
        )
        self._actions: Options = []

    def refresh(self) -> None:
        session, c = self.editor.session, self.editor.current
        if self.date.value is None:
            self.date.value = self.editor.today()
        pick(self.attendees, members_first(people_options(session.ws.org if session else None), c), ())
        self.again.layout.display = "none"
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

    def record(self, again: bool = False) -> None:
        """Add the meeting to meetings.yaml; when that day has one already, ask first (again: the answer)."""
        session, c = self.editor.session, self.editor.current
        if session is None:
            return
        committee = self.committee.value
        held = [m for m in c.meetings if m.date == self.date.value] if c and self.date.value else []
        if held and not again:
            n = len(held[0].attendees)
            self.show(
                "ask",
                [
                    f"A meeting on {self.date.value} is already recorded ({n} attendee{'s' * (n != 1)}). "
                    "Change the date, or press Record another meeting that day to add a second one."
                ],
            )
            self.again.layout.display = None
            return
        self.again.layout.display = "none"
        if self.run(lambda: session.record_meeting(committee, self.values())):
            self.editor.refresh()
            self.notes.value = ""


def members_first(people: Options, c: Committee | None) -> Options:
    """The committee's members first, in the charter's order, then everyone else in the order given (by name)."""
    members = list(c.members) if c else []
    label = dict((v, label) for label, v in people)
    return [(label[m], m) for m in members if m in label] + [(t, v) for t, v in people if v not in members]
