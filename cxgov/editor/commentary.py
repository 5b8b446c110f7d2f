"""The chair's word for a month's review: a few lines and what is asked of the sponsor (commentary.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.dates import period_of, shift_period
from cxgov.editor.edits import CommentaryValues
from cxgov.editor.ui import Form, button, dropdown, textarea

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

MONTHS_OFFERED = 4  # the month in progress and the three before it


class CommentaryForm(Form):
    title = "Commentary"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.month = dropdown("For the review of")
        self.text = textarea("What to say", "Two actions slipped while ...; CSAT is up four points since August.")
        self.asks = textarea("Asked of the sponsor", "One request per line, e.g. Sign off the second agent")
        self.button = button("Save commentary")
        self.button.on_click(lambda _: self.save())
        self.month.observe(lambda _: self._fill(), names="value")
        lead = widgets.HTML(
            "<p>A few lines for the month's review: they open the committee's page, and the requests are "
            "listed for the sponsor on the organisation page. Saving again for a month corrects it.</p>"
        )
        self.widget = self.box([self.committee, self.month, lead, self.text, self.asks], self.button)

    def refresh(self) -> None:
        now = period_of(self.editor.today())
        months = [shift_period(now, -k) for k in range(MONTHS_OFFERED)]
        # The review is written after its month ends: last month first, the month in progress offered too.
        self.month.options = [(m, m) for m in [months[1], months[0], *months[2:]]]
        self.month.value = months[1]
        self._fill()
        self.button.disabled = self.editor.current is None

    def _fill(self) -> None:
        """Start from what was written for the month, so that a correction keeps what stays."""
        c = self.editor.current
        found = [e for e in c.commentary if e.month == self.month.value] if c else []
        self.text.value = found[-1].text if found else ""
        self.asks.value = "\n".join(found[-1].asks) if found else ""

    def save(self) -> None:
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value
        asks = tuple(line.strip() for line in self.asks.value.splitlines() if line.strip())
        values = CommentaryValues(str(self.month.value or ""), self.text.value, asks)
        if self.run(lambda: session.write_commentary(committee, values)):
            self.editor.refresh()
