"""Record KPI values for a month (appended to measurements.csv); a month that has a value is corrected."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.dates import period_of, shift_period
from cxgov.editor.ui import Form, button, decimal_comma, number_text, text
from cxgov.errors import CxgovError
from cxgov.report.html import Html
from cxgov.views.history import measurements_until
from cxgov.workspace.load_history import PERIOD
from cxgov.workspace.model import Committee, Kpi

if TYPE_CHECKING:
    from cxgov.editor.ui import Host


def last_complete_month(today: date) -> str:
    """The month before today's: the last one whose figures can be final."""
    return shift_period(period_of(today), -1)


def checked_month(text: str, today: date) -> str:
    """The month typed, refused when it is in the future (its value cannot be known yet)."""
    month = text.strip()
    if PERIOD.fullmatch(month) and month > period_of(today):  # not a month at all: the loader's message
        raise CxgovError(f"month: expected {period_of(today)} or an earlier month, found '{month}' (in the future)")
    return month


def normalised(values: Mapping[str, str], comma: bool) -> dict[str, str]:
    """Values as the format writes them: '86,6' is 86.6 (see number_text)."""
    return {k: number_text(v, comma) for k, v in values.items()}


def _number(value: float | None) -> str:
    return "none" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:g}"


def kpi_hint(kpi: Kpi, committee: Committee, month: str, today: date) -> Html:
    """Target, the last value and its month, and the value the month already has (which a new one corrects)."""
    series = measurements_until(committee, today).get(kpi.id, {})
    last = next(reversed(series)) if series else None
    better = "at most" if kpi.direction == "down" else "at least"
    target = Html("target {} {}").format(better, _number(kpi.target)) if kpi.target is not None else Html("no target")
    latest = Html("last {} ({})").format(_number(series[last]), last) if last else Html("no value yet")
    has = series.get(month)
    fix = Html("; <strong>{} has {}: a value here corrects it</strong>").format(month, _number(has))
    return Html("{}; {}{}").format(target, latest, fix if has is not None else Html())


def corrections(committee: Committee, month: str, values: Mapping[str, str], today: date) -> str:
    """'; corrects frt 3.1' for the values that replace one already recorded for the month."""
    had = {k: v.get(month) for k, v in measurements_until(committee, today).items()}
    fixed = [f"{k} {_number(had[k])}" for k, v in values.items() if v.strip() and had.get(k) is not None]
    return f" (corrects {', '.join(fixed)}; the history keeps both)" if fixed else ""


class MeasurementForm(Form):
    title = "KPI values"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.committee = editor.committee
        self.period = text("Month (YYYY-MM)", "2026-11", width="20em")
        self.values: dict[str, widgets.Text] = {}  # KPI id -> its value input
        self.hints: dict[str, widgets.HTML] = {}  # KPI id -> target, last value, correction
        self.inputs = widgets.VBox()
        self.note = text("Note (optional, for every value)")
        self.button = button("Record values")
        self.button.on_click(lambda _: self.record())
        self.period.observe(lambda _: self._hint(), "value")
        self.widget = self.box([self.committee, self.period, self.inputs, self.note], self.button)

    def refresh(self) -> None:
        c = self.editor.current
        if not self.period.value:
            self.period.value = last_complete_month(self.editor.today())
        self.values = {k.id: text(f"{k.name} ({k.unit}) [{k.id}]", "value", width="36em") for k in c.kpis} if c else {}
        self.hints = {k: widgets.HTML() for k in self.values}
        rows = [widgets.HBox([w, self.hints[k]]) for k, w in self.values.items()]
        self.inputs.children = rows or [widgets.HTML("<p>This committee has no KPIs yet.</p>")]
        self.button.disabled = not self.values
        self._hint()

    def _hint(self) -> None:
        c, today = self.editor.current, self.editor.today()
        if c is None:
            return
        for k in c.kpis:
            if k.id in self.hints:
                self.hints[k.id].value = str(kpi_hint(k, c, self.period.value.strip(), today))

    def record(self) -> None:
        """Append one row per KPI that has a value."""
        session, c, today = self.editor.session, self.editor.current, self.editor.today()
        if session is None:
            return
        committee, values = self.committee.value, {k: w.value for k, w in self.values.items()}

        def change() -> str:
            month = checked_month(self.period.value, today)
            typed = normalised(values, decimal_comma())
            fixed = corrections(c, month, typed, today) if c else ""
            return session.record_measurements(committee, month, typed, self.note.value) + fixed

        if self.run(change):
            for w in self.values.values():
                w.value = ""
            self.note.value = ""
            session.reload()  # the last values and corrections shown change
            self.editor.refresh()
