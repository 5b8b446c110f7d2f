"""Changes to org.yaml's journey, made in place: its stages, their touchpoints, the ranked priorities.

Like ``cxgov.editor.edits`` (with the mechanism of ``cxgov.editor.yamledit``): each function returns an edit for
``cxgov.workspace.store.replace_yaml`` that changes only what the person
changed (comments, key order and flow lists stay), and refuses if anything
outside the journey (departments, people) would change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cxgov.editor.yamledit import Edit, Shared, guarded, one_line, set_key, without_keys
from cxgov.errors import CxgovError
from cxgov.workspace.load_org import JOURNEY_KEYS, ORG_KEYS

STAGE_KEYS = ("id", "name", "touchpoints")
TOUCHPOINT_KEYS = ("id", "name", "channel")


@dataclass(frozen=True)
class StageValues:
    id: str
    name: str


@dataclass(frozen=True)
class TouchpointValues:
    id: str
    name: str
    channel: str = ""


def _mapping(parent: CommentedMap, key: str, order: Sequence[str], shown: str, shared: Shared) -> CommentedMap:
    """The mapping under key (a copy if an alias shares it), created where the format lists it when missing."""
    if parent.get(key) is None:
        set_key(parent, key, None, order)
        value = CommentedMap()
        parent.insert(_position(parent, key, order), key, value)
        return value
    value = shared.own(parent, key)
    if not isinstance(value, CommentedMap):
        raise CxgovError(f"{shown}: {key}: expected a mapping the editor can change; fix it by hand")
    return value


def _list(parent: CommentedMap, key: str, order: Sequence[str], shown: str, shared: Shared) -> CommentedSeq:
    """The list under key (a copy if an alias shares it), created where the format lists it when missing."""
    if parent.get(key) is None:
        set_key(parent, key, None, order)
        value = CommentedSeq()
        parent.insert(_position(parent, key, order), key, value)
        return value
    value = shared.own(parent, key)
    if not isinstance(value, CommentedSeq):
        raise CxgovError(f"{shown}: {key}: expected a list the editor can change; fix it by hand")
    return value


def _position(m: CommentedMap, key: str, order: Sequence[str]) -> int:
    before = set(order[: order.index(key)])
    return max((i + 1 for i, k in enumerate(m.keys()) if k in before), default=0)


def _journey(data: Any, shown: str, shared: Shared) -> CommentedMap:
    if not isinstance(data, CommentedMap):
        raise CxgovError(f"{shown}: expected a mapping the editor can change; fix it by hand")
    return _mapping(data, "journey", ORG_KEYS, shown, shared)


def _index(items: CommentedSeq, original: str) -> int | None:
    return next((i for i, x in enumerate(items) if isinstance(x, dict) and str(x.get("id")) == original), None)


def _item(items: CommentedSeq, original: str | None, what: str, shown: str, shared: Shared) -> CommentedMap:
    """The mapping with id original (a copy if shared), or a new one appended when original is None."""
    if original is None:
        item = CommentedMap()
        items.append(item)
        return item
    i = _index(items, original)
    if i is None:
        raise CxgovError(f"{shown}: {what} {original}: expected it in the journey, found nothing; reload")
    found = shared.own(items, i)
    if not isinstance(found, CommentedMap):
        raise CxgovError(f"{shown}: {what} {original}: expected a mapping the editor can change; fix it by hand")
    return found


def _journey_only(change: Any, shown: str) -> Edit:
    """A guarded edit that may change org.yaml's journey and nothing else."""
    return guarded(change, lambda data: without_keys(data, ["journey"]), shown)


def stage_edit(values: StageValues | None, original: str | None, shown: str) -> Edit:
    """Rename stage original, add a stage (original None), or remove it (values None)."""

    def change(data: Any, shared: Shared) -> Any:
        stages = _list(_journey(data, shown, shared), "stages", JOURNEY_KEYS, shown, shared)
        if values is None:
            i = _index(stages, original or "")
            if i is None:
                raise CxgovError(f"{shown}: stage {original}: expected it in the journey, found nothing; reload")
            del stages[i]
            return data
        item = _item(stages, original, "stage", shown, shared)
        set_key(item, "id", values.id.strip(), STAGE_KEYS)
        set_key(item, "name", one_line(values.name), STAGE_KEYS)
        return data

    return _journey_only(change, shown)


def touchpoint_edit(stage: str, values: TouchpointValues | None, original: str | None, shown: str) -> Edit:
    """Change touchpoint original of stage, add one (original None), or remove it (values None)."""

    def change(data: Any, shared: Shared) -> Any:
        stages = _list(_journey(data, shown, shared), "stages", JOURNEY_KEYS, shown, shared)
        owner = _item(stages, stage, "stage", shown, shared)
        touchpoints = _list(owner, "touchpoints", STAGE_KEYS, shown, shared)
        if values is None:
            i = _index(touchpoints, original or "")
            if i is None:
                raise CxgovError(f"{shown}: touchpoint {original}: expected it in stage {stage}, found nothing; reload")
            del touchpoints[i]
            return data
        item = _item(touchpoints, original, "touchpoint", shown, shared)
        set_key(item, "id", values.id.strip(), TOUCHPOINT_KEYS)
        set_key(item, "name", one_line(values.name), TOUCHPOINT_KEYS)
        set_key(item, "channel", one_line(values.channel), TOUCHPOINT_KEYS)
        return data

    return _journey_only(change, shown)


def priorities_edit(priorities: Sequence[str], agreed: date | None, shown: str) -> Edit:
    """Set the ranked priorities (touchpoint ids, most important first) and the day they were agreed."""

    def change(data: Any, shared: Shared) -> Any:
        journey = _journey(data, shown, shared)
        set_key(journey, "agreed", agreed, JOURNEY_KEYS)
        set_key(journey, "priorities", list(priorities), JOURNEY_KEYS, shared)
        return data

    return _journey_only(change, shown)
