"""The review's SVG charts are well-formed XML whatever the workspace holds: text, huge numbers, far dates.

Each chart is decoded from its data URI and parsed with xml.etree; the text a
reader sees is compared with what the workspace says.
"""

from __future__ import annotations

import base64
import math
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from test_export_safety import at_python_ends
from views_helpers import load

from cxgov.report import charts
from cxgov.views.kpis import series as kpi_series
from cxgov.views.roadmap import milestone_progress
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Kpi

FIXTURES = Path(__file__).parent / "fixtures"
FAR = FIXTURES / "export-far-dates"
SVG = "{http://www.w3.org/2000/svg}"
# attributes holding a coordinate or a length; each must be a finite number
NUMERIC = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height")


def parse(uri: str) -> ET.Element:
    """The <svg> element of a chart's data URI (fails on malformed XML)."""
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    root = ET.fromstring(base64.b64decode(uri[len(prefix) :]).decode("utf-8"))
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    """The text of every <text> element, in order."""
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def assert_finite_geometry(root: ET.Element) -> None:
    """Every coordinate, length and polyline point is a finite number."""
    for el in root.iter():
        for name in NUMERIC:
            if name in el.attrib:
                assert math.isfinite(float(el.attrib[name])), (el.tag, name, el.attrib[name])
        if "points" in el.attrib:
            for number in re.split(r"[ ,]+", el.attrib["points"].strip()):
                assert math.isfinite(float(number)), el.attrib["points"]


def series(values: list[object]) -> pd.DataFrame:
    """A KPI's monthly values from 2026-01 on."""
    return pd.DataFrame({"period": [f"2026-{m:02d}" for m in range(1, len(values) + 1)], "value": values})


def a_kpi(name: str = "Calls", unit: str = "calls", target: float | None = None, direction: str = "down") -> Kpi:
    """A KPI as the loader makes them."""
    return Kpi("calls", name, "operational", unit, direction, target, "ana")


def test_text_xml_cannot_hold_is_replaced_and_markup_is_escaped():
    name = "=Repeat\x01\x0b\x1b rate <b>重复</b> & «Повтор»"
    root = parse(charts.kpi(a_kpi(name, unit="%\x1f", target=5), series([7, 6])))
    shown = name.replace("\x01", "\ufffd").replace("\x0b", "\ufffd").replace("\x1b", "\ufffd")
    assert root.find(f"{SVG}title").text == f"{shown} against its target"
    assert texts(root)[0] == f"{shown} (%\ufffd)"
    assert_finite_geometry(root)


def test_a_period_or_status_with_control_characters_still_parses():
    root = parse(charts.kpi(a_kpi(), pd.DataFrame({"period": ["2026-01\x00", "2026-02\ud800"], "value": [1, 2]})))
    assert texts(root)[-2:] == ["2026-01\ufffd", "2026-02\ufffd"]


@pytest.mark.parametrize(
    ("values", "drawn"),
    [
        ([1e308, -1e308, 1.7e308], 3),
        ([-1.7976931348623157e308, 1.7976931348623157e308], 2),
        ([5.0, math.inf, 6.0, -math.inf, math.nan], 2),  # no place on an axis for inf or NaN
        ([10**400, 3, 4], 2),  # an integer too large for a float
        ([1e-300, 2e-300], 2),
    ],
)
def test_huge_or_infinite_values_give_finite_coordinates(values, drawn):
    root = parse(charts.kpi(a_kpi(target=1e308), series(values)))
    assert_finite_geometry(root)
    # one dot per value a float holds, and a ring on the last of them
    assert len(list(root.iter(f"{SVG}circle"))) == drawn + 1


def test_a_target_too_large_for_a_float_is_left_out():
    root = parse(charts.kpi(a_kpi(target=10**400), series([1, 2])))  # type: ignore[arg-type]
    assert_finite_geometry(root)
    assert not any(t.startswith("target") for t in texts(root))


def test_count_charts_show_plain_numbers():
    values = [125_000, 131_500, 128_250]
    root = parse(charts.kpi(a_kpi(target=120_000), series(values)))
    shown = texts(root)
    lo, hi = min([*values, 120_000]), max([*values, 120_000])
    assert shown[2:5] == [str(lo), str((lo + hi) // 2), str(hi)]  # the axis: low, middle, high
    assert f"target {120_000}" in shown
    assert not any("e+" in t for t in shown)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (3.0, "3"),
        (12.5, "12.5"),
        (0.25, "0.25"),
        (-3.5, "-3.5"),
        (1234.5, "1234"),
        (-1e15, "-1000000000000000"),
        (2e15, "2e+15"),
    ],
)
def test_numbers_are_written_as_people_write_them(value, shown):
    assert charts._num(value) == shown


def test_the_largest_kpi_values_the_loader_takes_are_drawn_plainly(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURES / "export-hostile", ws)
    kpis = ws / "ops" / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("baseline: -30, target: -3.5", "target: 1e15"))
    (ws / "ops" / "measurements.csv").write_text(
        "kpi,period,value,note\nrepeat,2026-05,-1e15,\nrepeat,2026-06,999999999999999,\n"
    )
    committee = load(ws).committee["ops"]
    root = parse(charts.kpi(committee.kpi["repeat"], kpi_series(committee, date(2026, 6, 30))))
    assert_finite_geometry(root)
    shown = texts(root)
    assert shown[2:5] == ["-1000000000000000", "0", "1000000000000000"]
    assert "target 1000000000000000" in shown


def test_milestone_bars_count_in_whole_numbers():
    ws = load(FAR)
    root = parse(charts.milestone_bars(milestone_progress(ws.committee["last"], date(2199, 12, 31))))
    assert_finite_geometry(root)
    # L2 (6 months) is open and was due 2199-12-30; L1 (12 months) is due today
    assert [t for t in texts(root) if "done" in t] == ["0/0 done", "0/1 done, 1 overdue", "0/1 done"]


@pytest.mark.parametrize(
    "as_of", [date(1, 1, 1), date(1900, 1, 1), date(2026, 6, 30), date(2199, 12, 31), date(9999, 12, 31)]
)
@pytest.mark.parametrize("cid", ["first", "last"])
@pytest.mark.parametrize("python_ends", [False, True], ids=["supported-range", "python-ends"])
def test_roadmaps_at_the_ends_of_the_calendar_are_drawn(cid, as_of, python_ends):
    # Python's ends (year 1, 9999-12-31) are beyond what the loader lets in: the chart copes all the same
    ws = at_python_ends(load(FAR)) if python_ends else load(FAR)
    root = parse(charts.roadmap(ws.committee[cid], as_of))
    assert_finite_geometry(root)
    assert root.find(f"{SVG}title").text == f"Roadmap of The {cid} committee"
    assert f"we are here · {as_of:%d %b %Y}" in texts(root)
    # one dot per action
    assert len([c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]) == 2


def test_a_committee_name_with_control_characters_gives_a_well_formed_roadmap(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FAR, ws)
    path = ws / "last" / "committee.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: The last committee", 'name: "=Last\\x01\\x1b <i>委员会</i>"'),
        encoding="utf-8",
    )
    loaded = load_workspace(ws)
    if loaded.failed:
        pytest.skip("the loader refuses control characters in a name; nothing for the chart to cope with")
    committee = loaded.committee["last"]
    assert "\x01" in committee.name
    root = parse(charts.roadmap(committee, date(2199, 12, 31)))
    assert root.find(f"{SVG}title").text == "Roadmap of =Last\ufffd\ufffd <i>委员会</i>"
