"""cxgov.dashboard.kernels: a kernel is culled once no page has been connected to it for a while."""

from __future__ import annotations

import asyncio
import time

import pytest

from cxgov.dashboard import kernels
from cxgov.dashboard.kernels import DashboardKernelManager


async def _cull_until(km: DashboardKernelManager, kid: str, seconds: float) -> float | None:
    """Run the culler's check every 0.2 s; the seconds until kid was shut down, or None."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        await km.cull_kernel_if_idle(kid)
        if kid not in km:
            return time.monotonic() - start
        await asyncio.sleep(0.2)
    return None


@pytest.mark.slow
def test_a_kernel_no_page_connected_to_yet_gets_the_grace_and_one_left_is_culled_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kernels, "FIRST_CONNECT_GRACE", 4.0)

    async def scenario() -> tuple[float | None, float | None, float | None]:
        km = DashboardKernelManager()
        km.cull_idle_timeout = 1
        try:
            waiting = await km.start_kernel()  # a visit's kernel whose page is still loading
            left = await km.start_kernel()  # a visit whose page connected, then went away
            km.notify_connect(left)
            km.notify_disconnect(left)
            await asyncio.sleep(3)  # both kernels start and go quiet
            culled_left = await _cull_until(km, left, 3)
            early = await _cull_until(km, waiting, 1.5)  # past the timeout, within the grace: kept
            later = await _cull_until(km, waiting, 6)
            return culled_left, early, later
        finally:
            await km.shutdown_all(now=True)

    culled_left, early, later = asyncio.run(scenario())
    assert culled_left is not None and culled_left < 2.5  # the 1 s timeout (checks every 0.2 s)
    assert early is None  # a page still loading keeps its kernel past the timeout
    assert later is not None  # ... but not past the grace
