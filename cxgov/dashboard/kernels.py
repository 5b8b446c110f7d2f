"""The dashboard server's kernel manager: a kernel no page is connected to is shut down after a while.

Voila starts a kernel (about 100 MB) for every visit. A page closed in a browser asks Voila to shut its
kernel down (a beacon sent on ``beforeunload``), but a killed or crashed browser, a closed laptop or a
visit that never connected sends nothing, and Voila keeps the kernel until the server stops.

jupyter_server's culler (``cull_idle_timeout``, ``cull_interval``) shuts such kernels down, but it
counts idleness from the kernel's last message, which misfires both ways on a dashboard:

- a preheated kernel has been quiet since it was drawn, possibly for hours; handed to a viewer, it
  would be culled if a check fell between the page's first byte and its websocket connecting;
- a page open for an hour without a click has an old last message; a network blip during a check
  would cull it while its websocket reconnects;
- a kernel whose viewer has gone keeps redrawing when a chair edits the workspace
  (cxgov.dashboard.watch), which counts as activity: edits every few minutes would keep it forever.

So here a kernel is idle from the moment no page is connected to it: from the disconnection, or, for a
kernel that no page has connected to yet, from the first check that finds it so. It is shut down once
it has stayed so for ``cull_idle_timeout`` seconds (checked every ``cull_interval``). A busy kernel is
not idle (unless ``cull_busy``): a kernel started for a visit when the pool is empty runs the notebook
while Voila streams the page, before any page can connect to it (seconds; more on a big workspace and
busy cores). Kernels in Voila's preheated pool are never culled (Voila's own manager, built on this
one, skips them); one handed to a viewer is replaced by a new one. A kernel no page has ever connected
to gets at least FIRST_CONNECT_GRACE seconds: its page may still be loading (a slow browser on a busy
machine has been seen to take 18 s between the kernel going quiet and the page's websocket), and
culling it then would leave that viewer a page that never becomes live.

Only Voila's process imports this module (``--VoilaConfiguration.multi_kernel_manager_class``).
"""

from __future__ import annotations

import time
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from voila.request_info_handler import RequestInfoSocketHandler

FIRST_CONNECT_GRACE = 120.0  # seconds a kernel no page has connected to yet is given, at least

# jupyter_server ships type hints but leaves the kernel manager's methods unannotated: calling them
# needs `type: ignore[no-untyped-call]` under mypy --strict.


class DashboardKernelManager(AsyncMappingKernelManager):
    """AsyncMappingKernelManager culling kernels that no page has been connected to for cull_idle_timeout."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]
        self._unwatched: dict[str, float] = {}  # kernel id -> monotonic time since when no page is connected
        self._connected_once: set[str] = set()  # kernels a page has connected to at least once

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)  # type: ignore[no-untyped-call]
        self._unwatched.pop(kernel_id, None)
        self._connected_once.add(kernel_id)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)  # type: ignore[no-untyped-call]
        if self._kernel_connections.get(kernel_id, 1) <= 0:
            self._unwatched[kernel_id] = time.monotonic()

    async def cull_kernels(self) -> None:
        await super().cull_kernels()  # type: ignore[no-untyped-call]
        for gone in set(self._unwatched) - set(self._kernels):  # shut down some other way meanwhile
            del self._unwatched[gone]
        self._connected_once &= set(self._kernels)

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        kernel = self._kernels.get(kernel_id)
        if kernel is None:
            return
        if getattr(kernel, "execution_state", None) == "dead":
            await super().cull_kernel_if_idle(kernel_id)  # type: ignore[no-untyped-call]  # shuts a dead kernel down at once
            return
        busy = not self.cull_busy and getattr(kernel, "execution_state", None) == "busy"
        if busy or self._kernel_connections.get(kernel_id, 0) > 0:
            self._unwatched.pop(kernel_id, None)  # the clock starts again when it is done, or left
            return
        now = time.monotonic()
        since = self._unwatched.setdefault(kernel_id, now)
        limit = float(self.cull_idle_timeout)
        if kernel_id not in self._connected_once:
            limit = max(limit, FIRST_CONNECT_GRACE)  # its page may still be loading
        if now - since >= limit:
            self.log.warning(
                "Culling kernel %s: no page has been connected to it for %d s", kernel_id, int(now - since)
            )
            await self.shutdown_kernel(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, now: bool = False, restart: bool = False) -> None:  # type: ignore[override]
        self._unwatched.pop(kernel_id, None)
        self._connected_once.discard(kernel_id)
        # Voila keeps the request info of every page served by a preheated kernel until a kernel-side
        # reader asks for it (the dashboard never does): forgotten with the kernel, memory stays bounded.
        RequestInfoSocketHandler._cache.pop(kernel_id, None)
        await super().shutdown_kernel(kernel_id, now=now, restart=restart)  # type: ignore[no-untyped-call]
