"""Record KPI values for a month (appended to measurements.csv)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.dates import period_of
from cxgov.editor.ui import Form, button, text

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


class MeasurementForm(Form):
    title = "KPI values"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.period = text("Month (YYYY-MM)", "2026-11", width="20em")
        self.values: dict[str, widgets.Text] = {}  # KPI id -> its value input
        self.inputs = widgets.VBox()
        self.note = text("Note (optional, for every value)")
        self.button = button("Record values")
        self.button.on_click(lambda _: self.record())
        self.widget = self.box([self.committee, self.period, self.inputs, self.note], self.button)

    def refresh(self) -> None:
        c = self.editor.current
        if not self.period.value:
            self.period.value = period_of(self.editor.today())
        self.values = {k.id: text(f"{k.name} ({k.unit}) [{k.id}]", "value", width="36em") for k in c.kpis} if c else {}
        self.inputs.children = list(self.values.values()) or [widgets.HTML("<p>This committee has no KPIs yet.</p>")]
        self.button.disabled = not self.values

    def record(self) -> None:
        """Append one row per KPI that has a value."""
        session = self.editor.session
        if session is None:
            return
        committee, values = self.committee.value, {k: w.value for k, w in self.values.items()}
        ok = self.run(lambda: session.record_measurements(committee, self.period.value, values, self.note.value))
        if ok:
            for w in self.values.values():
                w.value = ""
            self.note.value = ""
