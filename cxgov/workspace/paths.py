"""Where things are: the workspace notebooks use when none is given."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Set by `cxgov serve` beside $CXGOV_WORKSPACE (an absolute path): the workspace as the user named it, for
# messages, so viewers read "committees/plan.yaml:3: ..." rather than the server's folders.
WORKSPACE_SHOWN_ENV = "CXGOV_WORKSPACE_SHOWN"


def notebook_workspace(given: str = "") -> str:
    """The workspace for a notebook: given, else $CXGOV_WORKSPACE, else committees/ at the project root."""
    return given or os.environ.get("CXGOV_WORKSPACE") or str(PROJECT_ROOT / "committees")
