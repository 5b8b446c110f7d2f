"""Kill a writer with SIGKILL at random moments: every file still loads and no committed save is lost."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.workspace.load import load_workspace

WRITER = Path(__file__).with_name("store_writer.py")
KILLS = 30

pytestmark = pytest.mark.slow


def start(folder: Path, mode: str, first: int, count: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), mode, str(first), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "ready\n", proc.stderr.read() if proc.stderr else ""
    return proc


def test_a_writer_killed_at_random_moments_never_leaves_a_broken_file_or_loses_a_committed_save(
    tmp_path: Path,
) -> None:
    ws = Path(shutil.copytree(MINIMAL, tmp_path / "ws"))
    folder = ws / "cx"
    rng = random.Random(20261123)
    committed_rows: list[int] = []
    purpose = "Align support, CX and product on one customer plan."
    saves = 0
    for k in range(KILLS):
        first = k * 100_000
        proc = start(folder, "mixed", first, 100_000)
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        lines = out.splitlines()
        committed_rows += [int(line.split()[1]) for line in lines if line.startswith("row ")]
        yamls = [int(line.split()[1]) for line in lines if line.startswith("yaml ")]
        saves += len(lines)

        loaded = load_workspace(ws)
        assert loaded.problems == (), [str(p) for p in loaded.problems]  # every file parses and validates
        c = loaded.committee["cx"]
        notes = [u.note for u in c.updates]
        assert len(notes) == len(set(notes))  # no row written twice
        missing = {f"w{n}" for n in committed_rows} - set(notes)
        assert not missing, f"kill {k}: committed rows lost: {sorted(missing)[:5]}"
        # The charter holds the last committed purpose, or one saved just before the kill.
        if yamls:
            n = int(c.purpose.split()[-1])
            assert c.purpose == f"Purpose {n}" and n >= yamls[-1] and n < first + 100_000
        else:
            assert c.purpose == purpose or int(c.purpose.split()[-1]) >= first
        purpose = c.purpose
    assert saves > KILLS  # the kills landed among saves, not only before the first one
    # A clean run afterwards removes any temporary file a killed writer left behind.
    proc = start(folder, "yaml", 9_999_999, 1)
    out, _ = proc.communicate(timeout=60)
    assert out.strip() == "yaml 9999999"
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
