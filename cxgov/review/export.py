"""Turn an executed review notebook into a self-contained HTML page without code.

The page is assembled from the cells' outputs only: HTML outputs (made by
``cxgov.report``, which escapes all user text) are kept as they are, images
are embedded, and any plain text, stream or error output is escaped into a
``<pre>``. nbconvert's full templates would pull MathJax and require.js from a
CDN, and its 'basic' template took a fifth of a second per page here for the
same result; inputs and prompts never appear.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from cxgov.report.html import page

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def outputs_html(nb: Any) -> str:
    """The outputs of every code cell, in order, as HTML."""
    parts: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            parts.append(_output(out))
    return "\n".join(p for p in parts if p)


def _output(out: Any) -> str:
    kind = out.get("output_type")
    if kind in ("display_data", "execute_result"):
        data = out.get("data", {})
        if "text/html" in data:
            return _text(data["text/html"])
        for mime in ("image/svg+xml", "image/png", "image/jpeg"):
            if mime in data:
                payload = _text(data[mime])
                if mime == "image/svg+xml":
                    import base64

                    payload = base64.b64encode(payload.encode("utf-8")).decode("ascii")
                return f'<img class="chart" alt="chart" src="data:{mime};base64,{payload.strip()}">'
        if "text/plain" in data:
            return f"<pre>{escape(_text(data['text/plain']))}</pre>"
        return ""
    if kind == "stream":
        return f'<pre class="stream">{escape(_text(out.get("text", "")))}</pre>'
    if kind == "error":
        trace = _ANSI.sub("", "\n".join(out.get("traceback", [])))
        return f'<div class="problems"><pre>{escape(trace)}</pre></div>'
    return ""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def to_html(nb: Any, title: str, nav: str = "") -> str:
    """A complete offline page of the notebook's outputs."""
    return page(title, outputs_html(nb), nav)
