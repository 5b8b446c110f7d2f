"""The headline block: verdicts in colour and words, what needs the sponsor, what is due next, the chair's word.

The organisation page and the dashboard's overview open with `headline_section`; a committee page
opens with `committee_headline` (its verdict and the chair's commentary for the month). The rule
behind the verdicts is cxgov.views.headline's, documented in docs/review.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cxgov.dates import period_of
from cxgov.report import figures
from cxgov.report.html import Html, badge, bullets, join, section
from cxgov.views import headline, roadmap
from cxgov.views.headline import AMBER, GREEN, LAUNCHING, RED, Verdict
from cxgov.workspace.model import Committee, Workspace

VERDICT_CLASS = {RED: "bad", AMBER: "warn", GREEN: "ok", LAUNCHING: "muted"}
Links = Mapping[str, str]  # committee id -> the relative URL of its page


def verdict_badge(v: Verdict) -> Html:
    """The verdict as a coloured badge with its word (colour is never the only signal)."""
    return badge(v.label, VERDICT_CLASS[v.colour])


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _committee(ws: Workspace, cid: str, links: Links | None) -> str | Html:
    c = ws.committee.get(cid)
    name = c.name if c else cid
    href = links.get(cid) if links else None
    return Html('<a href="{}">{}</a>').format(href, name) if href else name


def _month_label(month: str) -> str:
    return figures.month(date.fromisoformat(month + "-01"))


def summary(ws: Workspace, as_of: date, verdicts: list[Verdict]) -> str:
    """One plain-language paragraph: how many committees stand where, what is late and due, the KPIs' trend."""
    by = {colour: sum(v.colour == colour for v in verdicts) for colour in (RED, AMBER, GREEN, LAUNCHING)}
    parts = [
        f"{by[RED]} {'is' if by[RED] == 1 else 'are'} off track",
        f"{by[AMBER]} {'needs' if by[AMBER] == 1 else 'need'} attention",
        f"{by[GREEN]} {'is' if by[GREEN] == 1 else 'are'} on track",
    ]
    if by[LAUNCHING]:
        parts.append(f"{by[LAUNCHING]} {'is' if by[LAUNCHING] == 1 else 'are'} launching")
    counts = [roadmap.counts(c, as_of) for c in ws.committees]
    overdue = sum(n["overdue"] for n in counts)
    due = len(headline.due_next(ws, as_of))
    trends = [headline.kpi_trend(c, as_of) for c in ws.committees]
    up, down = sum(t.improving for t in trends), sum(t.worsening for t in trends)
    return (
        f"Of {_plural(len(verdicts), 'committee')}, {', '.join(parts[:-1])} and {parts[-1]}. "
        f"{_plural(overdue, 'action')} overdue, {due} due in the next {headline.DUE_WITHIN_DAYS} days. "
        f"Over three months {_plural(up, 'KPI')} moved towards target and {down} away from it."
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
                _committee(ws, v.committee, links), verdict_badge(v), "; ".join(v.reasons), word
            )
        )
    grid = Html(
        '<div class="wide" tabindex="0"><table class="grid headline"><thead><tr><th scope="col">Committee</th>'
        '<th scope="col">Verdict</th><th scope="col">Why</th><th scope="col">The chair\'s word</th></tr></thead>'
        "<tbody>{}</tbody></table></div>"
    ).format(join(rows))
    asks = headline.needs_sponsor(ws, as_of)
    needs = bullets(
        (
            Html("{}: {} {} ({} overdue)").format(
                _committee(ws, a.committee, links), a.action, a.text, _plural(a.days_overdue, "day")
            )
            if a.action
            else Html("{}: {}").format(_committee(ws, a.committee, links), a.text)
            for a in asks
        ),
        empty="Nothing needs the sponsor this month.",
    )
    decisions = bullets(
        (
            Html("{}, {}: {}{}").format(
                _committee(ws, d.committee, links),
                figures.day(d.date, year=False),
                d.text,
                Html(" ({})").format(", ".join(d.actions)) if d.actions else "",
            )
            for d in headline.decided(ws, as_of)
        ),
        empty="No meeting decided anything this month.",
    )
    due = headline.due_next(ws, as_of)
    due_rows = join(
        Html("<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>").format(
            figures.day(d.due), _committee(ws, d.committee, links), d.action, d.title, d.owner, _in(d.days_left)
        )
        for d in due
    )
    due_table = (
        Html(
            '<div class="wide" tabindex="0"><table class="grid due"><thead><tr><th scope="col">Due</th>'
            '<th scope="col">Committee</th><th scope="col">Action</th><th scope="col">Responsible</th>'
            '<th scope="col">In</th></tr></thead><tbody>{}</tbody></table></div>'
        ).format(due_rows)
        if due
        else Html('<p class="empty">Nothing is due in the next {} days.</p>').format(headline.DUE_WITHIN_DAYS)
    )
    body = join(
        [
            Html('<p class="summary">{}</p>').format(summary(ws, as_of, verdicts)),
            grid,
            Html("<h3>Needs the sponsor</h3>"),
            needs,
            Html("<h3>Decided this month</h3>"),
            decisions,
            Html("<h3>Due in the next {} days</h3>").format(headline.DUE_WITHIN_DAYS),
            due_table,
            Html('<p class="meta">{}</p>').format(RULE_NOTE),
        ]
    )
    return section("The headline", body, "headline")


RULE_NOTE = (
    "Off track: two or more health rules fail, or a quarter or more of the actions are overdue. "
    "Needs attention: one rule fails, or an action is overdue, at risk or off track, or fewer than half the "
    "judged KPIs are on target with none improving. Launching: not judged before its launch date."
)


def _sentence(parts: tuple[str, ...]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _in(days: int) -> str:
    return "tomorrow" if days == 1 else f"{days} days"


def committee_headline(ws: Workspace, c: Committee, as_of: date) -> Html:
    """A committee's verdict with its reasons, then the chair's commentary for the month and its asks."""
    v = headline.verdict(ws, c, as_of)
    month = period_of(as_of)
    top = Html('<p class="verdict">{} {}</p>').format(verdict_badge(v), _sentence(v.reasons))
    entry = headline.commentary(c, month)
    if entry is None:
        word = Html('<p class="empty">No commentary from the chair for {}.</p>').format(_month_label(month))
    else:
        person = ws.org.person.get(entry.by) if ws.org and entry.by else None
        who = f" ({person.name})" if person else ""
        own = entry.month == month
        title = f"The chair's word for {_month_label(entry.month)}{who}"
        if not own:
            title += f", the latest written: none yet for {_month_label(month)}"
        asks = join([Html("<h3>Asked of the sponsor</h3>"), bullets(entry.asks)]) if entry.asks and own else Html()
        word = Html('<blockquote class="commentary"><p class="meta">{}</p><p>{}</p></blockquote>{}').format(
            title, entry.text, asks
        )
    return section("This month at a glance", join([top, word]), "glance")
