"""Changes to the round-trip YAML data of a committee's files, made in place.

Each function returns an ``edit`` for :func:`cxgov.workspace.store.replace_yaml`: it
changes only the keys the chair changed, in place, so comments, key order and
flow lists (``members: [ana, bo]``) written by hand stay as they were. A key
that is new goes where the format lists it; an optional key left empty is
removed.

A YAML alias (``raci: &shared {...}`` then ``raci: *shared``) makes two places
hold the same object in the round-trip data: changing it in place would
change both. A list or mapping an alias shares is copied before it is
changed, so the other place keeps its value (``Shared``). Every edit then
compares the whole document before and after and refuses if anything
outside what the chair edited changed (``guarded``).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cxgov.errors import CxgovError
from cxgov.workspace.load_charter import CHARTER_KEYS
from cxgov.workspace.load_kpis import KPI_KEYS
from cxgov.workspace.load_plan import ACTION_KEYS, RACI_KEYS
from cxgov.workspace.model import MATURITY_TRAITS, Committee

Edit = Callable[[Any], Any]
Value = str | int | float | date | Sequence[str] | None


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


class Shared:
    """Counts how often each list and mapping is referenced (an alias adds one); copies shared ones before a change."""

    def __init__(self, data: Any) -> None:
        self.refs: Counter[int] = Counter()
        self._count(data)

    def _count(self, node: Any) -> None:
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, (dict, list)):
                self.refs[id(item)] += 1
                if self.refs[id(item)] == 1:  # an alias's target is walked once
                    stack.extend(item.values() if isinstance(item, dict) else item)

    def own(self, parent: Any, key: Any) -> Any:
        """parent[key], first replaced by a copy of its own if an alias shares it with another place."""
        value = parent[key]
        if not isinstance(value, (dict, list)) or self.refs[id(value)] <= 1:
            return value
        mine = copy.deepcopy(value)
        _forget_anchors(mine)  # the copy is not the alias's target: it must not take its name
        anchor = getattr(value, "yaml_anchor", lambda: None)()
        if anchor is not None and anchor.value:
            anchor.always_dump = True  # the other place keeps its `&name` even if no alias is left
        self.refs[id(value)] -= 1
        parent[key] = mine
        self._count(mine)
        return mine


def _forget_anchors(node: Any) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        anchor = getattr(item, "yaml_anchor", lambda: None)() if isinstance(item, (dict, list)) else None
        if anchor is not None:
            anchor.value, anchor.always_dump = None, False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def plain(node: Any) -> Any:
    """The document as plain dicts and lists, an alias's target repeated where it is used (for comparing)."""
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


Scope = Callable[[Any], Hashable]


def guarded(change: Callable[[Any, Shared], Any], outside: Scope, shown: str, added: Scope | None = None) -> Edit:
    """An edit that refuses if what the change must leave alone differs afterwards.

    outside gets the plain document and returns everything but what the chair
    edits (the other actions, the budget); for a change that adds an item,
    added gets the document after the change and returns it without that item.
    """

    def edit(data: Any) -> Any:
        before = outside(plain(data))
        data = change(data, Shared(data))
        if (added or outside)(plain(data)) != before:
            raise CxgovError(
                f"{shown}: expected the change to leave the rest of the file as it was, found it would not; "
                "nothing was saved (please report it)"
            )
        return data

    return edit


def _frozen(node: Any) -> Hashable:
    """node as nested tuples, so two documents' untouched parts compare with ==."""
    if isinstance(node, dict):
        return tuple((k, _frozen(v)) for k, v in node.items())
    if isinstance(node, list):
        return tuple(_frozen(v) for v in node)
    return node if isinstance(node, Hashable) else repr(node)


def _without(data: Any, keys: Sequence[str]) -> Hashable:
    """The document's top-level mapping minus keys (anything else: as it is)."""
    if not isinstance(data, dict):
        return _frozen(data)
    return _frozen({k: v for k, v in data.items() if k not in keys})


def without_keys(data: Any, keys: Sequence[str]) -> Hashable:
    """The document minus top-level keys, comparable with == (what an edit of those keys must leave alone)."""
    return _without(data, keys)


def _split(data: Any, key: str, drop_last: bool) -> Hashable:
    """The document as (the rest, its list under key), the last item left out if drop_last (one the edit added)."""
    if not isinstance(data, dict):
        return _frozen(data)
    items = data.get(key) or []  # a missing or empty list grows into one with the new item
    rest = {k: v for k, v in data.items() if k != key}
    return _frozen((rest, items[:-1] if drop_last and isinstance(items, list) else items))


def one_line(text: str) -> str:
    """Collapse whitespace: the editor's text fields hold one paragraph each."""
    return " ".join(text.split())


def flow(items: Sequence[str]) -> CommentedSeq:
    """A list written inline, [a, b], as the format's examples do."""
    seq = CommentedSeq(str(v) for v in items)
    seq.fa.set_flow_style()
    return seq


def _same(old: Any, new: Any) -> bool:
    if _is_number(new) and _is_number(old):
        return bool(float(old) == float(new))  # 4.0 as written stays 4.0 when the form sends 4
    if isinstance(new, (list, tuple)):
        return isinstance(old, list) and [str(v) for v in old] == list(new)
    if isinstance(new, date):
        return isinstance(old, date) and old == new  # ruamel reads 2026-07-01 as a date
    return old is not None and not isinstance(old, (list, dict)) and str(old) == str(new)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plain(value: Value) -> Value:
    """Plain built-in values (records hold int and str subclasses that YAML cannot write)."""
    if isinstance(value, (bool, date)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return value


def set_key(m: CommentedMap, key: str, value: Value, order: Sequence[str], shared: Shared | None = None) -> None:
    """Set key to value in place; None or an empty list removes it.

    An unchanged value is left untouched (its quoting and style stay); a list
    that changes keeps its own flow or block style (a list an alias shares is
    copied first, see ``Shared``); a new key is inserted after the keys the
    format lists before it. m itself must not be shared (``Shared.own``).
    """
    empty = value is None or (isinstance(value, (list, tuple)) and not value) or value == ""
    if empty:
        if key in m:
            del m[key]
        return
    value = _plain(value)
    old = m.get(key)
    if key in m and _same(old, value):
        return
    if isinstance(value, (list, tuple)):
        if isinstance(old, CommentedSeq) and all(not isinstance(v, (list, dict)) for v in old):
            if shared is not None:
                old = shared.own(m, key)
            old[:] = list(value)
            return
        value = flow(list(value))
    if key in m:
        m[key] = value  # keeps the key's place and its end-of-line comment
        return
    before = set(order[: order.index(key)]) if key in order else set(order)
    keys = list(m.keys())
    pos = max((i + 1 for i, k in enumerate(keys) if k in before), default=0 if key in order else len(keys))
    m.insert(pos, key, value)


def _root(data: Any, key: str, shown: str, shared: Shared) -> CommentedSeq:
    """The list under key at the top of a file's mapping (a copy if an alias shares it), created when missing."""
    if not isinstance(data, CommentedMap):
        raise CxgovError(f"{shown}: expected a mapping the editor can change, found something else; fix it by hand")
    seq = shared.own(data, key) if key in data else None
    if seq is None:
        seq = data[key] = CommentedSeq()
    if not isinstance(seq, CommentedSeq):
        raise CxgovError(f"{shown}: {key}: expected a list the editor can add to; fix it by hand")
    if not seq:
        seq.fa.set_block_style()  # `meetings: []` grows into a block list
    return seq


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

    return guarded(change, lambda data: _without(data, [k for k, _ in pairs]), shown)


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
        actions = _root(data, "actions", shown, shared)
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
            item.insert(_after(item, "raci", ACTION_KEYS), "raci", raci)
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
            return _split(data, "actions", False)
        actions = data["actions"]
        i = next((n for n, a in enumerate(actions) if isinstance(a, dict) and str(a.get("id")) == original), None)
        if i is None:
            return _split(data, "actions", False)  # not there: change says so
        return _frozen(({k: v for k, v in data.items() if k != "actions"}, actions[:i] + actions[i + 1 :]))

    def after(data: Any) -> Hashable:
        """The document after the change, the same way: the edited action sits where it was."""
        i = at[0]
        if i is None or not isinstance(data, dict) or not isinstance(data.get("actions"), list):
            return _frozen(data)
        actions = data["actions"]
        return _frozen(({k: v for k, v in data.items() if k != "actions"}, actions[:i] + actions[i + 1 :]))

    at: list[int | None] = [None]  # where change found the action
    if original is None:
        return guarded(change, outside, shown, added=lambda data: _split(data, "actions", True))
    return guarded(change, outside, shown, added=after)


def _after(m: CommentedMap, key: str, order: Sequence[str]) -> int:
    before = set(order[: order.index(key)])
    return max((i + 1 for i, k in enumerate(m.keys()) if k in before), default=0)


def meeting_edit(values: MeetingValues, shown: str) -> Edit:
    """Add a meeting with its attendance and decisions."""

    def change(data: Any, shared: Shared) -> Any:
        data = data if data is not None else CommentedMap()
        meetings = _root(data, "meetings", shown, shared)
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

    return _appending(change, "meetings", shown)


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
        entries = _root(data, "commentary", shown, shared)
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

    return _appending(change, "commentary", shown)


def assessment_edit(values: AssessmentValues, shown: str) -> Edit:
    """Add a maturity self-assessment."""

    def change(data: Any, shared: Shared) -> Any:
        data = data if data is not None else CommentedMap()
        assessments = _root(data, "assessments", shown, shared)
        item = CommentedMap()
        item["date"] = values.date
        for trait in MATURITY_TRAITS:
            item[trait] = bool(values.traits.get(trait, False))
        assessments.append(item)
        return data

    return _appending(change, "assessments", shown)


def _appending(change: Callable[[Any, Shared], Any], key: str, shown: str) -> Edit:
    """A guarded edit that adds one item at the end of the list under key (a missing file starts empty)."""
    guard = guarded(change, lambda data: _split(data, key, False), shown, added=lambda data: _split(data, key, True))

    def edit(data: Any) -> Any:
        if data is None:  # an empty file: there is nothing before the change to keep
            data = CommentedMap()
            data[key] = CommentedSeq()
        return guard(data)

    return edit


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


def _item_index(items: Any, key: str, value: str) -> int | None:
    """The index of the first mapping in items whose key is value (as text)."""
    if not isinstance(items, list):
        return None
    return next((i for i, x in enumerate(items) if isinstance(x, dict) and str(x.get(key)) == value), None)


def _one_item(key: str, id_key: str, original: str | None, change: Callable[[Any, Shared], Any], shown: str) -> Edit:
    """A guarded edit of the item of the list under key whose id_key is original (None: one added at the end)."""
    at: list[int | None] = [None]

    def rest(data: Any, i: int | None) -> Hashable:
        if i is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
            return _split(data, key, False)
        items = data[key]
        return _frozen(({k: v for k, v in data.items() if k != key}, items[:i] + items[i + 1 :]))

    def outside(data: Any) -> Hashable:
        return rest(data, _item_index(data.get(key) if isinstance(data, dict) else None, id_key, original or ""))

    def located(data: Any, shared: Shared) -> Any:
        if original is not None:
            at[0] = _item_index(data.get(key) if isinstance(data, dict) else None, id_key, original)
        return change(data, shared)

    if original is None:
        guard = guarded(located, outside, shown, added=lambda data: _split(data, key, True))
    else:
        guard = guarded(located, outside, shown, added=lambda data: rest(data, at[0]))

    def edit(data: Any) -> Any:
        if data is None:  # an absent or empty file starts as an empty list
            data = CommentedMap()
            data[key] = CommentedSeq()
        return guard(data)

    return edit


def _find(items: CommentedSeq, id_key: str, original: str, what: str, shown: str, shared: Shared) -> CommentedMap:
    i = _item_index(items, id_key, original)
    if i is None:
        raise CxgovError(f"{shown}: {what} {original}: expected it in the file, found nothing; reload")
    item = shared.own(items, i)
    if not isinstance(item, CommentedMap):
        raise CxgovError(f"{shown}: {what} {original}: expected a mapping the editor can change; fix it by hand")
    return item


def kpi_edit(values: KpiValues, original: str | None, shown: str) -> Edit:
    """Change KPI original in place, or add a new KPI when original is None (kpis.yaml)."""

    def change(data: Any, shared: Shared) -> Any:
        kpis = _root(data, "kpis", shown, shared)
        if original is None:
            item = CommentedMap()
            kpis.append(item)
        else:
            item = _find(kpis, "id", original, "kpi", shown, shared)
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
        if values.weight is not None or not (_is_number(item.get("weight")) and item["weight"] == 1):
            set_key(item, "weight", _num(values.weight), KPI_KEYS)  # an explicit `weight: 1`, the default, stays
        return data

    return _one_item("kpis", "id", original, change, shown)


def milestones_edit(values: Sequence[MilestoneValues], defaults: Mapping[int, date], shown: str) -> Edit:
    """Set each milestone's goal and due date in place (plan.yaml); a due date left at its default stays unwritten."""

    def change(data: Any, shared: Shared) -> Any:
        milestones = _root(data, "milestones", shown, shared)
        for v in values:
            i = _item_index(milestones, "horizon", str(v.horizon))
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

    return guarded(change, lambda data: _without(data, ["milestones"]), shown)


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
            data.insert(_after(data, "budget", CHARTER_KEYS), "budget", CommentedSeq())
        lines = _root(data, "budget", shown, shared)
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

    return guarded(change, lambda data: _without(data, ["budget"]), shown)


def meeting_change(values: MeetingValues, original: date, nth: int, shown: str) -> Edit:
    """Correct the nth meeting (0-based) held on day original, in place: date, attendees, decisions, notes."""
    where: list[int | None] = [None]

    def index(data: Any) -> int | None:
        items = data.get("meetings") if isinstance(data, dict) else None
        same = [i for i, m in enumerate(items or []) if isinstance(m, dict) and _day(m.get("date")) == original]
        return same[nth] if isinstance(items, list) and 0 <= nth < len(same) else None

    def rest(data: Any, i: int | None) -> Hashable:
        if i is None or not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
            return _split(data, "meetings", False)
        items = data["meetings"]
        return _frozen(({k: v for k, v in data.items() if k != "meetings"}, items[:i] + items[i + 1 :]))

    def change(data: Any, shared: Shared) -> Any:
        meetings = _root(data, "meetings", shown, shared)
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
        item.insert(_after(item, "decisions", MEETING_ORDER), "decisions", old)
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
