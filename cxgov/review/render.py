"""Render a review page: the whole review of one committee, or of the organisation.

`render` reads the workspace (from the run's snapshot when there is one, see
`cxgov.review.snapshot`) and calls the section builders of `cxgov.report.committee`
and `cxgov.report.org`, returning a `cxgov.review.page.Page`.

Nothing here raises for a problem in the data: a missing workspace, an unknown
committee or invalid files become the page's `error` or its problems box.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from cxgov.dates import period_of, review_date
from cxgov.dates import today as clock
from cxgov.errors import CxgovError
from cxgov.i18n.current import _, speaking
from cxgov.i18n.lang import SOURCE
from cxgov.i18n.numbers import DEFAULT
from cxgov.report import committee as csec
from cxgov.report import figures
from cxgov.report import measures as msec
from cxgov.report import org as osec
from cxgov.report.headline import committee_headline, headline_section
from cxgov.report.html import CSS, Html
from cxgov.report.since import previous_page, since_section
from cxgov.review import snapshot
from cxgov.review.page import INDEX, Page, given, resolved
from cxgov.views import compare
from cxgov.workspace.model import Committee, Workspace

COMMITTEE_SECTIONS: dict[str, Callable[[Workspace, Committee, date], Html]] = {
    "roadmap": csec.roadmap_section,
    "progress": csec.progress_section,
    "changes": csec.changes_section,
    "escalation": csec.escalation_section,
    "actions": csec.all_actions_section,
    "raci": msec.raci_section,
    "kpis": lambda ws, c, d: msec.kpi_section(ws, c, d, _links(ws)),
    "health": msec.health_section,
    "maturity": msec.maturity_section,
    "decisions": msec.decisions_section,
    "budget": msec.budget_section,
    "signals": msec.signals_section,
}
ORG_SECTIONS: dict[str, Callable[[Workspace, date], Html]] = {
    "rollup": lambda ws, d: osec.rollup_section(ws, d, _links(ws)),
    "overdue": lambda ws, d: osec.escalation_section(ws, d, links=_links(ws)),
    "workload": osec.workload_section,
    "links": lambda ws, d: osec.links_section(ws, d, _links(ws)),
    "signals_by_department": osec.signals_section,
}


def _links(ws: Workspace) -> dict[str, str]:
    """Committee pages sit beside the organisation page: <id>.html."""
    return {name: f"{name}.html" for name in [c.id for c in ws.committees] + list(ws.failed)}


def render(
    workspace: str,
    committee: str = "",
    month: str = "",
    today: date | None = None,
    reports: str = "",
    locale: str = "",
    lang: str = "",
) -> Page:
    """The review of a committee (or of the organisation when committee is empty) for a month.

    reports is the folder of the monthly review folders (`cxgov review --out`): the "Since last month"
    block links last month's page there when it exists (empty: no folder is looked in). locale (numbers,
    money, dates; empty: org.yaml's, else the language's, else en) and lang (the interface's words; empty: English) are checked
    here: a bad one is the page's error.
    """
    folder = resolved(workspace)
    cid = committee.strip()
    style = Html("<style>{}</style>").format(CSS)
    today = today or clock()
    try:
        as_of = review_date(month, today)
        ws = snapshot.load(given(workspace), as_of, cid)
        with speaking(locale or (ws.org.locale if ws.org else "") or lang or DEFAULT, lang or SOURCE):
            return _page(workspace, ws, folder, cid, as_of, reports, style)
    except CxgovError as exc:
        return _failed(folder, cid, today, str(exc), style)


def _page(workspace: str, ws: Workspace, folder: str, cid: str, as_of: date, reports: str, style: Html) -> Page:
    if not cid:
        org = ws.org.name if ws.org else _("Organisation")
        head = Html('{}<div class="cx">{}{}</div>').format(style, osec.header(ws, as_of), osec.problems(ws))
        sections = {"headline": headline_section(ws, as_of, _links(ws))}
        sections["since"] = _since(workspace, ws, cid, as_of, reports)
        sections |= {name: build(ws, as_of) for name, build in ORG_SECTIONS.items()}
        return Page(
            folder,
            cid,
            as_of,
            _("{org}: CX programme review {month}").format(org=org, month=figures.month(as_of)),
            str(head),
            _wrapped(sections),
        )
    c = ws.committee.get(cid)
    if c is None and cid not in ws.failed:
        known = ", ".join(x.id for x in ws.committees) or "none"
        return _failed(folder, cid, as_of, f"committee: expected one of {known}; found '{cid}'", style)
    if c is None:  # left out because its files have problems: the page says which
        head = Html('{}<div class="cx"><h1>{}</h1>{}</div>').format(style, cid, csec.problems(ws, cid))
        return Page(
            folder, cid, as_of, _("{name}: review {month}").format(name=cid, month=figures.month(as_of)), str(head)
        )
    head = Html('{}<div class="cx">{}{}</div>').format(style, csec.header(ws, c, as_of), csec.problems(ws, cid))
    sections = {"headline": committee_headline(ws, c, as_of), "since": _since(workspace, ws, cid, as_of, reports)}
    sections |= {name: build(ws, c, as_of) for name, build in COMMITTEE_SECTIONS.items()}
    return Page(
        folder,
        cid,
        as_of,
        _("{name}: review {month}").format(name=c.name, month=figures.month(as_of)),
        str(head),
        _wrapped(sections),
    )


def _since(workspace: str, ws: Workspace, cid: str, as_of: date, reports: str) -> Html:
    """The "Since last month" block: figures on the workspace as it stood at last month's review, and now.

    Last month's page is looked for only in reports, the folder this review is written into.
    """
    previous = compare.previous_review_date(as_of)
    if previous is None:
        return Html()
    try:
        before = snapshot.load(given(workspace), previous)  # the plans as they stood then
    except CxgovError:  # the files cannot be read again: the page goes without the comparison
        return Html()
    if cid:
        cmp, names = compare.committee(ws, before, cid, as_of), None
    else:
        cmp, names = compare.organisation(ws, before, as_of), {c.id: c.name for c in ws.committees}
    month = period_of(previous)
    name = cid or INDEX
    found = bool(reports) and os.path.isfile(os.path.join(reports, month, f"{name}.html"))
    return since_section(cmp, previous_page(month, name, found, looked=bool(reports)), names)


def _wrapped(sections: dict[str, Html]) -> dict[str, str]:
    """Each non-empty section in its own styled block (the page keeps plain strings); empty ones are left out."""
    return {name: str(Html('<div class="cx">{}</div>').format(body)) for name, body in sections.items() if body}


def _failed(folder: str, cid: str, as_of: date, error: str, style: Html) -> Page:
    head = Html('{}<div class="cx"><h1>Review not produced</h1><div class="problems"><p>{}</p></div></div>').format(
        style, error
    )
    return Page(folder, cid, as_of, f"{cid or 'Organisation'}: review not produced", str(head), error=error)
