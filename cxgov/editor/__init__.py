"""The chair's editor: ipywidgets forms in JupyterLab that change the workspace through cxgov.workspace.store.

``Editor`` and ``open_editor`` are imported on first use, so that the chair's server, which loads
cxgov.editor.server as an extension, does not import ipywidgets and pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cxgov.editor.app import Editor, open_editor

__all__ = ["Editor", "open_editor"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from cxgov.editor import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
