"""The sections of the organisation-wide review: the roll-up and links to each committee."""

from __future__ import annotations

from datetime import date
from typing import cast

import pandas as pd

from cxgov.i18n.current import N_, _, n_
from cxgov.report import figures
from cxgov.report.committee import Links, committee_link
from cxgov.report.html import Html, badge, join, section, table, verdict_badge
from cxgov.views import escalation, health, kpis, raci, rollup
from cxgov.views.kpis import KpiRef
from cxgov.views.standing import OVERDUE
from cxgov.views.words import figure
from cxgov.workspace.model import Workspace


def header(ws: Workspace, as_of: date) -> Html:
    """Title of the organisation review."""
    name = ws.org.name if ws.org else ws.shown
    n = len(ws.committees)
    return Html('<header><p class="meta">{}</p><h1>{}</h1><p class="lead">{}</p></header>').format(
        _("Governance review as of {date}").format(date=figures.date_text(as_of)),
        _("{org}: CX programme review").format(org=name),
        n_(
            "{n} committee · where each stands in its 12-month plan, what is overdue, and how healthy its governance is.",
            "{n} committees · where each stands in its 12-month plan, what is overdue, and how healthy its governance is.",
            n,
        ).format(n=n),
    )


def problems(ws: Workspace) -> Html:
    """Problems found in the workspace, grouped: committees left out first."""
    if not ws.problems:
        return Html()
    items = join(Html("<li><code>{}</code></li>").format(str(p)) for p in ws.problems[:200])
    more = (
        Html("<p>{}</p>").format(_("… and {n} more.").format(n=len(ws.problems) - 200))
        if len(ws.problems) > 200
        else Html()
    )
    left = (
        Html("<p><strong>{}</strong></p>").format(
            _("Left out until fixed: {names}.").format(names=", ".join(ws.failed))
        )
        if ws.failed
        else Html()
    )
    again = Html("{}<code>cxgov validate {}</code>.").format(_("Check again with "), ws.shown)
    return section(
        _("Data problems"),
        Html('<div class="problems">{}<ul>{}</ul>{}<p class="meta">{}</p></div>').format(left, items, more, again),
        "problems",
    )


def rollup_section(ws: Workspace, as_of: date, links: Links | None = None) -> Html:
    """One row per committee with a link to its report (links: committee id -> relative URL)."""
    frame = rollup.rollup(ws, as_of)
    links = links or {}
    frame = frame.assign(
        link=[(c, n) for c, n in zip(frame["committee"], frame["name"], strict=True)],
        progress_pct=[figures.share(p) for p in frame["progress"]],
        kpi=[f"{h}/{t}" for h, t in zip(frame["kpis_on_target"], frame["kpis_total"], strict=True)],
        attainment=["" if a is None or a != a else figures.share(a) for a in frame["kpi_attainment"]],
        trend=[
            _("{better} better, {worse} worse").format(better=u, worse=d)
            for u, d in zip(frame["kpis_improving"], frame["kpis_worsening"], strict=True)
        ],
    )

    def link(value: object) -> str | Html:
        cid, name = cast(tuple[str, str], value)
        href = links.get(cid)
        return Html('<a href="{}">{}</a>').format(href, name) if href else name

    cols = [
        ("link", _("Committee")),
        ("plan_month", _("Plan month")),
        ("progress_pct", _("Done")),
        ("overdue", _("Overdue")),
        ("at_risk", _("At risk")),
        ("kpi", _("KPIs on target")),
        ("attainment", _("KPI attainment")),
        ("trend", _("KPIs over 3 months")),
        ("maturity_level", _("Maturity")),
    ]
    cols += [(r, r) for r in health.RULES]
    cells = {"link": link, "maturity_level": _level, **{r: verdict_badge for r in health.RULES}}
    body = table(frame, cols, cells=cells, empty=_("No committee could be loaded."))
    legend = " · ".join(f"{r}: {_(t)}" for r, t in health.RULES.items())
    notes = Html('<p class="meta">{}</p><p class="meta">{}</p>').format(_(ATTAINMENT_NOTE), legend)
    return section(_("Where every committee stands"), body + notes, "rollup")


ATTAINMENT_NOTE = N_(
    "KPI attainment: the share of a committee's KPIs that are on target, counting only KPIs with a target and "
    "a value, each by its weight (shared goals count more). It says where KPIs stand, not where they are "
    "going: KPIs over 3 months counts how many moved towards their target (better) or away from it (worse) "
    "since three months before their latest value, so a committee whose KPIs all improve while still below "
    "target reads as improving, not failing."
)


def escalation_section(ws: Workspace, as_of: date, limit: int | None = None, links: Links | None = None) -> Html:
    """Every overdue action in the organisation with its escalation chain, most overdue first.

    Committees are named, linked to their pages where links has them (committee id -> relative URL).
    With limit, only that many are listed, with a line saying how many there are in all.
    """
    frame = escalation.escalations(ws, as_of)
    frame = frame[frame["state"] == OVERDUE]
    lead = None
    if limit is not None and len(frame) > limit:
        lead = _(
            "The {n} most overdue of {total} overdue actions; each committee's Actions tab lists all of its own."
        ).format(n=limit, total=len(frame))
        frame = frame.head(limit)
    frame = frame.assign(late=[n_("{n} day", "{n} days", int(d)).format(n=d) for d in frame["days_overdue"]])
    body = table(
        frame,
        [
            ("committee", _("Committee")),
            ("action", _("Action")),
            ("title", _("Title")),
            ("late", _("Overdue by")),
            ("chain_names", _("Escalate to, in order")),
        ],
        cells={"committee": lambda cid: committee_link(ws, str(cid), links)},
        empty=_("Nothing is overdue."),
    )
    return section(_("Overdue across the organisation"), body, "overdue", lead)


WORKLOAD_SHOWN = 15  # the people carrying the most open actions


def workload_section(ws: Workspace, as_of: date) -> Html:
    """People carrying the most open actions; anyone Accountable for more than raci.OVERLOAD is flagged."""
    frame = raci.workload(ws, as_of)
    overloaded = int(frame["overloaded"].sum())
    frame = frame.sort_values(["accountable_open", "responsible_open"], ascending=False, kind="stable")  # ties: by name
    frame = frame.head(WORKLOAD_SHOWN)
    columns = [
        ("name", _("Person")),
        ("accountable_open", _("Accountable (open)")),
        ("responsible_open", _("Responsible (open)")),
    ]
    if overloaded:  # the column only where it flags someone; the lead states the threshold either way
        columns.append(("overloaded", _("Overloaded (Accountable for more than {n})").format(n=raci.OVERLOAD)))
    body = table(
        frame,
        columns,
        cells={"overloaded": lambda v: badge(_("overloaded"), "bad") if v else ""},
        empty=_("No open actions."),
    )
    flagged = (
        n_(
            "{n} person Accountable for more than {max} open actions is flagged as overloaded.",
            "{n} people Accountable for more than {max} open actions are flagged as overloaded.",
            overloaded,
        ).format(n=overloaded, max=raci.OVERLOAD)
        if overloaded
        else _("No one is Accountable for more than {max} open actions, the threshold for overload.").format(
            max=raci.OVERLOAD
        )
    )
    lead = _("Open actions per person across all committees, most first (at most {n} people).").format(n=WORKLOAD_SHOWN)
    lead += " " + flagged
    return section(_("Workload"), body, "workload", lead)


def links_section(ws: Workspace, as_of: date, links: Links | None = None) -> Html:
    """Operational -> outcome KPI links that cross committees, by name; committees linked to their pages."""
    frame = kpis.links(ws)
    cross = frame[frame["from_committee"] != frame["to_committee"]]

    def committee_of(value: object) -> str | Html:
        return committee_link(ws, cast(KpiRef, value).committee, links)

    def kpi_of(value: object) -> str:
        return cast(KpiRef, value).name

    body = table(
        pd.DataFrame(cross).assign(from_name=cross["from_ref"], to_name=cross["to_ref"]),
        [
            ("from_ref", _("From committee")),
            ("from_name", _("Operational KPI")),
            ("to_ref", _("To committee")),
            ("to_name", _("Outcome KPI")),
        ],
        cells={"from_ref": committee_of, "from_name": kpi_of, "to_ref": committee_of, "to_name": kpi_of},
        empty=_("No KPI links cross committees."),
    )
    return section(_("Shared goals across committees"), body, "links")


def signals_section(ws: Workspace, as_of: date) -> Html:
    """Unrouted and open customer signals by department, and the median closed-loop time."""
    from cxgov.views import signals

    frame = signals.open_by_department(ws, as_of)
    median = signals.median_loop_days(ws, as_of)
    lead = (
        _("Median closed-loop time: {days} from the signal to the action that answered it.").format(days=_days(median))
        if median is not None
        else _("No signal has been closed yet.")
    )
    body = table(
        frame,
        [
            ("name", _("Department")),
            ("unrouted", _("Unrouted")),
            ("open", _("Open (incl. unrouted)")),
            ("oldest_days", _("Oldest open (days)")),
            ("signals", _("Signals")),
        ],
        empty=_("No departments are defined."),
    )
    return section(_("Customer signals by department"), body, "signals", lead)


def _level(value: object) -> str:
    """A maturity level in the page's language; nothing for a committee not assessed yet."""
    return _(value) if isinstance(value, str) else ""


def _days(n: float) -> str:
    """A (median) number of days: '1 day', '2.5 days'."""
    if n == int(n):
        return n_("{n} day", "{n} days", int(n)).format(n=int(n))
    return _("{n} days").format(n=figure(n))  # a fraction: the form languages use for one
