"""The charter's budget lines: add, change or remove a line (committee.yaml's ``budget``).

Saved through the charter's path: checked by the loader's rules, recorded in
changes.csv as a change of the charter's budget, the rest of committee.yaml
and its comments kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import BudgetValues, number
from cxgov.editor.ui import Form, button, decimal_comma, dropdown, number_text, pick, several, text
from cxgov.report.pickers import unheard
from cxgov.workspace.model import BudgetLine, Committee

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

NEW = -1  # the picker's value for "(new budget line)"


def line_label(i: int, b: BudgetLine) -> str:
    """'1. onboarding fixes: 40000 EUR' (numbered: two lines may share a name)."""
    amount = str(int(b.amount)) if float(b.amount).is_integer() else str(b.amount)
    return f"{i + 1}. {b.line}: {amount} {b.currency}"


def usual_currency(c: Committee | None) -> str:
    """The currency of the committee's first budget line, else EUR (the format's example)."""
    return c.budget[0].currency if c and c.budget else "EUR"


class BudgetForm(Form):
    title = "Budget"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.line_pick = dropdown("Budget line")
        self.line = text("Line", placeholder="what the money is for, e.g. onboarding fixes")
        self.amount = text("Amount", width="24em")
        self.currency = text("Currency", placeholder="EUR", width="24em")
        self.departments = several("Departments sharing it", rows=5)
        self.button = button("Save budget line")
        self.button.on_click(lambda _: self.save())
        self.remove = button("Remove budget line", primary=False)
        self.remove.on_click(lambda _: self.save(remove=True))
        self.line_pick.observe(self._on_pick, "value")
        inputs = [self.committee, self.line_pick, self.line, self.amount, self.currency, self.departments]
        self.widget = widgets.VBox([*inputs, widgets.HBox([self.button, self.remove, self.reload]), self.message])

    def refresh(self) -> None:
        c = self.editor.current
        keep = self.line_pick.value
        options = [("(new budget line)", NEW)] + ([(line_label(i, b), i) for i, b in enumerate(c.budget)] if c else [])
        with unheard(self._on_pick, self.line_pick):
            pick(self.line_pick, options, keep if keep in {v for _, v in options} else NEW)
        self.button.disabled = c is None
        self.load()

    def _on_pick(self, change: object) -> None:
        self.load()

    def load(self) -> None:
        """Show the chosen line (blanks and the usual currency for a new one)."""
        session, c = self.editor.session, self.editor.current
        org = session.ws.org if session else None
        i = self.line_pick.value
        b = c.budget[i] if c and isinstance(i, int) and 0 <= i < len(c.budget) else None
        self.line.value = b.line if b else ""
        self.amount.value = (str(int(b.amount)) if float(b.amount).is_integer() else str(b.amount)) if b else ""
        self.currency.value = b.currency if b else usual_currency(c)
        # The committee's own departments first: a shared line is usually theirs.
        depts = [(f"{d.name} [{d.id}]", d.id) for d in org.departments] if org else []
        mine = set(c.departments) if c else set()
        depts = [o for o in depts if o[1] in mine] + [o for o in depts if o[1] not in mine]
        pick(self.departments, depts, b.departments if b else ())
        self.remove.disabled = b is None

    def values(self) -> BudgetValues:
        c = self.editor.current
        where = f"{c.name if c else self.committee.value}, budget line {self.line.value.strip()}"
        return BudgetValues(
            line=self.line.value,
            amount=number(number_text(self.amount.value, decimal_comma()), f"{where}: amount"),
            currency=self.currency.value,
            departments=tuple(self.departments.value),
        )

    def save(self, remove: bool = False) -> None:
        """Write the line to committee.yaml's budget (a new one at the end), or remove it."""
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value
        original = None if self.line_pick.value == NEW else self.line_pick.value
        if remove and original is None:
            return
        if self.run(lambda: session.save_budget_line(committee, None if remove else self.values(), original)):
            self.editor.refresh()
            if not remove and original is None:
                c = self.editor.current
                self.line_pick.value = len(c.budget) - 1 if c and c.budget else NEW
