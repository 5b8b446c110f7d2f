"""Who may write what, from the governance itself: the charter's chair, the plan's RACI, org.yaml's admins.

The rules (docs/workspace-format.md, "Who may write what"):

- a status update of an action: its Responsible or Accountable people, or the committee's chair;
- the charter, the plan and the KPI definitions: the committee's chair, or an admin;
- KPI values: the KPI's owner, the committee's chair, or an admin;
- meetings, maturity self-assessments and the chair's commentary: the committee's chair, or an admin;
- a new committee: an admin;
- the journey in org.yaml (stages, touchpoints, priorities): an admin.

Everyone else (sponsors, members, stakeholders) reads. Every rule answers with a Verdict whose ``why``
says, in a chair's words, who may and what to do about it; pure functions of a loaded Workspace, so
that the editor under JupyterHub and the tests ask the same questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from cxgov.workspace.model import Committee, Org, Person, Workspace

# What a chair calls the files the charter/plan/KPI rule covers, and the records the chair keeps.
DEFINITIONS = ("charter", "plan", "KPI definitions")
RECORDS = ("meetings", "maturity self-assessments")


class Verdict(NamedTuple):
    """Whether a person may make a change, and why (the reason is shown when refused)."""

    allowed: bool
    why: str


def person_of_login(org: Org | None, login: str) -> Person | None:
    """The person org.yaml names with this JupyterHub login (None: nobody)."""
    return org.login.get(login) if org is not None else None


def may_post_update(ws: Workspace, person: str | None, committee: Committee, action: str) -> Verdict:
    """A status update of an action: its R or A, or the committee's chair."""
    who = _person(ws, person)
    if who is None:
        return _nobody(ws, person, f"post an update on {action}")
    found = committee.action.get(action)
    if found is None:
        return Verdict(False, f"{committee.name} has no action {action}: reload the editor to see its plan as it is")
    if who.id == committee.chair:
        return Verdict(True, f"{who.name} chairs {committee.name}")
    if who.id == found.raci.accountable:
        return Verdict(True, f"{who.name} is Accountable for {action}")
    if who.id in found.raci.responsible:
        return Verdict(True, f"{who.name} is Responsible for {action}")
    may = _names(ws, [*found.raci.responsible, found.raci.accountable, committee.chair])
    return Verdict(
        False,
        f"{who.name} may not post an update on {action} ({found.title}): only the people Responsible or "
        f"Accountable for it and the chair of {committee.name} may ({may}). Ask one of them to post it, "
        "or to name you in its RACI.",
    )


def may_edit(ws: Workspace, person: str | None, committee: Committee, what: str) -> Verdict:
    """The charter, the plan or the KPI definitions (what: one of DEFINITIONS), meetings or assessments (RECORDS)."""
    who = _person(ws, person)
    if who is None:
        return _nobody(ws, person, f"change the {what} of {committee.name}")
    if who.id == committee.chair:
        return Verdict(True, f"{who.name} chairs {committee.name}")
    if who.admin:
        return Verdict(True, f"{who.name} is an admin (org.yaml)")
    return Verdict(
        False,
        f"{who.name} may not change the {what} of {committee.name}: only its chair "
        f"({_names(ws, [committee.chair])}) or an admin ({_admins(ws)}) may. Ask the chair.",
    )


def may_record_kpis(ws: Workspace, person: str | None, committee: Committee, kpis: Iterable[str]) -> Verdict:
    """KPI values: each KPI's owner, the committee's chair, or an admin."""
    kpis = list(kpis)
    who = _person(ws, person)
    if who is None:
        return _nobody(ws, person, f"record values of {', '.join(kpis)}")
    if who.id == committee.chair:
        return Verdict(True, f"{who.name} chairs {committee.name}")
    if who.admin:
        return Verdict(True, f"{who.name} is an admin (org.yaml)")
    kpi = committee.kpi
    others = [k for k in kpis if k not in kpi or kpi[k].owner != who.id]
    if not others:
        return Verdict(True, f"{who.name} owns {', '.join(kpis)}")
    owners = _names(ws, [o for k in others if k in kpi for o in [kpi[k].owner] if o])
    return Verdict(
        False,
        f"{who.name} may not record values of {', '.join(others)}: only the owner of a KPI "
        f"({owners or 'none named'}), the chair of {committee.name} ({_names(ws, [committee.chair])}) "
        "or an admin may. Ask one of them.",
    )


def may_create_committee(ws: Workspace, person: str | None) -> Verdict:
    """A new committee: an admin (org.yaml's admin: true)."""
    who = _person(ws, person)
    if who is None:
        return _nobody(ws, person, "create a committee")
    if who.admin:
        return Verdict(True, f"{who.name} is an admin (org.yaml)")
    return Verdict(
        False,
        f"{who.name} may not create a committee: only an admin may ({_admins(ws)}). "
        "Ask one, or ask whoever keeps org.yaml to make you one (admin: true).",
    )


def _person(ws: Workspace, person: str | None) -> Person | None:
    return ws.org.person.get(person) if ws.org is not None and person else None


def _nobody(ws: Workspace, person: str | None, what: str) -> Verdict:
    if ws.org is None:
        return Verdict(False, f"Nobody may {what} until org.yaml loads: fix it first (cxgov validate).")
    if not person:
        return Verdict(False, f"You may not {what}: org.yaml does not say who you are (no person has your login).")
    return Verdict(False, f"You may not {what}: '{person}' is not a person in org.yaml.")


def _names(ws: Workspace, ids: Iterable[str]) -> str:
    """People's names, each once, in the order given."""
    people = ws.org.person if ws.org is not None else {}
    return ", ".join(dict.fromkeys(people[i].name if i in people else i for i in ids))


def _admins(ws: Workspace) -> str:
    admins = [p.id for p in ws.org.people if p.admin] if ws.org is not None else []
    return _names(ws, admins) if admins else "org.yaml names none"


def may_edit_journey(ws: Workspace, person: str | None) -> Verdict:
    """org.yaml's journey (stages, touchpoints, priorities): an admin, as for a new committee.

    The journey is the organisation's agreed definition of the experience that every committee's
    actions and signals refer to: no one committee's chair changes it for the others.
    """
    who = _person(ws, person)
    if who is None:
        return _nobody(ws, person, "change the journey in org.yaml")
    if who.admin:
        return Verdict(True, f"{who.name} is an admin (org.yaml)")
    return Verdict(
        False,
        f"{who.name} may not change the journey (stages, touchpoints, priorities): it is the whole "
        f"organisation's, so only an admin may ({_admins(ws)}). Ask one of them.",
    )
