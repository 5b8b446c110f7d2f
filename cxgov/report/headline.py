"""The headline block: verdicts in colour and words, what needs the sponsor, what is due next, the chair's word.

The organisation page and the dashboard's overview open with `headline_section`; a committee page
opens with `committee_headline` (its verdict and the chair's commentary for the month). The rule
behind the verdicts is cxgov.views.headline's, documented in docs/review.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cxgov.dates import period_of
from cxgov.i18n.current import N_, _, n_
from cxgov.report import figures
from cxgov.report.committee import committee_link
from cxgov.report.html import Html, badge, bullets, join, section
from cxgov.views import headline, roadmap
from cxgov.views.headline import AMBER, GREEN, LAUNCHING, RED, Verdict
from cxgov.views.words import one_stop, sentence
from cxgov.workspace.model import Committee, Workspace

VERDICT_CLASS = {RED: "bad", AMBER: "warn", GREEN: "ok", LAUNCHING: "muted"}
# The verdicts' words (cxgov.views.headline.VERDICT_LABEL), marked here for the catalogues: views have no words.
VERDICT_WORDS = (N_("Off track"), N_("Needs attention"), N_("On track"), N_("Launching"))
Links = Mapping[str, str]  # committee id -> the relative URL of its page


def verdict_badge(v: Verdict) -> Html:
    """The verdict as a coloured badge with its word (colour is never the only signal)."""
    return badge(_(v.label), VERDICT_CLASS[v.colour])


def _month_label(month: str) -> str:
    return figures.month(date.fromisoformat(month + "-01"))


def summary(ws: Workspace, as_of: date, verdicts: list[Verdict]) -> str:
    """One plain-language paragraph: how many committees stand where, what is late and due, the KPIs' trend."""
    by = {colour: sum(v.colour == colour for v in verdicts) for colour in (RED, AMBER, GREEN, LAUNCHING)}
    parts = [
        n_("{n} is off track", "{n} are off track", by[RED]).format(n=by[RED]),
        n_("{n} needs attention", "{n} need attention", by[AMBER]).format(n=by[AMBER]),
        n_("{n} is on track", "{n} are on track", by[GREEN]).format(n=by[GREEN]),
    ]
    if by[LAUNCHING]:
        parts.append(n_("{n} is launching", "{n} are launching", by[LAUNCHING]).format(n=by[LAUNCHING]))
    counts = [roadmap.counts(c, as_of) for c in ws.committees]
    overdue = sum(n["overdue"] for n in counts)
    due = len(headline.due_next(ws, as_of))
    trends = [headline.kpi_trend(c, as_of) for c in ws.committees]
    up, down = sum(t.improving for t in trends), sum(t.worsening for t in trends)
    n = len(verdicts)
    return (
        n_("Of {n} committee, {most} and {last}. ", "Of {n} committees, {most} and {last}. ", n).format(
            n=n, most=", ".join(parts[:-1]), last=parts[-1]
        )
        + n_("{n} action overdue", "{n} actions overdue", overdue).format(n=overdue)
        + _(", {due} due in the next {days} days. ").format(due=due, days=headline.DUE_WITHIN_DAYS)
        + n_(
            "Over three months {n} KPI moved towards target and {down} away from it.",
            "Over three months {n} KPIs moved towards target and {down} away from it.",
            up,
        ).format(n=up, down=down)
    )


def headline_section(ws: Workspace, as_of: date, links: Links | None = None) -> Html:
    """Verdicts per committee (worst first), what needs the sponsor, what is due in the next 30 days."""
    verdicts = headline.verdicts(ws, as_of)
    if not verdicts:
        return Html()
    month = period_of(as_of)
    rows = []
    for v in verdicts:
        c = ws.committee[v.committee]
        entry = headline.commentary(c, month)
        word = entry.text if entry and entry.month == month else ""
        rows.append(
            Html("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                committee_link(ws, v.committee, links), verdict_badge(v), _("; ").join(v.reasons), word
            )
        )
    grid = Html(
        '<div class="wide" tabindex="0"><table class="grid headline"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
        "<tbody>{}</tbody></table></div>"
    ).format(_("Committee"), _("Verdict"), _("Why"), _("The chair's word"), join(rows))
    asks = headline.needs_sponsor(ws, as_of)
    needs = bullets(
        (
            Html("{}: {} {} ({})").format(
                committee_link(ws, a.committee, links),
                a.action,
                a.text,
                n_("{n} day overdue", "{n} days overdue", a.days_overdue).format(n=a.days_overdue),
            )
            if a.action
            else Html("{}: {}").format(committee_link(ws, a.committee, links), a.text)
            for a in asks
        ),
        empty=_("Nothing needs the sponsor this month."),
    )
    decisions = bullets(
        (
            Html("{}, {}: {}{}").format(
                committee_link(ws, d.committee, links),
                figures.day(d.date, year=False),
                d.text,
                Html(" ({})").format(", ".join(d.actions)) if d.actions else "",
            )
            for d in headline.decided(ws, as_of)
        ),
        empty=_("No meeting decided anything this month."),
    )
    due = headline.due_next(ws, as_of)
    due_rows = join(
        Html("<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>").format(
            figures.day(d.due), committee_link(ws, d.committee, links), d.action, d.title, d.owner, _in(d.days_left)
        )
        for d in due
    )
    due_table = (
        Html(
            '<div class="wide" tabindex="0"><table class="grid due"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table></div>'
        ).format(_("Due"), _("Committee"), _("Action"), _("Responsible"), _("In"), due_rows)
        if due
        else Html('<p class="empty">{}</p>').format(
            _("Nothing is due in the next {days} days.").format(days=headline.DUE_WITHIN_DAYS)
        )
    )
    body = join(
        [
            Html('<p class="summary">{}</p>').format(summary(ws, as_of, verdicts)),
            grid,
            Html("<h3>{}</h3>").format(_("Needs the sponsor")),
            needs,
            Html("<h3>{}</h3>").format(_("Decided this month")),
            decisions,
            Html("<h3>{}</h3>").format(_("Due in the next {days} days").format(days=headline.DUE_WITHIN_DAYS)),
            due_table,
            Html('<p class="meta">{}</p>').format(_(RULE_NOTE)),
        ]
    )
    return section(_("The headline"), body, "headline")


RULE_NOTE = N_(
    "Off track: two or more health rules fail, or a quarter or more of the actions are overdue. "
    "Needs attention: one rule fails, or an action is overdue, at risk or off track, or fewer than half the "
    "judged KPIs are on target with none improving. Launching: not judged before its launch date."
)


def _in(days: int) -> str:
    return _("tomorrow") if days == 1 else n_("{n} day", "{n} days", days).format(n=days)


def committee_headline(ws: Workspace, c: Committee, as_of: date) -> Html:
    """A committee's verdict with its reasons, then the chair's commentary for the month and its asks."""
    v = headline.verdict(ws, c, as_of)
    month = period_of(as_of)
    top = Html('<p class="verdict">{} {}</p>').format(verdict_badge(v), sentence(v.reasons))
    entry = headline.commentary(c, month)
    if entry is None:
        word = Html('<p class="empty">{}</p>').format(
            one_stop(_("No commentary from the chair for {month}.").format(month=_month_label(month)))
        )
    else:
        person = ws.org.person.get(entry.by) if ws.org and entry.by else None
        who = f" ({person.name})" if person else ""
        own = entry.month == month
        title = _("The chair's word for {month}").format(month=_month_label(entry.month)) + who
        if not own:
            title += _(", the latest written: none yet for {month}").format(month=_month_label(month))
        asks = (
            join([Html("<h3>{}</h3>").format(_("Asked of the sponsor")), bullets(entry.asks)])
            if entry.asks and own
            else Html()
        )
        word = Html('<blockquote class="commentary"><p class="meta">{}</p><p>{}</p></blockquote>{}').format(
            title, entry.text, asks
        )
    return section(_("This month at a glance"), join([top, word]), "glance")
