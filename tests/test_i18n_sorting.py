"""People and committees are listed in a locale-aware order wherever they are sorted for display (cxgov.i18n.collate)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from workspaces import build_workspace

from cxgov.dashboard.sections import person_options
from cxgov.export.tables import raci as raci_sheet
from cxgov.report.measures import raci_section
from cxgov.views import headline, raci
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Workspace

AS_OF = date(2026, 11, 30)
# ana, bo, dee, eli and marta of valid/minimal, renamed. In plain code point order all but 张伟 would come in
# the order É, Ą, Ł, Ż (U+00C9, U+0104, U+0141, U+017B); by hand, in a reader's order: A, E, L, Z, then Chinese.
NAMES = {
    "Ana Kowalska": "Żaneta Kowalska",
    "Bo Lind": "Ąžuolė Lind",
    "Dee Park": "Łukasz Park",
    "Eli Brandt": "Émile Brandt",
    "Marta Ruiz": "张伟",
}
EXPECTED = ["Ąžuolė Lind", "Émile Brandt", "Łukasz Park", "Żaneta Kowalska", "张伟"]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = build_workspace(tmp_path / "ws")
    org = (root / "org.yaml").read_text(encoding="utf-8")
    for old, new in NAMES.items():
        org = org.replace(f"name: {old}", f"name: {new}")
    (root / "org.yaml").write_text(org, encoding="utf-8")
    loaded = load_workspace(root)
    assert loaded.problems == (), loaded.problems
    return loaded


def in_order(found: list[str]) -> list[str]:
    """The names of EXPECTED that were found, in EXPECTED's order: what found must equal."""
    assert len(set(found)) >= 3, found  # enough people to show an order
    return [n for n in EXPECTED if n in found]


def test_the_dashboards_person_filter_lists_people_by_collation(ws: Workspace) -> None:
    labels = [label for label, _ in person_options(ws, ws.committees[0])][1:]
    assert labels == in_order(labels)


def test_workload_lists_people_by_collation(ws: Workspace) -> None:
    names = list(raci.workload(ws, AS_OF)["name"])
    assert names == in_order(names)


def test_the_review_pages_raci_matrix_lists_people_by_collation(ws: Workspace) -> None:
    html = str(raci_section(ws, ws.committees[0], AS_OF))
    names = [n for n in re.findall(r"<tr><td>([^<]+)</td>", html) if n in EXPECTED]
    assert names == in_order(names)


def test_the_spreadsheets_raci_columns_are_in_collation_order(ws: Workspace) -> None:
    columns = [c for c in raci_sheet(ws).columns if c in EXPECTED]
    assert columns == in_order(columns)


def three_committees(tmp_path: Path) -> Path:
    """A workspace with committees z, a and m beside cx: the same files but for their names (Ą, Z, Ł), whose
    order is not their ids'."""
    root = build_workspace(tmp_path / "ws")
    charter = "committee.yaml"
    for name, folder in [("Ąžuolų taryba", "z"), ("Zebra council", "a"), ("Łąka board", "m")]:
        (root / folder).mkdir()
        for f in (root / "cx").iterdir():
            (root / folder / f.name).write_bytes(f.read_bytes())
        text = (root / folder / charter).read_text(encoding="utf-8").replace("id: cx\n", f"id: {folder}\n", 1)
        (root / folder / charter).write_text(
            re.sub(r"(?m)^name: .*$", f"name: {name}", text, count=1), encoding="utf-8"
        )
    return root


def test_committees_of_a_colour_are_listed_by_collation(tmp_path: Path) -> None:
    loaded = load_workspace(three_committees(tmp_path))
    named = {c.id: c.name for c in loaded.committees}
    order = [named[v.committee] for v in headline.verdicts(loaded, AS_OF) if v.committee in {"a", "z", "m"}]
    assert order == ["Ąžuolų taryba", "Łąka board", "Zebra council"]  # all of one colour: same files


def test_the_editors_people_and_committee_pickers_list_by_collation(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxgov.editor.app import Editor

    monkeypatch.setenv("CXGOV_USER", "ana")
    editor = Editor(str(ws.root), today=lambda: AS_OF)
    people = [label.rsplit(" (", 1)[0] for label, _ in editor.you.options][1:]  # after "(choose who you are)"
    assert people == in_order(people)
    assert len(people) == len(ws.org.people) if ws.org else False


def test_the_editors_committee_picker_lists_committees_by_collation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxgov.editor.app import Editor

    monkeypatch.setenv("CXGOV_USER", "ana")
    editor = Editor(str(three_committees(tmp_path)), today=lambda: AS_OF)
    ids = [value for _, value in editor.committee.options]
    assert [i for i in ids if i in {"a", "z", "m"}] == ["z", "m", "a"]  # Ąžuolų, Łąka, Zebra
