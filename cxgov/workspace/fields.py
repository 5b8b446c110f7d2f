"""Read typed fields out of a loaded YAML mapping, collecting problems.

One ``Fields`` wraps one mapping (an action, a person, a KPI ...) and names
the object in every message, so each problem reads like the spec's
``path:line: action A1: raci.accountable: expected ..., found ...``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from cxgov.dates import DATE_RANGE, in_range, parse_day
from cxgov.errors import Problem, kind_of, show
from cxgov.workspace.ids import ACTION_ID, ACTION_RULE, SLUG, SLUG_RULE
from cxgov.workspace.safeyaml import YInt, YMap, YSeq

DATE_FORMAT = "a date YYYY-MM-DD"
# Every number in a workspace lies within +/-MAX_NUMBER: a float holds every whole number up to it exactly,
# and totals of thousands of such values (budgets, weighted attainment) stay far from overflowing.
MAX_NUMBER = 1e15
# A number as written in YAML or CSV (ASCII digits only); one that does not fit a float is kept as text.
NUMBER_TEXT = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?", re.ASCII)
_dates: dict[str, date] = {}


def parse_date(text: Any) -> date | None:
    """Parse a strict ISO YYYY-MM-DD date within the supported range (cxgov.dates), or return None."""
    if not isinstance(text, str):
        return None
    found = _dates.get(text)
    if found is not None:
        return found
    found = parse_day(text)
    if found is None or not in_range(found):
        return None
    _dates[text] = found
    return found


def date_expected(text: Any) -> str:
    """What a date that parse_date refused should have been: the format, or the supported range."""
    return DATE_RANGE if isinstance(text, str) and parse_day(text) is not None else DATE_FORMAT


def number_range(minimum: float | None = None) -> str:
    """The expected text of a number out of range."""
    low = f"{minimum:g}" if minimum is not None else f"-{MAX_NUMBER:.0e}".replace("e+", "e")
    return f"a number from {low} to {MAX_NUMBER:.0e}".replace("e+", "e")


def check_number(value: Any, minimum: float | None = None) -> tuple[float | None, str]:
    """(the number, "") for a finite number within range, else (None, what was expected).

    Text that is written as a number (a 5000-digit integer or 1e400 that YAML kept as text) is
    out of range, not "not a number". Negative zero becomes zero (no "-0" in a report).
    """
    if isinstance(value, str):
        return None, number_range(minimum) if NUMBER_TEXT.fullmatch(value.strip()) else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, "a number"
    if isinstance(value, float) and not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return None, number_range(minimum)
    if minimum is not None and value < minimum:
        return None, f"a number of at least {minimum:g}"
    return float(value) + 0.0, ""


def show_number(value: Any) -> str:
    """A found number as YAML writes it (.inf, -.inf, .nan), else as show() does."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if value != value else (".inf" if value > 0 else "-.inf")
    return show(value)


class Ctx:
    """The problems of one file, tagged with the committee they belong to."""

    def __init__(
        self, shown: str, committee: str | None, problems: list[Problem], within: tuple[str, ...] = ()
    ) -> None:
        self.shown = shown
        self.committee = committee
        self.problems = problems
        self.blocking = 0
        # The real folders the file may resolve into (cxgov.workspace.files); empty: nothing may be read.
        self.within = within

    def add(
        self,
        line: int | None,
        obj: str | None,
        field: str,
        expected: str,
        found: str,
        blocking: bool = True,
    ) -> None:
        """Record one problem."""
        self.blocking += blocking
        self.problems.append(Problem(self.shown, line, obj, field, expected, found, self.committee, blocking))

    def mapping(self, value: Any, line: int | None, obj: str | None, field: str, nested: bool = True) -> Fields | None:
        """Wrap value as Fields if it is a mapping, else report it.

        nested: the mapping's keys are reported as 'field.key' (raci.accountable);
        a list item (an action, a person) names itself in obj instead.
        """
        if isinstance(value, YMap):
            return Fields(self, value, obj, field + "." if field and nested else "")
        self.add(line, obj, field or "file", "a mapping", kind_of(value))
        return None


class Fields:
    """Typed access to the keys of one mapping."""

    def __init__(self, ctx: Ctx, m: YMap, obj: str | None, prefix: str = "") -> None:
        self.ctx, self.m, self.obj, self.prefix = ctx, m, obj, prefix

    def line(self, key: str) -> int:
        """The line of key's value, or of the mapping when the key is absent."""
        return self.m.lines.get(key, self.m.line)

    def bad(self, key: str, expected: str, found: str, blocking: bool = True) -> None:
        """Report a problem with key."""
        self.ctx.add(self.line(key), self.obj, self.prefix + key, expected, found, blocking)

    def _get(self, key: str, required: bool, expected: str) -> Any:
        value = self.m.get(key)
        if value is None and required:
            self.bad(key, expected, "nothing")
        return value

    def allowed(self, keys: Collection[str]) -> None:
        """Report keys the format does not know (typos like 'acountable')."""
        for key in self.m:
            if key not in keys:
                # A key is named in the message twice: shortened like any found value.
                shown = show(key)
                self.ctx.add(
                    self.line(key),
                    self.obj,
                    self.prefix + shown[1:-1],
                    "one of " + ", ".join(keys),
                    f"unknown key {shown}",
                    False,
                )

    def text(self, key: str, required: bool = True) -> str | None:
        """A non-empty text (numbers are taken as their text)."""
        value = self._get(key, required, "a text")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.bad(key, "a text", kind_of(value))
            return None
        value = str(value).strip()
        if not value:
            if required:
                self.bad(key, "a text", "an empty text")
            return None
        return value

    def ident(self, key: str, action: bool = False, required: bool = True) -> str | None:
        """An id matching the spec's pattern (a slug, or an action id)."""
        rule = ACTION_RULE if action else SLUG_RULE
        value = self._get(key, required, rule)
        if value is None:
            return None
        value = _as_id_text(value)
        pattern = ACTION_ID if action else SLUG
        if not isinstance(value, str) or pattern.fullmatch(value) is None:
            self.bad(key, rule, show(value))
            return None
        return value

    def date(self, key: str, required: bool = True) -> date | None:
        """A strict ISO date."""
        value = self._get(key, required, DATE_FORMAT)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.bad(key, date_expected(value), show(value))
        return parsed

    def number(self, key: str, required: bool = True, minimum: float | None = None) -> float | None:
        """A finite number within +/-MAX_NUMBER, optionally at least minimum."""
        value = self._get(key, required, "a number")
        if value is None:
            return None
        number, expected = check_number(value, minimum)
        if number is None:
            self.bad(key, expected, kind_of(value) if isinstance(value, (list, dict)) else show_number(value))
        return number

    def flag(self, key: str, required: bool = False) -> bool | None:
        """true or false."""
        value = self._get(key, required, "true or false")
        if value is None:
            return None
        if not isinstance(value, bool):
            self.bad(key, "true or false", show(value))
            return None
        return value

    def choice(self, key: str, options: Collection[Any], required: bool = True) -> Any:
        """One of a fixed set of values."""
        expected = "one of " + ", ".join(str(o) for o in options)
        value = self._get(key, required, expected)
        if value is None:
            return None
        if isinstance(value, bool) or value not in options:
            self.bad(key, expected, show(value))
            return None
        return value

    def ids(
        self,
        key: str,
        known: Collection[str] | None,
        what: str,
        required: bool = False,
        action: bool = False,
    ) -> tuple[str, ...] | None:
        """A list of ids, each of which must be in known (when known is given)."""
        expected = f"a list of {what} ids"
        value = self._get(key, required, expected)
        if value is None:
            return () if not required else None
        if not isinstance(value, YSeq):
            self.bad(key, expected, kind_of(value))
            return None
        if required and not value:
            self.bad(key, f"at least one {what} id", "an empty list")
            return None
        out: list[str] = []
        pattern = ACTION_ID if action else SLUG
        ok = True
        for i, item in enumerate(value):
            line = value.lines[i]
            item = _as_id_text(item)
            if not isinstance(item, str) or pattern.fullmatch(item) is None:
                self.ctx.add(line, self.obj, self.prefix + key, f"{article(what)} {what} id", show(item))
                ok = False
            elif known is not None and item not in known:
                self.ctx.add(line, self.obj, self.prefix + key, f"{article(what)} {what} id {_where(what)}", show(item))
                ok = False
            elif item in out:
                self.ctx.add(line, self.obj, self.prefix + key, f"each {what} once", f"'{item}' twice")
                ok = False
            else:
                out.append(item)
        return tuple(out) if ok else None

    def ref(self, key: str, value: str | None, known: Collection[str], what: str) -> str | None:
        """Check that an id read from key exists."""
        if value is not None and value not in known:
            self.bad(key, f"{article(what)} {what} id {_where(what)}", show(value))
            return None
        return value

    def items(self, key: str, required: bool = False) -> Iterator[tuple[int, int, Any]]:
        """Yield (index, line, item) of a list value."""
        value = self._get(key, required, "a list")
        if value is None:
            return
        if not isinstance(value, YSeq):
            self.bad(key, "a list", kind_of(value))
            return
        for i, item in enumerate(value):
            yield i, value.lines[i], item


def article(word: str) -> str:
    """'a' or 'an' before a word (an action, a KPI)."""
    return "an" if word[:1] in "aeio" else "a"


def _as_id_text(value: Any) -> Any:
    """Ids written as numbers keep their text (010 stays '010')."""
    if isinstance(value, YInt):
        return value.text
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_WHERE = {
    "person": "from org.yaml",
    "department": "from org.yaml",
    "touchpoint": "from the journey in org.yaml",
    "KPI": "from kpis.yaml",
    "action": "from plan.yaml",
    "committee": "of this workspace",
    "member": "among the committee's members",
}


def _where(what: str) -> str:
    return _WHERE.get(what, "that exists")
