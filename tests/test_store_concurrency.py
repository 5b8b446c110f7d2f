"""Two writers at once: appends from both survive whole; a second YAML save is refused as a conflict."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.workspace.load import load_workspace

WRITER = Path(__file__).with_name("store_writer.py")
ROWS = 300

pytestmark = pytest.mark.slow


def writers(folder: Path, mode: str, *ranges: tuple[int, int]) -> list[list[str]]:
    """Start one writer per range, let them all go at once, return each one's output lines."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), mode, str(first), str(count), "--wait-go"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first, count in ranges
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline() == "ready\n"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.splitlines())
    return outs


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


def test_two_writers_appending_at_once_lose_nothing_and_never_interleave_a_line(ws: Path) -> None:
    path = ws / "cx" / "updates.csv"
    before = path.read_text()
    a, b = writers(ws / "cx", "rows", (0, ROWS), (10_000, ROWS))
    assert a == [f"row {n}" for n in range(ROWS)]  # no conflict: appends commute
    assert b == [f"row {n}" for n in range(10_000, 10_000 + ROWS)]
    text = path.read_text()
    assert text.startswith(before)
    rows = list(csv.reader(io.StringIO(text[len(before) :])))
    assert all(r[:4] == ["2026-11-23", "A1", "on_track", "bo"] and len(r) == 5 for r in rows)
    assert sorted(r[4] for r in rows) == sorted(f"w{n}" for n in [*range(ROWS), *range(10_000, 10_000 + ROWS)])
    assert load_workspace(ws).problems == ()


def test_two_writers_replacing_the_same_yaml_at_once_one_wins_the_other_is_told(ws: Path) -> None:
    path = ws / "cx" / "committee.yaml"
    a, b = writers(ws / "cx", "yaml", (1, 1), (2, 1))
    outcomes = sorted([a[0].split()[0], b[0].split()[0]])
    assert outcomes == ["conflict", "yaml"]
    winner = int((a if a[0].startswith("yaml") else b)[0].split()[1])
    loser = b if a[0].startswith("yaml") else a
    assert "changed on disk since you opened it" in loser[0] and "nothing was saved" in loser[0]
    assert load_workspace(ws).committee["cx"].purpose == f"Purpose {winner}"
    assert "Purpose" in path.read_text()


def test_two_editors_on_the_same_charter_the_second_save_is_a_conflict(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first, second = (Editor("ws", today=lambda: date(2026, 11, 23)) for _ in range(2))
    first.charter.cadence.value = "weekly"
    second.charter.cadence.value = "quarterly"
    first.charter.button.click()
    saved = (ws / "cx" / "committee.yaml").read_text()
    second.charter.button.click()
    assert first.charter.kind == "ok"
    assert second.charter.kind == "conflict"
    assert second.charter.lines == [
        "cx/committee.yaml changed on disk since you opened it (another chair or a git pull). "
        "Reload to see the new version; nothing was saved."
    ]
    assert (ws / "cx" / "committee.yaml").read_text() == saved
    assert load_workspace(ws).committee["cx"].cadence == "weekly"
