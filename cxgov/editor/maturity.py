"""Record a CX maturity self-assessment (added to maturity.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import AssessmentValues
from cxgov.editor.ui import Form, button, check, day, day_value
from cxgov.workspace.model import MATURITY_TRAITS

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

TRAIT_LABELS = {
    "qualified_team": "The service team is well qualified",
    "staffing": "Staffing is at the right level",
    "act_on_feedback": "Able to act on customer feedback",
    "feedback_agility": "Acts on feedback quickly",
    "data_visualisation": "Strong service data and visualisation",
    "timely_data": "Service performance data is timely",
    "agent_technology": "Agents have good technology to work with",
}


class MaturityForm(Form):
    title = "Maturity"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.date = day("Date of the assessment")
        self.traits = {t: check(f"{TRAIT_LABELS[t]} ({t})") for t in MATURITY_TRAITS}
        self.button = button("Record assessment")
        self.button.on_click(lambda _: self.record())
        lead = widgets.HTML("<p>Tick each characteristic the committee holds today.</p>")
        self.widget = self.box([self.committee, self.date, lead, *self.traits.values()], self.button)

    def refresh(self) -> None:
        c = self.editor.current
        self.date.value = self.editor.today()
        last = c.assessments[-1].traits if c and c.assessments else (False,) * len(MATURITY_TRAITS)
        for widget, held in zip(self.traits.values(), last, strict=True):
            widget.value = held  # start from the last assessment
        self.button.disabled = c is None

    def record(self) -> None:
        """Add the assessment to maturity.yaml."""
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value

        def change() -> str:
            values = AssessmentValues(day_value(self.date, "date"), {t: w.value for t, w in self.traits.items()})
            return session.record_assessment(committee, values)

        if self.run(change):
            self.editor.refresh()
