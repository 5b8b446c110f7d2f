"""`cxgov review --pdf`: each page printed to <page>.pdf beside it, the review date and page numbers in the footer.

The footer's text is read back from the PDF with pypdf when it is installed, else with poppler's
`pdftotext`; with neither, the footer Chromium is given is rendered and read instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from browser import chromium, require_chromium
from cli_run import Ran, cxgov
from workspaces import REPO

from cxgov.review.pdf import CHROMIUM_ENV, footer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = REPO / "committees"
MONTH = "2026-11"
AS_OF = date(2026, 11, 30)  # a past month is reviewed as of its last day


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Ran, Path]:
    require_chromium()
    out = tmp_path_factory.mktemp("pdf") / "reports"
    done = cxgov(
        "review",
        "--pdf",
        "--month",
        MONTH,
        "--committee",
        "cx-steering",
        "--workspace",
        str(EXAMPLE),
        "--out",
        str(out),
    )
    return done, out / MONTH


def page_count(pdf: Path) -> int:
    """The number of pages: pypdf's count, else the page objects Chromium writes (/Type /Page)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))
    return len(PdfReader(pdf).pages)


def pdf_text(pdf: Path) -> str | None:
    """The text of a PDF (pypdf, else pdftotext), or None when neither is installed."""
    try:
        from pypdf import PdfReader
    except ImportError:
        pass
    else:
        return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return None


def test_each_page_written_gets_a_pdf_beside_it(reviewed: tuple[Ran, Path]) -> None:
    done, folder = reviewed
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("index", "cx-steering"):
        pdf = folder / f"{name}.pdf"
        assert (folder / f"{name}.html").is_file()
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert page_count(pdf) > 0
        assert str(pdf) in done.stdout


def test_every_sheet_has_the_review_date_and_its_page_number_in_the_footer(reviewed: tuple[Ran, Path]) -> None:
    _, folder = reviewed
    pdf = folder / "cx-steering.pdf"
    pages = page_count(pdf)
    assert pages >= 2, "a committee's review runs over several A4 sheets"
    text = pdf_text(pdf)
    if text is None:  # no PDF reader here: read the footer Chromium was given, rendered in print media
        with chromium() as browser:
            page = browser.new_page()
            page.set_content(str(footer("CX Steering Committee: review November 2026", AS_OF)))
            page.emulate_media(media="print")
            text = page.inner_text("body")
            assert page.locator(".pageNumber").count() == 1 and page.locator(".totalPages").count() == 1
        assert "Review date 2026-11-30 · Page" in text
        return
    assert text.count("Review date 2026-11-30") == pages, text
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text
    assert "CX Steering Committee: review 2026-11" in text  # the page's title, as cxgov review names it


def headings(html: str) -> dict[str, str]:
    """Each h2/h3 of a page by its text, with the text of the lead paragraph that follows it ('' if none)."""
    found = re.findall(r'<h([23])>(.*?)</h\1>(?:<p class="lead">(.*?)</p>)?', html, flags=re.S)
    return {_plain(text): _plain(lead) for _, text, lead in found}


def _plain(html: str) -> str:
    import html as markup

    return " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def stranded(pdf: Path, html: Path) -> list[str]:
    """The sheets that end with a heading (and maybe some of its lead paragraph) but none of its content."""
    heads = headings(html.read_text(encoding="utf-8"))
    found = []
    for number in range(1, page_count(pdf) + 1):
        sheet = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        lines = [line.strip() for line in sheet.splitlines() if line.strip()][:-2]  # less the footer's two lines
        last = max((i for i, line in enumerate(lines) if line in heads), default=None)
        if last is None:
            continue
        after, lead = " ".join(lines[last + 1 :]), heads[lines[last]]
        if (lead.startswith(after) if lead else not after) or not after.removeprefix(lead).strip():
            found.append(f"{pdf.name} sheet {number}: {lines[last]!r}")
    return found


def test_no_sheet_ends_with_a_heading_or_a_heading_and_its_lead_alone(reviewed: tuple[Ran, Path]) -> None:
    if shutil.which("pdftotext") is None:
        reason = "pdftotext (poppler-utils: apt-get install poppler-utils) reads the sheets back"
        if os.environ.get("CI") == "true":  # .ci/run installs it: missing there is a failure, not a skip
            pytest.fail(reason)
        pytest.skip(reason)
    _, folder = reviewed
    found = [s for name in ("cx-steering", "index") for s in stranded(folder / f"{name}.pdf", folder / f"{name}.html")]
    assert found == [], "headings left at the bottom of a sheet: " + "; ".join(found)


def test_the_footer_escapes_the_title() -> None:
    made = str(footer("<script>alert(1)</script> & co", AS_OF))
    assert "<script>" not in made and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in made
    assert 'class="pageNumber"' in made and 'class="totalPages"' in made


def test_without_chromium_one_line_says_so_the_html_is_written_and_the_exit_code_is_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-chromium-here"))
    out = tmp_path / "reports"
    done = cxgov(
        "review",
        "--pdf",
        "--month",
        MONTH,
        "--committee",
        "cx-steering",
        "--workspace",
        str(EXAMPLE),
        "--out",
        str(out),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    said = [line for line in done.stderr.splitlines() if "--pdf" in line]
    assert said == [
        f"cxgov review: --pdf: ${CHROMIUM_ENV}: expected an executable Chromium, found "
        f"'{tmp_path / 'no-chromium-here'}'; the HTML pages are written"
    ]
    assert "Traceback" not in done.stderr
    assert (out / MONTH / "cx-steering.html").is_file() and (out / MONTH / "index.html").is_file()
    assert list((out / MONTH).glob("*.pdf")) == []


def test_without_playwright_it_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from cxgov.errors import CxgovError
    from cxgov.review.pdf import PdfUnavailable, write_pdfs

    monkeypatch.setenv(CHROMIUM_ENV, sys.executable)  # an executable is there: the package is what is missing
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import fails as when it is not installed
    page = tmp_path / "index.html"
    page.write_text("<p>x</p>")
    with pytest.raises(PdfUnavailable, match=r"needs the Python package playwright \(pip install playwright\)$"):
        write_pdfs([page], AS_OF)
    assert issubclass(PdfUnavailable, CxgovError) and not (tmp_path / "index.pdf").exists()


def test_printing_fetches_nothing_from_a_network(tmp_path: Path) -> None:
    import http.server
    import threading

    from cxgov.review.pdf import write_pdfs

    require_chromium()
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = tmp_path / "index.html"
        page.write_text(f'<title>t</title><p>x</p><img src="http://127.0.0.1:{server.server_port}/tracker.png">')
        assert write_pdfs([page], AS_OF) == [tmp_path / "index.pdf"]
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []
    assert (tmp_path / "index.pdf").read_bytes().startswith(b"%PDF-")
