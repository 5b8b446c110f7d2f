"""The headline a sponsor reads first: a verdict per committee, what needs the sponsor, what is due next.

The verdict (docs/review.md, "The headline"), judged on the plan as it stood on as_of:

- **launching**: the committee's launch date is after as_of; nothing is judged yet.
- **red** (off track): two or more health rules fail, or a quarter or more of its actions (those not
  dropped) are overdue.
- **amber** (needs attention): one health rule fails, or an action is overdue, at risk or off track,
  or fewer than half of its judged KPIs are on target and none of them is improving.
- **green** (on track): none of these.

Each verdict carries its reasons as short phrases in the page's language, the worst first. A KPI is *improving* when its
latest value moved towards its target over the last three months (its direction says which way).
What the committees decided: the decisions of the month's meetings. What needs the sponsor: the help the chair asks for in the month's commentary (commentary.yaml),
and the overdue actions whose escalation has reached the sponsor (overdue by more than
SPONSOR_AFTER_DAYS days, or the sponsor is the next person in the chain).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxgov.dates import period_of, shift
from cxgov.i18n.collate import sort_key
from cxgov.i18n.current import _, n_
from cxgov.views import escalation, health, kpis, roadmap
from cxgov.views.history import status_of
from cxgov.views.kpis import KpiTrend as KpiTrend  # the trend the verdicts read
from cxgov.views.words import day
from cxgov.workspace.model import Commentary, Committee, Workspace

RED, AMBER, GREEN, LAUNCHING = "red", "amber", "green", "launching"
VERDICT_LABEL = {RED: "Off track", AMBER: "Needs attention", GREEN: "On track", LAUNCHING: "Launching"}
RED_OVERDUE_SHARE = 0.25  # a quarter or more of the actions (not dropped) overdue is red
RED_FAILS = 2  # this many failing health rules is red
SPONSOR_AFTER_DAYS = 30  # an action overdue longer than this needs the sponsor
DUE_WITHIN_DAYS = 30


@dataclass(frozen=True, slots=True)
class Verdict:
    """A committee's colour on a day and why, worst reason first."""

    committee: str
    colour: str  # red | amber | green | launching
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return VERDICT_LABEL[self.colour]


@dataclass(frozen=True, slots=True)
class Ask:
    """Something that needs the sponsor: help the chair asks for, or an action escalated to them."""

    committee: str
    text: str
    action: str = ""  # the overdue action, for an escalation
    days_overdue: int = 0


@dataclass(frozen=True, slots=True)
class Decided:
    """A decision a committee's meeting took in the month."""

    committee: str
    date: date
    text: str
    actions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Due:
    """An open action due in the coming days."""

    committee: str
    action: str
    title: str
    due: date
    days_left: int
    owner: str  # the Responsible people's names


kpi_trend = kpis.trend  # how a committee's KPIs moved over three months (cxgov.views.kpis)


def verdict(ws: Workspace, c: Committee, as_of: date) -> Verdict:
    """The committee's colour on as_of, with its reasons (see the module's rule)."""
    if c.launch > as_of:
        return Verdict(c.id, LAUNCHING, (_("launching on {date}").format(date=day(c.launch)),))
    n = roadmap.counts(c, as_of)
    fails = [v for v in health.check(ws, c, as_of) if v.verdict == "fail"]
    active = n["actions_total"] - n["dropped"]
    overdue, at_risk = n["overdue"], n["at_risk"]
    _score, hit, judged = kpis.attainment(c, as_of)
    trend = kpi_trend(c, as_of)
    reasons: list[str] = []
    red = False
    if overdue and overdue / active >= RED_OVERDUE_SHARE:
        red = True
        reasons.append(_("{n} of {total} actions overdue").format(n=overdue, total=active))
    elif overdue:
        reasons.append(n_("{n} action overdue", "{n} actions overdue", overdue).format(n=overdue))
    if len(fails) >= RED_FAILS:
        red = True
    if fails:
        rules = ", ".join(v.rule for v in fails)
        failing = n_("{n} health rule failing ({rules})", "{n} health rules failing ({rules})", len(fails))
        reasons.append(failing.format(n=len(fails), rules=rules))
    if at_risk:
        reasons.append(
            n_("{n} action at risk or off track", "{n} actions at risk or off track", at_risk).format(n=at_risk)
        )
    if judged and hit * 2 < judged and not trend.improving:
        reasons.append(_("{n} of {total} KPIs on target, none improving").format(n=hit, total=judged))
    colour = RED if red else AMBER if reasons else GREEN
    if colour == GREEN:
        reasons.append(_("nothing overdue or at risk, every health rule passes"))
    return Verdict(c.id, colour, tuple(reasons))


def verdicts(ws: Workspace, as_of: date) -> list[Verdict]:
    """Every committee's verdict, worst first (red, amber, launching, green), then by name."""
    rank = {RED: 0, AMBER: 1, LAUNCHING: 2, GREEN: 3}
    names = {c.id: c.name for c in ws.committees}
    found = [verdict(ws, c, as_of) for c in ws.committees]
    return sorted(found, key=lambda v: (rank[v.colour], sort_key(names[v.committee])))


def commentary(c: Committee, month: str) -> Commentary | None:
    """The chair's latest commentary up to a month (YYYY-MM): the last entry of the latest month written.

    A later entry for a month corrects the earlier one; its month says which review it was written for.
    """
    found = [e for e in c.commentary if e.month <= month]
    if not found:
        return None
    latest = max(e.month for e in found)
    return [e for e in found if e.month == latest][-1]


def needs_sponsor(ws: Workspace, as_of: date) -> list[Ask]:
    """What needs the sponsor on as_of: the month's asks, then escalations, most overdue first."""
    month = period_of(as_of)
    out: list[Ask] = []
    for c in sorted(ws.committees, key=lambda c: sort_key(c.name)):
        entry = commentary(c, month)
        out += [Ask(c.id, text) for text in (entry.asks if entry and entry.month == month else ())]
    frame = escalation.escalations(ws, as_of, days=0)
    for row in frame[frame["days_overdue"] > 0].itertuples(index=False):
        c = ws.committee[str(row.committee)]
        chain = tuple(row.chain)
        next_is_sponsor = bool(chain) and chain[0] == c.sponsor
        if c.sponsor and (int(row.days_overdue) > SPONSOR_AFTER_DAYS or next_is_sponsor):
            out.append(Ask(c.id, str(row.title), str(row.action), int(row.days_overdue)))
    return out


def decided(ws: Workspace, as_of: date) -> list[Decided]:
    """The decisions of the meetings held in as_of's month up to as_of, oldest first, committees by name."""
    start = as_of.replace(day=1)
    out = [
        Decided(c.id, m.date, d.text, d.actions)
        for c in ws.committees
        for m in c.meetings
        if start <= m.date <= as_of
        for d in m.decisions
    ]
    names = {c.id: c.name.casefold() for c in ws.committees}
    return sorted(out, key=lambda d: (d.date, names[d.committee]))


def due_next(ws: Workspace, as_of: date, days: int = DUE_WITHIN_DAYS) -> list[Due]:
    """Open actions due after as_of and within days of it, soonest first, with who is Responsible by name."""
    until = shift(as_of, days)
    person = ws.org.person if ws.org else {}
    out: list[Due] = []
    for c in ws.committees:
        status = status_of(c, as_of)
        for a in c.actions:
            if status[a.id] in ("done", "dropped") or not (as_of < a.due <= until):
                continue
            owner = ", ".join(person[p].name if p in person else p for p in a.raci.responsible)
            out.append(Due(c.id, a.id, a.title, a.due, (a.due - as_of).days, owner))
    return sorted(out, key=lambda d: (d.due, d.committee, d.action))
