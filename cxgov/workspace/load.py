"""Load a whole workspace: read every file, validate once, build records.

A committee with a blocking problem is left out (its id goes to
``Workspace.failed``) while the others load; every problem found anywhere is
returned in ``Workspace.problems``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.errors import CxgovError, Problem
from cxgov.workspace.changes import CHANGES_FILE, read_changes
from cxgov.workspace.fields import Ctx, parse_date
from cxgov.workspace.files import roots
from cxgov.workspace.githistory import GitHistory
from cxgov.workspace.ids import SLUG_RULE, is_slug
from cxgov.workspace.load_charter import read_charter
from cxgov.workspace.load_commentary import read_commentary
from cxgov.workspace.load_history import read_measurements, read_updates
from cxgov.workspace.load_kpis import CrossLink, declared_kinds, read_kpis
from cxgov.workspace.load_meetings import read_maturity, read_meetings
from cxgov.workspace.load_org import load_org
from cxgov.workspace.load_plan import declared_ids, read_plan
from cxgov.workspace.load_signals import read_signals
from cxgov.workspace.model import Change, Charter, Committee, Kpi, Org, Signal, Workspace
from cxgov.workspace.safeyaml import load_yaml
from cxgov.workspace.undo import created_after, later_than, undo

COMMITTEE_FILES = (
    "committee.yaml",
    "plan.yaml",
    "kpis.yaml",
    "updates.csv",
    "measurements.csv",
    "meetings.yaml",
    "maturity.yaml",
    "commentary.yaml",
)


@dataclass
class _Parts:
    """What was read of one committee before cross-committee checks."""

    ctxs: list[Ctx] = field(default_factory=list)
    charter: Charter | None = None
    kpis: list[Kpi] = field(default_factory=list)
    links: list[tuple[Ctx, CrossLink]] = field(default_factory=list)
    built: dict[str, Any] = field(default_factory=dict)
    action_ids: set[str] | None = None
    kpi_kinds: dict[str, str | None] = field(default_factory=dict)

    @property
    def blocking(self) -> int:
        return sum(c.blocking for c in self.ctxs)


def shown_path(*parts: str) -> str:
    """Join path parts the way messages show them (no './' prefix)."""
    return os.path.normpath(os.path.join(*parts))


def load_workspace(
    path: str | os.PathLike[str],
    shown: str | None = None,
    also_within: Sequence[str | os.PathLike[str]] = (),
    as_of: date | None = None,
    git_history: bool | None = None,
) -> Workspace:
    """Load the workspace at path; raise CxgovError only if it is not a folder.

    shown: how messages name the folder (default: path as given).
    also_within: other folders its files may resolve into (the editor's check mirror links to the real
    workspace); by default a file must be inside the workspace itself (cxgov.workspace.files).
    as_of: give each committee's plan, charter and KPIs as they stood on that day, by undoing the changes
    its changes.csv records after it (cxgov.workspace.changes) or, in a git workspace, the hand edits git
    holds after it (cxgov.workspace.githistory), and leave out a committee whose recorded
    creation is later (signals routed to it are then unrouted); None: as the files are now.
    git_history: merge the hand edits a git workspace's history holds into each committee's changes
    (None: when as_of is given, the loads that show views; a load for validation alone skips git).
    """
    shown = os.path.normpath(shown or os.fspath(path))
    root = Path(path)
    if not os.path.isdir(root):  # os.path: a name too long for the system is "nothing", not a traceback
        raise CxgovError(f"{shown}: expected a workspace folder, found {not_a_folder(root)}")
    problems: list[Problem] = []
    within = roots(root, *also_within)
    org = load_org(root, shown, problems, within)
    folders = _committee_folders(root, shown, problems)
    if org is None:
        return Workspace(root, shown, None, (), (), tuple(problems), tuple(folders))
    # In a git workspace, hand edits committed (or not yet) without their record are part of the history too.
    wanted = git_history if git_history is not None else as_of is not None
    history = GitHistory.open(root) if folders and wanted else None
    read = {
        name: _read_committee(root / name, shown_path(shown, name), name, org, problems, within, as_of, history)
        for name in folders
    }
    # A committee whose creation changes.csv dates after as_of did not exist then: not listed, not failed.
    parts = {name: p for name, p in read.items() if p is not None}
    unborn = frozenset(name for name, p in read.items() if p is None)
    _check_links(parts)
    committees: list[Committee] = []
    failed: list[str] = []
    for name, p in parts.items():
        if p.blocking or p.charter is None:
            failed.append(name)
        else:
            committees.append(_build(p))
    signals: tuple[Signal, ...] = ()
    if os.path.lexists(root / "signals.csv"):
        ctx = Ctx(shown_path(shown, "signals.csv"), None, problems, within)
        loaded = {c.id: c for c in committees}
        actions_of: dict[str, set[str] | None] = {n: (set(loaded[n].action) if n in loaded else None) for n in parts}
        signals = tuple(read_signals(root / "signals.csv", ctx, org, actions_of, unborn))
    return Workspace(root, shown, org, tuple(committees), signals, tuple(problems), tuple(failed))


def not_a_folder(path: str | os.PathLike[str]) -> str:
    """What is at a path that is not a folder, for 'expected a workspace folder, found ...'."""
    if not os.path.lexists(path):
        return "nothing"
    if os.path.islink(path) and not os.path.exists(path):
        return _link_found(os.fspath(path))
    return "a file"


def _committee_folders(root: Path, shown: str, problems: list[Problem]) -> list[str]:
    names: list[str] = []
    real_root = os.path.realpath(root)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise CxgovError(f"{shown}: expected a readable workspace folder, found {exc.strerror or exc}") from None
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        where = shown_path(shown, entry.name)
        if entry.is_symlink():
            # A link is a committee only if it leads to a folder directly inside the workspace;
            # a loop, a dangling link or one leading elsewhere is named, never followed.
            real = os.path.realpath(entry.path)
            try:
                is_dir = os.path.isdir(real) and os.path.dirname(real) == real_root
            except OSError:
                is_dir = False
            if not is_dir:
                if not _looks_like_committee(entry.name):
                    continue
                problems.append(
                    Problem(where, None, None, "folder", "a folder inside the workspace", _link_found(entry.path))
                )
                continue
        elif not _is_dir(entry):
            continue
        if not is_slug(entry.name):
            problems.append(
                Problem(where, None, None, "folder", f"a committee folder named by {SLUG_RULE}", f"'{entry.name}'")
            )
        else:
            names.append(entry.name)
    return names


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _looks_like_committee(name: str) -> bool:
    # Links at the top level that are not folders (a README link, signals.csv) are not committees.
    return "." not in name


def _link_found(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        import errno

        return "a symbolic link loop" if exc.errno == errno.ELOOP else "a broken symbolic link"
    return "a link to elsewhere"


def _read_committee(
    folder: Path,
    shown: str,
    name: str,
    org: Org,
    problems: list[Problem],
    within: tuple[str, ...],
    as_of: date | None = None,
    history: GitHistory | None = None,
) -> _Parts | None:
    """What was read of one committee; None when as_of is before its recorded creation (it did not exist)."""
    p = _Parts()
    # changes.csv is read first (undoing needs it) but its problems are listed after the other files'.
    recorded: list[Problem] = []
    changes: list[Change] = []
    if os.path.lexists(folder / CHANGES_FILE):
        changes_ctx = Ctx(shown_path(shown, CHANGES_FILE), name, recorded, within)
        p.ctxs.append(changes_ctx)
        changes = read_changes(folder / CHANGES_FILE, changes_ctx, org.person)
    if history is not None:
        changes = history.changes_of(name, changes, {(p.email or "").lower(): p.id for p in org.people if p.email})
    if as_of is not None and created_after(changes, as_of):
        return None  # its files and their problems belong to later days
    later = later_than(changes, as_of) if as_of is not None else []
    now: dict[str, Any] = {}  # the files as they are, when they are read as of a past day

    def ctx_for(file: str) -> Ctx:
        ctx = Ctx(shown_path(shown, file), name, problems, within)
        p.ctxs.append(ctx)
        return ctx

    def yaml_of(file: str, required: bool) -> tuple[Ctx, Any]:
        ctx = ctx_for(file)
        if not required and not os.path.lexists(folder / file):
            return ctx, None
        data, found = load_yaml(folder / file, ctx.shown, within)
        for prob in found:
            # An empty optional file is the empty history the spec allows when it is absent.
            soft = not required and prob.found == "an empty file"
            ctx.add(prob.line, prob.obj, prob.field, prob.expected, prob.found, blocking=not soft)
        if later:
            now[file], data = data, undo(file, data, later)
        return ctx, data

    ctx, data = yaml_of("committee.yaml", True)
    p.charter = read_charter(ctx, data, name, org) if data is not None else None
    # Milestones count from launch even when another charter field is wrong.
    launch = p.charter.launch if p.charter else parse_date(data.get("launch") if isinstance(data, dict) else None)
    kpis_exists = os.path.lexists(folder / "kpis.yaml")
    ctx, data = yaml_of("kpis.yaml", False)
    p.kpis, links = read_kpis(ctx, data, org)
    p.links = [(ctx, link) for link in links]
    p.kpi_kinds = declared_kinds(data)
    # References are checked against every id the files declare, even ones
    # whose other fields are wrong, so one mistake gives one message; when a
    # file cannot be read at all (None), references to it are not checked.
    kpi_ids: set[str] | None = set(p.kpi_kinds) if data is not None or not kpis_exists else None
    ctx, data = yaml_of("plan.yaml", True)
    milestones, actions = read_plan(ctx, data, org, launch, kpi_ids) if data is not None else ([], [])
    p.action_ids = declared_ids(data, "actions") if data is not None else None
    if p.action_ids is not None and now.get("plan.yaml") is not None:
        p.action_ids |= declared_ids(now["plan.yaml"], "actions")  # the histories refer to today's actions too
    if kpi_ids is not None and now.get("kpis.yaml") is not None:
        kpi_ids = set(kpi_ids) | set(declared_kinds(now["kpis.yaml"]))
    people = org.person
    updates = (
        read_updates(folder / "updates.csv", ctx_for("updates.csv"), p.action_ids, people)
        if os.path.lexists(folder / "updates.csv")
        else []
    )
    measurements = (
        read_measurements(folder / "measurements.csv", ctx_for("measurements.csv"), kpi_ids)
        if os.path.lexists(folder / "measurements.csv")
        else []
    )
    ctx, data = yaml_of("meetings.yaml", False)
    meetings = read_meetings(ctx, data, org, p.action_ids)
    ctx, data = yaml_of("maturity.yaml", False)
    assessments = read_maturity(ctx, data)
    ctx, data = yaml_of("commentary.yaml", False)
    commentary = read_commentary(ctx, data, org)
    p.built = dict(
        milestones=tuple(milestones),
        actions=tuple(actions),
        updates=tuple(updates),
        measurements=tuple(measurements),
        meetings=tuple(meetings),
        assessments=tuple(assessments),
        changes=tuple(changes),
        commentary=tuple(commentary),
    )
    problems.extend(recorded)
    return p


def _check_links(parts: dict[str, _Parts]) -> None:
    kinds = {(name, kpi): kind for name, p in parts.items() for kpi, kind in p.kpi_kinds.items()}
    for name, p in parts.items():
        for ctx, link in p.links:
            other, kpi = link.target.split("/")
            if other == name:
                expected, found = "a KPI of another committee (use the plain id here)", f"'{link.target}'"
            elif other not in parts:
                expected, found = "a committee id of this workspace", f"'{other}' in '{link.target}'"
            elif (other, kpi) not in kinds or kinds[(other, kpi)] == "operational":
                kind = kinds.get((other, kpi))
                expected = f"an outcome KPI id from {other}/kpis.yaml"
                found = f"'{link.target}'" + (f" ({kind})" if kind else "")
            else:
                continue
            ctx.add(link.line, f"kpi {link.kpi}", "drives", expected, found)


def _build(p: _Parts) -> Committee:
    assert p.charter is not None
    return Committee(
        charter=p.charter,
        kpis=tuple(p.kpis),
        **p.built,
    )
