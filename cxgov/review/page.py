"""One review page rendered: its title, header and every section's HTML, in order.

Plain data (strings), so `cxgov review` can render a page in its worker process
(`cxgov.review.render`) and hand it to the notebook's kernel as JSON (see
`cxgov.review.snapshot.save_page` and `cxgov.review.notebook`). This module is light:
a kernel that only shows a rendered page never imports pandas.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from cxgov.workspace.paths import notebook_workspace

INDEX = "index"  # the organisation page is index.html; a committee's page is <id>.html


@dataclass(frozen=True)
class Page:
    """A rendered review: what the notebook shows, cell by cell."""

    workspace: str  # the workspace folder, resolved
    committee: str  # "" for the organisation review
    as_of: date
    title: str
    header: str  # HTML: style, title and data problems, or the error that stops the review
    sections: dict[str, str] = field(default_factory=dict)  # name -> HTML; absent: not part of this review
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        """Plain JSON data."""
        return {
            "workspace": self.workspace,
            "committee": self.committee,
            "as_of": self.as_of.isoformat(),
            "title": self.title,
            "header": self.header,
            "sections": self.sections,
            "error": self.error,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Page:
        """The page saved by to_json (KeyError or TypeError if it is not one)."""
        sections = data["sections"]
        error = data["error"]
        if not isinstance(sections, dict) or not (error is None or isinstance(error, str)):
            raise TypeError("not a saved page")
        return cls(
            workspace=str(data["workspace"]),
            committee=str(data["committee"]),
            as_of=date.fromisoformat(str(data["as_of"])),
            title=str(data["title"]),
            header=str(data["header"]),
            sections={str(k): str(v) for k, v in sections.items()},
            error=error,
        )


def given(workspace: str) -> str:
    """The workspace folder a notebook parameter names, as given (shown in messages)."""
    return os.path.expanduser(notebook_workspace(workspace))


def resolved(workspace: str) -> str:
    """The workspace folder a notebook parameter names, as an absolute path (a page's identity)."""
    return os.path.realpath(given(workspace))
