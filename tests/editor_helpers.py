"""Test helper: the editor's action form values, as a chair would submit them."""

from __future__ import annotations

import dataclasses
from typing import Any

from cxgov.editor.edits import ActionValues
from cxgov.workspace.model import Action


def action_values(a: Action, **changed: Any) -> ActionValues:
    """The editor's form values of action a as loaded, with some of them changed."""
    v = ActionValues(
        id=a.id,
        title=a.title,
        horizon=a.horizon,
        due=a.due,
        responsible=a.raci.responsible,
        accountable=a.raci.accountable,
        consulted=a.raci.consulted,
        informed=a.raci.informed,
        kpis=a.kpis,
        touchpoints=a.touchpoints,
        departments=a.departments,
        evidence=a.evidence or "",
        depends_on=a.depends_on,
    )
    return dataclasses.replace(v, **changed)
