"""Id patterns of the workspace format, and a guard against path escapes."""

from __future__ import annotations

import re
from pathlib import Path

from cxgov.errors import CxgovError

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
ACTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")
SLUG_RULE = "an id of a-z, 0-9 and '-' (at most 64, not starting with '-')"
ACTION_RULE = "an action id of letters, digits and '-' (at most 32, not starting with '-')"


def is_slug(text: object) -> bool:
    """Tell whether text is a valid slug id (people, committees, KPIs ...)."""
    return isinstance(text, str) and SLUG.fullmatch(text) is not None


def is_action_id(text: object) -> bool:
    """Tell whether text is a valid action id."""
    return isinstance(text, str) and ACTION_ID.fullmatch(text) is not None


def committee_dir(workspace: Path, committee_id: str) -> Path:
    """Return the folder of a committee, refusing ids that would leave the workspace."""
    if not is_slug(committee_id):
        raise CxgovError(f"committee id: expected {SLUG_RULE}; found '{committee_id}'")
    root = workspace.resolve()
    path = (root / committee_id).resolve()
    if path.parent != root:
        raise CxgovError(f"committee id: expected a folder inside {workspace}, found '{committee_id}'")
    return path
