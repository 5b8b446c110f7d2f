"""Editor messages in a chair's words: the committee and the field by name, the file and line as a detail.

A loader problem (``/srv/ws/cx/kpis.yaml:12: kpi csat: target: expected a
number, found '86,6'``) reads ``CX Steering Committee, KPI Customer
satisfaction: target 86,6 is not a number (cx/kpis.yaml, line 12)``. Paths are
shown relative to the workspace: the server's folders (the workspace's root as
given or resolved, the check's temporary mirror) never reach a message, nor
does any other absolute path (only its file name is kept).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cxgov.errors import CxgovError, Problem
from cxgov.workspace.model import Workspace

if TYPE_CHECKING:
    from cxgov.editor.session import Session

# Field names of the workspace format, as a chair says them; others lose their '_' and '.'.
FIELD_WORDS = {
    "due": "due date",
    "launch": "launch date",
    "period": "month",
    "by": "who",
    "kpi": "KPI",
    "kpis": "KPIs",
    "depends_on": "depends on",
    "raci.responsible": "Responsible",
    "raci.accountable": "Accountable",
    "raci.consulted": "Consulted",
    "raci.informed": "Informed",
}
# "X is not <expected>" reads well only when what was expected is a kind of thing.
_KINDS = ("a ", "an ", "one of ", "true or false", "valid ", "UTF-8", "plain ")
_EMPTY = ("nothing", "''", "an empty list")
_SIMPLE = re.compile(r"'([^'\s]+)'")
# "field: expected X, found Y" (or "; found" when X lists items), as CxgovError messages are written.
_FIELD_ERROR = re.compile(r"(?P<field>[\w.\[\] -]+): expected (?P<expected>.+?)[,;] found (?P<found>.+)", re.DOTALL)
_BEFORE = r"(?<![\w.\-/])"
_ABSOLUTE = re.compile(r"(?<![\w.:/])/(?:[^\s'\",:;()]+/)+([^\s'\",:;()/]*)")


class Wording:
    """How the editor names things of one workspace: its committees, objects and files."""

    def __init__(self, ws: Workspace | None, *folders: str | os.PathLike[str]) -> None:
        self.ws = ws
        # Every form of the workspace's folder a message may hold, longest first: as given, absolute, resolved.
        forms = {f(os.fspath(x)) for x in folders for f in (os.path.normpath, os.path.abspath, os.path.realpath)}
        self.roots = sorted(forms, key=len, reverse=True)
        self.mirror = re.compile(re.escape(os.path.join(tempfile.gettempdir(), "cxgov-check-")) + r"[^/\s]*/ws/")

    def relative(self, text: str) -> str:
        """Text with the workspace's folder taken out of every path, and any other absolute path cut to its name."""
        text = self.mirror.sub("", text)
        for root in self.roots:
            if root not in (os.sep, "."):  # a folder name of its own: not the 'ws' of 'rows', nor '/srv/ws2'
                text = re.sub(_BEFORE + re.escape(root) + "/", "", text)
                if os.path.isabs(root):
                    text = re.sub(_BEFORE + re.escape(root) + r"(?![\w.\-/])", "the workspace", text)
        return _ABSOLUTE.sub(lambda m: m[1] or "a folder of the server", text)

    def problem(self, p: Problem) -> str:
        """A loader problem as a sentence: who and what, the field, what is wrong; the file and line in brackets."""
        subject = [s for s in (self._committee(p), self._object(p)) if s]
        head = ", ".join(subject)
        sentence = (head + ": " if head else "") + wrong(field_words(p.field), p.expected, p.found)
        return self.relative(f"{sentence} ({self._where(p)})")

    def error(self, exc: BaseException) -> str:
        """A CxgovError or an OSError as the chair reads it (no server path); other exceptions as their text."""
        if isinstance(exc, OSError):
            what = exc.strerror or str(exc)
            name = exc.filename if isinstance(exc.filename, str) else None
            return self.relative(f"{name}: {what}" if name else what)
        text = str(exc)
        if isinstance(exc, CxgovError):
            found = _FIELD_ERROR.fullmatch(text)
            if found:
                text = wrong(field_words(found["field"]), found["expected"], found["found"])
        return self.relative(text)

    def problems(self, found: Iterable[Problem]) -> list[str]:
        return [self.problem(p) for p in found]

    def _committee(self, p: Problem) -> str:
        if p.committee is None:
            return self.ws.org.name if self.ws and self.ws.org and _is_org(p.path) else ""
        c = self.ws.committee.get(p.committee) if self.ws else None
        return c.name if c else p.committee

    def _object(self, p: Problem) -> str:
        if not p.obj:
            return ""
        kind, _, oid = p.obj.partition(" ")
        c = self.ws.committee.get(p.committee or "") if self.ws else None
        if kind == "committee":
            return ""  # the committee is already named
        if kind == "kpi":
            k = c.kpi.get(oid) if c else None
            return f"KPI {k.name}" if k else f"KPI {oid}".rstrip()
        if kind == "action" and c and oid in c.action:
            return f'action {oid} "{c.action[oid].title}"'
        if kind == "person" and self.ws and self.ws.org and oid in self.ws.org.person:
            return f"person {self.ws.org.person[oid].name}"
        if kind == "milestone" and oid:
            return f"{oid}-month milestone"
        return p.obj

    def _where(self, p: Problem) -> str:
        path = self.relative(p.path)
        return f"{path}, line {p.line}" if p.line else path


def wording(session: Session | None) -> Wording:
    """The wording of a session's workspace (none open: only absolute paths are cut)."""
    return Wording(session.ws, session.shown, session.root) if session else Wording(None)


def field_words(field: str) -> str:
    """A format field as words: 'due' is 'due date', 'budget[1].amount' is 'budget line 1 amount' (counted from 1)."""
    if field in FIELD_WORDS:
        return FIELD_WORDS[field]
    numbered = re.sub(r"\[(\d+)\]", lambda m: f" line {int(m[1])}", field)
    return numbered.replace("_", " ").replace(".", " ")


def wrong(field: str, expected: str, found: str) -> str:
    """What is wrong, in plain words: '86,6 is not a number', 'due date is missing: it needs a date YYYY-MM-DD'."""
    if found in _EMPTY:
        return f"{field} is missing: it needs {expected}"
    value = _SIMPLE.sub(r"\1", found) if _SIMPLE.fullmatch(found) else found
    quoted = len(found) > 1 and found[0] == found[-1] == "'"
    if expected.startswith(_KINDS) and (quoted or " " not in found):  # a value, not a description of one
        return f"{field} {value} is not {expected}"
    return f"{field}: expected {expected}, found {value}"


def _is_org(path: str) -> bool:
    return os.path.basename(path) == "org.yaml"
