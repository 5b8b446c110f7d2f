"""Run `cxgov ARGS` in the test's own process: cxgov.cli.main, its exit code and what it printed.

A subprocess costs a Python start and the imports of pandas for every call; main() is the same code path
after argument parsing (CxgovError -> exit 2 happens there). Output is captured by swapping sys.stdout and
sys.stderr, as pytest's capsys does, but without a fixture, so that module-scoped fixtures can run commands
too. Keep real processes for what needs one: exit codes of `python -m cxgov`, the light import path,
resource limits and signals.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cxgov.cli import main


@dataclass(frozen=True)
class Ran:
    """What a command did, named as subprocess.CompletedProcess names it."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _without_workspace_env() -> Iterator[None]:
    saved = os.environ.pop("CXGOV_WORKSPACE", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["CXGOV_WORKSPACE"] = saved


def cxgov(*args: str, cwd: Path | str | None = None) -> Ran:
    """Run `cxgov ARGS` in cwd (default: the current folder) without $CXGOV_WORKSPACE; argparse's exits count."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd if cwd is not None else os.getcwd()),
        _without_workspace_env(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help exits 0, a usage error 2
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
    return Ran(code, out.getvalue(), err.getvalue())
