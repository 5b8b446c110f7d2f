"""The plan's milestones: the goal and due date of the 3, 6 and 12-month milestones.

A due date left at its default (launch + horizon months - 1 day) is not
written, so it follows the launch if that moves; an optional reason is
recorded with the change in changes.csv, as for an action's new due date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import MilestoneValues
from cxgov.editor.ui import Day, Form, button, day, day_value, text
from cxgov.report.html import Html
from cxgov.workspace.load_plan import default_due
from cxgov.workspace.model import HORIZONS

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


class MilestonesForm(Form):
    title = "Milestones"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.goals: dict[int, widgets.Text] = {h: text(f"{h}-month goal") for h in HORIZONS}
        self.dues: dict[int, Day] = {h: day(f"{h}-month due") for h in HORIZONS}
        self.defaults: dict[int, widgets.HTML] = {h: widgets.HTML() for h in HORIZONS}
        self.reason = text("Reason (optional)", placeholder="recorded with the change, e.g. why a date moved")
        self.button = button("Save milestones")
        self.button.on_click(lambda _: self.save())
        rows: list[widgets.Widget] = []
        for h in HORIZONS:
            rows += [self.goals[h], widgets.HBox([self.dues[h], self.defaults[h]])]
        self.widget = self.box([self.committee, *rows, self.reason], self.button)

    def refresh(self) -> None:
        c = self.editor.current
        for h in HORIZONS:
            m = c.milestone.get(h) if c else None
            self.goals[h].value = m.goal if m else ""
            self.dues[h].value = m.due if m else None
            self.defaults[h].value = (
                str(
                    Html('<span class="meta">default: {} (launch + {} months - 1 day)</span>').format(
                        default_due(c.launch, h), h
                    )
                )
                if c
                else ""
            )
        self.reason.value = ""
        self.button.disabled = c is None

    def values(self) -> list[MilestoneValues]:
        return [
            MilestoneValues(h, self.goals[h].value, day_value(self.dues[h], f"milestone {h}: due")) for h in HORIZONS
        ]

    def save(self) -> None:
        """Write the milestones to plan.yaml; changes.csv records what changed."""
        session = self.editor.session
        if session is None:
            return
        committee, reason = self.committee.value, self.reason.value
        if self.run(lambda: session.save_milestones(committee, self.values(), reason)):
            self.editor.refresh()
