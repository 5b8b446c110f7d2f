"""The thin API the review notebook calls: one method call per cell.

Nothing here raises into the notebook for a problem in the data: a missing
workspace, an unknown committee or invalid files are shown as a message in
the report, so a scheduled run still produces a page that says what is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from IPython.display import HTML

from cxgov import snapshot
from cxgov.dates import review_date
from cxgov.errors import CxgovError
from cxgov.model import Committee, Workspace
from cxgov.paths import notebook_workspace
from cxgov.report import committee as csec
from cxgov.report import org as osec
from cxgov.report.html import CSS, esc

COMMITTEE_SECTIONS: dict[str, Callable[[Workspace, Committee, date], str]] = {
    "roadmap": csec.roadmap_section,
    "progress": csec.progress_section,
    "changes": csec.changes_section,
    "escalation": csec.escalation_section,
    "raci": csec.raci_section,
    "kpis": csec.kpi_section,
    "health": csec.health_section,
    "maturity": csec.maturity_section,
    "decisions": csec.decisions_section,
    "budget": csec.budget_section,
    "signals": csec.signals_section,
}
ORG_SECTIONS: dict[str, Callable[[Workspace, date], str]] = {
    "rollup": lambda ws, d: osec.rollup_section(ws, d, _links(ws)),
    "overdue": osec.escalation_section,
    "workload": osec.workload_section,
    "links": osec.links_section,
    "signals_by_department": osec.signals_section,
}


def _links(ws: Workspace) -> dict[str, str]:
    """Committee pages sit beside the organisation page: <id>.html."""
    return {name: f"{name}.html" for name in [c.id for c in ws.committees] + list(ws.failed)}


class Review:
    """A monthly review of one committee, or of the organisation when committee is empty."""

    def __init__(self, workspace: str, committee: str = "", month: str = "", today: date | None = None) -> None:
        self.error: str | None = None
        self.ws: Workspace | None = None
        self.committee: Committee | None = None
        self.committee_id = committee.strip()
        try:
            self.as_of = review_date(month, today or date.today())
            self.ws = snapshot.load(os.path.expanduser(notebook_workspace(workspace)), self.as_of, self.committee_id)
        except CxgovError as exc:
            self.as_of = today or date.today()
            self.error = str(exc)
            return
        if self.committee_id:
            self.committee = self.ws.committee.get(self.committee_id)
            if self.committee is None and self.committee_id not in self.ws.failed:
                known = ", ".join(c.id for c in self.ws.committees) or "none"
                self.error = f"committee: expected one of {known}; found '{self.committee_id}'"

    @property
    def title(self) -> str:
        """The page title."""
        if self.committee:
            return f"{self.committee.name}: review {self.as_of:%B %Y}"
        if self.committee_id:
            return f"{self.committee_id}: review {self.as_of:%B %Y}"
        org = self.ws.org.name if self.ws and self.ws.org else "Organisation"
        return f"{org}: CX programme review {self.as_of:%B %Y}"

    def header(self) -> HTML:
        """Style, title and any data problems (or the error that stops the review)."""
        style = f"<style>{CSS}</style>"
        if self.error:
            return HTML(
                f'{style}<div class="cx"><h1>Review not produced</h1><div class="problems">'
                f"<p>{esc(self.error)}</p></div></div>"
            )
        assert self.ws is not None
        if self.committee_id:
            head = (
                csec.header(self.ws, self.committee, self.as_of)
                if self.committee
                else f"<h1>{esc(self.committee_id)}</h1>"
            )
            return HTML(f'{style}<div class="cx">{head}{csec.problems(self.ws, self.committee_id)}</div>')
        return HTML(f'{style}<div class="cx">{osec.header(self.ws, self.as_of)}{osec.problems(self.ws)}</div>')

    def show(self, name: str) -> HTML | None:
        """One section by name; None (nothing shown) when it does not apply to this review."""
        if self.error or self.ws is None:
            return None
        if self.committee is not None and name in COMMITTEE_SECTIONS:
            body = COMMITTEE_SECTIONS[name](self.ws, self.committee, self.as_of)
        elif not self.committee_id and name in ORG_SECTIONS:
            body = ORG_SECTIONS[name](self.ws, self.as_of)
        else:
            return None
        return HTML(f'<div class="cx">{body}</div>') if body else None
