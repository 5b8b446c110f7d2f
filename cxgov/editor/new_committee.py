"""Create a new committee from the chair's answers (as `cxgov new committee` does, from templates/).

The name comes first and suggests the id (``Billing Council`` -> ``billing-council``) until the id is
typed by hand; the purpose and the departments are the chair's, not template text to replace later.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from typing import TYPE_CHECKING

from cxgov.dates import next_month_start
from cxgov.editor.ui import (
    NONE,
    Form,
    button,
    chosen,
    day,
    day_value,
    dropdown,
    people_options,
    pick,
    several,
    text,
    textarea,
)

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

MAX_ID = 64  # ids are slugs of at most 64 characters (docs/workspace-format.md)


def suggest_id(name: str, taken: Collection[str] = ()) -> str:
    """A committee id from its name: lower case ASCII, words joined by '-', not one already taken."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:MAX_ID].rstrip("-")
    if not slug:
        return ""
    found, n = slug, 2
    while found in taken:
        suffix = f"-{n}"
        found, n = slug[: MAX_ID - len(suffix)].rstrip("-") + suffix, n + 1
    return found


class NewCommitteeForm(Form):
    title = "New committee"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.name = text("Name")
        self.id = text("Id (from the name: a-z, 0-9, '-')", "billing-council", width="30em")
        self.purpose = textarea("Purpose", "What it aligns the departments on, in one sentence")
        self.chair = dropdown("Chair")
        self.sponsor = dropdown("Executive sponsor")
        self.departments = several("Departments", rows=6)
        self.launch = day("Launch")
        self.button = button("Create committee")
        self.button.on_click(lambda _: self.create())
        self._suggested = ""  # the id last suggested: replaced as the name changes, unless typed over
        self.name.observe(lambda _: self._suggest(), "value")
        self.widget = self.box(
            [self.name, self.id, self.purpose, self.chair, self.sponsor, self.departments, self.launch], self.button
        )

    def refresh(self) -> None:
        session = self.editor.session
        org = session.ws.org if session else None
        people = people_options(org)
        pick(self.chair, people, self.chair.value)
        pick(self.sponsor, [("(none)", NONE)] + people, self.sponsor.value)
        departments = [(f"{d.name} [{d.id}]", d.id) for d in org.departments] if org else []
        pick(self.departments, departments, self.departments.value)
        if self.launch.value is None:
            self.launch.value = next_month_start(self.editor.today())
        self.button.disabled = not people

    def _suggest(self) -> None:
        if self.id.value.strip() in ("", self._suggested):
            session = self.editor.session
            taken = session.ws.committee.keys() if session else ()
            self._suggested = suggest_id(self.name.value, set(taken) | set(session.ws.failed if session else ()))
            self.id.value = self._suggested

    def create(self) -> None:
        """Create the committee's folder and files, then select it."""
        session = self.editor.session
        if session is None:
            return
        cid = self.id.value.strip()
        name, chair, sponsor = self.name.value, self.chair.value, chosen(self.sponsor.value)
        purpose, departments = self.purpose.value, tuple(self.departments.value)

        def change() -> str:
            launch = day_value(self.launch, "launch")
            return session.create_committee(cid, name, chair, sponsor, launch, purpose, departments)

        if self.run(change):
            self.editor.refresh()
            self.editor.committee.value = cid
            self.id.value = self.name.value = self.purpose.value = ""
            self._suggested = ""
            self.departments.value = ()
