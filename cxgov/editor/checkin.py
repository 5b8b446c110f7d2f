"""The check-in: everything "You are" keeps current, on one screen, posted with one button.

Their open actions across committees, most urgent first (cxgov.views.checkin),
each with its latest status and note and a status and note to post in place;
then the KPIs they own with the target and the last value next to the input.
An action left at "no change" with no note is not posted, so only what changed
costs a click: a note alone posts the status the action has, as "still on
track, waiting for the vendor". Posting goes through the same rules as the
other tabs: a repeat of the latest update is not written twice
(cxgov.editor.posting), a month in the future is refused and a value for a
month that has one corrects it (cxgov.editor.measurement).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from cxgov.editor.measurement import checked_month, corrections, kpi_hint, last_complete_month, normalised
from cxgov.editor.posting import post_once
from cxgov.editor.ui import NONE, Form, Outcome, button, chosen, decimal_comma, dropdown, text
from cxgov.report.html import STATUS_LABEL, Html
from cxgov.views import checkin
from cxgov.workspace.model import STATUSES

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

NO_CHANGE = NONE  # the status choice that posts nothing unless a note is written
URGENCY_STYLE = {"overdue": "#b71c1c", "due soon": "#8a4b00", "at risk": "#8a4b00", "open": "#1d2733"}
Key = tuple[str, str]  # (committee, action) or (committee, kpi)


class CheckinForm(Form):
    title = "Check-in"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.heading = widgets.HTML()
        self.actions_box = widgets.VBox()
        self.kpi_heading = widgets.HTML()
        self.month = text("Month of the KPI values (YYYY-MM)", width="24em")
        self.kpis_box = widgets.VBox()
        self.button = button("Post check-in")
        self.button.on_click(lambda _: self.post())
        # (committee, action) -> its status and note inputs; (committee, kpi) -> its value input and hint.
        self.statuses: dict[Key, widgets.Dropdown] = {}
        self.notes: dict[Key, widgets.Text] = {}
        self.current: dict[Key, str] = {}  # the status each action has now
        self.values: dict[Key, widgets.Text] = {}
        self.hints: dict[Key, widgets.HTML] = {}
        self.month.observe(lambda _: self._hint(), "value")
        editor.you.observe(lambda change: self.refresh(chosen(change["new"])), "value")
        self.widget = self.box(
            [self.heading, self.actions_box, self.kpi_heading, self.month, self.kpis_box], self.button
        )

    @property
    def person(self) -> str | None:
        """Who "You are" names; None when nobody is chosen."""
        who: str | None = chosen(self.editor.you.value)
        return who

    def refresh(self, person: str | None = None) -> None:
        """Rebuild the lists for person (default: "You are"), keeping what was typed and not posted yet."""
        session, today = self.editor.session, self.editor.today()
        who = person if person is not None else self.person
        kept = self._typed()
        if not self.month.value:
            self.month.value = last_complete_month(today)
        if session is None or not who:
            self.heading.value = "<p>Choose who you are (above) to see your actions and KPIs.</p>"
            self.actions_box.children, self.kpis_box.children, self.kpi_heading.value = [], [], ""
            self.month.layout.display = "none"
            self.statuses, self.notes, self.values, self.hints = {}, {}, {}, {}
            self.button.disabled = True
            return
        ws = session.ws
        person_ = ws.org.person.get(who) if ws.org else None
        mine = checkin.actions(ws, who, today)
        owned = checkin.kpis(ws, who, today, self.month.value.strip())
        self.heading.value = str(
            Html(
                "<h4>Check-in for {} on {}</h4><p>Set a status or write a note where something changed; "
                "actions left at <em>no change</em> are not posted. Type this month's KPI values. "
                "Then press Post check-in once.</p>"
            ).format(person_.name if person_ else who, today)
        )
        self._actions(mine, today)
        self._kpis(owned)
        self._restore(kept)
        self.button.disabled = mine.empty and owned.empty

    def _actions(self, mine: pd.DataFrame, today: date) -> None:
        self.statuses, self.notes, self.current = {}, {}, {}
        rows: list[widgets.Widget] = []
        options = [("no change", NO_CHANGE)] + [(STATUS_LABEL[s], s) for s in STATUSES]
        several = mine.committee.nunique() > 1  # then an action is named with its committee: A1 is in each
        for a in mine.itertuples(index=False):
            key = (a.committee, a.action)
            name = f"{a.committee} {a.action}" if several else a.action
            self.current[key] = a.status
            self.statuses[key] = dropdown(f"{name} status", options)
            self.statuses[key].layout.width = "18em"
            self.notes[key] = text(f"{name} note", "what changed, in a sentence", width="30em")
            rows.append(widgets.HTML(str(_action_line(a, today))))
            rows.append(widgets.HBox([self.statuses[key], self.notes[key]]))
        lead = Html("<h4>Your open actions ({})</h4>").format(len(mine))
        none = Html("<p>None: you are Responsible or Accountable for no open action.</p>")
        self.actions_box.children = [widgets.HTML(str(lead if rows else none)), *rows]

    def _kpis(self, owned: pd.DataFrame) -> None:
        self.values, self.hints = {}, {}
        rows: list[widgets.Widget] = []
        for k in owned.itertuples(index=False):
            key = (k.committee, k.kpi)
            self.values[key] = text(f"{k.name} ({k.unit})", "value", width="24em")
            self.hints[key] = widgets.HTML()
            rows.append(widgets.HBox([self.values[key], self.hints[key]]))
        self.month.layout.display = None if rows else "none"
        self.kpi_heading.value = str(Html("<h4>KPIs you own ({})</h4>").format(len(owned))) if rows else ""
        self.kpis_box.children = rows
        self._hint()

    def _hint(self) -> None:
        """Next to each KPI input: its target, last value, and the value this month already has."""
        session, today = self.editor.session, self.editor.today()
        if session is None:
            return
        for (cid, kid), hint in self.hints.items():
            c = session.ws.committee.get(cid)
            k = c.kpi.get(kid) if c else None
            hint.value = str(kpi_hint(k, c, self.month.value.strip(), today)) if c and k else ""

    def _typed(self) -> tuple[dict[Key, tuple[Any, str]], dict[Key, str]]:
        """What was typed and not posted: status and note per action, value per KPI."""
        return {k: (w.value, self.notes[k].value) for k, w in self.statuses.items()}, {
            k: w.value for k, w in self.values.items()
        }

    def _restore(self, kept: tuple[dict[Key, tuple[Any, str]], dict[Key, str]]) -> None:
        actions, values = kept
        for k, w in self.statuses.items():
            if k in actions:
                w.value, self.notes[k].value = actions[k]
        for k, v in self.values.items():
            v.value = values.get(k, "")

    def changes(self) -> int:
        """How many actions and KPI values would be posted."""
        acts = sum(1 for k, w in self.statuses.items() if w.value != NO_CHANGE or self.notes[k].value.strip())
        return acts + sum(1 for w in self.values.values() if w.value.strip())

    def post(self) -> None:
        """Post every changed action (status update) and typed KPI value (per committee), then show the new state."""
        session, today = self.editor.session, self.editor.today()
        if session is None:
            return
        done: list[Outcome] = []
        for key, w in self.statuses.items():
            note = self.notes[key].value
            if w.value == NO_CHANGE and not note.strip():
                continue
            status = self.current[key] if w.value == NO_CHANGE else w.value
            outcome = self.attempt(_post(session, key, status, note, today))
            done.append(outcome)
            if outcome.kind == "ok":
                w.value, self.notes[key].value = NO_CHANGE, ""
        by_committee: dict[str, dict[str, str]] = {}
        for (cid, kid), w in self.values.items():
            if w.value.strip():
                by_committee.setdefault(cid, {})[kid] = w.value
        for cid, values in by_committee.items():
            outcome = self.attempt(self._record(cid, values, today))
            done.append(outcome)
            if outcome.kind == "ok":
                for kid in values:
                    self.values[(cid, kid)].value = ""
        if not done:
            self.show("error", ["Nothing to post: set a status, write a note or type a KPI value first."])
            return
        failed = [o for o in done if o.kind != "ok"]
        lines = [line for o in done for line in o.lines]
        lead = f"{len(done) - len(failed)} posted, {len(failed)} not saved:" if failed else ""
        if len(failed) < len(done):
            session.reload()  # statuses, order and last values change
            self.editor.refresh()
        self.show(failed[0].kind if failed else "ok", lines, lead)
        for o in done:
            if o.raised is not None:
                raise o.raised

    def _record(self, committee: str, values: dict[str, str], today: date) -> Callable[[], str]:
        session = self.editor.session

        def change() -> str:
            assert session is not None
            c = session.committee(committee)
            month = checked_month(self.month.value, today)
            typed = normalised(values, decimal_comma())
            fixed = corrections(c, month, typed, today)
            return f"{c.name}: " + session.record_measurements(committee, month, typed, "") + fixed

        return change


def _post(session: Any, key: Key, status: str, note: str, today: date) -> Callable[[], str]:
    committee, action = key
    return lambda: post_once(session, committee, action, status, note, today)


def _action_line(a: Any, today: date) -> Html:
    """'OVERDUE 23 days: CX Steering, A2 Rewrite ... (Accountable, due 2026-11-30). Latest: on track ...'."""
    if a.urgency == "overdue":
        when = Html("overdue {} day{}").format(a.days_overdue, "s" * (a.days_overdue != 1))
    elif a.urgency == "due soon":
        when = Html("due in {} day{}").format(a.days_left, "s" * (a.days_left != 1))
    else:
        when = Html("{}").format(a.urgency)
    updated = a.updated if a.updated is not None and pd.notna(a.updated) else None
    latest = (
        Html("{} on {} by {}").format(STATUS_LABEL.get(a.status, a.status), updated, a.updated_by)
        if updated
        else Html("not started (no update yet)")
    )
    note = Html(": &ldquo;{}&rdquo;").format(a.note) if a.note else Html()
    return Html(
        '<p style="margin: 0.8em 0 0.1em"><strong style="color: {}">{}</strong> &middot; {} &middot; '
        "<strong>{}</strong> {} ({}, due {})<br>Latest: {}{}</p>"
    ).format(URGENCY_STYLE[a.urgency], when, a.committee_name, a.action, a.title, a.role, a.due, latest, note)
