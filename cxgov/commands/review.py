"""`cxgov review`: produce the monthly governance review as HTML pages."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cxgov import dates
from cxgov.commands import whole_number, workspace_argument
from cxgov.dates import month_end, review_date, today
from cxgov.errors import CxgovError

SUMMARY = "Produce the monthly governance review (HTML per committee plus the organisation)."
EXAMPLE = (
    "cxgov review --month 2026-11 --workspace committees --out reports\n"
    "cxgov review --month 2026-08 --committee cx-steering voc-council\n"
    "cxgov review --pdf    # last month, with a PDF of each page for the board pack\n"
    "cxgov review --locale pl_PL --lang pl    # numbers as 1 234,5 and the pages in Polish"
)
# More workers than this only queue for the same cores; a day-long cell is a hang.
MAX_JOBS = 64
MAX_TIMEOUT = 86_400


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    p.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="the month to review, as of its last day; the month in progress as of today "
        "(default: the last complete month)",
    )
    p.add_argument("--committee", nargs="+", metavar="ID", help="only these committees (default: all)")
    workspace_argument(p, positional=False)
    p.add_argument("--out", default="reports", help="output folder; pages go to OUT/YYYY-MM/ (default: reports)")
    p.add_argument(
        "--jobs",
        type=whole_number("notebooks", 1, MAX_JOBS),
        default=None,
        metavar="N",
        help="parallel notebooks (default: one per core)",
    )
    p.add_argument(
        "--timeout",
        type=whole_number("seconds", 0, MAX_TIMEOUT, below="expected a number of seconds, 0 or more; found {found}"),
        default=600,
        metavar="SECONDS",
        help="stop a committee's review when one of its cells runs longer than this; 0: never (default: 600)",
    )
    p.add_argument(
        "--pdf",
        action="store_true",
        help="also print each page to <page>.pdf beside it, with page numbers and the review date in the footer "
        "(needs Chromium: apt-get install chromium)",
    )
    p.add_argument(
        "--locale",
        default="",
        metavar="LOCALE",
        help="write numbers, money and dates as this locale does, e.g. pl_PL, uk, lt, zh_Hans "
        "(default: org.yaml's locale, else the language's, else en)",
    )
    p.add_argument(
        "--lang",
        default="",
        metavar="LANG",
        help="the pages' words in en, pl, uk, lt, zh_Hans or zh_Hant (default: en); your data is never translated",
    )


def run(args: argparse.Namespace) -> int:
    """The command line's arguments to review()."""
    return review(
        args.workspace,
        month=args.month,
        committee=args.committee,
        out=args.out,
        jobs=args.jobs,
        timeout=args.timeout,
        pdf=args.pdf,
        locale=args.locale,
        lang=args.lang,
    )


def review(
    workspace: str,
    *,
    month: str | None = None,
    committee: Sequence[str] | None = None,
    out: str = "reports",
    jobs: int | None = None,
    timeout: int = 600,
    pdf: bool = False,
    locale: str = "",
    lang: str = "",
) -> int:
    """Review a month (YYYY-MM, None: the last complete month): every committee, or those given, and the organisation.

    Pages go to out/YYYY-MM/; jobs notebooks run in parallel (None: one per core); a cell running longer than
    timeout seconds (0: never) fails its review. With pdf, each page written is also printed to <page>.pdf.
    locale (numbers, money, dates; empty: org.yaml's, else en) and lang (words; empty: English) are checked first.
    Exit 1 if any review failed or the PDFs could not be printed (the HTML pages are written all the same).
    """
    from tqdm import tqdm

    from cxgov.review.run import OutError, Workers, check_arguments, check_out, plan_jobs

    month = month if month is not None else last_complete_month()
    month_end(month)  # validates the month
    locale, lang = _checked(locale, lang)
    # Before any worker starts: stopping workers that are booting kernels takes seconds.
    check_arguments(workspace, committee)
    check_out(workspace, out, month)
    cores = jobs or os.cpu_count() or 1
    count = min(cores, len(committee) + 1) if committee else cores
    with (
        tempfile.TemporaryDirectory(prefix="cxgov-review-") as private,
        Workers(count, private) as workers,  # they start while the run is planned
    ):
        try:
            planned = plan_jobs(workspace, month, out, committee, private, timeout, locale, lang)
        except OutError as exc:  # the file system refused: not a usage error
            print(f"cxgov review: {exc}", file=sys.stderr)
            return 1
        print(f"Reviewing {len(planned) - 1} committee(s) and the organisation for {month}", file=sys.stderr)
        with tqdm(total=len(planned), unit="review", desc="reviews", file=sys.stderr) as bar:

            def done(result: object) -> None:
                bar.set_postfix_str(getattr(result, "name", ""))
                bar.update(1)

            results = workers.run(planned, done)
    failed = [r for r in results if not r.ok]
    for r in results:
        mark = "ok    " if r.ok else "FAILED"
        where = r.html if r.ok else f"{r.error} (notebook kept: {r.notebook})"
        print(f"{mark} {r.name:<24} {r.seconds:5.1f}s  {where}")
    printed = _print_pdfs([r.html for r in results if r.html], month) if pdf else True
    index = next((r.html for r in results if r.name == "index" and r.ok), None)
    if index:
        print(f"\nOpen: {index}")
    if failed:
        print(f"{len(failed)} review(s) failed: {', '.join(r.name for r in failed)}", file=sys.stderr)
    return 1 if failed or not printed else 0


def _checked(locale: str, lang: str) -> tuple[str, str]:
    """--locale and --lang as cxgov.i18n spells them; CxgovError (a usage error) for one it does not know."""
    from cxgov.i18n.lang import language
    from cxgov.i18n.numbers import check

    try:
        return (check(locale) if locale else ""), (language(lang) if lang else "")
    except CxgovError as exc:
        raise CxgovError(f"--{exc}") from None


def last_complete_month() -> str:
    """The month --month defaults to: the last one that has ended (in December 2026, 2026-11)."""
    return dates.last_complete_month(today())


def _print_pdfs(pages: Sequence[str], month: str) -> bool:
    """Print the pages to PDF beside them, listing each; one line on stderr and False if that cannot be done."""
    from cxgov.review.pdf import write_pdfs

    try:
        for path in write_pdfs([Path(p) for p in pages], review_date(month, today())):
            print(f"pdf    {path.stem:<24}         {path}")
    except CxgovError as exc:
        print(f"cxgov review: --pdf: {exc}; the HTML pages are written", file=sys.stderr)
        return False
    return True
