"""The "Since last month" block of a review page: last month's figures, now, and the change.

Shared by the committee and organisation pages (and the dashboard). The figures come from
`cxgov.views.compare`; the link to last month's page is given by the caller, who knows where
pages are written (`cxgov.review.render`): this module reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxgov.i18n.current import _
from cxgov.report.html import Html, badge, bullets, join, section, verdict_badge
from cxgov.views.compare import Change, Comparison
from cxgov.views.health import RULES

_CHANGE_CLASS = {"better": "ok", "worse": "bad", "changed": "muted", "same": "muted", "new": "muted"}


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
            ch.label, _value(ch.before, ch.of_before), _value(ch.now, ch.of_now), _change(ch)
        )
        for ch in cmp.changes
    )
    grid = Html(
        '<table class="grid since"><thead><tr><th scope="col">Measure</th><th scope="col">Last month ({})</th>'
        '<th scope="col">Now ({})</th><th scope="col">Change</th></tr></thead><tbody>{}</tbody></table>'
    ).format(cmp.previous, cmp.as_of, rows)
    verdicts = bullets(
        (
            Html("{}{} {}: {} → {}").format(
                Html("{} · ").format(names.get(v.committee, v.committee)) if names is not None else Html(),
                v.rule,
                RULES.get(v.rule, ""),
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
        new = Html('<p class="meta">This committee launched after last month\'s review: nothing to compare yet.</p>')
    else:
        new = Html('<p class="meta">Launched after last month\'s review, so counted only now: {}.</p>').format(
            ", ".join(names.get(cid, cid) for cid in cmp.new)
        )
    body = Html("{}{}<h3>Health rules that changed verdict</h3>{}").format(grid, new, verdicts)
    return section(_("Since last month"), body, "since", lead)


def _lead(day: date, previous: Previous | None) -> Html:
    told = Html("Compared with last month's review, as of {}").format(day)
    if previous is None or not previous.looked:
        return Html("{}.").format(told)
    if previous.link is None:
        return Html("{}; no review for {} in this folder.").format(told, previous.month)
    return Html('{}: <a href="{}">the {} review</a>.').format(told, previous.link, previous.month)


def _value(value: int | None, of: int | None) -> Html:
    if value is None:
        return Html("—")
    return Html("{} of {}").format(value, of) if of is not None else Html("{}").format(value)


def _change(ch: Change) -> Html:
    delta = ch.delta
    if delta is None:
        return badge(_("new"), "muted")
    if delta == 0:
        return badge(_("no change"), "muted")
    word = "more" if delta > 0 else "fewer"
    return badge(f"{'▲' if delta > 0 else '▼'} {abs(delta)} {word}", _CHANGE_CLASS[ch.verdict])
