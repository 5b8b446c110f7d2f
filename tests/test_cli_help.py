"""Every command has help text with an example (the sqlite-utils habit)."""

from __future__ import annotations

import pytest

from cxgov.cli import COMMANDS, main


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: cxgov {command}" in out
    assert f"example:\n  cxgov {command}" in out


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert f"    {command} " in out


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: cxgov" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["status", "committees", "--as-of", "2026-11-30"], ["history", "committees"]])
def test_a_reader_that_goes_away_stops_the_command_quietly(command: list[str]) -> None:
    # `cxgov history | head -1`: the pipe closes after one line; no traceback, the shell's SIGPIPE code
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxgov", *command], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (0, 141)
    assert first and "Traceback" not in err and err == ""
