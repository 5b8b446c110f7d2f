"""The customer journey in org.yaml: its stages, their touchpoints, and the ranked priorities.

The journey is the whole organisation's, not one committee's: under
JupyterHub only an admin may change it (cxgov.workspace.permissions,
``may_edit_journey``); outside it "You are" is a free choice and nothing is
refused, as for every other form. Each save is checked against the whole
workspace (an action, signal or priority naming a removed touchpoint is
refused with the loader's message) and keeps org.yaml's comments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from cxgov.editor.org_edits import (
    StageValues,
    TouchpointValues,
    priorities_edit,
    stage_edit,
    touchpoint_edit,
)
from cxgov.editor.ui import Form, Options, button, day, day_value, dropdown, pick, text
from cxgov.editor.yamledit import Edit
from cxgov.report.html import Html
from cxgov.report.pickers import unheard
from cxgov.workspace import permissions
from cxgov.workspace.load import shown_path
from cxgov.workspace.model import Journey, Org, Stage

if TYPE_CHECKING:
    from cxgov.editor.ui import Host

NEW_STAGE = "(new stage)"
NEW_TOUCHPOINT = "(new touchpoint)"
MAX_PRIORITIES = 15


def _heading(label: str) -> widgets.HTML:
    return widgets.HTML(str(Html("<h4>{}</h4>").format(label)))


class JourneyForm(Form):
    title = "Journey"

    def __init__(self, editor: Host) -> None:
        super().__init__(editor)
        self.who = widgets.HTML()  # who may change the journey, when the workspace says
        self.stage = dropdown("Stage")
        self.stage_id = text("Stage id (new stages only)", width="24em")
        self.stage_name = text("Stage name")
        self.save_stage = button("Save stage")
        self.save_stage.on_click(lambda _: self._stage(remove=False))
        self.remove_stage = button("Remove stage", primary=False)
        self.remove_stage.on_click(lambda _: self._stage(remove=True))
        self.touchpoint = dropdown("Touchpoint")
        self.tp_id = text("Touchpoint id (new ones only)", width="24em")
        self.tp_name = text("Touchpoint name")
        self.tp_channel = text("Channel (optional)", placeholder="phone, self-service, e-mail, shop", width="24em")
        self.save_tp = button("Save touchpoint")
        self.save_tp.on_click(lambda _: self._touchpoint(remove=False))
        self.remove_tp = button("Remove touchpoint", primary=False)
        self.remove_tp.on_click(lambda _: self._touchpoint(remove=True))
        self.ranked: list[str] = []  # the priorities as the form holds them, most important first
        self.priorities = widgets.Select(
            description="Priorities (ranked)", rows=8, style={"description_width": "initial"}
        )
        self.candidate = dropdown("Add touchpoint")
        self.add = button("Add to priorities", primary=False)
        self.add.on_click(lambda _: self._add())
        self.up = button("Move up", primary=False)
        self.up.on_click(lambda _: self._move(-1))
        self.down = button("Move down", primary=False)
        self.down.on_click(lambda _: self._move(1))
        self.drop = button("Remove from priorities", primary=False)
        self.drop.on_click(lambda _: self._drop())
        self.agreed = day("Agreed on")
        self.save_priorities = button("Save priorities")
        self.save_priorities.on_click(lambda _: self._priorities())
        self.buttons = [self.save_stage, self.remove_stage, self.save_tp, self.remove_tp, self.save_priorities]
        self.stage.observe(self._on_stage, "value")
        self.touchpoint.observe(self._on_touchpoint, "value")
        self.widget = widgets.VBox(
            [
                self.who,
                _heading("Stages"),
                self.stage,
                self.stage_id,
                self.stage_name,
                widgets.HBox([self.save_stage, self.remove_stage]),
                _heading("Touchpoints of the stage"),
                self.touchpoint,
                self.tp_id,
                self.tp_name,
                self.tp_channel,
                widgets.HBox([self.save_tp, self.remove_tp]),
                _heading(f"Priorities (at most {MAX_PRIORITIES} touchpoints, most important first)"),
                self.priorities,
                widgets.HBox([self.up, self.down, self.drop]),
                widgets.HBox([self.candidate, self.add]),
                self.agreed,
                widgets.HBox([self.save_priorities, self.reload]),
                self.message,
            ]
        )

    # --- what is shown -------------------------------------------------------------

    @property
    def org(self) -> Org | None:
        session = self.editor.session
        return session.ws.org if session else None

    @property
    def journey(self) -> Journey | None:
        return self.org.journey if self.org else None

    def refresh(self) -> None:
        session, org = self.editor.session, self.org
        stages = self.journey.stages if self.journey else ()
        keep = self.stage.value
        options: Options = [(NEW_STAGE, NEW_STAGE)] + [(f"{s.name} [{s.id}]", s.id) for s in stages]
        with unheard(self._on_stage, self.stage):
            pick(
                self.stage,
                options,
                keep if keep in {v for _, v in options} else (stages[0].id if stages else NEW_STAGE),
            )
        self.ranked = list(self.journey.priorities) if self.journey else []
        self.agreed.value = self.journey.agreed if self.journey else None
        self._show_ranked()
        verdict = permissions.may_edit_journey(session.ws, session.person) if session else None
        refused = session is None or org is None or (session.enforce and verdict is not None and not verdict.allowed)
        if org is None:
            self.who.value = "<p>org.yaml did not load: fix it first (cxgov validate).</p>"
        elif refused and verdict is not None:
            self.who.value = str(Html("<p>{}</p>").format(verdict.why))
        else:
            self.who.value = str(
                Html(
                    "<p>The journey of {} (<code>{}</code>): every committee's actions and signals refer to it.</p>"
                ).format(org.name, shown_path(session.shown, "org.yaml") if session else "org.yaml")
            )
        for b in self.buttons:
            b.disabled = refused
        self._load_stage()

    def _on_stage(self, change: object) -> None:
        self._load_stage()

    def _on_touchpoint(self, change: object) -> None:
        self._load_touchpoint()

    def _current_stage(self) -> Stage | None:
        stages = self.journey.stages if self.journey else ()
        return next((s for s in stages if s.id == self.stage.value), None)

    def _load_stage(self) -> None:
        s = self._current_stage()
        self.stage_id.value = s.id if s else ""
        self.stage_id.disabled = s is not None  # touchpoints, actions and signals are found by it
        self.stage_name.value = s.name if s else ""
        self.remove_stage.disabled = s is None or self.save_stage.disabled
        keep = self.touchpoint.value
        options: Options = [(NEW_TOUCHPOINT, NEW_TOUCHPOINT)] + (
            [(f"{t.name} [{t.id}]", t.id) for t in s.touchpoints] if s else []
        )
        with unheard(self._on_touchpoint, self.touchpoint):
            pick(self.touchpoint, options, keep if keep in {v for _, v in options} else NEW_TOUCHPOINT)
        self._load_touchpoint()

    def _load_touchpoint(self) -> None:
        s = self._current_stage()
        t = next((t for t in s.touchpoints if t.id == self.touchpoint.value), None) if s else None
        self.tp_id.value = t.id if t else ""
        self.tp_id.disabled = t is not None
        self.tp_name.value = t.name if t else ""
        self.tp_channel.value = (t.channel or "") if t else ""
        self.remove_tp.disabled = t is None or self.save_stage.disabled
        self.save_tp.disabled = s is None or self.save_stage.disabled

    def _show_ranked(self) -> None:
        names = self.org.touchpoint if self.org else {}
        labels = [
            (f"{i + 1}. {names[t].name} [{t}]" if t in names else f"{i + 1}. {t}", t) for i, t in enumerate(self.ranked)
        ]
        keep = self.priorities.value
        self.priorities.options = labels
        self.priorities.value = keep if keep in self.ranked else None
        left = [(f"{t.name} [{t.id}]", t.id) for t in (names.values() if self.org else ()) if t.id not in self.ranked]
        pick(self.candidate, left, None)
        self.add.disabled = not left or len(self.ranked) >= MAX_PRIORITIES

    # --- changing the ranking in the form (saved with Save priorities) ----------------

    def _add(self) -> None:
        if self.candidate.value and self.candidate.value not in self.ranked:
            self.ranked.append(self.candidate.value)
            self._show_ranked()

    def _move(self, by: int) -> None:
        t = self.priorities.value
        if t not in self.ranked:
            return
        i = self.ranked.index(t)
        j = min(max(i + by, 0), len(self.ranked) - 1)
        self.ranked[i], self.ranked[j] = self.ranked[j], self.ranked[i]
        self._show_ranked()
        self.priorities.value = t

    def _drop(self) -> None:
        if self.priorities.value in self.ranked:
            self.ranked.remove(self.priorities.value)
            self._show_ranked()

    # --- saving --------------------------------------------------------------------

    def _save(self, make: Edit | None, what: str) -> bool:
        session = self.editor.session
        if session is None or make is None:
            return False
        if self.run(lambda: session.save_journey(make, what)):
            self.editor.refresh()
            return True
        return False

    def _shown(self) -> str:
        session = self.editor.session
        return shown_path(session.shown, "org.yaml") if session else "org.yaml"

    def _stage(self, remove: bool) -> None:
        original = None if self.stage.value == NEW_STAGE else self.stage.value
        if remove and original is None:
            return
        values = None if remove else StageValues(self.stage_id.value, self.stage_name.value)
        sid = original or self.stage_id.value.strip()
        what = f"stage {sid} " + ("removed" if remove else "saved")
        if self._save(stage_edit(values, original, self._shown()), what) and not remove:
            self.stage.value = sid

    def _touchpoint(self, remove: bool) -> None:
        s = self._current_stage()
        if s is None:
            return
        original = None if self.touchpoint.value == NEW_TOUCHPOINT else self.touchpoint.value
        if remove and original is None:
            return
        values = None if remove else TouchpointValues(self.tp_id.value, self.tp_name.value, self.tp_channel.value)
        tid = original or self.tp_id.value.strip()
        what = f"touchpoint {tid} of stage {s.id} " + ("removed" if remove else "saved")
        if self._save(touchpoint_edit(s.id, values, original, self._shown()), what) and not remove:
            self.touchpoint.value = tid

    def _priorities(self) -> None:
        session = self.editor.session
        if session is None:
            return
        ranked = list(self.ranked)

        def change() -> str:
            agreed = day_value(self.agreed, "journey: agreed")
            return session.save_journey(priorities_edit(ranked, agreed, self._shown()), "priorities saved")

        if self.run(change):
            self.editor.refresh()
