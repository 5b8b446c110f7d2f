"""Id patterns, and the guard that keeps a committee id from naming a folder outside the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxgov.errors import CxgovError
from cxgov.workspace.ids import committee_dir, is_action_id, is_slug


@pytest.mark.parametrize("bad", ["../x", "/etc", "a/b", "UPPER", "", "-x", ".", "..", "x" * 65, "cx\n"])
def test_committee_dir_rejects_ids_that_are_not_slugs(tmp_path: Path, bad: str) -> None:
    with pytest.raises(CxgovError, match=r"^committee id: expected an id of a-z, 0-9 and '-'"):
        committee_dir(tmp_path, bad)


def test_committee_dir_message_names_the_bad_id(tmp_path: Path) -> None:
    with pytest.raises(CxgovError) as info:
        committee_dir(tmp_path, "../x")
    assert str(info.value) == (
        "committee id: expected an id of a-z, 0-9 and '-' (at most 64, not starting with '-'); found '../x'"
    )


def test_committee_dir_returns_the_folder_inside_the_workspace(tmp_path: Path) -> None:
    assert committee_dir(tmp_path, "cx-steering") == tmp_path.resolve() / "cx-steering"


def test_committee_dir_refuses_a_link_that_leaves_the_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (ws / "escape").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(CxgovError, match="expected a folder inside"):
        committee_dir(ws, "escape")


@pytest.mark.parametrize("good", ["a", "cx-steering", "0", "a-", "x" * 64])
def test_slug_accepts_the_spec_pattern(good: str) -> None:
    assert is_slug(good)


@pytest.mark.parametrize("bad", ["", "-a", "A", "a_b", "a b", "a.b", "x" * 65, 7, None])
def test_slug_rejects_everything_else(bad: object) -> None:
    assert not is_slug(bad)


@pytest.mark.parametrize("good", ["A1", "a1", "Q3-2", "1", "X" * 32])
def test_action_id_accepts_the_spec_pattern(good: str) -> None:
    assert is_action_id(good)


@pytest.mark.parametrize("bad", ["", "-A1", "A_1", "A 1", "A1.1", "X" * 33])
def test_action_id_rejects_everything_else(bad: str) -> None:
    assert not is_action_id(bad)
