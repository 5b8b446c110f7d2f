"""The sections of a committee's monthly review, in the order the review shows them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pandas as pd

from cxgov.dates import month_start
from cxgov.report import charts
from cxgov.report.html import Html, badge, bullets, img, join, section, status_badge, table, text, verdict_badge
from cxgov.views import changes, escalation, health, kpis, maturity, raci, roadmap, slips
from cxgov.views.history import status_of
from cxgov.workspace.model import Committee, Workspace


def _name(ws: Workspace, pid: str | None) -> str:
    if pid is None:
        return "none named"
    return ws.org.person[pid].name if ws.org and pid in ws.org.person else pid


def header(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Title, purpose, people and where the committee stands."""
    pos = roadmap.position(c, as_of)
    nxt = (
        (
            f"next milestone: {pos.next_milestone.horizon} months, due {pos.next_milestone.due} "
            f"(in {pos.days_to_next} days)"
        )
        if pos.next_milestone
        else "all milestones are past"
    )
    return Html(
        '<header><p class="meta">{org} · governance review as of {as_of}</p>'
        '<h1>{name}</h1><p class="lead">{purpose}</p>'
        '<p class="meta">Chair: {chair} · Sponsor: {sponsor} · {cadence} meetings · launched {launch}</p>'
        "<p><strong>We are here: {label}</strong>; {nxt}.</p></header>"
    ).format(
        org=ws.org.name if ws.org else "",
        as_of=as_of,
        name=c.name,
        purpose=c.purpose,
        chair=_name(ws, c.chair),
        sponsor=_name(ws, c.sponsor),
        cadence=c.cadence,
        launch=c.launch,
        label=pos.label,
        nxt=nxt,
    )


def problems(ws: Workspace, committee_id: str) -> Html:
    """The committee's data problems, if any, as a box to fix first."""
    found = ws.problems_of(committee_id)
    if not found:
        return Html()
    items = join(Html("<li><code>{}</code></li>").format(str(p)) for p in found)
    left_out = committee_id in ws.failed
    lead = (
        "This committee's files have problems, so its review cannot be shown until they are fixed:"
        if left_out
        else "Some rows were skipped because of these problems; the review shows the rest:"
    )
    return section(
        "Data problems",
        Html(
            '<div class="problems"><p>{}</p><ul>{}</ul>'
            '<p class="meta">Check again with <code>cxgov validate {}</code>.</p></div>'
        ).format(lead, items, ws.shown),
        "problems",
    )


def roadmap_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """The 12-month roadmap picture with the 'we are here' marker."""
    pos = roadmap.position(c, as_of)
    goals = join(
        Html("<li><strong>{} months</strong> (due {}): {}</li>").format(m.horizon, m.due, m.goal) for m in c.milestones
    )
    body = img(charts.roadmap(c, as_of), f"Roadmap of {c.name}: {pos.label}") + Html("<ul>{}</ul>").format(goals)
    return section(
        "Roadmap: we are here",
        Html('<div class="figure">{}</div>').format(body),
        "roadmap",
        f"{pos.label}; each dot is an action at its due date, coloured by its status.",
    )


def progress_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Counts and shares of actions by status per milestone, overdue counted separately."""
    prog = roadmap.milestone_progress(c, as_of)
    prog = prog.assign(done_share=[f"{s:.0%}" for s in prog["share_done"]])
    body = img(charts.milestone_bars(prog), "Share of actions by status per milestone") + table(
        prog,
        [
            ("horizon", "Milestone (months)"),
            ("due", "Due"),
            ("total", "Actions"),
            ("done", "Done"),
            ("on_track", "On track"),
            ("at_risk", "At risk"),
            ("off_track", "Off track"),
            ("not_started", "Not started"),
            ("dropped", "Dropped"),
            ("overdue", "Overdue"),
            ("done_share", "Done %"),
        ],
    )
    return section("Progress per milestone", body, "progress")


def changes_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """What changed since the end of last month."""
    since = month_start(as_of) - timedelta(days=1)
    frame = changes.changes(c, since, as_of)
    body = table(
        frame,
        [
            ("action", "Action"),
            ("title", "Title"),
            ("from", "Was"),
            ("to", "Now"),
            ("completed", "Completed"),
            ("became_overdue", "Became overdue"),
        ],
        cells={"from": status_badge, "to": status_badge, "completed": _yes, "became_overdue": _yes},
        empty=f"No action changed status or became overdue between {since} and {as_of}.",
    )
    body += moved_part(ws, c, since, as_of) + replanned_part(c, as_of)
    return section("What changed this month", body, "changes", slips_lead(c, as_of))


def moved_part(ws: Workspace, c: Committee, since: date, as_of: date) -> Html:
    """'Moved this month': due dates moved after since up to as_of, with why and by whom; nothing if none moved."""
    frame = slips.moves_frame(c, since, as_of)
    if frame.empty:
        return Html()
    frame = frame.assign(by=[_name(ws, p) if p else "" for p in frame["by"]])
    return Html("<h3>Moved this month</h3>") + table(
        frame,
        [
            ("date", "Moved on"),
            ("action", "Action"),
            ("title", "Title"),
            ("from", "From"),
            ("to", "To"),
            ("days", "Days"),
            ("reason", "Reason"),
            ("by", "By"),
            ("overdue", "Overdue when moved"),
        ],
        cells={"days": _signed_days, "overdue": _slipped},
    )


def replanned_part(c: Committee, as_of: date) -> Html:
    """Every action re-planned so far: original and current due date, moves, days moved; nothing if none moved."""
    frame = slips.slips_frame(c, as_of)
    if frame.empty:
        return Html()
    status = status_of(c, as_of)
    frame = frame.assign(
        status=[(status[a], slipped) for a, slipped in zip(frame["action"], frame["slipped"], strict=True)]
    )
    return Html("<h3>Re-planned actions</h3>") + table(
        frame,
        [
            ("action", "Action"),
            ("title", "Title"),
            ("status", "Status"),
            ("original", "Originally due"),
            ("due", "Due now"),
            ("moves", "Moves"),
            ("days", "Days moved"),
        ],
        cells={"status": status_with_slip, "days": _signed_days},
    )


def slips_lead(c: Committee, as_of: date) -> str | None:
    """The roll-up of re-planning: how many actions moved, and how many slipped; None when none ever moved."""
    moved = slips.replanned(c, as_of)
    if not moved:
        return None
    slipped = sum(s.slipped for s in moved)
    done = f"{len(moved)} of {len(c.actions)} actions re-planned so far"
    if not slipped:
        return done + ", each before it was overdue."
    return done + f"; {slipped} slipped (overdue when re-planned): counted as slipped, not as on time."


def status_with_slip(value: object) -> Html:
    """A (status, slipped) pair: the status badge, and a 'slipped' badge after it for an action that slipped."""
    status, slipped = cast(tuple[str, bool], value)
    return status_badge(status) + (Html(" ") + badge("slipped", "bad") if slipped else Html())


def _slipped(value: object) -> Html:
    return badge("slipped", "bad") if value else Html()


def _signed_days(value: object) -> str:
    return f"{int(cast(int, value)):+d}"


def escalation_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Overdue and soon-due actions with who to chase, in order."""
    frame = escalation.escalations(ws, as_of, committee=c.id)
    at_risk = roadmap.actions(c, as_of, ws.org)
    flagged = at_risk[at_risk["status"].isin(["at_risk", "off_track"]) & ~at_risk["action"].isin(frame["action"])]
    body = table(
        frame,
        [
            ("action", "Action"),
            ("title", "Title"),
            ("due", "Due"),
            ("status", "Status"),
            ("state", "State"),
            ("days_overdue", "Days overdue"),
            ("note", "Latest note"),
            ("chain_names", "Escalate to, in order"),
        ],
        cells={"status": status_badge},
        empty="No action is overdue or due within 14 days.",
    )
    if not flagged.empty:
        body += Html("<h3>Flagged at risk by their owners</h3>") + table(
            flagged,
            [
                ("action", "Action"),
                ("title", "Title"),
                ("due", "Due"),
                ("status", "Status"),
                ("note", "Latest note"),
                ("accountable", "Accountable"),
            ],
            cells={"status": status_badge},
        )
    return section(
        "Overdue and at-risk actions",
        body,
        "escalation",
        "Escalation goes Responsible → Accountable → chair → sponsor.",
    )


def raci_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """The RACI matrix and any RACI concerns."""
    m = raci.matrix([c])
    person = ws.org.person if ws.org else {}
    m = m.reset_index()
    m.insert(0, "name", [person[p].name if p in person else p for p in m["person"]])
    cols = [("name", "Person")] + [(a, a) for a in m.columns[2:]]
    concerns = raci.concerns(ws, c, as_of)
    body = table(m, cols, cls="raci") + Html("<h3>RACI concerns</h3>") + bullets(concerns, "No RACI concerns.")
    return section("RACI", body, "raci", "R responsible · A accountable · C consulted · I informed.")


def kpi_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """KPI charts against targets, the table, and the operational → outcome links."""
    frame = kpis.table(ws, c, as_of)
    long = kpis.series(c, as_of)
    figures = join(
        img(
            charts.kpi(k, long[long["kpi"] == k.id]),
            f"{k.name} over time against its target",
            tip=f"{k.name} ({k.unit})",
        )
        for k in c.kpis
    )
    frame = frame.assign(change=[_change(v) for v in frame["change_3m"]])
    body = Html('<div class="kpis">{}</div>').format(figures) + table(
        frame,
        [
            ("name", "KPI"),
            ("kind", "Kind"),
            ("latest", "Latest"),
            ("period", "Period"),
            ("target", "Target"),
            ("on_target", "On target"),
            ("change", "3-month change"),
            ("owner", "Owner"),
            ("drives", "Drives"),
            ("driven_by", "Driven by"),
        ],
        cells={"on_target": _on_target},
        empty="No KPIs are defined.",
    )
    score, hit, judged = kpis.attainment(c, as_of)
    lead = (
        f"{hit} of {judged} KPIs with a target are on target; weighted attainment {score:.0%}."
        if score is not None
        else "No KPI has both a target and a value yet."
    )
    return section("KPIs against targets", body, "kpis", lead)


def health_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """The health check H1-H7 with reasons."""
    frame = health.table(ws, c, as_of)
    body = table(
        frame,
        [("rule", "Rule"), ("inhibitor", "Inhibitor"), ("verdict", "Verdict"), ("reason", "Why")],
        cells={"verdict": verdict_badge},
    )
    return section("Governance health check", body, "health")


def maturity_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Maturity level per assessment and its trend."""
    frame = maturity.assessments(c, as_of)
    if frame.empty:
        return section("CX maturity", Html('<p class="empty">No maturity assessment recorded yet.</p>'), "maturity")
    last = frame.iloc[-1]
    trend = maturity.trend(c, as_of)
    body = img(charts.maturity(frame), "Maturity score over time") + table(
        frame,
        [("date", "Assessed"), ("score", "Characteristics held (of 7)"), ("level", "Level"), ("change", "Change")],
    )
    return section(
        "CX maturity",
        body,
        "maturity",
        f"Level {last['level']} ({last['score']} of 7) as of {last['date']}; trend: {trend}.",
    )


def decisions_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Decisions of meetings held this month."""
    start = month_start(as_of)
    rows = [
        {
            "date": m.date,
            "text": d.text,
            "actions": ", ".join(d.actions),
            "attendees": ", ".join(_name(ws, p) for p in m.attendees),
        }
        for m in c.meetings
        if start <= m.date <= as_of
        for d in m.decisions
    ]
    held = [m for m in c.meetings if start <= m.date <= as_of]
    body = table(
        pd.DataFrame(rows, columns=["date", "text", "actions", "attendees"]),
        [("date", "Meeting"), ("text", "Decision"), ("actions", "Actions"), ("attendees", "Attendees")],
        empty="No decision recorded this month." if held else "No meeting held this month.",
    )
    return section("This month's decisions", body, "decisions")


def budget_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Shared budget lines, where the charter has them."""
    if not c.budget:
        return Html()
    frame = pd.DataFrame(
        [
            {"line": b.line, "amount": f"{b.amount:,.0f} {b.currency}", "departments": ", ".join(b.departments)}
            for b in c.budget
        ]
    )
    return section(
        "Budget lines", table(frame, [("line", "Line"), ("amount", "Amount"), ("departments", "Departments")]), "budget"
    )


def _yes(value: object) -> str:
    return "yes" if value else ""


def _on_target(value: object) -> Html:
    if value is None or (isinstance(value, float) and value != value):
        return Html('<span class="meta">no target or value</span>')
    return badge("on target", "ok") if value else badge("off target", "bad")


def _change(value: float) -> str:
    return "" if value != value else f"{value:+.3g}"


def signals_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Customer signals this committee answers, and unrouted ones that concern its departments."""
    from cxgov.views import signals

    answered = signals.answered_by(ws, c, as_of)
    waiting = signals.unrouted_for(ws, c, as_of)
    cols = [
        ("id", "Signal"),
        ("date", "Date"),
        ("source", "Source"),
        ("summary", "What the customer said"),
        ("departments", "Departments"),
    ]
    body = Html("<h3>Signals this committee answers</h3>") + table(
        answered,
        [*cols, ("action", "Action"), ("state", "State"), ("loop_days", "Closed-loop days")],
        cells={"state": _signal_state, "loop_days": _days},
        empty="No signal is routed to this committee.",
    )
    body += Html("<h3>Unrouted signals that concern its departments</h3>") + table(
        waiting, [*cols, ("age_days", "Age (days)")], empty="No unrouted signal concerns its departments."
    )
    return section("Customer signals", body, "signals", "A signal is closed when the action that answers it is done.")


def _signal_state(value: object) -> Html:
    return badge(text(value), {"closed": "done", "open": "warn", "unrouted": "bad"}.get(str(value), "muted"))


def _days(value: object) -> str:
    return "" if value is None or value != value else f"{int(value)}"  # type: ignore[call-overload]
