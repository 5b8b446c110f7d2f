"""Editing round-trip YAML in place, touching nothing the chair did not edit.

The mechanism under every form's edit (`cxgov.editor.edits`, `cxgov.editor.org_edits`): an ``edit`` for
:func:`cxgov.workspace.store.replace_yaml` changes only the keys the chair changed, in place, so comments,
key order and flow lists (``members: [ana, bo]``) written by hand stay as they were; a key that is new goes
where the format lists it (`set_key`); an optional key left empty is removed.

A YAML alias (``raci: &shared {...}`` then ``raci: *shared``) makes two places hold the same object in the
round-trip data: changing it in place would change both. A list or mapping an alias shares is copied before
it is changed, so the other place keeps its value (`Shared`). Every edit then compares the whole document
before and after and refuses if anything outside what the chair edited changed (`guarded`).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cxgov.errors import CxgovError

Edit = Callable[[Any], Any]


Value = str | int | float | date | Sequence[str] | None


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


def frozen(node: Any) -> Hashable:
    """node as nested tuples, so two documents' untouched parts compare with ==."""
    if isinstance(node, dict):
        return tuple((k, frozen(v)) for k, v in node.items())
    if isinstance(node, list):
        return tuple(frozen(v) for v in node)
    return node if isinstance(node, Hashable) else repr(node)


def without(data: Any, keys: Sequence[str]) -> Hashable:
    """The document's top-level mapping minus keys (anything else: as it is)."""
    if not isinstance(data, dict):
        return frozen(data)
    return frozen({k: v for k, v in data.items() if k not in keys})


def without_keys(data: Any, keys: Sequence[str]) -> Hashable:
    """The document minus top-level keys, comparable with == (what an edit of those keys must leave alone)."""
    return without(data, keys)


def split_list(data: Any, key: str, drop_last: bool) -> Hashable:
    """The document as (the rest, its list under key), the last item left out if drop_last (one the edit added)."""
    if not isinstance(data, dict):
        return frozen(data)
    items = data.get(key) or []  # a missing or empty list grows into one with the new item
    rest = {k: v for k, v in data.items() if k != key}
    return frozen((rest, items[:-1] if drop_last and isinstance(items, list) else items))


def one_line(text: str) -> str:
    """Collapse whitespace: the editor's text fields hold one paragraph each."""
    return " ".join(text.split())


def flow(items: Sequence[str]) -> CommentedSeq:
    """A list written inline, [a, b], as the format's examples do."""
    seq = CommentedSeq(str(v) for v in items)
    seq.fa.set_flow_style()
    return seq


def _same(old: Any, new: Any) -> bool:
    if is_number(new) and is_number(old):
        return bool(float(old) == float(new))  # 4.0 as written stays 4.0 when the form sends 4
    if isinstance(new, (list, tuple)):
        return isinstance(old, list) and [str(v) for v in old] == list(new)
    if isinstance(new, date):
        return isinstance(old, date) and old == new  # ruamel reads 2026-07-01 as a date
    return old is not None and not isinstance(old, (list, dict)) and str(old) == str(new)


def is_number(value: Any) -> bool:
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


def root_list(data: Any, key: str, shown: str, shared: Shared) -> CommentedSeq:
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


def index_after(m: CommentedMap, key: str, order: Sequence[str]) -> int:
    before = set(order[: order.index(key)])
    return max((i + 1 for i, k in enumerate(m.keys()) if k in before), default=0)


def appending(change: Callable[[Any, Shared], Any], key: str, shown: str) -> Edit:
    """A guarded edit that adds one item at the end of the list under key (a missing file starts empty)."""
    guard = guarded(
        change, lambda data: split_list(data, key, False), shown, added=lambda data: split_list(data, key, True)
    )

    def edit(data: Any) -> Any:
        if data is None:  # an empty file: there is nothing before the change to keep
            data = CommentedMap()
            data[key] = CommentedSeq()
        return guard(data)

    return edit


def item_index(items: Any, key: str, value: str) -> int | None:
    """The index of the first mapping in items whose key is value (as text)."""
    if not isinstance(items, list):
        return None
    return next((i for i, x in enumerate(items) if isinstance(x, dict) and str(x.get(key)) == value), None)


def one_item(key: str, id_key: str, original: str | None, change: Callable[[Any, Shared], Any], shown: str) -> Edit:
    """A guarded edit of the item of the list under key whose id_key is original (None: one added at the end)."""
    at: list[int | None] = [None]

    def rest(data: Any, i: int | None) -> Hashable:
        if i is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
            return split_list(data, key, False)
        items = data[key]
        return frozen(({k: v for k, v in data.items() if k != key}, items[:i] + items[i + 1 :]))

    def outside(data: Any) -> Hashable:
        return rest(data, item_index(data.get(key) if isinstance(data, dict) else None, id_key, original or ""))

    def located(data: Any, shared: Shared) -> Any:
        if original is not None:
            at[0] = item_index(data.get(key) if isinstance(data, dict) else None, id_key, original)
        return change(data, shared)

    if original is None:
        guard = guarded(located, outside, shown, added=lambda data: split_list(data, key, True))
    else:
        guard = guarded(located, outside, shown, added=lambda data: rest(data, at[0]))

    def edit(data: Any) -> Any:
        if data is None:  # an absent or empty file starts as an empty list
            data = CommentedMap()
            data[key] = CommentedSeq()
        return guard(data)

    return edit


def find_item(items: CommentedSeq, id_key: str, original: str, what: str, shown: str, shared: Shared) -> CommentedMap:
    i = item_index(items, id_key, original)
    if i is None:
        raise CxgovError(f"{shown}: {what} {original}: expected it in the file, found nothing; reload")
    item = shared.own(items, i)
    if not isinstance(item, CommentedMap):
        raise CxgovError(f"{shown}: {what} {original}: expected a mapping the editor can change; fix it by hand")
    return item
