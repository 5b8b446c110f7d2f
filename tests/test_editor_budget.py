"""The editor's budget form: add, change and remove the charter's budget lines, recorded as charter changes."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL, REPO

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import BudgetLine

TODAY = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


@pytest.fixture
def editor(ws: Path) -> Editor:
    return Editor("ws", today=lambda: TODAY)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    """The editor on a copy of the bundled example (cx-steering has three budget lines in flow style)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "sofia")
    shutil.copytree(REPO / "committees", tmp_path / "committees")
    editor = Editor("committees", today=lambda: TODAY)
    editor.committee.value = "cx-steering"
    return editor


def changes(folder: Path) -> list[dict[str, str]]:
    with open(folder / "changes.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_first_budget_line_is_added_to_a_charter_without_one(editor: Editor, ws: Path) -> None:
    form = editor.budget
    assert form.line_pick.value == -1 and form.currency.value == "EUR"
    form.line.value = "onboarding fixes"
    form.amount.value = "40000"
    form.departments.value = ("support", "product")
    form.button.click()
    assert form.kind == "ok", form.lines
    assert form.lines == ["CX Steering Committee, budget line onboarding fixes: saved. Saved: cx/committee.yaml"]
    c = load_workspace(ws).committee["cx"]
    assert c.budget == (BudgetLine("onboarding fixes", 40000.0, "EUR", ("support", "product")),)
    text = (ws / "cx" / "committee.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "launch: 2026-07-01\nbudget:\n  - line: onboarding fixes\n    amount: 40000\n"
        "    currency: EUR\n    departments: [support, product]\n"
    )
    [row] = changes(ws / "cx")
    assert (row["object"], row["field"], row["before"], row["by"]) == ("charter", "budget", "", "ana")
    assert json.loads(row["after"]) == [
        {"line": "onboarding fixes", "amount": 40000, "currency": "EUR", "departments": ["support", "product"]}
    ]
    assert form.line_pick.value == 0  # the form shows the line it added


def test_changing_a_line_keeps_the_others_and_the_comments(example: Editor) -> None:
    folder = Path("committees/cx-steering")
    form = example.budget
    assert [label for label, _ in form.line_pick.options][1:] == [
        "1. onboarding fixes: 60000 GBP",
        "2. outage alerts: 45000 GBP",
        "3. frontline training: 30000 GBP",
    ]
    form.line_pick.value = 1
    assert (form.line.value, form.amount.value, form.currency.value) == ("outage alerts", "45000", "GBP")
    form.amount.value = "47500,50"
    form.button.click()
    assert form.kind == "ok", form.lines
    text = (folder / "committee.yaml").read_text(encoding="utf-8")
    assert "budget:                            # shared lines, agreed at the February meeting\n" in text
    assert (
        "  - {line: onboarding fixes, amount: 60000, currency: GBP, departments: [operations, support, website]}\n"
        in text
    )
    c = load_workspace(Path("committees")).committee["cx-steering"]
    assert [b.amount for b in c.budget] == [60000.0, 47500.5, 30000.0]
    [row] = [r for r in changes(folder) if r["field"] == "budget"]
    assert row["by"] == "sofia" and row["date"] == "2026-11-23"


def test_removing_lines_records_it_and_the_last_one_takes_the_key_away(editor: Editor, ws: Path) -> None:
    form = editor.budget
    form.line.value, form.amount.value = "training", "1000"
    form.button.click()
    assert form.kind == "ok", form.lines
    form.line_pick.value = 0
    form.remove.click()
    assert form.kind == "ok", form.lines
    assert form.lines == ["CX Steering Committee, budget line training: removed. Saved: cx/committee.yaml"]
    assert "budget" not in (ws / "cx" / "committee.yaml").read_text(encoding="utf-8")
    assert load_workspace(ws).committee["cx"].budget == ()
    assert [(r["field"], r["after"]) for r in changes(ws / "cx")][-1] == ("budget", "")


def test_a_line_the_loader_refuses_shows_its_message_and_writes_nothing(editor: Editor, ws: Path) -> None:
    before = (ws / "cx" / "committee.yaml").read_bytes()
    form = editor.budget
    form.line.value, form.amount.value, form.currency.value = "training", "1000", "euro"
    form.button.click()
    assert form.kind == "error"
    assert form.lines == [
        "CX Steering Committee: budget line 1 currency EURO is not a three-letter currency code like EUR "
        "(cx/committee.yaml, line 13)"
    ]
    assert (ws / "cx" / "committee.yaml").read_bytes() == before


def test_an_amount_that_is_no_number_names_the_committee_line_and_field(editor: Editor, ws: Path) -> None:
    form = editor.budget
    form.line.value, form.amount.value = "training", "lots"
    form.button.click()
    assert form.lines == ["CX Steering Committee, budget line training: amount: expected a number, found 'lots'"]
    assert not (ws / "cx" / "changes.csv").exists()


@pytest.mark.parametrize(("lang", "amount"), [("en_GB.UTF-8", 1000.0), ("de_DE.UTF-8", 1.0)])
def test_an_amount_with_a_comma_is_read_as_the_locale_writes_numbers(
    editor: Editor, ws: Path, monkeypatch: pytest.MonkeyPatch, lang: str, amount: float
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_NUMERIC", raising=False)
    monkeypatch.setenv("LANG", lang)
    form = editor.budget
    form.line.value, form.amount.value = "training", "1,000"
    form.button.click()
    assert form.kind == "ok", form.lines
    assert load_workspace(ws).committee["cx"].budget[0].amount == amount
