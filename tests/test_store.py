"""cxgov.workspace.store: atomic replace, round-trip YAML edits, locked appends, conflict detection."""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from workspaces import MINIMAL, REPO

from cxgov.errors import CxgovError
from cxgov.workspace.load import load_workspace
from cxgov.workspace.load_history import UPDATE_COLUMNS
from cxgov.workspace.store import (
    ConflictError,
    Fingerprint,
    append_rows,
    atomic_write,
    create_committee,
    edit_yaml_text,
    fingerprint,
    folder_lock,
    replace_yaml,
)

EXAMPLE = REPO / "committees"
ROW = {"date": "2026-11-23", "action": "A2", "status": "at_risk", "by": "ana", "note": "slipping"}


def keep(data: Any) -> Any:
    return data


def set_key(key: str, value: Any) -> Any:
    def edit(data: Any) -> Any:
        data[key] = value
        return data

    return edit


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "committees"))


# --- atomic replace ---------------------------------------------------------


def test_atomic_write_replaces_the_file_keeps_its_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n")
    path.chmod(0o640)
    atomic_write(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_create_committee_refuses_an_existing_folder(ws: Path) -> None:
    with pytest.raises(CxgovError, match="already exists"):
        create_committee(ws, "cx", {"committee.yaml": "x"}, day=date(2026, 12, 1))


# --- YAML round trip ----------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(EXAMPLE.rglob("*.yaml")) + sorted(MINIMAL.rglob("*.yaml")), ids=lambda p: str(p.relative_to(REPO))
)
def test_an_edit_that_changes_nothing_gives_back_the_file_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert edit_yaml_text(text, keep) == text


@pytest.mark.parametrize(
    "text",
    [
        "actions:\n- id: A1\n  raci:\n    responsible: [ana]\n",  # dashes at the key's column
        "actions:\n    -   id: A1\n        raci:\n            responsible: [ana]\n",  # four spaces everywhere
    ],
)
def test_an_edit_keeps_the_files_own_indentation(text: str) -> None:
    def add(data: Any) -> Any:
        data["actions"].append({"id": "A2", "raci": {"responsible": "bo"}})
        return data

    new = edit_yaml_text(text, add)
    assert new.startswith(text)
    assert new[len(text) :] == text.replace("A1", "A2").replace("[ana]", "bo").split("\n", 1)[1]


def test_replace_yaml_changes_one_value_and_keeps_comments_key_order_and_flow_lists(example: Path) -> None:
    path = example / "cx-steering" / "committee.yaml"
    before = path.read_text().splitlines()
    replace_yaml(path, set_key("cadence", "biweekly"), fingerprint(path))
    after = path.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            "cadence: monthly                   # first Thursday-ish of the month",
            "cadence: biweekly                  # first Thursday-ish of the month",
        )
    ]
    assert load_workspace(example).committee["cx-steering"].cadence == "biweekly"


def test_replace_yaml_refuses_a_file_changed_since_it_was_read_and_writes_nothing(ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    seen = fingerprint(path)
    path.write_text(path.read_text().replace("cadence: monthly", "cadence: weekly"))  # another chair
    theirs = path.read_text()
    with pytest.raises(ConflictError) as exc:
        replace_yaml(path, set_key("cadence", "quarterly"), seen, shown="ws/cx/committee.yaml")
    assert str(exc.value) == (
        "ws/cx/committee.yaml changed on disk since you opened it (another chair or a git pull). "
        "Reload to see the new version; nothing was saved."
    )
    assert isinstance(exc.value, CxgovError)
    assert path.read_text() == theirs


def test_replace_yaml_ignores_a_touch_that_left_the_content_alone(ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    seen = fingerprint(path)
    os.utime(path, ns=(1, 1))
    replace_yaml(path, set_key("cadence", "weekly"), seen)
    assert "cadence: weekly" in path.read_text()


def test_replace_yaml_writes_nothing_when_the_check_refuses(ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    text = path.read_text()
    seen: list[str] = []

    def refuse(new_text: str) -> None:
        seen.append(new_text)
        raise CxgovError("no")

    with pytest.raises(CxgovError, match="no"):
        replace_yaml(path, set_key("cadence", "weekly"), fingerprint(path), check=refuse)
    assert path.read_text() == text
    assert "cadence: weekly" in seen[0]


def test_replace_yaml_starts_a_missing_file_from_initial(ws: Path) -> None:
    path = ws / "cx" / "meetings.yaml"
    path.unlink()

    def add(data: Any) -> Any:
        data["meetings"].append({"date": "2026-11-20"})
        return data

    replace_yaml(path, add, Fingerprint(False), initial="meetings: []\n")
    assert "2026-11-20" in path.read_text()


def test_replace_yaml_removes_temporary_files_left_by_a_killed_writer(ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    stale = ws / "cx" / ".committee.yaml.abc123.tmp"
    stale.write_text("half a fi")
    replace_yaml(path, set_key("cadence", "weekly"), fingerprint(path))
    assert not stale.exists()


# --- appends ---------------------------------------------------------------------


def test_append_rows_adds_one_line_and_never_rewrites_what_was_there(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    fp = append_rows(path, UPDATE_COLUMNS, [ROW], fingerprint(path))
    new = path.read_bytes()
    assert new == old + b"2026-11-23,A2,at_risk,ana,slipping\n"
    assert fp == fingerprint(path)
    latest = load_workspace(ws).committee["cx"].updates[-1]
    assert (latest.action, latest.status, latest.by) == ("A2", "at_risk", "ana")


def test_append_rows_follows_the_files_own_column_order(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.write_text("action,date,status,note,by\nA1,2026-07-20,on_track,,bo\n")
    append_rows(path, UPDATE_COLUMNS, [ROW])
    assert path.read_text().splitlines()[-1] == "A2,2026-11-23,at_risk,slipping,ana"
    assert load_workspace(ws).problems == ()


def test_append_rows_ends_a_hand_edited_last_line_before_appending(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.write_text(path.read_text().rstrip("\n"))
    lines: list[int] = []
    append_rows(path, UPDATE_COLUMNS, [ROW], check=lambda text, first, size: lines.append(first))
    assert path.read_text().endswith("2026-09-01,A2,on_track,dee,\n2026-11-23,A2,at_risk,ana,slipping\n")
    assert lines == [5]
    assert load_workspace(ws).problems == ()


def test_append_rows_creates_a_missing_file_with_its_header(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    path.unlink()
    append_rows(path, UPDATE_COLUMNS, [ROW], Fingerprint(False))
    assert path.read_text() == "date,action,status,by,note\n2026-11-23,A2,at_risk,ana,slipping\n"


def test_append_rows_quotes_commas_quotes_and_newlines_in_a_note(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    note = 'late, "again"\nsecond line'
    append_rows(path, UPDATE_COLUMNS, [dict(ROW, note=note)])
    assert load_workspace(ws).committee["cx"].updates[-1].note == note


def test_rows_someone_else_appended_meanwhile_are_not_a_conflict(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    seen = fingerprint(path)
    append_rows(path, UPDATE_COLUMNS, [dict(ROW, note="theirs")])  # another chair, after we loaded
    append_rows(path, UPDATE_COLUMNS, [dict(ROW, note="ours")], seen)
    assert [u.note for u in load_workspace(ws).committee["cx"].updates[-2:]] == ["theirs", "ours"]


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("Workshop booked", "Workshop moved"),  # rewritten
        lambda text: "\n".join(text.splitlines()[:2]) + "\n",  # truncated
    ],
    ids=["rewritten", "truncated"],
)
def test_a_rewritten_or_truncated_history_is_a_conflict_and_nothing_is_appended(ws: Path, change: Any) -> None:
    path = ws / "cx" / "updates.csv"
    seen = fingerprint(path)
    path.write_text(change(path.read_text()))
    theirs = path.read_bytes()
    with pytest.raises(ConflictError, match="changed on disk since you opened it"):
        append_rows(path, UPDATE_COLUMNS, [ROW], seen)
    assert path.read_bytes() == theirs


def test_append_rows_refuses_when_a_file_the_rows_were_checked_against_changed(ws: Path) -> None:
    path, plan = ws / "cx" / "updates.csv", ws / "cx" / "plan.yaml"
    seen = fingerprint(plan)
    plan.write_text(plan.read_text().replace("id: A2", "id: A20"))
    old = path.read_bytes()
    with pytest.raises(ConflictError) as exc:
        append_rows(path, UPDATE_COLUMNS, [ROW], fingerprint(path), unchanged={plan: seen}, shown="ws/cx/updates.csv")
    assert str(exc.value).startswith("ws/cx/plan.yaml changed on disk since you opened it")
    assert path.read_bytes() == old


def test_append_rows_writes_nothing_when_the_check_refuses(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    got: list[tuple[str, int, int]] = []

    def refuse(text: str, first: int, size: int) -> None:
        got.append((text, first, size))
        raise CxgovError("no")

    with pytest.raises(CxgovError):
        append_rows(path, UPDATE_COLUMNS, [ROW], check=refuse)
    assert path.read_bytes() == old
    row = b"2026-11-23,A2,at_risk,ana,slipping\n"
    assert got == [("date,action,status,by,note\n" + row.decode(), 5, len(old) + len(row))]


def test_append_rows_waits_for_the_folder_lock(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    old = path.read_bytes()
    worker = threading.Thread(target=append_rows, args=(path, UPDATE_COLUMNS, [ROW]))
    with folder_lock(path.parent):
        worker.start()
        time.sleep(0.3)
        assert worker.is_alive()
        assert path.read_bytes() == old  # nothing written while another writer holds the lock
    worker.join(10)
    assert not worker.is_alive()
    assert path.read_bytes().endswith(b"slipping\n")


def test_a_missing_file_has_a_fingerprint_and_a_new_one_differs(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    absent = fingerprint(path)
    assert absent == Fingerprint(False)
    path.write_text("a\n")
    assert not fingerprint(path).same_content(absent)
