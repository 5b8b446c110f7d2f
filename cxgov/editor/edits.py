"""What each of the chair's forms changes in a committee's files: the values a form gives, and the edit
that writes them (for :func:`cxgov.workspace.store.replace_yaml`), made in place and guarded by the
mechanism of `cxgov.editor.yamledit` (comments, key order and aliases kept; nothing else changed)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cxgov.editor.yamledit import (
    Edit,
    Shared,
    Value,
    appending,
    find_item,
    flow,
    frozen,
    guarded,
    index_after,
    is_number,
    item_index,
    one_item,
    one_line,
    root_list,
    set_key,
    split_list,
    without,
)
from cxgov.errors import CxgovError
from cxgov.workspace.load_charter import CHARTER_KEYS
from cxgov.workspace.load_kpis import KPI_KEYS
from cxgov.workspace.load_plan import ACTION_KEYS, RACI_KEYS
from cxgov.workspace.model import MATURITY_TRAITS, Committee


@dataclass(frozen=True)
class CharterValues:
    name: str
    purpose: str
    chair: str | None
    sponsor: str | None
    members: tuple[str, ...]
    departments: tuple[str, ...]
    cadence: str | None
    launch: date | None


@dataclass(frozen=True)
class ActionValues:
    id: str
    title: str
    horizon: int | None
    due: date | None
    responsible: tuple[str, ...]
    accountable: str | None
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    evidence: str = ""
    depends_on: tuple[str, ...] = ()
    reason: str = ""  # why the due date moved: required when an existing action's due date changes


@dataclass(frozen=True)
class DecisionValues:
    text: str
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingValues:
    date: date | None
    attendees: tuple[str, ...]
    decisions: tuple[DecisionValues, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class AssessmentValues:
    date: date | None
    traits: Mapping[str, bool] = field(default_factory=dict)


def charter_edit(values: CharterValues, shown: str) -> Edit:
    """Set the charter's fields (the budget and any other key are kept as they are)."""
    pairs: list[tuple[str, Value]] = [
        ("name", one_line(values.name)),
        ("purpose", one_line(values.purpose)),
        ("chair", values.chair),
        ("sponsor", values.sponsor),
        ("members", values.members),
        ("departments", values.departments),
        ("cadence", values.cadence),
        ("launch", values.launch),
    ]

    def change(data: Any, shared: Shared) -> Any:
        if not isinstance(data, CommentedMap):
            raise CxgovError(f"{shown}: expected a mapping the editor can change; fix it by hand")
        for key, value in pairs:
            set_key(data, key, value, CHARTER_KEYS, shared)
        return data

    return guarded(change, lambda data: without(data, [k for k, _ in pairs]), shown)


def replan_reasons(c: Committee, values: ActionValues, original: str | None) -> dict[tuple[str, str], str]:
    """The reason to record with the due row when an existing action's due date moves (record.replace_recorded).

    Re-planning is explicit: a new due date without a reason is refused (CxgovError) and nothing is saved.
    The original date stays in changes.csv, where the views find it (cxgov.views.slips).
    """
    old = c.action[original].due if original is not None and original in c.action else None
    if old is None or values.due is None or values.due == old:
        return {}
    reason = one_line(values.reason)
    if not reason:
        raise CxgovError(f"reason: expected a reason for moving {original} from {old} to {values.due}, found nothing")
    return {(f"action {original}", "due"): reason}


def action_edit(values: ActionValues, original: str | None, shown: str) -> Edit:
    """Change action original in place, or add a new action when original is None."""

    def change(data: Any, shared: Shared) -> Any:
        actions = root_list(data, "actions", shown, shared)
        if original is None:
            item = CommentedMap()
            actions.append(item)
        else:
            found = [i for i, a in enumerate(actions) if isinstance(a, CommentedMap) and str(a.get("id")) == original]
            if not found:
                raise CxgovError(f"{shown}: action {original}: expected it in the plan, found nothing; reload")
            at[0] = found[0]
            item = shared.own(actions, found[0])
        set_key(item, "id", values.id.strip(), ACTION_KEYS)
        set_key(item, "title", one_line(values.title), ACTION_KEYS)
        set_key(item, "horizon", values.horizon, ACTION_KEYS)
        set_key(item, "due", values.due, ACTION_KEYS)
        raci = shared.own(item, "raci") if "raci" in item else None
        if not isinstance(raci, CommentedMap):
            raci = CommentedMap()
            set_key(item, "raci", None, ACTION_KEYS)
            item.insert(index_after(item, "raci", ACTION_KEYS), "raci", raci)
        set_key(raci, "responsible", values.responsible, RACI_KEYS, shared)
        set_key(raci, "accountable", values.accountable, RACI_KEYS, shared)
        set_key(raci, "consulted", values.consulted, RACI_KEYS, shared)
        set_key(raci, "informed", values.informed, RACI_KEYS, shared)
        set_key(item, "kpis", values.kpis, ACTION_KEYS, shared)
        set_key(item, "touchpoints", values.touchpoints, ACTION_KEYS, shared)
        set_key(item, "departments", values.departments, ACTION_KEYS, shared)
        set_key(item, "evidence", one_line(values.evidence), ACTION_KEYS, shared)
        set_key(item, "depends_on", values.depends_on, ACTION_KEYS, shared)
        return data

    def outside(data: Any) -> Hashable:
        """Everything but the edited action (the first with the id original, as change picks it)."""
        if original is None or not isinstance(data, dict) or not isinstance(data.get("actions"), list):
            return split_list(data, "actions", False)
        actions = data["actions"]
        i = next((n for n, a in enumerate(actions) if isinstance(a, dict) and str(a.get("id")) == original), None)
        if i is None:
            return split_list(data, "actions", False)  # not there: change says so
        return frozen(({k: v for k, v in data.items() if k != "actions"}, actions[:i] + actions[i + 1 :]))

    def after(data: Any) -> Hashable:
        """The document after the change, the same way: the edited action sits where it was."""
        i = at[0]
        if i is None or not isinstance(data, dict) or not isinstance(data.get("actions"), list):
            return frozen(data)
        actions = data["actions"]
        return frozen(({k: v for k, v in data.items() if k != "actions"}, actions[:i] + actions[i + 1 :]))

    at: list[int | None] = [None]  # where change found the action
    if original is None:
        return guarded(change, outside, shown, added=lambda data: split_list(data, "actions", True))
    return guarded(change, outside, shown, added=after)


def meeting_edit(values: MeetingValues, shown: str) -> Edit:
    """Add a meeting with its attendance and decisions."""

    def change(data: Any, shared: Shared) -> Any:
        data = data if data is not None else CommentedMap()
        meetings = root_list(data, "meetings", shown, shared)
        item = CommentedMap()
        item["date"] = values.date
        item["attendees"] = flow(list(values.attendees))
        decisions = CommentedSeq()
        for d in values.decisions:
            entry = CommentedMap(text=one_line(d.text))
            if d.actions:
                entry["actions"] = flow(list(d.actions))
            decisions.append(entry)
        if decisions:
            item["decisions"] = decisions
        if one_line(values.notes):
            item["notes"] = one_line(values.notes)
        meetings.append(item)
        return data

    return appending(change, "meetings", shown)


@dataclass(frozen=True)
class CommentaryValues:
    """The chair's word for a month's review: the text and what is asked of the sponsor (one per line)."""

    month: str  # YYYY-MM
    text: str
    asks: tuple[str, ...] = ()


def commentary_edit(values: CommentaryValues, by: str, shown: str) -> Edit:
    """Add an entry to commentary.yaml (a later entry for a month corrects the earlier one, which stays)."""

    def change(data: Any, shared: Shared) -> Any:
        data = data if data is not None else CommentedMap()
        entries = root_list(data, "commentary", shown, shared)
        item = CommentedMap()
        item["month"] = values.month
        if by:
            item["by"] = by
        item["text"] = one_line(values.text)
        asks = [one_line(a) for a in values.asks if one_line(a)]
        if asks:
            item["asks"] = CommentedSeq(asks)
        entries.append(item)
        return data

    return appending(change, "commentary", shown)


def assessment_edit(values: AssessmentValues, shown: str) -> Edit:
    """Add a maturity self-assessment."""

    def change(data: Any, shared: Shared) -> Any:
        data = data if data is not None else CommentedMap()
        assessments = root_list(data, "assessments", shown, shared)
        item = CommentedMap()
        item["date"] = values.date
        for trait in MATURITY_TRAITS:
            item[trait] = bool(values.traits.get(trait, False))
        assessments.append(item)
        return data

    return appending(change, "assessments", shown)


# --- KPI definitions, milestones, budget lines, meeting corrections ------------------------


@dataclass(frozen=True)
class KpiValues:
    id: str
    name: str
    kind: str
    unit: str
    direction: str
    target: float | None
    owner: str | None
    baseline: float | None = None
    drives: tuple[str, ...] = ()  # outcome KPI ids, or committee-id/kpi-id of another committee
    shared: bool = False
    weight: float | None = None  # None: the default, 1


@dataclass(frozen=True)
class MilestoneValues:
    horizon: int
    goal: str
    due: date | None  # None: the default, launch + horizon months - 1 day


@dataclass(frozen=True)
class BudgetValues:
    line: str
    amount: float | None
    currency: str
    departments: tuple[str, ...] = ()


def number(text: str, where: str) -> float | None:
    """A number as typed (86.6, or 86,6 with a decimal comma); None when empty; CxgovError naming where.

    '1,000' is refused rather than guessed: a thousands separator and a decimal comma read differently.
    """
    t = text.strip().replace(" ", "")
    if not t:
        return None
    if t.count(",") == 1 and "." not in t:
        if len(t.split(",")[1]) == 3 and t.split(",")[0].lstrip("-").isdigit():
            raise CxgovError(f"{where}: expected a number, found '{text.strip()}' (write 1000 or 1.0, not 1,000)")
        t = t.replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        raise CxgovError(f"{where}: expected a number, found '{text.strip()}'") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CxgovError(f"{where}: expected a number, found '{text.strip()}'")
    return value


def _num(value: float | None) -> int | float | None:
    """A number as the format's examples write it: 85, not 85.0."""
    if value is None:
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def kpi_edit(values: KpiValues, original: str | None, shown: str) -> Edit:
    """Change KPI original in place, or add a new KPI when original is None (kpis.yaml)."""

    def change(data: Any, shared: Shared) -> Any:
        kpis = root_list(data, "kpis", shown, shared)
        if original is None:
            item = CommentedMap()
            kpis.append(item)
        else:
            item = find_item(kpis, "id", original, "kpi", shown, shared)
        set_key(item, "id", values.id.strip(), KPI_KEYS)
        set_key(item, "name", one_line(values.name), KPI_KEYS)
        set_key(item, "kind", values.kind, KPI_KEYS)
        set_key(item, "unit", one_line(values.unit), KPI_KEYS)
        set_key(item, "direction", values.direction, KPI_KEYS)
        set_key(item, "baseline", _num(values.baseline), KPI_KEYS)
        set_key(item, "target", _num(values.target), KPI_KEYS)
        set_key(item, "owner", values.owner, KPI_KEYS)
        set_key(item, "drives", values.drives, KPI_KEYS, shared)
        # An explicit `shared: false` a person wrote stays; a new one is only written when true.
        set_key(item, "shared", True if values.shared else (False if "shared" in item else None), KPI_KEYS)
        if values.weight is not None or not (is_number(item.get("weight")) and item["weight"] == 1):
            set_key(item, "weight", _num(values.weight), KPI_KEYS)  # an explicit `weight: 1`, the default, stays
        return data

    return one_item("kpis", "id", original, change, shown)


def milestones_edit(values: Sequence[MilestoneValues], defaults: Mapping[int, date], shown: str) -> Edit:
    """Set each milestone's goal and due date in place (plan.yaml); a due date left at its default stays unwritten."""

    def change(data: Any, shared: Shared) -> Any:
        milestones = root_list(data, "milestones", shown, shared)
        for v in values:
            i = item_index(milestones, "horizon", str(v.horizon))
            if i is None:
                item = CommentedMap(horizon=v.horizon)
                milestones.append(item)
            else:
                item = shared.own(milestones, i)
            if not isinstance(item, CommentedMap):
                raise CxgovError(f"{shown}: milestone {v.horizon}: expected a mapping the editor can change")
            set_key(item, "goal", one_line(v.goal), MILESTONE_ORDER)
            due = v.due
            if due is not None and "due" not in item and due == defaults.get(v.horizon):
                due = None  # the default already: writing it would fix it when the launch moves
            set_key(item, "due", due, MILESTONE_ORDER)
        return data

    return guarded(change, lambda data: without(data, ["milestones"]), shown)


MILESTONE_ORDER = ("horizon", "goal", "due")
BUDGET_ORDER = ("line", "amount", "currency", "departments")


def budget_edit(values: BudgetValues | None, original: int | None, shown: str) -> Edit:
    """Change budget line number original (0-based) in place, add one (original None) or remove it (values None)."""

    def change(data: Any, shared: Shared) -> Any:
        if not isinstance(data, CommentedMap):
            raise CxgovError(f"{shown}: expected a mapping the editor can change; fix it by hand")
        if values is None and original is not None:
            lines = shared.own(data, "budget") if "budget" in data else None
            if not isinstance(lines, list) or not 0 <= original < len(lines):
                raise CxgovError(f"{shown}: budget line {original + 1}: expected it in the file, found nothing; reload")
            del lines[original]
            if not lines:
                del data["budget"]
            return data
        if "budget" not in data:
            set_key(data, "budget", None, CHARTER_KEYS)
            data.insert(index_after(data, "budget", CHARTER_KEYS), "budget", CommentedSeq())
        lines = root_list(data, "budget", shown, shared)
        if original is None:
            item = CommentedMap()
            lines.append(item)
        else:
            if not 0 <= original < len(lines):
                raise CxgovError(f"{shown}: budget line {original + 1}: expected it in the file, found nothing; reload")
            item = shared.own(lines, original)
            if not isinstance(item, CommentedMap):
                raise CxgovError(f"{shown}: budget line {original + 1}: expected a mapping the editor can change")
        assert values is not None
        set_key(item, "line", one_line(values.line), BUDGET_ORDER)
        set_key(item, "amount", _num(values.amount), BUDGET_ORDER)
        set_key(item, "currency", values.currency.strip().upper(), BUDGET_ORDER)
        set_key(item, "departments", values.departments, BUDGET_ORDER, shared)
        return data

    return guarded(change, lambda data: without(data, ["budget"]), shown)


def meeting_change(values: MeetingValues, original: date, nth: int, shown: str) -> Edit:
    """Correct the nth meeting (0-based) held on day original, in place: date, attendees, decisions, notes."""
    where: list[int | None] = [None]

    def index(data: Any) -> int | None:
        items = data.get("meetings") if isinstance(data, dict) else None
        same = [i for i, m in enumerate(items or []) if isinstance(m, dict) and _day(m.get("date")) == original]
        return same[nth] if isinstance(items, list) and 0 <= nth < len(same) else None

    def rest(data: Any, i: int | None) -> Hashable:
        if i is None or not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
            return split_list(data, "meetings", False)
        items = data["meetings"]
        return frozen(({k: v for k, v in data.items() if k != "meetings"}, items[:i] + items[i + 1 :]))

    def change(data: Any, shared: Shared) -> Any:
        meetings = root_list(data, "meetings", shown, shared)
        i = where[0] = index(data)
        if i is None:
            raise CxgovError(f"{shown}: meeting {original}: expected it in the file, found nothing; reload")
        item = shared.own(meetings, i)
        if not isinstance(item, CommentedMap):
            raise CxgovError(f"{shown}: meeting {original}: expected a mapping the editor can change; fix it by hand")
        set_key(item, "date", values.date, MEETING_ORDER)
        set_key(item, "attendees", values.attendees, MEETING_ORDER, shared)
        _set_decisions(item, values.decisions, shared)
        set_key(item, "notes", one_line(values.notes), MEETING_ORDER)
        return data

    return guarded(change, lambda data: rest(data, index(data)), shown, added=lambda data: rest(data, where[0]))


MEETING_ORDER = ("date", "attendees", "decisions", "notes")


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _set_decisions(item: CommentedMap, decisions: Sequence[DecisionValues], shared: Shared) -> None:
    """Decisions changed in place where they are still there (their comments stay), added or removed at the end."""
    if not decisions:
        set_key(item, "decisions", None, MEETING_ORDER)
        return
    old = shared.own(item, "decisions") if "decisions" in item else None
    if not isinstance(old, CommentedSeq):
        old = CommentedSeq()
        set_key(item, "decisions", None, MEETING_ORDER)
        item.insert(index_after(item, "decisions", MEETING_ORDER), "decisions", old)
    del old[len(decisions) :]
    for i, d in enumerate(decisions):
        entry = shared.own(old, i) if i < len(old) else None
        if not isinstance(entry, CommentedMap):
            entry = CommentedMap()
            if i < len(old):
                old[i] = entry
            else:
                old.append(entry)
        set_key(entry, "text", one_line(d.text), ("text", "actions"))
        set_key(entry, "actions", d.actions, ("text", "actions"), shared)
