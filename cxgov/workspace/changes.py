"""The recorded history of a committee's plan, charter and KPIs (changes.csv): its rows, values and reading.

Every save of ``plan.yaml``, ``committee.yaml`` or ``kpis.yaml`` appends one
row per changed field to ``<committee>/changes.csv``::

    date,by,file,object,field,before,after,reason
    2026-12-01,ana,plan.yaml,action A10,horizon,6,12,

The state of a file on day D is its current content with every change dated
after D undone, newest first (``cxgov.workspace.undo``, which also makes the
rows from two versions of a file). Values are the YAML values as compact
JSON; an empty ``before`` means "absent" (the object or key was added), an
empty ``after`` that it was removed. Whole objects added or
removed have the field ``*``; when a save changes the order of a list
(``actions``, ``milestones``, ``kpis``), a row with the list as object and the
field ``order`` holds the keys in their order before and after.

A committee created through cxgov starts its changes.csv with its creation:
``committee.yaml,charter,*`` with an empty before and the charter as JSON
after (``creation_row``). Before that row's date the committee did not exist:
a load as of an earlier day leaves it out altogether (``created_after``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.errors import CxgovError, show
from cxgov.workspace.csvfile import read_rows
from cxgov.workspace.fields import Ctx, date_expected, parse_date
from cxgov.workspace.ids import ACTION_ID, SLUG
from cxgov.workspace.load_charter import CHARTER_KEYS
from cxgov.workspace.load_kpis import KPI_KEYS
from cxgov.workspace.load_plan import ACTION_KEYS
from cxgov.workspace.model import Change as Change  # defined with the records a Committee holds
from cxgov.workspace.safeyaml import YInt, parse_yaml

CHANGES_FILE = "changes.csv"
CHANGE_COLUMNS = ("date", "by", "file", "object", "field", "before", "after", "reason")
RECORDED_FILES = ("committee.yaml", "plan.yaml", "kpis.yaml")
MILESTONE_KEYS = ("horizon", "goal", "due")
WHOLE = "*"
ORDER = "order"


@dataclass(frozen=True, slots=True)
class KeyedList:
    """A list of keyed objects in a file: plan.yaml's actions, kpis.yaml's kpis."""

    file: str
    name: str  # the top-level key: actions
    kind: str  # the object's name in changes.csv: action
    key: str  # the key naming an item: id
    keys: tuple[str, ...]  # the item's known keys

    def pattern(self) -> re.Pattern[str]:
        ids = {"action": ACTION_ID.pattern, "kpi": SLUG.pattern, "milestone": "3|6|12"}[self.kind]
        return re.compile(rf"{self.kind} ({ids.removeprefix('^').removesuffix('$')})")


LISTS = (
    KeyedList("plan.yaml", "milestones", "milestone", "horizon", MILESTONE_KEYS),
    KeyedList("plan.yaml", "actions", "action", "id", ACTION_KEYS),
    KeyedList("kpis.yaml", "kpis", "kpi", "id", KPI_KEYS),
)
CHARTER = "charter"


class _Absent:
    """'Nothing' in before/after: the key or object did not exist. One object, also after a pickle or a copy."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "ABSENT"  # pickled by name: loading it gives this module's one object back

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


def absent(value: Any) -> bool:
    """Tell whether a recorded before/after value is 'nothing' (the object or key did not exist)."""
    return value is ABSENT


# --- values ---------------------------------------------------------------


def encode(value: Any) -> str:
    """A YAML value as compact JSON (key order kept, text as written); absent: the empty string."""
    if value is ABSENT:
        return ""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def _plain(value: Any) -> Any:
    if isinstance(value, YInt):
        return int(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a YAML value cxgov writes")


def decode(text: str) -> Any:
    """Parse a before/after cell: the empty string is ABSENT, anything else must be JSON (ValueError)."""
    if text == "":
        return ABSENT
    return json.loads(text, parse_constant=_no_constant)


# --- reading changes.csv ----------------------------------------------------


def read_changes(path: str | Path, ctx: Ctx, people: Collection[str]) -> list[Change]:
    """Validate changes.csv into changes in file order; a bad row is reported (not blocking) and skipped."""
    out: list[Change] = []
    add = ctx.add
    latest: date | None = None
    rows = read_rows(path, ctx, CHANGE_COLUMNS)
    for seen, (line, (day, by, file, obj, field, before_text, after_text, reason)) in enumerate(rows):
        when = parse_date(day)
        ok = True
        if when is None:
            add(line, None, "date", date_expected(day), _shown(day), blocking=False)
            ok = False
        elif latest is not None and when < latest:
            add(line, None, "date", f"a date on or after {latest} (rows are in date order)", f"'{day}'", False)
            ok = False
        if by and by not in people:
            add(line, None, "by", "a person id from org.yaml, or nothing", _shown(by), blocking=False)
            ok = False
        if file not in RECORDED_FILES:
            add(line, None, "file", "one of " + ", ".join(RECORDED_FILES), _shown(file), blocking=False)
            ok = False
        else:
            expected = _object_rule(file, obj)
            if expected:
                add(line, None, "object", expected, _shown(obj), blocking=False)
                ok = False
            else:
                expected = _field_rule(file, obj, field)
                if expected:
                    add(line, obj, "field", expected, _shown(field), blocking=False)
                    ok = False
        values = []
        for name, text in (("before", before_text), ("after", after_text)):
            try:
                values.append(decode(text))
            except ValueError:
                add(line, None, name, "a YAML value as JSON, or nothing", _shown(text), blocking=False)
                ok = False
        if ok and obj == CHARTER and field == WHOLE and seen:
            add(
                line,
                obj,
                "field",
                "a key of committee.yaml ('*', the committee's creation, only in the first row)",
                _shown(field),
                blocking=False,
            )
            ok = False
        if ok:
            expected, which = _values_rule(obj, field, values[0], values[1])
            if expected:
                add(line, obj, which, expected, _shown(before_text if which == "before" else after_text), False)
                ok = False
        if ok and when is not None:
            latest = when
            out.append(Change(when, by, file, obj, field, values[0], values[1], reason, line))
    return out


def _shown(value: str) -> str:
    return "nothing" if value == "" else show(value)


def list_of(file: str, obj: str) -> KeyedList | None:
    for lst in LISTS:
        if lst.file == file and (obj == lst.name or lst.pattern().fullmatch(obj)):
            return lst
    return None


_OBJECTS = {
    "committee.yaml": f"'{CHARTER}'",
    "plan.yaml": "'action ID', 'milestone H' (H: 3, 6 or 12), 'actions' or 'milestones'",
    "kpis.yaml": "'kpi ID' or 'kpis'",
}
_ARTICLE = {"action": "an action", "milestone": "a milestone", "kpi": "a KPI"}


def _object_rule(file: str, obj: str) -> str:
    """What object names a row of file may have; empty when obj is one."""
    known = obj == CHARTER if file == "committee.yaml" else list_of(file, obj) is not None
    return "" if known else _OBJECTS[file]


def _field_rule(file: str, obj: str, field: str) -> str:
    """What fields a row about obj may name; empty when field is one."""
    if file == "committee.yaml":
        keys: Sequence[str] = CHARTER_KEYS
        return "" if field == WHOLE or field in keys else "'*' or a key of committee.yaml"
    lst = list_of(file, obj)
    assert lst is not None
    if obj == lst.name:
        return "" if field == ORDER else f"'{ORDER}'"
    if field == WHOLE or field in lst.keys:
        return ""
    return f"'*' or a key of {_ARTICLE[lst.kind]}"


def _values_rule(obj: str, field: str, before: Any, after: Any) -> tuple[str, str]:
    """(what was expected, of which column) when the pair of values cannot be a change; ('', '') if it can."""
    if obj == CHARTER and field == WHOLE:
        if not absent(before):
            return "nothing (the charter's '*' row records the committee's creation)", "before"
        if not isinstance(after, dict):
            return "the charter as JSON {...} (the committee's creation)", "after"
        return "", ""
    if field == ORDER:
        for name, value in (("before", before), ("after", after)):
            if not isinstance(value, list):
                return "a JSON list of keys", name
        return "", ""
    if field == WHOLE:
        if absent(before) and absent(after):
            return "the object as JSON (an object added has an empty before, one removed an empty after)", "before"
        for name, value in (("before", before), ("after", after)):
            if not absent(value) and not isinstance(value, dict):
                return "a whole object as JSON {...}, or nothing", name
        return "", ""
    if absent(before) and absent(after):
        return "a value before or after the change", "before"
    return "", ""


# --- a file as the loader parses it ------------------------------------------------


def parsed(data: bytes | str | None, shown: str) -> Any:
    """A file's text as the loader parses it (None when absent); CxgovError when it cannot be parsed."""
    if data is None:
        return None
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    value, problems = parse_yaml(text.removeprefix("\ufeff"), shown)
    if problems and problems[0].found != "an empty file":
        raise CxgovError(f"{problems[0]}; fix it before its changes can be recorded")
    return value


# --- the field-level difference between two states of a file ------------------


# --- the state of a file on a past day ------------------------------------------


def creation_row(charter: Any, day: date, by: str = "") -> dict[str, str]:
    """The first row of a new committee's changes.csv: the charter (committee.yaml parsed) created on day by by."""
    if not isinstance(charter, dict):
        raise CxgovError(f"committee.yaml: expected a charter (a mapping) to record, found {show(charter)}")
    return dict(
        date=day.isoformat(),
        by=by,
        file="committee.yaml",
        object=CHARTER,
        field=WHOLE,
        before="",
        after=encode(charter),
        reason="",
    )


def rows_of(
    file: str, changes: Sequence[tuple[str, str, str, str]], day: date, by: str = "", reason: str = ""
) -> list[dict[str, str]]:
    """changes.csv rows for a diff of file, all dated day and by one person."""
    return [
        dict(date=day.isoformat(), by=by, file=file, object=obj, field=field, before=b, after=a, reason=reason)
        for obj, field, b, a in changes
    ]
