"""Print review pages to PDF for the board pack: Debian's Chromium through Playwright.

Chromium prints the page with its print stylesheet (`cxgov.report.html.CSS`: headings kept with what
follows, charts scaled to the page width) and puts the footer on every sheet: the page's title, the
review date and "Page N of M". CSS cannot do that footer: Chromium does not render the content of
``@page`` margin boxes, so it is Chromium's own footer template (``Page.printToPDF``'s
displayHeaderFooter), filled in by Chromium with the page numbers.

Playwright drives the Chromium installed by the system (``/usr/bin/chromium`` on Debian, or
``$CXGOV_CHROMIUM``); it never downloads a browser. Without either, `PdfUnavailable` says what to
install and nothing is written. Chromium fetches nothing from a network while printing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cxgov.errors import CxgovError
from cxgov.report.html import Html
from cxgov.workspace.atomic import replace_files

CHROMIUM_ENV = "CXGOV_CHROMIUM"  # the Chromium (or Chrome) executable, if not Debian's
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Root in a container has no user namespace for Chromium's sandbox; the page printed is our own file.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
MARGIN = {"top": "15mm", "right": "15mm", "bottom": "18mm", "left": "15mm"}  # the footer sits in the bottom one
TIMEOUT_MS = 60_000

_FOOTER = Html(
    "<div style=\"box-sizing:border-box;width:100%;padding:0 15mm;font:8px -apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
    'color:#3e4c59;display:flex;justify-content:space-between;gap:4mm">'
    '<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">{}</span>'
    '<span style="white-space:nowrap">Review date {} · Page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></span></div>'
)


class PdfUnavailable(CxgovError):
    """PDFs cannot be printed on this machine: no Chromium, or no Playwright to drive it."""


def chromium() -> str:
    """The Chromium to print with: $CXGOV_CHROMIUM, else Debian's; PdfUnavailable when there is none."""
    given = os.environ.get(CHROMIUM_ENV, "")
    if given:
        if os.access(given, os.X_OK) and os.path.isfile(given):
            return given
        raise PdfUnavailable(f"${CHROMIUM_ENV}: expected an executable Chromium, found {given!r}")
    found = next((p for p in CANDIDATES if os.access(p, os.X_OK)), None) or shutil.which("chromium")
    if found is None:
        raise PdfUnavailable(
            "no Chromium to print with: install Debian's (apt-get install chromium) or set $CXGOV_CHROMIUM"
        )
    return found


def footer(title: str, as_of: date) -> Html:
    """The footer Chromium prints on every sheet: the page's title, the review date, page N of M."""
    return _FOOTER.format(title, as_of)


def pdf_path(html: Path) -> Path:
    """Where a page's PDF goes: beside it, <page>.pdf."""
    return html.with_suffix(".pdf")


def write_pdfs(pages: Sequence[Path], as_of: date) -> list[Path]:
    """Print each HTML page to <page>.pdf beside it; the PDFs written, in order.

    PdfUnavailable (before anything is written) when Chromium or Playwright is missing or Chromium does not
    start; CxgovError naming the page when one cannot be printed (the PDFs before it are kept).
    """
    executable = chromium()
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PdfUnavailable("printing needs the Python package playwright (pip install playwright)") from None
    written: list[Path] = []
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=executable, args=ARGS)
        except Error as exc:
            raise PdfUnavailable(f"Chromium {executable} did not start: {_first_line(exc)}") from None
        try:
            for html in pages:
                try:
                    data = _print(browser, html, as_of)
                except Error as exc:
                    raise CxgovError(f"{html}: could not be printed to PDF: {_first_line(exc)}") from None
                target = pdf_path(html)
                replace_files({target: data})
                written.append(target)
        finally:
            browser.close()
    return written


def _print(browser: Any, html: Path, as_of: date) -> bytes:
    """One page as PDF bytes (A4, backgrounds kept: badges are coloured)."""
    page = browser.new_page()
    try:
        # The page is self-contained: nothing from a network, whatever its text held.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(html.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
        data: bytes = page.pdf(
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",  # none: Chromium's default shows the date printed and the title
            footer_template=str(footer(page.title(), as_of)),
            margin=MARGIN,
        )
        return data
    finally:
        page.close()


def _first_line(exc: BaseException) -> str:
    """A Playwright error's first line (the rest is its call log)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
