"""Kernels for the review's notebooks: started early, reused by the notebooks of one process.

Papermill starts a kernel for every notebook and shuts it down afterwards; for
a review of forty committees on two cores most of the time went to starting
Python kernels and importing the same modules in each. A `KernelHost` keeps
one kernel per process (each `cxgov review` worker) and runs notebook after
notebook on it. Between notebooks the kernel's namespace, execution counter
and history session are reset (IPython's ``reset(new_session=True)``) and its
working folder restored, so each notebook starts as it would on a new kernel
except that modules stay imported. A kernel that died, or one for another
kernel name or environment, is replaced.

`launch` returns as soon as the kernel process is started, so the caller can do
other work (render the page) while it boots; `execute` waits for it to be ready.

Notebooks still run through papermill (its `cxgov` engine below is papermill's
nbclient engine with an existing kernel and a reset before the first cell).
"""

from __future__ import annotations

import atexit
import json
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args
from traitlets import Any as TAny
from traitlets import Bool, Unicode

ENGINE = "cxgov"
# An unattended review needs no input history; without it, parallel kernels do not contend for IPython's
# history database (a SQLite file shared by every kernel of the user).
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]


class ReusingClient(PapermillNotebookClient):  # type: ignore[misc]  # untyped base
    """Papermill's notebook client on a kernel it does not own: resets it first, leaves it running.

    The connection to the kernel is kept in `connection` (a one-item list owned by the KernelHost) and
    reused by the next notebook: a new connection waits a fifth of a second for the kernel to be quiet.
    """

    reset_first = Bool(False, help="reset the kernel's namespace before the first cell").tag(config=True)
    reset_cwd = Unicode("", help="working folder to restore before the first cell").tag(config=True)
    connection = TAny(None, allow_none=True, help="[client or None], shared with the next notebook")

    async def async_start_new_kernel_client(self) -> Any:
        held = self.connection
        if held is not None and held[0] is not None:
            self.kc = held[0]
            return self.kc
        kc = await super().async_start_new_kernel_client()
        if held is not None:
            held[0] = kc
        return kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # nbclient binds the sync one by name

    def papermill_execute_cells(self) -> None:
        if self.reset_first:
            code = f"import os as _o\n_o.chdir({self.reset_cwd!r})\nget_ipython().reset(new_session=True)"
            kc: Any = getattr(self, "kc", None)
            reply = self.wait_for_reply(kc.execute(code, silent=True, store_history=False))
            if not reply or reply["content"].get("status") != "ok":
                raise RuntimeError("the reused kernel could not be reset")
        super().papermill_execute_cells()

    def execute(self, **kwargs: Any) -> Any:
        try:
            return super().execute(**kwargs)
        finally:
            kc: Any = getattr(self, "kc", None)
            self.kc = None  # the kernel keeps running; nbclient must not stop what the host keeps
            if kc is not None and (self.connection is None or self.connection[0] is not kc):
                kc.stop_channels()


class ReusingEngine(NBClientEngine):  # type: ignore[misc]  # untyped base
    """Papermill's nbclient engine, running on the kernel given as km (see ReusingClient)."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: IO[str] | None = None,
        stderr_file: IO[str] | None = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: Any,
    ) -> Any:
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        keep = final.pop("keep_path", None)
        try:
            return ReusingClient(nb_man, **final).execute()
        except Exception as exc:  # the kernel died, timed out or never started: keep what ran, then report
            if keep:
                _keep(nb_man.nb, keep, exc)
            raise


def _keep(nb: Any, path: str, exc: Exception) -> None:
    """Write the notebook as far as it ran, the error shown on the cell that was running."""
    from nbformat import from_dict
    from papermill.iorw import write_ipynb

    error = {"output_type": "error", "ename": type(exc).__name__, "evalue": str(exc), "traceback": []}
    started = [
        c
        for c in nb.cells
        if c.cell_type == "code" and c.get("metadata", {}).get("papermill", {}).get("status") not in (None, "pending")
    ]  # the last cell started is the one that was running
    target = started[-1] if started else next((c for c in nb.cells if c.cell_type == "code"), None)
    if target is not None:
        target.setdefault("outputs", []).append(from_dict(error))  # type: ignore[no-untyped-call]  # nbformat: unannotated
    write_ipynb(nb, path)


papermill_engines.register(ENGINE, ReusingEngine)


@dataclass(frozen=True, slots=True)
class KernelKey:
    """What a kernel was started with; a notebook needing anything else gets a new kernel."""

    name: str
    env: tuple[tuple[str, str], ...]
    cwd: str


def kernel_name(notebook: str | Path) -> str:
    """The kernel a notebook asks for (python3 when it names none)."""
    with open(notebook, encoding="utf-8") as fh:
        meta = json.load(fh).get("metadata", {})
    name = meta.get("kernelspec", {}).get("name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) and name else "python3"


class KernelHost:
    """At most one running kernel for this process's notebooks, reused between them."""

    def __init__(self) -> None:
        self._km: AsyncKernelManager | None = None
        self._connection: list[Any] = [None]  # the client connected to the kernel, once a notebook made it
        self._key: KernelKey | None = None
        self._log: IO[str] | None = None
        self._used = False
        atexit.register(self.close)  # a kernel left running would outlive its worker

    def launch(self, notebook: str | Path, log: Path) -> None:
        """Make sure a kernel for this notebook and environment is starting or running; do not wait for it."""
        key = KernelKey(kernel_name(notebook), tuple(sorted(os.environ.items())), os.getcwd())
        if self._km is not None and (key != self._key or not run_sync(self._km.is_alive)()):
            self.close()
        if self._km is None:
            self._log = open(log, "a", encoding="utf-8")  # noqa: SIM115  (kept open while the kernel runs)
            self._log.write(f"[cxgov] starting a {key.name} kernel for process {os.getpid()}\n")
            self._log.flush()
            km = AsyncKernelManager(kernel_name=key.name)
            run_sync(km.start_kernel)(stderr=self._log, extra_arguments=KERNEL_ARGUMENTS)
            self._km, self._key, self._used = km, key, False

    def execute(self, notebook: str, output: str, parameters: dict[str, str], cell_timeout: int | None = None) -> Any:
        """Run a notebook with papermill on the launched kernel; returns the executed notebook.

        A cell running longer than cell_timeout seconds stops the notebook (papermill raises). After an
        error in a cell the kernel is kept for the next notebook; after anything else (a dead kernel, a
        timeout, a kernel that never answered) it is shut down and the next notebook gets a new one.
        """
        import papermill as pm

        assert self._km is not None and self._key is not None, "launch() first"
        reset, self._used = self._used, True
        try:
            return pm.execute_notebook(
                notebook,
                output,
                parameters=parameters,
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                execution_timeout=cell_timeout,
                engine_name=ENGINE,
                km=self._km,
                connection=self._connection,
                reset_first=reset,
                reset_cwd=self._key.cwd,
                keep_path=output,
            )
        except pm.PapermillExecutionError:
            raise  # an error in a cell: the kernel is fine
        except Exception:
            self.close()  # it may be dead, or still busy with a cell that hangs
            raise

    def close(self) -> None:
        """Shut the kernel down (now): at exit, or when another kind of kernel is needed."""
        km, self._km, self._key = self._km, None, None
        kc, self._connection[0] = self._connection[0], None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            with suppress(Exception):  # already gone: nothing to stop
                run_sync(km.shutdown_kernel)(now=True)
            run_sync(km.cleanup_resources)()
        if self._log is not None:
            self._log.close()
            self._log = None
