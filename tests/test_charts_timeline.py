"""The roadmap shows every action even where dates coincide, and its labels stay whole on the image.

The workspaces are valid/minimal with a plan written for the case: actions
sharing a due date (an at-risk one under an off-track one), actions due on
their milestone's day, a crowd on one day, and 'we are here' at the right edge.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from chart_helpers import SVG, Mark, marks, marks_apart, outside, overlap, parse, size_of, text_box, texts
from views_helpers import load
from workspaces import build_workspace

from cxgov.report.charts import COLOURS, roadmap
from cxgov.workspace.model import Committee

AS_OF = date(2026, 10, 15)


def plan_workspace(dest: Path, actions: list[tuple[str, int, str, str]], launch: str = "2026-07-01") -> Committee:
    """valid/minimal's committee cx with these actions (id, horizon, due, status) and its milestones
    due 2026-09-30, 2026-12-31 and 2027-06-30; each status posted on 2026-08-01."""
    ws = build_workspace(dest)
    lines = [
        "milestones:",
        "  - {horizon: 3, goal: Journey agreed, due: 2026-09-30}",
        "  - {horizon: 6, goal: Shared KPIs, due: 2026-12-31}",
        "  - {horizon: 12, goal: Repeat contacts halved, due: 2027-06-30}",
        "actions:",
    ]
    for aid, horizon, due, _ in actions:
        lines += [
            f"  - id: {aid}",
            f"    title: Action {aid}",
            f"    horizon: {horizon}",
            f"    due: {due}",
            "    raci: {responsible: [bo], accountable: ana}",
        ]
    (ws / "cx" / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    updates = ["date,action,status,by,note"] + [
        f"2026-08-01,{aid},{status},bo," for aid, _, _, status in actions if status != "not_started"
    ]
    (ws / "cx" / "updates.csv").write_text("\n".join(updates) + "\n", encoding="utf-8")
    committee = (ws / "cx" / "committee.yaml").read_text(encoding="utf-8")
    (ws / "cx" / "committee.yaml").write_text(committee.replace("launch: 2026-07-01", f"launch: {launch}"))
    return load(ws).committee["cx"]


def action_marks(root) -> dict[str, Mark]:
    """The action dots by action id (their tooltip starts with it)."""
    return {m.tip.split(" ")[0]: m for m in marks(root) if not m.tip.split(" ")[0].endswith("-month")}


def assert_nothing_covered(root) -> None:
    """No two markers overlap, and no text lies over a marker."""
    shown = marks(root)
    touching = [(a.tip, b.tip) for a, b in itertools.combinations(shown, 2) if not marks_apart(a, b)]
    assert touching == []
    boxes = [("".join(t.itertext()), text_box(t)) for t in root.iter(f"{SVG}text")]
    assert [(words, m.tip) for words, box in boxes for m in shown if overlap(box, m.box)] == []
    assert outside(root) == []


COINCIDING = [
    ("A1", 3, "2026-08-31", "at_risk"),
    ("A2", 3, "2026-08-31", "off_track"),  # drawn after A1, on the same day
    ("A3", 3, "2026-09-30", "at_risk"),  # on its milestone's day, under the diamond
    ("A4", 3, "2026-09-30", "on_track"),
    ("A5", 3, "2026-09-01", "done"),  # a day after A1 and A2: 2 px away
    ("B1", 6, "2026-12-31", "not_started"),
    ("B2", 6, "2026-12-31", "on_track"),
    ("B3", 6, "2026-12-31", "at_risk"),
    ("B4", 6, "2026-12-31", "off_track"),
    ("B5", 6, "2026-12-31", "done"),
    ("B6", 6, "2026-12-31", "dropped"),
    ("C1", 12, "2027-06-30", "on_track"),
]


def test_actions_sharing_a_date_each_get_their_own_place(tmp_path: Path) -> None:
    c = plan_workspace(tmp_path / "ws", COINCIDING)
    root = parse(roadmap(c, AS_OF))
    dots = action_marks(root)
    assert sorted(dots) == sorted(a for a, *_ in COINCIDING)  # one dot per action
    assert len({(m.x, m.y) for m in dots.values()}) == len(dots)  # no two at one place
    assert_nothing_covered(root)
    # the at-risk action under the off-track one shows its own colour where nothing covers it
    assert dots["A1"].fill == COLOURS["at_risk"] and dots["A2"].fill == COLOURS["off_track"]
    # stacked dots keep their date: the same x, only moved up or down
    assert dots["A1"].x == dots["A2"].x and dots["A3"].x == dots["A4"].x
    assert dots["A1"].y != dots["A2"].y


def test_an_action_due_on_its_milestones_day_is_not_hidden_by_the_diamond(tmp_path: Path) -> None:
    c = plan_workspace(tmp_path / "ws", COINCIDING)
    root = parse(roadmap(c, AS_OF))
    diamonds = {m.tip.split(" ")[0]: m for m in marks(root) if m.tip.split(" ")[0].endswith("-month")}
    dots = action_marks(root)
    assert dots["A3"].x == diamonds["3-month"].x
    assert marks_apart(dots["A3"], diamonds["3-month"]) and marks_apart(dots["A4"], diamonds["3-month"])
    for b in ("B1", "B2", "B3", "B4", "B5", "B6"):
        assert marks_apart(dots[b], diamonds["6-month"]), b


def test_every_status_of_a_crowded_day_shows_its_colour(tmp_path: Path) -> None:
    c = plan_workspace(tmp_path / "ws", COINCIDING)
    root = parse(roadmap(c, AS_OF))
    on_the_day = [m for a, m in action_marks(root).items() if a.startswith("B")]
    assert {m.fill for m in on_the_day} == set(COLOURS.values())


def test_a_crowd_on_one_day_makes_its_lane_taller_and_stays_apart(tmp_path: Path) -> None:
    crowd = [(f"A{i}", 3, "2026-09-30", "at_risk" if i % 2 else "off_track") for i in range(1, 21)]
    c = plan_workspace(tmp_path / "ws", crowd)
    root = parse(roadmap(c, AS_OF))
    assert len(action_marks(root)) == 20
    assert_nothing_covered(root)
    alone = parse(roadmap(plan_workspace(tmp_path / "alone", crowd[:2]), AS_OF))
    assert size_of(root)[1] > size_of(alone)[1]  # the lane grew to hold the crowd


@pytest.mark.parametrize(
    "as_of",
    [date(2027, 7, 20), date(2027, 7, 19), date(2027, 6, 30), date(2030, 1, 1), date(2026, 7, 1), date(2020, 1, 1)],
)
def test_we_are_here_is_whole_at_either_end(tmp_path: Path, as_of: date) -> None:
    # the roadmap ends 20 days after the last due date, 2027-06-30: 2027-07-20 is its right edge
    c = plan_workspace(tmp_path / "ws", COINCIDING)
    root = parse(roadmap(c, as_of))
    label = f"we are here · {as_of:%d %b %Y}"
    assert label in texts(root)
    assert outside(root) == []
    assert_nothing_covered(root)


@pytest.mark.parametrize(
    ("launch", "last_due"),
    [
        ("2026-07-01", "2027-06-30"),
        ("2026-07-01", "2030-06-30"),
        ("1990-01-01", "2027-06-30"),
        ("2026-06-20", "2026-09-30"),
    ],
)
def test_month_labels_never_overlap_however_long_the_plan(tmp_path: Path, launch: str, last_due: str) -> None:
    due = date.fromisoformat(last_due)
    actions = [("A1", 3, "2026-09-30", "on_track"), ("A2", 6, "2026-12-31", "at_risk")]
    planned = plan_workspace(tmp_path / "ws", actions, launch=launch)
    last = replace(planned.actions[0], id="C1", horizon=12, due=due)
    c = replace(
        planned,
        milestones=tuple(replace(m, due=due) if m.horizon == 12 else m for m in planned.milestones),
        actions=(*planned.actions, last),
    )
    root = parse(roadmap(c, date(2026, 10, 1)))
    assert outside(root) == []
    boxes = [text_box(t) for t in root.iter(f"{SVG}text")]
    assert [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)] == []
    # a label at least every few years: the reader can still date the dots
    years = {t for t in texts(root) if t.isdigit() and len(t) == 4}
    span = (due + timedelta(days=20)).year - date.fromisoformat(launch).year
    assert len(years) >= min(span, 4)


def test_an_overdue_action_reported_on_track_wears_a_red_ring_and_says_overdue(tmp_path: Path) -> None:
    # On 2026-10-15, A4 (due 2026-09-30, on track) and A1 (due 2026-08-31, at risk) are overdue;
    # A5 (done) and C1 (due 2027) are not.
    c = plan_workspace(tmp_path / "ws", COINCIDING)
    root = parse(roadmap(c, AS_OF))
    rings = {
        el.findtext(f"{SVG}title", "").split(" ")[0]: el.get("stroke")
        for el in root.iter(f"{SVG}circle")
        if el.findtext(f"{SVG}title")
    }
    assert rings["A4"] == rings["A1"] == "#d64541"
    assert rings["A5"] == rings["C1"] == "white"
    tips = {m.tip.split(" ")[0]: m.tip for m in marks(root)}
    assert tips["A4"].startswith("A4 (overdue, due 2026-09-30)")  # not "on track"
    assert tips["A1"].startswith("A1 (overdue, at risk, due 2026-08-31)")
    assert "overdue (ring)" in texts(root)
    assert outside(root) == []
