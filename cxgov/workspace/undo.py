"""How a committee's file changed, and how it stood before: the two uses of the changes.csv rows.

``diff`` turns two versions of plan.yaml, committee.yaml or kpis.yaml into change rows (object, field,
before, after), a row per changed field, a whole object added or removed as field ``*``, and a list's new
order as field ``order``. ``undo`` applies rows backwards: the file as it stood before them, which is how a
workspace is read as of a past day (``later_than``); ``created_after`` tells a committee created after that
day. The rows' format and reading: `cxgov.workspace.changes`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from cxgov.errors import CxgovError, show
from cxgov.workspace.changes import (
    ABSENT,
    CHARTER,
    LISTS,
    ORDER,
    WHOLE,
    Change,
    KeyedList,
    absent,
    decode,
    encode,
    list_of,
)
from cxgov.workspace.load_charter import CHARTER_KEYS
from cxgov.workspace.safeyaml import YInt, YMap, YSeq


def _to_yaml(value: Any, line: int) -> Any:
    """A JSON value as the loader's YAML values (YMap, YSeq, YInt), every part at line."""
    if isinstance(value, dict):
        m = YMap()
        m.line, m.lines = line, {}
        for k, v in value.items():
            m[k] = _to_yaml(v, line)
            m.lines[k] = line
        return m
    if isinstance(value, list):
        s = YSeq(_to_yaml(v, line) for v in value)
        s.line, s.lines = line, [line] * len(value)
        return s
    if isinstance(value, int) and not isinstance(value, bool):
        number = YInt(value)
        number.text = str(value)
        return number
    return value


def _key_text(value: Any) -> str | None:
    """The key of a list item as changes.csv names it (A1, 3, frt); None if it has no usable key."""
    if isinstance(value, YInt):
        return value.text
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


def diff(file: str, old: Any, new: Any, shown: str = "") -> list[tuple[str, str, str, str]]:
    """The changes from old to new parsed YAML of file, as (object, field, before, after) rows.

    A missing file is None. Raises CxgovError when a state has no key for an
    object (an action without an id, two KPIs with one id): such a file must be
    fixed before its changes can be recorded.
    """
    shown = shown or file
    if file == "committee.yaml":
        return _fields(CHARTER, _mapping(old), _mapping(new), CHARTER_KEYS)
    rows: list[tuple[str, str, str, str]] = []
    for lst in LISTS:
        if lst.file != file:
            continue
        before, after = _items(lst, old, shown), _items(lst, new, shown)
        changes: list[tuple[str, str, str, str]] = []
        for key, item in before.items():
            if key not in after:
                changes.append((f"{lst.kind} {key}", WHOLE, encode(item), ""))
        for key, item in after.items():
            obj = f"{lst.kind} {key}"
            if key not in before:
                changes.append((obj, WHOLE, "", encode(item)))
            else:
                changes += _fields(obj, _mapping(before[key]), _mapping(item), lst.keys)
        # Undo alone puts a removed object back at the end; if that is not where it was, record the order.
        undone = _undo_list(lst, dict.fromkeys(after), [_as_change(file, r) for r in changes])
        if list(undone) != list(before):
            changes.insert(0, (lst.name, ORDER, encode(list(before)), encode(list(after))))
        rows += changes
    return rows


_SCALARS = (str, int, YInt, float, date)  # equal and of one type: encoded alike (bool is a type of its own)


def _equal(a: Any, b: Any) -> bool:
    """Tell cheaply that two parsed values encode alike: same types all the way down and equal (False: maybe not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) in _SCALARS and a == b  # a float NaN is never ==: it is encoded


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _fields(obj: str, old: dict[str, Any], new: dict[str, Any], keys: Sequence[str]) -> list[tuple[str, str, str, str]]:
    rows = []
    for key in keys:
        a, b = old.get(key, ABSENT), new.get(key, ABSENT)
        if _equal(a, b):
            continue  # the common case, without encoding
        if encode(a) != encode(b):
            rows.append((obj, key, encode(a), encode(b)))
    return rows


def _items(lst: KeyedList, data: Any, shown: str) -> dict[str, Any]:
    items = data.get(lst.name) if isinstance(data, dict) else None
    out: dict[str, Any] = {}
    for item in items if isinstance(items, list) else []:
        key = _key_text(item.get(lst.key)) if isinstance(item, dict) else None
        if key is None or not lst.pattern().fullmatch(f"{lst.kind} {key}"):
            raise CxgovError(
                f"{shown}: {lst.name}: expected every {lst.kind} to have a valid {lst.key} before its changes "
                f"are recorded, found {show(item.get(lst.key)) if isinstance(item, dict) else show(item)}"
            )
        if key in out:
            raise CxgovError(f"{shown}: {lst.name}: expected a unique {lst.key} per {lst.kind}, found '{key}' again")
        out[key] = item
    return out


def _as_change(file: str, row: tuple[str, str, str, str]) -> Change:
    obj, field, before, after = row
    return Change(date.min, "", file, obj, field, decode(before), decode(after), "", 0)


def _undo_list(lst: KeyedList, items: dict[str, Any], changes: Iterable[Change]) -> dict[str, Any]:
    """Undo changes (newest last) on a plain {key: item} list; only presence and order matter here."""
    out = dict(items)
    for ch in reversed(list(changes)):
        if ch.obj == lst.name and ch.field == ORDER:
            out = _reordered(out, [str(k) for k in ch.before])
        elif ch.field == WHOLE:
            key = ch.obj.split(" ", 1)[1]
            if absent(ch.before):
                out.pop(key, None)
            elif key not in out:
                out[key] = ch.before
    return out


def _reordered(items: dict[str, Any], order: list[str]) -> dict[str, Any]:
    first = {k: items[k] for k in order if k in items}
    return first | {k: v for k, v in items.items() if k not in first}


def later_than(changes: Iterable[Change], day: date) -> list[Change]:
    """The changes that took effect after day (file order kept)."""
    return [c for c in changes if c.date > day]


def undo(file: str, data: Any, changes: Sequence[Change]) -> Any:
    """The parsed YAML of file with changes undone, newest first; data itself is left as it is.

    Undoing is forgiving, so a record whose save did not land changes nothing:
    a key is set to its value before; an object added is removed if it is
    there; an object removed is put back at the end if it is not there; an
    order row puts the objects it names in that order. Values put back carry
    the line of the object they belong to (lines in messages refer to the
    current file).
    """
    mine = [c for c in changes if c.file == file]
    if not mine or not isinstance(data, YMap):
        return data
    data = copy.deepcopy(data)
    for ch in reversed(mine):
        if ch.obj == CHARTER:
            if ch.field != WHOLE:  # before its creation the committee is absent altogether (created_after)
                _set(data, ch.field, ch.before)
            continue
        lst = list_of(file, ch.obj)
        if lst is None:
            continue
        seq = data.get(lst.name)
        if not isinstance(seq, YSeq):
            if ch.field != WHOLE or absent(ch.before):
                continue
            seq = YSeq()
            seq.line, seq.lines = data.line, []
            data[lst.name] = seq
            data.lines[lst.name] = data.line
        if ch.field == ORDER:
            _reorder(seq, lst, [str(k) for k in ch.before])
            continue
        key = ch.obj.split(" ", 1)[1]
        at = next(
            (i for i, item in enumerate(seq) if isinstance(item, dict) and _key_text(item.get(lst.key)) == key), None
        )
        if ch.field != WHOLE:
            if at is not None and isinstance(seq[at], YMap):
                _set(seq[at], ch.field, ch.before)
        elif absent(ch.before):
            if at is not None:
                del seq[at]
                del seq.lines[at]
        elif at is None:
            seq.append(_to_yaml(ch.before, seq.line))
            seq.lines.append(seq.line)
    return data


def _set(m: YMap, key: str, value: Any) -> None:
    if absent(value):
        m.pop(key, None)
        m.lines.pop(key, None)
        return
    line = m.lines.get(key, m.line)
    m[key] = _to_yaml(value, line)
    m.lines[key] = line


def _reorder(seq: YSeq, lst: KeyedList, order: list[str]) -> None:
    rank = {k: i for i, k in enumerate(order)}
    keyed = [
        (rank.get(_key_text(item.get(lst.key)) or "", len(order)) if isinstance(item, dict) else len(order), i)
        for i, item in enumerate(seq)
    ]
    new = sorted(range(len(seq)), key=lambda i: keyed[i])
    items, lines = [seq[i] for i in new], [seq.lines[i] for i in new]
    seq[:] = items
    seq.lines[:] = lines


def created_after(changes: Iterable[Change], day: date) -> bool:
    """Tell whether changes record the committee's creation (charter '*') on a day after day."""
    return any(c.obj == CHARTER and c.field == WHOLE and c.date > day for c in changes)
