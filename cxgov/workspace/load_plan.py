"""Load and validate a committee's plan (plan.yaml): milestones, actions, RACI."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from cxgov.dates import add_months
from cxgov.errors import show
from cxgov.workspace.fields import Ctx, Fields
from cxgov.workspace.model import HORIZONS, Action, Milestone, Org, Raci
from cxgov.workspace.safeyaml import YInt, YMap, YSeq

ACTION_KEYS = (
    "id",
    "title",
    "horizon",
    "due",
    "raci",
    "kpis",
    "touchpoints",
    "departments",
    "evidence",
    "depends_on",
)
RACI_KEYS = ("responsible", "accountable", "consulted", "informed")


def default_due(launch: date, horizon: int) -> date:
    """Launch plus horizon months, minus one day (2026-07-01, 3 -> 2026-09-30)."""
    return add_months(launch, horizon) - timedelta(days=1)


def read_plan(
    ctx: Ctx, data: object, org: Org, launch: date | None, kpi_ids: Collection[str] | None
) -> tuple[list[Milestone], list[Action]]:
    """Validate plan.yaml's data into milestones and actions."""
    top = ctx.mapping(data, 1, None, "")
    if top is None:
        return [], []
    top.allowed(("milestones", "actions"))
    milestones = _milestones(top, launch)
    due_of = {m.horizon: m.due for m in milestones}
    actions = _actions(top, org, due_of, kpi_ids)
    _check_dependencies(top, actions)
    return milestones, actions


def declared_ids(data: object, key: str) -> set[str]:
    """Ids of the items under key, even items with other problems (to avoid cascading messages)."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return set()
    out = set()
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), (str, int)) and not isinstance(item["id"], bool):
            value = item["id"]
            out.add(value.text if isinstance(value, YInt) else str(value))
    return out


def _milestones(top: Fields, launch: date | None) -> list[Milestone]:
    out: dict[int, Milestone] = {}
    seen: set[int] = set()
    wrong = 0  # entries with a bad or repeated horizon: a missing horizon is then not news
    for _, line, item in top.items("milestones", required=True):
        f = top.ctx.mapping(item, line, "milestone", "milestones", nested=False)
        if f is None:
            continue
        horizon = f.choice("horizon", HORIZONS)
        wrong += horizon is None or horizon in seen
        f.obj = f"milestone {horizon}" if horizon else "milestone"
        f.allowed(("horizon", "goal", "due"))
        goal = f.text("goal")
        due = f.date("due", required=False)
        if horizon in seen:
            f.bad("horizon", "one milestone for each horizon", f"a second {horizon}-month milestone")
            continue
        if horizon:
            seen.add(horizon)
        if horizon and goal:
            if due is None and launch is not None:
                due = default_due(launch, horizon)
            if due is not None:
                out[horizon] = Milestone(horizon, goal, due)
    missing = [h for h in HORIZONS if h not in seen]
    if "milestones" in top.m and missing and not wrong:
        found = "none for " + " and ".join(f"{h} months" for h in missing)
        top.bad("milestones", "exactly one milestone for each horizon 3, 6 and 12", found)
    return [out[h] for h in HORIZONS if h in out]


def _actions(top: Fields, org: Org, due_of: dict[int, date], kpi_ids: Collection[str] | None) -> list[Action]:
    out: list[Action] = []
    seen: set[str] = set()
    for _, line, item in top.items("actions", required=True):
        f = top.ctx.mapping(item, line, "action", "actions", nested=False)
        if f is None:
            continue
        aid = f.ident("id", action=True)
        f.obj = f"action {aid}" if aid else "action"
        f.allowed(ACTION_KEYS)
        if aid and aid in seen:
            f.bad("id", "a unique action id", f"'{aid}' again")
            aid = None
        title = f.text("title")
        horizon = f.choice("horizon", HORIZONS)
        due = f.date("due")
        if horizon and due and horizon in due_of and due > due_of[horizon]:
            # Reported, and judged again by health rule H3; the action still loads.
            expected = f"a date on or before {due_of[horizon]} (the {horizon}-month milestone)"
            f.bad("due", expected, f"'{due}'", blocking=False)
        raci = _raci(f, org)
        kpis = f.ids("kpis", kpi_ids, "KPI")
        touchpoints = f.ids("touchpoints", org.touchpoint, "touchpoint")
        departments = f.ids("departments", org.department, "department")
        evidence = f.text("evidence", required=False)
        depends_on = f.ids("depends_on", None, "action", action=True)
        if aid:
            seen.add(aid)
        if aid and title and horizon and due and raci and None not in (kpis, touchpoints, departments, depends_on):
            out.append(
                Action(
                    aid,
                    title,
                    horizon,
                    due,
                    raci,
                    kpis or (),
                    touchpoints or (),
                    departments or (),
                    evidence,
                    depends_on or (),
                )
            )
    return out


def _raci(action: Fields, org: Org) -> Raci | None:
    f = action.ctx.mapping(action.m.get("raci"), action.line("raci"), action.obj, "raci")
    if f is None:
        return None
    f.allowed(RACI_KEYS)
    people = org.person
    responsible = f.ids("responsible", people, "person", required=True)
    accountable = _accountable(f, people)
    consulted = f.ids("consulted", people, "person")
    informed = f.ids("informed", people, "person")
    if responsible is None or accountable is None or consulted is None or informed is None:
        return None
    roles: dict[str, str] = {}
    ok = True
    for role, names in (
        ("accountable", (accountable,)),
        ("responsible", responsible),
        ("consulted", consulted),
        ("informed", informed),
    ):
        for person in names:
            if person in roles:
                f.bad(role, "one letter per person on an action", f"'{person}' also {roles[person]}")
                ok = False
            else:
                roles[person] = role
    return Raci(responsible, accountable, consulted, informed) if ok else None


def _accountable(f: Fields, people: Collection[str]) -> str | None:
    value = f.m.get("accountable")
    if isinstance(value, list):
        if len(value) != 1:
            f.bad("accountable", "exactly one person", show(value) if value else "[]")
            return None
        value = value[0]
    if value is None:
        f.bad("accountable", "exactly one person", "nothing")
        return None
    if not isinstance(value, str):
        f.bad("accountable", "exactly one person", show(value))
        return None
    return f.ref("accountable", value, people, "person")


def _check_dependencies(top: Fields, actions: list[Action]) -> None:
    declared = declared_ids(top.m, "actions")
    lines = _dependency_lines(top)
    for a in actions:
        for dep in a.depends_on:
            line = lines.get((a.id, dep))
            if dep == a.id:
                top.ctx.add(line, f"action {a.id}", "depends_on", "other actions", "itself")
            elif dep not in declared:
                top.ctx.add(line, f"action {a.id}", "depends_on", "an action id from plan.yaml", f"'{dep}'")
    # Report one cycle per tangled group: A1 -> A2 -> A1.
    ids = {a.id for a in actions}
    graph = {a.id: [d for d in a.depends_on if d in ids and d != a.id] for a in actions}
    state: dict[str, int] = {}
    for start in graph:
        cycle = _find_cycle(start, graph, state, [])
        state.update({k: 2 for k, v in state.items() if v == 1})
        if cycle:
            first = cycle[0]
            top.ctx.add(
                lines.get((first, cycle[1])),
                f"action {first}",
                "depends_on",
                "no circular dependencies",
                " -> ".join(cycle),
            )


def _dependency_lines(top: Fields) -> dict[tuple[str, str], int]:
    """(action id, dependency) -> the line of that dependency in plan.yaml."""
    out: dict[tuple[str, str], int] = {}
    for _, _, item in top.items("actions"):
        deps = item.get("depends_on") if isinstance(item, YMap) else None
        if isinstance(deps, YSeq) and isinstance(item.get("id"), (str, int)):
            aid = item["id"].text if isinstance(item["id"], YInt) else str(item["id"])
            for dep, line in zip(deps, deps.lines, strict=True):
                out.setdefault((aid, dep.text if isinstance(dep, YInt) else str(dep)), line)
    return out


def _find_cycle(node: str, graph: dict[str, list[str]], state: dict[str, int], path: list[str]) -> list[str] | None:
    if state.get(node) == 2:
        return None
    if state.get(node) == 1:
        return path[path.index(node) :] + [node]
    state[node] = 1
    path.append(node)
    for nxt in graph[node]:
        cycle = _find_cycle(nxt, graph, state, path)
        if cycle:
            return cycle
    path.pop()
    state[node] = 2
    return None
