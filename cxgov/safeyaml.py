"""Read YAML safely, keeping the line of every value.

The file is *composed* into nodes by libyaml and converted here by hand, so no
tag can construct an object (``!!python/...`` is reported, never executed),
aliases are converted once and shared (a "billion laughs" file is measured
and rejected, not expanded), and every mapping and list remembers the lines
of its items for error messages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import yaml

from cxgov.errors import Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 1_000_000  # after expanding aliases; a real workspace file is far below
MAX_DEPTH = 64

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TS = (
    _T + "str",
    _T + "int",
    _T + "float",
    _T + "bool",
    _T + "null",
    _T + "timestamp",
)
_MAP, _SEQ = _T + "map", _T + "seq"
_constructor = yaml.constructor.SafeConstructor()


class YMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each value."""

    line: int
    lines: dict[str, int]


class YSeq(list[Any]):
    """A list that knows its own line and the line of each item."""

    line: int
    lines: list[int]


class _Reject(Exception):
    def __init__(self, line: int, field: str, expected: str, found: str) -> None:
        super().__init__(found)
        self.args4 = (line, field, expected, found)


def read_text(path: str | os.PathLike[str], shown: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file of at most MAX_BYTES; report why not otherwise."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return None, [Problem(shown, None, None, "file", "a readable file", "nothing")]
    if size > MAX_BYTES:
        found = f"{size / 1024 / 1024:.1f} MB"
        return None, [Problem(shown, None, None, "file", "at most 5 MB", found)]
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        found = f"byte 0x{data[exc.start]:02x}"
        return None, [Problem(shown, line, None, "file", "UTF-8 text", found)]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def load_yaml(path: str | os.PathLike[str], shown: str) -> tuple[Any, list[Problem]]:
    """Load one YAML document into YMap/YSeq/scalars, or return the problems."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; see load_yaml."""
    # libyaml's composer recurses in C and crashes the process on absurd
    # nesting; such text goes to the pure-Python composer, whose recursion
    # is bounded and raises RecursionError instead.
    loader = yaml.SafeLoader if _maybe_deep(text) else _Loader
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        found = (exc.problem or exc.context or "invalid syntax").strip()
        return None, [Problem(shown, line, None, "file", "valid YAML", found)]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, None, None, "file", "valid YAML", str(exc).strip())]
    except RecursionError:
        return None, [Problem(shown, None, None, "file", f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")]
    if node is None:
        return None, [Problem(shown, 1, None, "file", "a mapping", "an empty file")]
    try:
        _check_size(node)
        return _Converter().convert(node, 0), []
    except _Reject as rej:
        line, field, expected, found = rej.args4
        return None, [Problem(shown, line, None, field, expected, found)]


_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"")
_BRACKETS = re.compile(r"[\[\]{}]")
_BLOCK_DEEP = re.compile(r"^ {60,}\S|(?:[-?]\s+){30}", re.M)


def _maybe_deep(text: str) -> bool:
    """Tell cheaply whether nesting might exceed what libyaml survives."""
    if _BLOCK_DEEP.search(text):
        return True
    if text.count("[") + text.count("{") < 30:
        return False
    depth = 0
    for ch in _BRACKETS.findall(_QUOTED.sub("", text)):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        if depth >= 30:
            return True
    return False


def _check_size(root: yaml.Node) -> None:
    """Reject documents whose aliases would expand past MAX_NODES."""
    sizes: dict[int, int] = {}
    anchored = False

    def size(node: yaml.Node, depth: int) -> int:
        nonlocal anchored
        key = id(node)
        if key in sizes:
            anchored = True
            return sizes[key]
        if depth > MAX_DEPTH:
            raise _Reject(node.start_mark.line + 1, "file", f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
        sizes[key] = 1  # guards against recursive aliases
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(v, depth + 1) for v in node.value)
        else:
            total = 1
        if total > MAX_NODES:
            raise _Reject(
                node.start_mark.line + 1,
                "file",
                f"at most {MAX_NODES:,} values after expanding aliases",
                f"more than {MAX_NODES:,} (an alias bomb?)",
            )
        sizes[key] = total
        return total

    size(root, 0)


_SCALARS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _STR: lambda n: n.value,
    _TS: lambda n: n.value,  # dates stay text; fields parse them strictly
    _NULL: lambda n: None,
    _BOOL: _constructor.construct_yaml_bool,
    _INT: _constructor.construct_yaml_int,
    _FLOAT: _constructor.construct_yaml_float,
}


class _Converter:
    def __init__(self) -> None:
        self.done: dict[int, Any] = {}

    def convert(self, node: yaml.Node, depth: int) -> Any:
        key = id(node)
        if key in self.done:
            return self.done[key]
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            make = _SCALARS.get(node.tag)
            if make is None:
                raise _Reject(line, "file", "plain YAML without tags", f"tag '{_tag(node)}'")
            value = make(node)
        elif isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _Reject(line, "file", "plain YAML without tags", f"tag '{_tag(node)}'")
            seq = YSeq()
            seq.line, seq.lines = line, []
            self.done[key] = seq
            for item in node.value:
                seq.append(self.convert(item, depth + 1))
                seq.lines.append(item.start_mark.line + 1)
            value = seq
        else:
            assert isinstance(node, yaml.MappingNode)
            if node.tag != _MAP:
                raise _Reject(line, "file", "plain YAML without tags", f"tag '{_tag(node)}'")
            mapping = YMap()
            mapping.line, mapping.lines = line, {}
            self.done[key] = mapping
            for knode, vnode in node.value:
                kline = knode.start_mark.line + 1
                if not isinstance(knode, yaml.ScalarNode) or knode.tag not in (_STR, _INT, _BOOL, _NULL, _FLOAT, _TS):
                    tag = knode.tag.replace(_T, "!!")
                    raise _Reject(kline, "file", "plain text keys", f"key of kind '{tag}'")
                name = knode.value
                if name in mapping:
                    raise _Reject(kline, name, "each key once", f"'{name}' twice")
                mapping[name] = self.convert(vnode, depth + 1)
                mapping.lines[name] = vnode.start_mark.line + 1
            value = mapping
        self.done[key] = value
        return value


def _tag(node: yaml.Node) -> str:
    return str(node.tag).replace(_T, "!!")
