"""Who may write what (cxgov.workspace.permissions): every rule, for every person of valid/minimal.

valid/minimal's committee cx: chair ana, sponsor marta, members ana, bo, dee, marta; eli is no member.
A1: R bo, A ana. A2: R dee, eli, A bo. A3: R eli, A ana. A4: R marta, A ana. KPIs: frt (owner bo),
csat (owner ana). Here admin is added to org.yaml as a sixth person, in no committee.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace
from cxgov.workspace.permissions import (
    DEFINITIONS,
    RECORDS,
    may_create_committee,
    may_edit,
    may_edit_journey,
    may_post_update,
    may_record_kpis,
    person_of_login,
)

PEOPLE = ("ana", "bo", "dee", "eli", "marta", "admin")
ADMIN = "  - {id: admin, name: Ada Min, department: cx, admin: true, login: ada@example.com}\n"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("perm") / "ws"))
    org = root / "org.yaml"
    text = org.read_text(encoding="utf-8").replace("journey:", ADMIN + "journey:", 1)
    text = text.replace("{id: ana, name: Ana Kowalska,", "{id: ana, login: ana.k, name: Ana Kowalska,", 1)
    org.write_text(text, encoding="utf-8")
    loaded = load_workspace(root)
    assert loaded.problems == ()
    return loaded


# --- status updates: R or A of the action, or the committee's chair ---------------------

# Who may post on each action of cx: its R and A, and ana (chair); nobody else, admins included.
UPDATERS = {
    "A1": {"bo", "ana"},
    "A2": {"dee", "eli", "bo", "ana"},
    "A3": {"eli", "ana"},
    "A4": {"marta", "ana"},
}


@pytest.mark.parametrize("action", sorted(UPDATERS))
@pytest.mark.parametrize("person", PEOPLE)
def test_an_update_may_be_posted_by_the_actions_r_or_a_or_the_chair_only(
    ws: Workspace, person: str, action: str
) -> None:
    verdict = may_post_update(ws, person, ws.committee["cx"], action)
    assert verdict.allowed == (person in UPDATERS[action])
    assert verdict.why  # said either way


def test_the_reason_for_a_permitted_update_names_the_role(ws: Workspace) -> None:
    cx = ws.committee["cx"]
    assert may_post_update(ws, "ana", cx, "A2").why == "Ana Kowalska chairs CX Steering Committee"
    assert may_post_update(ws, "bo", cx, "A2").why == "Bo Lind is Accountable for A2"
    assert may_post_update(ws, "eli", cx, "A2").why == "Eli Brandt is Responsible for A2"


def test_a_refused_update_says_who_may_and_what_to_do(ws: Workspace) -> None:
    verdict = may_post_update(ws, "marta", ws.committee["cx"], "A1")
    assert verdict == (
        False,
        "Marta Ruiz may not post an update on A1 (Map the onboarding journey): only the people Responsible or "
        "Accountable for it and the chair of CX Steering Committee may (Bo Lind, Ana Kowalska). "
        "Ask one of them to post it, or to name you in its RACI.",
    )


def test_an_update_on_an_action_the_plan_no_longer_has_is_refused(ws: Workspace) -> None:
    verdict = may_post_update(ws, "ana", ws.committee["cx"], "A9")
    assert not verdict.allowed
    assert verdict.why == "CX Steering Committee has no action A9: reload the editor to see its plan as it is"


# --- charter, plan, KPI definitions, meetings, assessments: the chair or an admin -------------


@pytest.mark.parametrize("what", (*DEFINITIONS, *RECORDS, "commentary"))
@pytest.mark.parametrize("person", PEOPLE)
def test_definitions_and_records_may_be_changed_by_the_chair_or_an_admin_only(
    ws: Workspace, person: str, what: str
) -> None:
    assert may_edit(ws, person, ws.committee["cx"], what).allowed == (person in {"ana", "admin"})


def test_a_refused_plan_change_names_the_chair_and_the_admins(ws: Workspace) -> None:
    assert may_edit(ws, "marta", ws.committee["cx"], "plan") == (
        False,
        "Marta Ruiz may not change the plan of CX Steering Committee: only its chair (Ana Kowalska) "
        "or an admin (Ada Min) may. Ask the chair.",
    )
    assert may_edit(ws, "admin", ws.committee["cx"], "charter").why == "Ada Min is an admin (org.yaml)"


# --- KPI values: the KPI's owner, the chair or an admin ---------------------------------------

KPI_RECORDERS = {
    ("frt",): {"bo", "ana", "admin"},
    ("csat",): {"ana", "admin"},
    ("frt", "csat"): {"ana", "admin"},  # bo owns only one of the two
}


@pytest.mark.parametrize("kpis", sorted(KPI_RECORDERS))
@pytest.mark.parametrize("person", PEOPLE)
def test_kpi_values_may_be_recorded_by_each_kpis_owner_the_chair_or_an_admin(
    ws: Workspace, person: str, kpis: tuple[str, ...]
) -> None:
    assert may_record_kpis(ws, person, ws.committee["cx"], kpis).allowed == (person in KPI_RECORDERS[kpis])


def test_a_refused_kpi_value_names_the_kpis_not_owned_and_their_owners(ws: Workspace) -> None:
    verdict = may_record_kpis(ws, "bo", ws.committee["cx"], ["frt", "csat"])
    assert verdict == (
        False,
        "Bo Lind may not record values of csat: only the owner of a KPI (Ana Kowalska), the chair of "
        "CX Steering Committee (Ana Kowalska) or an admin may. Ask one of them.",
    )


# --- a new committee: an admin ------------------------------------------------------------------


@pytest.mark.parametrize("person", PEOPLE)
def test_only_an_admin_may_create_a_committee(ws: Workspace, person: str) -> None:
    assert may_create_committee(ws, person).allowed == (person == "admin")


def test_without_an_admin_nobody_may_create_a_committee_and_the_refusal_says_so(tmp_path: Path) -> None:
    ws = load_workspace(Path(shutil.copytree(MINIMAL, tmp_path / "ws")))
    assert may_create_committee(ws, "ana") == (
        False,
        "Ana Kowalska may not create a committee: only an admin may (org.yaml names none). "
        "Ask one, or ask whoever keeps org.yaml to make you one (admin: true).",
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_only_an_admin_may_change_the_journey(ws: Workspace, person: str) -> None:
    assert may_edit_journey(ws, person).allowed == (person == "admin")


def test_a_refused_journey_change_says_it_is_the_whole_organisations(ws: Workspace) -> None:
    assert may_edit_journey(ws, "ana") == (
        False,
        "Ana Kowalska may not change the journey (stages, touchpoints, priorities): it is the whole "
        "organisation's, so only an admin may (Ada Min). Ask one of them.",
    )


# --- nobody: no person, or one org.yaml does not know --------------------------------------------


@pytest.mark.parametrize("person", [None, "", "zed"])
def test_someone_org_yaml_does_not_name_may_write_nothing(ws: Workspace, person: str | None) -> None:
    cx = ws.committee["cx"]
    verdicts = [
        may_post_update(ws, person, cx, "A1"),
        may_edit(ws, person, cx, "plan"),
        may_record_kpis(ws, person, cx, ["frt"]),
        may_create_committee(ws, person),
        may_edit_journey(ws, person),
    ]
    assert not any(v.allowed for v in verdicts)
    if person == "zed":
        assert verdicts[0].why == "You may not post an update on A1: 'zed' is not a person in org.yaml."
    else:
        assert verdicts[1].why == (
            "You may not change the plan of CX Steering Committee: "
            "org.yaml does not say who you are (no person has your login)."
        )


# --- logins -------------------------------------------------------------------------------------


def test_a_login_names_the_person_who_has_it_and_nobody_else(ws: Workspace) -> None:
    org = ws.org
    assert org is not None
    assert person_of_login(org, "ana.k") == org.person["ana"]
    assert person_of_login(org, "ada@example.com") == org.person["admin"]
    assert person_of_login(org, "ana") is None  # the person id is not a login
    assert person_of_login(org, "") is None
    assert person_of_login(None, "ana.k") is None
