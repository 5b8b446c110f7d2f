"""A committee's review page, its people and measures: RACI, KPIs, health check, maturity, decisions,
budget and signals (`cxgov.report.committee` has the header and the plan's sections)."""

from __future__ import annotations

from datetime import date
from typing import cast

import pandas as pd

from cxgov.dates import month_start
from cxgov.i18n.collate import sort_key
from cxgov.i18n.current import N_, _, english_figures, n_
from cxgov.report import charts
from cxgov.report.committee import Links, department_names, kpi_names, person_name
from cxgov.report.figures import money, number, share
from cxgov.report.html import Cell, Html, badge, bullets, img, join, section, table, text, verdict_badge
from cxgov.views import health, kpis, maturity, raci
from cxgov.views.kpis import KpiRef
from cxgov.workspace.model import Committee, Workspace


def raci_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """The RACI matrix and any RACI concerns."""
    m = raci.matrix([c])
    person = ws.org.person if ws.org else {}
    m = m.reset_index()
    m.insert(0, "name", [person[p].name if p in person else p for p in m["person"]])
    m = m.iloc[sorted(range(len(m)), key=lambda i: (sort_key(m["name"].iat[i]), m["person"].iat[i]))]  # by name
    cols = [("name", _("Person"))] + [(a, a) for a in m.columns[2:]]
    concerns = raci.concerns(ws, c, as_of)
    body = (
        table(m, cols, cls="raci")
        + Html("<h3>{}</h3>").format(_("RACI concerns"))
        + bullets(concerns, _("No RACI concerns."))
    )
    return section(_("RACI"), body, "raci", _("R responsible · A accountable · C consulted · I informed."))


def kpi_section(ws: Workspace, c: Committee, as_of: date, links: Links | None = None) -> Html:
    """KPI charts against targets, the table, and the operational → outcome links.

    Linked KPIs are named; those of another committee with its name, linked to its page where links has one.
    """
    frame = kpis.table(ws, c, as_of)
    long = kpis.series(c, as_of)
    figures = join(
        img(
            charts.kpi(k, long[long["kpi"] == k.id]),
            _("{name} over time against its target").format(name=k.name),
            tip=f"{k.name} ({k.unit})",
        )
        for k in c.kpis
    )
    frame = frame.assign(change=[_change(v) for v in frame["change_3m"]])

    def named(value: object) -> Html:
        return kpi_names(cast(tuple[KpiRef, ...], value), c.id, ws, links)

    body = Html('<div class="kpis">{}</div>').format(figures) + table(
        frame,
        [
            ("name", _("KPI")),
            ("kind", _("Kind")),
            ("latest", _("Latest")),
            ("period", _("Period")),
            ("target", _("Target")),
            ("on_target", _("On target")),
            ("change", _("3-month change")),
            ("owner", _("Owner")),
            ("drives_refs", _("Drives")),
            ("driven_by_refs", _("Driven by")),
        ],
        cells={"kind": _, "on_target": _on_target, "drives_refs": named, "driven_by_refs": named},
        empty=_("No KPIs are defined."),
    )
    score, hit, judged = kpis.attainment(c, as_of)
    moved = kpis.trend(c, as_of)
    lead = (
        n_("{n} of {total} with a target is on target; ", "{n} of {total} with a target are on target; ", hit).format(
            n=hit, total=n_("{n} KPI", "{n} KPIs", judged).format(n=judged)
        )
        + _("weighted attainment {share} (the share on target, each KPI counted by its weight). ").format(
            share=share(score)
        )
        if score is not None
        else _("No KPI has both a target and a value yet. ")
    ) + n_(
        "Over three months {n} KPI moved towards its target and {down} away from it.",
        "Over three months {n} KPIs moved towards its target and {down} away from it.",
        moved.improving,
    ).format(n=moved.improving, down=moved.worsening)
    return section(_("KPIs against targets"), body, "kpis", lead)


def health_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """The health check H1-H7 with reasons."""
    frame = health.table(ws, c, as_of)
    body = table(
        frame,
        [("rule", _("Rule")), ("inhibitor", _("Inhibitor")), ("verdict", _("Verdict")), ("reason", _("Why"))],
        cells={"verdict": verdict_badge, "inhibitor": _},
    )
    return section(_("Governance health check"), body, "health")


# The inhibitors' words (cxgov.views.health.RULES), marked for the catalogues: views keep them as data.
INHIBITOR_WORDS = (
    N_("a mantra instead of an action plan"),
    N_("the experience is not defined"),
    N_("work not broken into achievable pieces"),
    N_("outcome metrics instead of operational ones"),
    N_("no executive engagement"),
    N_("no clear communication"),
    N_("internal beliefs instead of customer needs"),
)


def maturity_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Maturity level per assessment and its trend."""
    frame = maturity.assessments(c, as_of)
    if frame.empty:
        return section(
            _("CX maturity"),
            Html('<p class="empty">{}</p>').format(_("No maturity assessment recorded yet.")),
            "maturity",
        )
    last = frame.iloc[-1]
    trend = maturity.trend(c, as_of)
    body = img(charts.maturity(frame), _("Maturity score over time")) + table(
        frame,
        [
            ("date", _("Assessed")),
            ("score", _("Characteristics held (of 7)")),
            ("level", _("Level")),
            ("change", _("Change")),
        ],
        cells={"level": _},  # Starter, Riser, Champion: marked where the maturity chart draws them
    )
    return section(
        _("CX maturity"),
        body,
        "maturity",
        _(MATURITY_LEADS[trend]).format(level=_(last["level"]), score=last["score"], date=text(last["date"])),
    )


# The maturity section's lead for each trend of cxgov.views.maturity.trend (a whole sentence each, to translate).
MATURITY_LEADS = {
    "up": N_("Level {level} ({score} of 7) as of {date}; trend: up."),
    "down": N_("Level {level} ({score} of 7) as of {date}; trend: down."),
    "steady": N_("Level {level} ({score} of 7) as of {date}; trend: steady."),
    "new": N_("Level {level} ({score} of 7) as of {date}; trend: new."),
}


def decisions_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Decisions of meetings held this month."""
    start = month_start(as_of)
    rows = [
        {
            "date": m.date,
            "text": d.text,
            "actions": ", ".join(d.actions),
            "attendees": ", ".join(person_name(ws, p) for p in m.attendees),
        }
        for m in c.meetings
        if start <= m.date <= as_of
        for d in m.decisions
    ]
    held = [m for m in c.meetings if start <= m.date <= as_of]
    body = table(
        pd.DataFrame(rows, columns=["date", "text", "actions", "attendees"]),
        [("date", _("Meeting")), ("text", _("Decision")), ("actions", _("Actions")), ("attendees", _("Attendees"))],
        empty=_("No decision recorded this month.") if held else _("No meeting held this month."),
    )
    return section(_("This month's decisions"), body, "decisions")


def budget_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Shared budget lines, where the charter has them."""
    if not c.budget:
        return Html()
    frame = pd.DataFrame(
        [
            {
                "line": b.line,
                "amount": money(b.amount, b.currency),
                "departments": department_names(ws, b.departments),
            }
            for b in c.budget
        ]
    )
    return section(
        _("Budget lines"),
        table(frame, [("line", _("Line")), ("amount", _("Amount")), ("departments", _("Departments"))]),
        "budget",
    )


def _on_target(value: object) -> Html:
    if value is None or (isinstance(value, float) and value != value):
        return Html('<span class="meta">{}</span>').format(_("no target or value"))
    return badge(_("on target"), "ok") if value else badge(_("off target"), "bad")


def _change(value: float) -> str:
    """A KPI's 3-month change, signed, to 3 significant digits (en: +0.8; pl: +0,8)."""
    if value != value:
        return ""
    if english_figures():
        return f"{value:+.3g}"
    rounded = float(f"{value:.3g}")
    return ("+" if rounded >= 0 else "") + number(rounded)


def signals_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Customer signals this committee answers, and unrouted ones that concern its departments."""
    from cxgov.views import signals

    answered = signals.answered_by(ws, c, as_of)
    waiting = signals.unrouted_for(ws, c, as_of)
    cols = [
        ("id", _("Signal")),
        ("date", _("Date")),
        ("source", _("Source")),
        ("summary", _("What the customer said")),
        ("departments", _("Departments")),
    ]
    departments: dict[str, Cell] = {"departments": lambda ids: department_names(ws, cast(tuple[str, ...], ids))}
    body = Html("<h3>{}</h3>").format(_("Signals this committee answers")) + table(
        answered,
        [*cols, ("action", _("Action")), ("state", _("State")), ("loop_days", _("Closed-loop days"))],
        cells={"state": _signal_state, "loop_days": _days, **departments},
        empty=_("No signal is routed to this committee."),
    )
    body += Html("<h3>{}</h3>").format(_("Unrouted signals that concern its departments")) + table(
        waiting,
        [*cols, ("age_days", _("Age (days)"))],
        cells=departments,
        empty=_("No unrouted signal concerns its departments."),
    )
    return section(
        _("Customer signals"), body, "signals", _("A signal is closed when the action that answers it is done.")
    )


def _signal_state(value: object) -> Html:
    return badge(_(text(value)), {"closed": "done", "open": "warn", "unrouted": "bad"}.get(str(value), "muted"))


# The words of KPI kinds and signal states (cxgov.workspace.model, cxgov.views.signals), marked for the
# catalogues: the files and views keep them as keys.
KIND_WORDS = (N_("operational"), N_("outcome"))
SIGNAL_STATE_WORDS = (N_("open"), N_("closed"), N_("unrouted"))


def _days(value: object) -> str:
    return "" if value is None or value != value else f"{int(value)}"  # type: ignore[call-overload]
