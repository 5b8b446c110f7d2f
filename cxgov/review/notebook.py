"""The thin API the review notebook calls: one method call per cell.

`Review(workspace, committee, month)` is the page of one review. Under
`cxgov review` the run's worker process has usually rendered it already, while
the kernel was starting (see `cxgov.review.run`); the kernel then only shows it.
Otherwise (plain papermill, JupyterLab) it is rendered here, in the kernel.
Either way it is the same `cxgov.review.render.render`, and nothing raises into
the notebook for a problem in the data: the page says what is wrong.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from IPython.display import HTML

from cxgov.dates import review_date
from cxgov.dates import today as clock
from cxgov.errors import CxgovError
from cxgov.review import snapshot
from cxgov.review.page import Page, resolved


class Review:
    """A monthly review of one committee, or of the organisation when committee is empty."""

    def __init__(
        self,
        workspace: str,
        committee: str = "",
        month: str = "",
        today: date | None = None,
        reports: str = "",
        locale: str = "",
        lang: str = "",
    ) -> None:
        """reports: the folder of monthly review folders, where last month's page is looked for; locale and
        lang: numbers and words (see render)."""
        folder, cid = resolved(workspace), committee.strip()
        found: Page | None = None
        with suppress(CxgovError):  # a bad month: render says so
            found = snapshot.find_page(folder, review_date(month, today or clock()), cid)
        if found is None:
            from cxgov.review.render import render  # the heavy part: views, pandas

            found = render(workspace, committee, month, today, reports, locale, lang)
        self.page = found

    @property
    def as_of(self) -> date:
        """The date the review is as of: the month's last day (the month in progress: today)."""
        return self.page.as_of

    @property
    def title(self) -> str:
        """The page title."""
        return self.page.title

    @property
    def error(self) -> str | None:
        """What stops the review (no workspace, unknown committee, bad month), if anything."""
        return self.page.error

    def header(self) -> HTML:
        """Style, title and any data problems (or the error that stops the review)."""
        return HTML(self.page.header)  # type: ignore[no-untyped-call]  # IPython.display is unannotated

    def show(self, name: str) -> HTML | None:
        """One section by name; None (nothing shown) when it does not apply to this review."""
        body = self.page.sections.get(name)
        return HTML(body) if body else None  # type: ignore[no-untyped-call]  # as above
