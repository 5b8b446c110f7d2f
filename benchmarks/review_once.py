"""One review notebook to HTML in this (fresh) process, timed from its first import; for benchmarks/run.py.

Usage: python benchmarks/review_once.py MODE WORKSPACE COMMITTEE OUT_DIR [SNAPSHOT_DIR] [NOTEBOOK]

MODE is one of
  floor            papermill runs NOTEBOOK (a trivial one) and cxgov's exporter writes the HTML
  floor-nbconvert  papermill runs NOTEBOOK and nbconvert's standard HTMLExporter writes the HTML
  review           cxgov review's worker code (run_job) for COMMITTEE, with the run's SNAPSHOT_DIR if given

Prints the seconds from before the first import to the HTML written. The interpreter's own start-up is left
out of every mode alike; the imports each mode needs (papermill, nbconvert, cxgov, pandas) are counted.
"""

from __future__ import annotations

import sys
import time

START = time.perf_counter()


def main(argv: list[str]) -> int:
    mode, workspace, committee, out = argv[:4]
    extra = argv[4:]
    params = {"workspace": workspace, "committee": committee, "month": "2026-11"}
    if mode == "floor":
        import papermill as pm

        from cxgov.review.export import to_html

        nb = pm.execute_notebook(extra[1], f"{out}/floor.ipynb", parameters=params, progress_bar=False)
        with open(f"{out}/floor.html", "w", encoding="utf-8") as fh:
            fh.write(to_html(nb, "floor"))
    elif mode == "floor-nbconvert":
        import papermill as pm
        from nbconvert import HTMLExporter

        nb = pm.execute_notebook(extra[1], f"{out}/floor2.ipynb", parameters=params, progress_bar=False)
        with open(f"{out}/floor2.html", "w", encoding="utf-8") as fh:
            fh.write(HTMLExporter(exclude_input=True).from_notebook_node(nb)[0])
    elif mode == "review":
        from cxgov.review.run import Job, close_kernel, run_job

        result = run_job(Job(workspace, committee, "2026-11", out, committee, snapshot=extra[0] if extra else ""))
        elapsed = time.perf_counter() - START
        close_kernel()  # not timed: a worker keeps its kernel for the next notebook
        if not result.ok:
            print(result.error, file=sys.stderr)
            return 1
        print(f"{elapsed:.6f}")
        return 0
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    print(f"{time.perf_counter() - START:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
