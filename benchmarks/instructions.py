"""Instructions a review worker spends on its next notebook (kernel reused), counted by valgrind.

Wall-clock figures on a shared 2-core machine vary by a factor of 1.5 between runs (the
papermill floor of `run.py` measured 2.06 s and 3.47 s on the same commit), too much to
tell a 5% change. valgrind's callgrind counts the instructions the worker process runs,
which vary by well under 1% between runs. The figure is the benchmark's "a review
worker's next notebook (kernel reused)": `run_job` on the first committee of the generated
40-committee workspace, its snapshot made beforehand. Two runs, one running the notebook
once (the first, which imports and starts the kernel) and one running it 1 + N times;
their difference divided by N is one notebook's instructions. The kernel's own process is
not counted (it runs beside the worker, not under valgrind).

    python benchmarks/instructions.py [--notebooks 6] [--workspace DIR]

Compare two commits by running it in a checkout of each (each with its own venv: an
editable install imports its own checkout whatever PYTHONPATH says). Needs valgrind
(apt-get install valgrind); about 10 minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def prepare(workspace: Path, folder: Path) -> Path:
    """Plan the first committee's job with its snapshot (not counted); the job pickled for the counted run."""
    from cxgov.review.run import plan_jobs

    committee = sorted(p.name for p in workspace.iterdir() if p.is_dir())[0]
    (folder / "snap").mkdir(parents=True)
    job = plan_jobs(str(workspace), "2026-11", str(folder / "out"), [committee], snapshot_dir=str(folder / "snap"))[0]
    path = folder / "job.pickle"
    path.write_bytes(pickle.dumps(job))
    return path


def run(job_path: Path, notebooks: int) -> None:
    """The counted run: the job's notebook 1 + notebooks times on one kernel."""
    from cxgov.review.run import close_kernel, run_job

    job = pickle.loads(job_path.read_bytes())
    for _ in range(1 + notebooks):
        result = run_job(job)
        if not result.ok:
            raise SystemExit(f"the notebook failed: {result.error}")
    close_kernel()


def counted(job_path: Path, notebooks: int, out: Path) -> int:
    """Instructions of one counted run under callgrind."""
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__]
    cmd += ["--run", str(job_path), "--notebooks", str(notebooks)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"), cwd=ROOT)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=6, help="notebooks counted after the first (default 6)")
    parser.add_argument("--workspace", type=Path, help="default: a generated 40-committee workspace")
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # the counted process itself
    args = parser.parse_args()
    if args.run:
        run(args.run, args.notebooks)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="cxgov-instructions-") as tmp:
        folder = Path(tmp)
        workspace = args.workspace
        if workspace is None:
            workspace = folder / "ws"
            subprocess.run([sys.executable, str(HERE / "make_workspace.py"), str(workspace)], check=True)
        # Two separate jobs: a run writes its pages and logs into its job's folders.
        once = counted(prepare(workspace, folder / "a"), 0, folder / "a.out")
        more = counted(prepare(workspace, folder / "b"), args.notebooks, folder / "b.out")
    per = (more - once) / args.notebooks
    print(f"first notebook run: {once / 1e6:,.1f} M instructions; with {args.notebooks} more: {more / 1e6:,.1f} M")
    print(f"a review worker's next notebook (kernel reused): {per / 1e6:,.1f} M instructions")


if __name__ == "__main__":
    main()
