"""Add or change a KPI definition: kind, direction, unit, baseline, target, owner, drives, shared, weight.

``drives`` offers the outcome KPIs an operational KPI can move: this
committee's, then other committees' as ``committee-id/kpi-id`` (the format's
cross-committee link). An outcome KPI drives nothing, so the list is hidden
for one. Numbers are read as the locale writes them (86,6; see ui.number_text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxgov.editor.edits import KpiValues, number
from cxgov.editor.ui import (
    NONE,
    Form,
    Options,
    button,
    check,
    chosen,
    decimal_comma,
    dropdown,
    number_text,
    people_options,
    pick,
    several,
    text,
)
from cxgov.i18n.collate import sort_key
from cxgov.report.pickers import unheard
from cxgov.workspace.model import Committee, Kpi, Workspace

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

NEW = "(new KPI)"
KINDS = [("operational: a number the teams move directly", "operational"), ("outcome: what customers feel", "outcome")]
DIRECTIONS = [("up: higher is better", "up"), ("down: lower is better", "down")]


def shown_number(value: float | None) -> str:
    """A number as a person would type it back: 85, 1.5; '' for none."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def drives_options(ws: Workspace, c: Committee, kpi: str | None, current: tuple[str, ...] = ()) -> Options:
    """Outcome KPIs an operational KPI may drive: this committee's, then other committees' (committee/kpi).

    A link already written that is none of these (its committee did not load) stays offered, so that
    saving the KPI never drops it unseen.
    """
    own = [(f"{k.name} [{k.id}]", k.id) for k in c.kpis if k.kind == "outcome" and k.id != kpi]
    other = [
        (f"{o.name}: {k.name} [{o.id}/{k.id}]", f"{o.id}/{k.id}")
        for o in sorted(ws.committees, key=lambda o: (sort_key(o.name), o.id))
        if o.id != c.id
        for k in o.kpis
        if k.kind == "outcome"
    ]
    known = {v for _, v in own + other}
    kept = [(f"{ref} (not found now)", ref) for ref in current if ref not in known]
    return own + other + kept


class KpiForm(Form):
    title = "KPIs"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.kpi = dropdown("KPI")
        self.id = text("Id (new KPIs only)", placeholder="a short id: csat, first-reply-time", width="24em")
        self.name = text("Name")
        self.kind_ = dropdown("Kind", KINDS)
        self.direction = dropdown("Direction", DIRECTIONS)
        self.unit = text("Unit", placeholder="%, hours, contacts per 1000 customers", width="24em")
        self.baseline = text("Baseline (optional)", width="24em")
        self.target = text("Target", width="24em")
        self.owner = dropdown("Owner")
        self.drives = several("Drives (outcome KPIs it moves)", rows=5)
        self.shared = check("Shared goal across departments")
        self.weight = text("Weight (optional, default 1)", width="24em")
        self.button = button("Save KPI")
        self.button.on_click(lambda _: self.save())
        self.kpi.observe(self._on_kpi, "value")
        self.kind_.observe(lambda _: self._show_drives(), "value")
        self.widget = self.box(
            [
                self.committee,
                self.kpi,
                self.id,
                self.name,
                self.kind_,
                self.direction,
                self.unit,
                self.baseline,
                self.target,
                self.owner,
                self.drives,
                self.shared,
                self.weight,
            ],
            self.button,
        )

    def refresh(self) -> None:
        c = self.editor.current
        keep = self.kpi.value
        options = [(NEW, NEW)] + ([(f"{k.name} [{k.id}]", k.id) for k in c.kpis] if c else [])
        with unheard(self._on_kpi, self.kpi):
            pick(self.kpi, options, keep if keep in {v for _, v in options} else NEW)
        self.button.disabled = c is None
        self.load()

    def _on_kpi(self, change: object) -> None:
        self.load()

    def _show_drives(self) -> None:
        self.drives.layout.display = "none" if self.kind_.value == "outcome" else None

    def load(self) -> None:
        """Show the chosen KPI's definition (blanks for a new one)."""
        session, c = self.editor.session, self.editor.current
        k: Kpi | None = c.kpi.get(self.kpi.value) if c else None
        self.id.value = k.id if k else ""
        self.id.disabled = k is not None  # measurements and actions refer to it by its id
        self.name.value = k.name if k else ""
        self.kind_.value = k.kind if k else "operational"
        self.direction.value = k.direction if k else "up"
        self.unit.value = k.unit if k else ""
        self.baseline.value = shown_number(k.baseline) if k else ""
        self.target.value = shown_number(k.target) if k else ""
        pick(
            self.owner, [("(none)", NONE)] + people_options(session.ws.org if session else None), k.owner if k else None
        )
        current = k.drives if k else ()
        pick(self.drives, drives_options(session.ws, c, k.id if k else None, current) if session and c else [], current)
        self.shared.value = k.shared if k else False
        self.weight.value = shown_number(k.weight) if k and k.weight != 1 else ""
        self._show_drives()

    def values(self) -> KpiValues:
        """The form as a KPI definition; CxgovError naming the committee, KPI and field for a number that is none."""
        c = self.editor.current
        where = f"{c.name if c else self.committee.value}, KPI {self.name.value.strip() or self.id.value.strip()}"
        comma = decimal_comma()  # '1,000' is 1 where the locale writes decimals with a comma, else 1000
        return KpiValues(
            id=self.id.value,
            name=self.name.value,
            kind=self.kind_.value,
            unit=self.unit.value,
            direction=self.direction.value,
            baseline=number(number_text(self.baseline.value, comma), f"{where}: baseline"),
            target=number(number_text(self.target.value, comma), f"{where}: target"),
            owner=chosen(self.owner.value),
            drives=() if self.kind_.value == "outcome" else tuple(self.drives.value),
            shared=bool(self.shared.value),
            weight=number(number_text(self.weight.value, comma), f"{where}: weight"),
        )

    def save(self) -> None:
        """Write the KPI to kpis.yaml (a new one is added at the end); changes.csv records the change."""
        session = self.editor.session
        if session is None:
            return
        committee = self.committee.value
        original = None if self.kpi.value == NEW else self.kpi.value
        saved: list[KpiValues] = []

        def change() -> str:
            saved.append(self.values())  # inside run: a number that is none is a message too
            return session.save_kpi(committee, saved[0], original)

        if self.run(change):
            self.editor.refresh()
            self.kpi.value = saved[0].id.strip()
