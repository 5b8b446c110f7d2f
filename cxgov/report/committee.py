"""A committee's review page: its header and the plan's sections (roadmap, progress, changes, escalations,
every action); `cxgov.report.measures` has its people and measures."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import cast

from cxgov.dates import month_start
from cxgov.i18n.current import _, n_
from cxgov.report import charts
from cxgov.report.figures import date_text, share
from cxgov.report.html import Html, badge, img, join, section, status_badge, table, text
from cxgov.views import changes, escalation, roadmap, slips
from cxgov.views.history import is_open, status_of
from cxgov.views.kpis import KpiRef
from cxgov.views.standing import OVERDUE, SOON_DAYS, is_overdue, said, when
from cxgov.workspace.model import Committee, Workspace

Links = Mapping[str, str]  # committee id -> the relative URL of its review page (the review: "<id>.html")


def person_name(ws: Workspace, pid: str | None) -> str:
    """A person by name (their id where the organisation does not know them)."""
    if pid is None:
        return _("none named")
    return ws.org.person[pid].name if ws.org and pid in ws.org.person else pid


def header(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Title, purpose, people and where the committee stands."""
    pos = roadmap.position(c, as_of)
    nxt = (
        _("next milestone: {n} months, due {due} ({when})").format(
            n=pos.next_milestone.horizon, due=date_text(pos.next_milestone.due), when=_in_days(pos.days_to_next or 0)
        )
        if pos.next_milestone
        else _("all milestones are past")
    )
    launch = _("launching on {date}") if c.launch > as_of else _("launched {date}")
    return Html(
        '<header><p class="meta">{org} · {review}</p>'
        '<h1>{name}</h1><p class="lead">{purpose}</p>'
        '<p class="meta">{chair} · {sponsor} · {cadence} · {launch}</p>'
        "<p><strong>{here}</strong>; {nxt}.</p></header>"
    ).format(
        org=ws.org.name if ws.org else "",
        review=_("governance review as of {date}").format(date=date_text(as_of)),
        name=c.name,
        purpose=c.purpose,
        chair=_("Chair: {name}").format(name=person_name(ws, c.chair)),
        sponsor=_("Sponsor: {name}").format(name=person_name(ws, c.sponsor)),
        cadence=_("{cadence} meetings").format(cadence=_(c.cadence)),
        launch=launch.format(date=date_text(c.launch)),
        here=_("We are here: {label}").format(label=pos.label),
        nxt=nxt,
    )


def department_names(ws: Workspace, ids: tuple[str, ...]) -> str:
    """Departments by name, in the order given (an id org.yaml does not define as it is)."""
    known = ws.org.department if ws.org else {}
    return ", ".join(known[d].name if d in known else d for d in ids)


def _months(horizon: int) -> str:
    """A milestone by its horizon: '3 months'."""
    return n_("{n} month", "{n} months", int(horizon)).format(n=horizon)  # int: a table's numbers are numpy's


def _due(day: date) -> str:
    """'due 2026-03-31'."""
    return _("due {date}").format(date=text(day))


def _in_days(days: int) -> str:
    return _("today") if days == 0 else n_("in {n} day", "in {n} days", days).format(n=days)


def committee_link(ws: Workspace, cid: str, links: Links | None = None) -> str | Html:
    """A committee by its name, linked to its page where links has one (its id if it is not loaded)."""
    c = ws.committee.get(cid)
    name = c.name if c else cid
    href = links.get(cid) if links else None
    return Html('<a href="{}">{}</a>').format(href, name) if href else name


def kpi_names(refs: tuple[KpiRef, ...], here: str, ws: Workspace, links: Links | None = None) -> Html:
    """KPIs by name, each of another committee than `here` followed by that committee's name, linked."""
    other = Html("{} ({})")
    return Html(", ").join(
        r.name if r.committee == here else other.format(r.name, committee_link(ws, r.committee, links)) for r in refs
    )


def standing_badge(status: str, overdue: bool = False, slipped: bool = False) -> Html:
    """Where an action stands, in words that agree (see cxgov.views.standing).

    An overdue action shows 'overdue', with its owner's status beside it unless that is 'on track' (an
    overdue action is not on track); any other action shows its status. A 'slipped' badge follows for an
    action that was re-planned while overdue.
    """
    words = said(status, overdue)
    out = Html(" ").join(badge(_(OVERDUE), "bad") if w == OVERDUE else status_badge(w) for w in words)
    return out + (Html(" ") + badge(_("slipped"), "bad") if slipped else Html())


def standing_cell(value: object) -> Html:
    """A table cell for a (status, overdue) or (status, overdue, slipped) tuple: see standing_badge."""
    return standing_badge(*cast(tuple[str, bool, bool], value))


def problems(ws: Workspace, committee_id: str) -> Html:
    """The committee's data problems, if any, as a box to fix first."""
    found = ws.problems_of(committee_id)
    if not found:
        return Html()
    items = join(Html("<li><code>{}</code></li>").format(str(p)) for p in found)
    left_out = committee_id in ws.failed
    lead = (
        _("This committee's files have problems, so its review cannot be shown until they are fixed:")
        if left_out
        else _("Some rows were skipped because of these problems; the review shows the rest:")
    )
    return section(
        _("Data problems"),
        Html(
            '<div class="problems"><p>{}</p><ul>{}</ul><p class="meta">{}<code>cxgov validate {}</code>.</p></div>'
        ).format(lead, items, _("Check again with "), ws.shown),
        "problems",
    )


def roadmap_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """The 12-month roadmap picture with the 'we are here' marker."""
    pos = roadmap.position(c, as_of)
    goals = join(
        Html("<li><strong>{}</strong> ({}): {}</li>").format(_months(m.horizon), _due(m.due), m.goal)
        for m in c.milestones
    )
    alt = _("Roadmap of {name}: {label}").format(name=c.name, label=pos.label)
    body = img(charts.roadmap(c, as_of), alt) + Html("<ul>{}</ul>").format(goals)
    return section(
        _("Roadmap: we are here"),
        Html('<div class="figure">{}</div>').format(body),
        "roadmap",
        _("{label}; each dot is an action at its due date, coloured by its status.").format(label=pos.label),
    )


def progress_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Actions per milestone by where they stand, each counted once (an overdue action only as overdue)."""
    prog = roadmap.milestone_progress(c, as_of)
    counts = roadmap.milestone_standing(c, as_of)
    counts = counts.assign(done_pct=[share(s) for s in counts["done_share"]])
    body = img(charts.milestone_bars(prog), _("Share of actions by status per milestone")) + table(
        counts,
        [
            ("horizon", _("Milestone (months)")),
            ("due", _("Due")),
            ("total", _("Actions")),
            ("done", _("Done")),
            ("on_track", _("On track")),
            ("at_risk", _("At risk")),
            ("off_track", _("Off track")),
            ("not_started", _("Not started")),
            ("overdue", _("Overdue")),
            ("dropped", _("Dropped")),
            ("done_pct", _("Done %")),
        ],
    )
    lead = _("Each action is counted once: an open action past its due date as overdue, whatever its owner reported.")
    return section(_("Progress per milestone"), body, "progress", lead)


def changes_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """What changed since the end of last month."""
    since = month_start(as_of) - timedelta(days=1)
    frame = changes.changes(c, since, as_of)
    frame = frame.assign(
        was=list(zip(frame["from"], frame["was_overdue"], strict=True)),
        now=list(zip(frame["to"], frame["now_overdue"], strict=True)),
    )
    body = table(
        frame,
        [
            ("action", _("Action")),
            ("title", _("Title")),
            ("was", _("Was")),
            ("now", _("Now")),
            ("completed", _("Completed")),
            ("became_overdue", _("Became overdue")),
        ],
        cells={"was": standing_cell, "now": standing_cell, "completed": yes_text, "became_overdue": yes_text},
        empty=_("No action changed status or became overdue between {since} and {date}.").format(
            since=date_text(since), date=date_text(as_of)
        ),
    )
    body += moved_part(ws, c, since, as_of) + replanned_part(c, as_of)
    return section(_("What changed this month"), body, "changes", slips_lead(c, as_of))


def moved_part(ws: Workspace, c: Committee, since: date, as_of: date) -> Html:
    """'Moved this month': due dates moved after since up to as_of, with why and by whom; nothing if none moved."""
    frame = slips.moves_frame(c, since, as_of)
    if frame.empty:
        return Html()
    frame = frame.assign(by=[person_name(ws, p) if p else "" for p in frame["by"]])
    return Html("<h3>{}</h3>").format(_("Moved this month")) + table(
        frame,
        [
            ("date", _("Moved on")),
            ("action", _("Action")),
            ("title", _("Title")),
            ("from", _("From")),
            ("to", _("To")),
            ("days", _("Days")),
            ("reason", _("Reason")),
            ("by", _("By")),
            ("overdue", _("Overdue when moved")),
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
        status=[
            (status[a], is_overdue(due, status[a], as_of), slipped)
            for a, due, slipped in zip(frame["action"], frame["due"], frame["slipped"], strict=True)
        ]
    )
    return Html("<h3>{}</h3>").format(_("Re-planned actions")) + table(
        frame,
        [
            ("action", _("Action")),
            ("title", _("Title")),
            ("status", _("Status")),
            ("original", _("Originally due")),
            ("due", _("Due now")),
            ("moves", _("Moves")),
            ("days", _("Days moved")),
        ],
        cells={"status": standing_cell, "days": _signed_days},
    )


def slips_lead(c: Committee, as_of: date) -> str | None:
    """The roll-up of re-planning: how many actions moved, and how many slipped; None when none ever moved."""
    moved = slips.replanned(c, as_of)
    if not moved:
        return None
    slipped = sum(s.slipped for s in moved)
    if not slipped:
        return _("{n} of {total} actions re-planned so far, each before it was overdue.").format(
            n=len(moved), total=len(c.actions)
        )
    return _(
        "{n} of {total} actions re-planned so far; {slipped} slipped (overdue when re-planned): "
        "counted as slipped, not as on time."
    ).format(n=len(moved), total=len(c.actions), slipped=slipped)


def _slipped(value: object) -> Html:
    return badge(_("slipped"), "bad") if value else Html()


def _signed_days(value: object) -> str:
    return f"{int(cast(int, value)):+d}"


def escalation_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Overdue and soon-due actions with who to chase, in order."""
    frame = escalation.escalations(ws, as_of, committee=c.id)
    listed = roadmap.actions(c, as_of, ws.org)
    responsible = dict(zip(listed["action"], listed["responsible"], strict=True))
    frame = frame.assign(
        standing=[(st, state == OVERDUE) for st, state in zip(frame["status"], frame["state"], strict=True)],
        when=[when(due, as_of) for due in frame["due"]],
        responsible=[responsible[a] for a in frame["action"]],
    )
    flagged = listed[listed["status"].isin(["at_risk", "off_track"]) & ~listed["action"].isin(frame["action"])]
    body = table(
        frame,
        [
            ("action", _("Action")),
            ("title", _("Title")),
            ("due", _("Due")),
            ("when", _("When")),
            ("standing", _("Status")),
            ("note", _("Latest note")),
            ("responsible", _("Responsible")),
            ("chain_names", _("Escalate to, in order")),
        ],
        cells={"standing": standing_cell},
        empty=n_(
            "No action is overdue or due within {n} day.", "No action is overdue or due within {n} days.", SOON_DAYS
        ).format(n=SOON_DAYS),
    )
    if not flagged.empty:
        body += Html("<h3>{}</h3>").format(_("Flagged at risk by their owners")) + table(
            flagged,
            [
                ("action", _("Action")),
                ("title", _("Title")),
                ("due", _("Due")),
                ("status", _("Status")),
                ("note", _("Latest note")),
                ("accountable", _("Accountable")),
            ],
            cells={"status": status_badge},
        )
    return section(
        _("Overdue and at-risk actions"),
        body,
        "escalation",
        _("Escalation starts above the Responsible people: the Accountable, then the chair, then the sponsor."),
    )


def all_actions_section(ws: Workspace, c: Committee, as_of: date) -> Html:
    """Every action of the plan, by milestone (3, 6, 12 months), soonest due first within each.

    Each row: the action (id and title), where it stands, its owner (the Responsible people, by name),
    its due date (and how far off it is, while it is open) and its latest note.
    """
    frame = roadmap.actions(c, as_of, ws.org)
    if frame.empty:
        return section(
            _("All actions"), Html('<p class="empty">{}</p>').format(_("The plan has no actions yet.")), "actions"
        )
    slipped = {s.action for s in slips.replanned(c, as_of) if s.slipped}
    # Tuples, drawn by the cells below: a column of markup would be stored as plain strings (pandas 3).
    frame = frame.assign(
        named=list(zip(frame["action"], frame["title"], strict=True)),
        standing=[
            (st, od, a in slipped) for a, st, od in zip(frame["action"], frame["status"], frame["overdue"], strict=True)
        ],
        due_when=list(zip(frame["due"], frame["status"], strict=True)),
    )

    def named(value: object) -> Html:
        aid, title = cast(tuple[str, str], value)
        return Html("<strong>{}</strong> {}").format(aid, title)

    def due_when(value: object) -> str | Html:
        due, status = cast(tuple[date, str], value)
        if not is_open(status):
            return text(due)
        return Html('{} <span class="meta">({})</span>').format(text(due), when(due, as_of))

    goals = {m.horizon: m for m in c.milestones}
    parts = []
    for horizon in sorted(set(frame["horizon"]) | set(goals)):
        mine = frame[frame["horizon"] == horizon].sort_values("due", kind="stable")  # ties: in plan order
        m = goals.get(horizon)
        title = Html("<h3>{}{}</h3>").format(
            _months(horizon), Html(": {} ({})").format(m.goal, _due(m.due)) if m else Html()
        )
        parts.append(
            title
            + table(
                mine,
                [
                    ("named", _("Action")),
                    ("standing", _("Status")),
                    ("responsible", _("Owner (Responsible)")),
                    ("due_when", _("Due")),
                    ("note", _("Latest note")),
                ],
                cells={"standing": standing_cell, "named": named, "due_when": due_when},
                empty=_("No action for this milestone yet."),
            )
        )
    n = roadmap.counts(c, as_of)
    lead = n_(
        "The plan's {n} action: {done} done, {open} open ({overdue} overdue), {dropped} dropped.",
        "The plan's {n} actions: {done} done, {open} open ({overdue} overdue), {dropped} dropped.",
        n["actions_total"],
    ).format(n=n["actions_total"], done=n["done"], open=n["open"], overdue=n["overdue"], dropped=n["dropped"])
    return section(_("All actions"), join(parts), "actions", lead)


def yes_text(value: object) -> str:
    """A yes/no cell: "yes" in the page's language, or empty."""
    return _("yes") if value else ""
