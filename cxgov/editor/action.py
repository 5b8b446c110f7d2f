"""Add or change an action of the plan: milestone, due date, RACI, KPIs, touchpoints, evidence.

Moving the due date of an existing action needs a reason (``Reason for the new
date``), recorded with the move in changes.csv; the original date and the
moves so far are shown next to the due date.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.edits import ActionValues
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
from cxgov.report.html import Html
from cxgov.report.pickers import unheard
from cxgov.views.slips import slip_of, times
from cxgov.workspace.model import Action, Committee

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

NEW = "(new action)"


def next_id(c: Committee) -> str:
    """A1, A2 ...: one more than the highest number among the action ids."""
    numbers = [int(m.group(1)) for a in c.actions if (m := re.fullmatch(r"[A-Za-z]*([0-9]+)", a.id))]
    return f"A{max(numbers, default=0) + 1}"


class ActionForm(Form):
    title = "Action"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.action = dropdown("Action")
        self.id = text("Id (new actions only)", width="24em")
        self.title_ = text("Title")
        self.milestone = dropdown("Milestone")
        self.due = day("Due")
        self.due_history = widgets.HTML()  # "originally due ..., moved n times" once it has moved
        self.reason = text("Reason for the new date", placeholder="required when the due date of an action moves")
        self.responsible = several("Responsible (R)")
        self.accountable = dropdown("Accountable (A)")
        self.consulted = several("Consulted (C)")
        self.informed = several("Informed (I)")
        self.kpis = several("KPIs it should move", rows=4)
        self.touchpoints = several("Touchpoints", rows=4)
        self.departments = several("Departments", rows=4)
        self.evidence = textarea("Evidence (the customer need behind it)")
        self.depends_on = several("Depends on", rows=4)
        self.button = button("Save action")
        self.button.on_click(lambda _: self.save())
        self.action.observe(self._on_action, "value")
        hint = widgets.HTML("<p>In a list of several, tick every one that applies.</p>")
        self.widget = self.box(
            [
                self.committee,
                self.action,
                hint,
                self.id,
                self.title_,
                self.milestone,
                widgets.HBox([self.due, self.due_history]),
                self.reason,
                self.responsible,
                self.accountable,
                self.consulted,
                self.informed,
                self.kpis,
                self.touchpoints,
                self.departments,
                self.evidence,
                self.depends_on,
            ],
            self.button,
        )

    def refresh(self) -> None:
        c = self.editor.current
        keep = self.action.value
        options = [(NEW, NEW)] + ([(f"{a.id}: {a.title}", a.id) for a in c.actions] if c else [])
        with unheard(self._on_action, self.action):  # load once, below, not on each change of the picker
            pick(self.action, options, keep if keep in {v for _, v in options} else NEW)
        self.button.disabled = c is None
        self.load()

    def _on_action(self, change: object) -> None:
        self.load()

    def load(self) -> None:
        """Show the chosen action's values (or blanks and the next free id for a new one)."""
        session, c = self.editor.session, self.editor.current
        org = session.ws.org if session else None
        people = people_options(org)
        a: Action | None = c.action.get(self.action.value) if c else None
        pick(
            self.milestone,
            [(f"{m.horizon} months: {m.goal} (due {m.due})", m.horizon) for m in c.milestones] if c else [],
            a.horizon if a else None,
        )
        self.id.value = a.id if a else (next_id(c) if c else "")
        self.id.disabled = a is not None  # an id in use is referred to by updates and meetings
        self.title_.value = a.title if a else ""
        self.due.value = a.due if a else None
        self.due_history.value = due_history(c, a, self.editor.today()) if c and a else ""
        self.reason.value = ""
        pick(self.responsible, people, a.raci.responsible if a else ())
        pick(self.accountable, [("(choose)", NONE)] + people, a.raci.accountable if a else None)
        pick(self.consulted, people, a.raci.consulted if a else ())
        pick(self.informed, people, a.raci.informed if a else ())
        pick(self.kpis, [(f"{k.name} [{k.id}]", k.id) for k in c.kpis] if c else [], a.kpis if a else ())
        touchpoints = [(f"{t.name} [{t.id}]", t.id) for t in org.touchpoint.values()] if org else []
        pick(self.touchpoints, touchpoints, a.touchpoints if a else ())
        pick(
            self.departments,
            [(f"{d.name} [{d.id}]", d.id) for d in org.departments] if org else [],
            a.departments if a else (),
        )
        others = [(f"{x.id}: {x.title}", x.id) for x in c.actions if not a or x.id != a.id] if c else []
        pick(self.depends_on, others, a.depends_on if a else ())
        self.evidence.value = (a.evidence or "") if a else ""

    def values(self) -> ActionValues:
        return ActionValues(
            id=self.id.value,
            title=self.title_.value,
            horizon=self.milestone.value,
            due=day_value(self.due, "due"),
            responsible=tuple(self.responsible.value),
            accountable=chosen(self.accountable.value),
            consulted=tuple(self.consulted.value),
            informed=tuple(self.informed.value),
            kpis=tuple(self.kpis.value),
            touchpoints=tuple(self.touchpoints.value),
            departments=tuple(self.departments.value),
            evidence=self.evidence.value,
            depends_on=tuple(self.depends_on.value),
            reason=self.reason.value,
        )

    def save(self) -> None:
        """Write the action to plan.yaml (a new one is added at the end)."""
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value
        original = None if self.action.value == NEW else self.action.value
        saved: list[ActionValues] = []

        def change() -> str:
            saved.append(self.values())  # inside run: a date out of range is a message too
            return session.save_action(committee, saved[0], original)

        if self.run(change):
            self.editor.refresh()
            self.action.value = saved[0].id.strip()


def due_history(c: Committee, a: Action, today: date) -> str:
    """'originally due 2026-09-30, moved 1 time (61 days)' for an action that moved; '' for one that never did."""
    slip = slip_of(c, a.id, today)
    if slip is None or not slip.moves:
        return ""
    late = "; slipped (overdue when re-planned)" if slip.slipped else ""
    return str(
        Html('<span class="meta">originally due {}, moved {} ({:+d} days){}</span>').format(
            slip.original, times(len(slip.moves)), slip.days, late
        )
    )
