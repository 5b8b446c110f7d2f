"""KPI and maturity charts: long names wrapped or shortened (whole in the tooltip), labels whole
and apart, counts on whole-number ticks, the target's label where no data can cover it."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from chart_helpers import SVG, heading, heading_tip, outside, overlap, parse, text_box, texts
from views_helpers import load
from workspaces import build_workspace

from cxgov.report.charts import kpi, maturity
from cxgov.report.measures import kpi_section
from cxgov.views.kpis import series as kpi_series
from cxgov.workspace.model import Kpi

LONG = (
    "Share of first-contact resolutions across phone, chat, e-mail and social channels, "
    "weighted by contact volume and adjusted for repeat contacts within seven days"
)


def a_kpi(name: str = "Calls", unit: str = "calls", target: float | None = None, direction: str = "down") -> Kpi:
    return Kpi("calls", name, "operational", unit, direction, target, "ana")


def series(values: list[float], start: int = 2026) -> pd.DataFrame:
    periods = [f"{start + i // 12}-{i % 12 + 1:02d}" for i in range(len(values))]
    return pd.DataFrame({"period": periods, "value": values})


def tick_labels(root: ET.Element) -> list[tuple[float, str]]:
    """(baseline y, label) of the y axis, bottom to top: the texts anchored at their end."""
    return [(float(t.attrib["y"]), t.text or "") for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def assert_labels_whole_and_apart(root: ET.Element) -> None:
    assert outside(root) == []
    boxes = [("".join(t.itertext()), text_box(t)) for t in root.iter(f"{SVG}text")]
    assert [(a, b) for (a, x), (b, y) in itertools.combinations(boxes, 2) if overlap(x, y)] == []


def test_a_long_kpi_name_wraps_then_is_shortened_with_the_whole_in_the_tooltip():
    root = parse(kpi(a_kpi(LONG, unit="%"), series([70, 72, 75])))
    lines = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert len(lines) == 2  # wrapped onto a second line, then cut
    assert heading(root).endswith("…")
    assert LONG.startswith(heading(root)[:-1].rstrip())
    assert heading_tip(root) == f"{LONG} (%)"  # the whole name, as a tooltip of the heading
    assert root.find(f"{SVG}title").text == f"{LONG} against its target"
    assert_labels_whole_and_apart(root)


def test_a_name_that_fits_on_two_lines_is_whole_and_has_no_extra_tooltip():
    name = "First reply time across every channel (median)"
    root = parse(kpi(a_kpi(name, unit="hours"), series([3, 2])))
    assert heading(root) == f"{name} (hours)"
    assert heading_tip(root) is None
    assert_labels_whole_and_apart(root)


def test_a_name_with_no_spaces_is_broken_and_still_fits():
    name = "X" * 200
    root = parse(kpi(a_kpi(name, unit="u"), series([1, 2])))
    assert heading_tip(root) == f"{name} (u)"
    assert_labels_whole_and_apart(root)


def test_the_review_gives_the_whole_name_as_the_images_alt_text_and_tooltip(tmp_path: Path):
    ws_path = build_workspace(tmp_path / "ws")
    kpis = ws_path / "cx" / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("First reply time (median)", LONG), encoding="utf-8")
    ws = load(ws_path)
    html = str(kpi_section(ws, ws.committee["cx"], date(2026, 9, 30)))
    assert f'alt="{LONG} over time against its target"' in html
    assert f'title="{LONG} (hours)"' in html  # an SVG's own <title> shows no tooltip inside <img>


@pytest.mark.parametrize(
    "values",
    [[9100, 9230, 9180], [9100, 9101], [3, 4, 3], [0, 1], [7, 7, 7], [125_000, 131_500, 128_250], [0, 2_000_000]],
)
def test_count_axes_have_plain_whole_number_ticks_that_tell_the_truth(values):
    root = parse(kpi(a_kpi(target=values[0] - 100 if values[0] > 1000 else None), series(values)))
    marks = tick_labels(root)
    assert len(marks) >= 2
    assert all(re.fullmatch(r"-?\d+", label) for _, label in marks), marks  # no 9.1e+03, no 3.5
    # each label is the value at its line: equal steps of value take equal steps on the axis
    (y0, v0), (y1, v1) = ((y, int(v)) for y, v in marks[:2])
    for y, v in marks:
        assert abs((int(v) - v0) / (v1 - v0) * (y1 - y0) + y0 - y) < 0.2, marks
    assert int(marks[0][1]) <= min(values) and int(marks[-1][1]) >= max(values)  # the data lie on the axis


@pytest.mark.parametrize("values", [[0.25, 0.5, 0.3], [12.5, 13.1], [84.0, 84.2, 84.1], [-3.5, -3.2]])
def test_fractional_values_get_as_many_decimals_as_their_ticks_need(values):
    marks = [label for _, label in tick_labels(parse(kpi(a_kpi(), series(values))))]
    assert len(set(marks)) == len(marks)  # no two ticks read the same
    assert len({len(m.partition(".")[2]) for m in marks}) == 1  # written alike
    assert not any("e" in m for m in marks)


@pytest.mark.parametrize("months", [1, 2, 6, 13, 24, 60])
def test_period_labels_stay_on_the_image_and_apart(months):
    root = parse(kpi(a_kpi(target=5), series([5 + (i % 3) for i in range(months)])))
    periods = [t for t in texts(root) if re.fullmatch(r"\d{4}-\d{2}", t)]
    assert periods[-1] == series([0] * months)["period"].iloc[-1]  # the latest period is always named
    assert_labels_whole_and_apart(root)


@pytest.mark.parametrize("values", [[1, 2, 3, 5], [5, 3, 2, 1], [5, 5, 5], [1e15, -1e15], [4.9, 5.1]])
def test_the_target_label_is_never_covered_by_the_data(values):
    root = parse(kpi(a_kpi(target=5), series(values)))
    label = next(t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("target "))
    box = text_box(label)
    data = [el for el in root.iter() if el.tag in (f"{SVG}circle", f"{SVG}polyline")]
    data += [el for el in root.iter(f"{SVG}line") if el.get("stroke-dasharray") == "5,3"]  # the target line
    for el in data:
        if el.tag == f"{SVG}circle":
            cx, cy, r = (float(el.attrib[k]) for k in ("cx", "cy", "r"))
            assert not overlap(box, (cx - r, cy - r, cx + r, cy + r))
        elif el.tag == f"{SVG}polyline":
            ys = [float(p.split(",")[1]) for p in el.attrib["points"].split()]
            assert box[3] < min(ys) - 1  # the whole line lies below the label
        else:
            assert box[3] < float(el.attrib["y1"])
    assert_labels_whole_and_apart(root)


def test_maturity_dates_are_thinned_to_stay_apart():
    days = pd.date_range("2024-01-01", periods=30, freq="MS")
    frame = pd.DataFrame({"date": [d.date() for d in days], "score": [i % 8 for i in range(30)]})
    root = parse(maturity(frame))
    assert_labels_whole_and_apart(root)
    assert texts(root)[-1] == "2026-06"  # the latest assessment is named


def test_the_example_kpis_chart_whole(tmp_path: Path):
    ws = load(Path(__file__).parents[1] / "committees")
    for c in ws.committees:
        long = kpi_series(c, date(2026, 11, 30))
        for k in c.kpis:
            assert_labels_whole_and_apart(parse(kpi(k, long[long["kpi"] == k.id])))
