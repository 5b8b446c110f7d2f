"""The review's reusable kernel: each notebook starts clean, a dead kernel is replaced, nothing is left running."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from cxgov.review.kernels import KernelHost, kernel_name

pytestmark = pytest.mark.slow


def notebook(folder: Path, name: str, *cells: str) -> str:
    nb = new_notebook(cells=[new_code_cell("x = ''", metadata={"tags": ["parameters"]}), *map(new_code_cell, cells)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return str(path)


def printed(nb: nbformat.NotebookNode) -> list[str]:
    """The stream text of each code cell after the parameters, in order."""
    return ["".join(o.get("text", "") for o in c.outputs).strip() for c in nb.cells if c.cell_type == "code"][2:]


@pytest.fixture
def host(tmp_path: Path) -> Iterator[KernelHost]:
    h = KernelHost()
    yield h
    h.close()


def run(host: KernelHost, tmp_path: Path, path: str) -> nbformat.NotebookNode:
    host.launch(path, tmp_path / "kernels.log")
    return host.execute(path, str(tmp_path / "out.ipynb"), {"x": "given"})


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_next_notebook_reuses_the_kernel_but_not_its_variables_or_folder(host: KernelHost, tmp_path: Path) -> None:
    first = notebook(tmp_path, "first", "import os\nleak = 42\nos.chdir('/')\nprint(os.getpid())")
    second = notebook(
        tmp_path,
        "second",
        "import os\nprint(os.getpid())",
        "print('leak' in globals(), os.getcwd() == " + repr(os.getcwd()) + ", x)",
    )
    pid = printed(run(host, tmp_path, first))[0]
    nb = run(host, tmp_path, second)
    # Same process; no variable left over; working folder restored; parameters injected as usual.
    assert printed(nb) == [pid, "False True given"]
    # Counted from 1 again, as on a new kernel.
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, 3, 4]


def test_a_kernel_that_died_is_replaced(host: KernelHost, tmp_path: Path) -> None:
    crash = notebook(tmp_path, "crash", "import os\nprint(os.getpid(), flush=True)\nos._exit(1)")
    show = notebook(tmp_path, "show", "import os\nprint(os.getpid())")
    before = printed(run(host, tmp_path, show))[0]
    with pytest.raises(Exception):  # noqa: B017  (papermill reports a dead kernel as it sees fit)
        run(host, tmp_path, crash)
    after = printed(run(host, tmp_path, show))[0]
    assert after != before


def test_another_environment_gets_another_kernel(
    host: KernelHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = notebook(tmp_path, "show", "import os\nprint(os.getpid(), os.environ.get('CXGOV_TEST_MARK'))")
    monkeypatch.setenv("CXGOV_TEST_MARK", "one")
    pid, mark = printed(run(host, tmp_path, show))[0].split()
    monkeypatch.setenv("CXGOV_TEST_MARK", "two")
    pid2, mark2 = printed(run(host, tmp_path, show))[0].split()
    assert (mark, mark2) == ("one", "two") and pid != pid2
    assert not alive(int(pid))  # the first one was shut down, not left behind


def test_close_stops_the_kernel(tmp_path: Path) -> None:
    host = KernelHost()
    pid = int(printed(run(host, tmp_path, notebook(tmp_path, "show", "import os\nprint(os.getpid())")))[0])
    assert alive(pid)
    host.close()
    assert not alive(pid)
    host.close()  # twice is harmless


def test_a_cell_error_keeps_the_kernel_for_the_next_notebook(host: KernelHost, tmp_path: Path) -> None:
    import papermill as pm

    boom = notebook(tmp_path, "boom", "import os\nprint(os.getpid(), flush=True)", "raise ValueError('boom')")
    with pytest.raises(pm.PapermillExecutionError, match="boom"):
        run(host, tmp_path, boom)
    failed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    pid = printed(failed)[0]
    assert printed(run(host, tmp_path, notebook(tmp_path, "show", "import os\nprint(os.getpid())")))[0] == pid


def test_kernel_name_comes_from_the_notebook(tmp_path: Path) -> None:
    path = Path(notebook(tmp_path, "n"))
    assert kernel_name(path) == "python3"
    nb = nbformat.read(path, as_version=4)
    del nb.metadata["kernelspec"]
    nbformat.write(nb, path)
    assert kernel_name(path) == "python3"
