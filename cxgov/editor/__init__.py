"""The chair's editor: ipywidgets forms in JupyterLab that change the workspace through cxgov.workspace.store."""

from __future__ import annotations

from cxgov.editor.app import Editor, open_editor

__all__ = ["Editor", "open_editor"]
