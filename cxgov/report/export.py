"""Turn an executed review notebook into a self-contained HTML page without code."""

from __future__ import annotations

from typing import Any

from cxgov.report.html import page


def to_html(nb: Any, title: str, nav: str = "") -> str:
    """Render outputs only (nbconvert's 'basic' template, inputs and prompts excluded) inside our page.

    The 'lab' and 'classic' templates pull MathJax and require.js from a CDN;
    'basic' emits only the cells, so the page stays offline and printable.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        exclude_raw=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return page(title, body, nav)
