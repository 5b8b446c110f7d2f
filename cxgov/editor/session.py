"""One chair's editing session: what was loaded, when, and every change through cxgov.workspace.store.

The session keeps the fingerprint of each workspace file taken just before
the workspace was loaded. Every save passes it to the store, which refuses
to overwrite a file that changed since (another chair, a git pull). Every
change is checked with the loader's rules first (see ``check``); nothing
here reads the clock: the caller passes today.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path

from cxgov import dates
from cxgov.dates import DATE_RANGE, in_range
from cxgov.editor.check import (
    Invalid,
    check_measurement_rows,
    check_org_yaml,
    check_update_rows,
    check_yaml,
    problems_with,
)
from cxgov.editor.edits import (
    ActionValues,
    AssessmentValues,
    BudgetValues,
    CharterValues,
    CommentaryValues,
    KpiValues,
    MeetingValues,
    MilestoneValues,
    action_edit,
    assessment_edit,
    budget_edit,
    charter_edit,
    commentary_edit,
    kpi_edit,
    meeting_change,
    meeting_edit,
    milestones_edit,
    replan_reasons,
)
from cxgov.editor.yamledit import Edit
from cxgov.errors import CxgovError, Problem
from cxgov.workspace import gitcommit, permissions
from cxgov.workspace.audit import AUDIT_COLUMNS, AUDIT_FILE, audit_row
from cxgov.workspace.changes import CHANGES_FILE
from cxgov.workspace.load import COMMITTEE_FILES, load_workspace, shown_path
from cxgov.workspace.load_history import MEASUREMENT_COLUMNS, PERIOD, UPDATE_COLUMNS
from cxgov.workspace.load_plan import default_due
from cxgov.workspace.model import HORIZONS, MATURITY_TRAITS, Committee, Org, Workspace, maturity_level
from cxgov.workspace.record import replace_recorded
from cxgov.workspace.scaffold import render
from cxgov.workspace.store import Fingerprint, append_rows, create_committee, fingerprint, replace_yaml

# What a new optional file starts from before the editor adds its first item.
INITIAL = {
    "meetings.yaml": "meetings: []\n",
    "maturity.yaml": "assessments: []\n",
    "commentary.yaml": "commentary: []\n",
}


class Session:
    """A loaded workspace plus the fingerprints of its files at load time."""

    def __init__(self, workspace: str | os.PathLike[str]) -> None:
        self.shown = os.path.normpath(os.fspath(workspace))
        self.root = Path(workspace)
        self.prints: dict[Path, Fingerprint] = {}
        # Who saves and on which day, for the record of plan, charter and KPI changes (changes.csv):
        # the editor sets them ("You are", its today); unknown: nobody, the clock's today.
        self.person: str | None = None
        self.today: Callable[[], date] = dates.today
        # The time of day audit.csv records (its date is today's); and whether each save is committed to git.
        self.clock: Callable[[], datetime] = dates.now
        self.git_commit: bool = gitcommit.wanted()
        # Under JupyterHub the person is the one signed in, and the governance says what they may write
        # (cxgov.workspace.permissions); outside it "You are" is a free choice and nothing is refused.
        self.enforce = False
        self.ws: Workspace = self.reload()

    def reload(self) -> Workspace:
        """Read the workspace again (fingerprints first: a change in between then shows as a conflict)."""
        prints = {self.root / "org.yaml": fingerprint(self.root / "org.yaml", self.root)}
        for name in _folders(self.root):
            for file in COMMITTEE_FILES:
                path = self.root / name / file
                prints[path] = fingerprint(path, self.root)  # never blocks: a FIFO is refused, not opened
        self.ws = load_workspace(self.root)
        self.prints = prints
        return self.ws

    @property
    def org(self) -> Org:
        """The organisation; CxgovError when org.yaml did not load."""
        if self.ws.org is None:
            raise CxgovError(f"{shown_path(self.shown, 'org.yaml')}: fix it first (run: cxgov validate {self.shown})")
        return self.ws.org

    def committee(self, committee_id: str | None) -> Committee:
        """A committee that loaded; CxgovError otherwise."""
        found = self.ws.committee.get(committee_id or "")
        if found is None:
            raise CxgovError(f"committee: expected a committee that loaded, found '{committee_id or ''}'")
        return found

    def path(self, committee: str, name: str) -> Path:
        return self.root / committee / name

    def shown_of(self, committee: str, name: str) -> str:
        return shown_path(self.shown, committee, name)

    def problems(self, committee: str) -> tuple[Problem, ...]:
        """The committee's problems as loaded (a change may not add to them)."""
        return self.ws.problems_of(committee)

    def _depends(self, committee: str, *names: str) -> dict[Path, Fingerprint]:
        paths = [self.root / "org.yaml"] + [self.path(committee, n) for n in names]
        return {p: self.prints[p] for p in paths if p in self.prints}

    # --- appended history (fast: only the new rows are checked) -------------

    def post_update(
        self, committee: str | None, action: str | None, status: str | None, by: str | None, note: str, today: date
    ) -> str:
        """Append a status update dated today; return what was posted."""
        c = self.committee(committee)
        self._permit(permissions.may_post_update(self.ws, self.person, c, action or ""))
        path, shown = self.path(c.id, "updates.csv"), self.shown_of(c.id, "updates.csv")
        row = dict(date=today.isoformat(), action=action or "", status=status or "", by=by or "", note=note.strip())
        check = partial(check_update_rows, shown=shown, committee=c.id, action_ids=c.action, people=self.org.person)
        self.prints[path] = append_rows(
            path,
            UPDATE_COLUMNS,
            [row],
            self.prints.get(path),
            unchanged=self._depends(c.id, "plan.yaml"),
            check=check,
            shown=shown,
            root=self.root,
        )
        done = f"Posted: {row['action']} {row['status']} by {row['by']} on {row['date']}"
        return done + self._commit(c.id, [path], f"status update {row['action']} {row['status']}")

    def record_measurements(self, committee: str | None, period: str, values: Mapping[str, str], note: str) -> str:
        """Append one value per KPI for a month; return what was recorded."""
        c = self.committee(committee)
        path, shown = self.path(c.id, "measurements.csv"), self.shown_of(c.id, "measurements.csv")
        rows = [
            {"kpi": kpi, "period": period.strip(), "value": text.strip(), "note": note.strip()}
            for kpi, text in values.items()
            if text.strip()
        ]
        if not rows:
            raise CxgovError("value: expected a value for at least one KPI, found nothing")
        self._permit(permissions.may_record_kpis(self.ws, self.person, c, [r["kpi"] for r in rows]))
        check = partial(check_measurement_rows, shown=shown, committee=c.id, kpi_ids=c.kpi)
        self.prints[path] = append_rows(
            path,
            MEASUREMENT_COLUMNS,
            rows,
            self.prints.get(path),
            unchanged=self._depends(c.id, "kpis.yaml"),
            check=check,
            shown=shown,
            root=self.root,
        )
        listed = ", ".join(f"{r['kpi']} {r['value']}" for r in rows)
        audited = [(f"kpi {r['kpi']} {r['period']}", r["value"]) for r in rows]
        done = f"Recorded for {period.strip()}: {listed}" + self._audit(c.id, "measurements.csv", audited)
        files = [path, self.path(c.id, AUDIT_FILE)]
        return done + self._commit(c.id, files, f"KPI values {period.strip()}")

    # --- YAML replaced whole (checked by loading the changed workspace) ------

    def _replace(
        self,
        committee: str,
        name: str,
        edit: Edit,
        reasons: Mapping[tuple[str, str], str] | None = None,
        *,
        what: str = "",
        audited: tuple[str, str] | None = None,
    ) -> str:
        path, shown = self.path(committee, name), self.shown_of(committee, name)
        before = self.problems(committee)
        check = partial(check_yaml, self.root, self.shown, committee, name, before=before)
        replace_recorded(
            path,
            edit,
            self.prints.get(path, Fingerprint(False)),
            by=self.person or "",
            day=self.today(),
            reasons=reasons,
            initial=INITIAL.get(name, ""),
            check=check,
            shown=shown,
            root=self.root,
        )
        done = f"Saved: {shown}" + (self._audit(committee, name, [audited]) if audited else "")
        self.reload()
        files = [path, self.path(committee, CHANGES_FILE)] + ([self.path(committee, AUDIT_FILE)] if audited else [])
        return done + self._commit(committee, files, what or name)

    def _permit(self, verdict: permissions.Verdict) -> None:
        """Refuse a change the person may not make, with the rule's reason (only when enforced)."""
        if self.enforce and not verdict.allowed:
            raise CxgovError(verdict.why)

    # --- who saved: audit.csv for files without a column for it, and git commits (opt-in) ----

    def _audit(self, committee: str, file: str, saved: list[tuple[str, str]]) -> str:
        """Append who saved what to audit.csv, after the save; '' or what went wrong (the save stands)."""
        when = datetime.combine(self.today(), self.clock().timetz())
        rows = [audit_row(when, self.person or "", file, obj, value) for obj, value in saved]
        shown = self.shown_of(committee, AUDIT_FILE)
        try:
            append_rows(self.path(committee, AUDIT_FILE), AUDIT_COLUMNS, rows, shown=shown, root=self.root)
        except (CxgovError, OSError) as exc:
            return f". Not recorded in {shown}: {exc}"
        return ""

    def _commit(self, committee: str, files: list[Path], what: str) -> str:
        """Commit the files a save wrote when git commits are on; '' when off, else what happened."""
        if not self.git_commit:
            return ""
        person = self.ws.org.person.get(self.person or "") if self.ws.org else None
        try:
            head = gitcommit.commit_files(self.root, files, f"cxgov: {what} ({committee})", person)
        except CxgovError as exc:
            return f". Not committed to git: {exc}"
        if head is None:
            return ". Nothing changed to commit to git"
        author = f" as {person.name}" if person else ""
        return f". Committed to git{author}: {head}"

    def save_charter(self, committee: str | None, values: CharterValues) -> str:
        """Change the charter (committee.yaml)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "charter"))
        supported("launch", values.launch)
        edit = charter_edit(values, self.shown_of(c.id, "committee.yaml"))
        return self._replace(c.id, "committee.yaml", edit, what="charter")

    def save_action(self, committee: str | None, values: ActionValues, original: str | None) -> str:
        """Change action original, or add a new one when original is None (plan.yaml)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "plan"))
        supported("due", values.due)
        reasons = replan_reasons(c, values, original)  # a moved due date needs its reason
        edit = action_edit(values, original, self.shown_of(c.id, "plan.yaml"))
        what = f"action {original}" if original else f"new action {values.id.strip()}"
        return self._replace(c.id, "plan.yaml", edit, reasons, what=what)

    def record_meeting(self, committee: str | None, values: MeetingValues) -> str:
        """Add a meeting (meetings.yaml)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "meetings"))
        supported("date", values.date)
        day = values.date.isoformat() if values.date else ""
        n, d = len(values.attendees), len(values.decisions)
        summary = f"{n} attendee{'s' * (n != 1)}, {d} decision{'s' * (d != 1)}"
        edit = meeting_edit(values, self.shown_of(c.id, "meetings.yaml"))
        return self._replace(c.id, "meetings.yaml", edit, what=f"meeting {day}", audited=(f"meeting {day}", summary))

    def record_assessment(self, committee: str | None, values: AssessmentValues) -> str:
        """Add a maturity self-assessment (maturity.yaml)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "maturity self-assessments"))
        supported("date", values.date)
        day = values.date.isoformat() if values.date else ""
        held = sum(bool(v) for v in values.traits.values())
        summary = f"{maturity_level(held)} ({held} of {len(MATURITY_TRAITS)} held)"
        edit = assessment_edit(values, self.shown_of(c.id, "maturity.yaml"))
        return self._replace(
            c.id, "maturity.yaml", edit, what=f"maturity assessment {day}", audited=(f"assessment {day}", summary)
        )

    def write_commentary(self, committee: str | None, values: CommentaryValues) -> str:
        """Add the chair's word for a month's review (commentary.yaml); a second one for a month corrects it."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "commentary"))
        if PERIOD.fullmatch(values.month) is None:
            raise CxgovError(f"{c.name}, commentary: the month is YYYY-MM, not {values.month!r}")
        if not values.text.strip():
            raise CxgovError(f"{c.name}, commentary for {values.month}: write a few lines for the review first")
        earlier = any(e.month == values.month for e in c.commentary)
        edit = commentary_edit(values, self.person or "", self.shown_of(c.id, "commentary.yaml"))
        done = self._replace(c.id, "commentary.yaml", edit, what=f"commentary {values.month}")
        if earlier:
            done += f". It corrects the earlier commentary for {values.month}: both are kept, the review shows this one"
        return done

    def create_committee(
        self,
        committee: str,
        name: str,
        chair: str | None,
        sponsor: str | None,
        launch: date | None,
        purpose: str | None = None,
        departments: tuple[str, ...] = (),
    ) -> str:
        """Scaffold a new committee from templates/, checked before it is created."""
        committee = committee.strip()
        self._permit(permissions.may_create_committee(self.ws, self.person))
        if launch is None:
            raise CxgovError("launch: expected a date YYYY-MM-DD, found nothing")
        supported("launch", launch)  # a launch near 9999 would overflow its milestones' due dates
        files = render(self.org, committee, launch, one_line_or_none(name), chair, sponsor, purpose, departments)
        if (self.root / committee).exists():
            raise CxgovError(f"{shown_path(self.shown, committee)}: already exists; choose another id")
        if purpose is not None and not purpose.strip():  # the editor asks for it: None keeps the template's prompt
            raise CxgovError("purpose: expected a sentence saying what the committee aligns, found nothing")
        found = problems_with(self.root, self.shown, committee, files)
        if found:
            raise Invalid(found)
        # Its creation is recorded (changes.csv's first row), dated the editor's today and by "You are".
        create_committee(self.root, committee, files, day=self.today(), by=self.person or "")
        self.reload()
        written = sorted([*files, CHANGES_FILE])
        done = f"Created: {shown_path(self.shown, committee)}/ ({', '.join(written)})"
        return done + self._commit(committee, [self.path(committee, f) for f in written], "new committee")

    # --- KPI definitions, milestones, budget lines, meeting corrections, the journey (issue 15) ----

    def save_kpi(self, committee: str | None, values: KpiValues, original: str | None) -> str:
        """Change KPI original, or add a new one when original is None (kpis.yaml, recorded)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "KPI definitions"))
        kid = values.id.strip() or (original or "")
        edit = kpi_edit(values, original, self.shown_of(c.id, "kpis.yaml"))
        done = self._replace(c.id, "kpis.yaml", edit, what=f"KPI {kid}" if original else f"new KPI {kid}")
        return f"{c.name}, KPI {one_line_or_none(values.name) or kid}: {done}"

    def save_milestones(self, committee: str | None, values: Sequence[MilestoneValues], reason: str = "") -> str:
        """Set the 3, 6 and 12-month milestones' goals and due dates (plan.yaml, recorded with reason)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "plan"))
        for v in values:
            supported(f"milestone {v.horizon}: due", v.due)
        defaults = {h: default_due(c.launch, h) for h in HORIZONS}
        edit = milestones_edit(values, defaults, self.shown_of(c.id, "plan.yaml"))
        why = one_line_or_none(reason) or ""
        reasons = {(f"milestone {v.horizon}", key): why for v in values for key in ("goal", "due")}
        done = self._replace(c.id, "plan.yaml", edit, reasons, what="milestones")
        return f"{c.name}, milestones: {done}"

    def save_budget_line(self, committee: str | None, values: BudgetValues | None, original: int | None) -> str:
        """Change budget line number original (0-based), add one (None), or remove it (values None); committee.yaml."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "charter"))
        label = (one_line_or_none(values.line) if values else None) or (
            c.budget[original].line if original is not None and original < len(c.budget) else ""
        )
        edit = budget_edit(values, original, self.shown_of(c.id, "committee.yaml"))
        verb = "removed" if values is None else "saved"
        done = self._replace(c.id, "committee.yaml", edit, what=f"budget line {label} {verb}")
        return f"{c.name}, budget line {label}: {verb}. {done}"

    def correct_meeting(self, committee: str | None, original: date, nth: int, values: MeetingValues) -> str:
        """Correct the nth meeting held on day original (meetings.yaml; audited as a correction)."""
        c = self.committee(committee)
        self._permit(permissions.may_edit(self.ws, self.person, c, "meetings"))
        supported("date", values.date)
        day = values.date.isoformat() if values.date else ""
        n, d = len(values.attendees), len(values.decisions)
        summary = f"corrected (was {original}): {n} attendee{'s' * (n != 1)}, {d} decision{'s' * (d != 1)}"
        edit = meeting_change(values, original, nth, self.shown_of(c.id, "meetings.yaml"))
        done = self._replace(
            c.id, "meetings.yaml", edit, what=f"meeting {original} corrected", audited=(f"meeting {day}", summary)
        )
        return f"{c.name}, meeting {original}: {done}"

    def save_journey(self, edit: Edit, what: str) -> str:
        """Change org.yaml's journey with edit (org_edits), checked against the whole workspace first."""
        self._permit(permissions.may_edit_journey(self.ws, self.person))
        path, shown = self.root / "org.yaml", shown_path(self.shown, "org.yaml")
        check = partial(check_org_yaml, self.root, self.shown, before=self.ws.problems)
        replace_yaml(path, edit, self.prints.get(path, Fingerprint(False)), check=check, shown=shown, root=self.root)
        self.reload()
        return f"Journey, {what}: saved {shown}" + self._commit("org.yaml", [path], f"journey {what}")


def supported(field: str, day: date | None) -> None:
    """Refuse a date outside cxgov.dates' supported range (views add months and days to it)."""
    if day is not None and not in_range(day):
        raise CxgovError(f"{field}: expected {DATE_RANGE}, found '{day.isoformat()}'")


def _folders(root: Path) -> list[str]:
    """Names of the entries of root that may be committee folders; a loop, FIFO or unreadable entry is skipped.

    The loader decides which of them are committees and reports the rest;
    here they only get fingerprints, so nothing is followed into a loop.
    """
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []  # no readable workspace: the loader says so
    names = []
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        try:
            if entry.is_dir():  # follows a link to a committee folder; False for a loop or a dangling link
                names.append(entry.name)
        except OSError:
            continue
    return sorted(names)


def one_line_or_none(text: str) -> str | None:
    """Collapsed text, or None when empty."""
    return " ".join(text.split()) or None
