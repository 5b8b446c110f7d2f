"""Run the monthly review: execute the review notebook per committee and for the
organisation, in parallel, and export each to a self-contained HTML page.

Layout of the output (``reports/2026-11/`` for --month 2026-11):

    index.html               the organisation review, linking to every committee
    <committee>.html         one page per committee
    notebooks/<name>.ipynb   the executed notebooks (kept on failure, for diagnosis)
    notebooks/kernels.log    what the kernels wrote to stderr

How it is fast (docs/review.md): the workspace is loaded and validated once and
saved for the run (`cxgov.review.snapshot`); each worker process keeps one kernel and
reuses it for its notebooks (`cxgov.review.kernels`); and a worker renders each page
while the kernel starts or resets, so the kernel only shows it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cxgov.errors import CxgovError
from cxgov.i18n.lang import SOURCE
from cxgov.i18n.numbers import DEFAULT
from cxgov.review.page import INDEX
from cxgov.workspace.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from cxgov.review.kernels import KernelHost

NOTEBOOK = PROJECT_ROOT / "notebooks" / "monthly_review.ipynb"
KERNELS_LOG = "kernels.log"
CELL_TIMEOUT = 600  # a review cell takes milliseconds; ten minutes means it hangs


@dataclass(frozen=True, slots=True)
class Job:
    workspace: str  # absolute
    committee: str  # "" for the organisation review
    month: str
    out_dir: str
    title: str
    notebook: str = str(NOTEBOOK)
    snapshot: str = ""  # folder of a saved workspace for the kernels (see cxgov.review.snapshot)
    cell_timeout: int | None = CELL_TIMEOUT  # seconds a cell may run before its review is stopped
    reports: str = ""  # the folder of monthly folders (--out): last month's page is linked when it is there
    locale: str = ""  # numbers, money and dates (--locale; empty: org.yaml's, else en)
    lang: str = ""  # the interface's words (--lang; empty: English)

    @property
    def name(self) -> str:
        return self.committee or INDEX


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    ok: bool
    html: str | None
    notebook: str
    seconds: float
    error: str = ""


def run_job(job: Job) -> Result:
    """Execute one review notebook with papermill and export it to HTML; never raises."""
    start = time.perf_counter()
    out = Path(job.out_dir)
    nb_path = out / "notebooks" / f"{job.name}.ipynb"
    nb_path.parent.mkdir(parents=True, exist_ok=True)
    with _stderr_to(out / "notebooks" / f"{job.name}.log"):
        return _execute(job, out, nb_path, start)


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send this process's stderr to a log file while it runs one notebook (kernels log to kernels.log)."""
    saved = os.dup(2)
    with open(path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    if path.stat().st_size == 0:  # nothing said: no empty file left beside the notebook
        path.unlink()


def _execute(job: Job, out: Path, nb_path: Path, start: float) -> Result:
    from cxgov.review import snapshot

    if job.snapshot:
        os.environ[snapshot.ENV] = job.snapshot  # inherited by the kernel
    else:
        os.environ.pop(snapshot.ENV, None)
    try:
        from cxgov.report.html import Html
        from cxgov.review.export import to_html
        from cxgov.workspace.store import atomic_write

        host = kernel_host()
        host.launch(job.notebook, out / "notebooks" / KERNELS_LOG)  # boots while the page renders below
        if job.snapshot:
            _prerender(job)
        nb = host.execute(
            job.notebook,
            str(nb_path),
            {
                "workspace": job.workspace,
                "committee": job.committee,
                "month": job.month,
                "reports": job.reports,
                "locale": job.locale,
                "lang": job.lang,
            },
            job.cell_timeout,
        )
        from cxgov.i18n.current import _, speaking

        with speaking(job.locale or DEFAULT, job.lang or SOURCE):  # the page's language: <html lang>, the link
            nav = Html(
                ""
                if job.name == INDEX
                else Html('<nav class="noprint"><a href="index.html">{}</a></nav>').format(_("← Organisation review"))
            )
            html = to_html(nb, job.title, nav)
        html_path = out / f"{job.name}.html"
        atomic_write(html_path, html)
        return Result(job.name, True, str(html_path), str(nb_path), time.perf_counter() - start)
    except Exception as exc:  # any failure is reported per notebook; the others go on
        message = f"{type(exc).__name__}: {exc}".strip().splitlines()
        return Result(job.name, False, None, str(nb_path), time.perf_counter() - start, " ".join(message)[:500])


def _prerender(job: Job) -> None:
    """Render the page in this worker (its modules and the run's workspace stay loaded between jobs).

    The notebook's kernel finds it in the run's private folder and shows it. If rendering fails here, no
    page is left behind and the kernel renders it itself, so the failure shows in the kept notebook.
    """
    from cxgov.review import snapshot

    snapshot.drop_page(job.snapshot, job.committee)
    try:
        from cxgov.review.render import render

        page = render(job.workspace, job.committee, job.month, reports=job.reports, locale=job.locale, lang=job.lang)
    except Exception:  # noqa: BLE001  (the kernel repeats it and the notebook shows the error)
        return
    snapshot.save_page(job.snapshot, page)


_HOST: KernelHost | None = None


def kernel_host() -> KernelHost:
    """This process's kernel host: one kernel, reused by the notebooks this process runs."""
    global _HOST
    from cxgov.review.kernels import KernelHost

    if _HOST is None:
        _HOST = KernelHost()
    return _HOST


def close_kernel() -> None:
    """Shut down this process's review kernel, if any (the next notebook starts a new one)."""
    if _HOST is not None:
        _HOST.close()


def check_arguments(workspace: str, committees: Sequence[str] | None) -> None:
    """Refuse a missing workspace or a --committee that is no folder of it at once.

    plan_jobs checks them again against the loaded workspace; this is only so that a typo is not
    answered after the workers (started beside the planning) have booted their kernels and stopped.
    """
    from cxgov.workspace.ids import is_slug
    from cxgov.workspace.load import not_a_folder

    shown = os.path.normpath(workspace)
    if not os.path.isdir(workspace):
        raise CxgovError(f"{shown}: expected a workspace folder, found {not_a_folder(workspace)}")
    if not committees:
        return
    try:
        known = sorted(
            e.name for e in os.scandir(workspace) if is_slug(e.name) and not e.name.startswith("_") and _is_dir(e)
        )
    except OSError as exc:
        raise CxgovError(f"{shown}: expected a readable workspace folder, found {_reason(exc)}") from None
    unknown = [c for c in committees if c not in known]
    if unknown:
        raise CxgovError(f"--committee: expected one of {', '.join(known)}; found {_listed(unknown)}")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _listed(names: Sequence[str]) -> str:
    """Names from the command line, unquoted as before unless empty or holding control characters."""
    return ", ".join(n if n.isprintable() and n else repr(n) for n in names)


def check_out(workspace: str | os.PathLike[str], out_root: str | os.PathLike[str], month: str) -> Path:
    """The folder a review of month writes (OUT/YYYY-MM); CxgovError when it cannot be used.

    Pages are not workspace data: inside the workspace their folders would read as committees (and
    make it invalid), so OUT, OUT/YYYY-MM and its notebooks/ must all resolve outside it. A file
    where a folder must be is named instead of failing in every worker.
    """
    out = Path(out_root)
    folder = out / month
    try:
        root = Path(workspace).resolve()
        targets = [p.resolve() for p in (out, folder, folder / "notebooks")]
    except RuntimeError:  # a symlink loop, before Python 3.13
        raise CxgovError(f"--out: {out} cannot be resolved (a symbolic link loop)") from None
    except OSError as exc:
        raise CxgovError(f"--out: {out} cannot be resolved ({_reason(exc)})") from None
    if any(t == root or root in t.parents for t in targets):
        raise CxgovError(
            f"--out: {out} is inside the workspace {os.path.normpath(workspace)}; review pages are not "
            "workspace data, write them elsewhere (e.g. --out reports)"
        )
    for path in (folder / "notebooks", folder, *folder.parents):
        if os.path.lexists(path):
            if not path.is_dir():
                raise CxgovError(f"--out: {path} is {_kind(path)}, not a folder")
            break
    return folder


class OutError(CxgovError):
    """The review's folder could not be created (permission denied, disk full): not a usage error."""


def make_out(folder: Path) -> None:
    """Create the review's folder and its notebooks/ before any worker writes there."""
    try:
        (folder / "notebooks").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutError(f"--out: cannot create the folder {folder}: {_reason(exc)}") from None


def _kind(path: Path) -> str:
    """What is in the way of a folder: 'a file', 'a FIFO' ..."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "a file"


def _reason(exc: BaseException) -> str:
    """An OS error as a short lower-case reason ('permission denied'), without the path it names."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return text[:1].lower() + text[1:]


def plan_jobs(
    workspace: str,
    month: str,
    out_root: str,
    committees: Sequence[str] | None,
    snapshot_dir: str | None = None,
    cell_timeout: int | None = CELL_TIMEOUT,
    locale: str = "",
    lang: str = "",
) -> list[Job]:
    """The jobs of one review run: each chosen committee, then the organisation review, in locale and lang.

    With snapshot_dir, the loaded workspace is saved there once for every kernel to reuse.
    """
    from cxgov.dates import review_date, today
    from cxgov.review import snapshot
    from cxgov.views.compare import previous_review_date
    from cxgov.workspace.asof import workspace_as_of
    from cxgov.workspace.load import load_workspace

    ws = load_workspace(workspace)
    known = [c.id for c in ws.committees] + list(ws.failed)
    chosen = list(committees) if committees else sorted(known)
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise CxgovError(f"--committee: expected one of {', '.join(sorted(known))}; found {_listed(unknown)}")
    folder = check_out(workspace, out_root, month)
    make_out(folder)
    out_dir = str(folder)
    absolute = str(ws.root.resolve())
    org = ws.org.name if ws.org else "Organisation"
    names = {c.id: c.name for c in ws.committees}
    as_of = review_date(month, today())

    limit = cell_timeout or None  # 0: no limit
    snap = ""
    if snapshot_dir is not None:
        previous = previous_review_date(as_of)  # the "Since last month" block compares with it
        before = (previous, workspace_as_of(ws, previous)) if previous is not None else None
        snapshot.save(workspace_as_of(ws, as_of), Path(snapshot_dir), as_of, before)  # the plans as they stood then
        snap = snapshot_dir

    reports = str(folder.parent.resolve())
    from cxgov.i18n.current import _, speaking

    with speaking(DEFAULT, lang or SOURCE):  # the pages' titles; the month stays YYYY-MM
        titles = {cid: _("{name}: review {month}").format(name=names.get(cid, cid), month=month) for cid in chosen}
        title = _("{org}: CX programme review {month}").format(org=org, month=month)
    jobs = [
        Job(
            absolute,
            cid,
            month,
            out_dir,
            titles[cid],
            snapshot=snap,
            cell_timeout=limit,
            reports=reports,
            locale=locale,
            lang=lang,
        )
        for cid in chosen
    ]
    jobs.append(
        Job(
            absolute,
            "",
            month,
            out_dir,
            title,
            snapshot=snap,
            cell_timeout=limit,
            reports=reports,
            locale=locale,
            lang=lang,
        )
    )
    return jobs


class Workers:
    """The processes that run a review's notebooks: one per core, each keeping its own kernel.

    They are started before the run is planned, so each imports what it needs and boots its kernel while
    the parent loads and validates the workspace. With one worker, notebooks run in this process.
    """

    def __init__(self, count: int | None = None, snapshot_dir: str = "") -> None:
        self.count = max(1, count or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        if self.count > 1:
            # spawn: a fresh interpreter per worker, no inherited ZeroMQ or asyncio state.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.count, mp_context=context, initializer=_warm, initargs=(snapshot_dir,)
            )
            for _ in range(self.count):  # processes are spawned on demand: ask for all of them now
                self._pool.submit(os.getpid)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let the workers finish and exit (their kernels shut down with them)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        else:
            close_kernel()

    def run(self, jobs: Sequence[Job], on_done: Callable[[Result], None] | None = None) -> list[Result]:
        """Run the jobs, calling on_done as each finishes; results in the order of jobs."""
        if not jobs:
            return []
        out_dir = Path(jobs[0].out_dir)  # run_job makes its notebooks/ folder
        results: list[Result] = []
        if self._pool is None:
            for job in jobs:
                results.append(run_job(job))
                if on_done:
                    on_done(results[-1])
        else:
            for future in as_completed([self._pool.submit(run_job, job) for job in jobs]):
                results.append(future.result())
                if on_done:
                    on_done(results[-1])
        _keep_kernel_log(jobs[0].snapshot, out_dir / "notebooks" / KERNELS_LOG)
        failed = [r for r in results if not r.ok]
        index = out_dir / f"{INDEX}.html"
        if failed and index.exists():
            _note_failures(index, failed)
        order = {job.name: i for i, job in enumerate(jobs)}
        return sorted(results, key=lambda r: order[r.name])


def _warm(snapshot_dir: str) -> None:
    """Start of a worker: import what notebooks need and start booting the kernel (best effort).

    The kernel's stderr goes to the run's private folder until the run has an output folder (see run()).
    """
    from cxgov.review import snapshot

    try:
        if snapshot_dir:
            os.environ[snapshot.ENV] = snapshot_dir  # as run_job sets it: the kernel is then reused as is
        import papermill  # noqa: F401

        from cxgov.review import render  # noqa: F401

        if snapshot_dir:
            kernel_host().launch(NOTEBOOK, Path(snapshot_dir) / KERNELS_LOG)
    except Exception:  # noqa: BLE001  (the first notebook starts its kernel and reports any problem)
        pass


def _keep_kernel_log(snapshot_dir: str, log: Path) -> None:
    """Append what the workers' kernels wrote in the run's private folder to the run's kernels.log."""
    early = Path(snapshot_dir, KERNELS_LOG)
    if snapshot_dir and early.exists():
        with open(log, "a", encoding="utf-8") as out:
            out.write(early.read_text(encoding="utf-8", errors="replace"))


def run_review(
    jobs: Sequence[Job],
    workers: int | None = None,
    on_done: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run the jobs in parallel (one process per core), calling on_done as each finishes."""
    if not jobs:
        return []
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    with Workers(count, jobs[0].snapshot) as pool:
        return pool.run(jobs, on_done)


def _note_failures(index: Path, failed: list[Result]) -> None:
    """Add a 'reviews that failed' box to the organisation page, linking the kept notebooks."""
    from cxgov.report.html import Html, join
    from cxgov.workspace.store import atomic_write

    items = join(
        Html(
            '<li><strong>{0}</strong>: {1} (notebook kept: <a href="notebooks/{0}.ipynb">notebooks/{0}.ipynb</a>)</li>'
        ).format(r.name, r.error)
        for r in failed
    )
    box = Html(
        '<section class="cx" id="failed"><h2>Reviews that failed</h2><div class="problems"><ul>{}</ul></div></section>'
        "</main>"
    ).format(items)
    text = index.read_text(encoding="utf-8").replace("</main>", str(box), 1)
    atomic_write(index, text)
