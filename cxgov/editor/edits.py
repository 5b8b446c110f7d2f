"""Changes to the round-trip YAML data of a committee's files, made in place.

Each function returns an ``edit`` for :func:`cxgov.store.replace_yaml`: it
changes only the keys the chair changed, in place, so comments, key order and
flow lists (``members: [ana, bo]``) written by hand stay as they were. A key
that is new goes where the format lists it; an optional key left empty is
removed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cxgov.errors import CxgovError
from cxgov.load_charter import CHARTER_KEYS
from cxgov.load_plan import ACTION_KEYS, RACI_KEYS
from cxgov.model import MATURITY_TRAITS

Edit = Callable[[Any], Any]
Value = str | int | date | Sequence[str] | None


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


def one_line(text: str) -> str:
    """Collapse whitespace: the editor's text fields hold one paragraph each."""
    return " ".join(text.split())


def flow(items: Sequence[str]) -> CommentedSeq:
    """A list written inline, [a, b], as the format's examples do."""
    seq = CommentedSeq(str(v) for v in items)
    seq.fa.set_flow_style()
    return seq


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, (list, tuple)):
        return isinstance(old, list) and [str(v) for v in old] == list(new)
    if isinstance(new, date):
        return isinstance(old, date) and old == new  # ruamel reads 2026-07-01 as a date
    return old is not None and not isinstance(old, (list, dict)) and str(old) == str(new)


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


def set_key(m: CommentedMap, key: str, value: Value, order: Sequence[str]) -> None:
    """Set key to value in place; None or an empty list removes it.

    An unchanged value is left untouched (its quoting and style stay); a list
    that changes keeps its own flow or block style; a new key is inserted
    after the keys the format lists before it.
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


def _root(data: Any, key: str, shown: str) -> CommentedSeq:
    """The list under key at the top of a file's mapping, created when missing."""
    if not isinstance(data, CommentedMap):
        raise CxgovError(f"{shown}: expected a mapping the editor can change, found something else; fix it by hand")
    seq = data.get(key)
    if seq is None:
        seq = data[key] = CommentedSeq()
    if not isinstance(seq, CommentedSeq):
        raise CxgovError(f"{shown}: {key}: expected a list the editor can add to; fix it by hand")
    if not seq:
        seq.fa.set_block_style()  # `meetings: []` grows into a block list
    return seq


def charter_edit(values: CharterValues, shown: str) -> Edit:
    """Set the charter's fields (the budget and any other key are kept as they are)."""

    def edit(data: Any) -> Any:
        if not isinstance(data, CommentedMap):
            raise CxgovError(f"{shown}: expected a mapping the editor can change; fix it by hand")
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
        for key, value in pairs:
            set_key(data, key, value, CHARTER_KEYS)
        return data

    return edit


def action_edit(values: ActionValues, original: str | None, shown: str) -> Edit:
    """Change action original in place, or add a new action when original is None."""

    def edit(data: Any) -> Any:
        actions = _root(data, "actions", shown)
        if original is None:
            item = CommentedMap()
            actions.append(item)
        else:
            found = [a for a in actions if isinstance(a, CommentedMap) and str(a.get("id")) == original]
            if not found:
                raise CxgovError(f"{shown}: action {original}: expected it in the plan, found nothing; reload")
            item = found[0]
        set_key(item, "id", values.id.strip(), ACTION_KEYS)
        set_key(item, "title", one_line(values.title), ACTION_KEYS)
        set_key(item, "horizon", values.horizon, ACTION_KEYS)
        set_key(item, "due", values.due, ACTION_KEYS)
        raci = item.get("raci")
        if not isinstance(raci, CommentedMap):
            raci = CommentedMap()
            set_key(item, "raci", None, ACTION_KEYS)
            item.insert(_after(item, "raci", ACTION_KEYS), "raci", raci)
        set_key(raci, "responsible", values.responsible, RACI_KEYS)
        set_key(raci, "accountable", values.accountable, RACI_KEYS)
        set_key(raci, "consulted", values.consulted, RACI_KEYS)
        set_key(raci, "informed", values.informed, RACI_KEYS)
        set_key(item, "kpis", values.kpis, ACTION_KEYS)
        set_key(item, "touchpoints", values.touchpoints, ACTION_KEYS)
        set_key(item, "departments", values.departments, ACTION_KEYS)
        set_key(item, "evidence", one_line(values.evidence), ACTION_KEYS)
        set_key(item, "depends_on", values.depends_on, ACTION_KEYS)
        return data

    return edit


def _after(m: CommentedMap, key: str, order: Sequence[str]) -> int:
    before = set(order[: order.index(key)])
    return max((i + 1 for i, k in enumerate(m.keys()) if k in before), default=0)


def meeting_edit(values: MeetingValues, shown: str) -> Edit:
    """Add a meeting with its attendance and decisions."""

    def edit(data: Any) -> Any:
        data = data if data is not None else CommentedMap()
        meetings = _root(data, "meetings", shown)
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

    return edit


def assessment_edit(values: AssessmentValues, shown: str) -> Edit:
    """Add a maturity self-assessment."""

    def edit(data: Any) -> Any:
        data = data if data is not None else CommentedMap()
        assessments = _root(data, "assessments", shown)
        item = CommentedMap()
        item["date"] = values.date
        for trait in MATURITY_TRAITS:
            item[trait] = bool(values.traits.get(trait, False))
        assessments.append(item)
        return data

    return edit
