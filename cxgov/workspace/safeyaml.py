"""Read YAML safely, keeping the line of every value.

libyaml only *parses* the text into events; this module builds the values
from them with an explicit stack (no recursion, so absurd nesting is rejected
instead of crashing the process). No tag constructs anything: a tag such as
``!!python/object/apply`` is reported, never executed. Aliases are built once
and shared, and their expanded size is counted, so a "billion laughs" file is
rejected in a millisecond. Plain scalars are resolved with YAML 1.2's core
schema (``yes``/``no``/``on`` stay text; ``2026-08-31`` stays text for the
date fields to parse strictly). Every mapping and list remembers the lines of
its items for error messages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

import yaml

from cxgov.errors import Problem
from cxgov.workspace.files import EXPECTED, Refused, open_regular

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 1_000_000  # after expanding aliases; a real workspace file is far below
MAX_DEPTH = 64

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each value."""

    line: int
    lines: dict[str, int]


class YSeq(list[Any]):
    """A list that knows its own line and the line of each item."""

    line: int
    lines: list[int]


class YInt(int):
    """An integer that remembers how it was written (an id like 010 is not 8)."""

    text: str


class _Reject(Exception):
    def __init__(self, line: int, field: str, expected: str, found: str) -> None:
        super().__init__(found)
        self.args4 = (line, field, expected, found)


def read_text(path: str | os.PathLike[str], shown: str, within: Sequence[str]) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file of at most MAX_BYTES; report why not otherwise.

    within: the real paths of the folders the file may resolve into (cxgov.workspace.files's policy).
    """
    try:
        data, size = open_regular(path, within, MAX_BYTES)
    except FileNotFoundError:
        return None, [Problem(shown, None, None, "file", "a readable file", "nothing")]
    except Refused as why:
        return None, [Problem(shown, None, None, "file", EXPECTED, why.found)]
    if size > MAX_BYTES:
        return None, [Problem(shown, None, None, "file", f"at most 5 MB ({MAX_BYTES:,} bytes)", f"{size:,} bytes")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        found = f"byte 0x{data[exc.start]:02x}"
        return None, [Problem(shown, line, None, "file", "UTF-8 text", found)]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def load_yaml(path: str | os.PathLike[str], shown: str, within: Sequence[str]) -> tuple[Any, list[Problem]]:
    """Load one YAML document into YMap/YSeq/scalars, or return the problems."""
    text, problems = read_text(path, shown, within)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; see load_yaml."""
    try:
        value = _Builder(text).build()
    except _Reject as rej:
        line, field, expected, found = rej.args4
        return None, [Problem(shown, line, None, field, expected, found)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark else None
        found = (exc.problem or exc.context or "invalid syntax").strip()
        if "nesting depth" in found:
            # libyaml 0.2.6 and later stop deep nesting themselves (at 1,000 levels, while scanning, before our
            # builder sees level 64); older ones leave it to the builder. Either way the user reads one message.
            return None, [Problem(shown, where, None, "file", *_TOO_DEEP)]
        for prefix in ("but found ", "found "):
            found = found.removeprefix(prefix)
        return None, [Problem(shown, where, None, "file", "valid YAML", found)]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, None, None, "file", "valid YAML", str(exc).strip())]
    if value is _EMPTY:
        return None, [Problem(shown, 1, None, "file", "a mapping", "an empty file")]
    return value, []


_EMPTY = object()
_TOO_DEEP = (f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", re.ASCII)
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", re.ASCII)
_SPECIAL = {
    "null": None,
    "Null": None,
    "NULL": None,
    "~": None,
    "": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_INF = float("inf")
_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar with YAML 1.2's core schema."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(text):
            try:
                number = YInt(int(text, 0) if text[:2] in ("0o", "0x") else int(text))
            except ValueError:  # more digits than int() converts (4,300): kept as text, the fields then say so
                return text
            number.text = text
            return number
        if _FLOAT.fullmatch(text):
            real = float(text)
            # 1e400 overflows to inf: kept as text, like over-long integers, so messages show what was written
            return text if real in (_INF, -_INF) else real
    return text


class _Frame:
    """A mapping or list under construction."""

    __slots__ = ("value", "key", "size", "anchor")

    def __init__(self, value: YMap | YSeq, anchor: str | None) -> None:
        self.value = value
        self.key: str | None = None
        self.size = 1
        self.anchor = anchor


class _Builder:
    """Build YMap/YSeq/scalars from libyaml's events with an explicit stack."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.anchors: dict[str, tuple[Any, int]] = {}

    def build(self) -> Any:
        loader = _Loader(self.text)
        try:
            return self._run(loader)
        finally:
            loader.dispose()

    def _run(self, loader: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = _EMPTY
        documents = 0
        get = loader.get_event
        while True:
            event = get()
            kind = type(event)
            line = event.start_mark.line + 1
            if kind is yaml.ScalarEvent:
                if event.tag not in _PLAIN_TAGS:
                    raise _Reject(line, "file", "plain YAML without tags", f"tag '{_tag(event.tag)}'")
                value: Any = resolve_plain(event.value) if event.implicit[0] and event.tag is None else event.value
                size = 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag not in _PLAIN_TAGS:
                    raise _Reject(line, "file", "plain YAML without tags", f"tag '{_tag(event.tag)}'")
                if len(stack) >= MAX_DEPTH:
                    raise _Reject(line, "file", *_TOO_DEEP)
                container: YMap | YSeq
                if kind is yaml.MappingStartEvent:
                    container = YMap()
                    container.lines = {}
                else:
                    container = YSeq()
                    container.lines = []
                container.line = line
                stack.append(_Frame(container, event.anchor))
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                value, size, line = frame.value, frame.size, frame.value.line
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, size)
            elif kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise _Reject(line, "file", "an alias to an anchor defined before it", f"'*{event.anchor}'")
                value, size = self.anchors[event.anchor]
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Reject(line, "file", "a single YAML document", "a second document ('---')")
                continue
            elif kind is yaml.StreamEndEvent:
                return root
            else:  # StreamStart, DocumentEnd
                continue
            if not stack:
                root = value
                continue
            parent = stack[-1]
            parent.size += size
            if parent.size > MAX_NODES:
                raise _Reject(
                    line,
                    "file",
                    f"at most {MAX_NODES:,} values after expanding aliases",
                    f"more than {MAX_NODES:,} (an alias bomb?)",
                )
            target = parent.value
            if isinstance(target, YSeq):
                target.append(value)
                target.lines.append(line)
            elif parent.key is None:
                if isinstance(value, (YMap, YSeq)):
                    raise _Reject(line, "file", "plain text keys", "a mapping or list used as a key")
                key = value.text if isinstance(value, YInt) else ("" if value is None else str(value))
                if key == "<<":
                    raise _Reject(line, "file", "plain YAML without merge keys", "'<<'")
                if key in target:
                    raise _Reject(line, key, "each key once", f"'{key}' twice")
                parent.key = key
            else:
                target[parent.key] = value
                target.lines[parent.key] = line
                parent.key = None


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
