"""The "Since last month" block of a review page: last month's figures, now, and the change.

Shared by the committee and organisation pages (and the dashboard). The figures come from
`cxgov.views.compare`; the link to last month's page is given by the caller, who knows where
pages are written (`cxgov.review.render`): this module reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxgov.i18n.current import N_, _
from cxgov.report.figures import date_text
from cxgov.report.html import Html, badge, bullets, join, section, verdict_badge
from cxgov.views.compare import Change, Comparison
from cxgov.views.health import RULES

_CHANGE_CLASS = {"better": "ok", "worse": "bad", "changed": "muted", "same": "muted", "new": "muted"}
# The measures' words (cxgov.views.compare.MEASURES), marked for the catalogues: views keep them as data.
MEASURE_WORDS = (
    N_("Actions done"),
    N_("Actions open"),
    N_("Overdue"),
    N_("At risk or off track"),
    N_("KPIs on target"),
    N_("Health rules passed"),
)


@dataclass(frozen=True, slots=True)
class Previous:
    """Last month's page: its link when it exists; looked says whether a folder of reviews was searched."""

    month: str  # YYYY-MM
    link: str | None  # relative href, e.g. ../2026-10/index.html
    looked: bool


def previous_page(month: str, name: str, exists: bool, looked: bool = True) -> Previous:
    """Last month's page name.html beside this month's folder (../YYYY-MM/name.html), linked only if it exists."""
    return Previous(month, f"../{month}/{name}.html" if exists else None, looked)


def since_section(cmp: Comparison | None, previous: Previous | None, names: dict[str, str] | None = None) -> Html:
    """The block: a table measure / last month / now / change, then the health rules whose verdict changed.

    names maps committee ids to names for the organisation page (which says whose rule changed);
    without it (a committee page) rules are listed alone. Empty without a previous month.
    """
    if cmp is None:
        return Html()
    lead = _lead(cmp.previous, previous)
    rows = join(
        Html("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            _(ch.label), _value(ch.before, ch.of_before), _value(ch.now, ch.of_now), _change(ch)
        )
        for ch in cmp.changes
    )
    grid = Html(
        '<table class="grid since"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>'
    ).format(
        _("Measure"),
        _("Last month ({date})").format(date=date_text(cmp.previous)),
        _("Now ({date})").format(date=date_text(cmp.as_of)),
        _("Change"),
        rows,
    )
    verdicts = bullets(
        (
            Html("{}{} {}: {} → {}").format(
                Html("{} · ").format(names.get(v.committee, v.committee)) if names is not None else Html(),
                v.rule,
                _(RULES[v.rule]) if v.rule in RULES else "",
                verdict_badge(v.before),
                verdict_badge(v.now),
            )
            for v in cmp.verdicts
        ),
        empty=_("No health verdict changed since last month."),
    )
    if not cmp.new:
        new = Html()
    elif names is None:
        new = Html('<p class="meta">{}</p>').format(
            _("This committee launched after last month's review: nothing to compare yet.")
        )
    else:
        new = Html('<p class="meta">{}</p>').format(
            _("Launched after last month's review, so counted only now: {names}.").format(
                names=", ".join(names.get(cid, cid) for cid in cmp.new)
            )
        )
    body = Html("{}{}<h3>{}</h3>{}").format(grid, new, _("Health rules that changed verdict"), verdicts)
    return section(_("Since last month"), body, "since", lead)


def _lead(day: date, previous: Previous | None) -> Html:
    told = _("Compared with last month's review, as of {date}").format(date=date_text(day))
    if previous is None or not previous.looked:
        return Html("{}.").format(told)
    if previous.link is None:
        return Html("{}; {}.").format(told, _("no review for {month} in this folder").format(month=previous.month))
    return Html('{}: <a href="{}">{}</a>.').format(
        told, previous.link, _("the {month} review").format(month=previous.month)
    )


def _value(value: int | None, of: int | None) -> Html:
    if value is None:
        return Html("—")
    return (
        Html("{}").format(_("{n} of {total}").format(n=value, total=of)) if of is not None else Html("{}").format(value)
    )


def _change(ch: Change) -> Html:
    delta = ch.delta
    if delta is None:
        return badge(_("new"), "muted")
    if delta == 0:
        return badge(_("no change"), "muted")
    word = _("▲ {n} more") if delta > 0 else _("▼ {n} fewer")
    return badge(word.format(n=abs(delta)), _CHANGE_CLASS[ch.verdict])
