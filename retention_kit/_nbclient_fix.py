"""Work around a lost wake-up that can freeze a notebook cell that displays a widget app.

While a cell runs, nbclient mirrors every ``Output`` widget (our apps' charts) by sending
``comm_msg`` s on the kernel's shell socket, from another coroutine than the one awaiting the
cell's ``execute_reply`` on that same socket. With pyzmq's asyncio sockets the send can eat the
edge-triggered "readable" notification: the reply sits in the socket and the waiter sleeps until
its timeout — the cell timeout for nbclient / papermill (jupyter/nbclient#312, unmerged PR
#311), forever for Voila (voila-dashboards/voila#1428). Polling in 0.1 s slices re-checks the
socket, so a missed wake-up costs at most 0.1 s; ``get_msg`` is otherwise unchanged.

Installed by the notebook tests and the app mode (Voila).
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

STEP = 0.1  # seconds per poll of the socket


def install() -> None:
    """Patch ``AsyncZMQSocketChannel.get_msg`` once per process (idempotent)."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    if getattr(AsyncZMQSocketChannel.get_msg, "_retention_kit_fix", False):
        return

    async def get_msg(self: Any, timeout: float | None = None) -> dict:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = STEP if deadline is None else min(STEP, max(0.0, deadline - time.monotonic()))
            if await self.socket.poll(int(left * 1000)):
                return await self._recv()
            if deadline is not None and time.monotonic() >= deadline:
                raise Empty

    get_msg._retention_kit_fix = True  # type: ignore[attr-defined]
    AsyncZMQSocketChannel.get_msg = get_msg  # type: ignore[method-assign]
