"""Where things are: the workspace notebooks use when none is given."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def notebook_workspace(given: str = "") -> str:
    """The workspace for a notebook: given, else $CXGOV_WORKSPACE, else committees/ at the project root."""
    return given or os.environ.get("CXGOV_WORKSPACE") or str(PROJECT_ROOT / "committees")
