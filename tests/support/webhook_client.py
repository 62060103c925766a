"""Playing Telegram against Fonder's webhook: the update it POSTs, a free port to serve it on,
and the wait until the worker(s) answer. Shared by the webhook tests and bench/workers.py."""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

import aiohttp


def text_update(update_id: int, user: int, text: str) -> dict[str, Any]:
    """A private text message from `user`, as Telegram POSTs it to a webhook."""
    person = {"id": user, "is_bot": False, "first_name": "Sam", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user, "type": "private", "first_name": "Sam"},
            "from": person,
            "text": text,
        },
    }


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_healthy(http: aiohttp.ClientSession, base: str, timeout: float = 90) -> None:
    """Until /healthz answers 200 (every worker started: they share the port)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            async with http.get(f"{base}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    raise TimeoutError(f"{base} never became healthy")
