"""Commit an editor save to the workspace's git repository, signed by the person who saved (opt-in).

With ``CXGOV_GIT_COMMIT=1`` in the editor's environment, every save runs
``git add`` and ``git commit`` on exactly the files it wrote, with the person
of "You are" as author and committer (``Name <email>`` from org.yaml; an
empty email when org.yaml has none), so ``git log`` is the audit trail. git
runs as ``cxgov.workspace.gitrecord.git`` runs it (no system config, no
fsmonitor, no hooks), with no pager and no signing. A commit that fails never
undoes the save: the caller gets the reason to show.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cxgov.errors import CxgovError
from cxgov.workspace.gitread import git
from cxgov.workspace.model import Person

GIT_COMMIT_ENV = "CXGOV_GIT_COMMIT"
_YES = ("1", "true", "yes", "on")


def wanted() -> bool:
    """Whether saves are committed: $CXGOV_GIT_COMMIT is 1, true, yes or on (default: off)."""
    return os.environ.get(GIT_COMMIT_ENV, "").strip().lower() in _YES


def _why(done: object) -> str:
    out = getattr(done, "stderr", b"") or getattr(done, "stdout", b"") or b""
    lines = [line.strip() for line in out.decode("utf-8", "replace").splitlines() if line.strip()]
    reason = lines[-1] if lines else f"git exited with {getattr(done, 'returncode', '?')}"
    return reason.removeprefix("fatal: ").removeprefix("error: ")[:200]


def commit_files(root: Path, files: Sequence[Path], message: str, person: Person | None) -> str | None:
    """Add and commit files (paths inside root) with message, author person; return the short commit id.

    None when the files are as the last commit holds them (a save that changed nothing). Raises
    CxgovError with git's reason when git cannot commit (not a repository, no identity, a lock).
    Other staged changes are left staged, not committed (``git commit --only -- FILES``).
    """
    real = os.path.realpath(root)
    rels = [os.path.relpath(os.path.realpath(f), real) for f in files if os.path.lexists(f)]
    if not rels:
        raise CxgovError("nothing was written to commit")
    options = ["--no-pager", "-c", "commit.gpgsign=false"]
    if person is not None:
        options += ["-c", f"user.name={person.name}", "-c", f"user.email={person.email or ''}"]
    added = git(root, *options, "add", "--", *rels)
    if added.returncode != 0:
        raise CxgovError(_why(added))
    if git(root, *options, "diff", "--cached", "--quiet", "--", *rels).returncode == 0:
        return None  # nothing of these files differs from the last commit
    done = git(root, *options, "commit", "-q", "--no-verify", "--only", "-m", message, "--", *rels)
    if done.returncode != 0:
        raise CxgovError(_why(done))
    head = git(root, "rev-parse", "--short", "HEAD")
    return head.stdout.decode("ascii", "replace").strip()
