"""Correct a recorded meeting: its date, attendance, decisions and notes (meetings.yaml, changed in place).

A meeting is picked by its date (a second meeting on the same day is picked
by its place among that day's meetings). A decision whose text is emptied is
removed; the file's comments and the other meetings stay as they were.
Recording a new meeting is the Meeting tab's (cxgov.editor.meeting).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import DecisionValues, MeetingValues
from cxgov.editor.ui import (
    Form,
    Options,
    button,
    day,
    day_value,
    dropdown,
    people_options,
    pick,
    several,
    text,
    textarea,
)
from cxgov.report.pickers import unheard
from cxgov.workspace.model import Committee, Meeting

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

NONE_YET = ""  # the picker's value when the committee has no meeting recorded


def meeting_choices(c: Committee | None) -> Options:
    """Meetings newest first as '2026-08-05: 3 attendees, 1 decision', each valued 'date#n' (n: its place that day)."""
    out: Options = []
    seen: dict[date, int] = {}
    for m in c.meetings if c else ():
        n = seen[m.date] = seen.get(m.date, -1) + 1
        a, d = len(m.attendees), len(m.decisions)
        second = f" (meeting {n + 1} that day)" if n else ""
        label = f"{m.date}{second}: {a} attendee{'s' * (a != 1)}, {d} decision{'s' * (d != 1)}"
        out.append((label, f"{m.date.isoformat()}#{n}"))
    return out[::-1]


def meeting_of(c: Committee | None, key: str) -> tuple[Meeting, date, int] | None:
    """The meeting a picker value names, with its date and place that day; None when there is none."""
    if not c or "#" not in key:
        return None
    day_text, nth = key.split("#")
    same = [m for m in c.meetings if m.date.isoformat() == day_text]
    return (same[int(nth)], same[int(nth)].date, int(nth)) if int(nth) < len(same) else None


class MeetingEditForm(Form):
    title = "Correct a meeting"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.meeting = dropdown("Meeting")
        self.date = day("Date")
        self.attendees = several("Attendees", rows=8)
        self.decisions: list[tuple[widgets.Text, widgets.Widget]] = []
        self.decision_box = widgets.VBox()
        self.more = button("Add decision", primary=False)
        self.more.on_click(lambda _: self.add_decision("", ()))
        self.notes = textarea("Notes (optional)")
        self.button = button("Save corrections")
        self.button.on_click(lambda _: self.save())
        # Shown only when the corrected date is another recorded meeting's: two meetings that day is asked first.
        self.again = button("Save with that date anyway", primary=False)
        self.again.on_click(lambda _: self.save(again=True))
        self.again.layout.display = "none"
        self.meeting.observe(self._on_meeting, "value")
        hint = widgets.HTML("<p>Empty a decision's text to remove it.</p>")
        inputs = [self.committee, self.meeting, self.date, self.attendees, hint, self.decision_box, self.more]
        buttons = widgets.HBox([self.button, self.again, self.reload])
        self.widget = widgets.VBox([*inputs, self.notes, buttons, self.message])
        self._actions: Options = []

    def refresh(self) -> None:
        c = self.editor.current
        keep = self.meeting.value
        options = meeting_choices(c) or [("(no meeting recorded yet)", NONE_YET)]
        with unheard(self._on_meeting, self.meeting):
            pick(self.meeting, options, keep if keep in {v for _, v in options} else options[0][1])
        self._actions = [(f"{a.id}: {a.title}", a.id) for a in c.actions] if c else []
        self.load()

    def _on_meeting(self, change: object) -> None:
        self.load()

    def load(self) -> None:
        """Show the chosen meeting as recorded."""
        session, c = self.editor.session, self.editor.current
        found = meeting_of(c, self.meeting.value or "")
        m = found[0] if found else None
        people = people_options(session.ws.org if session else None)
        members = list(c.members) if c else []
        people = [p for p in people if p[1] in members] + [p for p in people if p[1] not in members]
        self.date.value = m.date if m else None
        pick(self.attendees, people, m.attendees if m else ())
        self.decisions = []
        self.decision_box.children = []
        for d in m.decisions if m else ():
            self.add_decision(d.text, d.actions)
        self.notes.value = (m.notes or "") if m else ""
        self.button.disabled = m is None
        self.more.disabled = m is None
        self.again.layout.display = "none"

    def add_decision(self, said: str, actions: tuple[str, ...]) -> None:
        """One more decision row: its text and the actions it creates or changes."""
        n = len(self.decisions) + 1
        row = (text(f"Decision {n}"), several(f"Actions of decision {n} (optional)", rows=3))
        row[0].value = said
        pick(row[1], self._actions, actions)
        self.decisions.append(row)
        self.decision_box.children = [w for pair in self.decisions for w in pair]

    def values(self) -> MeetingValues:
        decisions = tuple(DecisionValues(t.value, tuple(a.value)) for t, a in self.decisions if t.value.strip())
        return MeetingValues(day_value(self.date, "date"), tuple(self.attendees.value), decisions, self.notes.value)

    def save(self, again: bool = False) -> None:
        """Write the corrections to the meeting in meetings.yaml; a date another meeting has is asked first."""
        session, c = self.editor.session, self.editor.current
        found = meeting_of(c, self.meeting.value or "")
        if session is None or c is None or found is None:
            return
        committee, (_, held, nth) = self.committee.value, found
        moved_to = self.date.value if isinstance(self.date.value, date) and self.date.value != held else None
        if moved_to is not None and not again and any(m.date == moved_to for m in c.meetings):
            self.show(
                "ask",
                [
                    f"{c.name}: a meeting on {moved_to} is already recorded. Change the date, or press "
                    "Save with that date anyway to keep two meetings that day."
                ],
            )
            self.again.layout.display = None
            return
        self.again.layout.display = "none"
        saved: list[MeetingValues] = []

        def change() -> str:
            saved.append(self.values())
            return session.correct_meeting(committee, held, nth, saved[0])

        if self.run(change):
            self.editor.refresh()
            new_day = saved[0].date or held
            same_day = [k for _, k in meeting_choices(self.editor.current) if k.startswith(new_day.isoformat())]
            if same_day:
                self.meeting.value = same_day[-1] if new_day != held else f"{held.isoformat()}#{nth}"
