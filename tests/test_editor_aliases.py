"""An edit through the editor changes only what was edited, even where a YAML alias shares a value."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from editor_helpers import action_values
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.editor.edits import ActionValues, CharterValues, MeetingValues
from cxgov.editor.session import Session
from cxgov.editor.yamledit import Shared, guarded, plain
from cxgov.errors import CxgovError
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Action, Committee
from cxgov.workspace.store import edit_yaml_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


def rewrite(path: Path, *pairs: tuple[str, str]) -> None:
    """Replace each old text with new, once, and make sure it was there."""
    text = path.read_text()
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text)


def committee(ws: Path) -> Committee:
    loaded = load_workspace(ws)
    assert loaded.problems == (), [str(p) for p in loaded.problems]
    return loaded.committee["cx"]


def values_of(a: Action, **changes: Any) -> ActionValues:
    """The form's values for action a as loaded, with changes."""
    # a moved due date needs a reason; ignored when the date stays
    return action_values(a, **{"reason": "re-planned", **changes})


def save_action(ws: Path, action: str, **changes: Any) -> tuple[dict[str, Action], dict[str, Action]]:
    """Save one action through the session; return every action before and after, as loaded."""
    before = {a.id: a for a in committee(ws).actions}
    Session(ws).save_action("cx", values_of(before[action], **changes), action)
    after = {a.id: a for a in committee(ws).actions}
    return before, after


def only_changed(before: dict[str, Action], after: dict[str, Action], action: str, **changes: Any) -> None:
    """action got exactly changes; every other action is exactly as it was."""
    assert after.keys() == before.keys()
    for aid, a in before.items():
        if aid != action:
            assert after[aid] == a, aid
    expected = before[action]
    for key, value in changes.items():
        if key in ("responsible", "accountable", "consulted", "informed"):
            expected = dataclasses.replace(expected, raci=dataclasses.replace(expected.raci, **{key: value}))
        else:
            expected = dataclasses.replace(expected, **{key: value})
    assert after[action] == expected


SHARED_RACI = (
    (
        "    raci:\n      responsible: [eli]\n      accountable: ana\n",
        "    raci: &shared\n      responsible: [eli]\n      accountable: ana\n",
    ),
    ("    raci: {responsible: [marta], accountable: ana}\n", "    raci: *shared\n"),
)


@pytest.mark.parametrize("edited", ["A4", "A3"], ids=["the-alias", "the-anchor"])
def test_a_raci_shared_by_an_alias_changes_only_for_the_edited_action(ws: Path, edited: str) -> None:
    rewrite(ws / "cx" / "plan.yaml", *SHARED_RACI)
    assert committee(ws).action["A4"].raci == committee(ws).action["A3"].raci
    before, after = save_action(ws, edited, consulted=("dee",))
    only_changed(before, after, edited, consulted=("dee",))


def test_the_anchor_stays_on_the_action_that_was_not_edited(ws: Path) -> None:
    path = ws / "cx" / "plan.yaml"
    rewrite(path, *SHARED_RACI)
    text = path.read_text()
    save_action(ws, "A4", consulted=("dee",))
    new = path.read_text()
    assert new.split("  - id: A4")[0] == text.split("  - id: A4")[0]  # A1 to A3 byte for byte, `&shared` kept
    assert "*shared" not in new


@pytest.mark.parametrize(
    ("pairs", "edited", "changes"),
    [
        (
            [("    kpis: [frt]\n", "    kpis: &k [frt]\n"), ("    kpis: [csat]\n", "    kpis: *k\n")],
            "A3",
            {"kpis": ("frt", "csat")},
        ),
        (
            [("    kpis: [frt]\n", "    kpis: &k [frt]\n"), ("    kpis: [csat]\n", "    kpis: *k\n")],
            "A1",
            {"kpis": ("csat",)},
        ),
        (
            [
                ("    touchpoints: [welcome-call]\n", "    touchpoints: &t [welcome-call]\n"),
                ("    touchpoints: [activation-help]\n", "    touchpoints: *t\n"),
            ],
            "A2",
            {"touchpoints": ("welcome-call", "activation-help")},
        ),
        (
            [
                ("      responsible: [bo]\n", "      responsible: &r [bo]\n"),
                ("responsible: [marta]", "responsible: *r"),
            ],
            "A4",
            {"responsible": ("bo", "eli")},
        ),
        (
            [("    due: 2026-08-31\n", "    due: &d 2026-08-31\n"), ("    due: 2026-09-30\n", "    due: *d\n")],
            "A4",
            {"due": date(2026, 9, 15)},
        ),
        (
            [("    due: 2026-08-31\n", "    due: &d 2026-08-31\n"), ("    due: 2026-09-30\n", "    due: *d\n")],
            "A1",
            {"due": date(2026, 8, 1)},
        ),
        (
            [
                ("    evidence: 34% of onboarding calls ask about activation\n", "    evidence: &e Calls\n"),
                ("    evidence: Churn survey answers are vague\n", "    evidence: *e\n"),
            ],
            "A4",
            {"evidence": "Churn survey"},
        ),
        (
            [
                ("    depends_on: [A1]\n", "    depends_on: &deps [A1]\n"),
                ("    depends_on: [A2]\n", "    depends_on: *deps\n"),
            ],
            "A2",
            {"depends_on": ()},
        ),
    ],
    ids=["kpis-alias", "kpis-anchor", "touchpoints", "raci-list", "due-alias", "due-anchor", "evidence", "depends"],
)
def test_a_list_or_scalar_shared_by_an_alias_changes_only_for_the_edited_action(
    ws: Path, pairs: list[tuple[str, str]], edited: str, changes: dict[str, Any]
) -> None:
    rewrite(ws / "cx" / "plan.yaml", *pairs)
    before, after = save_action(ws, edited, **changes)
    only_changed(before, after, edited, **changes)


def test_a_new_action_next_to_shared_values_leaves_them_alone(ws: Path) -> None:
    rewrite(ws / "cx" / "plan.yaml", *SHARED_RACI)
    before = {a.id: a for a in committee(ws).actions}
    values = values_of(before["A4"], id="A5", title="New one", consulted=("dee",))
    Session(ws).save_action("cx", values, None)
    after = {a.id: a for a in committee(ws).actions}
    assert {k: v for k, v in after.items() if k != "A5"} == before
    assert after["A5"].raci.consulted == ("dee",)


def test_charter_departments_shared_with_a_budget_line_change_only_in_the_charter(ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    rewrite(path, ("departments: [support, cx, product]\n", "departments: &d [support, cx, product]\n"))
    path.write_text(path.read_text() + "budget:\n  - {line: fixes, amount: 100, currency: EUR, departments: *d}\n")
    c = committee(ws)
    assert c.budget[0].departments == ("support", "cx", "product")
    values = CharterValues(c.name, c.purpose, c.chair, c.sponsor, c.members, ("support", "cx"), c.cadence, c.launch)
    Session(ws).save_charter("cx", values)
    after = committee(ws)
    assert after.departments == ("support", "cx")
    assert after.budget == c.budget  # the budget line still names all three


def test_members_shared_with_meeting_attendees_are_not_changed_by_a_new_meeting(ws: Path) -> None:
    path = ws / "cx" / "meetings.yaml"
    rewrite(path, ("    attendees: [ana, bo, marta]\n", "    attendees: &all [ana, bo, marta]\n"))
    rewrite(path, ("    attendees: [ana, bo, dee]\n", "    attendees: *all\n"))
    before = committee(ws).meetings
    Session(ws).record_meeting("cx", MeetingValues(date(2026, 11, 20), ("ana", "dee")))
    after = committee(ws).meetings
    assert after[:-1] == before
    assert after[-1].attendees == ("ana", "dee")


def test_the_editor_form_saves_an_aliased_action_without_touching_the_other(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rewrite(ws / "cx" / "plan.yaml", *SHARED_RACI)
    before = {a.id: a for a in committee(ws).actions}
    e = Editor("ws", today=lambda: TODAY)
    e.action.action.value = "A4"
    e.action.informed.value = ("dee",)
    e.action.button.click()
    assert e.action.kind == "ok", e.action.lines
    after = {a.id: a for a in committee(ws).actions}
    only_changed(before, after, "A4", informed=("dee",))


def test_shared_counts_references_and_copies_only_what_an_alias_shares() -> None:
    def change(data: Any, shared: Shared) -> Any:
        mine = shared.own(data["b"], "x")
        mine.append(3)
        assert shared.own(data["c"], "y") is data["c"]["y"]  # not shared: changed in place
        return data

    text = "a: &l [1, 2]\nb: {x: *l}\nc: {y: [9]}\n"
    out = edit_yaml_text(text, lambda data: change(data, Shared(data)))
    assert out == "a: &l [1, 2]\nb: {x: [1, 2, 3]}\nc: {y: [9]}\n"


def test_the_guard_refuses_an_edit_that_changes_more_than_it_should() -> None:
    def leaky(data: Any, shared: Shared) -> Any:
        data["b"]["x"].append(3)  # in place, not through Shared.own: changes a too
        return data

    edit = guarded(leaky, lambda d: d["a"] and tuple(d["a"]), "ws/cx/plan.yaml")
    with pytest.raises(CxgovError) as exc:
        edit_yaml_text("a: &l [1, 2]\nb: {x: *l}\n", edit)
    assert str(exc.value) == (
        "ws/cx/plan.yaml: expected the change to leave the rest of the file as it was, found it would not; "
        "nothing was saved (please report it)"
    )
    assert plain({"k": [1]}) == {"k": [1]}
