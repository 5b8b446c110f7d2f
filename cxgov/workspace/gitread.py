"""Read a workspace's git repository, never change it: git run with a fixed environment, committed files.

git runs with no system config, no fsmonitor, no hooks and no terminal prompt,
the caller's GIT_* variables dropped, so that an untrusted checkout's settings
cannot run programs; committed files are read from git's objects, and a link,
a submodule or a folder is never read. The readers (cxgov.workspace.githistory,
the loads behind every view) and the writer (cxgov.workspace.gitrecord) share it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cxgov.errors import CxgovError

_GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
_GIT_OPTIONS = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")


def git(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git in root with the fixed environment (stdin: text to feed it); never raises for git's own failures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | _GIT_ENV
    try:
        return subprocess.run(
            ["git", *_GIT_OPTIONS, *args],
            cwd=os.path.realpath(root),
            env=env,
            input=stdin.encode("utf-8") if stdin is not None else None,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CxgovError(f"{root}: expected git to run, found {exc}") from None


def committed(root: Path, rel: str) -> bytes | None:
    """The file rel (relative to root) as HEAD holds it; None when HEAD has no such regular file."""
    listed = git(root, "ls-tree", "-z", "HEAD", "--", rel)
    if listed.returncode != 0 or not listed.stdout:
        return None
    mode = listed.stdout.split(b" ", 1)[0]
    if mode not in (b"100644", b"100755"):
        return None  # a link, a submodule or a folder is never read
    shown = git(root, "cat-file", "blob", f"HEAD:./{rel}")
    return shown.stdout if shown.returncode == 0 else None
