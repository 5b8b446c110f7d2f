"""Since last month: a committee's (or the organisation's) figures now and at the previous month's review.

A review is dated by the last day of its month (`cxgov.dates.review_date`), so
last month's review is as of the last day of the previous month
(`previous_review_date`). Each side is computed on the workspace as it stood
on its own day: the caller gives both (``cxgov.workspace.asof.workspace_as_of``
for each date), because a plan re-dated since must be judged as it was then.
The figures are those of the roll-up: done, open, overdue, at risk, KPIs on
target (of those judged), and the verdict of each health rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxgov.dates import FIRST_MONTH, month_end, period_of, shift_period
from cxgov.views import health, kpis, roadmap
from cxgov.workspace.model import Committee, Workspace

# The measures compared, with the direction that is an improvement (+1: more is better, -1: fewer, 0: neither).
MEASURES: dict[str, tuple[str, int]] = {
    "done": ("Actions done", +1),
    "open": ("Actions open", 0),
    "overdue": ("Overdue", -1),
    "at_risk": ("At risk or off track", -1),
    "kpis_on_target": ("KPIs on target", +1),
    "health_pass": ("Health rules passed", +1),
}


@dataclass(frozen=True, slots=True)
class Figures:
    """The compared figures of one committee, or of several summed, on one day."""

    counts: dict[str, int]  # MEASURES -> value, plus kpis_judged and health_judged (what the last two are "of")
    verdicts: dict[tuple[str, str], str]  # (committee, rule) -> pass | warn | fail


@dataclass(frozen=True, slots=True)
class Change:
    """One measure last month and now; before is None when there was nothing to compare then."""

    measure: str
    label: str
    before: int | None
    now: int
    of_before: int | None  # "of how many" for KPIs and health rules; None for plain counts
    of_now: int | None
    better: int  # +1: more is better, -1: fewer is better, 0: neither

    @property
    def delta(self) -> int | None:
        return None if self.before is None else self.now - self.before

    @property
    def verdict(self) -> str:
        """'better', 'worse', 'same' or 'new' (nothing last month); an open count is only 'changed'."""
        d = self.delta
        if d is None:
            return "new"
        if d == 0:
            return "same"
        if self.better == 0:
            return "changed"
        return "better" if d * self.better > 0 else "worse"


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """A health rule whose verdict differs from last month's."""

    committee: str
    rule: str
    before: str
    now: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """This review's figures against last month's review."""

    as_of: date
    previous: date  # the previous month's review date
    changes: list[Change]
    verdicts: list[VerdictChange]  # only the rules whose verdict changed, in committee then rule order
    new: list[str]  # committees launched after the previous review (nothing to compare for them)


def previous_review_date(as_of: date) -> date | None:
    """The date of the previous month's review (its last day); None before the first supported month."""
    period = period_of(as_of)
    if period <= FIRST_MONTH:
        return None
    return month_end(shift_period(period, -1))


def figures(ws: Workspace, c: Committee, as_of: date) -> Figures:
    """One committee's figures on a day (ws and c as they stood that day)."""
    n = roadmap.counts(c, as_of)
    _, hit, judged = kpis.attainment(c, as_of)
    verdicts = {(c.id, v.rule): v.verdict for v in health.check(ws, c, as_of)}
    counts = {key: n[key] for key in ("done", "open", "overdue", "at_risk")}
    counts |= {
        "kpis_on_target": hit,
        "kpis_judged": judged,
        "health_pass": sum(v == "pass" for v in verdicts.values()),
        "health_judged": len(verdicts),
    }
    return Figures(counts, verdicts)


def _summed(parts: list[Figures]) -> Figures:
    keys = [*MEASURES, "kpis_judged", "health_judged"]
    counts = {k: sum(f.counts[k] for f in parts) for k in keys}
    verdicts = {key: v for f in parts for key, v in f.verdicts.items()}
    return Figures(counts, verdicts)


def _existed(c: Committee | None, day: date) -> bool:
    return c is not None and c.launch <= day


def committee(now: Workspace, before: Workspace, cid: str, as_of: date) -> Comparison | None:
    """A committee's review against last month's; now and before are the workspace as it stood on each date.

    None when cid is not a loaded committee now or there is no previous month.
    """
    previous = previous_review_date(as_of)
    c = now.committee.get(cid)
    if c is None or previous is None:
        return None
    then = before.committee.get(cid)
    old = figures(before, then, previous) if then is not None and _existed(then, previous) else None
    return _compare(as_of, previous, figures(now, c, as_of), old, [] if old else [cid])


def organisation(now: Workspace, before: Workspace, as_of: date) -> Comparison | None:
    """The organisation's totals (every loaded committee summed) against last month's; None without a previous month.

    A committee launched after the previous review counts only now (it is listed in `new`); one left out
    of the workspace now (invalid files) counts in neither.
    """
    previous = previous_review_date(as_of)
    if previous is None:
        return None
    current = [figures(now, c, as_of) for c in now.committees]
    old: list[Figures] = []
    new: list[str] = []
    for c in now.committees:
        then = before.committee.get(c.id)
        if then is not None and _existed(then, previous):
            old.append(figures(before, then, previous))
        else:
            new.append(c.id)
    return _compare(as_of, previous, _summed(current), _summed(old) if old else None, new)


def _compare(as_of: date, previous: date, now: Figures, before: Figures | None, new: list[str]) -> Comparison:
    of = {"kpis_on_target": "kpis_judged", "health_pass": "health_judged"}
    changes = [
        Change(
            measure,
            label,
            before.counts[measure] if before else None,
            now.counts[measure],
            before.counts[of[measure]] if before and measure in of else None,
            now.counts[of[measure]] if measure in of else None,
            better,
        )
        for measure, (label, better) in MEASURES.items()
    ]
    old = before.verdicts if before else {}
    verdicts = [
        VerdictChange(cid, rule, old[(cid, rule)], verdict)
        for (cid, rule), verdict in now.verdicts.items()
        if (cid, rule) in old and old[(cid, rule)] != verdict
    ]
    return Comparison(as_of, previous, changes, verdicts, new)
