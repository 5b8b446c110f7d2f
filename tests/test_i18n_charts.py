"""Chart text in Chinese: the charts name CJK fonts after the Latin ones, and measure CJK text as full width."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cxgov.report.charts import svg, textsize
from cxgov.report.html import Html

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"]


def families() -> list[str]:
    doc = ET.fromstring(str(svg.document(100, 20, Html(""), "全部行动")))
    return [f.strip().strip("'\"") for f in doc.attrib["font-family"].split(",")]


def test_the_charts_font_stack_names_common_cjk_fonts_after_the_latin_ones() -> None:
    found = families()
    assert found[:2] == ["Helvetica", "Arial"]  # what textsize measures Latin text by, first
    assert all(f in found for f in CJK_FONTS)
    assert found[-1] == "sans-serif"
    assert max(found.index(f) for f in ("Helvetica", "Arial")) < min(found.index(f) for f in CJK_FONTS)


def test_a_chinese_title_survives_in_the_image_and_its_alt_text() -> None:
    doc = ET.fromstring(str(svg.document(100, 20, Html(""), "各里程碑进展")))
    assert doc.find("{http://www.w3.org/2000/svg}title").text == "各里程碑进展"  # type: ignore[union-attr]


def test_cjk_text_is_measured_as_at_least_a_full_em_a_character() -> None:
    assert textsize.width("各里程碑进展", 10) >= 6 * 10
    assert textsize.width("各里程碑进展", 10) > textsize.width("Progress", 10)
