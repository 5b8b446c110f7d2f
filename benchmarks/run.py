"""Benchmarks: each figure printed against its floor measured in the same run.

Usage: python benchmarks/run.py [--workspace PATH] [--repeat 3] [--only NAME ...]

Without --workspace a large workspace (40 committees x 100 actions) is
generated into a temporary folder with benchmarks/make_workspace.py. Figures
are the best of --repeat runs (wall-clock seconds); ratios compare against
floors measured in this same run, so they hold across machines.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of repeat calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run_cmd(*args: str) -> Callable[[], object]:
    """A callable running a command, failing loudly if it fails."""

    def call() -> None:
        subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)

    return call


def floor_parse(ws: Path) -> None:
    """Parse every YAML file with PyYAML's C loader and every CSV with pandas.read_csv, no validation."""
    import pandas as pd
    import yaml

    for path in sorted(ws.rglob("*")):
        if path.suffix == ".yaml":
            with open(path, encoding="utf-8") as fh:
                yaml.load(fh, Loader=yaml.CSafeLoader)
        elif path.suffix == ".csv":
            pd.read_csv(path)


def best_on_fresh(job: Callable[[Any], object], make: Callable[[], Any], repeat: int) -> float:
    """Best wall time of job(x) over repeat calls, each on a new x = make() (made outside the timing)."""
    times = []
    for _ in range(repeat):
        x = make()
        start = time.perf_counter()
        job(x)
        times.append(time.perf_counter() - start)
    return min(times)


def report(name: str, value: float, floor: float, target: float | None, unit: str = "s") -> None:
    ratio = value / floor if floor else float("nan")
    goal = f"  (target <= {target:g})" if target is not None else ""
    verdict = "" if target is None else ("  OK" if ratio <= target else "  OVER")
    print(f"{name:<44} {value:8.3f} {unit}  floor {floor:8.3f} {unit}  ratio {ratio:5.2f}{goal}{verdict}", flush=True)


def bench_validate(ws: Path, repeat: int) -> None:
    """cxgov validate (a fresh process, as a user runs it) against the parse-only floor."""
    floor_cmd = run_cmd(
        PY,
        "-c",
        f"import sys; sys.path.insert(0, {str(HERE)!r}); "
        f"import run; run.floor_parse(__import__('pathlib').Path({str(ws)!r}))",
    )
    floor = best(floor_cmd, repeat)
    value = best(run_cmd(PY, "-m", "cxgov", "validate", str(ws)), repeat)
    report("cxgov validate (large workspace)", value, floor, 1.5)
    bare = best(run_cmd(PY, "-c", "pass"), repeat)
    help_time = best(run_cmd(PY, "-m", "cxgov", "--help"), repeat)
    report("cxgov --help (absolute target 0.3 s)", help_time, bare, None)


def bench_rollup(ws: Path, repeat: int) -> None:
    """The whole organisation roll-up against loading the workspace (in-process)."""
    from datetime import date

    import pandas  # noqa: F401  (imported before timing: not part of either figure)

    from cxgov.views.rollup import rollup
    from cxgov.workspace.load import load_workspace

    as_of = date(2026, 11, 30)
    load_time = best(lambda: load_workspace(ws), repeat)

    # Each time on a freshly loaded workspace: no cached views.
    compute = best_on_fresh(lambda w: rollup(w, as_of), lambda: load_workspace(ws), repeat)
    report("roll-up computed (excluding load)", compute, load_time, 2.0)


def _trivial_notebook(folder: Path) -> Path:
    """A notebook with a parameters cell and one trivial cell: the papermill floor."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(
        cells=[
            new_code_cell('workspace = ""\ncommittee = ""\nmonth = ""', metadata={"tags": ["parameters"]}),
            new_code_cell("print('ok')"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "trivial.ipynb"
    nbformat.write(nb, path)
    return path


def _timed_run(*args: str) -> float:
    """Seconds reported by benchmarks/review_once.py, run in a fresh process."""
    done = subprocess.run([PY, str(HERE / "review_once.py"), *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"review_once.py {args[0]} failed: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def bench_review(ws: Path, repeat: int) -> None:
    """One committee's review to HTML, and the whole organisation's, against papermill's floor.

    The floor is papermill running a trivial notebook in a fresh process and exporting it to HTML, both
    with nbconvert's standard HTMLExporter (the conventional pipeline) and with cxgov's own exporter (a
    stricter floor: it is faster). The committee's figure is cxgov review's worker code for one
    notebook, in a fresh process: it imports everything and starts its kernel cold, as the first notebook
    of each review worker does.
    """
    from cxgov.review.run import Workers, close_kernel, plan_jobs, run_job

    with tempfile.TemporaryDirectory(prefix="cxgov-bench-review-") as tmp:
        out = Path(tmp)
        (out / "notebooks").mkdir()
        trivial = str(_trivial_notebook(out))
        committee = sorted(p.name for p in ws.iterdir() if p.is_dir())[0]
        snap = out / "snap"
        snap.mkdir()
        job = plan_jobs(str(ws), "2026-11", str(out), [committee], snapshot_dir=str(snap))[0]  # saves the snapshot
        args = (str(ws), committee, str(out))

        def runs(mode: str, *extra: str) -> float:
            return min(_timed_run(mode, *args, *extra) for _ in range(repeat))

        floor_nbconvert = runs("floor-nbconvert", "", trivial)
        floor = runs("floor", "", trivial)
        value = runs("review", str(snap))
        report(f"one committee's review to HTML ({committee})", value, floor_nbconvert, 1.5)
        report("  against papermill + cxgov's exporter", value, floor, 1.5)
        report("  without the run's snapshot (reads the files)", runs("review"), floor_nbconvert, None)

        # In this process, imports excluded from both sides: papermill alone against a worker's notebook on
        # a cold kernel (modules loaded), and on its reused kernel (every notebook after a worker's first).
        import papermill as pm
        from nbconvert import HTMLExporter

        from cxgov.review.export import to_html

        def floor_in_process() -> None:
            nb = pm.execute_notebook(trivial, str(out / "f.ipynb"), progress_bar=False)
            (out / "f.html").write_text(HTMLExporter(exclude_input=True).from_notebook_node(nb)[0])

        def floor_in_process_own() -> None:
            nb = pm.execute_notebook(trivial, str(out / "f.ipynb"), progress_bar=False)
            (out / "f.html").write_text(to_html(nb, "floor"))

        def cold_kernel() -> None:
            close_kernel()
            assert run_job(job).ok

        floor_in_process()  # first calls import what they use
        cold_kernel()
        inproc_floor = best(floor_in_process, repeat)
        inproc_floor_own = best(floor_in_process_own, repeat)
        cold = best(cold_kernel, repeat)
        report("  in one process, new kernel (imports not timed)", cold, inproc_floor, 1.5)
        report("    against papermill + cxgov's exporter", cold, inproc_floor_own, 1.5)
        warm = best(lambda: run_job(job), repeat)
        close_kernel()
        report("  a review worker's next notebook (kernel reused)", warm, inproc_floor, None)

        cores = os.cpu_count() or 1
        start = time.perf_counter()  # planning (load, validate, snapshot) is part of the whole review
        snap_all = out / "snap-all"
        snap_all.mkdir()
        with Workers(cores, str(snap_all)) as workers:  # as `cxgov review` does: workers start during planning
            jobs = plan_jobs(str(ws), "2026-11", str(out / "org"), None, snapshot_dir=str(snap_all))
            results = workers.run(jobs)
        whole = time.perf_counter() - start
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        label = f"whole organisation review ({len(jobs)} notebooks, {cores} cores)"
        # The stricter floors first: papermill with its imports already done (as in one process).
        report(label, whole, inproc_floor * len(jobs) / cores, 1.3)
        report("  against papermill + cxgov's exporter", whole, inproc_floor_own * len(jobs) / cores, 1.3)
        report("  against a fresh papermill process per notebook", whole, floor_nbconvert * len(jobs) / cores, 1.3)


def _committee_with_history(folder: Path, actions: int, rows: int) -> Path:
    """One committee of `actions` actions whose updates.csv has exactly `rows` rows (make_workspace.py)."""
    ws = folder / "post-update"
    args = ["--committees", "1", "--actions", str(actions), "--people", "60", "--signals", "0"]
    subprocess.run([PY, str(HERE / "make_workspace.py"), str(ws), *args], check=True, stdout=subprocess.DEVNULL)
    updates = next(ws.glob("*/updates.csv"))
    lines = updates.read_text(encoding="utf-8").splitlines(keepends=True)
    while len(lines) - 1 < rows:  # pad with copies of the history (still valid rows)
        lines += lines[1 : 1 + rows - (len(lines) - 1)]
    updates.write_text("".join(lines[: rows + 1]), encoding="utf-8")
    return ws


def bench_post_update(ws: Path, repeat: int) -> None:
    """Posting a status update from the editor (500 actions, 10,000 rows), against a bare durable append."""
    del ws  # uses its own committee: the issue fixes the size
    import statistics
    from datetime import date

    from cxgov.editor import Editor

    with tempfile.TemporaryDirectory(prefix="cxgov-bench-post-") as tmp:
        big = _committee_with_history(Path(tmp), 500, 10_000)
        editor = Editor(str(big), today=lambda: date(2026, 11, 30))
        committee = editor.current
        assert committee is not None and len(committee.actions) == 500 and len(committee.updates) == 10_000
        form = editor.update
        editor.you.value = committee.chair  # "You are", in the editor's header
        updates = big / committee.id / "updates.csv"

        def floor_append() -> None:
            fd = os.open(updates, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, b"2026-11-30,A1,on_track,p001,floor\n")
                os.fsync(fd)
            finally:
                os.close(fd)

        times, floors = [], []
        for i in range(max(20, repeat)):
            form.action.value = f"A{i % 500 + 1}"
            form.status.value = "at_risk"
            form.note.value = f"bench {i}"
            start = time.perf_counter()
            form.button.click()  # the code path of the "Post update" button
            times.append(time.perf_counter() - start)
            assert form.kind == "ok", form.lines
            start = time.perf_counter()
            floor_append()
            floors.append(time.perf_counter() - start)
        median, worst = statistics.median(times) * 1000, max(times) * 1000
        report("post a status update (500 actions, 10,000 rows)", median, statistics.median(floors) * 1000, None, "ms")
        verdict = "OK" if median < 50 else "OVER"
        print(f"  median {median:.1f} ms, worst {worst:.1f} ms of {len(times)} posts (target < 50 ms)  {verdict}")


def bench_followup(ws: Path, repeat: int) -> None:
    """Reminders and each export (ics, xlsx, csv), computed from a fresh load, against loading (in-process)."""
    from datetime import date

    import icalendar  # noqa: F401  (imported before timing: not part of either figure)
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    from cxgov.export.files import csv_text, workbook
    from cxgov.export.ics import to_ics
    from cxgov.export.reminders import digest, render_text
    from cxgov.export.tables import tables
    from cxgov.workspace.load import load_workspace
    from cxgov.workspace.model import Workspace

    as_of = date(2026, 11, 30)
    load_time = best(lambda: load_workspace(ws), repeat)
    jobs: dict[str, tuple[Callable[[Workspace], object], float]] = {
        "cxgov remind (text, excluding load)": (lambda w: render_text(digest(w, as_of, 14)), 1.5),
        "cxgov export ics (excluding load)": (lambda w: to_ics(w, as_of), 2.0),
        "cxgov export csv (excluding load)": (lambda w: [csv_text(t) for t in tables(w, as_of).values()], 2.0),
        "cxgov export xlsx (excluding load)": (lambda w: workbook(w, as_of), 4.0),
    }
    for name, (job, target) in jobs.items():
        compute = best_on_fresh(job, lambda: load_workspace(ws), repeat)  # a fresh workspace: no cached views
        report(name, compute, load_time, target)


def bench_dashboard(ws: Path, repeat: int) -> None:
    """The dashboard in Chromium (first byte, picker ready; preheated and cold) against Voila on a trivial notebook."""
    from dashboard_bench import bench_dashboard as run_dashboard_bench  # benchmarks/ is on sys.path

    run_dashboard_bench(ws, repeat, report)


def bench_dashboard_memory(ws: Path, repeat: int) -> None:
    """The served dashboard's memory: one viewer's kernel, and server + kernels after visits have gone."""
    from dashboard_bench import bench_dashboard_memory as run_memory_bench

    run_memory_bench(ws, repeat, report)


BENCHES: dict[str, Callable[[Path, int], None]] = {
    "validate": bench_validate,
    "rollup": bench_rollup,
    "review": bench_review,
    "post_update": bench_post_update,
    "followup": bench_followup,
    "dashboard": bench_dashboard,
    "dashboard_memory": bench_dashboard_memory,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", type=Path, help="an existing large workspace (default: generate one)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES), help="run only these benchmarks")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="cxgov-bench-") as tmp:
        ws = args.workspace
        if ws is None:
            ws = Path(tmp) / "large"
            subprocess.run([PY, str(HERE / "make_workspace.py"), str(ws)], check=True)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, workspace {ws}")
        for name in args.only or list(BENCHES):
            BENCHES[name](ws, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
