"""Generate a large, valid, deterministic cxgov workspace for benchmarks.

Usage::

    python benchmarks/make_workspace.py OUT_DIR [--committees 40] [--actions 100]
        [--people 200] [--signals 500] [--seed 1] [--force]

The defaults give 40 committees of 100 actions each, 200 people, about 96,000
status updates, 28,800 KPI measurements and 500 signals over a 24-month history
(launches around 2025-01-01, history up to 2026-11-30). The same arguments give
byte-identical files. Stdlib only: YAML is written by a small emitter that
double-quotes every string (JSON escapes are valid YAML) and leaves dates bare.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def table(text: str) -> list[list[str]]:
    """Split a `|`-separated multi-line table into rows."""
    return [line.split("|") for line in text.strip().splitlines()]


END = date(2026, 11, 30)  # last day of the history
PERIODS = [f"{2024 + (11 + i) // 12}-{(11 + i) % 12 + 1:02d}" for i in range(24)]
HORIZONS = (3, 6, 12)
# Meeting step in days, step in months, jitter in days: a gap never exceeds 1.5 times the cadence.
CADENCES = {"weekly": (7, 0, 1), "biweekly": (14, 0, 2), "monthly": (0, 1, 3), "quarterly": (0, 3, 5)}
DEPTS = table("""
support|Customer Support
cx|Customer Experience
product|Product
operations|Operations
marketing|Marketing
website|Website
billing|Billing
sales|Sales""")
STAGES = table("""
discover|Discover|web|plans-page price-compare store-visit sales-call
buy|Buy|web|online-checkout credit-check contract-sign order-confirm
onboarding|Onboarding|phone|welcome-call activation-help delivery installation
use|Use|app|mobile-app bill-explained outage-notice help-centre
support|Get help|chat|live-chat call-centre complaint cancellation""")
TOUCHPOINTS = [t for stage in STAGES for t in stage[3].split()]
N_OUTCOMES = 6  # the first rows of KPIS are outcome KPIs, the rest operational
KPIS = table("""
csat|CSAT|%|up|72|85
nps|Net Promoter Score|score|up|12|30
ces|Customer effort score|score|down|3.8|2.5
churn|Monthly churn rate|%|down|2.4|1.6
repeat-contact|Repeat contact rate|%|down|28|15
retention|12-month retention|%|up|81|88
frt|First reply time (median)|hours|down|4|1
aht|Average handle time|minutes|down|9.5|7
fcr|First contact resolution|%|up|64|80
backlog|Open ticket backlog|count|down|1800|600
abandon-rate|Call abandonment rate|%|down|8|3
self-service-rate|Self-service resolution|%|up|22|45
help-search-success|Help-centre search success|%|up|48|70
activation-time|Time to activate|days|down|5|2
onboarding-completion|Onboarding completion|%|up|70|90
billing-errors|Billing error rate|%|down|1.8|0.5
billing-disputes|Billing disputes per 1,000 bills|count|down|12|5
delivery-on-time|On-time delivery|%|up|88|97
install-first-time|Installation right first time|%|up|79|93
outage-minutes|Customer-facing outage minutes|minutes|down|240|60
complaint-time|Complaint resolution time|days|down|9|3
escalation-rate|Escalation rate|%|down|11|5
callback-kept|Callbacks kept on time|%|up|75|95
chat-wait|Chat wait time|minutes|down|6|1.5
page-speed|Website page load|seconds|down|3.2|1.5
checkout-success|Checkout success|%|up|61|78
campaign-optout|Campaign opt-out rate|%|down|1.4|0.7
agent-attrition|Agent attrition|%|down|32|18
training-hours|Training hours per agent|hours|up|6|16
feedback-closed|Feedback closed within 7 days|%|up|40|80""")
FIRST, LAST = table("""
Ana|Bo|Dee|Marta|José|Zoë|Liam|Aisha|Kenji|Olga|Pierre|Sven|Nia|Ravi
Kowalska|Nielsen|O'Brien|García|Müller|Okafor|Tanaka|Silva|Dubois|Rossi""")
TITLES = ["Analyst", "Team lead", "Manager", "Specialist"]
VERBS = ["Map", "Fix", "Simplify", "Redesign", "Automate", "Measure", "Pilot"]
THINGS = ["the hand-off", "the script", "the FAQ", "the form", "the escalation path"]
GOALS = [
    "Journey agreed; top 15 priorities set; first fixes shipped",
    "Shared KPIs reviewed monthly by all departments",
    "Repeat contacts about the priority touchpoints halved",
]
NOTES = """Workshop held with support, product and operations
Progress as planned
Vendor "quick fix" rejected, rework needed
Blocked on data access, escalated to sponsor
Pilot live in two regions
Resourcing gap; chair informed
Scope cut to phase 1, see meeting notes""".splitlines()
CHECKS = ["Benefit check: KPI moving, keep monitoring", "Benefit check, no regression"]
DECISIONS = """Fund the fix from the shared budget
Escalate staffing gap to sponsor, urgently
Pause the campaign until the "new offer" copy is fixed
Agree KPI targets for next quarter
Close the pilot; roll out to all regions""".splitlines()
MEETING_NOTE = 'Sponsor asked for five lost-customer calls a month, "no excuses".'
SOURCES = ["self-service feedback", "call centre", "NPS survey", "app review"]
ISSUES = """Cannot find how to activate
Bill is confusing, charges unclear
Told "we will call back", never did
Checkout failed twice
Installer did not show up""".splitlines()
MATURITY = table(
    "qualified_team|staffing|act_on_feedback|feedback_agility|data_visualisation|timely_data|agent_technology"
)[0]


def scalar(value: object) -> str:
    """Render a YAML scalar: bools and numbers and dates bare, strings double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def dump(obj: dict[str, Any] | list[Any], indent: int = 0) -> list[str]:
    """Render mappings as blocks, lists of scalars in flow style, lists of maps as blocks."""
    pad, lines = " " * indent, []
    if isinstance(obj, list):
        for item in obj:
            sub = dump(item, indent + 2)
            lines += [f"{pad}- {sub[0].lstrip()}", *sub[1:]]
        return lines
    for key, value in obj.items():
        if isinstance(value, dict) or (value and isinstance(value, list) and isinstance(value[0], dict)):
            lines += [f"{pad}{key}:", *dump(value, indent + 2)]
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(map(scalar, value))}]")
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def add_months(d: date, n: int) -> date:
    """Move a date n months on, clamping the day to the target month's length."""
    y, m = d.year + (d.month - 1 + n) // 12, (d.month - 1 + n) % 12 + 1
    last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def rand_date(rng: random.Random, lo: date, hi: date) -> date:
    """Pick a uniformly random date in [lo, hi]."""
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def make_org(rng: random.Random, n_people: int) -> dict[str, Any]:
    """Build org.yaml: departments, people (the first per department is its executive head), journey."""
    people = []
    for i in range(n_people):
        dept, dept_name = DEPTS[i % len(DEPTS)]
        pid, exe = f"p{i + 1:03d}", i < len(DEPTS)
        title = f"Head of {dept_name}" if exe else rng.choice(TITLES)
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"{pid}@example.com"
        people.append(dict(id=pid, name=name, email=email, department=dept, title=title, executive=exe))
    stages = []
    for sid, stage_name, channel, tps in STAGES:
        points = [dict(id=t, name=t.replace("-", " ").capitalize(), channel=channel) for t in tps.split()]
        stages.append(dict(id=sid, name=stage_name, touchpoints=points))
    journey = {"agreed": date(2024, 12, 9), "stages": stages, "priorities": rng.sample(TOUCHPOINTS, 15)}
    departments = [{"id": d, "name": n} for d, n in DEPTS]
    return {"organisation": "Benchmark Telco", "departments": departments, "people": people, "journey": journey}


def make_kpis(rng: random.Random, members: list[str], others: list[str]) -> list[dict[str, Any]]:
    """Build 30 KPIs; each outcome is driven by 4+ operational ones, a few drive other committees'."""
    outcomes, kpis = [row[0] for row in KPIS[:N_OUTCOMES]], []
    for i, (kid, name, unit, direction, base, target) in enumerate(KPIS):
        kind = "outcome" if i < N_OUTCOMES else "operational"
        kpi: dict[str, Any] = dict(id=kid, name=name, kind=kind, unit=unit, direction=direction)
        kpi["baseline"] = round(float(base) * rng.uniform(0.9, 1.1), 2)
        kpi |= dict(target=float(target), owner=rng.choice(members))
        if i >= N_OUTCOMES:
            kpi["drives"] = [outcomes[i % N_OUTCOMES]] + [outcomes[(i + 1) % N_OUTCOMES]] * (rng.random() < 0.3)
            if others and i % 12 == 7:  # cross-committee: two per committee
                kpi["drives"].append(f"{rng.choice(others)}/{rng.choice(outcomes)}")
        if i < 2 or rng.random() < 0.1:
            kpi |= {"shared": True, "weight": 2}
        kpis.append(kpi)
    return kpis


def action_updates(rng: random.Random, aid: str, launch: date, due: date, who: list[str]) -> list[list[str]]:
    """Return an action's status rows: progress, then done (benefit checks follow) or dropped, or open."""
    start, fate = launch + timedelta(days=rng.randint(0, 14)), rng.random()
    span = (END - start).days
    days = sorted(rng.sample(range(span + 1), min(span + 1, rng.randint(17, 31))))
    close = max(start + timedelta(days=14), due + timedelta(days=rng.randint(-20, 45)))
    # A closing action gets a row on its close date, an open one a recent row.
    recent = END - timedelta(days=rng.randint(0, 20))
    last = close if fate < 0.85 else recent
    rows: list[list[str]] = []
    for d in sorted({last, *(start + timedelta(days=n) for n in days)}):
        if fate < 0.85 and d >= close:
            status = "done" if fate < 0.8 else "dropped"
            closed = bool(rows) and rows[-1][2] == status
            if closed and status == "dropped":
                break
            note = rng.choice(CHECKS) if closed else "Closed, benefits tracked in KPIs"
        elif not rows and rng.random() < 0.3:
            status, note = "not_started", "Kick-off planned"
        else:
            status = rng.choices(["on_track", "at_risk", "off_track"], weights=[65, 22, 13])[0]
            note = rng.choice(NOTES) if rng.random() < 0.7 else ""
        rows.append([d.isoformat(), aid, status, rng.choice(who), note])
    return rows


def make_plan(
    rng: random.Random, charter: dict[str, Any], outsiders: list[str], kpi_ids: list[str], n_actions: int
) -> tuple[dict[str, Any], list[list[str]]]:
    """Build plan.yaml (actions numbered in due order, dated within their milestone) and its updates."""
    launch, members, depts = charter["launch"], charter["members"], charter["departments"]
    due = {h: add_months(launch, h) - timedelta(days=1) for h in HORIZONS}
    starts = {3: launch + timedelta(days=14), 6: due[3] + timedelta(days=1), 12: due[6] + timedelta(days=1)}
    horizons = [*HORIZONS, *rng.choices(HORIZONS, weights=[3, 3.5, 3.5], k=n_actions - 3)]
    dated = sorted((rand_date(rng, starts[h], due[h]), h) for h in horizons)
    actions, updates = [], []
    for n, (adue, h) in enumerate(dated, start=1):
        aid, acc = f"A{n}", rng.choice(members)
        tps = rng.sample(TOUCHPOINTS, rng.randint(1, 2))
        nr, nc, ni = rng.randint(1, 3), rng.randint(0, 3), rng.randint(0, 3)
        pick = rng.sample([p for p in members + outsiders if p != acc], nr + nc + ni)
        raci = {
            "responsible": pick[:nr],
            "accountable": acc,
            "consulted": pick[nr : nr + nc],
            "informed": pick[nr + nc :],
        }
        action = {
            "id": aid,
            "title": f"{rng.choice(VERBS)} {rng.choice(THINGS)} at {tps[0].replace('-', ' ')}",
            "horizon": h,
            "due": adue,
            "raci": {k: v for k, v in raci.items() if v},
            "kpis": rng.sample(kpi_ids, rng.randint(1, 3)),
            "touchpoints": tps,
            "departments": rng.sample(depts, rng.randint(1, len(depts))),
        }
        if rng.random() < 0.6:
            action["evidence"] = f'{rng.randint(5, 60)}% of {rng.choice(SOURCES)} say "{rng.choice(ISSUES)}"'
        # Depend only on earlier (and earlier-due) actions: no cycles.
        if n > 1 and rng.random() < 0.25:
            action["depends_on"] = [f"A{d}" for d in sorted(rng.sample(range(1, n), min(n - 1, 2)))]
        actions.append(action)
        updates += action_updates(rng, aid, launch, adue, [*pick[:nr], acc])
    updates.sort(key=lambda row: (row[0], int(row[1][1:])))
    milestones = [{"horizon": h, "goal": g, "due": due[h]} for h, g in zip(HORIZONS, GOALS, strict=True)]
    return {"milestones": milestones, "actions": actions}, updates


def make_meetings(rng: random.Random, launch: date, cadence: str, members: list[str], n_actions: int) -> dict[str, Any]:
    """Build meetings.yaml: meetings on cadence up to END, sponsor (members[0]) attending often."""
    sponsor, chair, rest = members[0], members[1], members[2:]
    step_days, step_months, jitter = CADENCES[cadence]
    meetings: list[dict[str, Any]] = []
    d = first = launch + timedelta(days=rng.randint(3, 10))
    while d <= END:
        attendees = [chair, *rng.sample(rest, rng.randint(len(rest) // 2, len(rest)))]
        if step_months or len(meetings) % 4 == 0 or rng.random() < 0.4:
            attendees.insert(0, sponsor)
        decisions: list[dict[str, Any]] = [{"text": rng.choice(DECISIONS)} for _ in range(rng.randint(1, 3))]
        for decision in decisions:
            if rng.random() < 0.4:
                picked = rng.sample(range(1, n_actions + 1), 2)
                decision["actions"] = [f"A{a}" for a in picked]
        meetings.append({"date": d, "attendees": attendees, "decisions": decisions})
        if rng.random() < 0.3:
            meetings[-1]["notes"] = MEETING_NOTE
        i = len(meetings)
        shift = step_days * i + rng.randint(-jitter, jitter)
        d = add_months(first, step_months * i) + timedelta(days=shift)
    return {"meetings": meetings}


def make_measurements(rng: random.Random, launch: date, kpis: list[dict[str, Any]]) -> list[list[str]]:
    """Return one row per KPI per month, drifting from baseline toward target with noise."""
    rows = []
    for kpi in kpis:
        base, pace = kpi["baseline"], rng.uniform(0.5, 1.1)
        gap = kpi["target"] - base
        for period in PERIODS:
            year, month = int(period[:4]), int(period[5:])
            months = max(0, (year - launch.year) * 12 + month - launch.month)
            progress = min(1.0, pace * months / 18)
            value = max(0.0, base + gap * progress + rng.gauss(0, 0.05) * abs(gap))
            value = min(100.0, value) if kpi["unit"] == "%" else value
            text = str(round(value)) if kpi["unit"] == "count" else f"{value:.2f}"
            note = "estimate, data gap in source system" if rng.random() < 0.03 else ""
            rows.append([kpi["id"], period, text, note])
    return rows


def make_signals(rng: random.Random, n: int, closes: dict[str, dict[str, str]]) -> list[list[str]]:
    """Return signals in date order; about 60% routed to an action still open on that date."""
    rows = []
    for i, d in enumerate(sorted(rand_date(rng, date(2025, 1, 6), END) for _ in range(n)), start=1):
        committee = rng.choice(sorted(closes)) if rng.random() < 0.6 else ""
        open_actions = [a for a, c in closes.get(committee, {}).items() if c > d.isoformat()]
        action = rng.choice(open_actions) if open_actions else ""
        departments = ";".join(rng.sample([d for d, _ in DEPTS], rng.randint(1, 4)))
        touchpoint = rng.choice(TOUCHPOINTS) if rng.random() < 0.9 else ""
        routing = [committee, action] if action else ["", ""]
        rows.append(
            [d.isoformat(), f"S{i}", rng.choice(SOURCES), rng.choice(ISSUES), touchpoint, departments, *routing]
        )
    return rows


def write_csv(path: Path, header: str, rows: list[list[str]]) -> None:
    """Write a CSV file with a comma-separated header, Unix line endings and minimal quoting."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header.split(","))
        writer.writerows(rows)


def write_yaml(path: Path, obj: dict[str, Any]) -> None:
    """Write obj as YAML text."""
    path.write_text("\n".join(dump(obj)) + "\n", encoding="utf-8")


def make_committee(
    rng: random.Random, out: Path, cid: str, others: list[str], people: list[dict[str, Any]], n_actions: int
) -> tuple[int, int, dict[str, str]]:
    """Write one committee folder; return update and measurement counts and action close dates."""
    depts = rng.sample([d for d, _ in DEPTS], rng.randint(3, 5))
    sponsor = next(p["id"] for p in people if p["executive"] and p["department"] == depts[0])
    candidates = [p["id"] for p in people if p["department"] in depts and not p["executive"]]
    members = [sponsor, *rng.sample(candidates, min(len(candidates), rng.randint(5, 11)))]
    outsiders = rng.sample([p["id"] for p in people if p["id"] not in members], 8)
    cadence = rng.choices(list(CADENCES), weights=[1, 3, 5, 1])[0]
    launch = date(2024, 12, 23) + timedelta(days=rng.randint(0, 40))
    name, purpose = f"Committee {cid.split('-')[-1]}: {', '.join(depts)}", f"Align {', '.join(depts)} on one plan."
    budget = dict(
        line="journey fixes, phase 1", amount=rng.randint(2, 40) * 5000, currency="EUR", departments=depts[:2]
    )
    charter = dict(id=cid, name=name, purpose=purpose, chair=members[1], sponsor=sponsor, members=members)
    charter |= dict(departments=depts, cadence=cadence, launch=launch, budget=[budget])
    kpis = make_kpis(rng, members, others)
    plan, updates = make_plan(rng, charter, outsiders, [k["id"] for k in kpis], n_actions)
    measurements = make_measurements(rng, launch, kpis)
    (out / cid).mkdir()
    write_yaml(out / cid / "committee.yaml", charter)
    write_yaml(out / cid / "plan.yaml", plan)
    write_yaml(out / cid / "kpis.yaml", {"kpis": kpis})
    write_yaml(out / cid / "meetings.yaml", make_meetings(rng, launch, cadence, members, n_actions))
    maturity = [
        {"date": add_months(launch, 6 * j), **{c: rng.random() < 0.3 + 0.17 * j for c in MATURITY}} for j in range(4)
    ]
    write_yaml(out / cid / "maturity.yaml", {"assessments": maturity})
    write_csv(out / cid / "updates.csv", "date,action,status,by,note", updates)
    write_csv(out / cid / "measurements.csv", "kpi,period,value,note", measurements)
    closes = {f"A{n}": "9999-12-31" for n in range(1, n_actions + 1)}
    for row in reversed(updates):  # the first done/dropped row wins
        if row[2] in ("done", "dropped"):
            closes[row[1]] = row[0]
    return len(updates), len(measurements), closes


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, generate the workspace and print a one-line summary."""
    parser = argparse.ArgumentParser(description="Generate a large cxgov benchmark workspace.")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--committees", type=int, default=40)
    parser.add_argument("--actions", type=int, default=100, help="actions per committee")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--signals", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR if it is not empty")
    args = parser.parse_args(argv)
    if not 1 <= args.committees <= 999 or args.actions < 3 or args.people < 60 or args.signals < 0:
        parser.error("need 1-999 committees, 3+ actions per committee, 60+ people, 0+ signals")
    start, out = time.perf_counter(), args.out_dir
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not args.force:
            print(f"error: {out} exists and is not empty; use --force to replace it", file=sys.stderr)
            return 2
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    org = make_org(rng, args.people)
    write_yaml(out / "org.yaml", org)
    cids = [f"committee-{i + 1:0{max(2, len(str(args.committees)))}d}" for i in range(args.committees)]
    n_updates = n_measurements = 0
    closes = {}
    for cid in cids:
        others = [c for c in cids if c != cid]
        n_u, n_m, closes[cid] = make_committee(rng, out, cid, others, org["people"], args.actions)
        n_updates, n_measurements = n_updates + n_u, n_measurements + n_m
    header = "date,id,source,summary,touchpoint,departments,committee,action"
    write_csv(out / "signals.csv", header, make_signals(rng, args.signals, closes))
    print(
        f"{out}: {len(cids)} committees, {len(cids) * args.actions} actions, {args.people} people, "
        f"{n_updates} update rows, {n_measurements} measurement rows, {args.signals} signals "
        f"in {time.perf_counter() - start:.2f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
