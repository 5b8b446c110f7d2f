"""Charts as small SVG images embedded as data URIs: the roadmap, progress bars, KPI and maturity trends.

Drawn by hand rather than with matplotlib: a review has dozens of small charts
and matplotlib spent seconds importing and drawing them in every notebook,
where these take milliseconds. SVG stays crisp on screen and on paper, and an
SVG inside ``<img>`` can never run a script. Text stays SVG text (selectable,
searchable, escaped by construction); its width is estimated conservatively
from font metrics (`textsize`), which is what keeps every label inside the
image, a check tests/test_charts_browser.py makes against Chromium. Their words are
in the page's language and their months and numbers in its locale (`words`),
and it is the translated text that is measured.
"""

from __future__ import annotations

from cxgov.report.charts.bars import milestone_bars
from cxgov.report.charts.svg import COLOURS, to_uri
from cxgov.report.charts.timeline import roadmap
from cxgov.report.charts.trend import kpi, maturity

__all__ = ["COLOURS", "kpi", "maturity", "milestone_bars", "roadmap", "to_uri"]
