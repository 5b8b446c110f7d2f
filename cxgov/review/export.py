"""Turn an executed review notebook into a self-contained HTML page without code.

The page is assembled from the cells' outputs only: HTML outputs (made by
``cxgov.report``, which escapes all user text) are kept as they are (the one
place a string from outside becomes `Html` unescaped: the notebook we ran), images
are embedded, and any plain text, stream or error output is escaped into a
``<pre>``. nbconvert's full templates would pull MathJax and require.js from a
CDN, and its 'basic' template took a fifth of a second per page here for the
same result; inputs and prompts never appear.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from cxgov.report.html import Html, page

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def outputs_html(nb: Any) -> Html:
    """The outputs of every code cell, in order, as HTML."""
    parts: list[Html] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            parts.append(_output(out))
    return Html("\n").join(p for p in parts if p)


def _output(out: Any) -> Html:
    kind = out.get("output_type")
    if kind in ("display_data", "execute_result"):
        data = out.get("data", {})
        if "text/html" in data:
            return Html(_text(data["text/html"]))  # the review notebook's own output, built with cxgov.report
        for mime in ("image/svg+xml", "image/png", "image/jpeg"):
            if mime in data:
                payload = _text(data[mime])
                if mime == "image/svg+xml":
                    import base64

                    payload = base64.b64encode(payload.encode("utf-8")).decode("ascii")
                return Html('<img class="chart" alt="chart" src="data:{};base64,{}">').format(mime, payload.strip())
        if "text/plain" in data:
            return Html("<pre>{}</pre>").format(_text(data["text/plain"]))
        return Html()
    if kind == "stream":
        return Html('<pre class="stream">{}</pre>').format(_text(out.get("text", "")))
    if kind == "error":
        trace = _ANSI.sub("", "\n".join(out.get("traceback", [])))
        return Html('<div class="problems"><pre>{}</pre></div>').format(trace)
    return Html()


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def to_html(nb: Any, title: str, nav: str | Markup = "") -> str:
    """A complete offline page of the notebook's outputs; nav is markup (a plain str is escaped)."""
    return str(page(title, outputs_html(nb), nav))
