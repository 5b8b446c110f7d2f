"""The review's SVG charts are well-formed XML whatever the workspace holds: text, huge numbers, far dates.

Each chart is decoded from its data URI and parsed with xml.etree; the text a
reader sees is compared with what the workspace says, and every text lies whole
inside the viewBox without covering another (tests/chart_helpers.py measures it).
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
from chart_helpers import SVG, heading, heading_tip, outside, overlap, parse, text_box, texts
from payloads import IMG, SCRIPT, hostile_workspace
from test_export_safety import at_python_ends
from views_helpers import load

from cxgov.report import charts
from cxgov.report.charts.svg import num
from cxgov.views.kpis import series as kpi_series
from cxgov.views.maturity import assessments as maturity_assessments
from cxgov.views.roadmap import milestone_progress
from cxgov.workspace.load import load_workspace
from cxgov.workspace.model import Kpi, Workspace

FIXTURES = Path(__file__).parent / "fixtures"
FAR = FIXTURES / "export-far-dates"
# attributes holding a coordinate or a length; each must be a finite number
NUMERIC = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height")


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
    assert heading(root) == f"{shown} (%\ufffd)"
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


def ticks(root: ET.Element) -> list[str]:
    """A KPI chart's tick labels, bottom to top (the only texts anchored at their end)."""
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def test_count_charts_show_plain_numbers():
    values = [125_000, 131_500, 128_250]
    root = parse(charts.kpi(a_kpi(target=120_000), series(values)))
    shown = ticks(root)
    assert all(re.fullmatch(r"\d+", t) for t in shown), shown
    assert int(shown[0]) <= 120_000 and int(shown[-1]) >= max(values)  # the axis covers target and values
    assert f"target {120_000}" in texts(root)
    assert not any("e+" in t for t in texts(root))


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
    assert num(value) == shown


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
    shown = ticks(root)
    assert (shown[0], shown[-1]) == ("-1000000000000000", "1000000000000000")
    assert all(re.fullmatch(r"-?\d+", t) for t in shown), shown
    assert "target 1000000000000000" in texts(root)


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


# --- Every chart a review draws, from whole workspaces: the rules any SVG we embed keeps ---

EXAMPLE = Path(__file__).parents[1] / "committees"
# A name with everything XML gives a meaning to: it must come back as the same text.
MARKUP = 'A <b>&amp; "Q" \'x\' </svg><image href="http://x.test/a.png"/> & co'
# Elements that could fetch, link to or run something outside the image.
OUTSIDE = ("image", "use", "a", "script", "foreignObject", "iframe", "style", "feImage")


def all_charts(ws: Workspace, as_of: date) -> list[tuple[str, str]]:
    """(what, data URI) of every chart the committee reviews of ws draw as of a date."""
    out = []
    for c in ws.committees:
        out.append((f"{c.id} roadmap", charts.roadmap(c, as_of)))
        out.append((f"{c.id} milestones", charts.milestone_bars(milestone_progress(c, as_of))))
        long = kpi_series(c, as_of)
        out += [(f"{c.id} kpi {k.id}", charts.kpi(k, long[long["kpi"] == k.id])) for k in c.kpis]
        out.append((f"{c.id} maturity", charts.maturity(maturity_assessments(c, as_of))))
    return out


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    """The chart's viewBox, which must be four finite numbers matching its width and height."""
    assert "viewBox" in root.attrib, "no viewBox: the image cannot scale"
    box = tuple(float(n) for n in re.split(r"[ ,]+", root.attrib["viewBox"].strip()))
    assert len(box) == 4 and all(math.isfinite(n) for n in box), root.attrib["viewBox"]
    x, y, w, h = box
    assert (x, y) == (0, 0) and w > 0 and h > 0, box
    assert (float(root.attrib["width"]), float(root.attrib["height"])) == (w, h)
    return box


def check_chart(what: str, uri: str) -> ET.Element:
    """Parse a chart and check the rules every chart keeps; return its <svg> element."""
    root = parse(uri)  # well-formed, an <svg> in the SVG namespace
    view_box(root)
    title = root.find(f"{SVG}title")
    assert title is not None and (title.text or "").strip(), f"{what}: no title"
    assert_finite_geometry(root)
    for el in root.iter():
        assert el.tag.startswith(SVG), f"{what}: {el.tag} is outside the SVG namespace"
        assert el.tag[len(SVG) :] not in OUTSIDE, f"{what}: <{el.tag[len(SVG) :]}> can reach outside the image"
        for name, value in el.attrib.items():
            assert not name.endswith("href"), f"{what}: {el.tag} links to {value}"
            assert "http" not in value.lower() and "url(" not in value.lower(), f"{what}: {name}={value!r}"
        if "font-size" in el.attrib:
            assert math.isfinite(float(el.attrib["font-size"])) and float(el.attrib["font-size"]) > 0
        if "d" in el.attrib:
            numbers = re.findall(r"-?[\d.]+(?:e[-+]?\d+)?", el.attrib["d"])
            assert numbers and all(math.isfinite(float(n)) for n in numbers), el.attrib["d"]
    boxes = []
    for text in root.iter(f"{SVG}text"):
        shown = "".join(text.itertext()).strip()
        assert shown, f"{what}: an empty <text> {text.attrib}"
        boxes.append((shown, text_box(text, float(root.get("font-size", 11)))))
    # every text lies wholly on the image, and no text covers another
    assert outside(root) == [], f"{what}: text runs off the image"
    covered = [(a, b) for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1 :] if overlap(box, other)]
    assert covered == [], f"{what}: texts cover each other"
    return root


def markup_workspace(dest: Path) -> Path:
    """committees/ with MARKUP in a committee's name, a KPI's name and unit, and an action's id-free texts."""
    shutil.copytree(EXAMPLE, dest)
    c = dest / "cx-steering"
    quoted = MARKUP.replace("\\", "\\\\").replace('"', '\\"')
    for path, key in ((c / "committee.yaml", "name"), (c / "kpis.yaml", "name")):
        lines = path.read_text(encoding="utf-8").splitlines()
        i = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{key}: "))
        head = lines[i][: lines[i].index(f"{key}: ")]
        lines[i] = f'{head}{key}: "{quoted}"'
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


WORKSPACES = {
    "example": (lambda tmp: EXAMPLE, date(2026, 11, 30)),
    "example-today": (lambda tmp: EXAMPLE, date(2026, 3, 31)),
    "export-hostile": (lambda tmp: FIXTURES / "export-hostile", date(2026, 6, 30)),
    "export-far-dates-past": (lambda tmp: FAR, date(1900, 1, 31)),
    "export-far-dates-future": (lambda tmp: FAR, date(2199, 12, 31)),
    "views-programme": (lambda tmp: FIXTURES / "views" / "programme", date(2026, 8, 31)),
    "views-health": (lambda tmp: FIXTURES / "views" / "health", date(2026, 5, 31)),
    "payloads": (lambda tmp: hostile_workspace(tmp / "ws"), date(2026, 11, 30)),
    "markup": (lambda tmp: markup_workspace(tmp / "ws"), date(2026, 11, 30)),
}


@pytest.mark.parametrize("name", list(WORKSPACES))
def test_every_chart_of_a_workspace_is_a_self_contained_well_formed_svg(name: str, tmp_path: Path) -> None:
    make, as_of = WORKSPACES[name]
    ws = load(make(tmp_path))
    made = all_charts(ws, as_of)
    assert len(made) >= 3 * len(ws.committees) > 0  # roadmap, milestones, maturity and one per KPI
    for what, uri in made:
        check_chart(f"{name}: {what}", uri)


def test_the_example_charts_show_every_kpi_and_committee_by_name() -> None:
    ws = load(EXAMPLE)
    made = dict(all_charts(ws, date(2026, 11, 30)))
    for c in ws.committees:
        assert parse(made[f"{c.id} roadmap"]).find(f"{SVG}title").text == f"Roadmap of {c.name}"
        for k in c.kpis:
            root = parse(made[f"{c.id} kpi {k.id}"])
            assert heading(root) == f"{k.name} ({k.unit})"  # wrapped if need be, never shortened
            assert len(list(root.iter(f"{SVG}polyline"))) <= 1


def test_markup_in_names_comes_back_as_the_same_text(tmp_path: Path) -> None:
    ws = load(markup_workspace(tmp_path / "ws"))
    c = ws.committee["cx-steering"]
    assert c.name == MARKUP and c.kpis[0].name == MARKUP
    made = dict(all_charts(ws, date(2026, 11, 30)))
    roadmap = parse(made["cx-steering roadmap"])
    assert roadmap.find(f"{SVG}title").text == f"Roadmap of {MARKUP}"
    chart = parse(made[f"cx-steering kpi {c.kpis[0].id}"])
    assert chart.find(f"{SVG}title").text == f"{MARKUP} against its target"
    # the whole name on the image (wrapped), or in the tooltip of its shortened heading
    assert (heading_tip(chart) or heading(chart)) == f"{MARKUP} ({c.kpis[0].unit})"
    raw = base64.b64decode(made[f"cx-steering kpi {c.kpis[0].id}"].split(",", 1)[1]).decode("utf-8")
    assert "<b>" not in raw and "<image" not in raw and "&amp;amp;" in raw
    assert not list(chart.iter(f"{SVG}image")) and not list(chart.iter(f"{SVG}b"))


def test_script_payloads_stay_text_in_every_chart(tmp_path: Path) -> None:
    ws = load(hostile_workspace(tmp_path / "ws"))
    made = all_charts(ws, date(2026, 11, 30))
    shown = []
    for what, uri in made:
        root = check_chart(what, uri)
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}img"))
        shown += texts(root) + ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]
    assert any(SCRIPT in t and IMG in t for t in shown)  # the payload is there, as text


def test_the_checks_catch_what_they_are_for() -> None:
    """check_chart itself fails on an external link, an empty text, a NaN and a missing viewBox."""
    good = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30" viewBox="0 0 60 30"><title>t</title>{}</svg>'
    check_chart(
        "good", charts.to_uri(good.format('<text x="1" y="12">a</text><text x="59" y="26" text-anchor="end">b</text>'))
    )
    bad = [
        good.format('<image href="http://x.test/a.png" x="0" y="0"/>'),
        good.format('<text x="1" y="12"> </text>'),
        good.format('<circle cx="nan" cy="1" r="1"/>'),
        good.format('<text x="61" y="12">past the edge</text>'),
        good.format('<text x="5" y="12">anchored inside, running past the edge</text>'),
        good.format('<text x="30" y="12" text-anchor="middle">centred, too wide for the image</text>'),
        good.format('<text x="5" y="5">cut at the top</text>'),
        good.format('<text x="5" y="29.5">cut at the bottom</text>'),
        good.format('<text x="1" y="12">ab</text><text x="8" y="14">cd</text>'),  # one covers the other
        good.replace(' viewBox="0 0 60 30"', "").format(""),
        good.format("<b>"),  # not well-formed
    ]
    for svg in bad:
        with pytest.raises((AssertionError, ET.ParseError)):
            check_chart("bad", charts.to_uri(svg))
